package dev.schemagate.model.spi;

import dev.schemagate.model.change.Change;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.RuleInfo;
import dev.schemagate.model.finding.SuppressionIssue;
import java.util.List;
import java.util.function.Predicate;

/**
 * A set of rules for one dialect (or for every dialect), found with {@link java.util.ServiceLoader}. Built-in
 * packs are Drools rule units compiled at build time; policy packs compile YAML or DRL when loaded.
 */
public interface RulePack {
    /** Stable id, e.g. {@code postgres}. */
    String id();

    /** The dialect ids whose changes this pack judges ("any" for all). */
    List<String> dialects();

    /** Every rule in the pack, sorted by id. */
    List<RuleInfo> rules();

    /**
     * Fires the rules over the changes (already replayed, so contexts and effects are set) and over problems
     * found in suppression comments. Only rules for which {@code enabled} answers true may report.
     */
    List<Finding> evaluate(List<Change> changes, List<SuppressionIssue> suppressionIssues, Predicate<String> enabled);

    /**
     * Fires the rules over the changes and over tables of the replayed schema (design review). Packs without
     * review rules ignore the tables.
     */
    default List<Finding> evaluate(List<Change> changes, List<dev.schemagate.model.review.ReviewedTable> tables,
                                   List<SuppressionIssue> suppressionIssues, Predicate<String> enabled) {
        return evaluate(changes, suppressionIssues, enabled);
    }

    default boolean appliesTo(String dialect) {
        return dialects().contains("any") || dialects().contains(dialect);
    }
}
