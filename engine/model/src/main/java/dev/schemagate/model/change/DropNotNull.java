package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER COLUMN ... DROP NOT NULL. */
public final class DropNotNull extends Change {
    private final String columnName;

    public DropNotNull(Statement statement, QualifiedName table, String columnName) {
        super(statement, table);
        this.columnName = columnName;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.DROP_NOT_NULL;
    }

    @Override
    public String describe() {
        return "drop not null on " + getTable() + "." + columnName;
    }

    public String getColumnName() {
        return columnName;
    }

    private dev.schemagate.model.catalog.ColumnDef before;

    /** The column as it was before this change (filled in by the replay), or null when unknown. */
    public dev.schemagate.model.catalog.ColumnDef getBefore() {
        return before;
    }

    public void setBefore(dev.schemagate.model.catalog.ColumnDef before) {
        this.before = before;
    }

}
