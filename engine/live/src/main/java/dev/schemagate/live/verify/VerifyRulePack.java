package dev.schemagate.live.verify;

import dev.schemagate.model.change.Change;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.RuleInfo;
import dev.schemagate.model.finding.SuppressionIssue;
import dev.schemagate.model.spi.RulePack;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code verify.*} findings as a rule pack, so {@code schemagate rules}, {@code explain}, {@code docs},
 * suppressions and policies know them like every other rule. They are reported by {@link Verifier} from what ran in
 * a throwaway database, never from the change model, so {@link #evaluate} reports nothing.
 */
public final class VerifyRulePack implements RulePack {
    @Override
    public String id() {
        return "verify";
    }

    @Override
    public List<String> dialects() {
        return List.of("any");
    }

    @Override
    public List<RuleInfo> rules() {
        return VerifyRules.ALL;
    }

    @Override
    public List<Finding> evaluate(List<Change> changes, List<SuppressionIssue> suppressionIssues, Predicate<String> enabled) {
        return List.of();
    }
}
