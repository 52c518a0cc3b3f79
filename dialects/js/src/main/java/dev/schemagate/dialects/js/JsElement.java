package dev.schemagate.dialects.js;

/** A value read from a document, with its place and text. */
public final class JsElement extends JsPlace {
    private final Object value;

    JsElement(Object value, int line, int column, int endLine, int endColumn, String text) {
        super(line, column, endLine, endColumn, text);
        this.value = value;
    }

    /** The value, read with {@link JsValue}'s rules. */
    public Object getValue() {
        return value;
    }
}
