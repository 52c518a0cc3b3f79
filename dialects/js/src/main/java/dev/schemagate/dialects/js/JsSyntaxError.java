package dev.schemagate.dialects.js;

/** Source the parser rejects, with the 1-based position it names (0 when it names none). */
public final class JsSyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public JsSyntaxError(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int getLine() {
        return line;
    }

    public int getColumn() {
        return column;
    }
}
