package dev.schemagate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.Settings;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Risk;
import dev.schemagate.model.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions of the planner on small migrations: when to split, what each phase holds, what is checked. */
class PlannerTest {
    static final String USERS = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, full_name text,"
            + " username text NOT NULL UNIQUE, confirmed_at timestamptz);\n";

    @TempDir
    Path dir;

    private Planner.Result plan(String v2, Long rows, String... thresholds) throws IOException {
        return planOn(null, v2, rows, thresholds);
    }

    private Planner.Result planOn(String pgVersion, String v2, Long rows, String... thresholds) throws IOException {
        Files.writeString(dir.resolve("V1__users.sql"), USERS);
        Files.writeString(dir.resolve("V2__change.sql"), v2);
        Planner.Request r = new Planner.Request();
        r.cwd = dir;
        r.inputs.add(".");
        if (rows != null) {
            r.settings.getStats().put("users", new Settings.TableStats(rows, null, null));
        }
        if (pgVersion != null) {
            r.settings.setVersion(Dialect.POSTGRES, pgVersion);
        }
        for (String t : thresholds) {
            String[] kv = t.split("=", 2);
            r.thresholds.set(kv[0], kv[1]);
        }
        Planner.Result res = new Planner().plan(r);
        assertNotNull(res.plan, res.errors.toString());
        return res;
    }

    @Test
    void metadataOnlyChangeNeedsNoPhasesAndSaysWhy() throws IOException {
        Plan p = plan("ALTER TABLE users ADD COLUMN verified boolean NOT NULL DEFAULT false;", 5_000_000L).plan;
        assertEquals(1, p.changes.size());
        Plan.ChangePlan c = p.changes.get(0);
        assertEquals(Plan.Strategy.METADATA_ONLY, c.strategy);
        assertTrue(c.strategyWhy.contains("only writes the catalog"), c.strategyWhy);
        assertFalse(c.downtime);
        assertEquals(List.of(1), p.phases());
        assertTrue(p.backfills.isEmpty());
    }

    @Test
    void withoutDialectAFolderOfOneDialectIsPlannedForIt() {
        for (String[] c : new String[][] {{"examples/sqlite-golang-migrate", "sqlite"}, {"examples/mysql-flyway", "mysql"},
                {"examples/postgres-flyway", "postgres"}, {"examples/mongodb-migrate-mongo", "mongodb"}}) {
            Planner.Request r = new Planner.Request();
            r.cwd = Examples.ROOT;
            r.inputs.add(c[0]);
            Planner.Result res = new Planner().plan(r);
            assertNotNull(res.plan, c[0] + ": " + res.errors);
            assertEquals(c[1], res.plan.dialect, c[0]);
        }
    }

    @Test
    void tableSizeLineSaysWhereTheCountCameFromOnce() throws IOException {
        String change = "ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;";
        String unknown = PlanMarkdown.write(plan(change, null).plan);
        assertTrue(unknown.contains("- **Table size**: unknown (no --stats entry)\n"), unknown);
        String known = PlanMarkdown.write(plan(change, 5_000_000L).plan);
        assertTrue(known.contains("- **Table size**: 5,000,000 rows (from --stats)\n"), known);
    }

    @Test
    void sameChangeOnAnOldServerIsPhased() throws IOException {
        Plan p = planOn("10", "ALTER TABLE users ADD COLUMN verified boolean NOT NULL DEFAULT false;", 5_000_000L).plan;
        Plan.ChangePlan c = p.changes.get(0);
        assertEquals(Plan.Strategy.MULTI_PHASE, c.strategy);
        assertEquals(List.of(1, 2, 3), p.phases());
        // before 12 SET NOT NULL would scan again: the validated CHECK stays instead
        assertTrue(p.steps(3).stream().noneMatch(s -> s.sql.contains("SET NOT NULL")));
        assertEquals(5_000, p.backfills.get(0).batchSize);
    }

    @Test
    void smallTablesRunAsWrittenInOnePhase() throws IOException {
        Plan p = plan("ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;\n"
                + "ALTER TABLE users ADD CONSTRAINT email_lower CHECK (email = lower(email));", 500L).plan;
        for (Plan.ChangePlan c : p.changes) {
            assertEquals(Plan.Strategy.SINGLE_PHASE, c.strategy, c.title);
            assertTrue(c.strategyWhy.contains("small table"), c.strategyWhy);
        }
        assertTrue(p.steps.stream().allMatch(s -> s.title.startsWith("as written")));
    }

    @Test
    void largeTablesAndUnknownSizesGetPhases() throws IOException {
        for (Long rows : new Long[] {50_000L, null}) {
            Plan p = plan("ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;", rows).plan;
            Plan.ChangePlan c = p.changes.get(0);
            assertEquals(Plan.Strategy.MULTI_PHASE, c.strategy);
            List<String> sql = p.steps(3).stream().map(s -> s.sql).toList();
            assertTrue(sql.get(0).contains("CHECK (full_name IS NOT NULL) NOT VALID"), sql.toString());
            assertTrue(sql.get(1).contains("VALIDATE CONSTRAINT"), sql.toString());
            assertTrue(sql.get(2).contains("SET NOT NULL"), sql.toString());
            assertTrue(p.checks(3).stream().anyMatch(k -> k.pre && k.sql.contains("full_name IS NULL")));
        }
        assertTrue(plan("ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;", null).plan.changes.get(0).strategyWhy
                .contains("row count unknown"));
    }

    @Test
    void thresholdsDecide() throws IOException {
        String sql = "ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;";
        assertEquals(Plan.Strategy.MULTI_PHASE, plan(sql, 5_000L, "max_blocking_seconds=0.001").plan.changes.get(0).strategy);
        assertEquals(Plan.Strategy.SINGLE_PHASE, plan(sql, 5_000L).plan.changes.get(0).strategy);
        assertEquals(Plan.Strategy.SINGLE_PHASE, plan(sql, 50_000L, "small_table_rows=100000",
                "multi_phase_rows=200000").plan.changes.get(0).strategy);
        assertThrows(IllegalArgumentException.class, () -> new PlanThresholds().set("no_such_key", "1"));
        assertThrows(IllegalArgumentException.class, () -> new PlanThresholds().set("batch_min", "9000"));
    }

    @Test
    void indexesAndConstraintsUseTheOnlineForms() throws IOException {
        Plan p = plan("CREATE UNIQUE INDEX users_email_idx ON users (email);\n"
                + "ALTER TABLE users ADD CONSTRAINT users_name_len CHECK (length(full_name) < 200);\n"
                + "CREATE TABLE orgs (id bigint PRIMARY KEY);\n"
                + "ALTER TABLE users ADD COLUMN org_id bigint;\n"
                + "ALTER TABLE users ADD CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id);", 1_000_000L).plan;
        String all = String.join("\n", p.steps.stream().map(s -> s.sql).toList());
        assertTrue(all.contains("CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);"), all);
        assertTrue(all.contains("CHECK (length(full_name) < 200) NOT VALID;"), all);
        assertTrue(all.contains("REFERENCES orgs (id) NOT VALID;"), all);
        assertTrue(all.contains("VALIDATE CONSTRAINT users_org_fk"), all);
        assertTrue(p.steps.stream().filter(s -> s.sql.contains("CONCURRENTLY")).allMatch(s -> s.noTransaction));
        assertTrue(p.problems.isEmpty(), p.problems.toString());
        assertTrue(p.checks.stream().allMatch(c -> c.validation == null), p.checks.stream().map(c -> c.validation).toList()
                .toString());
    }

    @Test
    void dropColumnIsAContractWithACopyAndHighRisk() throws IOException {
        Plan p = plan("ALTER TABLE users DROP COLUMN full_name;", 100_000L).plan;
        Plan.ChangePlan c = p.changes.get(0);
        assertEquals(Risk.HIGH, c.dataLossRisk);
        assertTrue(c.maintenanceWindow);
        assertTrue(p.pointOfNoReturn);
        assertTrue(p.steps(4).get(0).sql.contains("CREATE TABLE schemagate.backup_users_full_name AS SELECT id, full_name"));
        assertTrue(p.steps(4).get(1).rollback.contains("UPDATE users AS t SET full_name = b.full_name"));
        assertEquals(List.of("users"), p.backups);
    }

    @Test
    void tableSplitsGetAMaintenanceWindow() throws IOException {
        Plan p = plan("CREATE TABLE profiles (user_id bigint PRIMARY KEY, full_name text);\n"
                + "INSERT INTO profiles (user_id, full_name) SELECT id, full_name FROM users;\n"
                + "ALTER TABLE users DROP COLUMN full_name;", 100_000L).plan;
        Plan.ChangePlan drop = p.changes.stream().filter(c -> c.title.startsWith("drop column")).findFirst().orElseThrow();
        assertTrue(drop.maintenanceWindow);
        assertTrue(drop.maintenanceWhy.contains("table split"), drop.maintenanceWhy);
        Plan off = plan("CREATE TABLE profiles (user_id bigint PRIMARY KEY, full_name text);\n"
                + "INSERT INTO profiles (user_id, full_name) SELECT id, full_name FROM users;\n"
                + "ALTER TABLE users DROP COLUMN full_name;", 100_000L, "maintenance_window_for_table_splits=false",
                "maintenance_window_risk=CRITICAL").plan;
        assertTrue(off.changes.stream().noneMatch(c -> c.maintenanceWindow), off.maintenanceReasons.toString());
    }

    @Test
    void unreadableStatementsAreNotPlannedAndAreCritical() throws IOException {
        Planner.Result r = plan("ALTER TABLE users FROBNICATE everything;", 100L);
        Plan.ChangePlan c = r.plan.changes.get(0);
        assertEquals(Plan.Strategy.MANUAL, c.strategy);
        assertEquals(Risk.CRITICAL, c.dataLossRisk);
        assertFalse(r.plan.problems.isEmpty());
    }

    @Test
    void updatesBecomeIdempotentBatches() throws IOException {
        Plan p = plan("UPDATE users SET email = lower(email) WHERE email <> lower(email);", 3_000_000L).plan;
        Plan.Backfill b = p.backfills.get(0);
        assertEquals("(email <> lower(email)) AND (email IS DISTINCT FROM (lower(email)))", b.notDone);
        assertEquals(5_000, b.batchSize);
        assertNull(b.validation, b.validation);
        assertEquals("UPDATE users SET email = lower(email) WHERE id > 0 AND id <= 5000 AND " + b.notDone, b.sample);
    }

    @Test
    void generatedQueriesNamingAMissingColumnAreCaught() {
        Catalog cat = new Catalog("public");
        dev.schemagate.model.catalog.TableDef t = new dev.schemagate.model.catalog.TableDef(
                dev.schemagate.model.QualifiedName.of("users"));
        t.putColumn(new dev.schemagate.model.catalog.ColumnDef("id", dev.schemagate.model.catalog.ColumnType.of("bigint",
                org.apache.calcite.sql.type.SqlTypeName.BIGINT), false, null, false, false));
        cat.putTable(t);
        QueryValidator v = new QueryValidator(cat);
        assertEquals(QueryValidator.Verdict.OK, v.validate("SELECT COUNT(*) AS violations FROM users WHERE id IS NULL").verdict());
        QueryValidator.Result bad = v.validate("SELECT COUNT(*) AS violations FROM users WHERE email_verified IS NULL");
        assertTrue(bad.breaks());
        assertTrue(bad.message().contains("email_verified"), bad.message());
        assertTrue(v.validate("UPDATE users SET nope = 1 WHERE id = $1").breaks());
        assertEquals(QueryValidator.Verdict.OK, v.validate("SELECT 1 - COUNT(*) AS violations FROM pg_catalog.pg_trigger"
                + " WHERE tgname = 'x'").verdict());
        assertEquals(QueryValidator.Verdict.UNCHECKED, v.validate("SELEKT 1").verdict());
    }

    @Test
    void aGeneratorBugThatNamesAMissingColumnBecomesAPlanProblem() throws IOException {
        // a generator whose check names a column that does not exist: the plan must report it, not write it silently
        PlanSqlGenerator pg = new Planner().generator(Dialect.POSTGRES);
        PlanSqlGenerator buggy = new PlanSqlGenerator() {
            public Dialect dialect() {
                return Dialect.POSTGRES;
            }

            public void asWritten(Intent in, PlanBuilder b) {
                pg.asWritten(in, b);
            }

            public void phased(Intent in, PlanBuilder b) {
                pg.phased(in, b);
                b.check(3, "wrong column", "SELECT COUNT(*) AS violations FROM users WHERE emial IS NULL", false);
                Plan.Backfill bf = b.backfill("typo", "users", "id");
                bf.set.put("full_nmae", "upper(full_name)");
                bf.notDone = "TRUE";
            }

            public String backfillSample(Plan.Backfill bf) {
                return pg.backfillSample(bf);
            }

            public Map<String, String> scripts(Plan plan) {
                return pg.scripts(plan);
            }
        };
        Files.writeString(dir.resolve("V1__users.sql"), USERS);
        Files.writeString(dir.resolve("V2__change.sql"), "ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;");
        Planner.Request r = new Planner.Request();
        r.cwd = dir;
        r.inputs.add(".");
        Plan p = new Planner(new dev.schemagate.core.Engine(), buggy).plan(r).plan;
        assertTrue(p.problems.stream().anyMatch(x -> x.contains("wrong column") && x.contains("emial")), p.problems.toString());
        assertTrue(p.problems.stream().anyMatch(x -> x.contains("typo") && x.contains("full_nmae")), p.problems.toString());
        assertTrue(PlanMarkdown.write(p).contains("## Problems"));
    }

    @Test
    void applicationQueriesAreCheckedAfterEveryPhase() throws IOException {
        Files.writeString(dir.resolve("V1__users.sql"), USERS);
        Files.writeString(dir.resolve("V2__change.sql"), "ALTER TABLE users RENAME COLUMN username TO handle;");
        Planner.Request r = new Planner.Request();
        r.cwd = dir;
        r.inputs.add(".");
        r.queries = "SELECT id FROM users WHERE username = $1;\nSELECT id FROM users WHERE handle = $1;\n"
                + "INSERT INTO users (id, email, username) VALUES ($1, $2, $3);";
        r.queriesName = "q.sql";
        Plan p = new Planner().plan(r).plan;
        assertEquals(3, p.queries.size());
        assertEquals("after phase 4", p.queries.get(0).breaksAt);
        assertEquals("before", p.queries.get(1).breaksAt);
        assertNull(p.queries.get(1).results.get("after phase 1"));
        // the sync trigger fills handle for old inserts until phase 4; then username is gone
        assertEquals("after phase 4", p.queries.get(2).breaksAt);
        Map<String, String> files = PlanFiles.of(p, new Planner().generator(Dialect.POSTGRES));
        assertTrue(files.get("plan.md").contains("## Application queries"));
    }

    @Test
    void unknownMigrationIdIsAnInputError() throws IOException {
        Files.writeString(dir.resolve("V1__users.sql"), USERS);
        Planner.Request r = new Planner.Request();
        r.cwd = dir;
        r.inputs.add(".");
        r.from = "7";
        Planner.Result res = new Planner().plan(r);
        assertNull(res.plan);
        assertTrue(res.errors.get(0).getMessage().contains("no postgres migration with id '7'"), res.errors.toString());
    }
}
