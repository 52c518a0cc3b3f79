package dev.schemagate.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --db session refuses writes on every database kind, and credentials never show in messages. */
class ReadOnlySessionTest {
    private static void exec(Connection c, String... sql) throws SQLException {
        Servers.exec(c, sql);
    }

    @Test
    void postgresSessionRefusesWrites() throws Exception {
        String db;
        try (Connection w = Servers.postgres().freshDatabase()) {
            exec(w, "CREATE TABLE t (id int)");
            db = w.getCatalog();
        }
        DbUrl url = DbUrl.parse(Servers.postgres().jdbcUrl(db).replaceFirst("\\?.*$", "") + "?user=postgres");
        try (Connection ro = Sessions.readOnly(url, Credentials.resolve(url, null, Map.of(), new Redactor()), new Redactor())) {
            SQLException insert = assertThrows(SQLException.class, () -> exec(ro, "INSERT INTO t VALUES (1)"));
            assertEquals("25006", insert.getSQLState(), insert.getMessage());
            SQLException ddl = assertThrows(SQLException.class, () -> exec(ro, "CREATE TABLE u (id int)"));
            assertEquals("25006", ddl.getSQLState(), ddl.getMessage());
            assertEquals("on", Jdbc.one(ro, "SHOW default_transaction_read_only"));
            assertEquals("on", Jdbc.one(ro, "SHOW transaction_read_only"));
        }
    }

    @Test
    void sqliteSessionRefusesWritesAndNeverCreatesAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("app.db");
        try (Connection w = DriverManager.getConnection("jdbc:sqlite:" + f)) {
            exec(w, "CREATE TABLE t (id INTEGER)");
        }
        DbUrl url = DbUrl.parse("sqlite:" + f);
        try (Connection ro = Sessions.readOnly(url, null, new Redactor())) {
            SQLException e = assertThrows(SQLException.class, () -> exec(ro, "INSERT INTO t VALUES (1)"));
            assertTrue(e.getMessage().contains("readonly") || e.getMessage().contains("read-only")
                    || e.getMessage().contains("query_only"), e.getMessage());
            assertThrows(SQLException.class, () -> exec(ro, "CREATE TABLE u (id INTEGER)"));
        }
        Path missing = dir.resolve("missing.db");
        LiveException e = assertThrows(LiveException.class,
                () -> Sessions.readOnly(DbUrl.parse("sqlite:" + missing), null, new Redactor()));
        assertTrue(e.getMessage().contains("no such SQLite database file"), e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void mariadbSessionRefusesWritesAndHidesThePassword() throws Exception {
        var server = Servers.mariadb();
        String db;
        try (Connection w = server.freshDatabase()) {
            db = w.getCatalog();
            exec(w, "CREATE TABLE t (id int)", "CREATE USER IF NOT EXISTS 'sg'@'127.0.0.1' IDENTIFIED BY 'Pw-4242-secret'",
                    "GRANT ALL ON *.* TO 'sg'@'127.0.0.1'");
        }
        DbUrl url = DbUrl.parse(server.url(db).replace("jdbc:mariadb://", "mariadb://sg@"));
        Redactor r = new Redactor();
        try (Connection ro = Sessions.readOnly(url, Credentials.resolve(url, null,
                Map.of("SCHEMAGATE_DB_PASSWORD", "Pw-4242-secret"), r), r)) {
            SQLException e = assertThrows(SQLException.class, () -> exec(ro, "INSERT INTO t VALUES (1)"));
            assertTrue(e.getMessage().contains("READ ONLY"), e.getMessage());
        }
        // a wrong password: the message names the masked URL and none of the secrets
        List<InputError> errors = new ArrayList<>();
        String withPw = server.url(db).replace("jdbc:mariadb://", "mariadb://sg:Wrong-pw-777@");
        LiveContext.apply(withPw, null, Map.of(), new Settings(), errors);
        assertEquals(1, errors.size());
        String msg = errors.get(0).toString();
        assertFalse(msg.contains("Wrong-pw-777"), msg);
        assertTrue(msg.contains("sg:***@"), msg);
        assertTrue(msg.contains("check the user and the password") || msg.contains("Access denied"), msg);
    }

    @Test
    void unreachablePostgresIsAnInputErrorWithoutThePassword() {
        List<InputError> errors = new ArrayList<>();
        LiveContext.Result r = LiveContext.apply("postgres://app:Top-Secret-1@127.0.0.1:1/shop", null,
                Map.of("PGPASSWORD", "Env-Secret-2"), new Settings(), errors);
        assertTrue(r.sources().isEmpty());
        assertEquals(1, errors.size());
        String msg = errors.get(0).toString();
        assertFalse(msg.contains("Top-Secret-1") || msg.contains("Env-Secret-2"), msg);
        assertTrue(msg.startsWith("--db: postgres://app:***@127.0.0.1:1/shop: cannot connect"), msg);
        assertTrue(msg.contains("checked without the live schema"), msg);
    }
}
