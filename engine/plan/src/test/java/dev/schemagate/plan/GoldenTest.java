package dev.schemagate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worked examples in docs/plans are the generator's golden files: plan.md, plan.json and every script must be
 * byte for byte what the planner writes today. Regenerate them with
 * {@code mvn -pl engine/plan -am verify -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dschemagate.updateGolden=true}.
 */
class GoldenTest {
    static Stream<String> examples() {
        return Examples.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void docsMatchTheGenerator(String name) throws IOException {
        Planner.Result r = Examples.plan(name);
        assertTrue(r.errors.isEmpty(), r.errors.toString());
        assertTrue(r.plan.problems.isEmpty(), r.plan.problems.toString());
        Map<String, String> files = Examples.files(r.plan);
        Path dir = Examples.dir(name);
        boolean update = Boolean.getBoolean("schemagate.updateGolden");
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            if (update) {
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            } else if (!Files.exists(p) || !Files.readString(p, StandardCharsets.UTF_8).equals(f.getValue())) {
                stale.add(f.getKey());
            }
        }
        assertEquals(List.of(), stale, "docs/plans/" + name + " is stale; regenerate it (see GoldenTest's javadoc)");
    }

    @org.junit.jupiter.api.Test
    void sameInputSameBytes() throws IOException {
        assertEquals(Examples.files(Examples.plan("split-full-name").plan),
                Examples.files(Examples.plan("split-full-name").plan));
    }
}
