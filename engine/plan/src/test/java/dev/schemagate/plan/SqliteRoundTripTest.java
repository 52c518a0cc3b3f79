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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the scripts of the SQLite worked example (a column type change done by a table rebuild) with the sqlite3
 * shell and the generated sh driver: every phase forward with its validation, writes of the application mirrored into
 * the new table while it is filled, the swap keeping the child table's rows (foreign keys off outside the
 * transaction), the end schema compared with the migration as written, every phase rolled back to the schema and data
 * of the start; and a paused, killed and resumed copy that inserts every row exactly once.
 */
class SqliteRoundTripTest {
    static String sqlite3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void find() {
        for (String c : new String[] {"/usr/bin/sqlite3", "/usr/local/bin/sqlite3"}) {
            if (Files.isExecutable(Path.of(c))) {
                sqlite3 = c;
            }
        }
        assertTrue(sqlite3 != null, "the sqlite3 shell is needed to run the generated scripts (.ci/run installs the"
                + " Debian package sqlite3)");
    }

    private Object[] run(Path db, Path input, List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        if (input != null) {
            pb.redirectInput(input.toFile());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), cmd + " did not finish");
        return new Object[] {p.exitValue(), Files.readString(out, StandardCharsets.UTF_8)};
    }

    private String ok(Path db, Path script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        Path in = null;
        if (script.toString().endsWith(".sh")) {
            cmd.addAll(List.of("sh", script.toString(), db.toString()));
            cmd.addAll(List.of(args));
        } else {
            cmd.addAll(List.of(sqlite3, db.toString()));
            in = script;
        }
        Object[] r = run(db, in, cmd);
        assertEquals(0, r[0], script.getFileName() + " failed:\n" + r[1]);
        return (String) r[1];
    }

    private String sql(Path db, String sql) throws IOException, InterruptedException {
        Object[] r = run(db, null, List.of(sqlite3, "-bail", "-cmd", ".timeout 10000", db.toString(), sql));
        assertEquals(0, r[0], sql + ":\n" + r[1]);
        return ((String) r[1]).trim();
    }

    private Path plan() throws IOException {
        Planner.Result r = Examples.plan("sqlite-type-change");
        assertTrue(r.errors.isEmpty(), r.errors.toString());
        assertEquals(List.of(), r.plan.problems);
        Path dir = tmp.resolve("plan");
        for (Map.Entry<String, String> f : Examples.files(r.plan).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
        return dir.resolve("scripts");
    }

    private Path database(String name, int rows) throws Exception {
        Path db = tmp.resolve(name + ".db");
        ok(db, Examples.dir("sqlite-type-change").resolve("migrations/V1__accounts.sql"));
        sql(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ") INSERT INTO"
                + " accounts (id, email, balance) SELECT i, 'u' || i || '@example.org', CASE WHEN i % 10 = 0 THEN NULL"
                + " ELSE (i % 1000) || '.' || (i % 100) END FROM n; INSERT INTO payments (account_id, amount) SELECT id,"
                + " 100 FROM accounts WHERE id % 7 = 0;");
        return db;
    }

    private String schema(Path db) throws Exception {
        return sql(db, "SELECT m.name, p.name, p.type, p.\"notnull\", IFNULL(p.dflt_value, '-'), p.pk FROM sqlite_schema AS"
                + " m, pragma_table_info(m.name) AS p WHERE m.type = 'table' AND m.name IN ('accounts', 'payments') ORDER"
                + " BY m.name, p.cid; SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS"
                + " NOT NULL AND tbl_name IN ('accounts', 'payments') ORDER BY name; SELECT \"table\", \"from\", \"to\","
                + " on_delete FROM pragma_foreign_key_list('payments');");
    }

    private String data(Path db) throws Exception {
        return sql(db, "SELECT COUNT(*), SUM(id), SUM(length(email)), SUM(length(quote(balance))), total(balance) FROM"
                + " accounts; SELECT COUNT(*), SUM(account_id) FROM payments;");
    }

    @Test
    void everyPhaseRunsValidatesAndRollsBack() throws Exception {
        Path s = plan();
        Path db = database("roundtrip", 20_000);
        String startSchema = schema(db);
        String startData = data(db);
        // 01_backup.sh takes an online copy before phase 1; restored after the point of no return it is the start
        Path backup = tmp.resolve("backup");
        String saved = ok(db, s.resolve("01_backup.sh"), backup.toString());
        assertTrue(saved.contains("saved " + db + " in " + backup.resolve("roundtrip.db.backup")), saved);
        ok(db, s.resolve("02_forward_1.sql"));
        assertTrue(ok(db, s.resolve("04_validate_1.sql")).contains("all checks passed"));
        Object[] early = run(db, s.resolve("04_validate_2.sql"), List.of(sqlite3, db.toString()));
        assertEquals(1, early[0], (String) early[1]);
        assertTrue(((String) early[1]).contains("FAIL  rows of accounts not yet copied: 20000"), (String) early[1]);
        String dry = ok(db, s.resolve("03_backfill.sh"), "--dry-run");
        assertTrue(dry.contains("dry run accounts_rebuild_copy: 20000 rows to copy"), dry);
        assertEquals("0", sql(db, "SELECT COUNT(*) FROM accounts_new"));
        String slice = ok(db, s.resolve("03_backfill.sh"), "--slice-pct", "2");
        assertTrue(slice.contains("slice of 2 % done up to key 3000"), slice);
        // the application writes while the copy runs: the mirror triggers keep the new table in step
        sql(db, "PRAGMA foreign_keys = ON; INSERT INTO accounts (id, email, balance) VALUES (30001, 'new@example.org',"
                + " '7.25'); UPDATE accounts SET balance = '1.5' WHERE id = 5; UPDATE accounts SET balance = '2.5' WHERE id"
                + " = 19999;");
        assertEquals("150|725|250", sql(db, "SELECT (SELECT balance FROM accounts_new WHERE id = 5), (SELECT balance FROM"
                + " accounts_new WHERE id = 30001), (SELECT balance FROM accounts_new WHERE id = 19999)").replace("\n", "|"));
        String full = ok(db, s.resolve("03_backfill.sh"));
        assertTrue(full.contains("finished") && full.contains("ETA"), full);
        assertTrue(ok(db, s.resolve("04_validate_2.sql")).contains("all checks passed"));
        sql(db, "PRAGMA foreign_keys = ON; DELETE FROM accounts WHERE id = 30001;");
        ok(db, s.resolve("canary_before.sql"));
        String payments = sql(db, "SELECT COUNT(*) FROM payments");
        ok(db, s.resolve("02_forward_3.sql"));
        assertTrue(ok(db, s.resolve("04_validate_3.sql")).contains("all checks passed"));
        assertEquals(payments, sql(db, "SELECT COUNT(*) FROM payments"), "DROP TABLE did not cascade into payments");
        assertTrue(ok(db, s.resolve("canary_after.sql")).contains("canary: row counts and checksums match"));
        assertEquals("0", sql(db, "SELECT COUNT(*) FROM accounts WHERE typeof(balance) <> 'integer'"));
        Path restored = tmp.resolve("restored.db");
        sql(restored, ".restore '" + backup.resolve("roundtrip.db.backup") + "'");
        assertEquals(startSchema, schema(restored));
        assertEquals(startData, data(restored));
        // the end schema is what the migration as written gives (run with foreign keys off, as it needs)
        Path ref = database("reference", 10);
        ok(ref, Examples.dir("sqlite-type-change").resolve("migrations/V2__balance_cents.sql"));
        assertEquals(schema(ref), schema(db));
        // every phase rolled back, in reverse order: the old schema, and the old values of rows the copy converted
        for (int p = 3; p >= 1; p--) {
            ok(db, s.resolve("05_rollback_" + p + ".sql"));
        }
        assertEquals(startSchema, schema(db));
        sql(db, "UPDATE accounts SET balance = '5.5' WHERE id = 5; UPDATE accounts SET balance = '999.99' WHERE id ="
                + " 19999;");
        assertEquals(startData, data(db));
    }

    @Test
    void pausedKilledAndResumedCopyInsertsEveryRowExactlyOnce() throws Exception {
        Path s = plan();
        Path db = database("pause", 30_000);
        ok(db, s.resolve("02_forward_1.sql"));
        sql(db, "CREATE TABLE audit (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); CREATE TRIGGER audit_ins AFTER INSERT"
                + " ON accounts_new BEGIN INSERT INTO audit VALUES (NEW.id, 1) ON CONFLICT (id) DO UPDATE SET n = n + 1;"
                + " END;");
        assertTrue(ok(db, s.resolve("03_backfill.sh"), "--slice-pct", "2").contains("slice of 2 %"));
        String job = "'accounts_rebuild_copy'";
        sql(db, "UPDATE schemagate_backfill_control SET paused = 1, sleep_ms = 700 WHERE job = " + job);
        Path out = tmp.resolve("paused.txt");
        Process p = new ProcessBuilder("sh", s.resolve("03_backfill.sh").toString(), db.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Thread.sleep(2500);
        assertEquals("3000", sql(db, "SELECT last_key FROM schemagate_backfill_checkpoint WHERE job = " + job),
                "no batch runs while paused");
        sql(db, "UPDATE schemagate_backfill_control SET paused = 0 WHERE job = " + job);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Long.parseLong(sql(db, "SELECT last_key FROM schemagate_backfill_checkpoint WHERE job = " + job)) < 9000) {
            assertTrue(System.nanoTime() < deadline, "the copy did not resume");
            Thread.sleep(50);
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(log.contains("accounts_rebuild_copy: paused") && log.contains("accounts_rebuild_copy: resumed"), log);
        long stoppedAt = Long.parseLong(sql(db, "SELECT last_key FROM schemagate_backfill_checkpoint WHERE job = " + job));
        assertTrue(stoppedAt < 30_000, "killed in the middle: " + stoppedAt);
        assertEquals(Long.toString(stoppedAt), sql(db, "SELECT COUNT(*) FROM accounts_new"),
                "the checkpoint and the rows copied agree after the kill");
        sql(db, "UPDATE schemagate_backfill_control SET sleep_ms = 0 WHERE job = " + job);
        assertTrue(ok(db, s.resolve("03_backfill.sh")).contains("finished"));
        assertEquals("30000|1|1", sql(db, "SELECT COUNT(*), MIN(n), MAX(n) FROM audit").replace("\n", "|"));
        assertTrue(ok(db, s.resolve("04_validate_2.sql")).contains("all checks passed"));
    }
}
