package dev.schemagate.policies;

import dev.schemagate.model.change.Change;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.RuleInfo;
import dev.schemagate.model.finding.SuppressionIssue;
import dev.schemagate.model.spi.RulePack;
import dev.schemagate.rules.common.FindingSink;
import dev.schemagate.rules.common.RuleMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Rules loaded with a policy: YAML rules compiled to DRL, and raw DRL files (only with {@code --allow-drl}). They
 * are compiled when the policy loads (the classic DRL compiler; built-in packs are compiled at build time
 * instead) and run in a plain KIE session over every judged change. Their metadata is the same
 * {@link RuleInfo} as built-in rules', so listings, docs and SARIF include them.
 */
public final class PolicyRulePack implements RulePack {
    /** DRL that did not compile: the compiler's messages with their DRL line numbers. */
    public static final class CompileError extends Exception {
        public final List<String> messages;

        CompileError(List<String> messages) {
            super(String.join("; ", messages), null, false, false);
            this.messages = messages;
        }
    }

    private final KieBase kieBase;
    private final PolicyFacts facts;
    private final Map<String, RuleInfo> infoByRuleName;
    private final List<RuleInfo> rules;

    private PolicyRulePack(KieBase kieBase, PolicyFacts facts, Map<String, RuleInfo> infoByRuleName) {
        this.kieBase = kieBase;
        this.facts = facts;
        this.infoByRuleName = infoByRuleName;
        Map<String, RuleInfo> byId = new LinkedHashMap<>();
        for (RuleInfo r : infoByRuleName.values()) {
            byId.putIfAbsent(r.getId(), r);
        }
        List<RuleInfo> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparing(RuleInfo::getId));
        this.rules = List.copyOf(list);
    }

    /**
     * Compiles YAML rules (with their infos, in the same order) and raw DRL sources (name to text) into one
     * pack. Raw DRL rules take their metadata from their annotations, as built-in rules do.
     */
    static PolicyRulePack compile(List<PolicyPack.RuleSpec> specs, List<RuleInfo> infos, List<String> messages,
                                  Map<String, String> rawDrl) throws CompileError {
        String drl = specs.isEmpty() ? "" : DrlCompiler.compile(specs);
        String key = drl + "\u0000" + rawDrl;
        KieBase cached;
        synchronized (CACHE) {
            cached = CACHE.get(key);
        }
        InternalKnowledgeBase kbase = cached == null ? build(drl, rawDrl) : (InternalKnowledgeBase) cached;
        synchronized (CACHE) {
            CACHE.put(key, kbase);
        }
        return pack(kbase, specs, infos, messages);
    }

    /**
     * Knowledge bases already compiled in this process, by DRL text: one run compiles once, and tools that load
     * the same policy again (tests, {@code policy test}) do not pay again. A knowledge base is immutable once
     * built; each evaluation opens its own session.
     */
    private static final Map<String, KieBase> CACHE = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KieBase> eldest) {
            return size() > 16;
        }
    };

    private static InternalKnowledgeBase build(String drl, Map<String, String> rawDrl) throws CompileError {
        KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
        List<String> problems = new ArrayList<>();
        if (!drl.isEmpty()) {
            kb.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)).setSourcePath("policy-rules.drl"),
                    ResourceType.DRL);
        }
        for (Map.Entry<String, String> e : rawDrl.entrySet()) {
            kb.add(ResourceFactory.newByteArrayResource(e.getValue().getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(e.getKey()), ResourceType.DRL);
        }
        collect(kb, problems);
        if (!problems.isEmpty()) {
            throw new CompileError(problems);
        }
        InternalKnowledgeBase kbase = KnowledgeBaseFactory.newKnowledgeBase();
        kbase.addPackages(kb.getKnowledgePackages());
        return kbase;
    }

    private static PolicyRulePack pack(InternalKnowledgeBase kbase, List<PolicyPack.RuleSpec> specs, List<RuleInfo> infos,
                                       List<String> messages) throws CompileError {
        Map<String, RuleInfo> byName = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            byName.put(DrlCompiler.ruleName(specs.get(i), i), infos.get(i));
        }
        List<String> rawProblems = new ArrayList<>();
        for (KiePackage p : kbase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                if (!byName.containsKey(r.getName())) {
                    try {
                        byName.put(r.getName(), anyDialectUnlessNamed(RuleMetadata.toInfo(r)));
                    } catch (IllegalStateException ex) {
                        rawProblems.add(ex.getMessage());
                    }
                }
            }
        }
        if (!rawProblems.isEmpty()) {
            throw new CompileError(rawProblems);
        }
        return new PolicyRulePack(kbase, new PolicyFacts(specs.stream().map(s -> s.match).toList(), messages), byName);
    }

    /** A raw DRL rule id such as acme.x has no dialect prefix: unless @dialect names one, it is for every dialect. */
    private static RuleInfo anyDialectUnlessNamed(RuleInfo r) {
        if (r.getDialect() == null || dev.schemagate.model.Dialect.parse(r.getDialect()) != null || "any".equals(r.getDialect())) {
            return r;
        }
        return new RuleInfo(r.getId(), "any", r.getSummary(), r.getMessage(), r.getRisk(), r.getDataLoss(), r.getChangeType(),
                r.getLock(), r.getPeers(), r.getMitigations(), r.getTags(), r.getSince(), r.isSuppressible(),
                r.isEnabledByDefault(), r.getSource(), r.getScope());
    }

    private static void collect(KnowledgeBuilder kb, List<String> problems) {
        if (kb.hasErrors()) {
            for (KnowledgeBuilderError e : kb.getErrors()) {
                int[] lines = e.getLines();
                String src = e.getResource() == null || e.getResource().getSourcePath() == null ? "DRL"
                        : e.getResource().getSourcePath();
                if (src.equals("policy-rules.drl")) {
                    src = "rules compiled from YAML (a SchemaGate bug, please report it)";
                }
                problems.add(src + (lines != null && lines.length > 0 && lines[0] > 0 ? ":" + lines[0] : "") + ": "
                        + e.getMessage().lines().findFirst().orElse("").trim());
            }
        }
    }

    @Override
    public String id() {
        return "policy";
    }

    @Override
    public List<String> dialects() {
        return List.of("any");
    }

    @Override
    public List<RuleInfo> rules() {
        return rules;
    }

    @Override
    public List<Finding> evaluate(List<Change> changes, List<SuppressionIssue> issues, Predicate<String> enabled) {
        if (changes.isEmpty()) {
            return List.of();
        }
        FindingSink sink = new FindingSink(enabled, new ConcurrentHashMap<>(infoByRuleName));
        KieSession session = kieBase.newKieSession();
        try {
            setGlobal(session, "findings", sink);
            setGlobal(session, "m", facts);
            for (Change c : changes) {
                session.insert(c);
            }
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return sink.build();
    }

    private static void setGlobal(KieSession s, String name, Object value) {
        try {
            s.setGlobal(name, value);
        } catch (RuntimeException e) {
            // a raw DRL pack that declares no such global does not need it
        }
    }
}
