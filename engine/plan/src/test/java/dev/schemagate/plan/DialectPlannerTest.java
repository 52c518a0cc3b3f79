package dev.schemagate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.Settings;
import dev.schemagate.model.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MySQL, MariaDB and SQLite decisions that depend on the server version and the table size. */
class DialectPlannerTest {
    static final String ORDERS = "CREATE TABLE orders (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, total DECIMAL(12,2)"
            + " NOT NULL, note VARCHAR(20) NULL) ENGINE=InnoDB;\n";
    static final String REQUIRED = "ALTER TABLE orders ADD COLUMN cents bigint NULL;\nUPDATE orders SET cents = ROUND(total"
            + " * 100);\nALTER TABLE orders MODIFY cents bigint NOT NULL;\n";

    @TempDir
    Path dir;

    private Plan plan(Dialect d, String version, String v1, String v2, long rows) throws IOException {
        return planWithStats(d, version, v1, v2, rows);
    }

    /** Plans V2 after V1; {@code rows} is the table's count in the stats, or null for none. */
    private Plan planWithStats(Dialect d, String version, String v1, String v2, Long rows) throws IOException {
        Files.writeString(dir.resolve("V1__create.sql"), v1);
        Files.writeString(dir.resolve("V2__change.sql"), v2);
        Planner.Request r = new Planner.Request();
        r.cwd = dir;
        r.inputs.add(".");
        r.settings.setDialect(d);
        r.settings.setVersion(d, version);
        if (rows != null) {
            r.settings.getStats().put(v1.contains("accounts") ? "accounts" : "orders", new Settings.TableStats(rows, null,
                    null));
        }
        Planner.Result res = new Planner().plan(r);
        assertNotNull(res.plan, res.errors.toString());
        return res.plan;
    }

    private static String all(Plan p) {
        StringBuilder sb = new StringBuilder();
        p.steps.forEach(s -> sb.append(s.sql).append('\n'));
        return sb.toString();
    }

    @Test
    void mysqlAddColumnIsInstantFrom8012ButNotOnTheBuggy8029() throws IOException {
        assertTrue(all(plan(Dialect.MYSQL, "8.0.36", ORDERS, REQUIRED, 50_000)).contains(
                "ADD COLUMN cents bigint NULL, ALGORITHM=INSTANT;"));
        assertTrue(all(plan(Dialect.MYSQL, "8.0.29", ORDERS, REQUIRED, 50_000)).contains(
                "ADD COLUMN cents bigint NULL, ALGORITHM=INPLACE, LOCK=NONE;"));
        assertTrue(all(plan(Dialect.MYSQL, "5.7", ORDERS, REQUIRED, 50_000)).contains("ALGORITHM=INPLACE, LOCK=NONE;"));
        assertTrue(all(plan(Dialect.MARIADB, "10.2", ORDERS, REQUIRED, 50_000)).contains(
                "ADD COLUMN cents bigint NULL, ALGORITHM=INPLACE, LOCK=NONE;"));
        assertTrue(all(plan(Dialect.MARIADB, "10.6", ORDERS, REQUIRED, 50_000)).contains("ALGORITHM=INSTANT;"));
    }

    @Test
    void mysqlRequiredColumnIsModifyWithTheFullDefinitionAfterANullCount() throws IOException {
        Plan p = plan(Dialect.MYSQL, "8.0.36", ORDERS, REQUIRED, 50_000);
        assertEquals(Plan.Strategy.MULTI_PHASE, p.changes.get(0).strategy);
        assertEquals(p.problems.toString(), "[]");
        Plan.Step modify = p.steps(3).get(0);
        assertTrue(modify.sql.contains("ALTER TABLE orders MODIFY cents bigint NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;"),
                modify.sql);
        assertTrue(modify.sql.contains("STRICT_TRANS_TABLES"), "a NULL must fail, not become 0");
        assertFalse(all(p).contains("NOT VALID"));
        assertTrue(p.checks(3).stream().anyMatch(c -> c.pre && c.sql.contains("cents IS NULL")));
        assertFalse(modify.sql.contains("gh-ost"), "under online_schema_change_rows");
    }

    @Test
    void aRebuildAboveTheThresholdSaysHowToRunItWithAnOnlineSchemaChangeTool() throws IOException {
        Plan p = plan(Dialect.MYSQL, "8.0.36", ORDERS, REQUIRED, 50_000_000);
        String modify = p.steps(3).get(0).sql;
        assertTrue(modify.contains("gh-ost --table=orders --alter=\"MODIFY cents bigint NOT NULL\""), modify);
        assertTrue(modify.contains("pt-online-schema-change") && modify.contains("--preserve-triggers"),
                "the sync triggers rule gh-ost out while they exist: " + modify);
    }

    static final String RENAME = "ALTER TABLE orders RENAME COLUMN note TO remark;\n";

    @Test
    void mysqlRenameIsExpandContractWithTwoWayTriggersAndOffersTheInstantRename() throws IOException {
        Plan p = plan(Dialect.MYSQL, "8.0.36", ORDERS, RENAME, 50_000);
        assertEquals(Plan.Strategy.MULTI_PHASE, p.changes.get(0).strategy);
        assertEquals("[]", p.problems.toString());
        String sql = all(p);
        assertTrue(sql.contains("ADD COLUMN remark varchar(20) NULL AFTER note, ALGORITHM=INSTANT;"), sql);
        assertTrue(sql.contains("BEFORE INSERT ON orders") && sql.contains("BEFORE UPDATE ON orders"), sql);
        assertTrue(sql.contains("SET NEW.note = NEW.remark;") && sql.contains("SET NEW.remark = NEW.note;"), "both ways");
        assertTrue(sql.contains("LOCK TABLES orders WRITE;\nDROP TRIGGER IF EXISTS"), "triggers and column go together");
        assertTrue(p.changes.get(0).alternative.contains("RENAME COLUMN note TO remark, ALGORITHM=INSTANT;"));
        // 8.0.3-8.0.27: the rename is in place but not INSTANT; 5.7 has only CHANGE; ADD COLUMN ... AFTER not instant
        assertTrue(plan(Dialect.MYSQL, "8.0.20", ORDERS, RENAME, 50_000).changes.get(0).alternative
                .contains("RENAME COLUMN note TO remark, ALGORITHM=INPLACE, LOCK=NONE;"));
        Plan old = plan(Dialect.MYSQL, "5.7.44", ORDERS, RENAME, 50_000);
        assertTrue(old.changes.get(0).alternative.contains("CHANGE note remark varchar(20) NULL"), old.changes.get(0).alternative);
        assertTrue(all(old).contains("ADD COLUMN remark varchar(20) NULL, ALGORITHM=INPLACE, LOCK=NONE;"), all(old));
        assertTrue(plan(Dialect.MARIADB, "10.4", ORDERS, RENAME, 50_000).changes.get(0).alternative
                .contains("CHANGE note remark"), "RENAME COLUMN only from MariaDB 10.5.2");
        assertTrue(plan(Dialect.MARIADB, "10.11", ORDERS, RENAME, 50_000).changes.get(0).alternative
                .contains("RENAME COLUMN note TO remark, ALGORITHM=INSTANT;"));
    }

    @Test
    void beforeSeveralTriggersPerEventOtherTriggersStopTheRenameAndAnOldNotNullColumnBecomesNullable() throws IOException {
        String v1 = ORDERS.replace("note VARCHAR(20) NULL", "note VARCHAR(20) NOT NULL");
        Plan p = plan(Dialect.MYSQL, "5.6.51", v1, RENAME, 50_000);
        assertTrue(p.checks(1).stream().anyMatch(c -> c.pre && c.name.contains("allows one per timing and event")),
                p.checks.toString());
        assertTrue(p.steps(3).stream().anyMatch(s -> s.sql.contains("MODIFY note varchar(20) NULL")),
                "5.6 checks NOT NULL before the BEFORE trigger runs: the old column must accept a missing value");
        Plan modern = plan(Dialect.MYSQL, "8.0.36", v1, RENAME, 50_000);
        assertTrue(modern.checks(1).stream().noneMatch(c -> c.pre), "5.7.2+: triggers of one event run in creation order");
        assertTrue(modern.steps(3).stream().noneMatch(s -> s.sql.contains("MODIFY note")));
    }

    @Test
    void mysqlTypeChangeCopiesWithTheLockNamedAndChecksThatValuesFit() throws IOException {
        String shrink = "ALTER TABLE orders MODIFY note VARCHAR(8) NULL;\n";
        Plan p = plan(Dialect.MYSQL, "8.0.36", ORDERS, shrink, 50_000);
        assertEquals(Plan.Strategy.MULTI_PHASE, p.changes.get(0).strategy);
        assertEquals("[]", p.problems.toString());
        Plan.Step copy = p.steps(3).get(0);
        assertTrue(copy.sql.contains("ALTER TABLE orders MODIFY note VARCHAR(8) NULL, ALGORITHM=COPY, LOCK=SHARED;"),
                copy.sql);
        assertTrue(copy.blocking && copy.rollback.contains("MODIFY note varchar(20) NULL, ALGORITHM=COPY"), copy.rollback);
        assertTrue(p.checks(3).stream().anyMatch(c -> c.pre && c.sql.contains("CHAR_LENGTH(note) > 8")));
        assertTrue(p.changes.get(0).alternative.contains("note_new"));
        assertTrue(plan(Dialect.MARIADB, "11.4", ORDERS, shrink, 50_000).steps(3).get(0).sql
                .contains("ALGORITHM=COPY, LOCK=NONE;"), "MariaDB 11.2+ copies online");
        assertTrue(plan(Dialect.MYSQL, "8.0.36", ORDERS, shrink, 50_000_000).steps(3).get(0).sql
                .contains("gh-ost --table=orders --alter=\"MODIFY note VARCHAR(8) NULL\""));
        Plan key = plan(Dialect.MYSQL, "8.0.36", ORDERS.replace("id BIGINT", "id INT"),
                "ALTER TABLE orders MODIFY id BIGINT NOT NULL AUTO_INCREMENT;\n", 50_000);
        assertTrue(key.steps(3).get(0).rollback.contains("MODIFY id int NOT NULL AUTO_INCREMENT"), key.steps(3).get(0).rollback);
        assertTrue(key.changes.get(0).alternative.startsWith("none without a copy"));
        assertEquals(Plan.Strategy.SINGLE_PHASE, plan(Dialect.MYSQL, "8.0.36", ORDERS, shrink, 500).changes.get(0).strategy,
                "a small table changes as written");
    }

    @Test
    void aOnePhaseCopyThatBlocksWritesGetsARunbookWithItsDiskSpaceAndReplicaLag() throws IOException {
        String shrink = "ALTER TABLE orders MODIFY note VARCHAR(8) NULL;\n";
        Plan p = plan(Dialect.MYSQL, "8.0.36", ORDERS, shrink, 3_000_000);
        assertEquals(java.util.List.of(3), p.phases());
        assertTrue(p.changes.get(0).downtime, p.changes.get(0).downtimeWhy);
        assertNotNull(p.operations, "a write stop of the whole copy needs a runbook although the plan has one phase");
        assertTrue(p.operations.diskSpace.get(0).contains("full new copy of orders (about 572.2 MB plus indexes)"),
                p.operations.diskSpace.toString());
        assertTrue(p.operations.replicationLag.get(0).contains("fall behind by its whole duration"),
                p.operations.replicationLag.toString());
        assertTrue(p.operations.goNoGo.isEmpty());
        assertFalse(p.operations.metrics.containsKey("rows processed"), "no backfill, no backfill progress");
        String md = PlanMarkdown.write(p);
        assertTrue(md.contains("stop, then decide whether to run the phase's rollback script"), md);
        assertFalse(md.contains("Go / no-go"), md);
        // the same change on a small table runs as written, with no runbook
        assertNull(plan(Dialect.MYSQL, "8.0.36", ORDERS, shrink, 500).operations);
    }

    @Test
    void mysqlScriptsAreOneFilePerPhaseAndTheRunbookUsesMysqlMetrics() throws IOException {
        Plan p = plan(Dialect.MYSQL, "8.0.36", ORDERS, REQUIRED, 50_000);
        Map<String, String> files = PlanFiles.of(p, new Planner().generator(Dialect.MYSQL));
        assertTrue(files.containsKey("scripts/02_forward_1.sql") && files.containsKey("scripts/05_rollback_3.sql"));
        assertFalse(files.containsKey("scripts/02_forward.sql"));
        assertTrue(p.operations.metrics.keySet().contains("history list length"));
        assertTrue(p.operations.metrics.values().stream().noneMatch(q -> q.contains("pg_")), p.operations.metrics.toString());
        assertTrue(files.get("plan.md").contains("`scripts/02_forward_N.sql`"));
    }

    /** The runbook's disk-space and replication sections, as the Markdown plan shows them. */
    private static String runbookEnd(Plan p) {
        String md = PlanMarkdown.write(p);
        return md.substring(md.indexOf("### Disk space"), md.indexOf("## Risk mitigation"));
    }

    @Test
    void withoutARowCountTheMysqlRunbookSaysTheBinaryLogVolumeIsUnknown() throws IOException {
        String end = runbookEnd(planWithStats(Dialect.MYSQL, "8.0.36", ORDERS, REQUIRED, null));
        assertTrue(end.contains("### Replication lag\n\n- orders: binary log volume unknown without --stats\n"), end);
        // with a row count the backfill's binary log is estimated instead
        String known = runbookEnd(plan(Dialect.MYSQL, "8.0.36", ORDERS, REQUIRED, 50_000));
        assertTrue(known.contains("of binlog over"), known);
        assertFalse(known.contains("unknown"), known);
    }

    @Test
    void sqliteRebuildOfASmallTableIsTheTwelveStepsInOnePhase() throws IOException {
        String v1 = "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance TEXT);\nCREATE TABLE payments (id INTEGER"
                + " PRIMARY KEY, account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE);\n";
        String v2 = "CREATE TABLE accounts_new (id INTEGER PRIMARY KEY, balance INTEGER);\nINSERT INTO accounts_new (id,"
                + " balance) SELECT id, CAST(balance AS INTEGER) FROM accounts;\nDROP TABLE accounts;\nALTER TABLE"
                + " accounts_new RENAME TO accounts;\n";
        Plan p = plan(Dialect.SQLITE, "3.40", v1, v2, 200);
        assertEquals(Plan.Strategy.SINGLE_PHASE, p.changes.get(0).strategy);
        String sql = p.steps(3).get(0).sql;
        assertTrue(sql.indexOf("PRAGMA foreign_keys = OFF") < sql.indexOf("BEGIN IMMEDIATE"), "the pragma is a no-op"
                + " inside a transaction, so it comes first");
        assertTrue(sql.indexOf("DROP TABLE accounts;") < sql.indexOf("ALTER TABLE accounts_new RENAME TO accounts"));
        assertTrue(sql.contains("pragma_foreign_key_check") && sql.indexOf("pragma_foreign_key_check") < sql.indexOf(
                "COMMIT"));
        assertTrue(sql.endsWith("PRAGMA foreign_keys = ON;"));
        Plan big = plan(Dialect.SQLITE, "3.40", v1, v2, 200_000);
        assertEquals(Plan.Strategy.MULTI_PHASE, big.changes.get(0).strategy);
        assertEquals(1, big.backfills.size());
        assertTrue(big.backfills.get(0).sample.startsWith("INSERT INTO accounts_new (id, balance) SELECT id,"),
                big.backfills.get(0).sample);
    }
}
