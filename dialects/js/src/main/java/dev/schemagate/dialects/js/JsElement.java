package dev.schemagate.dialects.js;

/** A value read from a document, with its place and text. */
public final class JsElement extends JsPlace {
    private final Object value;
    private final int start;

    JsElement(Object value, int line, int column, int endLine, int endColumn, String text) {
        this(value, line, column, endLine, endColumn, text, -1);
    }

    JsElement(Object value, int line, int column, int endLine, int endColumn, String text, int start) {
        super(line, column, endLine, endColumn, text);
        this.value = value;
        this.start = start;
    }

    /** 0-based character offset of its first character in the parsed source, or -1 when not known. */
    public int getStart() {
        return start;
    }

    /**
     * True when the element is written as one string literal: quotes, or a template literal without {@code ${}}
     * (so a position inside the value maps to the same place in the source, after the opening quote).
     */
    public boolean isStringLiteral() {
        String t = getText();
        return value instanceof String && t.length() >= 2
                && (t.charAt(0) == '\'' || t.charAt(0) == '"' || t.charAt(0) == '`' && !t.contains("${"));
    }

    /** The value, read with {@link JsValue}'s rules. */
    public Object getValue() {
        return value;
    }
}
