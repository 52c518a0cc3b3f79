package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE ... DROP COLUMN. */
public final class DropColumn extends Change {
    private final String columnName;
    private final boolean ifExists;
    private final boolean cascade;
    private dev.schemagate.model.catalog.ColumnDef before;

    public DropColumn(Statement statement, QualifiedName table, String columnName, boolean ifExists, boolean cascade) {
        super(statement, table);
        this.columnName = columnName;
        this.ifExists = ifExists;
        this.cascade = cascade;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.DROP_COLUMN;
    }

    @Override
    public String describe() {
        return "drop column " + getTable() + "." + columnName;
    }

    public String getColumnName() {
        return columnName;
    }

    public boolean isIfExists() {
        return ifExists;
    }

    /**
     * DROP COLUMN IF EXISTS of a column the replayed history says the table does not have (an earlier migration
     * dropped it, or never added it): nothing is dropped, so nothing is lost. False when the table is not known.
     */
    public boolean isKnownAbsent() {
        return ifExists && before == null && getCtx() != null && getCtx().isTableKnown();
    }

    public boolean isCascade() {
        return cascade;
    }

    /** The column as the catalog knew it, or null (set during replay). */
    public dev.schemagate.model.catalog.ColumnDef getBefore() {
        return before;
    }

    public void setBefore(dev.schemagate.model.catalog.ColumnDef before) {
        this.before = before;
    }

}
