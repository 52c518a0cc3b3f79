package dev.schemagate.rules.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.schemagate.core.Engine;
import dev.schemagate.core.cases.CaseFile;
import dev.schemagate.core.cases.CaseRunner;
import dev.schemagate.core.cases.RuleCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Turns every {@code .cases.yml} under a folder into JUnit dynamic tests, one container per rule and one test per
 * case, run through the whole pipeline with only that rule enabled.
 */
public final class RuleCaseTests {
    private static volatile Engine engine;

    private RuleCaseTests() {
    }

    /** One engine per test JVM (rule units load once). */
    public static Engine engine() {
        Engine e = engine;
        if (e == null) {
            synchronized (RuleCaseTests.class) {
                if (engine == null) {
                    engine = new Engine();
                }
                e = engine;
            }
        }
        return e;
    }

    public static Stream<DynamicNode> under(Path root) {
        List<Path> files = RuleFiles.cases(root);
        assertTrue(!files.isEmpty(), "no .cases.yml files under " + root.toAbsolutePath());
        CaseRunner runner = new CaseRunner(engine());
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path p : files) {
            CaseFile cf;
            try {
                cf = CaseFile.load(p);
            } catch (CaseFile.Invalid e) {
                nodes.add(DynamicTest.dynamicTest(p.getFileName().toString(), () -> fail(e.getMessage())));
                continue;
            }
            List<DynamicTest> tests = new ArrayList<>();
            for (RuleCase c : cf.cases) {
                tests.add(DynamicTest.dynamicTest(c.name, p.toUri(), () -> {
                    CaseRunner.Result r = runner.run(cf, c);
                    if (!r.passed) {
                        fail(p + " " + c.name + ": " + r.message);
                    }
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer(cf.rule, p.toUri(), tests.stream()));
        }
        return nodes.stream();
    }
}
