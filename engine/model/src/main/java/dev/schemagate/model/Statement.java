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
    /** The text, or null when the statement is a view of {@link #source} [{@link #from}, {@link #to}). */
    private final String text;
    private final String source;
    private final int from;
    private final int to;
    private final List<Comment> comments;
    private String splitError;
    private int errorLine;
    private int errorColumn;

    public Statement(Migration migration, int index, int line, int column, int endLine, int endColumn,
                     String text, List<Comment> comments) {
        this(migration, index, line, column, endLine, endColumn, text, null, 0, 0, comments);
    }

    /**
     * A statement whose text is {@code source.substring(from, to)}, kept as a view of the file's text rather than
     * a copy: a file's statements then hold one copy of its text instead of two (a 50 MB migration stays 50 MB).
     */
    public Statement(Migration migration, int index, int line, int column, int endLine, int endColumn,
                     String source, int from, int to, List<Comment> comments) {
        this(migration, index, line, column, endLine, endColumn, null, source, from, to, comments);
    }

    private Statement(Migration migration, int index, int line, int column, int endLine, int endColumn,
                      String text, String source, int from, int to, List<Comment> comments) {
        this.migration = migration;
        this.index = index;
        this.line = line;
        this.column = column;
        this.endLine = endLine;
        this.endColumn = endColumn;
        this.text = text;
        this.source = source;
        this.from = from;
        this.to = to;
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
        return text != null ? text : source.substring(from, to);
    }

    /** The length of {@link #getText()}, without copying it. */
    public int length() {
        return text != null ? text.length() : to - from;
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
        String s = getText().replaceAll("\\s+", " ").trim();
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    @Override
    public String toString() {
        return getFile() + ":" + line + ":" + column + ": " + summary(80);
    }
}
