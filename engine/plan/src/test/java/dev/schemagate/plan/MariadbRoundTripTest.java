package dev.schemagate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.live.scratch.MariadbServer;
import dev.schemagate.model.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the scripts of the MySQL worked example, planned for the MariaDB of this machine, in a private mariadbd
 * (engine/live's starter) with the {@code mariadb} command-line client: every phase forward with its validation,
 * writes of the old application in between (the sync triggers fill the new column), a canary slice, the end schema
 * compared with the migration as written, every phase rolled back to the schema and data of the start; and a
 * paused, throttled, killed and resumed backfill that changes every row exactly once.
 */
class MariadbRoundTripTest {
    static MariadbServer server;
    static String client;
    static int port;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        String why = MariadbServer.unavailableReason();
        assertNull(why, "the MariaDB round trip needs mariadb-server (.ci/run installs it): " + why);
        for (String c : new String[] {"/usr/bin/mariadb", "/usr/bin/mysql", "/usr/local/bin/mariadb"}) {
            if (Files.isExecutable(Path.of(c))) {
                client = c;
                break;
            }
        }
        assertTrue(client != null, "the mariadb command-line client is needed to run the generated scripts (Debian:"
                + " mariadb-client, installed with mariadb-server)");
        server = MariadbServer.start();
        String url = server.url("");
        port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1, url.lastIndexOf('/')));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(server.url(db), "root", "");
    }

    private static void exec(String db, String... sql) throws SQLException {
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static List<String> rows(String db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(db); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    sb.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static String one(String db, String sql) throws SQLException {
        List<String> r = rows(db, sql);
        return r.isEmpty() ? null : r.get(0);
    }

    private ProcessBuilder builder(String db, Path script, String init) {
        List<String> cmd = new ArrayList<>(List.of(client, "--no-defaults", "--protocol=TCP", "-h127.0.0.1", "-P" + port,
                "-uroot", "-N", "-B"));
        if (init != null) {
            cmd.add("--init-command=" + init);
        }
        cmd.add(db);
        return new ProcessBuilder(cmd).redirectInput(script.toFile()).redirectErrorStream(true);
    }

    /** Runs a script; returns exit code and output. */
    private Object[] run(String db, Path script, String init) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Process p = builder(db, script, init).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), script + " did not finish");
        return new Object[] {p.exitValue(), Files.readString(out, StandardCharsets.UTF_8)};
    }

    private String ok(String db, Path script, String init) throws IOException, InterruptedException {
        Object[] r = run(db, script, init);
        assertEquals(0, r[0], script.getFileName() + " failed:\n" + r[1]);
        return (String) r[1];
    }

    private String ok(String db, Path script) throws IOException, InterruptedException {
        return ok(db, script, null);
    }

    private Path plan() throws IOException {
        return plan("mysql-required-column");
    }

    private Path plan(String example) throws IOException {
        return plan(example, Examples.ROOT, "docs/plans/" + example + "/migrations",
                Examples.dir(example).resolve("stats.yaml"));
    }

    private Path plan(String example, Path cwd, String migrations, Path stats) throws IOException {
        Planner.Request r = new Planner.Request();
        r.cwd = cwd;
        r.inputs.add(migrations);
        r.settings.setDialect(Dialect.MARIADB);
        r.settings.setVersion(Dialect.MARIADB, server.version().replaceFirst("-.*$", ""));
        dev.schemagate.policies.ConfigFile.loadStats(stats, "stats.yaml", r.settings);
        Planner planner = new Planner();
        Planner.Result res = planner.plan(r);
        assertTrue(res.errors.isEmpty(), res.errors.toString());
        assertEquals(List.of(), res.plan.problems);
        assertEquals("mariadb", res.plan.dialect);
        Path dir = tmp.resolve("plan-" + example);
        for (Map.Entry<String, String> f : PlanFiles.of(res.plan, planner.generator(Dialect.MARIADB)).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
        return dir.resolve("scripts");
    }

    private static void createOrders(String db, int n) throws Exception {
        exec("", "DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db);
        String v1 = Files.readString(Examples.dir("mysql-required-column").resolve("migrations/V1__create_orders.sql"));
        exec(db, v1, "INSERT INTO orders (customer_id, total, created_at) SELECT seq % 97, (seq % 100000) / 100 + 0.01,"
                + " '2024-01-01' + INTERVAL seq MINUTE FROM seq_1_to_" + n);
    }

    private static List<String> schema(String db) throws SQLException {
        List<String> s = rows(db, "SELECT column_name, column_type, is_nullable, COALESCE(column_default, '-') FROM"
                + " information_schema.columns WHERE table_schema = '" + db + "' AND table_name = 'orders' ORDER BY"
                + " ordinal_position");
        s.addAll(rows(db, "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = '" + db + "'"));
        return s;
    }

    private static String checksum(String db) throws SQLException {
        return one(db, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, customer_id, total, created_at))))"
                + " FROM orders");
    }

    @Test
    void everyPhaseRunsValidatesAndRollsBack() throws Exception {
        Path s = plan();
        String db = "sg_roundtrip";
        createOrders(db, 20_000);
        List<String> startSchema = schema(db);
        String startData = checksum(db);
        ok(db, s.resolve("canary_before.sql"));
        // phase 1, and the old application writing in between: the triggers fill the new column
        ok(db, s.resolve("02_forward_1.sql"));
        assertTrue(ok(db, s.resolve("04_validate_1.sql")).contains("all checks passed"));
        // phase 2 fails its validation before the backfill
        Object[] early = run(db, s.resolve("04_validate_2.sql"), null);
        assertEquals(1, early[0], (String) early[1]);
        assertTrue(((String) early[1]).contains("FAIL  rows still waiting for the backfill: 20000"), (String) early[1]);
        // dry run changes nothing
        String dry = ok(db, s.resolve("03_backfill.sql"), "SET @dry_run=1");
        assertTrue(dry.contains("dry run orders_total_cents_backfill: 20000 rows to change"), dry);
        assertEquals("20000", one(db, "SELECT COUNT(*) FROM orders WHERE total_cents IS NULL"));
        // canary slice
        String slice = ok(db, s.resolve("03_backfill.sql"), "SET @slice_pct=2");
        assertTrue(slice.contains("slice of 2 % done up to key 5000"), slice);
        assertEquals("5000", one(db, "SELECT COUNT(*) FROM orders WHERE total_cents IS NOT NULL"));
        String full = ok(db, s.resolve("03_backfill.sql"));
        assertTrue(full.contains("orders_total_cents_backfill: 20000 rows changed in 4 batches, finished"), full);
        assertTrue(full.contains("ETA"), full);
        assertTrue(ok(db, s.resolve("04_validate_2.sql")).contains("all checks passed"));
        exec(db, "INSERT INTO orders (customer_id, total, created_at) VALUES (1, 12.34, NOW())",
                "UPDATE orders SET total = 99.99 WHERE id = 5");
        assertEquals("1234|9999", one(db, "SELECT (SELECT total_cents FROM orders WHERE total = 12.34 AND customer_id = 1"
                + " AND id > 20000), (SELECT total_cents FROM orders WHERE id = 5)"));
        exec(db, "DELETE FROM orders WHERE id > 20000", "UPDATE orders SET total = 0.06 WHERE id = 5");
        assertEquals("6", one(db, "SELECT total_cents FROM orders WHERE id = 5"), "the trigger followed the old app's update");
        // phases 3 and 4
        ok(db, s.resolve("02_forward_3.sql"));
        assertTrue(ok(db, s.resolve("04_validate_3.sql")).contains("all checks passed"));
        ok(db, s.resolve("02_forward_4.sql"));
        assertTrue(ok(db, s.resolve("04_validate_4.sql")).contains("all checks passed"));
        assertTrue(ok(db, s.resolve("canary_after.sql")).contains("canary: row counts and checksums match"));
        // the end schema is what the migration as written gives
        String ref = "sg_reference";
        createOrders(ref, 10);
        exec(ref, Files.readString(Examples.dir("mysql-required-column").resolve("migrations/V2__orders_total_cents.sql")
                .toAbsolutePath()).replaceAll("(?m)^--.*$", "").split(";\\s*")[0]);
        exec(ref, "UPDATE orders SET total_cents = ROUND(total * 100)", "ALTER TABLE orders MODIFY total_cents BIGINT NOT"
                + " NULL");
        assertEquals(schema(ref), schema(db));
        assertEquals("0", one(db, "SELECT COUNT(*) FROM orders WHERE total_cents <> ROUND(total * 100)"));
        // every phase rolled back, in reverse order
        for (int p = 4; p >= 1; p--) {
            ok(db, s.resolve("05_rollback_" + p + ".sql"));
        }
        assertEquals(startSchema, schema(db));
        assertEquals(startData, checksum(db));
    }

    @Test
    void pausedKilledAndResumedBackfillChangesEveryRowExactlyOnce() throws Exception {
        Path s = plan();
        String db = "sg_pause";
        createOrders(db, 20_000);
        ok(db, s.resolve("02_forward_1.sql"));
        exec(db, "CREATE TABLE audit (id BIGINT PRIMARY KEY, n INT NOT NULL)",
                "CREATE TRIGGER audit_upd AFTER UPDATE ON orders FOR EACH ROW INSERT INTO audit VALUES (NEW.id, 1)"
                        + " ON DUPLICATE KEY UPDATE n = n + 1");
        assertTrue(ok(db, s.resolve("03_backfill.sql"), "SET @slice_pct=2").contains("slice of 2 %"), "the slice");
        String job = "'orders_total_cents_backfill'";
        exec(db, "UPDATE schemagate_backfill_control SET paused = 1, sleep_ms = 1500 WHERE job = " + job);
        Path out = tmp.resolve("paused.txt");
        Process p = builder(db, s.resolve("03_backfill.sql"), null).redirectOutput(out.toFile()).start();
        Thread.sleep(2500);
        assertEquals("5000", one(db, "SELECT last_key FROM schemagate_backfill_checkpoint WHERE job = " + job),
                "no batch runs while paused");
        exec(db, "UPDATE schemagate_backfill_control SET paused = 0 WHERE job = " + job);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Long.parseLong(one(db, "SELECT last_key FROM schemagate_backfill_checkpoint WHERE job = " + job)) < 10000) {
            assertTrue(System.nanoTime() < deadline, "the backfill did not resume");
            Thread.sleep(50);
        }
        String id = one(db, "SELECT id FROM information_schema.processlist WHERE db = '" + db + "' AND id <>"
                + " CONNECTION_ID() AND command = 'Query'");
        exec(db, "KILL " + id);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue());
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(log.contains("orders_total_cents_backfill: paused"), log);
        assertTrue(log.contains("orders_total_cents_backfill: resumed"), log);
        long stoppedAt = Long.parseLong(one(db, "SELECT last_key FROM schemagate_backfill_checkpoint WHERE job = " + job));
        assertTrue(stoppedAt < 20_000, "killed in the middle: " + stoppedAt);
        assertEquals(Long.toString(stoppedAt), one(db, "SELECT COUNT(*) FROM orders WHERE total_cents IS NOT NULL"),
                "the checkpoint and the rows done agree after the kill");
        exec(db, "UPDATE schemagate_backfill_control SET sleep_ms = 0 WHERE job = " + job);
        assertTrue(ok(db, s.resolve("03_backfill.sql")).contains("finished"));
        assertEquals("20000|1|1", one(db, "SELECT COUNT(*), MIN(n), MAX(n) FROM audit"));
        assertEquals("0", one(db, "SELECT COUNT(*) FROM orders WHERE total_cents IS NULL OR total_cents <> ROUND(total *"
                + " 100)"));
    }

    // ------------------------------------------------------------------------------------ rename and split (users)

    /** The users table of the rename and split examples with {@code n} rows, a few with awkward names. */
    private static void createUsers(String example, String db, int n) throws Exception {
        exec("", "DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db);
        exec(db, Files.readString(Examples.dir(example).resolve("migrations/V1__create_users.sql")),
                "INSERT INTO users (email, full_name, username, created_at) SELECT CONCAT('u', seq, '@example.com'),"
                        + " CASE seq % 1000 WHEN 1 THEN 'Cher' WHEN 2 THEN 'Mary Ann Smith' WHEN 3 THEN CONCAT('Trail', seq, ' ')"
                        + " WHEN 4 THEN CONCAT(' Lead', seq) ELSE CONCAT('First', seq, ' Last', seq) END, CONCAT('user', seq),"
                        + " '2024-01-01' + INTERVAL seq MINUTE FROM seq_1_to_" + n);
    }

    /** Columns, indexes and triggers of the users table. */
    private static List<String> usersSchema(String db) throws SQLException {
        List<String> s = rows(db, "SELECT column_name, column_type, is_nullable, COALESCE(column_default, '-') FROM"
                + " information_schema.columns WHERE table_schema = '" + db + "' AND table_name = 'users' ORDER BY"
                + " ordinal_position");
        s.addAll(rows(db, "SELECT index_name, non_unique, GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM"
                + " information_schema.statistics WHERE table_schema = '" + db + "' AND table_name = 'users' GROUP BY"
                + " index_name, non_unique ORDER BY index_name"));
        s.addAll(rows(db, "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = '" + db
                + "' ORDER BY trigger_name"));
        return s;
    }

    private static String usersChecksum(String db, String... cols) throws SQLException {
        return one(db, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, email, " + String.join(", ", cols)
                + ", created_at)))) FROM users");
    }

    private static void reference(String example, String db) throws Exception {
        createUsers(example, db, 10);
        for (Path f : Files.list(Examples.dir(example).resolve("migrations")).sorted().toList()) {
            if (!f.getFileName().toString().startsWith("V1__")) {
                for (String st : Files.readString(f).replaceAll("(?m)^--.*$", "").split(";\\s*")) {
                    if (!st.isBlank()) {
                        exec(db, st);
                    }
                }
            }
        }
    }

    @Test
    void renameKeepsOldAndNewInSyncAndRollsBack() throws Exception {
        Path s = plan("mysql-rename-column");
        String db = "sg_rename";
        createUsers("mysql-rename-column", db, 20_000);
        List<String> startSchema = usersSchema(db);
        String startData = usersChecksum(db, "full_name", "username");
        ok(db, s.resolve("canary_before.sql"));
        ok(db, s.resolve("02_forward_1.sql"));
        assertTrue(ok(db, s.resolve("04_validate_1.sql")).contains("all checks passed"));
        // app v1 writes only username, app v3 only user_handle: the triggers copy each way
        exec(db, "INSERT INTO users (email, full_name, username) VALUES ('old@x', 'Old App', 'old_app')",
                "INSERT INTO users (email, full_name, user_handle) VALUES ('new@x', 'New App', 'new_app')",
                "UPDATE users SET username = 'renamed_by_v1' WHERE id = 7",
                "UPDATE users SET user_handle = 'renamed_by_v3' WHERE id = 8");
        assertEquals(List.of("old_app|old_app", "new_app|new_app"), rows(db, "SELECT username, user_handle FROM users"
                + " WHERE email IN ('old@x', 'new@x') ORDER BY id"));
        assertEquals(List.of("7|renamed_by_v1|renamed_by_v1", "8|renamed_by_v3|renamed_by_v3"),
                rows(db, "SELECT id, username, user_handle FROM users WHERE id IN (7, 8) ORDER BY id"));
        Object[] early = run(db, s.resolve("04_validate_2.sql"), null);
        assertEquals(1, early[0], (String) early[1]);
        String full = ok(db, s.resolve("03_backfill.sql"));
        assertTrue(full.contains("users_user_handle_backfill: 19998 rows changed in ") && full.contains("finished"), full);
        String v2 = ok(db, s.resolve("04_validate_2.sql"));
        assertTrue(v2.contains("PASS  rows where user_handle differs from username") && v2.contains("all checks passed"), v2);
        // a change only in letter case (equal under the table's case-insensitive collation) is still copied
        exec(db, "UPDATE users SET username = 'USER11' WHERE id = 11");
        assertEquals("USER11", one(db, "SELECT user_handle FROM users WHERE id = 11"));
        exec(db, "UPDATE users SET user_handle = 'user11' WHERE id = 11");
        assertEquals("user11", one(db, "SELECT username FROM users WHERE id = 11"));
        // the transition's writes undone by the applications themselves (v1 and v3), so the data can be compared
        exec(db, "DELETE FROM users WHERE email IN ('old@x', 'new@x')", "UPDATE users SET username = 'user7' WHERE id = 7",
                "UPDATE users SET user_handle = 'user8' WHERE id = 8");
        assertEquals("0", one(db, "SELECT COUNT(*) FROM users WHERE NOT (username <=> user_handle)"));
        ok(db, s.resolve("02_forward_3.sql"));
        assertTrue(ok(db, s.resolve("04_validate_3.sql")).contains("all checks passed"));
        exec(db, "INSERT INTO users (email, full_name, user_handle) VALUES ('v3@x', 'V3', 'v3_only')");
        assertEquals("v3_only", one(db, "SELECT username FROM users WHERE email = 'v3@x'"), "NOT NULL username filled");
        exec(db, "DELETE FROM users WHERE email = 'v3@x'");
        ok(db, s.resolve("02_forward_4.sql"));
        assertTrue(ok(db, s.resolve("04_validate_4.sql")).contains("all checks passed"));
        assertTrue(ok(db, s.resolve("canary_after.sql")).contains("canary: row counts and checksums match"));
        // the end schema's columns are what the migration as written gives (user_handle where username was)
        reference("mysql-rename-column", "sg_rename_ref");
        assertEquals(usersSchema("sg_rename_ref").subList(0, 5), usersSchema(db).subList(0, 5));
        // a row app v3 writes after the point of no return, and one it renames: the phase 4 rollback rebuilds username
        exec(db, "INSERT INTO users (email, full_name, user_handle) VALUES ('late@x', 'Late', 'late_handle')",
                "UPDATE users SET user_handle = 'changed_late' WHERE id = 9");
        ok(db, s.resolve("05_rollback_4.sql"));
        assertEquals(List.of("changed_late|changed_late", "late_handle|late_handle"), rows(db, "SELECT username,"
                + " user_handle FROM users WHERE id = 9 OR email = 'late@x' ORDER BY id"));
        exec(db, "DELETE FROM users WHERE email = 'late@x'", "UPDATE users SET username = 'user9' WHERE id = 9");
        assertEquals("user9", one(db, "SELECT user_handle FROM users WHERE id = 9"), "triggers are back");
        for (int p = 3; p >= 1; p--) {
            ok(db, s.resolve("05_rollback_" + p + ".sql"));
        }
        assertEquals(startSchema, usersSchema(db));
        assertEquals(startData, usersChecksum(db, "full_name", "username"));
    }

    @Test
    void splitComputesBothWaysKeepsOddNamesAndRollsBack() throws Exception {
        Path s = plan("mysql-split-column");
        String db = "sg_split";
        createUsers("mysql-split-column", db, 20_000);
        List<String> startSchema = usersSchema(db);
        String startData = usersChecksum(db, "full_name", "username");
        ok(db, s.resolve("canary_before.sql"));
        ok(db, s.resolve("02_forward_1.sql"));
        assertTrue(ok(db, s.resolve("04_validate_1.sql")).contains("all checks passed"));
        // app v1 writes full_name, app v3 first_name/last_name: the triggers compute the other side
        exec(db, "INSERT INTO users (email, full_name, username) VALUES ('old@x', 'Ada Lovelace', 'ada')",
                "INSERT INTO users (email, first_name, last_name, username) VALUES ('new@x', 'Grace', 'Hopper', 'grace')",
                "UPDATE users SET full_name = 'Alan Mathison Turing' WHERE id = 7",
                "UPDATE users SET last_name = 'Renamed' WHERE id = 8");
        assertEquals(List.of("Ada Lovelace|Ada|Lovelace", "Grace Hopper|Grace|Hopper"), rows(db, "SELECT full_name,"
                + " first_name, last_name FROM users WHERE email IN ('old@x', 'new@x') ORDER BY id"));
        assertEquals(List.of("Alan Mathison Turing|Alan|Mathison Turing", "First8 Renamed|First8|Renamed"),
                rows(db, "SELECT full_name, first_name, last_name FROM users WHERE id IN (7, 8) ORDER BY id"));
        exec(db, "DELETE FROM users WHERE email IN ('old@x', 'new@x')", "UPDATE users SET full_name = 'First7 Last7'"
                + " WHERE id = 7", "UPDATE users SET full_name = 'First8 Last8' WHERE id = 8");
        String dry = ok(db, s.resolve("03_backfill.sql"), "SET @dry_run=1");
        assertTrue(dry.contains("dry run users_first_name_backfill: 19998 rows to change"), dry);
        assertTrue(ok(db, s.resolve("03_backfill.sql")).contains("finished"));
        // the backfill's own updates never rewrite full_name, not even where the parts do not rebuild it
        assertEquals(startData, usersChecksum(db, "full_name", "username"));
        assertEquals(List.of("Cher|Cher|null", "Mary Ann Smith|Mary|Ann Smith", "Trail3 |Trail3|null"),
                rows(db, "SELECT full_name, first_name, COALESCE(last_name, 'null') FROM users WHERE id IN (1, 2, 3)"));
        String v2 = ok(db, s.resolve("04_validate_2.sql"));
        assertTrue(v2.contains("WARN  edge cases: rows whose new values do not rebuild full_name (review them; not an"
                + " error): 20") && v2.contains("all checks passed"), v2);
        assertTrue(!Files.exists(s.resolve("02_forward_3.sql")), "nothing to constrain: the triggers fill full_name");
        ok(db, s.resolve("02_forward_4.sql"));
        assertTrue(ok(db, s.resolve("04_validate_4.sql")).contains("all checks passed"));
        assertTrue(ok(db, s.resolve("canary_after.sql")).contains("canary: row counts and checksums match"));
        reference("mysql-split-column", "sg_split_ref");
        List<String> ref = usersSchema("sg_split_ref");
        assertEquals(ref.subList(0, 6), usersSchema(db).subList(0, 6));
        // after the point of no return app v3 adds and edits rows; the phase 4 rollback rebuilds full_name for them
        exec(db, "INSERT INTO users (email, first_name, last_name, username) VALUES ('late@x', 'Late', 'Comer', 'late')",
                "UPDATE users SET last_name = 'Edited' WHERE id = 9");
        ok(db, s.resolve("05_rollback_4.sql"));
        assertEquals(List.of("First9 Edited|First9|Edited", "Late Comer|Late|Comer"), rows(db, "SELECT full_name,"
                + " first_name, last_name FROM users WHERE id = 9 OR email = 'late@x' ORDER BY id"));
        assertEquals("Trail3 ", one(db, "SELECT full_name FROM users WHERE id = 3"), "restored from the copy");
        exec(db, "DELETE FROM users WHERE email = 'late@x'", "UPDATE users SET full_name = 'First9 Last9' WHERE id = 9");
        for (int p = 2; p >= 1; p--) {
            ok(db, s.resolve("05_rollback_" + p + ".sql"));
        }
        assertEquals(startSchema, usersSchema(db));
        assertEquals(startData, usersChecksum(db, "full_name", "username"));
    }

    // ------------------------------------------------------------------------------------ type change (events)

    @Test
    void typeChangeCopiesChecksFirstAndRollsBack() throws Exception {
        Path s = plan("mysql-type-change");
        String db = "sg_types";
        exec("", "DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db);
        exec(db, Files.readString(Examples.dir("mysql-type-change").resolve("migrations/V1__create_events.sql")),
                "INSERT INTO events (account_id, sku, payload, created_at) SELECT seq % 97, CONCAT('SKU-', seq),"
                        + " IF(seq % 5 = 0, NULL, REPEAT('x', seq % 50)), '2024-01-01' + INTERVAL seq MINUTE FROM"
                        + " seq_1_to_20000");
        String cols = "SELECT column_name, column_type, is_nullable, COALESCE(column_default, '-'), extra FROM"
                + " information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'events' ORDER BY"
                + " ordinal_position";
        String sum = "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, account_id, sku, payload, created_at))))"
                + " FROM events";
        List<String> startSchema = rows(db, cols);
        String startData = one(db, sum);
        // a value that would not fit stops the phase before anything is copied
        exec(db, "UPDATE events SET sku = REPEAT('L', 40) WHERE id = 3");
        Object[] refused = run(db, s.resolve("02_forward_3.sql"), null);
        assertEquals(1, refused[0], (String) refused[1]);
        assertTrue(((String) refused[1]).contains("FAIL  before phase 3: values of events.sku longer than 32 characters: 1"),
                (String) refused[1]);
        assertEquals(startSchema, rows(db, cols), "nothing changed");
        exec(db, "UPDATE events SET sku = 'SKU-3' WHERE id = 3");
        ok(db, s.resolve("canary_before.sql"));
        ok(db, s.resolve("02_forward_3.sql"));
        assertTrue(ok(db, s.resolve("04_validate_3.sql")).contains("all checks passed"));
        assertTrue(ok(db, s.resolve("canary_after.sql")).contains("canary: row counts and checksums match"));
        assertEquals(startData, one(db, sum));
        // the end schema is the migration's
        String ref = "sg_types_ref";
        exec("", "DROP DATABASE IF EXISTS " + ref, "CREATE DATABASE " + ref);
        exec(ref, Files.readString(Examples.dir("mysql-type-change").resolve("migrations/V1__create_events.sql")));
        for (String st : Files.readString(Examples.dir("mysql-type-change").resolve("migrations/V2__events_types.sql"))
                .replaceAll("(?m)^--.*$", "").split(";\\s*")) {
            if (!st.isBlank()) {
                exec(ref, st);
            }
        }
        assertEquals(rows(ref, cols), rows(db, cols));
        ok(db, s.resolve("05_rollback_3.sql"));
        assertEquals(startSchema, rows(db, cols));
        assertEquals(startData, one(db, sum));
        exec(db, "INSERT INTO events (account_id, sku, created_at) VALUES (1, 'after-rollback', NOW())");
        assertTrue(Long.parseLong(one(db, "SELECT id FROM events WHERE sku = 'after-rollback'")) > 20_000,
                "AUTO_INCREMENT survived the round trip");
    }

    @Test
    void droppingAnIndexedColumnDropsItsIndexesFirstAndRollsBack() throws Exception {
        // MariaDB refuses DROP COLUMN ..., ALGORITHM=INSTANT on an indexed column (ERROR 1846): the plan drops the
        // indexes first (metadata only) and its rollback adds column, values and indexes back
        Path m = Files.createDirectories(tmp.resolve("dropcol/migrations"));
        String v1 = "CREATE TABLE items (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, code VARCHAR(20) NULL, note"
                + " VARCHAR(50) NULL, KEY items_code (code), UNIQUE KEY items_code_note (code, note)) ENGINE=InnoDB";
        Files.writeString(m.resolve("V1__items.sql"), v1 + ";\n");
        Files.writeString(m.resolve("V2__drop_code.sql"), "ALTER TABLE items DROP COLUMN code;\n");
        Path stats = tmp.resolve("dropcol/stats.yaml");
        Files.writeString(stats, "items: {rows: 2000000}\n");
        Path s = plan("dropcol", tmp.resolve("dropcol"), "migrations", stats);
        String forward = Files.readString(s.resolve("02_forward_4.sql"));
        assertTrue(forward.indexOf("DROP INDEX items_code,") < forward.indexOf("DROP COLUMN code,"), forward);
        assertTrue(forward.contains("DROP INDEX items_code_note,"), forward);
        String db = "sg_dropcol";
        exec("", "DROP DATABASE IF EXISTS " + db, "CREATE DATABASE " + db);
        exec(db, v1, "INSERT INTO items (code, note) SELECT IF(seq % 9 = 0, NULL, CONCAT('c', seq)), CONCAT('n', seq % 7)"
                + " FROM seq_1_to_5000");
        String cols = "SELECT column_name, column_type, is_nullable FROM information_schema.columns WHERE table_schema ="
                + " DATABASE() AND table_name = 'items' ORDER BY column_name";
        String idx = "SELECT index_name, non_unique, GROUP_CONCAT(column_name ORDER BY seq_in_index) FROM"
                + " information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'items' GROUP BY"
                + " index_name, non_unique ORDER BY index_name";
        String sum = "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', id, code, note)))) FROM items";
        List<String> startCols = rows(db, cols);
        List<String> startIdx = rows(db, idx);
        String startData = one(db, sum);
        ok(db, s.resolve("02_forward_4.sql"));
        assertTrue(ok(db, s.resolve("04_validate_4.sql")).contains("all checks passed"));
        assertEquals(List.of("id|bigint(20)|NO", "note|varchar(50)|YES"), rows(db, cols));
        ok(db, s.resolve("05_rollback_4.sql"));
        assertEquals(startCols, rows(db, cols));
        assertEquals(startIdx, rows(db, idx));
        assertEquals(startData, one(db, sum));
    }
}
