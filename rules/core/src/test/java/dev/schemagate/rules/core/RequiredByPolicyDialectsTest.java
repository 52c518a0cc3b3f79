package dev.schemagate.rules.core;

import dev.schemagate.rules.testkit.RuleCaseTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code core.required-by-policy} on the replay of every other dialect: the pack's own cases run on PostgreSQL; these
 * run the same requirements through MySQL, SQLite and MongoDB migrations (inline keys, DROP INDEX, DROP PRIMARY KEY,
 * SQLite's table rebuild, MongoDB's createIndex / dropIndex and partial unique indexes).
 */
class RequiredByPolicyDialectsTest {
    @TestFactory
    Stream<DynamicNode> requiredByPolicyOnEveryDialect() {
        return RuleCaseTests.under(Path.of("src/test/resources/required-by-policy"));
    }
}
