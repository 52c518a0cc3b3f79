package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schemagate audit}: formats, determinism, exit codes, and the HTML page rendered by headless Chromium. */
class AuditCommandTest {
    static final String FLYWAY = HistoryLayoutsTest.FIXTURES.resolve("flyway/db/migration/postgresql").toString();
    static final String LIQUIBASE = HistoryLayoutsTest.FIXTURES.resolve("liquibase-xml").toString();

    @Test
    void configAndOutputAreRelativeToTheWorkingDirectory(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/gate.yaml"), "fail_on: [not a level\n");
        Cli bad = Cli.runIn(dir, "audit", FLYWAY, "--config", "conf/gate.yaml", "-o", "audit.md");
        assertTrue((bad.out + bad.err).contains("conf/gate.yaml"), bad.toString());
        Files.writeString(dir.resolve("conf/gate.yaml"), "fail_on: HIGH\n");
        Cli ok = Cli.runIn(dir, "audit", FLYWAY, "--config", "conf/gate.yaml", "-o", "audit.md");
        assertTrue(Files.isRegularFile(dir.resolve("audit.md")), ok.toString());
        assertTrue(Files.readString(dir.resolve("audit.md")).contains("V1"), ok.toString());
    }

    @Test
    void markdownListsMigrationsTotalsDestructiveChangesAndRollbacks() {
        Cli c = Cli.run("audit", LIQUIBASE);
        assertEquals(0, c.code, c.toString());
        assertTrue(c.out.startsWith("# Migration audit\n"), c.out);
        for (String section : List.of("## Layouts", "## Totals", "## Migrations", "## Destructive changes", "## Findings",
                "## Suppressions used", "## Waivers")) {
            assertTrue(c.out.contains(section), section);
        }
        assertTrue(c.out.contains("| liquibase | postgres |"), c.out);
        assertTrue(c.out.contains("drop column accounts.legacy_code | restored | no | yes |"), c.out);
        assertTrue(c.out.contains("drop table orders | no down | yes | yes |"), c.out);
        assertTrue(c.out.contains("| Migrations missing a down migration | 4 |"), c.out);
        assertEquals("", c.err, "no progress bar without a terminal");
    }

    @Test
    void jsonHasTotalsAndPerMigrationDetail() throws IOException {
        Cli c = Cli.run("audit", FLYWAY, "--format", "json");
        assertEquals(0, c.code, c.toString());
        JsonNode r = new ObjectMapper().readTree(c.out);
        assertEquals("flyway", r.at("/layouts/0/tool").asText());
        assertEquals(6, r.at("/totals/migrations").asInt());
        assertEquals(1, r.at("/totals/withDown").asInt());
        JsonNode v2 = r.at("/migrations/1");
        assertEquals("V2__email", v2.get("id").asText());
        assertEquals("paired", v2.get("rollback").asText());
        assertEquals(1, v2.at("/changes/additive").asInt());
        assertEquals(2, v2.at("/schemaAfter/columns").asInt());
        assertTrue(r.get("waivers").isArray());
        assertTrue(r.get("suppressions").isArray());
    }

    @Test
    void suppressionsUsedAreListed(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("1_init.up.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, notes text);\n");
        Files.writeString(tmp.resolve("1_init.down.sql"), "DROP TABLE t;\n");
        Files.writeString(tmp.resolve("2_drop.up.sql"), "-- schemagate:ignore pg.drop-column -- notes unused since 2024, OPS-1\n"
                + "ALTER TABLE t DROP COLUMN notes;\n");
        Files.writeString(tmp.resolve("2_drop.down.sql"), "ALTER TABLE t ADD COLUMN notes text;\n");
        Cli c = Cli.run("audit", tmp.toString(), "--format", "json");
        JsonNode r = new ObjectMapper().readTree(c.out);
        assertEquals("pg.drop-column", r.at("/suppressions/0/rule").asText(), c.out);
        assertEquals("notes unused since 2024, OPS-1", r.at("/suppressions/0/reason").asText());
        assertEquals("restored", r.at("/migrations/1/destructive/0/rollback").asText());
        assertFalse(r.at("/migrations/1/destructive/0/pointOfNoReturn").asBoolean());
    }

    @Test
    void waiversOfPoliciesAndCommentsAreListed() throws IOException {
        String demo = Cli.ROOT.resolve("policies/examples/demo/db/migration").toString();
        String pack = Cli.ROOT.resolve("policies/examples/platform").toString();
        String waivers = Cli.ROOT.resolve("policies/examples/demo/waivers.yaml").toString();
        Cli c = Cli.run("audit", demo, "--policy", pack, "--policy", waivers, "--today", "2026-05-01", "--format", "json");
        assertEquals(0, c.code, c.toString());
        JsonNode w = new ObjectMapper().readTree(c.out).get("waivers");
        // the inline schemagate:waive comment of V3 and the policy file's waiver for V4, each with what it covered
        assertEquals(2, w.size(), w.toString());
        assertEquals("policy.protected-table", w.at("/0/rule").asText());
        assertTrue(w.at("/0/scope").asText().endsWith("V3__drop_ledger_memo.sql:2"), w.toString());
        assertEquals("2026-09-30", w.at("/0/expires").asText());
        assertTrue(w.at("/1/scope").asText().endsWith("waivers.yaml:4"), w.toString());
        assertEquals("cfo@acme.example", w.at("/1/approver").asText());
        assertEquals("2026-05-31", w.at("/1/expires").asText());
        assertEquals(1, w.at("/1/matched").asInt(), w.toString());
        // after the policy waiver expires it covers nothing, and the audit says so through the finding
        Cli late = Cli.run("audit", demo, "--policy", pack, "--policy", waivers, "--today", "2026-06-15", "--format", "json");
        JsonNode lw = new ObjectMapper().readTree(late.out).get("waivers");
        assertEquals(1, lw.size(), late.out);
        assertEquals("2026-09-30", lw.at("/0/expires").asText());
        assertTrue(late.out.contains("core.waiver-expired"), late.out);
        // a policy that does not load stops the audit before anything is read
        Cli bad = Cli.run("audit", demo, "--policy", Cli.ROOT.resolve("no-such-policy.yaml").toString());
        assertEquals(2, bad.code, bad.toString());
    }

    @Test
    void sameInputSameBytesInEveryFormat() {
        for (String f : List.of("markdown", "json", "html")) {
            Cli a = Cli.run("audit", LIQUIBASE, "--format", f);
            Cli b = Cli.run("audit", LIQUIBASE, "--format", f, "--no-progress");
            assertEquals(a.out, b.out, f);
            assertFalse(a.out.contains(System.getProperty("java.io.tmpdir") + File.separator + "junit"), f);
        }
    }

    @Test
    void badFormatAndInputErrorsExitTwo(@TempDir Path tmp) throws IOException {
        Cli c = Cli.run("audit", FLYWAY, "--format", "pdf");
        assertEquals(2, c.code);
        assertTrue(c.err.contains("unknown format 'pdf'"), c.err);
        Cli t = Cli.run("audit", FLYWAY, "--tool", "rails");
        assertEquals(2, t.code);
        Cli missing = Cli.run("audit", tmp.resolve("nope").toString());
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("no such file or directory"), missing.err);
        assertTrue(missing.out.contains("# Migration audit"), "the audit is still written");
        // the fixture's MySQL migration is read now that the MySQL reader exists: no input error
        Cli mysql = Cli.run("audit", HistoryLayoutsTest.FIXTURES.resolve("flyway").toString());
        assertEquals(0, mysql.code, mysql.toString());
        assertTrue(!mysql.out.contains("no reader for dialect mysql"), mysql.out);
    }

    @Test
    void htmlIsOneSelfContainedPageThatChromiumRenders(@TempDir Path tmp) throws Exception {
        Path html = tmp.resolve("audit.html");
        Cli c = Cli.run("audit", LIQUIBASE, "--format", "html", "-o", html.toString());
        assertEquals(0, c.code, c.toString());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        String withoutSvgNamespace = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutSvgNamespace.contains("http://") || withoutSvgNamespace.contains("https://"),
                "no network resources");
        assertFalse(page.contains("<script src"), "no external scripts");
        String chromium = chromium();
        Path profile = Files.createDirectories(tmp.resolve("profile"));
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.err").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("chromium.err")));
        assertTrue(dom.contains("data-ready=\"yes\""), "the page script ran to its end without an error");
        for (String id : List.of("risk-chart", "type-chart", "type-totals", "growth-tables", "growth-columns", "growth-indexes")) {
            assertTrue(dom.contains("<svg id=\"" + id + "\""), id);
        }
        assertTrue(dom.contains("class=\"bar\""), "charts have bars");
        assertTrue(dom.contains("12 of 12 shown"), "the filter script counted the migration rows");
    }

    /** The Chromium binary; fails with what to do when it is not installed. */
    static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        fail("headless Chromium is needed to check the audit's HTML page: install it with 'apt-get install -y chromium' "
                + "(.ci/run does this)");
        return null;
    }
}
