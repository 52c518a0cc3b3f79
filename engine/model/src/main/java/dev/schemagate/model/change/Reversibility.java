package dev.schemagate.model.change;

import dev.schemagate.model.Statement;

/**
 * Not a schema change: what the history says about undoing a migration, set by the core after pairing up and
 * down migrations (or by a Liquibase changeSet without a rollback Liquibase could generate). Rules report it;
 * replay never sees it.
 */
public final class Reversibility extends Change {
    /** How the migration can be undone. */
    public enum Status {
        /** No down migration exists. */
        MISSING,
        /** A down migration exists but holds no statement. */
        EMPTY
    }

    private final Status status;
    private final String tool;
    private final String downPath;
    private final String advice;

    public Reversibility(Statement statement, Status status, String tool, String downPath, String advice) {
        super(statement, null);
        this.status = status;
        this.tool = tool;
        this.downPath = downPath;
        this.advice = advice;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.REVERSIBILITY;
    }

    @Override
    public String describe() {
        return status == Status.MISSING ? "no down migration" : "empty down migration " + downPath;
    }

    public Status getStatus() {
        return status;
    }

    public boolean isMissing() {
        return status == Status.MISSING;
    }

    /** The migration tool, e.g. {@code golang-migrate}. */
    public String getTool() {
        return tool;
    }

    /** The down migration's path (for {@link Status#EMPTY}), or null. */
    public String getDownPath() {
        return downPath;
    }

    /** The finding's message: what is missing and how this tool expresses a down migration. */
    public String getAdvice() {
        return advice;
    }
}
