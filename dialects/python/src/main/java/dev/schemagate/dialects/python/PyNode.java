package dev.schemagate.dialects.python;

import java.util.ArrayList;
import java.util.List;

/**
 * One named node of a Python syntax tree (tree-sitter-python's node types: {@code call}, {@code attribute},
 * {@code string}, {@code keyword_argument}, ...), copied out of the native tree with 1-based line and column
 * (in characters, not bytes) of its first and last character, its source text and its field name.
 */
public final class PyNode {
    private final String type;
    private final String field;
    private final String source;
    private final int start;
    private final int end;
    private String text;
    private final int line;
    private final int column;
    private final int endLine;
    private final int endColumn;
    private final List<PyNode> children;

    PyNode(String type, String field, String source, int start, int end, int line, int column, int endLine,
           int endColumn, List<PyNode> children) {
        this.type = type;
        this.field = field;
        this.source = source;
        this.start = start;
        this.end = end;
        this.line = line;
        this.column = column;
        this.endLine = endLine;
        this.endColumn = endColumn;
        this.children = List.copyOf(children);
    }

    public String type() {
        return type;
    }

    public boolean is(String t) {
        return type.equals(t);
    }

    /** The field this node fills in its parent ({@code function}, {@code arguments}, ...), or null. */
    public String field() {
        return field;
    }

    public String text() {
        if (text == null) {
            text = source.substring(start, end);
        }
        return text;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public int endLine() {
        return endLine;
    }

    public int endColumn() {
        return endColumn;
    }

    public List<PyNode> children() {
        return children;
    }

    /** The first child filling {@code name}, or null. */
    public PyNode get(String name) {
        for (PyNode c : children) {
            if (name.equals(c.field)) {
                return c;
            }
        }
        return null;
    }

    /** The children of a given type. */
    public List<PyNode> all(String t) {
        List<PyNode> out = new ArrayList<>();
        for (PyNode c : children) {
            if (c.type.equals(t)) {
                out.add(c);
            }
        }
        return out;
    }

    public PyNode first(String t) {
        for (PyNode c : children) {
            if (c.type.equals(t)) {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return type + "@" + line + ":" + column;
    }
}
