package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.schemagate.live.scratch.EmbeddedPostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** schemagate verify and check --db end to end, on real databases. */
class VerifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedPostgresServer pg;

    private static synchronized EmbeddedPostgresServer pg() throws Exception {
        if (pg == null) {
            pg = EmbeddedPostgresServer.start();
        }
        return pg;
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    private static Path sqliteHistory(Path dir) throws Exception {
        Path d = dir.resolve("sqlite");
        Files.createDirectories(d);
        Files.writeString(d.resolve("001_init.up.sql"), "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n");
        Files.writeString(d.resolve("001_init.down.sql"), "DROP TABLE notes;\n");
        Files.writeString(d.resolve("002_tag.up.sql"), "ALTER TABLE notes ADD COLUMN tag TEXT;\n");
        Files.writeString(d.resolve("002_tag.down.sql"), "SELECT 1;\n");
        return d;
    }

    @Test
    void verifySqliteReportsTheBrokenDownAsValidJson(@TempDir Path dir) throws Exception {
        Path d = sqliteHistory(dir);
        Cli r = Cli.run("verify", d.toString(), "--format", "json");
        assertEquals(1, r.code, r.toString());
        JsonNode schema = JSON.readTree(Files.readString(Cli.ROOT.resolve("docs/report.schema.json")));
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        JsonNode report = JSON.readTree(r.out);
        Set<ValidationMessage> errors = s.validate(report);
        assertEquals(Set.of(), errors, r.out);
        JsonNode f = null;
        for (JsonNode x : report.get("findings")) {
            if (x.get("rule").asText().equals("verify.down-not-inverse")) {
                f = x;
            }
        }
        assertTrue(f != null, r.out);
        assertEquals("after the down migration, column notes.tag was added", f.get("message").asText());
        assertTrue(f.get("file").asText().endsWith("002_tag.down.sql"), r.out);
        assertTrue(r.err.contains("verify on SQLite 3."), r.err);
        assertTrue(r.err.contains("what it cannot show:"), r.err);
    }

    @Test
    void verifyRefusesAScratchUrlThatIsTheReadOnlyDatabase(@TempDir Path dir) throws Exception {
        Path d = sqliteHistory(dir);
        Path db = dir.resolve("prod.db");
        Cli r = Cli.run("verify", d.toString(), "--db", "sqlite:" + db, "--scratch-url", "jdbc:sqlite:" + db);
        assertEquals(2, r.code, r.toString());
        assertTrue(r.err.contains("names the same database as --db"), r.err);
        assertFalse(Files.exists(db), "nothing was created");
    }

    @Test
    void mongodbMigrationsRoundTripOnAMongoServer() throws Exception {
        Cli r = Cli.run("verify", Cli.ROOT.resolve("examples/mongodb-migrate-mongo").toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err.contains("schemagate: verify on ") && r.err.contains("what it cannot show"), r.err);
        // the reviews migration's down() is empty: both indexes it creates are left behind
        assertTrue(r.out.contains("verify.down-not-inverse") && r.out.contains("index reviews.createdAt_1 was added")
                && r.out.contains("index reviews.bookId_1_userId_1 was added"), r.out);
        // the books migration's down() drops what its up() created: no difference there; reviews and orders are used
        // but never created (MongoDB creates them on the first write), so they exist before the round trip
        assertFalse(r.out.contains("create-books.js") && r.out.contains("collection books"), r.out);
        assertFalse(r.out.contains("collection reviews was added") || r.out.contains("collection orders was added"), r.out);
        assertTrue(r.err.contains("created 2 collections that migrations use but none creates"), r.err);
        if (r.err.contains("in-process")) {
            assertTrue(r.out.contains("verify.not-run") && r.out.contains("collMod"), r.out);
        }
        Cli bad = Cli.run("verify", Cli.ROOT.resolve("examples/mongodb-migrate-mongo").toString(), "--scratch-url",
                "mongodb://u:pw-7@localhost/x");
        assertEquals(2, bad.code, bad.toString());
        assertFalse(bad.err.contains("pw-7"), bad.err);
    }

    @Test
    void checkWithDbReadsTheLiveSchemaAndNeverPrintsThePassword(@TempDir Path dir) throws Exception {
        String name;
        try (Connection c = pg().freshDatabase(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, email varchar(100) NOT NULL)");
            s.execute("INSERT INTO accounts SELECT g, 'u' || g FROM generate_series(1, 50) g");
            s.execute("ANALYZE accounts");
            name = c.getCatalog();
        }
        Files.writeString(dir.resolve("V2__widen.sql"), "ALTER TABLE accounts ALTER COLUMN email TYPE varchar(200);\n");
        String url = pg().jdbcUrl(name).replaceFirst("^jdbc:postgresql://", "postgres://postgres:Sekr1t-Pw@")
                .replaceFirst("\\?.*$", "");
        Cli blind = Cli.run("check", dir.toString(), "--format", "json");
        Cli live = Cli.run("check", dir.toString(), "--db", url, "--format", "json");
        assertFalse((live.out + live.err).contains("Sekr1t-Pw"), live.toString());
        assertTrue(live.err.contains("postgres:***@"), live.err);
        assertTrue(live.err.contains("read 1 tables from"), live.err);
        assertTrue(live.err.contains("password is written in the URL"), live.err);
        assertTrue(blind.out.contains("current type is unknown"), blind.out);
        assertFalse(live.out.contains("current type is unknown"), live.out);
        assertTrue(live.out.contains("\"postgres\" : \"17.") || live.out.contains("\"postgres\": \"17."), live.out);
    }

    @Test
    void checkWithAnUnreachableDbIsAnInputErrorAndStillChecks(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        Cli r = Cli.run("check", dir.toString(), "--db", "postgres://app:Hidden-1@127.0.0.1:1/shop");
        assertEquals(2, r.code, r.toString());
        assertFalse((r.out + r.err).contains("Hidden-1"), r.toString());
        assertTrue((r.out + r.err).contains("postgres://app:***@127.0.0.1:1/shop: cannot connect"), r.toString());
        assertTrue(r.out.contains("Checked 1 file"), r.out);
    }

    @Test
    void verifyWithoutRowsGivesTheSameBytesEveryRun(@TempDir Path dir) throws Exception {
        Path d = sqliteHistory(dir);
        Cli a = Cli.run("verify", d.toString(), "--format", "sarif");
        Cli b = Cli.run("verify", d.toString(), "--format", "sarif");
        assertEquals(a.out, b.out);
        assertFalse(a.out.contains("schemagate-sqlite"), "no temporary paths in the report");
    }
}
