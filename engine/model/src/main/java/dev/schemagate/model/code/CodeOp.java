package dev.schemagate.model.code;

/**
 * One operation of a code migration, placed at the call in the source file (1-based line and column of its first
 * and last character). Exactly one of three shapes:
 * <ul>
 * <li>{@link #generated}: SQL the tool would run for an API call ({@code op.add_column(...)} becomes
 * {@code ALTER TABLE ... ADD COLUMN ...}); every statement of it is placed at the call;</li>
 * <li>{@link #literal}: an SQL string written in the code ({@code op.execute("...")}, {@code knex.raw(`...`)});
 * {@code line}/{@code column} are those of the string's first character, so positions inside it map back;</li>
 * <li>{@link #uncertain}: code whose effect cannot be known statically (a string built from variables, a loop, a
 * helper imported from elsewhere, {@code RunPython}); {@code reason} says what and why.</li>
 * </ul>
 * {@code outsideTransaction} marks an operation the tool runs outside the migration's transaction (Alembic
 * {@code autocommit_block()}).
 */
public record CodeOp(Shape shape, int line, int column, int endLine, int endColumn, String sql, String table,
                     String reason, String call, boolean outsideTransaction) {
    public enum Shape { GENERATED, LITERAL, UNCERTAIN }

    public static CodeOp generated(int line, int column, int endLine, int endColumn, String call, String sql) {
        return new CodeOp(Shape.GENERATED, line, column, endLine, endColumn, sql, null, null, call, false);
    }

    public static CodeOp literal(int line, int column, int endLine, int endColumn, String call, String sql) {
        return new CodeOp(Shape.LITERAL, line, column, endLine, endColumn, sql, null, null, call, false);
    }

    /** @param table the table or collection the code works on when known, else null */
    public static CodeOp uncertain(int line, int column, int endLine, int endColumn, String call, String table,
                                   String reason) {
        return new CodeOp(Shape.UNCERTAIN, line, column, endLine, endColumn, null, table, reason, call, false);
    }

    public CodeOp outside() {
        return new CodeOp(shape, line, column, endLine, endColumn, sql, table, reason, call, true);
    }
}
