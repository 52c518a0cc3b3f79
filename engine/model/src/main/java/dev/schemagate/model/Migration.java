package dev.schemagate.model;

import java.util.Objects;

/**
 * One migration script as the migration tool sees it: where it is, its place in the order, its dialect and
 * direction, and whether the tool runs it inside a transaction.
 */
public final class Migration {
    public enum Direction { UP, DOWN }

    /** How the migration tool runs a file with respect to transactions. */
    public enum TxMode {
        /** Each statement runs on its own (autocommit), unless the file says BEGIN. */
        NONE,
        /** The tool wraps the whole file in one transaction (Flyway, Liquibase, dbmate, Prisma on PostgreSQL). */
        WRAPPED,
        /**
         * The tool sends the file as one multi-statement string, which PostgreSQL runs as one implicit transaction
         * when it holds more than one statement (golang-migrate).
         */
        IMPLICIT,
        /** Not known: the {@code assume-in-transaction} setting decides. */
        UNKNOWN
    }

    private final String path;
    private final String id;
    private final Dialect dialect;
    private final Direction direction;
    private final String tool;
    private final TxMode txMode;

    public Migration(String path, String id, Dialect dialect, Direction direction, String tool, TxMode txMode) {
        this.path = Objects.requireNonNull(path);
        this.id = id == null ? path : id;
        this.dialect = dialect;
        this.direction = direction == null ? Direction.UP : direction;
        this.tool = tool == null ? "plain" : tool;
        this.txMode = txMode == null ? TxMode.UNKNOWN : txMode;
    }

    /** Display path, relative to where the user pointed SchemaGate, with forward slashes. */
    public String getPath() {
        return path;
    }

    /** Version or name that orders this migration (e.g. {@code V3__add_email}, {@code 20240101_init}). */
    public String getId() {
        return id;
    }

    public Dialect getDialect() {
        return dialect;
    }

    public Direction getDirection() {
        return direction;
    }

    public String getTool() {
        return tool;
    }

    public TxMode getTxMode() {
        return txMode;
    }

    public Migration withDialect(Dialect d) {
        return new Migration(path, id, d, direction, tool, txMode);
    }

    @Override
    public String toString() {
        return path;
    }
}
