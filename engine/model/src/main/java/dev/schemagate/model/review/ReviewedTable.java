package dev.schemagate.model.review;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.Change;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A table of the schema after the whole history was replayed, as a fact for design-review rules: the table, the
 * catalog around it (indexes, referenced tables, types), the change findings are reported at, and what the checked
 * migrations themselves declared. Change rules already judge what a migration declares; review rules judge the end
 * state, and skip what {@link #declaredColumn(String)} or {@link #declaredConstraint(ConstraintDef)} say a change
 * rule of the same id has seen, so one problem gives one finding.
 */
public final class ReviewedTable {
    private final TableDef table;
    private final Catalog catalog;
    private final Change anchor;
    private final boolean touched;
    private final Set<String> declaredColumns;
    private final Set<String> judgedFiles;
    private final ReviewPolicy policy;
    private final java.util.function.Function<QualifiedName, Long> rows;

    /**
     * @param anchor          the last checked change on the table, else the last replayed one (its position is where
     *                        findings point)
     * @param touched         a checked migration changed the table
     * @param declaredColumns lower-case names of the columns a checked change declared (created, added or retyped),
     *                        and {@code fk:a,b} for each foreign key a checked change declared without an index
     * @param judgedFiles     paths of the checked migration files
     * @param rows            row counts by table from the stats, null when unknown
     */
    public ReviewedTable(TableDef table, Catalog catalog, Change anchor, boolean touched, Set<String> declaredColumns,
                         Set<String> judgedFiles, ReviewPolicy policy,
                         java.util.function.Function<QualifiedName, Long> rows) {
        this.rows = rows == null ? n -> null : rows;
        this.table = table;
        this.catalog = catalog;
        this.anchor = anchor;
        this.touched = touched;
        this.declaredColumns = Set.copyOf(declaredColumns);
        this.judgedFiles = Set.copyOf(judgedFiles);
        this.policy = policy == null ? new ReviewPolicy() : policy;
    }

    public TableDef getTable() {
        return table;
    }

    public QualifiedName getName() {
        return table.getName();
    }

    /** The table name without schema. */
    public String getTableName() {
        return table.getName().getName();
    }

    public Catalog getCatalog() {
        return catalog;
    }

    public Change getAnchor() {
        return anchor;
    }

    public boolean isTouched() {
        return touched;
    }

    public ReviewPolicy getPolicy() {
        return policy;
    }

    public boolean isPlainTable() {
        return table.getKind() == TableDef.Kind.TABLE;
    }

    /** A checked change declared this column, so the change rules judged its type already. */
    public boolean declaredColumn(String column) {
        return declaredColumns.contains(column.toLowerCase(Locale.ROOT));
    }

    /** The constraint was added by a checked migration, so the change rules judged it already. */
    public boolean declaredConstraint(ConstraintDef c) {
        return c.getAddedIn() != null && judgedFiles.contains(c.getAddedIn());
    }

    /**
     * A checked change declared a foreign key on these columns that had no index once its file had run, so the
     * change rule reported it.
     */
    public boolean flaggedForeignKey(List<String> columns) {
        return declaredColumns.contains("fk:" + String.join(",", columns).toLowerCase(Locale.ROOT));
    }

    public List<IndexDef> getIndexes() {
        return catalog.indexesOf(table.getName());
    }

    public List<ConstraintDef> constraintsOf(ConstraintKind kind) {
        return table.constraintsOf(kind);
    }

    public ColumnDef column(String n) {
        return table.column(n);
    }

    /** Row count from the stats, or null when unknown. */
    public Long getRows() {
        return table.getRows() != null ? table.getRows() : rowsOf(table.getName());
    }

    /** Row count of any table from the stats, or null when unknown. */
    public Long rowsOf(QualifiedName t) {
        return rows.apply(t);
    }

    public boolean rowsAtLeast(long n) {
        Long r = getRows();
        return r != null && r >= n;
    }

    /** Known to hold at least {@link ReviewPolicy#getLargeRows()} rows. */
    public boolean isLarge() {
        return rowsAtLeast(policy.getLargeRows());
    }

    @Override
    public String toString() {
        return "review " + table.getName();
    }
}
