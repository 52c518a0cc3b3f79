package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE ... RENAME COLUMN (or MySQL CHANGE with only a new name). */
public final class RenameColumn extends Change {
    private final String columnName;
    private final String newName;
    private dev.schemagate.model.catalog.ColumnDef before;

    public RenameColumn(Statement statement, QualifiedName table, String columnName, String newName) {
        super(statement, table);
        this.columnName = columnName;
        this.newName = newName;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.RENAME_COLUMN;
    }

    @Override
    public String describe() {
        return "rename column " + getTable() + "." + columnName + " to " + newName;
    }

    public String getColumnName() {
        return columnName;
    }

    public String getNewName() {
        return newName;
    }

    /** The column before the rename, or null when unknown (set during replay). */
    public dev.schemagate.model.catalog.ColumnDef getBefore() {
        return before;
    }

    public void setBefore(dev.schemagate.model.catalog.ColumnDef before) {
        this.before = before;
    }

}
