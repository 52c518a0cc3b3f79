package dev.schemagate.model.change;

/** How a column's new type relates to its old one, as the dialect's type facts decide. */
public enum TypeChange {
    /** Same storage: the server changes only the catalog (e.g. PostgreSQL varchar(50) to varchar(100) or text). */
    BINARY_COERCIBLE,
    /** Every old value fits, but the storage differs, so the table is rewritten (e.g. integer to bigint). */
    WIDENING,
    /** Some old values may not fit: they fail the change or are cut (e.g. varchar(100) to varchar(50)). */
    NARROWING,
    /** Different families (e.g. text to integer): needs a USING expression and may fail on existing values. */
    INCOMPATIBLE,
    /** The old type is unknown (no prior schema or history). */
    UNKNOWN
}
