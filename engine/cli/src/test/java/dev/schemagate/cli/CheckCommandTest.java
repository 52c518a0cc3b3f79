package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void exampleFolderFailsTheGateWithTheExpectedFindings() throws Exception {
        Cli r = Cli.run("check", Cli.EXAMPLE, "--format", "json");
        assertEquals(1, r.code, r.toString());
        JsonNode report = JSON.readTree(r.out);
        List<String> found = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            found.add(f.get("rule").asText() + "@" + Path.of(f.get("file").asText()).getFileName() + ":"
                    + f.get("line").asInt() + (f.get("suppressed").asBoolean() ? " suppressed" : ""));
        }
        assertTrue(found.contains("pg.require-concurrent-index@V3__index_orders_by_status.sql:4"), found.toString());
        assertTrue(found.contains("pg.set-not-null@V4__require_account_region.sql:7"), found.toString());
        assertTrue(found.contains("pg.change-column-type@V5__widen_total.sql:4"), found.toString());
        // the backfill runs while ADD COLUMN's ACCESS EXCLUSIVE is still held (Flyway wraps the file)
        assertTrue(found.contains("pg.statement-under-held-lock@V4__require_account_region.sql:4"), found.toString());
        assertTrue(found.contains("pg.drop-column@V6__drop_legacy_notes.sql:3 suppressed"), found.toString());
        // text -> varchar is binary coercible; the NOT VALID + VALIDATE pair is the safe pattern
        assertFalse(found.stream().anyMatch(s -> s.contains("V5__widen_total.sql:7")), found.toString());
        assertFalse(found.stream().anyMatch(s -> s.contains("V7__") || s.contains("V8__")), found.toString());
        assertEquals("failed", report.get("result").asText());
        assertEquals(8, report.get("summary").get("files").asInt());
        assertEquals(0, report.get("summary").get("unparsed").asInt());
    }

    @Test
    void failOnThresholdDecidesTheExitCode() {
        assertEquals(1, Cli.run("check", Cli.EXAMPLE, "--fail-on", "critical").code);
        Cli r = Cli.run("check", Cli.EXAMPLE, "--exclude", "pg.change-column-type,pg.require-*,pg.set-not-null,pg.statement-under-held-lock",
                "--fail-on", "HIGH");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("PASSED"), r.out);
    }

    @Test
    void textReportShowsPositionRiskLockFixAndPeers() {
        Cli r = Cli.run("check", Cli.EXAMPLE);
        assertTrue(r.out.contains("V4__require_account_region.sql:7:1: HIGH pg.set-not-null"), r.out);
        assertTrue(r.out.contains("lock ACCESS EXCLUSIVE"), r.out);
        assertTrue(r.out.contains("VALIDATE CONSTRAINT accounts_region_not_null"), r.out);
        assertTrue(r.out.contains("same as: squawk:adding-not-nullable-field"), r.out);
        assertTrue(r.out.contains("FAILED:"), r.out);
    }

    @Test
    void missingPathIsAnInputErrorWithExit2AndTheRestStillRuns() {
        Cli r = Cli.run("check", tmp.resolve("nope").toString(), Cli.EXAMPLE);
        assertEquals(2, r.code, r.toString());
        assertTrue(r.out.contains("nope"), r.out);
        assertTrue(r.out.contains("pg.set-not-null"), "other inputs are still checked: " + r.out);
        assertFalse(r.out.contains("Exception"), r.out);
    }

    @Test
    void usageMistakesExitWith2AndNoStackTrace() {
        for (String[] args : List.of(new String[] {"check"}, new String[] {"check", Cli.EXAMPLE, "--fail-on", "severe"},
                new String[] {"check", Cli.EXAMPLE, "--format", "pdf"}, new String[] {"check", "--bogus", Cli.EXAMPLE},
                new String[] {"check", Cli.EXAMPLE, "--pg-version", "banana"}, new String[] {"frobnicate"})) {
            Cli r = Cli.run(args);
            assertEquals(2, r.code, String.join(" ", args) + "\n" + r);
            assertFalse((r.out + r.err).contains("\tat "), r.toString());
            assertTrue(r.err.startsWith("schemagate: ") || r.err.contains("Unknown") || r.out.contains("error"),
                    r.toString());
        }
    }

    @Test
    void configFileSetsOptionsAndFlagsWin() throws Exception {
        Path cfg = tmp.resolve("schemagate.yaml");
        Files.writeString(cfg, "fail_on: CRITICAL\nexclude:\n  - pg.change-column-type\n");
        Cli r = Cli.run("check", Cli.EXAMPLE, "--config", cfg.toString());
        assertEquals(0, r.code, r.toString());
        assertEquals(1, Cli.run("check", Cli.EXAMPLE, "--config", cfg.toString(), "--fail-on", "HIGH").code);
        Files.writeString(cfg, "fail_on: CRITICAL\nfail_onn: HIGH\n");
        Cli bad = Cli.run("check", Cli.EXAMPLE, "--config", cfg.toString());
        assertEquals(2, bad.code, bad.toString());
        assertTrue(bad.out.contains("schemagate.yaml:2:1: unknown setting 'fail_onn'"), bad.out);
    }

    @Test
    void statsFileMakesSmallTablesLowRisk() throws Exception {
        Path stats = tmp.resolve("stats.yaml");
        Files.writeString(stats, "orders: {rows: 500}\n");
        Cli r = Cli.run("check", Cli.EXAMPLE, "--stats", stats.toString(), "--format", "json");
        JsonNode report = JSON.readTree(r.out);
        for (JsonNode f : report.get("findings")) {
            if (f.get("rule").asText().equals("pg.require-concurrent-index")) {
                assertEquals("LOW", f.get("risk").asText(), f.toString());
                return;
            }
        }
        throw new AssertionError("no index finding: " + r.out);
    }

    @Test
    void outputFileIsWrittenWhole() throws Exception {
        Path out = tmp.resolve("reports/report.sarif");
        Cli r = Cli.run("check", Cli.EXAMPLE, "--format", "sarif", "--output", out.toString());
        assertEquals(1, r.code, r.toString());
        assertEquals("", r.out);
        assertTrue(Files.readString(out).contains("\"version\" : \"2.1.0\""));
        try (var s = Files.list(out.getParent())) {
            assertEquals(1, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void sameInputGivesSameBytesInEveryFormatAndThreadCount() {
        for (String fmt : List.of("text", "json", "sarif", "junit", "github", "gitlab")) {
            Cli a = Cli.run("check", Cli.EXAMPLE, "--format", fmt, "--threads", "1");
            Cli b = Cli.run("check", Cli.EXAMPLE, "--format", fmt, "--threads", "4");
            assertEquals(a.out, b.out, fmt);
            assertFalse(a.out.isEmpty(), fmt);
        }
    }

    @Test
    void versionAndHelp() {
        Cli v = Cli.run("--version");
        assertEquals(0, v.code);
        assertTrue(v.out.startsWith("schemagate "), v.out);
        Cli h = Cli.run("check", "--help");
        assertEquals(0, h.code);
        assertTrue(h.out.contains("--fail-on") && h.out.contains("Exit codes"), h.out);
    }

    @Test
    void aToolThatFindsNothingSaysWhatItLooksFor() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("dist/migrations"));
        Files.writeString(d.resolve("1589476000887-Webhook.js"), "class Webhook1589476000887 {\n"
                + "  async up(queryRunner) { await queryRunner.query('CREATE TABLE w (id int)'); }\n}\n");
        Cli r = Cli.run("check", d.toString(), "--tool", "typeorm");
        assertEquals(2, r.code, r.toString());
        assertTrue((r.out + r.err).contains("no typeorm migrations found (--tool typeorm looks for a data source or ormconfig,"
                + " or <timestamp>-Name.ts classes that implement MigrationInterface"), r.toString());
    }

    @Test
    void aFolderNamedForAnotherDatabaseIsListedAsNotReadOnlyBelowTheCheckedFolder() throws Exception {
        Path project = tmp.resolve("oracle/project/db");
        Files.createDirectories(project.resolve("clickhouse"));
        Files.createDirectories(project.resolve("postgresql"));
        Files.writeString(project.resolve("clickhouse/01_keys.sql"), "ALTER TABLE e UPDATE x = 1 WHERE 1;\n");
        Files.writeString(project.resolve("postgresql/01_init.sql"), "CREATE TABLE e (id bigint PRIMARY KEY);\n");
        Cli r = Cli.run("check", project.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("01_keys.sql: ClickHouse migration (its folder says clickhouse), a database SchemaGate"
                + " does not read"), r.out);
        assertFalse(r.out.contains("core.unparsed-statement"), r.out);
        // "oracle" above the checked folder says nothing about these files
        assertFalse(r.out.contains("Oracle"), r.out);
        assertTrue(r.out.contains("Checked 1 file, 1 statement"), r.out);
    }
}
