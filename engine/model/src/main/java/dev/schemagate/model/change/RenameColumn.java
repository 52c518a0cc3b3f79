package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE ... RENAME COLUMN (or MySQL CHANGE with only a new name). */
public final class RenameColumn extends Change {
    private final String columnName;
    private final String newName;

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

}
