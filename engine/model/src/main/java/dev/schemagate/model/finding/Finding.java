package dev.schemagate.model.finding;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import java.util.List;

/**
 * One thing a rule found, with everything a person or a CI gate needs: where (1-based file:line:column),
 * which rule, how risky, what lock it takes and whether it rewrites or scans, what to do instead (with SQL),
 * and the matching checks of peer tools. Immutable; built with {@link FindingBuilder}.
 */
public final class Finding {
    private final String rule;
    private final String dialect;
    private final Risk risk;
    private final Risk dataLossRisk;
    private final ChangeType changeType;
    private final String file;
    private final int line;
    private final int column;
    private final int endLine;
    private final int endColumn;
    private final String statement;
    private final String table;
    private final String message;
    private final String lock;
    private final Boolean rewrite;
    private final Boolean scan;
    private final List<Mitigation> mitigations;
    private final List<String> peers;
    private final boolean uncertain;
    private final Suppression suppression;
    private final String migration;
    private final int repeats;

    Finding(FindingBuilder b) {
        this.rule = b.rule;
        this.dialect = b.dialect;
        this.risk = b.risk;
        this.dataLossRisk = b.dataLossRisk;
        this.changeType = b.changeType;
        this.file = b.file;
        this.line = b.line;
        this.column = b.column;
        this.endLine = b.endLine;
        this.endColumn = b.endColumn;
        this.statement = b.statement;
        this.table = b.table;
        this.message = b.message;
        this.lock = b.lock;
        this.rewrite = b.rewrite;
        this.scan = b.scan;
        this.mitigations = List.copyOf(b.mitigations);
        this.peers = List.copyOf(b.peers);
        this.uncertain = b.uncertain;
        this.suppression = b.suppression;
        this.migration = b.migration;
        this.repeats = b.repeats;
    }

    public FindingBuilder toBuilder() {
        return new FindingBuilder(this);
    }

    public String getRule() {
        return rule;
    }

    public String getDialect() {
        return dialect;
    }

    public Risk getRisk() {
        return risk;
    }

    public Risk getDataLossRisk() {
        return dataLossRisk;
    }

    public ChangeType getChangeType() {
        return changeType;
    }

    public String getFile() {
        return file;
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

    /** The statement text (whitespace collapsed, shortened for very long statements). */
    public String getStatement() {
        return statement;
    }

    public String getTable() {
        return table;
    }

    public String getMessage() {
        return message;
    }

    /** The lock the statement takes, e.g. "ACCESS EXCLUSIVE", or null when not applicable. */
    public String getLock() {
        return lock;
    }

    public Boolean getRewrite() {
        return rewrite;
    }

    public Boolean getScan() {
        return scan;
    }

    public List<Mitigation> getMitigations() {
        return mitigations;
    }

    public List<String> getPeers() {
        return peers;
    }

    /** True when SchemaGate could not see what the statement does (unparsed or dynamic code). */
    public boolean isUncertain() {
        return uncertain;
    }

    public Suppression getSuppression() {
        return suppression;
    }

    public boolean isSuppressed() {
        return suppression != null;
    }

    /** For file-scoped rules: further occurrences in the same file that were counted but not kept. */
    public int getRepeats() {
        return repeats;
    }

    public String getMigration() {
        return migration;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + " " + risk + " " + rule + " " + message;
    }
}
