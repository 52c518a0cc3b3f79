package dev.schemagate.dialects.js;

import java.util.List;

/** A function in the source (declaration, expression, arrow or method), with the name it is known by. */
public final class JsFunction {
    private final String name;
    private final List<String> params;
    private final int start;
    private final int end;
    private final int line;
    private final int column;
    private final int statements;
    private final JsFunction parent;

    JsFunction(String name, List<String> params, int start, int end, int line, int column, int statements, JsFunction parent) {
        this.name = name;
        this.params = List.copyOf(params);
        this.start = start;
        this.end = end;
        this.line = line;
        this.column = column;
        this.statements = statements;
        this.parent = parent;
    }

    /** The name it is declared or bound by ({@code up} for {@code export const up = async () => ...}), or null. */
    public String getName() {
        return name;
    }

    /** Parameter names; destructured or rest parameters appear as written. */
    public List<String> getParams() {
        return params;
    }

    /** 0-based character offset of its first character. */
    public int getStart() {
        return start;
    }

    /** 0-based character offset just after its last character. */
    public int getEnd() {
        return end;
    }

    public int getLine() {
        return line;
    }

    public int getColumn() {
        return column;
    }

    /** Statements directly in its body (an arrow with an expression body counts one). */
    public int getStatements() {
        return statements;
    }

    public boolean isEmpty() {
        return statements == 0;
    }

    /** The function it is written in, or null at module level. */
    public JsFunction getParent() {
        return parent;
    }

    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }

    /** True when this function is {@code f} or is written inside it. */
    public boolean within(JsFunction f) {
        for (JsFunction x = this; x != null; x = x.parent) {
            if (x == f) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return (name == null ? "<anonymous>" : name) + "@" + line + ":" + column;
    }
}
