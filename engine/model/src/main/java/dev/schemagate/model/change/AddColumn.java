package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE ... ADD COLUMN. */
public final class AddColumn extends Change {
    private final ColumnSpec column;
    private final boolean ifNotExists;
    private final String position;

    public AddColumn(Statement statement, QualifiedName table, ColumnSpec column, boolean ifNotExists, String position) {
        super(statement, table);
        this.column = column;
        this.ifNotExists = ifNotExists;
        this.position = position;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.ADD_COLUMN;
    }

    @Override
    public String describe() {
        return "add column " + getTable() + "." + column.getName();
    }

    public ColumnSpec getColumn() {
        return column;
    }

    public boolean isIfNotExists() {
        return ifNotExists;
    }

    /** MySQL FIRST / AFTER x, or null. */
    public String getPosition() {
        return position;
    }

    public String getColumnName() {
        return column.getName();
    }

}
