package dev.schemagate.dialects.js;

/** A value read from a document, with the 1-based place of its first and last character and its text. */
public final class JsElement {
    private final Object value;
    private final int line;
    private final int column;
    private final int endLine;
    private final int endColumn;
    private final String text;

    JsElement(Object value, int line, int column, int endLine, int endColumn, String text) {
        this.value = value;
        this.line = line;
        this.column = column;
        this.endLine = endLine;
        this.endColumn = endColumn;
        this.text = text;
    }

    /** The value, read with {@link JsValue}'s rules. */
    public Object getValue() {
        return value;
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

    public String getText() {
        return text;
    }
}
