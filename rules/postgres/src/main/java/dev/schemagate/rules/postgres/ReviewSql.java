package dev.schemagate.rules.postgres;

import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.review.ReviewedTable;
import dev.schemagate.rules.common.CatalogReview;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL facts and fixes for design review of the replayed schema (rules over {@code /tables}). The change
 * rules of the same ids judge what a checked migration declares; these judge the rest of the end state.
 */
public final class ReviewSql {
    /** Below this many rows an exact (sequential) nearest-neighbour scan is fast enough: no ANN index needed. */
    public static final long VECTOR_EXACT_SCAN_ROWS = 10_000;
    /** From this many rows an HNSW build needs more memory and hours; IVFFlat builds far faster. */
    public static final long VECTOR_IVFFLAT_ROWS = 50_000_000;

    private ReviewSql() {
    }

    private static String type(ColumnDef c) {
        return c.getType().getName().toLowerCase(Locale.ROOT);
    }

    private static String tbl(ReviewedTable t) {
        return PgSql.table(t.getName());
    }

    private static String col(String c) {
        return PgSql.ident(c);
    }

    /** Columns of a type, not declared by a checked change (the change rule reported those). */
    private static List<ColumnDef> undeclared(ReviewedTable t, String... names) {
        List<ColumnDef> out = new ArrayList<>();
        for (ColumnDef c : t.getTable().getColumns()) {
            if (!t.declaredColumn(c.getName()) && !c.getType().isArray()
                    && java.util.Arrays.asList(names).contains(type(c))) {
                out.add(c);
            }
        }
        return out;
    }

    public static List<DesignSql.Hit> timestampColumns(ReviewedTable t) {
        List<DesignSql.Hit> out = new ArrayList<>();
        for (ColumnDef c : undeclared(t, "timestamp")) {
            out.add(new DesignSql.Hit(t.getName() + "." + c.getName() + " is timestamp without time zone",
                    "ALTER TABLE " + tbl(t) + " ALTER COLUMN " + col(c.getName()) + " TYPE timestamptz;"
                    + "\n-- rewrites the table unless the session TimeZone is UTC (PostgreSQL 12+)"));
        }
        return out;
    }

    public static List<DesignSql.Hit> jsonColumns(ReviewedTable t) {
        List<DesignSql.Hit> out = new ArrayList<>();
        for (ColumnDef c : undeclared(t, "json")) {
            out.add(new DesignSql.Hit("Column " + c.getName() + " on " + t.getName() + " is json: DISTINCT, GROUP BY, UNION"
                    + " and = on it fail, and it cannot have a btree or GIN index; use jsonb",
                    "ALTER TABLE " + tbl(t) + " ALTER COLUMN " + col(c.getName()) + " TYPE jsonb USING " + col(c.getName())
                    + "::jsonb;\n-- rewrites the table: on a large table add a jsonb column and backfill it instead"));
        }
        return out;
    }

    public static List<DesignSql.Hit> varcharColumns(ReviewedTable t) {
        List<DesignSql.Hit> out = new ArrayList<>();
        for (ColumnDef c : undeclared(t, "varchar")) {
            if (!c.getType().hasPrecision()) {
                continue;
            }
            out.add(new DesignSql.Hit(t.getName() + "." + c.getName() + " is " + c.getType().display() + ": the length"
                    + " limit saves no space over text, and raising it is free since PostgreSQL 9.2 (lowering it rewrites"
                    + " the table), so this is a matter of style; prefer text, with a CHECK when the limit is a rule of the"
                    + " data",
                    "ALTER TABLE " + tbl(t) + " ALTER COLUMN " + col(c.getName()) + " TYPE text;  -- catalog-only: varchar to"
                    + " text does not rewrite"));
        }
        return out;
    }

    public static List<DesignSql.Hit> charColumns(ReviewedTable t) {
        List<DesignSql.Hit> out = new ArrayList<>();
        for (ColumnDef c : undeclared(t, "char")) {
            out.add(new DesignSql.Hit(t.getName() + "." + c.getName() + " is " + c.getType().display() + ": values are"
                    + " blank-padded to the length, and trailing blanks are ignored in comparisons",
                    "ALTER TABLE " + tbl(t) + " ALTER COLUMN " + col(c.getName()) + " TYPE text;  -- rewrites the table"));
        }
        return out;
    }

    /** 32-bit or 16-bit primary-key columns not declared by a checked change; HIGH when the stats show growth. */
    public static List<DesignSql.Hit> smallIntegerKeys(ReviewedTable t) {
        List<DesignSql.Hit> out = new ArrayList<>();
        ConstraintDef pk = t.getTable().primaryKey();
        if (pk == null) {
            return out;
        }
        for (String n : pk.getColumns()) {
            ColumnDef c = t.column(n);
            if (c == null || t.declaredColumn(n) || c.getType().isArray()) {
                continue;
            }
            String ty = type(c);
            boolean small = ty.equals("smallint") || ty.equals("int2");
            if (!small && !ty.equals("integer") && !ty.equals("int4")) {
                continue;
            }
            long max = small ? 32_767L : 2_147_483_647L;
            Long rows = t.getRows();
            Double wps = t.getTable().getWritesPerSecond();
            String used = rows == null ? "" : String.format("; %,d rows already (%.1f%% of %,d values)", rows, 100.0 * rows / max, max);
            out.add(new DesignSql.Hit(t.getName() + "." + n + " is a " + (small ? "16-bit" : "32-bit") + " primary key ("
                    + c.getType().display() + ", at most " + String.format("%,d", max) + " values)" + used
                    + (wps == null ? "" : String.format(", %.0f writes/s", wps)) + ": changing it to bigint later rewrites the"
                    + " table and every column that references it, under an ACCESS EXCLUSIVE lock",
                    "-- expand/contract to bigint: add a bigint column, fill it with a trigger and a batched backfill,\n"
                    + "-- build a unique index CONCURRENTLY, then swap the key in one short transaction\n"
                    + "ALTER TABLE " + tbl(t) + " ADD COLUMN " + col(n + "_new") + " bigint;"));
        }
        return out;
    }

    /**
     * Growing: the stats show a tenth of the 32-bit range used, or the write rate (as inserts) would use the rest within
     * three years.
     */
    public static boolean keysRunningOut(ReviewedTable t) {
        Long rows = t.getRows();
        Double wps = t.getTable().getWritesPerSecond();
        if (rows == null) {
            return false;
        }
        double max = 2_147_483_647d;
        return rows >= max / 10 || (wps != null && wps > 0 && (max - rows) / wps < 3 * 365.25 * 86_400);
    }

    // ------------------------------------------------------------------ fixes for the neutral hits

    public static String createIndex(ReviewedTable t, List<String> cols) {
        List<String> idents = new ArrayList<>();
        for (String c : cols) {
            idents.add(col(c));
        }
        return "CREATE INDEX CONCURRENTLY " + col(t.getTableName() + "_" + String.join("_", cols) + "_idx") + " ON " + tbl(t)
                + " (" + String.join(", ", idents) + ");\n-- outside a transaction block";
    }

    public static String addPrimaryKey(ReviewedTable t) {
        List<String> cand = CatalogReview.primaryKeyCandidate(t);
        if (!cand.isEmpty()) {
            IndexDef u = null;
            for (IndexDef i : t.getIndexes()) {
                if (i.isUnique() && i.getColumns().equals(cand)) {
                    u = i;
                    break;
                }
            }
            return "ALTER TABLE " + tbl(t) + " ADD CONSTRAINT " + col(t.getTableName() + "_pkey") + " PRIMARY KEY USING INDEX "
                    + col(u == null ? cand.get(0) : u.getName()) + ";  -- the unique index on NOT NULL columns becomes the key";
        }
        return "ALTER TABLE " + tbl(t) + " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY " + col(t.getTableName() + "_pkey") + " ON " + tbl(t) + " (id);\n"
                + "ALTER TABLE " + tbl(t) + " ADD CONSTRAINT " + col(t.getTableName() + "_pkey") + " PRIMARY KEY USING INDEX "
                + col(t.getTableName() + "_pkey") + ";";
    }

    public static String dropIndex(String index) {
        return "DROP INDEX CONCURRENTLY " + col(index) + ";";
    }

    public static String retypeForeignKey(ReviewedTable t, CatalogReview.Hit h) {
        return "-- make " + h.columns.get(0) + " " + h.columns.get(1) + " like the column it references; on a large table"
                + " with expand/contract (new column, trigger, backfill), not ALTER COLUMN ... TYPE, which rewrites it\n"
                + "ALTER TABLE " + tbl(t) + " ALTER COLUMN " + col(h.columns.get(0)) + " TYPE " + h.columns.get(1) + ";";
    }

    public static String setNotNull(ReviewedTable t, CatalogReview.Hit h) {
        return "ALTER TABLE " + tbl(t) + " ALTER COLUMN " + col(h.columns.get(0)) + " SET NOT NULL;  -- PostgreSQL 12+ uses"
                + " the validated CHECK " + h.object + " and skips the scan\nALTER TABLE " + tbl(t) + " DROP CONSTRAINT "
                + col(h.object) + ";";
    }

    public static String cascadeFix(ReviewedTable t, CatalogReview.Hit h) {
        return "-- keep ON DELETE CASCADE only where the child rows are few; otherwise delete children in batches first:\n"
                + "ALTER TABLE " + tbl(t) + " DROP CONSTRAINT " + col(h.object) + ",\n  ADD CONSTRAINT " + col(h.object)
                + " FOREIGN KEY (" + String.join(", ", h.columns) + ") REFERENCES ... ON DELETE RESTRICT NOT VALID;";
    }

    // ------------------------------------------------------------------ pgvector

    private static boolean isVector(ColumnDef c) {
        String ty = type(c);
        return ty.equals("vector") || ty.equals("halfvec") || ty.equals("sparsevec");
    }

    /** Vector columns whose dimension is missing or differs from what the configured embedding model produces. */
    public static List<DesignSql.Hit> vectorDimensions(ReviewedTable t) {
        List<DesignSql.Hit> out = new ArrayList<>();
        for (ColumnDef c : t.getTable().getColumns()) {
            if (!isVector(c)) {
                continue;
            }
            Integer want = t.getPolicy().embeddingDimensionOf(t.getTableName(), c.getName());
            int have = c.getType().hasPrecision() ? c.getType().getPrecision() : -1;
            String fix = "ALTER TABLE " + tbl(t) + " ALTER COLUMN " + col(c.getName()) + " TYPE " + type(c) + "("
                    + (want == null ? "N" : want) + ");  -- only on an empty column: existing vectors keep their dimension"
                    + " and the cast fails";
            if (have < 0) {
                out.add(new DesignSql.Hit(t.getName() + "." + c.getName() + " is " + type(c) + " without a dimension: it"
                        + " accepts vectors of any length, mixes embedding models silently, and HNSW and IVFFlat indexes need a"
                        + " fixed dimension" + (want == null ? "" : "; the embedding model produces " + want), fix));
            } else if (want != null && want != have) {
                out.add(new DesignSql.Hit(t.getName() + "." + c.getName() + " is " + c.getType().display() + " but the"
                        + " embedding model produces " + want + " dimensions (review.embedding_dimension): every INSERT of"
                        + " an embedding fails with \"expected " + have + " dimensions, not " + want + "\"", fix));
            }
        }
        return out;
    }

    /** The ANN index choice for each vector column, by table size, with the reason. */
    public static List<DesignSql.Hit> vectorIndexes(ReviewedTable t) {
        List<DesignSql.Hit> out = new ArrayList<>();
        Long rows = t.getRows();
        for (ColumnDef c : t.getTable().getColumns()) {
            if (!isVector(c) || type(c).equals("sparsevec")) {
                continue;
            }
            String method = null;
            String idxName = null;
            for (IndexDef i : t.getIndexes()) {
                String m = i.getMethod() == null ? "" : i.getMethod().toLowerCase(Locale.ROOT);
                if ((m.equals("hnsw") || m.equals("ivfflat")) && i.getColumns().stream().anyMatch(x ->
                        x.toLowerCase(Locale.ROOT).replaceAll("\\s.*", "").equals(c.getName().toLowerCase(Locale.ROOT)))) {
                    method = m;
                    idxName = i.getName();
                }
            }
            String size = rows == null ? "size unknown (no stats)" : String.format("%,d rows", rows);
            String hnsw = "CREATE INDEX CONCURRENTLY " + col(t.getTableName() + "_" + c.getName() + "_hnsw") + " ON " + tbl(t)
                    + " USING hnsw (" + col(c.getName()) + " vector_cosine_ops);  -- the opclass must match the query's"
                    + " distance operator (<=> cosine, <-> L2, <#> inner product)";
            long lists = rows == null ? 1000 : Math.max(10, rows <= 1_000_000 ? rows / 1000 : (long) Math.sqrt(rows));
            String ivf = "SET maintenance_work_mem = '2GB';\nCREATE INDEX CONCURRENTLY " + col(t.getTableName() + "_" + c.getName()
                    + "_ivfflat") + " ON " + tbl(t) + " USING ivfflat (" + col(c.getName()) + " vector_cosine_ops) WITH (lists = "
                    + lists + ");  -- build after the data is loaded; query with SET ivfflat.probes = " + Math.max(1,
                    (long) Math.sqrt(lists));
            if (method == null) {
                if (rows != null && rows < VECTOR_EXACT_SCAN_ROWS) {
                    continue;
                }
                boolean huge = rows != null && rows >= VECTOR_IVFFLAT_ROWS;
                out.add(new DesignSql.Hit(t.getName() + "." + c.getName() + " has no HNSW or IVFFlat index (" + size
                        + "): every nearest-neighbour query computes the distance to every row. " + (huge
                        ? "At this size choose IVFFlat: it builds in a fraction of HNSW's time and memory; lists = sqrt(rows)"
                        : "Choose HNSW: better speed/recall trade-off, no training step, so it can be built on an empty table and"
                        + " stays good as rows are added"), huge ? ivf : hnsw));
            } else if (method.equals("ivfflat") && rows != null && rows < VECTOR_IVFFLAT_ROWS) {
                out.add(new DesignSql.Hit("IVFFlat index " + idxName + " on " + t.getName() + "." + c.getName() + " (" + size
                        + "): its lists are trained on the rows present when it is built, so recall drops as data is added"
                        + " or changes until it is rebuilt; below " + String.format("%,d", VECTOR_IVFFLAT_ROWS) + " rows HNSW"
                        + " builds in acceptable time and needs no retraining", hnsw));
            } else if (method.equals("hnsw") && rows != null && rows >= VECTOR_IVFFLAT_ROWS) {
                out.add(new DesignSql.Hit("HNSW index " + idxName + " on " + t.getName() + "." + c.getName() + " (" + size
                        + "): building or rebuilding it takes hours and needs the graph in maintenance_work_mem to be fast;"
                        + " IVFFlat builds far faster at this size if slightly lower recall is acceptable", ivf));
            }
        }
        return out;
    }
}
