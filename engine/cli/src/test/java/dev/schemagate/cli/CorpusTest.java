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
 * Runs the PostgreSQL parts of the real migration histories in {@code ../shared/corpus} through the check:
 * no crash, no input errors, every statement either modelled or reported as an unparsed finding. Prints the
 * counts per corpus.
 */
class CorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("schemagate.corpus", "../../../shared/corpus"));

    static final List<String[]> POSTGRES = List.of(
            new String[] {"documenso", "documenso/packages/prisma/migrations"},
            new String[] {"ente", "ente/server/migrations"},
            new String[] {"flipt", "flipt/config/migrations/postgres"},
            new String[] {"hawkbit", "hawkbit/hawkbit-repository/hawkbit-repository-jpa-flyway/src/main/resources/db/migration/POSTGRESQL"},
            new String[] {"kratos", "kratos/persistence/sql/migrations/sql"});

    @TestFactory
    Stream<DynamicTest> postgresCorpora() {
        assumeTrue(Files.isDirectory(CORPUS), "corpus not found at " + CORPUS.toAbsolutePath());
        Engine engine = new Engine();
        return POSTGRES.stream().map(c -> DynamicTest.dynamicTest(c[0], () -> {
            Path dir = CORPUS.resolve(c[1]);
            assertTrue(Files.isDirectory(dir), dir.toString());
            Settings s = new Settings().setDialect(Dialect.POSTGRES);
            Report r = engine.check(List.of(dir.toString()), Path.of("").toAbsolutePath(), s);
            assertEquals(List.of(), r.getErrors(), c[0]);
            int files = 0;
            int stmts = 0;
            int modelled = 0;
            int fallback = 0;
            int unparsed = 0;
            int skipped = 0;
            for (FileSummary f : r.getFiles()) {
                if (f.getSkipped() != null) {
                    skipped++;
                    continue;
                }
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
            assertTrue(files > 0, c[0]);
            System.out.printf("corpus %-10s files %4d (skipped %4d)  statements %5d  modelled %5d (own reader %4d)"
                            + "  unparsed %3d  findings %4d%n", c[0], files, skipped, stmts, modelled, fallback, unparsed,
                    r.getFindings().size());
        }));
    }
}
