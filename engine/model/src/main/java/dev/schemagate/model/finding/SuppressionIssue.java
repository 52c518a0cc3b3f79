package dev.schemagate.model.finding;

import dev.schemagate.model.Migration;

/**
 * A problem with a suppression comment, judged by the core rules: a missing reason, an unknown rule id, or a
 * suppression that matched nothing.
 */
public final class SuppressionIssue {
    public enum Kind {
        MISSING_REASON, UNKNOWN_RULE, UNUSED,
        /** A waiver past its expiry date: it waives nothing any more. */
        WAIVER_EXPIRED,
        /** A waiver that matched no finding. */
        WAIVER_UNUSED,
        /** An inline waiver without approver, expiry date or reason, or with a date that is not YYYY-MM-DD. */
        WAIVER_INVALID
    }

    private final Kind kind;
    private final String rule;
    private final Migration migration;
    private final int line;
    private final int column;
    private final String text;

    public SuppressionIssue(Kind kind, String rule, Migration migration, int line, int column, String text) {
        this.kind = kind;
        this.rule = rule;
        this.migration = migration;
        this.line = line;
        this.column = column;
        this.text = text;
    }

    public Kind getKind() {
        return kind;
    }

    public boolean isMissingReason() {
        return kind == Kind.MISSING_REASON;
    }

    public boolean isUnknownRule() {
        return kind == Kind.UNKNOWN_RULE;
    }

    public boolean isUnused() {
        return kind == Kind.UNUSED;
    }

    public boolean isWaiverExpired() {
        return kind == Kind.WAIVER_EXPIRED;
    }

    public boolean isWaiverUnused() {
        return kind == Kind.WAIVER_UNUSED;
    }

    public boolean isWaiverInvalid() {
        return kind == Kind.WAIVER_INVALID;
    }

    /** The rule id the comment names. */
    public String getRule() {
        return rule;
    }

    public Migration getMigration() {
        return migration;
    }

    public String getFile() {
        return migration.getPath();
    }

    public int getLine() {
        return line;
    }

    public int getColumn() {
        return column;
    }

    /** The comment text. */
    public String getText() {
        return text;
    }
}
