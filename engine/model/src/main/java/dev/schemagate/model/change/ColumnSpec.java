package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.ColumnType;
import java.util.List;

/** A column as a CREATE TABLE or ADD COLUMN declares it, including inline constraints. */
public final class ColumnSpec {
    public enum Generated { NONE, STORED, VIRTUAL }

    private final String name;
    private final ColumnType type;
    private final boolean notNull;
    private final String defaultExpr;
    private final Volatility defaultVolatility;
    private final Generated generated;
    private final String generatedExpr;
    private final boolean identity;
    private final boolean serial;
    private final boolean primaryKey;
    private final boolean unique;
    private final QualifiedName references;
    private final List<String> referencesColumns;
    private final String check;
    private final String collation;

    public ColumnSpec(String name, ColumnType type, boolean notNull, String defaultExpr, Volatility defaultVolatility,
                      Generated generated, String generatedExpr, boolean identity, boolean serial, boolean primaryKey,
                      boolean unique, QualifiedName references, List<String> referencesColumns, String check,
                      String collation) {
        this.name = name;
        this.type = type;
        this.notNull = notNull;
        this.defaultExpr = defaultExpr;
        this.defaultVolatility = defaultExpr == null ? null
                : defaultVolatility == null ? Volatility.UNKNOWN : defaultVolatility;
        this.generated = generated == null ? Generated.NONE : generated;
        this.generatedExpr = generatedExpr;
        this.identity = identity;
        this.serial = serial;
        this.primaryKey = primaryKey;
        this.unique = unique;
        this.references = references;
        this.referencesColumns = referencesColumns == null ? List.of() : List.copyOf(referencesColumns);
        this.check = check;
        this.collation = collation;
    }

    public static ColumnSpec simple(String name, ColumnType type, boolean notNull) {
        return new ColumnSpec(name, type, notNull, null, null, Generated.NONE, null, false, false, false, false, null,
                null, null, null);
    }

    public String getName() {
        return name;
    }

    public ColumnType getType() {
        return type;
    }

    public String getTypeName() {
        return type == null ? "" : type.getName();
    }

    /** NOT NULL written, or implied by PRIMARY KEY. */
    public boolean isNotNull() {
        return notNull || primaryKey;
    }

    public String getDefaultExpr() {
        return defaultExpr;
    }

    public boolean hasDefault() {
        return defaultExpr != null;
    }

    public Volatility getDefaultVolatility() {
        return defaultVolatility;
    }

    /** A default that PostgreSQL cannot store once in the catalog: volatile or unknown. */
    public boolean isVolatileDefault() {
        return defaultVolatility == Volatility.VOLATILE || defaultVolatility == Volatility.UNKNOWN;
    }

    public Generated getGenerated() {
        return generated;
    }

    public boolean isGeneratedStored() {
        return generated == Generated.STORED;
    }

    public boolean isGeneratedColumn() {
        return generated != Generated.NONE;
    }

    public String getGeneratedExpr() {
        return generatedExpr;
    }

    public boolean isIdentity() {
        return identity;
    }

    /** serial, bigserial, smallserial (or MySQL/SQLite auto-increment). */
    public boolean isSerial() {
        return serial;
    }

    public boolean isPrimaryKey() {
        return primaryKey;
    }

    public boolean isUnique() {
        return unique;
    }

    private String referencesOnDelete;

    /** The column-level REFERENCES clause's ON DELETE action (e.g. {@code CASCADE}), or null. */
    public String getReferencesOnDelete() {
        return referencesOnDelete;
    }

    /** Set by the reader that parsed the REFERENCES clause. */
    public ColumnSpec referencesOnDelete(String action) {
        this.referencesOnDelete = action;
        return this;
    }

    public QualifiedName getReferences() {
        return references;
    }

    public List<String> getReferencesColumns() {
        return referencesColumns;
    }

    public boolean isForeignKey() {
        return references != null;
    }

    public String getCheck() {
        return check;
    }

    public String getCollation() {
        return collation;
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
