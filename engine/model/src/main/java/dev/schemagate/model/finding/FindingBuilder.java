package dev.schemagate.model.finding;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Lock;
import dev.schemagate.model.Risk;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.Change;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link Finding}; rule consequences start one from their metadata and the matched change. */
public final class FindingBuilder {
    public static final int STATEMENT_MAX = 400;

    String rule;
    String dialect;
    Risk risk = Risk.CRITICAL;
    Risk dataLossRisk = Risk.NONE;
    ChangeType changeType = ChangeType.NONE;
    String file;
    int line;
    int column;
    int endLine;
    int endColumn;
    String statement;
    String table;
    String message;
    String lock;
    Boolean rewrite;
    Boolean scan;
    List<Mitigation> mitigations = new ArrayList<>();
    List<String> peers = new ArrayList<>();
    boolean uncertain;
    Suppression suppression;
    String migration;
    int repeats;

    public FindingBuilder() {
    }

    FindingBuilder(Finding f) {
        rule = f.getRule();
        dialect = f.getDialect();
        risk = f.getRisk();
        dataLossRisk = f.getDataLossRisk();
        changeType = f.getChangeType();
        file = f.getFile();
        line = f.getLine();
        column = f.getColumn();
        endLine = f.getEndLine();
        endColumn = f.getEndColumn();
        statement = f.getStatement();
        table = f.getTable();
        message = f.getMessage();
        lock = f.getLock();
        rewrite = f.getRewrite();
        scan = f.getScan();
        mitigations = new ArrayList<>(f.getMitigations());
        peers = new ArrayList<>(f.getPeers());
        uncertain = f.isUncertain();
        suppression = f.getSuppression();
        migration = f.getMigration();
        repeats = f.getRepeats();
    }

    /** Starts a finding for {@code rule} at {@code change}, taking risk, peers and change type from the metadata. */
    public static FindingBuilder of(RuleInfo rule, Change change) {
        FindingBuilder b = new FindingBuilder();
        b.rule = rule.getId();
        b.risk = rule.getRisk();
        b.dataLossRisk = rule.getDataLoss();
        b.peers.addAll(rule.getPeers());
        b.changeType = rule.getChangeType() != null ? rule.getChangeType() : change.getChangeType();
        b.dialect = change.getDialect() == null ? rule.getDialect() : change.getDialect().id();
        b.at(change.getStatement());
        b.table = change.getTable() == null ? null : change.getTable().toString();
        b.lock = change.getEffect().getLock() == Lock.NONE ? null : change.getEffect().getLock().getName();
        b.rewrite = change.getEffect().isRewrite();
        b.scan = change.getEffect().isScan();
        b.message = rule.getSummary();
        for (String m : rule.getMitigations()) {
            b.mitigations.add(new Mitigation(m, null));
        }
        return b;
    }

    /** Starts a finding for {@code rule} about a suppression comment. */
    public static FindingBuilder of(RuleInfo rule, SuppressionIssue issue) {
        FindingBuilder b = new FindingBuilder();
        b.rule = rule.getId();
        b.risk = rule.getRisk();
        b.dataLossRisk = rule.getDataLoss();
        b.peers.addAll(rule.getPeers());
        b.changeType = rule.getChangeType() != null ? rule.getChangeType() : ChangeType.NONE;
        b.dialect = issue.getMigration().getDialect() == null ? rule.getDialect() : issue.getMigration().getDialect().id();
        b.position(issue.getFile(), issue.getLine(), issue.getColumn());
        b.migration = issue.getMigration().getId();
        b.statement = "--" + issue.getText();
        b.message = rule.getSummary();
        for (String m : rule.getMitigations()) {
            b.mitigations.add(new Mitigation(m, null));
        }
        return b;
    }

    public FindingBuilder at(Statement s) {
        this.file = s.getFile();
        this.migration = s.getMigration().getId();
        this.line = s.getLine();
        this.column = s.getColumn();
        this.endLine = s.getEndLine();
        this.endColumn = s.getEndColumn();
        this.statement = s.summary(STATEMENT_MAX);
        return this;
    }

    public FindingBuilder rule(String r) {
        this.rule = r;
        return this;
    }

    public FindingBuilder dialect(String d) {
        this.dialect = d;
        return this;
    }

    public FindingBuilder risk(Risk r) {
        this.risk = r;
        return this;
    }

    /** Raises the risk to {@code r} if it is currently lower. */
    public FindingBuilder atLeast(Risk r) {
        this.risk = Risk.max(this.risk, r);
        return this;
    }

    public FindingBuilder dataLoss(Risk r) {
        this.dataLossRisk = r;
        this.risk = Risk.max(this.risk, r);
        return this;
    }

    public FindingBuilder changeType(ChangeType t) {
        this.changeType = t;
        return this;
    }

    public FindingBuilder position(String file, int line, int column) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.endLine = line;
        this.endColumn = column;
        return this;
    }

    public FindingBuilder statement(String s) {
        this.statement = s;
        return this;
    }

    /** Further occurrences of a file-scoped rule in the same file that were counted but not kept. */
    public FindingBuilder repeats(int n) {
        this.repeats = n;
        return this;
    }

    public FindingBuilder migration(String m) {
        this.migration = m;
        return this;
    }

    public FindingBuilder table(String t) {
        this.table = t;
        return this;
    }

    public FindingBuilder message(String m) {
        this.message = m;
        return this;
    }

    public FindingBuilder lock(String l) {
        this.lock = l;
        return this;
    }

    public FindingBuilder rewrite(Boolean r) {
        this.rewrite = r;
        return this;
    }

    public FindingBuilder scan(Boolean s) {
        this.scan = s;
        return this;
    }

    /** Replaces the metadata's mitigations with this list. */
    public FindingBuilder mitigations(List<Mitigation> m) {
        this.mitigations = new ArrayList<>(m);
        return this;
    }

    public FindingBuilder mitigation(String text, String sql) {
        this.mitigations.add(new Mitigation(text, sql));
        return this;
    }

    /** Attaches safe SQL to the first mitigation (the metadata's main advice). */
    public FindingBuilder sql(String sql) {
        if (mitigations.isEmpty()) {
            mitigations.add(new Mitigation("Safe form", sql));
        } else {
            Mitigation first = mitigations.get(0);
            mitigations.set(0, new Mitigation(first.getText(), sql));
        }
        return this;
    }

    public FindingBuilder peers(List<String> p) {
        this.peers = new ArrayList<>(p);
        return this;
    }

    public FindingBuilder uncertain(boolean u) {
        this.uncertain = u;
        return this;
    }

    public FindingBuilder suppression(Suppression s) {
        this.suppression = s;
        return this;
    }

    public Finding build() {
        if (rule == null || file == null) {
            throw new IllegalStateException("finding needs a rule and a file");
        }
        if (message == null) {
            message = rule;
        }
        return new Finding(this);
    }
}
