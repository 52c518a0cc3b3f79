package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.core.Engine;
import dev.schemagate.core.docs.RuleDocs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RulesCommandTest {
    @Test
    void rulesListsEveryRuleWithRisk() throws Exception {
        Cli r = Cli.run("rules");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("pg.set-not-null") && r.out.contains("HIGH"), r.out);
        JsonNode arr = new ObjectMapper().readTree(Cli.run("rules", "--format", "json").out);
        assertEquals(new Engine().rules().size(), arr.size());
    }

    @Test
    void explainPrintsTheRulePageAndSuggestsOnTypos() {
        Cli r = Cli.run("explain", "set-not-null");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.startsWith("# pg.set-not-null"), r.out);
        assertTrue(r.out.contains("## Mitigation") && r.out.contains("Reported:"), r.out);
        Cli bad = Cli.run("explain", "not-null");
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains("did you mean") && bad.err.contains("pg.set-not-null"), bad.err);
    }

    /** docs/rules is generated; regenerate with ./schemagate docs docs/rules when this fails. */
    @Test
    void ruleReferenceInDocsIsUpToDate() throws Exception {
        Path dir = Cli.ROOT.resolve("docs/rules");
        Map<String, String> expected = new RuleDocs(getClass().getClassLoader()).generate(new Engine().rules());
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path p = dir.resolve(e.getKey());
            if (!Files.exists(p) || !Files.readString(p).equals(e.getValue())) {
                stale.add(e.getKey());
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md") && !expected.containsKey(n))
                    .forEach(n -> stale.add(n + " (no such rule)"));
        }
        assertEquals(List.of(), stale, "docs/rules is stale: run ./schemagate docs docs/rules and commit the result");
    }
}
