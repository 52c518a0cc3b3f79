package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.schemagate.core.Engine;
import dev.schemagate.core.Settings;
import dev.schemagate.core.report.FileSummary;
import dev.schemagate.core.report.Report;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the SQLite parts of the real migration histories in {@code ../shared/corpus} (kratos' {@code sqlite3} and
 * {@code sqlite} files plus its dialect-free ones, flipt's {@code sqlite3} folder) through the check with
 * {@code --dialect sqlite}: no crash, no input errors, every statement either modelled or reported as an unparsed
 * finding. Prints the counts per corpus and the findings per rule.
 */
class SqliteCorpusTest {
    static final List<String[]> SQLITE = List.of(
            new String[] {"kratos", "kratos/persistence/sql/migrations/sql"},
            new String[] {"flipt", "flipt/config/migrations/sqlite3"});

    @TestFactory
    Stream<DynamicTest> sqliteCorpora() {
        assumeTrue(Files.isDirectory(CorpusTest.CORPUS), "corpus not found at " + CorpusTest.CORPUS.toAbsolutePath());
        Engine engine = new Engine();
        return SQLITE.stream().map(c -> DynamicTest.dynamicTest(c[0], () -> {
            Path dir = CorpusTest.CORPUS.resolve(c[1]);
            assertTrue(Files.isDirectory(dir), dir.toString());
            Settings s = new Settings().setDialect(Dialect.SQLITE);
            Report r = engine.check(List.of(dir.toString()), Path.of("").toAbsolutePath(), s);
            assertEquals(List.of(), r.getErrors(), c[0]);
            int files = 0;
            int stmts = 0;
            int modelled = 0;
            int fallback = 0;
            int unparsed = 0;
            for (FileSummary f : r.getFiles()) {
                if (f.getSkipped() != null) {
                    continue;
                }
                assertEquals("sqlite", f.getDialect(), f.getPath());
                files++;
                assertEquals(f.getStatements(), f.getModelled() + f.getUnparsed(), f.getPath());
                stmts += f.getStatements();
                modelled += f.getModelled();
                fallback += f.getFallback();
                unparsed += f.getUnparsed();
            }
            long unparsedFindings = r.getFindings().stream().map(Finding::getRule)
                    .filter("core.unparsed-statement"::equals).count();
            assertEquals(unparsed, unparsedFindings, "every unparsed statement is a finding");
            assertTrue(files > 0 && stmts > 0, c[0]);
            Map<String, Integer> perRule = new TreeMap<>();
            for (Finding f : r.getFindings()) {
                perRule.merge(f.getRule(), 1, Integer::sum);
            }
            System.out.printf("sqlite corpus %-7s files %4d  statements %5d  modelled %5d (JSqlParser rejected, own reader %4d)"
                    + "  unparsed %3d  findings %s%n", c[0], files, stmts, modelled, fallback, unparsed, perRule);
        }));
    }
}
