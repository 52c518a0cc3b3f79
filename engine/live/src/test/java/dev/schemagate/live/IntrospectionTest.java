package dev.schemagate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.report.Report;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntrospectionTest {
    static final String[] PG_SCHEMA = {
        "CREATE TYPE mood AS ENUM ('calm', 'busy')",
        "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(100) NOT NULL, "
                + "score integer DEFAULT 0, state mood, CONSTRAINT score_positive CHECK (score >= 0))",
        "CREATE UNIQUE INDEX accounts_email_key ON accounts (email)",
        "CREATE TABLE orders (id serial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id), total numeric(12,2))",
        "CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100",
        "INSERT INTO accounts (email) SELECT 'u' || g || '@x' FROM generate_series(1, 500) g",
        "ANALYZE accounts"
    };

    private static void exec(Connection c, String... sql) throws SQLException {
        Servers.exec(c, sql);
    }

    @Test
    void postgresSchemaSizesAndVersion() throws Exception {
        try (Connection c = Servers.postgres().freshDatabase()) {
            exec(c, PG_SCHEMA);
            Introspection in = new PgIntrospector().read(c, true);
            assertEquals(Dialect.POSTGRES, in.dialect());
            assertTrue(in.version().startsWith("17."), in.version());
            Snapshot s = in.snapshot();
            assertEquals("character varying(100)", s.get("column public.accounts.email", "type"));
            assertEquals("NO", s.get("column public.accounts.email", "nullable"));
            assertEquals("0", s.get("column public.accounts.score", "default"));
            assertEquals("always", s.get("column public.accounts.id", "identity"));
            assertEquals("mood", s.get("column public.accounts.state", "type"));
            assertEquals("'calm', 'busy'", s.get("enum public.mood", "labels"));
            assertEquals("CHECK ((score >= 0))", s.get("constraint public.accounts.score_positive", "definition"));
            assertEquals("FOREIGN KEY (account_id) REFERENCES accounts(id)",
                    s.get("constraint public.orders.orders_account_id_fkey", "definition"));
            assertEquals("true", s.get("index public.accounts_email_key", "valid"));
            assertEquals("integer", s.get("sequence public.orders_id_seq", "type"));
            assertNotNull(s.get("view public.big_orders", "definition"));
            assertEquals(500L, in.stats().get("public.accounts").rows);
            assertTrue(in.stats().get("public.accounts").bytes > 8192);
            assertEquals(null, in.stats().get("public.orders").rows, "never analysed: unknown, not zero");
            assertTrue(in.ddl().contains("CREATE TABLE public.accounts ("), in.ddl());
        }
    }

    @Test
    void liveSchemaSeedsTheCheck(@TempDir Path dir) throws Exception {
        String db;
        try (Connection c = Servers.postgres().freshDatabase()) {
            exec(c, PG_SCHEMA);
            db = c.getCatalog();
        }
        Path mig = dir.resolve("V2__widen.sql");
        Files.writeString(mig, "ALTER TABLE accounts ALTER COLUMN email TYPE varchar(200);\n");
        Engine engine = new Engine();
        Report blind = engine.check(List.of(mig.toString()), dir, new Settings());
        Settings s = new Settings();
        List<InputError> errors = new ArrayList<>();
        LiveContext.Result live = LiveContext.apply(Servers.postgres().jdbcUrl(db), null, Map.of(), s, errors);
        assertTrue(errors.isEmpty(), errors.toString());
        assertTrue(s.version(Dialect.POSTGRES).startsWith("17."));
        assertEquals(500L, s.getStats().get("public.accounts").rows);
        Report seeded = engine.check(List.of(mig.toString()), dir, s, live.sources());
        assertTrue(seeded.getErrors().isEmpty(), seeded.getErrors().toString());
        String known = messages(seeded);
        String unknown = messages(blind);
        assertTrue(unknown.contains("current type is unknown"), unknown);
        assertTrue(!known.contains("unknown") && !known.contains("CRITICAL"),
                "the live catalog knows email is varchar(100), so widening it is no rewrite: " + known);
    }

    private static String messages(Report r) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : r.getFindings()) {
            sb.append(f.getRule()).append(' ').append(f.getRisk()).append(' ').append(f.getMessage()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void sqliteSchemaAndCounts() throws Exception {
        try (Connection c = Servers.sqlite().freshDatabase()) {
            exec(c, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, score INT DEFAULT 0 "
                    + "CHECK (score >= 0)) STRICT",
                    "CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts (id) "
                            + "ON DELETE CASCADE)",
                    "CREATE INDEX orders_account ON orders (account_id)",
                    "INSERT INTO accounts (email) VALUES ('a'), ('b'), ('c')");
            Introspection in = new SqliteIntrospector().read(c, true);
            Snapshot s = in.snapshot();
            assertEquals("true", s.get("table accounts", "strict"));
            assertEquals("CHECK ( score >= 0 )", s.get("table accounts", "checks"));
            assertEquals("NO", s.get("column accounts.email", "nullable"));
            assertEquals("0", s.get("column accounts.score", "default"));
            assertEquals("account_id", s.get("index orders_account", "columns"));
            assertEquals("unique constraint", s.get("index sqlite_autoindex_accounts_1", "origin"));
            assertEquals("account_id->accounts.id on update NO ACTION on delete CASCADE",
                    s.get("foreign key orders(account_id)", "definition"));
            assertEquals(3L, in.stats().get("accounts").rows);
            assertTrue(in.version().startsWith("3."));
        }
    }

    @Test
    void mariadbSchemaAndSizes() throws Exception {
        try (Connection c = Servers.mariadb().freshDatabase()) {
            exec(c, "CREATE TABLE accounts (id bigint AUTO_INCREMENT PRIMARY KEY, email varchar(100) NOT NULL, score int, "
                    + "state enum('calm','busy') DEFAULT 'calm', CONSTRAINT score_ok CHECK (score >= 0), UNIQUE KEY email_uq (email))",
                    "CREATE TABLE orders (id int PRIMARY KEY, account_id bigint NOT NULL, "
                            + "CONSTRAINT orders_account FOREIGN KEY (account_id) REFERENCES accounts (id))",
                    "INSERT INTO accounts (email) VALUES ('a'), ('b')");
            Introspection in = new MysqlIntrospector().read(c, true);
            assertEquals(Dialect.MARIADB, in.dialect());
            assertTrue(in.version().startsWith("10.") || in.version().startsWith("11."), in.version());
            Snapshot s = in.snapshot();
            assertEquals("varchar(100)", s.get("column accounts.email", "type"));
            assertEquals("auto_increment", s.get("column accounts.id", "extra"));
            assertEquals("email", s.get("index accounts.email_uq", "columns"));
            assertEquals("true", s.get("index accounts.email_uq", "unique"));
            assertEquals("account_id->accounts.id on update RESTRICT on delete RESTRICT",
                    s.get("foreign key orders.orders_account", "definition"));
            assertEquals("`score` >= 0", s.get("check accounts.score_ok", "definition"));
            assertTrue(in.ddl().contains("CREATE TABLE `accounts`"), in.ddl());
            assertNotNull(in.stats().get("accounts").rows);
        }
    }

    /**
     * {@code check --db jdbc:mariadb://...}: the MySQL catalog read from a live MariaDB server is replayed through the
     * MySQL reader as the starting catalog, and a rule that needs the existing column definition fires only with it.
     */
    @Test
    void mariadbSnapshotReplaysIntoTheCatalogTheRulesUse(@TempDir Path dir) throws Exception {
        String url;
        try (Connection c = Servers.mariadb().freshDatabase()) {
            exec(c, "CREATE TABLE users (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(100) NOT NULL DEFAULT '', "
                    + "age int, KEY users_age (age))",
                    "INSERT INTO users (email, age) VALUES ('a', 1), ('b', 2), ('c', 3)");
            url = Servers.mariadb().url(c.getCatalog()) + "?user=root";
        }
        Files.writeString(dir.resolve("V2__widen_email.sql"), "ALTER TABLE users MODIFY email varchar(200);\n");
        Settings withDb = new Settings();
        List<InputError> errors = new ArrayList<>();
        LiveContext.Result live = LiveContext.apply(url, null, Map.of(), withDb, errors);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(Dialect.MARIADB, withDb.getDialect());
        assertEquals(live.introspection().version(), withDb.version(Dialect.MARIADB));
        assertEquals(3L, withDb.getStats().get("users").rows);
        Report r = new Engine().check(List.of("."), dir, withDb, live.sources());
        assertTrue(r.getErrors().isEmpty(), r.getErrors().toString());
        // the live schema itself is replayed, never judged, and every statement of it was read
        assertTrue(r.getFindings().stream().noneMatch(f -> f.getFile().startsWith("jdbc:")), show(r));
        List<Finding> lost = r.getFindings().stream().filter(f -> f.getRule().equals("mysql.modify-drops-attributes")).toList();
        assertEquals(1, lost.size(), show(r));
        assertTrue(lost.get(0).getMessage().contains("NOT NULL") && lost.get(0).getMessage().contains("DEFAULT ''"),
                lost.get(0).getMessage());
        // without the live catalog the column is unknown and the rule has nothing to compare with
        Settings without = new Settings();
        without.setDialect(Dialect.MARIADB);
        Report blind = new Engine().check(List.of("."), dir, without, List.of());
        assertTrue(blind.getFindings().stream().noneMatch(f -> f.getRule().equals("mysql.modify-drops-attributes")), show(blind));
    }

    private static String show(Report r) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : r.getFindings()) {
            sb.append(f.getFile()).append(':').append(f.getLine()).append(' ').append(f.getRule()).append(' ')
                    .append(f.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
