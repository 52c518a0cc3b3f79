package dev.schemagate.model.change;

/** How a default expression behaves, which decides whether PostgreSQL must rewrite the table to add it. */
public enum Volatility {
    /** A literal or an expression of literals. */
    CONSTANT,
    /** The same value for the whole statement (e.g. {@code now()}, {@code CURRENT_TIMESTAMP}). */
    STABLE,
    /** A new value per row (e.g. {@code gen_random_uuid()}, {@code clock_timestamp()}, {@code nextval()}). */
    VOLATILE,
    /** A function SchemaGate does not know; treated as volatile. */
    UNKNOWN
}
