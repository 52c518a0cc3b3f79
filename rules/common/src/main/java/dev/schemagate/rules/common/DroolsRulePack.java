package dev.schemagate.rules.common;

import dev.schemagate.model.change.Change;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.RuleInfo;
import dev.schemagate.model.finding.SuppressionIssue;
import dev.schemagate.model.review.ReviewedTable;
import dev.schemagate.model.spi.RulePack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.drools.core.common.ReteEvaluator;
import org.drools.ruleunits.api.RuleUnitInstance;
import org.drools.ruleunits.api.RuleUnitProvider;
import org.drools.ruleunits.impl.AbstractRuleUnitInstance;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * A rule pack backed by a Drools rule unit whose code was generated at build time by kie-maven-plugin.
 * Rule metadata is read from the compiled knowledge base, so {@code schemagate rules}, docs and SARIF always
 * describe exactly the rules that run.
 */
public abstract class DroolsRulePack<U extends MigrationUnit> implements RulePack {
    private final Map<String, RuleInfo> infoCache = new ConcurrentHashMap<>();
    private volatile List<RuleInfo> rules;

    /** A fresh, empty unit data object. */
    protected abstract U newUnit();

    @Override
    public List<RuleInfo> rules() {
        List<RuleInfo> r = rules;
        if (r == null) {
            r = loadRules();
            rules = r;
        }
        return r;
    }

    private List<RuleInfo> loadRules() {
        U unit = newUnit();
        List<RuleInfo> out = new ArrayList<>();
        try (RuleUnitInstance<U> instance = RuleUnitProvider.get().createRuleUnitInstance(unit)) {
            KieBase kb = kieBase(instance);
            for (KiePackage p : kb.getKiePackages()) {
                for (Rule rule : p.getRules()) {
                    RuleInfo info = infoCache.computeIfAbsent(rule.getName(), n -> RuleMetadata.toInfo(rule));
                    if (out.stream().noneMatch(r -> r.getId().equals(info.getId()))) {
                        out.add(info);
                    }
                }
            }
        }
        out.sort(Comparator.comparing(RuleInfo::getId));
        return List.copyOf(out);
    }

    private static KieBase kieBase(RuleUnitInstance<?> instance) {
        if (instance instanceof AbstractRuleUnitInstance) {
            Object ev = ((AbstractRuleUnitInstance<?, ?>) instance).getEvaluator();
            if (ev instanceof ReteEvaluator) {
                return (KieBase) ((ReteEvaluator) ev).getKnowledgeBase();
            }
        }
        throw new IllegalStateException("cannot read rules of " + instance.getClass().getName());
    }

    @Override
    public List<Finding> evaluate(List<Change> changes, List<SuppressionIssue> issues, Predicate<String> enabled) {
        return evaluate(changes, List.of(), issues, enabled);
    }

    @Override
    public List<Finding> evaluate(List<Change> changes, List<ReviewedTable> tables, List<SuppressionIssue> issues,
                                  Predicate<String> enabled) {
        U unit = newUnit();
        FindingSink sink = new FindingSink(enabled, infoCache);
        unit.setFindings(sink);
        for (Change c : changes) {
            if (appliesTo(c.getDialect() == null ? "any" : c.getDialect().id())) {
                unit.getChanges().add(c);
            }
        }
        for (ReviewedTable t : tables) {
            Change a = t.getAnchor();
            if (a != null && appliesTo(a.getDialect() == null ? "any" : a.getDialect().id())) {
                unit.getTables().add(t);
            }
        }
        for (SuppressionIssue i : issues) {
            unit.getSuppressionIssues().add(i);
        }
        try (RuleUnitInstance<U> instance = RuleUnitProvider.get().createRuleUnitInstance(unit)) {
            instance.fire();
        }
        return sink.build();
    }
}
