package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.audit.Audit;
import dev.schemagate.core.audit.AuditHtml;
import dev.schemagate.core.audit.AuditJson;
import dev.schemagate.core.audit.AuditMarkdown;
import dev.schemagate.core.history.History;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.Layout;
import dev.schemagate.core.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Audits every real migration history in {@code ../shared/corpus} end to end, with tool and dialect detected (no
 * --dialect): no crash, the detected layout is the project's, every up migration is audited (read, or listed as
 * having no reader for its dialect in this build), and all three formats render. Prints the counts per corpus.
 */
class CorpusAuditTest {
    /** name, folder, tool, dialects of the layout. */
    static final List<String[]> CORPORA = List.of(
            new String[] {"kratos", "kratos/persistence/sql/migrations/sql", "popx", "mysql,postgres,sqlite,unknown"},
            new String[] {"documenso", "documenso/packages/prisma/migrations", "prisma", "postgres"},
            new String[] {"hawkbit", "hawkbit", "flyway", "mysql,postgres"},
            new String[] {"kepler", "kepler/tools/db/migrations", "dbmate", "mysql"},
            new String[] {"ente", "ente/server/migrations", "golang-migrate", "postgres"},
            new String[] {"flipt", "flipt/config/migrations", "golang-migrate", "mysql,postgres,sqlite,unknown"});

    @TestFactory
    Stream<DynamicTest> auditEveryCorpus() {
        assumeTrue(Files.isDirectory(CorpusTest.CORPUS), "corpus not found at " + CorpusTest.CORPUS.toAbsolutePath());
        Engine engine = new Engine();
        return CORPORA.stream().map(c -> DynamicTest.dynamicTest(c[0], () -> {
            Path dir = CorpusTest.CORPUS.resolve(c[1]).toAbsolutePath().normalize();
            Path cwd = CorpusTest.CORPUS.toAbsolutePath().normalize();
            Discovery.Result found = Discovery.discover(List.of(dir.toString()), cwd, null);
            History history = new History();
            Report report = engine.check(found, List.of(dir.toString()), cwd, new Settings(), history);
            assertEquals(1, found.layouts.size(), found.layouts.toString());
            Layout l = found.layouts.get(0);
            assertEquals(c[2], l.getTool(), c[0]);
            assertEquals(List.of(c[3].split(",")), l.getDialects(), c[0]);
            for (InputError e : report.getErrors()) {
                assertTrue(e.toString().contains("no reader for dialect"), c[0] + ": " + e);
            }
            Audit audit = Audit.of(report, history, found.layouts);
            assertTrue(audit.migrations.size() > 0, c[0]);
            TreeSet<String> read = new TreeSet<>();
            for (Audit.Migration m : audit.migrations) {
                if (m.unread == null) {
                    read.add(m.dialect);
                    assertTrue(m.tables >= 0, m.path);
                } else {
                    assertTrue(m.unread.startsWith("no reader for dialect"), m.path + ": " + m.unread);
                }
            }
            assertTrue(read.contains("postgres") || c[3].equals("mysql"), c[0] + " reads its PostgreSQL part: " + read);
            String md = AuditMarkdown.render(audit);
            String json = AuditJson.render(audit, "test");
            String html = AuditHtml.render(audit, "test");
            assertTrue(md.contains("## Totals"), c[0]);
            assertEquals(audit.migrations.size(), new ObjectMapper().readTree(json).at("/totals/migrations").asInt());
            assertTrue(html.contains("<svg id=\"risk-chart\""), c[0]);
            List<String> perDialect = new ArrayList<>();
            for (String d : l.getDialects()) {
                long n = audit.migrations.stream().filter(m -> m.dialect.equals(d)).count();
                if (n > 0) {
                    perDialect.add(d + " " + n);
                }
            }
            System.out.printf("audit %-10s %-15s %-32s up migrations %4d (%s; not read %d)  down: paired %d, missing %d, "
                            + "empty %d  destructive %d (no return %d)%n", c[0], l.getTool(), String.join("+", l.getDialects()),
                    audit.migrations.size(), String.join(", ", perDialect), audit.unread(), audit.rollback("paired"),
                    audit.rollback("missing"), audit.rollback("empty"), audit.destructive(), audit.pointsOfNoReturn());
        }));
    }
}
