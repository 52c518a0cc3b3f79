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

}
