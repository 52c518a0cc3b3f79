package dev.schemagate.model.change;

import java.util.List;

/** An index as CREATE INDEX (or an inline index in CREATE TABLE) declares it. */
public final class IndexSpec {
    private final String name;
    private final List<String> columns;
    private final boolean unique;
    private final String where;
    private final String method;
    private final List<String> include;

    public IndexSpec(String name, List<String> columns, boolean unique, String where, String method,
                     List<String> include) {
        this.name = name;
        this.columns = columns == null ? List.of() : List.copyOf(columns);
        this.unique = unique;
        this.where = where;
        this.method = method;
        this.include = include == null ? List.of() : List.copyOf(include);
    }

    public String getName() {
        return name;
    }

    /** Key columns or expressions, in order, as written (names normalised). */
    public List<String> getColumns() {
        return columns;
    }

    public boolean isUnique() {
        return unique;
    }

    public String getWhere() {
        return where;
    }

    public boolean isPartial() {
        return where != null;
    }

    public String getMethod() {
        return method;
    }

    public List<String> getInclude() {
        return include;
    }

    /** True when a key is an expression rather than a plain column. */
    public boolean hasExpression() {
        for (String c : columns) {
            if (c.contains("(") || c.contains(" ")) {
                return true;
            }
        }
        return false;
    }
}
