package dev.schemagate.dialects.js;

import java.util.List;

/**
 * A call expression with its whole chain resolved statically ({@code const users = db.collection('users');
 * users.drop()} gives {@code db.collection('users').drop()}), its exact place, the function it is written in,
 * whether it runs in a loop, and the conditions it runs under. Inner links of a chain are not calls of their own.
 */
public final class JsCall extends JsPlace {
    private final List<JsLink> chain;
    private final int start;
    private final int end;
    private final JsFunction function;
    private final String loop;
    private final List<JsGuard> guards;

    JsCall(List<JsLink> chain, int start, int end, int line, int column, int endLine, int endColumn, String text,
           JsFunction function, String loop, List<JsGuard> guards) {
        super(line, column, endLine, endColumn, text);
        this.chain = List.copyOf(chain);
        this.start = start;
        this.end = end;
        this.function = function;
        this.loop = loop;
        this.guards = List.copyOf(guards);
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

    /** 0-based character offset of its first character. */
    public int getStart() {
        return start;
    }

    /** 0-based character offset just after its last character. */
    public int getEnd() {
        return end;
    }

    /** The innermost function the call is written in, or null at module level. */
    public JsFunction getFunction() {
        return function;
    }

    /** The loop the call runs in ("for...of loop", "forEach callback", ...), or null. */
    public String getLoop() {
        return loop;
    }

    /** The conditions the call runs under ({@code if}, {@code else}, {@code switch} cases), outermost first. */
    public List<JsGuard> getGuards() {
        return guards;
    }

    @Override
    public String toString() {
        return getLine() + ":" + getColumn() + " " + chain;
    }
}
