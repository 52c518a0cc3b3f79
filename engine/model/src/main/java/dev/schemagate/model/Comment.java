package dev.schemagate.model;

/** A comment found before a statement, with the 1-based position of its first character. */
public final class Comment {
    private final int line;
    private final int column;
    private final String text;

    public Comment(int line, int column, String text) {
        this.line = line;
        this.column = column;
        this.text = text;
    }

    public int getLine() {
        return line;
    }

    public int getColumn() {
        return column;
    }

    /** The comment body without its markers ({@code --}, {@code //}, {@code /* *}{@code /}). */
    public String getText() {
        return text;
    }
}
