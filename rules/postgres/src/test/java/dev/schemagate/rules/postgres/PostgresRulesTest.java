package dev.schemagate.rules.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.schemagate.rules.testkit.RuleCaseTests;
import dev.schemagate.rules.testkit.RuleCatalogChecks;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PostgresRulesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");

    @TestFactory
    Stream<DynamicNode> cases() {
        return RuleCaseTests.under(RESOURCES);
    }

    @Test
    void everyRuleHasItsThreeFilesAndCompleteMetadata() {
        assertEquals(List.of(), RuleCatalogChecks.check(RESOURCES, new PostgresRulePack().rules()));
    }

    @Test
    void rulesWereCompiledAtBuildTime() throws Exception {
        // without kie-maven-plugin's generated unit the pack would fall back to slow runtime compilation
        Class.forName("dev.schemagate.rules.postgres.PostgresUnitRuleUnit");
        assertFalse(new PostgresRulePack().rules().isEmpty());
    }
}
