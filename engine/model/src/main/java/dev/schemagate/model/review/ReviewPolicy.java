package dev.schemagate.model.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the design review is told by configuration: whether it covers the whole schema ({@code --review},
 * {@code review: true}) or only the tables the checked migrations touch, what the embedding model produces
 * (vector dimensions), the size at which a table counts as large, and the indexes and constraints each table must
 * have ({@code require:}).
 */
public final class ReviewPolicy {
    /** What one table must have; every list entry is one demanded object. */
    public static final class Requirement {
        /** Column lists that must lead a unique index (or be a primary key / unique constraint). */
        public final List<List<String>> uniqueIndexes = new ArrayList<>();
        /** Column lists that must lead some index. */
        public final List<List<String>> indexes = new ArrayList<>();
        /** Columns a CHECK constraint must mention. */
        public final List<String> checks = new ArrayList<>();
        /** Columns that must be NOT NULL. */
        public final List<String> notNull = new ArrayList<>();
        /** Whether a primary key is demanded. */
        public boolean primaryKey;

        public boolean isEmpty() {
            return uniqueIndexes.isEmpty() && indexes.isEmpty() && checks.isEmpty() && notNull.isEmpty() && !primaryKey;
        }
    }

    /** Rows from which a table counts as large (cascades, vector index choice). */
    public static final long DEFAULT_LARGE_ROWS = 1_000_000L;

    private boolean all;
    private Integer embeddingDimension;
    private final Map<String, Integer> embeddingDimensions = new TreeMap<>();
    private long largeRows = DEFAULT_LARGE_ROWS;
    private final Map<String, Requirement> required = new TreeMap<>();

    /** The review covers every table of the replayed schema, not only the ones the checked migrations touch. */
    public boolean isAll() {
        return all;
    }

    public ReviewPolicy setAll(boolean all) {
        this.all = all;
        return this;
    }

    /** Dimension the embedding model produces, for every vector column without its own entry; null when not said. */
    public Integer getEmbeddingDimension() {
        return embeddingDimension;
    }

    public ReviewPolicy setEmbeddingDimension(Integer d) {
        this.embeddingDimension = d;
        return this;
    }

    /** Dimensions per {@code table.column} (lower case). */
    public Map<String, Integer> getEmbeddingDimensions() {
        return embeddingDimensions;
    }

    /** The dimension demanded for {@code table.column}, or null when configuration says nothing. */
    public Integer embeddingDimensionOf(String table, String column) {
        Integer d = embeddingDimensions.get((table + "." + column).toLowerCase(Locale.ROOT));
        return d != null ? d : embeddingDimension;
    }

    public long getLargeRows() {
        return largeRows;
    }

    public ReviewPolicy setLargeRows(long rows) {
        this.largeRows = rows;
        return this;
    }

    /** Requirements per table name (lower case, with or without schema). */
    public Map<String, Requirement> getRequired() {
        return required;
    }

    public Requirement requirement(String table) {
        return required.computeIfAbsent(table.toLowerCase(Locale.ROOT), k -> new Requirement());
    }
}
