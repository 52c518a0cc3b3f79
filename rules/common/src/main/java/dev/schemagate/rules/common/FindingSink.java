package dev.schemagate.rules.common;

import dev.schemagate.model.change.Change;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.FindingBuilder;
import dev.schemagate.model.finding.RuleInfo;
import dev.schemagate.model.finding.SuppressionIssue;
import dev.schemagate.model.review.ReviewedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.RuleContext;

/**
 * Where rule consequences report. {@code findings.report(drools, $c)} starts a finding from the firing rule's
 * metadata and the matched change; the consequence may then refine it (message, risk, safe SQL). Findings of
 * disabled rules are dropped here, so a pack's rules never need to know the configuration.
 */
public final class FindingSink {
    private final Predicate<String> enabled;
    private final List<FindingBuilder> pending = new ArrayList<>();
    private final Map<String, RuleInfo> infoCache;
    /** File-scoped rules: occurrences per rule and file, and the last kept builder of each. */
    private final Map<String, int[]> perFile = new java.util.HashMap<>();
    private final Map<String, FindingBuilder> lastKept = new java.util.HashMap<>();

    /**
     * How many findings of a file-scoped rule are kept per file; the engine shows the first unsuppressed one
     * and counts the rest, so keeping every one of a 100,000-statement file would only cost memory.
     */
    static final int KEEP_PER_FILE = 10;

    public FindingSink(Predicate<String> enabled) {
        this(enabled, new ConcurrentHashMap<>());
    }

    public FindingSink(Predicate<String> enabled, Map<String, RuleInfo> infoCache) {
        this.enabled = enabled;
        this.infoCache = infoCache;
    }

    /**
     * Starts a finding for the rule that is firing. {@code drools} is the consequence's {@code drools} variable.
     * The message is the metadata's {@code @message} template with {placeholders} filled from the change.
     */
    public FindingBuilder report(Object drools, Change change) {
        Rule rule = ruleOf(drools);
        RuleInfo info = infoCache.computeIfAbsent(rule.getName(), n -> RuleMetadata.toInfo(rule));
        FindingBuilder b = FindingBuilder.of(info, change);
        if (!enabled.test(info.getId())) {
            return b;
        }
        if ("file".equals(info.getScope())) {
            String key = info.getId() + "\u0000" + change.getFile();
            int n = ++perFile.computeIfAbsent(key, k -> new int[1])[0];
            if (n > KEEP_PER_FILE) {
                FindingBuilder last = lastKept.get(key);
                last.repeats(n - KEEP_PER_FILE);
                return b; // counted on the last kept finding, not kept itself
            }
            lastKept.put(key, b);
        }
        b.message(Messages.render(info.getMessage(), change));
        pending.add(b);
        return b;
    }

    /**
     * Starts a design-review finding about a table of the replayed schema, at the table's anchor change. The lock,
     * rewrite and scan of that change are not the finding's: they are cleared.
     */
    public FindingBuilder report(Object drools, ReviewedTable table) {
        FindingBuilder b = report(drools, table.getAnchor());
        b.table(table.getName().toString()).lock(null).rewrite(null).scan(null);
        return b;
    }

    /** Starts a finding about a suppression comment. */
    public FindingBuilder report(Object drools, SuppressionIssue issue) {
        Rule rule = ruleOf(drools);
        RuleInfo info = infoCache.computeIfAbsent(rule.getName(), n -> RuleMetadata.toInfo(rule));
        FindingBuilder b = FindingBuilder.of(info, issue);
        String msg = info.getMessage().replace("{rule}", issue.getRule() == null ? "" : issue.getRule());
        b.message(msg);
        if (enabled.test(info.getId())) {
            pending.add(b);
        }
        return b;
    }

    private static Rule ruleOf(Object drools) {
        if (drools instanceof RuleContext) {
            return ((RuleContext) drools).getRule();
        }
        if (drools instanceof org.drools.model.Drools) {
            RuleContext ctx = ((org.drools.model.Drools) drools).getContext(RuleContext.class);
            if (ctx != null) {
                return ctx.getRule();
            }
        }
        throw new IllegalArgumentException("report() needs the consequence's drools variable, got " + drools);
    }

    /** Builds every reported finding, in report order. */
    public List<Finding> build() {
        List<Finding> out = new ArrayList<>(pending.size());
        for (FindingBuilder b : pending) {
            out.add(b.build());
        }
        return out;
    }
}
