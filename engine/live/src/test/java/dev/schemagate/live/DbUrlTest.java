package dev.schemagate.live;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbUrlTest {
    @Test
    void postgresUrlLosesItsPasswordAndKeepsTheUser() throws Exception {
        DbUrl u = DbUrl.parse("postgres://app:s3cr%40t@db.example:6543/shop?sslmode=require");
        assertEquals(Dialect.POSTGRES, u.dialect());
        assertEquals("jdbc:postgresql://db.example:6543/shop?sslmode=require", u.jdbcUrl());
        assertEquals("app", u.user());
        assertEquals("s3cr@t", u.urlPassword());
        assertEquals("postgres://app:***@db.example:6543/shop?sslmode=require", u.masked());
        assertFalse(u.masked().contains("s3cr"));
    }

    @Test
    void jdbcQueryParametersWithSecretsAreMasked() throws Exception {
        DbUrl u = DbUrl.parse("jdbc:postgresql://h/db?user=app&password=hunter2&sslpassword=k3y&ssl=true");
        assertEquals("jdbc:postgresql://h/db?sslpassword=k3y&ssl=true", u.jdbcUrl().replace("sslpassword=k3y", "sslpassword=k3y"));
        assertEquals("hunter2", u.urlPassword());
        String masked = u.masked();
        assertFalse(masked.contains("hunter2"), masked);
        assertFalse(masked.contains("k3y"), masked);
        assertTrue(masked.contains("password=***"), masked);
    }

    @Test
    void mysqlAndMariadbUrlsUseTheMariadbDriver() throws Exception {
        DbUrl my = DbUrl.parse("mysql://root@127.0.0.1:3307/app");
        assertEquals(Dialect.MYSQL, my.dialect());
        assertEquals("jdbc:mariadb://127.0.0.1:3307/app", my.jdbcUrl());
        assertEquals(Dialect.MARIADB, DbUrl.parse("jdbc:mariadb://h/app").dialect());
    }

    @Test
    void sqliteFileUrls() throws Exception {
        DbUrl u = DbUrl.parse("sqlite:data/app.db");
        assertEquals(Dialect.SQLITE, u.dialect());
        assertEquals(Path.of("data/app.db"), u.sqliteFile());
        assertThrows(LiveException.class, () -> DbUrl.parse("jdbc:sqlite::memory:"));
    }

    @Test
    void mongodbAndUnknownSchemesAreClearErrorsWithoutThePassword() throws Exception {
        LiveException e = assertThrows(LiveException.class, () -> DbUrl.parse("mongodb://u:pw-9@h:27017"));
        assertTrue(e.getMessage().contains("name the database"), e.getMessage());
        assertFalse(e.getMessage().contains("pw-9"), e.getMessage());
        DbUrl m = assertDoesNotThrow(() -> DbUrl.parse("mongodb+srv://u:pw-9@cluster.example/shop?retryWrites=false"));
        assertEquals(Dialect.MONGODB, m.dialect());
        assertEquals("mongodb+srv://cluster.example/shop?retryWrites=false", m.jdbcUrl());
        assertEquals("mongodb+srv://u:***@cluster.example/shop?retryWrites=false", m.masked());
        assertEquals("mongodb://localhost:27017/shop", DbUrl.parse("mongodb://127.0.0.1/shop").identity());
        LiveException o = assertThrows(LiveException.class, () -> DbUrl.parse("oracle://u:pw-9@h/db"));
        assertFalse(o.getMessage().contains("pw-9"), o.getMessage());
    }

    @Test
    void identityIgnoresCredentialsAndLocalhostSpelling() throws Exception {
        assertEquals(DbUrl.parse("postgres://a:x@localhost/app").identity(),
                DbUrl.parse("jdbc:postgresql://127.0.0.1:5432/app?user=b").identity());
        assertNotEquals(DbUrl.parse("postgres://localhost/app").identity(),
                DbUrl.parse("postgres://localhost/app_scratch").identity());
    }

    @Test
    void credentialsComeFromFileThenEnvironmentThenUrl(@TempDir Path dir) throws Exception {
        DbUrl u = DbUrl.parse("postgres://app:from-url@h/db");
        Path f = dir.resolve("pw");
        Files.writeString(f, "from-file\n");
        Redactor r = new Redactor();
        assertEquals("from-file", Credentials.resolve(u, f, Map.of("SCHEMAGATE_DB_PASSWORD", "from-env"), r).password());
        assertEquals("from-env", Credentials.resolve(u, null, Map.of("SCHEMAGATE_DB_PASSWORD", "from-env",
                "PGPASSWORD", "pg"), r).password());
        assertEquals("pg", Credentials.resolve(u, null, Map.of("PGPASSWORD", "pg"), r).password());
        Credentials fromUrl = Credentials.resolve(u, null, Map.of(), r);
        assertEquals("from-url", fromUrl.password());
        assertEquals(1, fromUrl.warnings().size());
        assertNull(Credentials.resolve(DbUrl.parse("postgres://h/db"), null, Map.of(), r).password());
        String cleaned = r.clean("FATAL: password authentication failed (from-file, from-env, pg, from-url) for "
                + "postgres://app:from-url@h/db");
        for (String secret : new String[] {"from-file", "from-env", "from-url"}) {
            assertFalse(cleaned.contains(secret), cleaned);
        }
        assertThrows(LiveException.class, () -> Credentials.resolve(u, dir.resolve("missing"), Map.of(), new Redactor()));
    }
}
