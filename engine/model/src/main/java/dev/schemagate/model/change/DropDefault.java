package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER COLUMN ... DROP DEFAULT. */
public final class DropDefault extends Change {
    private final String columnName;

    public DropDefault(Statement statement, QualifiedName table, String columnName) {
        super(statement, table);
        this.columnName = columnName;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.DROP_DEFAULT;
    }

    @Override
    public String describe() {
        return "drop default on " + getTable() + "." + columnName;
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
