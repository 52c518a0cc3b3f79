package dev.schemagate.rules.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code pg.concurrently-in-transaction} leaves out the migration tools that have a CONCURRENTLY-in-transaction rule
 * of their own (with the tool's fix). The list it leaves out must be exactly the tools of those rules, per change:
 * a tool left out without a rule of its own would lose the finding, a tool rule whose tool is not left out would
 * report it twice. Rule IDs stay as they are (users suppress by ID).
 */
class ToolTransactionRulesTest {
    private static final Path RULES = Path.of("src/main/resources/dev/schemagate/rules/postgres");
    private static final Pattern GENERIC = Pattern.compile(
            "/changes#(CreateIndex|DropIndex)\\[ concurrently, inTransaction, ctx\\.migration\\.tool not in \\(([^)]*)\\) \\]");
    private static final Pattern TOOL = Pattern.compile(
            "/changes#(CreateIndex|DropIndex)\\[ concurrently, inTransaction, (?:ctx|statement)\\.migration\\.tool == \"([a-z0-9-]+)\"");

    @Test
    void theGenericRuleLeavesOutExactlyTheToolsWithARuleOfTheirOwn() throws Exception {
        Map<String, Set<String>> excluded = new TreeMap<>();
        Map<String, Set<String>> own = new TreeMap<>();
        try (Stream<Path> s = Files.walk(RULES)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                String text = Files.readString(f);
                Matcher g = GENERIC.matcher(text);
                while (g.find()) {
                    for (String t : g.group(2).split(",")) {
                        excluded.computeIfAbsent(g.group(1), k -> new TreeSet<>()).add(t.strip().replace("\"", ""));
                    }
                }
                Matcher t = TOOL.matcher(text);
                while (t.find()) {
                    own.computeIfAbsent(t.group(1), k -> new TreeSet<>()).add(t.group(2));
                }
            }
        }
        assertFalse(excluded.isEmpty(), "pg.concurrently-in-transaction no longer has the shape this test reads");
        assertEquals(Set.of("CreateIndex", "DropIndex"), excluded.keySet());
        assertEquals(excluded, own);
    }
}
