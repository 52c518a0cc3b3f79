package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER COLUMN ... SET DEFAULT. */
public final class SetDefault extends Change {
    private final String columnName;
    private final String defaultExpr;
    private final Volatility volatility;

    public SetDefault(Statement statement, QualifiedName table, String columnName, String defaultExpr, Volatility volatility) {
        super(statement, table);
        this.columnName = columnName;
        this.defaultExpr = defaultExpr;
        this.volatility = volatility;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.SET_DEFAULT;
    }

    @Override
    public String describe() {
        return "set default on " + getTable() + "." + columnName;
    }

    public String getColumnName() {
        return columnName;
    }

    public String getDefaultExpr() {
        return defaultExpr;
    }

    public Volatility getVolatility() {
        return volatility;
    }

}
