package dev.schemagate.rules.mongodb;

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

class MongoRulesTest {
    private static final Path RESOURCES = Path.of("src/main/resources");

    @TestFactory
    Stream<DynamicNode> cases() {
        return RuleCaseTests.under(RESOURCES);
    }

    @Test
    void everyRuleHasItsThreeFilesAndCompleteMetadata() {
        assertEquals(List.of(), RuleCatalogChecks.check(RESOURCES, new MongoRulePack().rules()));
    }

    @Test
    void rulesWereCompiledAtBuildTime() throws Exception {
        // without kie-maven-plugin's generated unit the pack would fall back to slow runtime compilation
        Class.forName("dev.schemagate.rules.mongodb.MongoUnitRuleUnit");
        assertFalse(new MongoRulePack().rules().isEmpty());
    }
}
