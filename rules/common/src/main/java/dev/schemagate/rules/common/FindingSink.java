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
    /**
     * File-scoped rules, per rule and file: the kept builders with the changes they came from, and how many
     * occurrences were not kept. The earliest occurrences in the file are kept whatever order the rules fire in
     * (firing order can differ between runs; the report must not).
     */
    private final Map<String, List<Change>> keptChanges = new java.util.HashMap<>();
    private final Map<String, List<FindingBuilder>> kept = new java.util.HashMap<>();
    private final Map<String, int[]> dropped = new java.util.HashMap<>();
    private final java.util.Set<FindingBuilder> evicted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private static final java.util.Comparator<Change> IN_FILE = java.util.Comparator
            .comparingInt((Change c) -> c.getStatement() == null ? Integer.MAX_VALUE : c.getStatement().getIndex())
            .thenComparingInt(Change::getPart).thenComparingInt(Change::getLine);

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
            List<Change> cs = keptChanges.computeIfAbsent(key, k -> new ArrayList<>());
            List<FindingBuilder> bs = kept.computeIfAbsent(key, k -> new ArrayList<>());
            if (cs.size() >= KEEP_PER_FILE) {
                int latest = 0;
                for (int i = 1; i < cs.size(); i++) {
                    if (IN_FILE.compare(cs.get(i), cs.get(latest)) > 0) {
                        latest = i;
                    }
                }
                dropped.computeIfAbsent(key, k -> new int[1])[0]++;
                if (IN_FILE.compare(change, cs.get(latest)) >= 0) {
                    return b; // counted, not kept
                }
                evicted.add(bs.get(latest));
                cs.remove(latest);
                bs.remove(latest);
            }
            cs.add(change);
            bs.add(b);
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
        for (Map.Entry<String, int[]> e : dropped.entrySet()) {
            List<FindingBuilder> bs = kept.get(e.getKey());
            List<Change> cs = keptChanges.get(e.getKey());
            int earliest = 0;
            for (int i = 1; i < cs.size(); i++) {
                if (IN_FILE.compare(cs.get(i), cs.get(earliest)) < 0) {
                    earliest = i;
                }
            }
            bs.get(earliest).repeats(e.getValue()[0]); // the engine adds the count to the first finding's note
        }
        List<Finding> out = new ArrayList<>(pending.size());
        for (FindingBuilder b : pending) {
            if (!evicted.contains(b)) {
                out.add(b.build());
            }
        }
        return out;
    }
}
