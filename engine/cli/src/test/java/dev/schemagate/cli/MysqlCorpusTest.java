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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the MySQL parts of the real migration histories in {@code ../shared/corpus} through the check: no crash, no
 * input errors, every statement either modelled or reported as an unparsed finding, and the dialect detected from
 * the layout where the migration tool names it (Flyway {@code __MYSQL.sql} in a {@code MYSQL} folder, popx
 * {@code .mysql.} file names, a {@code mysql} folder). Prints the counts per corpus.
 */
class MysqlCorpusTest {
    /** name, folder, dialect to force (null: detect it). */
    static final List<String[]> MYSQL = List.of(
            new String[] {"flipt", "flipt/config/migrations/mysql", null},
            new String[] {"hawkbit", "hawkbit/hawkbit-repository/hawkbit-repository-jpa-flyway/src/main/resources/db/migration/MYSQL", null},
            new String[] {"kepler", "kepler/tools/db/migrations", "mysql"},
            new String[] {"kratos", "kratos/persistence/sql/migrations/sql", null});

    @TestFactory
    Stream<DynamicTest> mysqlCorpora() {
        assumeTrue(Files.isDirectory(CorpusTest.CORPUS), "corpus not found at " + CorpusTest.CORPUS.toAbsolutePath());
        Engine engine = new Engine();
        return MYSQL.stream().map(c -> DynamicTest.dynamicTest(c[0], () -> {
            Path dir = CorpusTest.CORPUS.resolve(c[1]);
            assertTrue(Files.isDirectory(dir), dir.toString());
            Settings s = new Settings();
            if (c[2] != null) {
                s.setDialect(Dialect.parse(c[2]));
            }
            List<String> paths = List.of(dir.toString());
            if (c[0].equals("kratos")) {
                // kratos keeps every dialect side by side: pass its MySQL files, whose names say so
                try (Stream<Path> files = Files.list(dir)) {
                    paths = files.map(Path::toString).filter(n -> n.contains(".mysql.")).sorted().toList();
                }
            }
            Report r = engine.check(paths, Path.of("").toAbsolutePath(), s);
            assertEquals(List.of(), r.getErrors(), c[0]);
            int files = 0;
            int stmts = 0;
            int modelled = 0;
            int unparsed = 0;
            for (FileSummary f : r.getFiles()) {
                assertEquals("mysql", f.getDialect(), "dialect " + (c[2] == null ? "detected from the layout: " : "given: ")
                        + f.getPath());
                if (f.getSkipped() != null) {
                    continue;
                }
                files++;
                assertEquals(f.getStatements(), f.getModelled() + f.getUnparsed(), f.getPath());
                stmts += f.getStatements();
                modelled += f.getModelled();
                unparsed += f.getUnparsed();
            }
            long unparsedFindings = r.getFindings().stream()
                    .filter(f -> "mysql".equals(f.getDialect()))
                    .map(Finding::getRule).filter("core.unparsed-statement"::equals).count();
            assertEquals(unparsed, unparsedFindings, "every unparsed statement is a finding");
            assertTrue(files > 0, c[0] + ": no file was read as MySQL");
            long mysqlFindings = r.getFindings().stream().filter(f -> f.getRule().startsWith("mysql.")).count();
            assertTrue(mysqlFindings > 0, c[0] + ": the MySQL rules ran");
            System.out.printf("mysql corpus %-8s files %4d (down/skipped %4d)  statements %5d  modelled %5d  unparsed %3d"
                    + "  findings %4d%n", c[0], files, r.getFiles().size() - files, stmts, modelled, unparsed,
                    r.getFindings().size());
        }));
    }
}
