package dev.schemagate.dialects.js;

import java.util.List;

/**
 * A call expression with its whole chain resolved statically ({@code const users = db.collection('users');
 * users.drop()} gives {@code db.collection('users').drop()}), its exact place, the function it is written in,
 * and whether it runs in a loop. Inner links of a chain are not calls of their own.
 */
public final class JsCall {
    private final List<JsLink> chain;
    private final int start;
    private final int end;
    private final int line;
    private final int column;
    private final int endLine;
    private final int endColumn;
    private final String text;
    private final JsFunction function;
    private final String loop;

    JsCall(List<JsLink> chain, int start, int end, int line, int column, int endLine, int endColumn, String text,
           JsFunction function, String loop) {
        this.chain = List.copyOf(chain);
        this.start = start;
        this.end = end;
        this.line = line;
        this.column = column;
        this.endLine = endLine;
        this.endColumn = endColumn;
        this.text = text;
        this.function = function;
        this.loop = loop;
    }

    /** The chain from its root: {@code db}, {@code collection('users')}, {@code drop()}. */
    public List<JsLink> getChain() {
        return chain;
    }

    /** The root identifier's name, or null when the chain starts with something else (a literal, {@code this}). */
    public String getRoot() {
        return chain.isEmpty() ? null : chain.get(0).getName();
    }

    /** The last link (the one called). */
    public JsLink getLast() {
        return chain.get(chain.size() - 1);
    }

    public int getStart() {
        return start;
    }

    public int getEnd() {
        return end;
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

    /** The call as written. */
    public String getText() {
        return text;
    }

    /** The innermost function the call is written in, or null at module level. */
    public JsFunction getFunction() {
        return function;
    }

    /** The loop the call runs in ("for...of loop", "forEach callback", ...), or null. */
    public String getLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return line + ":" + column + " " + chain;
    }
}
