package dev.schemagate.dialects.js;

/** Where something read from the source is: 1-based line and column of its first and last character, and its text. */
public abstract class JsPlace {
    private final int line;
    private final int column;
    private final int endLine;
    private final int endColumn;
    private final String text;

    JsPlace(int line, int column, int endLine, int endColumn, String text) {
        this.line = line;
        this.column = column;
        this.endLine = endLine;
        this.endColumn = endColumn;
        this.text = text;
    }

    public int getLine() {
        return line;
    }

    public int getColumn() {
        return column;
    }

    public int getEndLine() {
        return endLine;
    }

    public int getEndColumn() {
        return endColumn;
    }

    /** The source text as written. */
    public String getText() {
        return text;
    }
}
