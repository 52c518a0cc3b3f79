package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.Engine;
import dev.schemagate.core.Settings;
import dev.schemagate.core.history.History;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.Layout;
import dev.schemagate.core.report.FileSummary;
import dev.schemagate.core.report.Report;
import dev.schemagate.model.change.DropTable;
import dev.schemagate.model.finding.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the migration layout of every supported tool (fixtures in src/test/resources/history): detection of tool
 * and dialect, order, pairing of up and down migrations, and knowledge that crosses migrations during replay.
 */
class HistoryLayoutsTest {
    static final Path FIXTURES = Path.of("src/test/resources/history").toAbsolutePath();
    static final Engine ENGINE = new Engine();

    /** One run: what discovery found, the report and the replayed history. */
    record Run(Discovery.Result found, Report report, History history) {
        List<String> ids() {
            return history.getEntries().stream().map(e -> e.getMigration().getId()).collect(Collectors.toList());
        }

        History.Entry entry(String id) {
            return history.getEntries().stream().filter(e -> e.getMigration().getId().equals(id)).findFirst().orElseThrow();
        }

        List<Finding> findings(String rule) {
            return report.getFindings().stream().filter(f -> f.getRule().equals(rule)).collect(Collectors.toList());
        }

        Layout layout() {
            assertEquals(1, found.layouts.size(), found.layouts.toString());
            return found.layouts.get(0);
        }
    }

    static Run run(Path dir, String tool) {
        Settings s = new Settings();
        s.setTool(tool);
        Discovery.Result found = Discovery.discover(List.of(dir.toString()), FIXTURES, tool);
        History h = new History();
        Report r = ENGINE.check(found, List.of(dir.toString()), FIXTURES, s, h);
        return new Run(found, r, h);
    }

    static Run run(String fixture) {
        return run(FIXTURES.resolve(fixture), null);
    }

    @Test
    void flywayOrdersVersionsNumericallyThenRepeatablesAndPairsUndo() {
        Run r = run("flyway");
        Layout l = r.layout();
        assertEquals("flyway", l.getTool());
        assertEquals(List.of("mysql", "postgres"), l.getDialects());
        assertEquals(List.of("V1__init", "V1__init", "V2__email", "V10__check", "V11__validate", "V12__not_null",
                "R__account_emails"), r.ids());
        FileSummary baseline = r.report.getFiles().stream().filter(f -> f.getPath().endsWith("B2__baseline.sql"))
                .findFirst().orElseThrow();
        assertTrue(baseline.getSkipped().contains("baseline"), baseline.getSkipped());
        assertEquals(History.Status.PAIRED, r.entry("V2__email").getStatus());
        assertEquals("flyway/db/migration/postgresql/U2__email.sql", r.entry("V2__email").getDown().getPath());
        // the history uses undo migrations, so versioned ones without one are reported; repeatables never are
        assertEquals(History.Status.MISSING, r.entry("V10__check").getStatus());
        assertEquals(History.Status.NOT_EXPECTED, r.entry("R__account_emails").getStatus());
        assertTrue(r.findings("core.missing-down").stream().noneMatch(f -> f.getFile().contains("R__")));
        // the mysql folder has no reader in this build: listed, not read, and said so
        assertTrue(r.history.getEntries().get(0).getUnread().contains("no reader for dialect mysql"));
    }

    @Test
    void aCheckValidatedInOneMigrationProvesNotNullInALaterOne(@TempDir Path tmp) throws IOException {
        Run r = run("flyway");
        assertEquals(List.of(), r.findings("pg.set-not-null"), "V10 adds the CHECK NOT VALID, V11 validates it");
        // without the VALIDATE migration the same SET NOT NULL scans the table
        Path dir = tmp.resolve("db");
        Files.createDirectories(dir);
        for (String f : List.of("V1__init.sql", "V2__email.sql", "V10__check.sql", "V12__not_null.sql")) {
            Files.copy(FIXTURES.resolve("flyway/db/migration/postgresql").resolve(f), dir.resolve(f));
        }
        Run without = run(dir, null);
        assertEquals(1, without.findings("pg.set-not-null").size(), without.report.getFindings().toString());
        // the column added in V2 is known in V12: two columns after every later migration
        assertEquals(List.of(1, 2, 2, 2), without.history.getEntries().stream().map(History.Entry::getColumns)
                .collect(Collectors.toList()));
    }

    @Test
    void dbmateSplitsEachFileIntoUpAndDownWithTheFilesLineNumbers() {
        Run r = run("dbmate");
        assertEquals("dbmate", r.layout().getTool());
        assertEquals(List.of("20240101000000", "20240102000000", "20240103000000"), r.ids());
        History.Entry create = r.entry("20240101000000");
        assertEquals(History.Status.PAIRED, create.getStatus());
        assertTrue(create.getDownChanges().stream().anyMatch(c -> c instanceof DropTable), create.getDownChanges().toString());
        assertEquals(History.Status.EMPTY, r.entry("20240102000000").getStatus());
        Finding empty = r.findings("core.missing-down").get(0);
        assertEquals(2, empty.getLine());
        assertTrue(empty.getMessage().contains("section is empty"), empty.getMessage());
        // a column created two migrations earlier is what the rename breaks; the statement sits on line 2 of its file
        Finding rename = r.findings("pg.rename-column").get(0);
        assertTrue(rename.getFile().endsWith("20240103000000_rename_name.sql"));
        assertEquals(2, rename.getLine());
        assertEquals(1, r.findings("pg.rename-column").size());
        // the down section is not replayed: the users table exists after the last migration
        assertEquals(1, r.history.getEntries().get(2).getTables());
    }

    @Test
    void prismaTakesTheDialectFromItsLockFileAndAdvisesOnDowns() {
        Run r = run("prisma");
        Layout l = r.layout();
        assertEquals("prisma", l.getTool());
        assertEquals(List.of("postgres"), l.getDialects());
        assertEquals(History.Status.PAIRED, r.entry("20240102000000_posts").getStatus());
        List<Finding> missing = r.findings("core.missing-down");
        assertEquals(1, missing.size());
        assertTrue(missing.get(0).getMessage().contains("prisma migrate diff"), missing.get(0).getMessage());
        assertTrue(missing.get(0).getMessage().contains("--script > down.sql"), missing.get(0).getMessage());
    }

    @Test
    void prismaLockFileWithAnotherProviderGivesThatDialect(@TempDir Path tmp) throws IOException {
        Path m = tmp.resolve("migrations/20240101000000_init");
        Files.createDirectories(m);
        Files.writeString(tmp.resolve("migrations/migration_lock.toml"), "provider = \"mysql\"\n");
        Files.writeString(m.resolve("migration.sql"), "CREATE TABLE `User` (`id` INTEGER NOT NULL);\n");
        Run r = run(tmp, null);
        assertEquals(List.of("mysql"), r.layout().getDialects());
    }

    @Test
    void sqitchFollowsThePlanAndPairsRevertScripts() {
        Run r = run("sqitch");
        Layout l = r.layout();
        assertEquals("sqitch", l.getTool());
        assertEquals(List.of("postgres"), l.getDialects());
        assertTrue(l.getEvidence().contains("engine pg"), l.getEvidence());
        assertEquals(List.of("appschema", "users", "flips"), r.ids());
        assertEquals(History.Status.PAIRED, r.entry("users").getStatus());
        assertEquals(History.Status.MISSING, r.entry("flips").getStatus());
        assertTrue(r.findings("core.missing-down").get(0).getMessage().contains("revert/flips.sql"));
        assertTrue(r.report.getFiles().stream().anyMatch(f -> f.getPath().endsWith("verify/users.sql")
                && f.getSkipped() != null && f.getSkipped().contains("verify")));
    }

    @Test
    void migrateMongoFoldersAreLeftToTheMongoReader() {
        Run r = run("migrate-mongo");
        Layout l = r.layout();
        assertEquals("migrate-mongo", l.getTool());
        assertEquals(List.of("mongodb"), l.getDialects());
        assertEquals(List.of("20240101000000-users-email"), r.ids());
        assertEquals("mongodb", r.history.getEntries().get(0).getMigration().getDialect().id());
    }

    @Test
    void dieselAndPopxPairByFolderAndVersion() {
        Run d = run("diesel");
        assertEquals("diesel", d.layout().getTool());
        assertEquals(History.Status.PAIRED, d.entry("2024-01-01-000000_create_posts").getStatus());
        assertEquals(History.Status.MISSING, d.entry("2024-01-02-000000_add_body").getStatus());
        Run p = run("popx");
        assertEquals("popx", p.layout().getTool());
        assertEquals(List.of("mysql", "postgres", "unknown"), p.layout().getDialects());
        assertEquals(History.Status.EMPTY, p.entry("20240102000000000000_name").getStatus());
        assertEquals(History.Status.PAIRED, p.entry("20240103000000000000_idx").getStatus());
        assertEquals(dev.schemagate.model.Migration.TxMode.NONE,
                p.entry("20240103000000000000_idx").getMigration().getTxMode());
    }

    @Test
    void liquibaseReadsXmlYamlJsonAndFormattedSqlChangeSetsInIncludeOrder() {
        Run r = run("liquibase-xml");
        Layout l = r.layout();
        assertEquals("liquibase", l.getTool());
        assertTrue(l.getEvidence().contains("db.changelog-master.xml"), l.getEvidence());
        // changeSet 5 is for mysql only and dee:32 too: filtered out by dbms
        assertEquals(List.of("ana:1", "ana:2", "ana:3", "ana:4", "ana:6", "bo:10", "bo:11", "bo:12", "cy:20", "cy:21",
                "dee:30", "dee:31"), r.ids());
        assertEquals(List.of(), r.report.getErrors());
        assertEquals(List.of(), r.findings("core.unparsed-statement"), "${id_type} is substituted");
        // positions point at the element in the changelog
        Finding custom = r.findings("core.uncertain-code").get(0);
        assertTrue(custom.getFile().endsWith("001-accounts.xml"));
        assertEquals(36, custom.getLine());
        assertEquals(9, custom.getColumn());
        assertTrue(custom.getMessage().contains("com.example.BackfillRegions"), custom.getMessage());
        Finding yamlType = r.findings("pg.change-column-type").get(0);
        assertTrue(yamlType.getFile().endsWith("002-orders.yaml"));
        assertEquals(24, yamlType.getLine());
        // a column added in changeSet 2 and renamed in changeSet 3 (one file, two deployments)
        assertEquals(1, r.findings("pg.rename-column").size());
        assertEquals(1, r.findings("pg.set-not-null").size());
        // rollback: generated for createTable, written for dropColumn, missing for customChange/sql/DROP TABLE
        List<String> missing = r.findings("core.missing-down").stream().map(f -> f.getMigration()).sorted()
                .collect(Collectors.toList());
        assertEquals(List.of("ana:6", "cy:20", "cy:21", "dee:31"), missing);
        // a sqlFile is read with its changeSet: findings point into it, and it is not listed as a stray file
        Finding inSqlFile = r.findings("pg.require-statement-timeout").stream()
                .filter(f -> f.getFile().endsWith("changes/sql/backfill.sql")).findFirst().orElseThrow();
        assertEquals(2, inSqlFile.getLine());
        assertEquals("cy:21", inSqlFile.getMigration());
        assertTrue(r.report.getFiles().stream().noneMatch(f -> f.getPath().endsWith("backfill.sql")));
        assertEquals(History.Status.PAIRED, r.entry("ana:4").getStatus());
        assertEquals(History.Status.PAIRED, r.entry("dee:30").getStatus());
        assertEquals(History.Status.NOT_EXPECTED, r.entry("ana:1").getStatus());
        assertEquals(1, r.entry("dee:31").getTables(), "DROP TABLE orders leaves accounts");
    }

    @Test
    void brokenChangelogsAndMissingIncludesAreReportedWithPositions(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("master.xml"), "<databaseChangeLog>\n  <include file=\"nope.xml\"/>\n"
                + "  <include file=\"broken.yaml\"/>\n</databaseChangeLog>\n");
        Files.writeString(tmp.resolve("broken.yaml"), "databaseChangeLog:\n  - changeSet:\n      id: 1\n     author: x\n");
        Run r = run(tmp, null);
        String errors = r.report.getErrors().toString();
        assertTrue(errors.contains("master.xml:2:3") && errors.contains("nope.xml"), errors);
        assertTrue(errors.contains("broken.yaml") && errors.contains("not valid YAML"), errors);
    }

    @Test
    void toolOverrideAndUnknownTool() {
        Run plain = run(FIXTURES.resolve("dbmate"), "plain");
        assertEquals("plain", plain.layout().getTool());
        assertEquals("--tool plain", plain.layout().getEvidence());
        Discovery.Result bad = Discovery.discover(List.of("dbmate"), FIXTURES, "rails");
        assertTrue(bad.errors.get(0).toString().contains("unknown tool 'rails'"), bad.errors.toString());
    }

    @Test
    void mysqlFoldersAreRecognisedFromTheSqlWhenNoNameSaysSo(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("001_init.sql"), "CREATE TABLE `a` (`id` int NOT NULL AUTO_INCREMENT) ENGINE=InnoDB;\n");
        Files.writeString(tmp.resolve("002_more.sql"), "ALTER TABLE `a` ADD COLUMN `b` int;\n");
        Run r = run(tmp, null);
        assertEquals(List.of("mysql"), r.layout().getDialects());
        assertTrue(r.layout().getEvidence().contains("from the SQL"), r.layout().getEvidence());
        assertFalse(r.history.getEntries().isEmpty());
    }
}
