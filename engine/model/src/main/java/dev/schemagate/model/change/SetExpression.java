package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER COLUMN ... SET EXPRESSION AS (...) or DROP EXPRESSION on a generated column. */
public final class SetExpression extends Change {
    private final String columnName;
    private final String expression;

    public SetExpression(Statement statement, QualifiedName table, String columnName, String expression) {
        super(statement, table);
        this.columnName = columnName;
        this.expression = expression;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.SET_EXPRESSION;
    }

    @Override
    public String describe() {
        return "set expression on " + getTable() + "." + columnName;
    }

    public String getColumnName() {
        return columnName;
    }

    /** The new expression, or null for DROP EXPRESSION. */
    public String getExpression() {
        return expression;
    }

}
