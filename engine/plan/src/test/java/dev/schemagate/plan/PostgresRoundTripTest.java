package dev.schemagate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the generated scripts of the worked examples in a real PostgreSQL 17 (embedded, started once for the class)
 * with psql: every phase forward with its validation, the canary, writes of the old and new application versions
 * in between, the end schema compared with the migration as written, and every phase rolled back to the exact
 * schema and data of the start.
 */
class PostgresRoundTripTest {
    static EmbeddedPostgres pg;
    static String psql;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        psql = System.getenv().getOrDefault("SCHEMAGATE_PSQL", "/usr/bin/psql");
        assertTrue(Files.isExecutable(Path.of(psql)), "psql is needed to run the generated scripts: install "
                + "postgresql-client or set SCHEMAGATE_PSQL");
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    static List<String> examples() {
        return Examples.NAMES;
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(pg.getJdbcUrl("postgres", db));
    }

    private static void exec(String db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement st = c.createStatement()) {
            st.execute(sql);
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
        return rows(db, sql).get(0);
    }

    /** A database with the example's first migration and some users, a few with awkward names. */
    private static void database(String db, String name, int users) throws Exception {
        exec("postgres", "DROP DATABASE IF EXISTS " + db);
        exec("postgres", "CREATE DATABASE " + db);
        exec(db, Files.readString(Examples.dir(name).resolve("migrations/V1__create_users.sql")));
        exec(db, "INSERT INTO users (email, full_name, username, email_confirmed_at) SELECT 'u' || g || '@example.org',"
                + " CASE g % 5 WHEN 0 THEN 'Prince' || g WHEN 1 THEN 'Mary Ann Smith' || g WHEN 2 THEN 'Jo  Doe' || g"
                + " WHEN 3 THEN 'Ada Lovelace' || g ELSE 'Li Wei' || g END, 'user' || g, CASE WHEN g % 3 = 0 THEN"
                + " timestamptz '2024-01-01' + g * interval '1 minute' END FROM generate_series(1, " + users + ") AS g");
        exec(db, "ANALYZE users");
    }

    /** Columns (name, type, nullability, default), constraints and indexes of users, order-independent. */
    private static String schema(String db) throws SQLException {
        TreeSet<String> s = new TreeSet<>();
        s.addAll(rows(db, "SELECT 'column ' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || "
                + "COALESCE(column_default, '') || ' ' || is_identity FROM information_schema.columns WHERE table_name ="
                + " 'users' AND table_schema = 'public'"));
        s.addAll(rows(db, "SELECT 'constraint ' || conname || ' ' || contype::text || ' ' || convalidated::text || ' ' || "
                + "pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'public.users'::regclass"));
        s.addAll(rows(db, "SELECT 'index ' || indexrelid::regclass || ' ' || pg_get_indexdef(indexrelid) || ' ' || "
                + "indisvalid FROM pg_index WHERE indrelid = 'public.users'::regclass"));
        s.addAll(rows(db, "SELECT 'trigger ' || tgname FROM pg_trigger WHERE tgrelid = 'public.users'::regclass AND NOT"
                + " tgisinternal"));
        return String.join("\n", s);
    }

    private static String data(String db, String columns) throws SQLException {
        return one(db, "SELECT count(*) || ' ' || md5(string_agg(md5(ROW(" + columns + ")::text), '' ORDER BY id))"
                + " FROM users");
    }

    private record Run(int code, String out) {
    }

    /** psql running {@code file} in {@code dir} against {@code db}, with {@code -v} variables. */
    private static ProcessBuilder psqlProcess(Path dir, String db, String file, String... vars) {
        List<String> cmd = new ArrayList<>(List.of(psql, "-X", "-q"));
        for (String v : vars) {
            cmd.add("-v");
            cmd.add(v);
        }
        cmd.add("-f");
        cmd.add(file);
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = b.environment();
        env.put("PGHOST", "localhost");
        env.put("PGPORT", Integer.toString(pg.getPort()));
        env.put("PGUSER", "postgres");
        env.put("PGDATABASE", db);
        env.remove("PGPASSWORD");
        return b;
    }

    private Run psql(Path dir, String db, String file, String... vars) throws Exception {
        Process p = psqlProcess(dir, db, file, vars).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), file + " did not finish");
        return new Run(p.exitValue(), out);
    }

    private Run ok(Path dir, String db, String file, String... vars) throws Exception {
        Run r = psql(dir, db, file, vars);
        assertEquals(0, r.code, file + " " + String.join(" ", vars) + " failed:\n" + r.out);
        assertFalse(r.out.contains("ERROR"), r.out);
        return r;
    }

    private Path scripts(Plan plan) throws IOException {
        Path dir = tmp.resolve("out");
        for (Map.Entry<String, String> f : Examples.files(plan).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
        return dir.resolve("scripts");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void phasesRunValidateAndRollBack(String name) throws Exception {
        Plan plan = Examples.plan(name).plan;
        Path dir = scripts(plan);
        String db = "ex_" + name.replace('-', '_');
        database(db, name, 20_000);
        String schema0 = schema(db);
        String cols0 = "id, email, full_name, username, email_confirmed_at, created_at";
        String data0 = data(db, cols0);

        ok(dir, db, "canary.sql", "stage=before");
        for (int p : plan.phases()) {
            if (p == 4) {
                continue;
            }
            if (p == 2) {
                Run dry = ok(dir, db, "03_backfill.sql", "dry_run=on");
                assertTrue(dry.out.contains("rows to change"), dry.out);
                assertEquals("0", one(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'schemagate' AND EXISTS"
                        + " (SELECT 1 FROM pg_tables WHERE schemaname = 'schemagate' AND tablename = 'backfill_checkpoint')"));
                Run run = ok(dir, db, "03_backfill.sql");
                assertTrue(run.out.contains("finished"), run.out);
            } else {
                ok(dir, db, "02_forward.sql", "phase=" + p);
            }
            Run v = ok(dir, db, "04_validate.sql", "phase=" + p);
            assertTrue(v.out.contains("all checks passed"), v.out);
        }
        Run canary = ok(dir, db, "canary.sql", "stage=after");
        assertTrue(canary.out.contains("canary: row counts and checksums match"), canary.out);

        switch (name) {
            case "required-boolean":
                assertEquals("0", one(db, "SELECT count(*) FROM users WHERE email_verified IS DISTINCT FROM"
                        + " (email_confirmed_at IS NOT NULL)"));
                // app v1 still inserts without the new column: the trigger fills it
                exec(db, "INSERT INTO users (email, full_name, username, email_confirmed_at) VALUES ('v1@x', 'V One',"
                        + " 'v1', now())");
                assertEquals("t", one(db, "SELECT email_verified FROM users WHERE username = 'v1'"));
                exec(db, "DELETE FROM users WHERE username = 'v1'");
                break;
            case "split-full-name":
                assertEquals("Mary|Ann Smith1", one(db, "SELECT first_name, last_name FROM users WHERE id = 1"));
                assertEquals("Prince5|null", one(db, "SELECT first_name, last_name FROM users WHERE id = 5"));
                exec(db, "INSERT INTO users (email, full_name, username) VALUES ('v1@x', 'Grace Hopper', 'v1')");
                assertEquals("Grace|Hopper", one(db, "SELECT first_name, last_name FROM users WHERE username = 'v1'"));
                exec(db, "INSERT INTO users (email, first_name, last_name, username) VALUES ('v3@x', 'Alan', 'Turing', 'v3')");
                assertEquals("Alan Turing", one(db, "SELECT full_name FROM users WHERE username = 'v3'"));
                exec(db, "UPDATE users SET full_name = 'Ada King' WHERE id = 3");
                assertEquals("Ada|King", one(db, "SELECT first_name, last_name FROM users WHERE id = 3"));
                exec(db, "UPDATE users SET full_name = 'Ada Lovelace3' WHERE id = 3");
                exec(db, "DELETE FROM users WHERE username IN ('v1', 'v3')");
                break;
            case "pg-identity-column":
                // every existing row numbered once; the identity continues after the numbers the backfill gave
                assertEquals("20000|20000|0", one(db, "SELECT count(*), count(DISTINCT member_no), count(*) FILTER (WHERE"
                        + " member_no IS NULL) FROM users"));
                assertEquals("YES|ALWAYS", one(db, "SELECT is_identity, identity_generation FROM information_schema.columns"
                        + " WHERE table_name = 'users' AND column_name = 'member_no'"));
                exec(db, "INSERT INTO users (email, full_name, username) VALUES ('v1@x', 'V One', 'v1')");
                assertEquals("t", one(db, "SELECT member_no > (SELECT max(member_no) FROM users WHERE username <> 'v1')"
                        + " FROM users WHERE username = 'v1'"));
                exec(db, "DELETE FROM users WHERE username = 'v1'");
                break;
            case "pg-bigint-key":
                assertEquals("0", one(db, "SELECT count(*) FROM users WHERE id_sg_new IS DISTINCT FROM id::bigint"));
                // app v1 inserts without an id (the sequence gives it) and changes rows: the trigger converts each write
                exec(db, "INSERT INTO users (email, full_name, username) VALUES ('v1@x', 'V One', 'v1')");
                assertEquals("0", one(db, "SELECT count(*) FROM users WHERE username = 'v1' AND id_sg_new IS DISTINCT FROM id"));
                exec(db, "UPDATE users SET id = 2000000000 WHERE username = 'v1'");
                assertEquals("2000000000", one(db, "SELECT id_sg_new FROM users WHERE username = 'v1'"));
                exec(db, "DELETE FROM users WHERE username = 'v1'");
                break;
            default:
                assertEquals("0", one(db, "SELECT count(*) FROM users WHERE user_handle IS DISTINCT FROM username"));
                exec(db, "INSERT INTO users (email, full_name, username) VALUES ('v1@x', 'V One', 'v1')");
                assertEquals("v1", one(db, "SELECT user_handle FROM users WHERE username = 'v1'"));
                exec(db, "INSERT INTO users (email, full_name, user_handle) VALUES ('v3@x', 'V Three', 'v3')");
                assertEquals("v3", one(db, "SELECT username FROM users WHERE user_handle = 'v3'"));
                exec(db, "DELETE FROM users WHERE username IN ('v1', 'v3')");
                break;
        }
        if (plan.hasPhase(4)) {
            ok(dir, db, "02_forward.sql", "phase=4");
            ok(dir, db, "04_validate.sql", "phase=4");
        }
        // app v3 writes after phase 4: a later rollback of phase 4 rebuilds the old column for them too
        String v3 = name.equals("split-full-name") ? "INSERT INTO users (email, first_name, last_name, username) VALUES"
                + " ('late@x', 'Late', 'Comer', 'late')" : name.equals("rename-username")
                ? "INSERT INTO users (email, full_name, user_handle) VALUES ('late@x', 'Late Comer', 'late')" : null;
        if (v3 != null) {
            exec(db, v3);
        }
        if (name.equals("pg-bigint-key")) {
            // after the swap: the same sequence goes on past 2^31 - 1 in a bigint column with the old names
            assertEquals("bigint|bigint|users_pkey", one(db, "SELECT c.data_type, s.data_type, (SELECT conname FROM"
                    + " pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'p') FROM information_schema.columns c,"
                    + " information_schema.sequences s WHERE c.table_name = 'users' AND c.column_name = 'id' AND"
                    + " s.sequence_name = 'users_id_seq'"));
            assertEquals("public.users_id_seq", one(db, "SELECT pg_get_serial_sequence('users', 'id')"));
            exec(db, "SELECT setval('users_id_seq', 3000000000)");
            assertEquals("3000000001", one(db, "INSERT INTO users (email, full_name, username) VALUES ('big@x', 'Big',"
                    + " 'big') RETURNING id"));
            exec(db, "DELETE FROM users WHERE username = 'big'; SELECT setval('users_id_seq', (SELECT max(id) FROM users))");
            assertEquals("0", one(db, "SELECT count(*) FROM pg_indexes WHERE tablename = 'users' AND indexname LIKE"
                    + " '%sg_new%'"));
        }
        // the end state is the schema the migration as written gives (same columns, types, nullability, defaults)
        String written = db + "_written";
        database(written, name, 10);
        try (Connection c = connect(written); Statement st = c.createStatement()) {
            for (Path f : Files.list(Examples.dir(name).resolve("migrations")).sorted().toList()) {
                if (!f.getFileName().toString().startsWith("V1__")) {
                    st.execute(Files.readString(f));
                }
            }
        }
        assertEquals(columns(written), columns(db));
        // every phase rolls back, to the exact schema and data of the start
        List<Integer> phases = new ArrayList<>(plan.phases());
        java.util.Collections.reverse(phases);
        for (int p : phases) {
            ok(dir, db, "05_rollback.sql", "phase=" + p);
            if (p == 4 && v3 != null) {
                assertEquals("late@x|Late Comer|late", one(db, "SELECT email, full_name, username FROM users WHERE email ="
                        + " 'late@x'"));
                exec(db, "DELETE FROM users WHERE email = 'late@x'");
            }
        }
        assertEquals(schema0, schema(db));
        assertEquals(data0, data(db, cols0));
    }

    /**
     * The table rename example: after phase 1 the old application keeps reading and writing the old name (a view, with
     * the table's grants) while the new one uses the new name; phase 4 drops the view; the end schema is the migration's;
     * both phases roll back to the exact schema and data of the start.
     */
    @Test
    void tableRenameKeepsTheOldNameWorkingUntilTheContract() throws Exception {
        Plan plan = Examples.plan("pg-rename-table").plan;
        assertEquals(List.of(1, 4), plan.phases());
        Path dir = scripts(plan);
        String db = "ex_pg_rename_table";
        database(db, "pg-rename-table", 20_000);
        exec("postgres", "DO $r$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_v1') THEN"
                + " CREATE ROLE app_v1 LOGIN; END IF; END $r$");
        exec(db, "GRANT SELECT, INSERT, UPDATE, DELETE ON users TO app_v1");
        String schema0 = schema(db);
        String cols0 = "id, email, full_name, username, email_confirmed_at, created_at";
        String data0 = data(db, cols0);
        ok(dir, db, "02_forward.sql", "phase=1");
        Run v = ok(dir, db, "04_validate.sql", "phase=1");
        assertTrue(v.out.contains("all checks passed"), v.out);
        assertEquals("r|v", one(db, "SELECT (SELECT relkind FROM pg_class WHERE relname = 'accounts')::text || '|' ||"
                + " (SELECT relkind FROM pg_class WHERE relname = 'users')::text"));
        // app v1, with only its own grants, reads and writes the old name; app v2 the new one; both see the same rows
        try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("app_v1", db)); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("INSERT INTO users (email, full_name, username) VALUES ('v1@x', 'V One',"
                    + " 'v1') RETURNING id")) {
                assertTrue(rs.next());
                assertTrue(rs.getLong(1) > 20_000);
            }
            assertEquals(1, st.executeUpdate("UPDATE users SET full_name = 'V One Updated' WHERE username = 'v1'"));
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
                assertTrue(rs.next());
                assertEquals(20_001, rs.getLong(1));
            }
        }
        assertEquals("V One Updated", one(db, "SELECT full_name FROM accounts WHERE username = 'v1'"));
        exec(db, "INSERT INTO accounts (email, full_name, username) VALUES ('v2@x', 'V Two', 'v2')");
        assertEquals("V Two", one(db, "SELECT full_name FROM users WHERE username = 'v2'"));
        exec(db, "DELETE FROM users WHERE username IN ('v1', 'v2')");
        ok(dir, db, "02_forward.sql", "phase=4");
        ok(dir, db, "04_validate.sql", "phase=4");
        assertEquals("null", String.valueOf(one(db, "SELECT to_regclass('users')")));
        // the end state is the migration as written
        String written = db + "_written";
        database(written, "pg-rename-table", 10);
        exec(written, Files.readString(Examples.dir("pg-rename-table").resolve("migrations/V2__rename_users_to_accounts.sql")));
        String accounts = "SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default,"
                + " '') FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'accounts' ORDER BY"
                + " column_name";
        assertEquals(rows(written, accounts), rows(db, accounts));
        assertEquals(rows(written, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1"),
                rows(db, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY 1"));
        ok(dir, db, "05_rollback.sql", "phase=4");
        assertEquals("v", one(db, "SELECT relkind::text FROM pg_class WHERE relname = 'users'"));
        ok(dir, db, "05_rollback.sql", "phase=1");
        assertEquals(schema0, schema(db));
        assertEquals(data0, data(db, cols0));
    }

    /**
     * The swap of a type change cannot move views that read the column or foreign keys that reference it: the check
     * before phase 1 stops the script (exit 3) with nothing changed, and so does the one before phase 4 when such an
     * object appears in between.
     */
    @Test
    void typeChangeStopsBeforeItsPhasesWhenAViewOrForeignKeyUsesTheColumn() throws Exception {
        Plan plan = Examples.plan("pg-bigint-key").plan;
        Path dir = scripts(plan);
        String db = "type_change_guard";
        database(db, "pg-bigint-key", 2_000);
        exec(db, "CREATE VIEW user_ids AS SELECT id FROM users");
        Run stopped = psql(dir, db, "02_forward.sql", "phase=1");
        assertEquals(3, stopped.code, stopped.out);
        assertTrue(stopped.out.contains("FAIL  before phase 1: views and foreign keys"), stopped.out);
        assertEquals("0", one(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'id_sg_new'"));
        exec(db, "DROP VIEW user_ids");
        ok(dir, db, "02_forward.sql", "phase=1");
        ok(dir, db, "03_backfill.sql");
        ok(dir, db, "02_forward.sql", "phase=3");
        exec(db, "CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer REFERENCES users (id))");
        Run late = psql(dir, db, "02_forward.sql", "phase=4");
        assertEquals(3, late.code, late.out);
        assertTrue(late.out.contains("FAIL  before phase 4: views and foreign keys"), late.out);
        assertEquals("integer", one(db, "SELECT data_type FROM information_schema.columns WHERE table_name = 'users' AND"
                + " column_name = 'id'"));
        exec(db, "DROP TABLE orders");
        ok(dir, db, "02_forward.sql", "phase=4");
        assertEquals("bigint", one(db, "SELECT data_type FROM information_schema.columns WHERE table_name = 'users' AND"
                + " column_name = 'id'"));
    }

    private static String columns(String db) throws SQLException {
        return String.join("\n", rows(db, "SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||"
                + " COALESCE(column_default, '') FROM information_schema.columns WHERE table_schema = 'public' AND"
                + " table_name = 'users' ORDER BY column_name"));
    }

    @Test
    void backfillIsResumableIdempotentAndChecksStopBadPhases() throws Exception {
        Plan plan = Examples.plan("required-boolean").plan;
        Path dir = scripts(plan);
        String db = "resume";
        database(db, "required-boolean", 20_000);
        ok(dir, db, "02_forward.sql", "phase=1");
        // constraints before the backfill: the pre-check stops phase 3 and nothing changes
        Run early = psql(dir, db, "02_forward.sql", "phase=3");
        assertEquals(3, early.code, early.out);
        assertTrue(early.out.contains("FAIL  before phase 3: no NULLs left in users.email_verified"), early.out);
        assertEquals("YES", one(db, "SELECT is_nullable FROM information_schema.columns WHERE table_name = 'users'"
                + " AND column_name = 'email_verified'"));
        Run notYet = psql(dir, db, "04_validate.sql", "phase=2");
        assertEquals(3, notYet.code, notYet.out);
        // resume: a checkpoint at key 12,000 means keys up to it are done
        exec(db, "CREATE SCHEMA schemagate; CREATE TABLE schemagate.backfill_checkpoint (job text PRIMARY KEY, first_key"
                + " bigint NOT NULL, last_key bigint NOT NULL, max_key bigint NOT NULL, rows_done bigint NOT NULL DEFAULT 0,"
                + " batches bigint NOT NULL DEFAULT 0, started_at timestamptz NOT NULL DEFAULT clock_timestamp(),"
                + " resumed_at timestamptz NOT NULL DEFAULT clock_timestamp(), resumed_key bigint NOT NULL, updated_at"
                + " timestamptz, finished_at timestamptz)");
        exec(db, "INSERT INTO schemagate.backfill_checkpoint (job, first_key, last_key, max_key, resumed_key) VALUES"
                + " ('users_email_verified_backfill', 0, 12000, 20000, 12000)");
        Run resumed = ok(dir, db, "03_backfill.sql");
        assertTrue(resumed.out.contains("key 13000 of 20000"), resumed.out);
        assertFalse(resumed.out.contains("key 12000 of"), resumed.out);
        assertEquals("12000|8000", one(db, "SELECT count(*) FILTER (WHERE email_verified IS NULL), count(*) FILTER"
                + " (WHERE email_verified IS NOT NULL) FROM users"));
        assertEquals("8000", one(db, "SELECT rows_done FROM schemagate.backfill_checkpoint"));
        // finished: running again does nothing; starting over only touches rows not yet done
        Run again = ok(dir, db, "03_backfill.sql");
        assertFalse(again.out.contains("ETA"), again.out);
        exec(db, "DELETE FROM schemagate.backfill_checkpoint");
        ok(dir, db, "03_backfill.sql");
        assertEquals("12000", one(db, "SELECT rows_done FROM schemagate.backfill_checkpoint"));
        assertEquals("0", one(db, "SELECT count(*) FROM users WHERE email_verified IS NULL"));
        ok(dir, db, "04_validate.sql", "phase=2");
        // a canary notices a changed value
        ok(dir, db, "canary.sql", "stage=before");
        exec(db, "UPDATE users SET email = 'changed@example.org' WHERE id = 7");
        Run canary = psql(dir, db, "canary.sql", "stage=after");
        assertEquals(3, canary.code, canary.out);
        assertNotEquals(-1, canary.out.indexOf("canary: a row count or checksum changed"), canary.out);
    }

    private Process start(Path dir, String db, String file, String... vars) throws IOException {
        return psqlProcess(dir, db, file, vars).redirectOutput(tmp.resolve(file + ".log").toFile()).start();
    }

    private static long lastKey(String db) throws SQLException {
        return Long.parseLong(one(db, "SELECT last_key FROM schemagate.backfill_checkpoint"));
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private static long lastKeyOrZero(String db) {
        try {
            return lastKey(db);
        } catch (SQLException | IndexOutOfBoundsException e) {
            return 0;
        }
    }

    /**
     * The runbook's operations on a real backfill: a 2 % canary slice, a pause through schemagate.backfill_control
     * (no batch runs while paused), a throttle change, a stop by SIGINT in the middle of the run, and a resume; an
     * audit trigger counts the updates of every row, and each row must have been changed exactly once.
     */
    @Test
    void pausedStoppedAndResumedBackfillChangesEveryRowExactlyOnce() throws Exception {
        Plan plan = Examples.plan("required-boolean").plan;
        Path dir = scripts(plan);
        String db = "pause_resume";
        database(db, "required-boolean", 20_000);
        ok(dir, db, "02_forward.sql", "phase=1");
        exec(db, "CREATE TABLE touches (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0);"
                + " INSERT INTO touches (id) SELECT id FROM users;"
                + " CREATE FUNCTION count_touch() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN"
                + " UPDATE touches SET n = n + 1 WHERE id = NEW.id; RETURN NEW; END $f$;"
                + " CREATE TRIGGER count_touch AFTER UPDATE OF email_verified ON users FOR EACH ROW EXECUTE FUNCTION count_touch()");
        // 1. canary slice: 2 % of the key range, then it stops and says so
        Run slice = ok(dir, db, "03_backfill.sql", "slice_pct=2");
        assertTrue(slice.out.contains("slice of 2 % done up to key 1000"), slice.out);
        assertEquals("1000|0", one(db, "SELECT count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n > 1) FROM touches"));
        assertEquals("0", one(db, "SELECT count(*) FROM users WHERE id <= (SELECT last_key FROM schemagate.backfill_checkpoint)"
                + " AND email_verified IS NULL"));
        // 2. paused before the run: no batch runs until it is resumed
        exec(db, "UPDATE schemagate.backfill_control SET paused = true, sleep_ms = 150");
        Process p = start(dir, db, "03_backfill.sql");
        waitFor("the paused warning", () -> {
            try {
                return Files.readString(tmp.resolve("03_backfill.sql.log")).contains("paused");
            } catch (IOException e) {
                return false;
            }
        });
        Thread.sleep(1500);
        assertEquals(1000, lastKey(db), "a batch ran while paused");
        exec(db, "UPDATE schemagate.backfill_control SET paused = false");
        // 3. stopped by a signal in the middle: the running batch rolls back, committed ones stay
        waitFor("key 6000", () -> lastKeyOrZero(db) >= 6000);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "psql did not stop on SIGINT");
        assertNotEquals(0, p.exitValue(), Files.readString(tmp.resolve("03_backfill.sql.log")));
        String log = Files.readString(tmp.resolve("03_backfill.sql.log"));
        assertTrue(log.contains("resumed"), log);
        long stoppedAt = lastKey(db);
        assertTrue(stoppedAt < 20_000, "the run finished before the signal: " + stoppedAt);
        assertEquals(String.valueOf(stoppedAt), one(db, "SELECT count(*) FROM touches WHERE n = 1"));
        // 4. resumed at full speed: it continues after the checkpoint and finishes
        exec(db, "UPDATE schemagate.backfill_control SET sleep_ms = 0");
        Run rest = ok(dir, db, "03_backfill.sql");
        assertTrue(rest.out.contains("finished"), rest.out);
        assertFalse(rest.out.contains("key " + stoppedAt + " of"), rest.out);
        // every row changed exactly once, and the checkpoint counted each once
        assertEquals("20000|0|0", one(db, "SELECT count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n = 0),"
                + " count(*) FILTER (WHERE n > 1) FROM touches"));
        assertEquals("0", one(db, "SELECT count(*) FROM users WHERE email_verified IS DISTINCT FROM (email_confirmed_at IS NOT NULL)"));
        assertEquals("20000", one(db, "SELECT rows_done FROM schemagate.backfill_checkpoint"));
        ok(dir, db, "04_validate.sql", "phase=2");
    }
}
