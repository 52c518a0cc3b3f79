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

/** The SQLite dialect end to end: the example, --sqlite-version, dialect detection, popx's per-dialect files. */
class SqliteCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = Cli.ROOT.resolve("examples/sqlite-golang-migrate").toString();

    @TempDir
    Path tmp;

    private static List<String> findings(JsonNode report) {
        List<String> found = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            found.add(f.get("rule").asText() + "@" + Path.of(f.get("file").asText()).getFileName() + ":"
                    + f.get("line").asInt() + " " + f.get("risk").asText());
        }
        return found;
    }

    @Test
    void exampleIsDetectedAsSqliteAndItsRebuildMistakesAreFound() throws Exception {
        Cli r = Cli.run("check", EXAMPLE, "--format", "json");
        assertEquals(1, r.code, r.toString());
        JsonNode report = JSON.readTree(r.out);
        List<String> found = findings(report);
        String rebuild = "000004_unique_project_names.up.sql";
        assertTrue(found.contains("sqlite.foreign-keys-off-in-transaction@" + rebuild + ":3 CRITICAL"), found.toString());
        assertTrue(found.contains("sqlite.rebuild-copy-loses-data@" + rebuild + ":15 HIGH"), found.toString());
        assertTrue(found.contains("sqlite.rebuild-loses-indexes@" + rebuild + ":15 HIGH"), found.toString());
        assertTrue(found.contains("sqlite.rebuild-without-foreign-key-check@" + rebuild + ":15 MEDIUM"), found.toString());
        assertTrue(found.contains("sqlite.drop-column@000005_drop_task_due_at.up.sql:1 HIGH"), found.toString());
        // the rebuild's own DROP TABLE and RENAME are judged by the rebuild rules, not as a drop and a rename
        assertFalse(found.stream().anyMatch(f -> f.startsWith("sqlite.drop-table") || f.startsWith("sqlite.rename-table")),
                found.toString());
        // (only core.missing-down: the example's later migrations have no down files)
        assertFalse(found.stream().filter(f -> !f.startsWith("core.missing-down@"))
                .anyMatch(f -> f.contains("000001_") || f.contains("000002_") || f.contains("000003_")), found.toString());
        assertEquals("3.46", report.get("target").get("sqlite").asText());
        assertEquals(0, report.get("summary").get("unparsed").asInt());
    }

    @Test
    void sqliteVersionFlagChangesTheAnswer() throws Exception {
        Cli r = Cli.run("check", EXAMPLE, "--format", "json", "--sqlite-version", "3.34");
        List<String> found = findings(JSON.readTree(r.out));
        assertTrue(found.contains("sqlite.needs-newer-version@000005_drop_task_due_at.up.sql:1 HIGH"), found.toString());
        assertFalse(found.stream().anyMatch(f -> f.startsWith("sqlite.drop-column@")), found.toString());
        Cli bad = Cli.run("check", EXAMPLE, "--sqlite-version", "three");
        assertEquals(2, bad.code, bad.toString());
        assertTrue(bad.err.contains("--sqlite-version"), bad.toString());
    }

    @Test
    void popxSharedFileIsReplacedByTheDialectsOwnFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sql"));
        // the shared file is PostgreSQL syntax; popx runs the .sqlite3. file on SQLite instead
        Files.writeString(dir.resolve("20230101000000000000_widen.up.sql"), "ALTER TABLE t ALTER COLUMN c TYPE TEXT;\n");
        Files.writeString(dir.resolve("20230101000000000000_widen.sqlite3.up.sql"), "ALTER TABLE t ADD COLUMN d TEXT;\n");
        Cli r = Cli.run("check", dir.toString(), "--dialect", "sqlite", "--format", "json", "--exclude", "core.missing-down");
        JsonNode report = JSON.readTree(r.out);
        assertEquals(0, r.code, r.toString());
        assertTrue(findings(report).isEmpty(), r.out);
        boolean replaced = false;
        for (JsonNode f : report.get("files")) {
            if (f.get("path").asText().endsWith("20230101000000000000_widen.up.sql")) {
                replaced = f.path("skipped").asText().contains("replaced by the sqlite file");
            }
        }
        assertTrue(replaced, r.out);
    }

    @Test
    void unreadableStatementIsAFindingWithItsPosition() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sqlite"));
        Files.writeString(dir.resolve("001_bad.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY);\nALTER TABLE t\n  MODIFY id TEXT;\n");
        Cli r = Cli.run("check", dir.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("001_bad.sql:3:3: CRITICAL core.unparsed-statement"), r.out);
    }

    @Test
    void popxSqliteFileNamesSelectTheDialectWithoutAFlag() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("migrations"));
        Files.writeString(dir.resolve("20240101000000000000_t.sqlite3.up.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY, c TEXT);\n");
        Files.writeString(dir.resolve("20240102000000000000_t.sqlite3.up.sql"), "ALTER TABLE t RENAME COLUMN c TO d;\n");
        Files.writeString(dir.resolve("20240102000000000000_t.postgres.up.sql"), "ALTER TABLE t RENAME COLUMN c TO d;\n");
        Cli r = Cli.run("check", dir.toString(), "--format", "json", "--sqlite-version", "3.24");
        JsonNode report = JSON.readTree(r.out);
        List<String> found = findings(report);
        assertTrue(found.contains("sqlite.needs-newer-version@20240102000000000000_t.sqlite3.up.sql:1 HIGH"), found.toString());
        assertTrue(found.contains("pg.rename-column@20240102000000000000_t.postgres.up.sql:1 HIGH"), found.toString());
    }

    @Test
    void suppressionCommentsWorkForSqliteRules() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sqlite3"));
        Files.writeString(dir.resolve("001_init.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY, c TEXT);\n");
        Files.writeString(dir.resolve("002_drop.sql"),
                "-- schemagate:ignore sqlite.drop-column -- c was never written, see ticket OPS-7\nALTER TABLE t DROP COLUMN c;\n");
        Cli r = Cli.run("check", dir.toString(), "--format", "json");
        assertEquals(0, r.code, r.toString());
        JsonNode f = JSON.readTree(r.out).get("findings").get(0);
        assertEquals("sqlite.drop-column", f.get("rule").asText());
        assertTrue(f.get("suppressed").asBoolean(), r.out);
    }
}
