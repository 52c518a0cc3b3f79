package dev.schemagate.live.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.Engine;
import dev.schemagate.core.Settings;
import dev.schemagate.core.report.Report;
import dev.schemagate.live.Servers;
import dev.schemagate.live.scratch.ScratchServer;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Up, down, up again on real servers, with the differences named precisely. */
class VerifierTest {
    static final Engine ENGINE = new Engine();

    static void write(Path dir, String name, String sql) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), sql);
    }

    static Report verify(ScratchServer server, Dialect d, Path dir, Integer rows) {
        Verifier.Options o = new Verifier.Options();
        o.dialect = d;
        o.rows = rows;
        return new Verifier(ENGINE, server, o).verify(List.of("."), dir, new Settings());
    }

    static List<Finding> of(Report r, String rule) {
        return r.getFindings().stream().filter(f -> f.getRule().equals(rule)).toList();
    }

    static String show(Report r) {
        return r.getFindings().stream().map(f -> f.getFile() + ":" + f.getLine() + " " + f.getRule() + " " + f.getRisk()
                + " " + f.getMessage()).collect(Collectors.joining("\n")) + "\nerrors: " + r.getErrors();
    }

    @Test
    void postgresRoundTripsFindBrokenDownMigrations(@TempDir Path dir) throws Exception {
        write(dir, "001_accounts.up.sql", "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                + "  email text NOT NULL);\n");
        write(dir, "001_accounts.down.sql", "DROP TABLE accounts;\n");
        write(dir, "002_region.up.sql", "ALTER TABLE accounts ADD COLUMN region text;\n"
                + "CREATE INDEX accounts_region_idx ON accounts (region);\n");
        write(dir, "002_region.down.sql", "ALTER TABLE accounts DROP COLUMN region;\n");
        write(dir, "003_default.up.sql", "ALTER TABLE accounts ALTER COLUMN email SET DEFAULT 'none';\n");
        write(dir, "003_default.down.sql", "-- restores the wrong default\nALTER TABLE accounts ALTER COLUMN email SET DEFAULT 'x';\n");
        write(dir, "004_mood.up.sql", "CREATE TYPE mood AS ENUM ('calm', 'busy');\n"
                + "ALTER TABLE accounts ADD COLUMN mood mood;\n");
        write(dir, "004_mood.down.sql", "ALTER TABLE accounts DROP COLUMN mood;\n");
        Report r = verify(Servers.postgres(), Dialect.POSTGRES, dir, null);
        String all = show(r);
        assertTrue(r.getErrors().isEmpty(), all);
        List<Finding> notInverse = of(r, "verify.down-not-inverse");
        assertEquals(2, notInverse.size(), all);
        Finding enumLeft = notInverse.get(1);
        assertEquals("004_mood.down.sql", enumLeft.getFile());
        assertEquals("after the down migration, enum public.mood was added", enumLeft.getMessage());
        Finding def = notInverse.get(0);
        assertEquals("003_default.down.sql", def.getFile());
        assertEquals(2, def.getLine(), "points at the statement that names the column's table");
        assertEquals("after the down migration, column public.accounts.email default: (none) -> ''x'::text'",
                def.getMessage());
        List<Finding> again = of(r, "verify.up-not-repeatable");
        assertEquals(1, again.size(), all);
        assertEquals("004_mood.up.sql", again.get(0).getFile());
        assertEquals(1, again.get(0).getLine());
        assertEquals("004 fails when applied again after its down migration: ERROR: type \"mood\" already exists (the "
                + "whole file was rolled back: its tool runs it in one transaction)", again.get(0).getMessage());
        assertEquals(Risk.HIGH, again.get(0).getRisk());
        // migrations 001 and 002 round-trip cleanly: nothing reported on them by verify
        assertTrue(r.getFindings().stream().noneMatch(f -> f.getRule().startsWith("verify.")
                && (f.getFile().startsWith("001") || f.getFile().startsWith("002"))), all);
        assertEquals(1, r.exitCode(), "HIGH findings fail the default threshold");
    }

    @Test
    void postgresMeasuresLocksAndRewritesOnGeneratedRows(@TempDir Path dir) throws Exception {
        write(dir, "001_init.up.sql", "CREATE TYPE state AS ENUM ('new', 'paid');\n"
                + "CREATE TABLE accounts (id serial PRIMARY KEY, email varchar(40) NOT NULL UNIQUE, score integer NOT NULL,\n"
                + "  created timestamptz NOT NULL, meta jsonb, token uuid UNIQUE);\n"
                + "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
                + "  account_id integer NOT NULL REFERENCES accounts (id), st state NOT NULL, total numeric(8,2));\n");
        write(dir, "001_init.down.sql", "DROP TABLE orders;\nDROP TABLE accounts;\nDROP TYPE state;\n");
        write(dir, "002_change.up.sql", "ALTER TABLE orders ADD COLUMN note text;\n"
                + "ALTER TABLE accounts ALTER COLUMN score TYPE bigint;\n");
        write(dir, "002_change.down.sql", "ALTER TABLE accounts ALTER COLUMN score TYPE integer;\n"
                + "ALTER TABLE orders DROP COLUMN note;\n");
        write(dir, "003_index.up.sql", "CREATE INDEX CONCURRENTLY orders_account_idx ON orders (account_id);\n");
        write(dir, "003_index.down.sql", "DROP INDEX orders_account_idx;\n");
        Verifier.Options o = new Verifier.Options();
        o.dialect = Dialect.POSTGRES;
        o.rows = 2000;
        o.from = "002";
        Verifier v = new Verifier(ENGINE, Servers.postgres(), o);
        Report r = v.verify(List.of("."), dir, new Settings());
        String all = show(r);
        assertEquals("seeded 2000 rows (2000 in all)", v.seedNotes().get("public.accounts"), v.seedNotes() + all);
        assertEquals("seeded 2000 rows (2000 in all)", v.seedNotes().get("public.orders"), v.seedNotes() + all);
        Runner.Measured add = v.measurements().get("002_change.up.sql:1:1");
        assertTrue(add.locks().contains("ACCESS EXCLUSIVE on public.orders"), add.locks().toString());
        assertTrue(add.rewritten().isEmpty(), add.rewritten().toString());
        Runner.Measured type = v.measurements().get("002_change.up.sql:2:1");
        assertEquals(List.of("public.accounts"), type.rewritten());
        Runner.Measured conc = v.measurements().get("003_index.up.sql:1:1");
        assertTrue(!conc.traced() && conc.note().contains("outside a transaction"), String.valueOf(conc));
        // the static finding on the type change is confirmed by the measurement
        Finding change = r.getFindings().stream().filter(f -> f.getRule().equals("pg.change-column-type")).findFirst()
                .orElseThrow(() -> new AssertionError(all));
        assertTrue(change.getMessage().contains("rewrote public.accounts (new relfilenode)"), change.getMessage());
        assertTrue(change.getMessage().contains("confirms the static estimate"), change.getMessage());
        assertTrue(change.getMessage().contains("embedded PostgreSQL 17"), change.getMessage());
        assertTrue(of(r, "verify.down-not-inverse").isEmpty(), all);
        assertTrue(of(r, "verify.up-not-repeatable").isEmpty(), all);
    }

    @Test
    void staticEstimateIsOverriddenWhenTheMeasurementDisagrees() {
        dev.schemagate.model.finding.Finding f = new dev.schemagate.model.finding.FindingBuilder().rule("pg.x")
                .position("a.sql", 1, 1).table("accounts").lock("SHARE").rewrite(true).message("static").build();
        Runner.Measured m = new Runner.Measured(null, 1500, List.of("ACCESS EXCLUSIVE on public.accounts"),
                java.util.Map.of("public.accounts", "AccessExclusiveLock"), java.util.Map.of("public.accounts", "AccessExclusiveLock"),
                List.of(), true, null);
        Finding out = Measurements.annotate(f, m, "embedded PostgreSQL 17.11 with 10 generated rows per touched table");
        assertEquals("static [measured on embedded PostgreSQL 17.11 with 10 generated rows per touched table: 1.5 ms, "
                + "locks: ACCESS EXCLUSIVE on public.accounts, no table rewritten; overrides the static estimate: "
                + "lock SHARE -> ACCESS EXCLUSIVE, rewrite yes -> no]", out.getMessage());
        assertEquals("ACCESS EXCLUSIVE", out.getLock());
        assertEquals(Boolean.FALSE, out.getRewrite());
    }

    @Test
    void sqliteRoundTrips(@TempDir Path dir) throws Exception {
        write(dir, "001_init.up.sql", "CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);\n"
                + "CREATE TRIGGER accounts_guard BEFORE DELETE ON accounts BEGIN\n  SELECT RAISE(ABORT, 'no; never');\nEND;\n");
        write(dir, "001_init.down.sql", "DROP TABLE accounts;\n");
        write(dir, "002_score.up.sql", "ALTER TABLE accounts ADD COLUMN score INTEGER NOT NULL DEFAULT 0;\n"
                + "CREATE INDEX accounts_score ON accounts (score);\n");
        write(dir, "002_score.down.sql", "DROP INDEX accounts_score;\n");
        Report r = verify(Servers.sqlite(), Dialect.SQLITE, dir, 500);
        String all = show(r);
        List<Finding> notInverse = of(r, "verify.down-not-inverse");
        assertEquals(1, notInverse.size(), all);
        assertEquals("after the down migration, column accounts.score was added", notInverse.get(0).getMessage());
        assertEquals("002_score.down.sql", notInverse.get(0).getFile());
        List<Finding> again = of(r, "verify.up-not-repeatable");
        assertEquals(1, again.size(), all);
        assertTrue(again.get(0).getMessage().contains("duplicate column name: score"), all);
        List<Finding> measured = of(r, "verify.measured");
        assertTrue(measured.stream().anyMatch(f -> f.getFile().equals("002_score.up.sql") && f.getLine() == 1
                && f.getMessage().contains("locks and rewrites are read on PostgreSQL only")), all);
    }

    @Test
    void mariadbRoundTrips(@TempDir Path dir) throws Exception {
        write(dir, "V1__init.sql", "CREATE TABLE accounts (id bigint AUTO_INCREMENT PRIMARY KEY, email varchar(100) NOT NULL);\n");
        write(dir, "V2__widen.sql", "ALTER TABLE accounts MODIFY email varchar(200) NOT NULL;\n");
        write(dir, "U2__widen.sql", "ALTER TABLE accounts MODIFY email varchar(100) NULL;\n");
        Report r = verify(Servers.mariadb(), Dialect.MARIADB, dir, 300);
        String all = show(r);
        List<Finding> notInverse = of(r, "verify.down-not-inverse");
        assertEquals(2, notInverse.size(), all);
        assertEquals("U2__widen.sql", notInverse.get(0).getFile());
        assertEquals("after the down migration, column accounts.email default: (none) -> 'NULL'",
                notInverse.get(0).getMessage());
        assertEquals("after the down migration, column accounts.email nullable: 'NO' -> 'YES'",
                notInverse.get(1).getMessage());
        assertTrue(r.getErrors().isEmpty(), all);
        assertTrue(of(r, "verify.up-not-repeatable").isEmpty(), all);
        assertTrue(of(r, "verify.no-down").size() == 1 && of(r, "verify.no-down").get(0).getFile().equals("V1__init.sql"),
                all);
    }

    @Test
    void aMigrationThatFailsStopsTheRunAtItsStatement(@TempDir Path dir) throws Exception {
        write(dir, "V1__init.sql", "CREATE TABLE t (id int);\n");
        write(dir, "V2__bad.sql", "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE missing ADD COLUMN b int;\n");
        write(dir, "V3__later.sql", "ALTER TABLE t ADD COLUMN c int;\n");
        Report r = verify(Servers.postgres(), Dialect.POSTGRES, dir, null);
        List<Finding> failed = of(r, "verify.apply-failed");
        assertEquals(1, failed.size(), show(r));
        assertEquals("V2__bad.sql", failed.get(0).getFile());
        assertEquals(2, failed.get(0).getLine());
        assertTrue(failed.get(0).getMessage().contains("relation \"missing\" does not exist"), failed.get(0).getMessage());
        assertTrue(failed.get(0).getMessage().contains("the whole file was rolled back"), failed.get(0).getMessage());
        assertTrue(failed.get(0).getMessage().contains("1 later migration was not verified"), failed.get(0).getMessage());
        assertEquals(Risk.CRITICAL, failed.get(0).getRisk());
    }

    @Test
    void generatedRowsNeverDecideARoundTrip(@TempDir Path dir) throws Exception {
        write(dir, "V1__orders.sql", "CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL);\n");
        write(dir, "V2__check.sql", "ALTER TABLE orders ADD CONSTRAINT orders_status CHECK (status IN ('new', 'paid')) NOT VALID;\n");
        write(dir, "V3__validate.sql", "ALTER TABLE orders VALIDATE CONSTRAINT orders_status;\n");
        Report r = verify(Servers.postgres(), Dialect.POSTGRES, dir, 50);
        String all = show(r);
        assertTrue(of(r, "verify.apply-failed").isEmpty(), all);
        List<Finding> stopped = of(r, "verify.fails-on-rows");
        assertEquals(1, stopped.size(), all);
        assertEquals("V3__validate.sql", stopped.get(0).getFile());
        assertTrue(stopped.get(0).getMessage().contains("fails once its tables hold rows (50 generated per touched table)"), all);
        assertTrue(stopped.get(0).getMessage().contains("is violated by some row"), all);
        assertTrue(stopped.get(0).getMessage().endsWith("it applies to empty tables, so measuring went on from there"), all);
    }

    @Test
    void userScratchMustBeEmptyAndIsUsedAsGiven(@TempDir Path dir) throws Exception {
        write(dir, "V1__t.sql", "CREATE TABLE t (id int);\n");
        write(dir, "V2__u.sql", "ALTER TABLE t ADD COLUMN u int;\n");
        write(dir, "U2__u.sql", "ALTER TABLE t DROP COLUMN u;\n");
        String empty;
        String full;
        try (java.sql.Connection a = Servers.postgres().freshDatabase(); java.sql.Connection b = Servers.postgres().freshDatabase();
             java.sql.Statement st = b.createStatement()) {
            empty = a.getCatalog();
            st.execute("CREATE TABLE existing (id int)");
            full = b.getCatalog();
        }
        dev.schemagate.live.Redactor red = new dev.schemagate.live.Redactor();
        dev.schemagate.live.DbUrl ok = dev.schemagate.live.DbUrl.parse(Servers.postgres().jdbcUrl(empty));
        try (var scratch = new dev.schemagate.live.scratch.UserScratch(ok,
                dev.schemagate.live.Credentials.resolve(ok, null, java.util.Map.of(), red), red, null)) {
            Report r = verify(scratch, Dialect.POSTGRES, dir, null);
            assertTrue(r.getFindings().stream().noneMatch(f -> f.getRule().startsWith("verify.")
                    && !f.getRule().equals("verify.no-down")), show(r));
            assertTrue(r.getErrors().isEmpty(), show(r));
        }
        dev.schemagate.live.DbUrl busy = dev.schemagate.live.DbUrl.parse(Servers.postgres().jdbcUrl(full));
        try (var scratch = new dev.schemagate.live.scratch.UserScratch(busy,
                dev.schemagate.live.Credentials.resolve(busy, null, java.util.Map.of(), red), red, null)) {
            Report r = verify(scratch, Dialect.POSTGRES, dir, null);
            assertEquals(1, r.getErrors().size(), show(r));
            assertTrue(r.getErrors().get(0).getMessage().contains("is not empty (it has table existing)"), show(r));
            assertEquals(2, r.exitCode());
        }
    }

    @Test
    void anEmptyDownThatUndoesNothingIsReportedAtItsFirstLine(@TempDir Path dir) throws Exception {
        write(dir, "001_t.up.sql", "CREATE TABLE t (id int);\n");
        write(dir, "001_t.down.sql", "-- nothing to undo\n");
        Report r = verify(Servers.sqlite(), Dialect.SQLITE, dir, null);
        List<Finding> f = of(r, "verify.down-not-inverse");
        assertEquals(2, f.size(), show(r));
        assertEquals("001_t.down.sql", f.get(0).getFile());
        assertEquals(1, f.get(0).getLine());
        assertEquals("after the down migration, column t.id was added", f.get(0).getMessage());
        assertEquals("after the down migration, table t was added", f.get(1).getMessage());
    }

    @Test
    void beginInsideAnImplicitTransactionKeepsEarlierLocks(@TempDir Path dir) throws Exception {
        write(dir, "1_t.up.sql", "CREATE TABLE otts (id int PRIMARY KEY, tries int);\n");
        write(dir, "2_tries.up.sql", "ALTER TABLE otts ADD COLUMN wrong int DEFAULT 0;\n\nBEGIN;\n"
                + "UPDATE otts SET wrong = 0 WHERE wrong IS NULL;\nCOMMIT;\n");
        Verifier.Options o = new Verifier.Options();
        o.rows = 100;
        Verifier v = new Verifier(ENGINE, Servers.postgres(), o);
        Report r = v.verify(List.of("."), dir, new Settings());
        Runner.Measured update = v.measurements().get("2_tries.up.sql:4:1");
        assertEquals("AccessExclusiveLock", update.held().get("public.otts"), String.valueOf(update));
        Finding held = r.getFindings().stream().filter(f -> f.getRule().equals("pg.statement-under-held-lock"))
                .findFirst().orElseThrow(() -> new AssertionError(show(r)));
        assertTrue(held.getMessage().contains("the transaction already held ACCESS EXCLUSIVE on public.otts")
                && held.getMessage().contains("confirms the static estimate"), held.getMessage());
    }

    @Test
    void seederSatisfiesTypesKeysForeignKeysAndInListChecks() throws Exception {
        try (java.sql.Connection c = Servers.postgres().freshDatabase(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TYPE mood AS ENUM ('calm', 'busy')");
            st.execute("CREATE TABLE parent (id serial PRIMARY KEY, code char(3) NOT NULL UNIQUE, blob bytea NOT NULL, "
                    + "m mood NOT NULL, ip inet, at date NOT NULL, state varchar(10) NOT NULL "
                    + "CHECK (state IN ('on', 'off')))");
            st.execute("CREATE TABLE child (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                    + "parent_code char(3) NOT NULL REFERENCES parent (code), amount numeric(5,2) NOT NULL)");
            Seeder s = new Seeder(c, Dialect.POSTGRES);
            s.seed("public.child", 300);
            assertEquals("seeded 300 rows (300 in all)", s.notes.get("public.parent"), s.notes.toString());
            assertEquals("seeded 300 rows (300 in all)", s.notes.get("public.child"), s.notes.toString());
            assertEquals("2", dev.schemagate.live.Jdbc.one(c, "SELECT count(DISTINCT state) FROM parent"));
            s.empty();
            assertEquals("0", dev.schemagate.live.Jdbc.one(c, "SELECT count(*) FROM parent"));
            assertTrue(s.notes.isEmpty(), s.notes.toString());
        }
    }
}
