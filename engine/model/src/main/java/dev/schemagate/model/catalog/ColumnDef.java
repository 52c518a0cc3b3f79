package dev.schemagate.model.catalog;

/** A column as the catalog knows it after replaying every statement so far. Immutable: changes make copies. */
public final class ColumnDef {
    private final String name;
    private final ColumnType type;
    private final boolean nullable;
    private final String defaultExpr;
    private final boolean generated;
    private final boolean identity;

    public ColumnDef(String name, ColumnType type, boolean nullable, String defaultExpr, boolean generated,
                     boolean identity) {
        this.name = name;
        this.type = type;
        this.nullable = nullable;
        this.defaultExpr = defaultExpr;
        this.generated = generated;
        this.identity = identity;
    }

    public String getName() {
        return name;
    }

    public ColumnType getType() {
        return type;
    }

    public boolean isNullable() {
        return nullable;
    }

    public String getDefaultExpr() {
        return defaultExpr;
    }

    public boolean hasDefault() {
        return defaultExpr != null;
    }

    public boolean isGenerated() {
        return generated;
    }

    public boolean isIdentity() {
        return identity;
    }

    public ColumnDef withName(String n) {
        return new ColumnDef(n, type, nullable, defaultExpr, generated, identity);
    }

    public ColumnDef withType(ColumnType t) {
        return new ColumnDef(name, t, nullable, defaultExpr, generated, identity);
    }

    public ColumnDef withNullable(boolean n) {
        return new ColumnDef(name, type, n, defaultExpr, generated, identity);
    }

    public ColumnDef withDefault(String d) {
        return new ColumnDef(name, type, nullable, d, generated, identity);
    }

    @Override
    public String toString() {
        return name + " " + type + (nullable ? "" : " NOT NULL") + (defaultExpr == null ? "" : " DEFAULT " + defaultExpr);
    }
}
