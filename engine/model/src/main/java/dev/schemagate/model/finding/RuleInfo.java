package dev.schemagate.model.finding;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import java.util.List;

/**
 * A rule's metadata, read from the {@code @key("value")} annotations of its DRL rule (or from a YAML policy
 * rule). The same record feeds findings, {@code schemagate rules}, the generated docs and SARIF {@code rules[]}.
 */
public final class RuleInfo {
    private final String id;
    private final String dialect;
    private final String summary;
    private final String message;
    private final Risk risk;
    private final Risk dataLoss;
    private final ChangeType changeType;
    private final String lock;
    private final List<String> peers;
    private final List<String> mitigations;
    private final List<String> tags;
    private final String since;
    private final boolean suppressible;
    private final boolean enabledByDefault;
    private final String source;
    private final String scope;

    public RuleInfo(String id, String dialect, String summary, String message, Risk risk, Risk dataLoss,
                    ChangeType changeType, String lock, List<String> peers, List<String> mitigations, List<String> tags,
                    String since, boolean suppressible, boolean enabledByDefault, String source) {
        this(id, dialect, summary, message, risk, dataLoss, changeType, lock, peers, mitigations, tags, since,
                suppressible, enabledByDefault, source, null);
    }

    public RuleInfo(String id, String dialect, String summary, String message, Risk risk, Risk dataLoss,
                    ChangeType changeType, String lock, List<String> peers, List<String> mitigations, List<String> tags,
                    String since, boolean suppressible, boolean enabledByDefault, String source, String scope) {
        this.id = id;
        this.dialect = dialect;
        this.summary = summary;
        this.message = message;
        this.risk = risk;
        this.dataLoss = dataLoss == null ? Risk.NONE : dataLoss;
        this.changeType = changeType;
        this.lock = lock;
        this.peers = peers == null ? List.of() : List.copyOf(peers);
        this.mitigations = mitigations == null ? List.of() : List.copyOf(mitigations);
        this.tags = tags == null ? List.of() : List.copyOf(tags);
        this.since = since;
        this.suppressible = suppressible;
        this.enabledByDefault = enabledByDefault;
        this.source = source;
        this.scope = scope == null ? "statement" : scope;
    }

    /**
     * "statement" (the default): every matching statement is reported; "file": only the first in each file,
     * with a note of how many more there are.
     */
    public String getScope() {
        return scope;
    }

    public String getId() {
        return id;
    }

    /** postgres, mysql, sqlite, mongodb, or "any" for rules that apply to every dialect. */
    public String getDialect() {
        return dialect;
    }

    /** One line, no trailing period: what is wrong. */
    public String getSummary() {
        return summary;
    }

    /** Message template with {placeholders}; defaults to the summary. */
    public String getMessage() {
        return message == null ? summary : message;
    }

    public Risk getRisk() {
        return risk;
    }

    /** Risk of losing data (as opposed to blocking or breaking the application). */
    public Risk getDataLoss() {
        return dataLoss;
    }

    /** Classification the rule gives its change; null when it keeps the change's own. */
    public ChangeType getChangeType() {
        return changeType;
    }

    public String getLock() {
        return lock;
    }

    /** Equivalent checks of other tools, as {@code tool:rule} (e.g. {@code squawk:ban-drop-column}). */
    public List<String> getPeers() {
        return peers;
    }

    public List<String> getMitigations() {
        return mitigations;
    }

    public List<String> getTags() {
        return tags;
    }

    public String getSince() {
        return since;
    }

    public boolean isSuppressible() {
        return suppressible;
    }

    public boolean isEnabledByDefault() {
        return enabledByDefault;
    }

    /** Where the rule is defined (resource path of its DRL or policy file). */
    public String getSource() {
        return source;
    }

    @Override
    public String toString() {
        return id;
    }
}
