package dev.schemagate.model;

import java.util.List;

/**
 * One statement of a migration script with its exact place: 1-based line and column of its first character
 * and of its last character, and the comments written just before it (where suppressions live).
 */
public final class Statement {
    private final Migration migration;
    private final int index;
    private final int line;
    private final int column;
    private final int endLine;
    private final int endColumn;
    private final String text;
    private final List<Comment> comments;
    private String splitError;
    private int errorLine;
    private int errorColumn;

    public Statement(Migration migration, int index, int line, int column, int endLine, int endColumn,
                     String text, List<Comment> comments) {
        this.migration = migration;
        this.index = index;
        this.line = line;
        this.column = column;
        this.endLine = endLine;
        this.endColumn = endColumn;
        this.text = text;
        this.comments = comments == null ? List.of() : List.copyOf(comments);
    }

    public Migration getMigration() {
        return migration;
    }

    public String getFile() {
        return migration.getPath();
    }

    /** 0-based position of the statement in its file. */
    public int getIndex() {
        return index;
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

    /** The statement text as written, without the terminating semicolon. */
    public String getText() {
        return text;
    }

    public List<Comment> getComments() {
        return comments;
    }

    /** A problem the splitter found in this statement (e.g. an unterminated string), or null. */
    public String getSplitError() {
        return splitError;
    }

    public int getErrorLine() {
        return errorLine;
    }

    public int getErrorColumn() {
        return errorColumn;
    }

    public void setSplitError(String message, int line, int column) {
        this.splitError = message;
        this.errorLine = line;
        this.errorColumn = column;
    }

    /** The text on one line with runs of whitespace collapsed, cut to {@code max} characters. */
    public String summary(int max) {
        String s = text.replaceAll("\\s+", " ").trim();
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    @Override
    public String toString() {
        return getFile() + ":" + line + ":" + column + ": " + summary(80);
    }
}
