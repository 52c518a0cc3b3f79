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
