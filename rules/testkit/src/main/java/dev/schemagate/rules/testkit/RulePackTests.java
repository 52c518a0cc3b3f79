package dev.schemagate.rules.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.schemagate.model.spi.RulePack;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every built-in rule pack's test checks: each {@code .cases.yml} under the module's resources passes, each
 * rule has its three files and complete metadata, and the rule unit was generated at build time. A pack's test
 * extends this and names its pack and generated unit class.
 */
public abstract class RulePackTests {
    private static final Path RESOURCES = Path.of("src/main/resources");

    /** A new instance of the pack under test. */
    protected abstract RulePack pack();

    /** The rule-unit class kie-maven-plugin generates for the pack, e.g. {@code ...PostgresUnitRuleUnit}. */
    protected abstract String generatedUnit();

    @TestFactory
    public Stream<DynamicNode> cases() {
        return RuleCaseTests.under(RESOURCES);
    }

    @Test
    public void everyRuleHasItsThreeFilesAndCompleteMetadata() {
        assertEquals(List.of(), RuleCatalogChecks.check(RESOURCES, pack().rules()));
    }

    @Test
    public void rulesWereCompiledAtBuildTime() throws Exception {
        // without kie-maven-plugin's generated unit the pack would fall back to slow runtime compilation
        Class.forName(generatedUnit());
        assertFalse(pack().rules().isEmpty());
    }
}
