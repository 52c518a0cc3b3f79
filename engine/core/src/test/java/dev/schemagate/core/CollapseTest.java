package dev.schemagate.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.FindingBuilder;
import dev.schemagate.model.finding.RuleInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Findings of a file-scoped rule collapse into the first one of each file. Rules fire in no fixed order, and the
 * changes of one statement share its position, so the first is chosen by position and then message: the same
 * input gives the same report (a kratos run showed the kept message changing between runs).
 */
class CollapseTest {
    private static final RuleInfo RULE = new RuleInfo("x.lock-timeout", "postgres", "s", "m", Risk.HIGH, Risk.NONE,
            null, null, List.of(), List.of(), List.of(), "0.1", true, true, "test", "file");

    private static Finding at(int line, String message) {
        return new FindingBuilder().rule(RULE.getId()).risk(Risk.HIGH).position("V1__x.sql", line, 1).message(message)
                .build();
    }

    @Test
    void firstFindingOfAFileDoesNotDependOnTheOrderRulesFired() {
        List<Finding> in = new ArrayList<>(List.of(at(3, "rename column a"), at(1, "set not null on b"),
                at(1, "change type of b"), at(1, "drop not null on c")));
        List<Finding> forward = Engine.collapse(new ArrayList<>(in), List.of(RULE));
        Collections.reverse(in);
        List<Finding> backward = Engine.collapse(new ArrayList<>(in), List.of(RULE));
        assertEquals(1, forward.size());
        assertEquals("change type of b (also 3 more in this file: lines 1, 1, 3)", forward.get(0).getMessage());
        assertEquals(forward.get(0).getMessage(), backward.get(0).getMessage());
    }
}
