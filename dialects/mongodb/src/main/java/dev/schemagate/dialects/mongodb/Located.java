package dev.schemagate.dialects.mongodb;

/** An operation with its place in the file: 1-based first and last line and column, and its text as written. */
final class Located {
    final MongoOp op;
    final int line;
    final int column;
    final int endLine;
    final int endColumn;
    final String text;
    /** A file the reader could not read at all: the op is null and this says why. */
    final String error;

    Located(MongoOp op, int line, int column, int endLine, int endColumn, String text, String error) {
        this.op = op;
        this.line = line;
        this.column = column;
        this.endLine = endLine;
        this.endColumn = endColumn;
        this.text = text;
        this.error = error;
    }

    static Located error(String message, int line, int column, String text) {
        return new Located(null, Math.max(1, line), Math.max(1, column), Math.max(1, line), Math.max(1, column), text, message);
    }
}
