package dev.schemagate.model.finding;

import java.time.LocalDate;

/**
 * A signed-off exception to a rule: which rule (an id, or a prefix ending in {@code *}), where it applies (a file
 * glob, a line, a table glob; unset parts match everything), who approved it, why, and until when. Comes from a
 * policy file ({@code waivers:}) or an inline {@code -- schemagate:waive} comment. An expired waiver waives
 * nothing and is itself reported, as is one that matched no finding.
 */
public final class Waiver {
    private final String rule;
    private final String file;
    private final Integer fromLine;
    private final Integer toLine;
    private final String table;
    private final String approver;
    private final String reason;
    private final LocalDate expires;
    private final String source;
    private final int sourceLine;
    private final int sourceColumn;
    private final boolean inline;

    public Waiver(String rule, String file, Integer fromLine, Integer toLine, String table, String approver, String reason,
                  LocalDate expires, String source, int sourceLine, int sourceColumn, boolean inline) {
        this.rule = rule;
        this.file = file;
        this.fromLine = fromLine;
        this.toLine = toLine;
        this.table = table;
        this.approver = approver;
        this.reason = reason;
        this.expires = expires;
        this.source = source;
        this.sourceLine = sourceLine;
        this.sourceColumn = sourceColumn;
        this.inline = inline;
    }

    /** Rule id, or a prefix ending in {@code *}. */
    public String getRule() {
        return rule;
    }

    /** Glob over the finding's file path (relative, {@code /}-separated), or null for any file. */
    public String getFile() {
        return file;
    }

    /** First line of the finding's statement it covers, or null for any line. */
    public Integer getFromLine() {
        return fromLine;
    }

    public Integer getToLine() {
        return toLine;
    }

    /** Glob over the finding's table ({@code payments.*}, {@code orders}), or null for any table. */
    public String getTable() {
        return table;
    }

    public String getApprover() {
        return approver;
    }

    public String getReason() {
        return reason;
    }

    /** Last day the waiver applies (inclusive), or null when it never expires (only allowed by policy). */
    public LocalDate getExpires() {
        return expires;
    }

    /** The policy file or migration that declares the waiver. */
    public String getSource() {
        return source;
    }

    public int getSourceLine() {
        return sourceLine;
    }

    public int getSourceColumn() {
        return sourceColumn;
    }

    /** True for a {@code schemagate:waive} comment in a migration. */
    public boolean isInline() {
        return inline;
    }

    public boolean isExpired(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    /** {@code file:line} of the declaration. */
    public String location() {
        return source + (sourceLine > 0 ? ":" + sourceLine : "");
    }

    @Override
    public String toString() {
        return "waiver " + rule + " at " + location();
    }
}
