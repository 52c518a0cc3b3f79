package dev.schemagate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
        Files.writeString(dir.resolve("V1__create.sql"), v1);
        Files.writeString(dir.resolve("V2__change.sql"), v2);
        Planner.Request r = new Planner.Request();
        r.cwd = dir;
        r.inputs.add(".");
        r.settings.setDialect(d);
        r.settings.setVersion(d, version);
        r.settings.getStats().put(v1.contains("accounts") ? "accounts" : "orders", new Settings.TableStats(rows, null, null));
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

    @Test
    void mysqlRenameIsLeftToAPersonWithTheReason() throws IOException {
        Plan p = plan(Dialect.MYSQL, "8.0.36", ORDERS, "ALTER TABLE orders RENAME COLUMN note TO remark;\n", 50_000);
        assertEquals(Plan.Strategy.MANUAL, p.changes.get(0).strategy);
        assertTrue(p.problems.get(0).contains("two-way sync triggers"), p.problems.toString());
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
