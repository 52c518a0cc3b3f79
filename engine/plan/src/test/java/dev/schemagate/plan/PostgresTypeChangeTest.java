package dev.schemagate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.Settings;
import dev.schemagate.model.Risk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL changes that rewrite a table or break running queries and get their own phased forms. */
class PostgresTypeChangeTest {
    static final String ORDERS = "CREATE TABLE customers (id bigint PRIMARY KEY);\n"
            + "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id),"
            + " code text UNIQUE, amount text, note varchar(20));\n"
            + "CREATE INDEX orders_customer_idx ON orders (customer_id);\n";

    @TempDir
    Path dir;

    private Plan plan(String v1, String v2, Long rows) throws IOException {
        Files.writeString(dir.resolve("V1__schema.sql"), v1);
        Files.writeString(dir.resolve("V2__change.sql"), v2);
        Planner.Request r = new Planner.Request();
        r.cwd = dir;
        r.inputs.add(".");
        if (rows != null) {
            r.settings.getStats().put("orders", new Settings.TableStats(rows, null, null));
        }
        Planner.Result res = new Planner().plan(r);
        assertNotNull(res.plan, res.errors.toString());
        return res.plan;
    }

    private static String sql(Plan p, int phase) {
        return p.steps(phase).stream().map(s -> s.sql).collect(Collectors.joining("\n"));
    }

    @Test
    void largeIntegerWideningIsAShadowColumnSwap() throws IOException {
        Plan p = plan(ORDERS, "ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint;", 20_000_000L);
        Plan.ChangePlan c = p.changes.get(0);
        assertEquals(Plan.Strategy.MULTI_PHASE, c.strategy);
        assertEquals("change type of orders.customer_id from integer to bigint", c.title);
        assertEquals(Risk.NONE, c.dataLossRisk);
        assertFalse(c.downtime, c.downtimeWhy);
        assertEquals(List.of(1, 2, 3, 4), p.phases());
        assertTrue(sql(p, 1).contains("ADD COLUMN IF NOT EXISTS customer_id_sg_new bigint"), sql(p, 1));
        assertTrue(sql(p, 1).contains("NEW.customer_id_sg_new := CAST(NEW.customer_id AS bigint)"), sql(p, 1));
        assertEquals("CAST(customer_id AS bigint)", p.backfills.get(0).set.get("customer_id_sg_new"));
        String p3 = sql(p, 3);
        // NOT NULL through a validated CHECK, the foreign key NOT VALID then VALIDATE, the index CONCURRENTLY
        assertTrue(p3.contains("CHECK (customer_id_sg_new IS NOT NULL) NOT VALID"), p3);
        assertTrue(p3.contains("FOREIGN KEY (customer_id_sg_new) REFERENCES customers (id) NOT VALID"), p3);
        assertTrue(p3.contains("VALIDATE CONSTRAINT orders_customer_id_fkey_sg_new"), p3);
        assertTrue(p3.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx_sg_new ON orders"
                + " (customer_id_sg_new)"), p3);
        String swap = sql(p, 4);
        assertTrue(swap.startsWith("BEGIN;") && swap.endsWith("COMMIT;"), swap);
        assertTrue(swap.indexOf("DROP TRIGGER") < swap.indexOf("DROP COLUMN customer_id;")
                && swap.indexOf("DROP COLUMN customer_id;") < swap.indexOf("RENAME COLUMN customer_id_sg_new TO customer_id"), swap);
        assertTrue(swap.contains("RENAME CONSTRAINT orders_customer_id_fkey_sg_new TO orders_customer_id_fkey"), swap);
        assertTrue(swap.contains("ALTER INDEX orders_customer_idx_sg_new RENAME TO orders_customer_idx"), swap);
        assertTrue(p.steps(4).get(0).rollback.contains("ALTER COLUMN customer_id TYPE integer USING customer_id::integer"));
        // rows whose converted value differs stop the swap; dependants the swap cannot move are counted before 1 and 4
        assertTrue(p.checks.stream().anyMatch(k -> k.phase == 2 && k.sql.contains("customer_id_sg_new IS DISTINCT FROM"
                + " (CAST(customer_id AS bigint))")));
        assertEquals(2, p.checks.stream().filter(k -> k.pre && k.sql.contains("view_column_usage")).count());
        assertTrue(p.problems.isEmpty(), p.problems.toString());
    }

    @Test
    void conversionWithUsingIsMediumRiskCountsLostValuesAndKeepsACopy() throws IOException {
        Plan p = plan(ORDERS, "ALTER TABLE orders ALTER COLUMN amount TYPE integer USING NULLIF(amount, '')::integer;",
                1_000_000L);
        Plan.ChangePlan c = p.changes.get(0);
        assertEquals(Plan.Strategy.MULTI_PHASE, c.strategy);
        assertEquals(Risk.MEDIUM, c.dataLossRisk);
        assertEquals("NULLIF(amount, '')::integer", p.backfills.get(0).set.get("amount_sg_new"));
        assertTrue(p.checks.stream().anyMatch(k -> k.warning && k.sql.contains("amount IS NOT NULL AND amount_sg_new IS NULL")));
        assertTrue(sql(p, 4).contains("CREATE TABLE schemagate.backup_orders_amount AS SELECT id, amount FROM orders"));
        assertTrue(p.steps(4).get(1).rollback.contains("FROM schemagate.backup_orders_amount AS b"), p.steps(4).get(1).rollback);
        // a nullable column stays nullable: no NOT NULL steps
        assertFalse(sql(p, 3).contains("NOT NULL"), sql(p, 3));
        assertTrue(p.problems.isEmpty(), p.problems.toString());
    }

    @Test
    void uniqueColumnGetsItsConstraintBackByUsingIndex() throws IOException {
        Plan p = plan(ORDERS, "ALTER TABLE orders ALTER COLUMN code TYPE varchar(12);", 1_000_000L);
        assertTrue(sql(p, 3).contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_code_sg_new_key ON orders"
                + " (code_sg_new)"), sql(p, 3));
        assertTrue(sql(p, 4).contains("ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_sg_new_key"), sql(p, 4));
        assertTrue(p.checks.stream().anyMatch(k -> k.pre && k.phase == 3 && k.name.startsWith("no duplicate values")));
    }

    @Test
    void smallTableRunsAsWrittenWithTheRewriteEstimated() throws IOException {
        Plan p = plan(ORDERS, "ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint;", 500L);
        Plan.ChangePlan c = p.changes.get(0);
        assertEquals(Plan.Strategy.SINGLE_PHASE, c.strategy);
        Plan.Step s = p.steps.get(0);
        assertEquals("ACCESS EXCLUSIVE", s.lock);
        assertTrue(s.estimate.contains("rewrite of 500 rows"), s.estimate);
        assertEquals("ALTER TABLE orders ALTER COLUMN customer_id TYPE integer;", s.rollback);
    }

    @Test
    void metadataOnlyTypeChangesStayAsWritten() throws IOException {
        Plan p = plan(ORDERS, "ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);", 20_000_000L);
        assertEquals(Plan.Strategy.METADATA_ONLY, p.changes.get(0).strategy);
        assertTrue(p.backfills.isEmpty());
    }

    @Test
    void tableRenameIsAViewUnderTheOldNameUntilTheContract() throws IOException {
        Plan p = plan(ORDERS, "ALTER TABLE orders RENAME TO purchases;", 100L);
        Plan.ChangePlan c = p.changes.get(0);
        // breaking even on a small table: running queries name the old table
        assertEquals(Plan.Strategy.MULTI_PHASE, c.strategy);
        assertEquals(Risk.NONE, c.dataLossRisk);
        assertTrue(c.maintenanceWindow, c.maintenanceWhy);
        assertEquals(List.of(1, 4), p.phases());
        String p1 = sql(p, 1);
        assertTrue(p1.startsWith("BEGIN;\nALTER TABLE orders RENAME TO purchases;\nCREATE VIEW orders AS SELECT * FROM"
                + " purchases;"), p1);
        assertTrue(p1.contains("GRANT %s ON %I.%I TO %s") && p1.endsWith("COMMIT;"), p1);
        assertEquals("DROP VIEW IF EXISTS orders;", sql(p, 4));
        assertTrue(p.steps(1).get(0).rollback.contains("ALTER TABLE IF EXISTS purchases RENAME TO orders;"));
        assertFalse(p.pointOfNoReturn);
        assertTrue(p.readPath.get(1).get(0).contains("app v1 keeps reading and writing orders"), p.readPath.toString());
        assertTrue(p.problems.isEmpty(), p.problems.toString());
    }

    @Test
    void queriesOnTheOldNameWorkThroughTheViewAndBreakAtTheContract() throws IOException {
        Files.writeString(dir.resolve("q.sql"), "SELECT id, code FROM orders WHERE id = $1;\n"
                + "SELECT id, code FROM purchases WHERE id = $1;\nSELECT id, nope FROM orders;\n");
        Files.writeString(dir.resolve("V1__schema.sql"), ORDERS);
        Files.writeString(dir.resolve("V2__change.sql"), "ALTER TABLE orders RENAME TO purchases;");
        Planner.Request r = new Planner.Request();
        r.cwd = dir;
        r.inputs.add("V1__schema.sql");
        r.inputs.add("V2__change.sql");
        r.queries = Files.readString(dir.resolve("q.sql"));
        r.queriesName = "q.sql";
        Plan p = new Planner().plan(r).plan;
        assertEquals("after phase 4", p.queries.get(0).breaksAt);
        assertEquals("before", p.queries.get(1).breaksAt);
        assertEquals("before", p.queries.get(2).breaksAt);
    }

    @Test
    void identityColumnIsNumberedInBatchesThenBecomesTheIdentityAndKey() throws IOException {
        Plan p = plan("CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n",
                "ALTER TABLE orders ADD COLUMN seq_no bigint GENERATED BY DEFAULT AS IDENTITY UNIQUE;", 3_000_000L);
        Plan.ChangePlan c = p.changes.get(0);
        assertEquals(Plan.Strategy.MULTI_PHASE, c.strategy);
        assertEquals("add identity column orders.seq_no", c.title);
        assertEquals(List.of(1, 2, 3), p.phases());
        assertTrue(sql(p, 1).contains("ALTER TABLE orders ALTER COLUMN seq_no SET DEFAULT nextval('orders_seq_no_sg_seq')"),
                sql(p, 1));
        assertEquals("nextval('orders_seq_no_sg_seq')", p.backfills.get(0).set.get("seq_no"));
        assertEquals("seq_no IS NULL", p.backfills.get(0).notDone);
        String p3 = sql(p, 3);
        assertTrue(p3.indexOf("CHECK (seq_no IS NOT NULL) NOT VALID") < p3.indexOf("ADD GENERATED BY DEFAULT AS IDENTITY"), p3);
        assertTrue(p3.contains("(START WITH %s)', 'orders', 'seq_no', (SELECT last_value + 1 FROM orders_seq_no_sg_seq))"), p3);
        assertTrue(p3.contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_seq_no_key ON orders (seq_no)"), p3);
        assertTrue(p3.contains("ADD CONSTRAINT orders_seq_no_key UNIQUE USING INDEX orders_seq_no_key"), p3);
        assertFalse(p.pointOfNoReturn);
        assertTrue(p.problems.isEmpty(), p.problems.toString());
    }

    @Test
    void serialPrimaryKeyOnAKeylessTableKeepsItsSequenceAndBuildsTheKeyOnline() throws IOException {
        Plan p = plan("CREATE TABLE orders (note text);\n", "ALTER TABLE orders ADD COLUMN id bigserial PRIMARY KEY;",
                3_000_000L);
        assertEquals(Plan.Strategy.MULTI_PHASE, p.changes.get(0).strategy);
        assertTrue(sql(p, 1).contains("CREATE SEQUENCE IF NOT EXISTS orders_id_seq AS bigint;"), sql(p, 1));
        // no integer key to batch on: one statement, said so
        assertTrue(p.backfills.isEmpty());
        assertTrue(p.steps(2).get(0).title.contains("one statement"));
        String p3 = sql(p, 3);
        assertFalse(p3.contains("IDENTITY"), p3);
        assertTrue(p3.contains("ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey"), p3);
        Plan small = plan("CREATE TABLE orders (note text);\n", "ALTER TABLE orders ADD COLUMN id bigserial PRIMARY KEY;", 200L);
        assertEquals(Plan.Strategy.SINGLE_PHASE, small.changes.get(0).strategy);
        assertTrue(small.steps.get(0).estimate.contains("rewrite of 200 rows"), small.steps.get(0).estimate);
    }

    @Test
    void whatTheSwapWouldDropIsLeftToAPersonWithTheReason() throws IOException {
        Plan checked = plan(ORDERS + "ALTER TABLE orders ADD CONSTRAINT orders_amount_digits CHECK (amount ~ '^[0-9]+$');\n",
                "ALTER TABLE orders ALTER COLUMN amount TYPE integer USING amount::integer;", 1_000_000L);
        assertEquals(Plan.Strategy.MANUAL, checked.changes.get(0).strategy);
        assertTrue(checked.changes.get(0).strategyWhy.contains("CHECK constraint orders_amount_digits uses amount"),
                checked.changes.get(0).strategyWhy);
        Plan identity = plan("CREATE TABLE orders (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text);\n",
                "ALTER TABLE orders ALTER COLUMN id TYPE bigint;", 1_000_000L);
        assertEquals(Plan.Strategy.MANUAL, identity.changes.get(0).strategy);
        assertTrue(identity.problems.get(0).contains("identity"), identity.problems.toString());
    }
}
