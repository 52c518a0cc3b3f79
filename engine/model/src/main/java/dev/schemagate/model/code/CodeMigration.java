package dev.schemagate.model.code;

import java.util.List;

/**
 * A code migration read statically: the operations of its up and down functions in order, whether the tool wraps
 * it in a transaction, and problems found while reading (syntax errors with their positions).
 */
public final class CodeMigration {
    /** A problem at a 1-based position of the file. */
    public record Problem(int line, int column, String message) {
    }

    private final List<CodeOp> up;
    private final List<CodeOp> down;
    private final boolean hasDown;
    private final Boolean transactional;
    private final String language;
    private final List<Problem> problems;

    /**
     * @param hasDown       whether the file defines a down/downgrade/reverse part at all (an empty one counts)
     * @param transactional true when the tool wraps the migration in one transaction, false when the file turns
     *                      that off ({@code atomic = False}, {@code transaction = false}), null when unknown
     * @param language      "python", "javascript" or "typescript" (named in uncertain findings)
     */
    public CodeMigration(List<CodeOp> up, List<CodeOp> down, boolean hasDown, Boolean transactional, String language,
                         List<Problem> problems) {
        this.up = List.copyOf(up);
        this.down = List.copyOf(down);
        this.hasDown = hasDown;
        this.transactional = transactional;
        this.language = language;
        this.problems = List.copyOf(problems);
    }

    public List<CodeOp> getUp() {
        return up;
    }

    public List<CodeOp> getDown() {
        return down;
    }

    public boolean hasDown() {
        return hasDown;
    }

    public Boolean getTransactional() {
        return transactional;
    }

    public String getLanguage() {
        return language;
    }

    public List<Problem> getProblems() {
        return problems;
    }
}
