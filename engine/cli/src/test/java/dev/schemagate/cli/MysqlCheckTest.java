package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} on MySQL and MariaDB migrations: detection from the layout, version flags, the bundled example. */
class MysqlCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = Cli.ROOT.resolve("examples/mysql-flyway").toString();
    private static final String STATS = Cli.ROOT.resolve("examples/mysql-flyway/stats.yaml").toString();

    @TempDir
    Path tmp;

    private static List<String> found(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            out.add(f.get("rule").asText() + "@" + Path.of(f.get("file").asText()).getFileName() + ":"
                    + f.get("line").asInt() + (f.get("suppressed").asBoolean() ? " suppressed" : ""));
        }
        return out;
    }

    @Test
    void exampleIsDetectedAsMysqlAndReportsTheRiskyMigrations() throws Exception {
        Cli r = Cli.run("check", EXAMPLE, "--stats", STATS, "--format", "json");
        assertEquals(1, r.code, r.toString());
        JsonNode report = JSON.readTree(r.out);
        for (JsonNode f : report.get("files")) {
            assertEquals("mysql", f.get("dialect").asText(), f.toString());
        }
        List<String> found = found(report);
        assertTrue(found.contains("mysql.varchar-length-boundary@V4__longer_order_notes.sql:3"), found.toString());
        assertTrue(found.contains("mysql.modify-drops-attributes@V4__longer_order_notes.sql:3"), found.toString());
        assertTrue(found.contains("mysql.auto-increment-widening@V6__widen_order_id.sql:2"), found.toString());
        assertTrue(found.contains("mysql.use-online-schema-change@V6__widen_order_id.sql:2"), found.toString());
        // the guarded ALTER inside the string literal, at the literal's line
        assertTrue(found.contains("mysql.add-column-not-null-zero-fill@V7__customer_region_if_missing.sql:6"), found.toString());
        assertTrue(found.contains("mysql.drop-column@V8__drop_customer_fax.sql:3 suppressed"), found.toString());
        // V6 widens orders.id and leaves order_items.order_id int: the design review finds the foreign key mismatch
        assertTrue(found.contains("mysql.foreign-key-type-mismatch@V1__create_customers_and_orders.sql:22"), found.toString());
        // instant add with a timeout, and an ENUM append, are safe
        assertFalse(found.stream().anyMatch(s -> s.contains("V2__") || s.contains("V5__")
                || (s.contains("V1__") && !s.startsWith("mysql.foreign-key-type-mismatch@"))), found.toString());
        assertEquals(0, report.get("summary").get("unparsed").asInt());
        assertEquals("8.4", report.get("target").get("mysql").asText(), report.get("target").toString());
    }

    @Test
    void serverVersionFlagsChangeTheAnswer() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db/mysql"));
        Files.writeString(dir.resolve("V1__create.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100));\n");
        Files.writeString(dir.resolve("V2__nick.sql"), "SET SESSION lock_wait_timeout = 5;\n"
                + "ALTER TABLE users ADD COLUMN nick varchar(20) AFTER id;\n");
        String d = tmp.resolve("db").toString();
        assertEquals(0, Cli.run("check", d).code, Cli.run("check", d).toString());
        Cli old = Cli.run("check", d, "--mysql-version", "8.0.28", "--fail-on", "MEDIUM");
        assertEquals(1, old.code, old.toString());
        assertTrue(old.out.contains("mysql.alter-rebuilds-table"), old.out);
        Cli bug = Cli.run("check", d, "--mysql-version", "8.0.29");
        assertEquals(1, bug.code, bug.toString());
        assertTrue(bug.out.contains("mysql.instant-add-drop-8029"), bug.out);
        Cli maria = Cli.run("check", d, "--dialect", "mariadb", "--mariadb-version", "10.3", "--fail-on", "MEDIUM");
        assertTrue(maria.out.contains("MariaDB 10.3"), maria.out);
        assertTrue(maria.out.contains("for mariadb 10.3"), maria.out);
        Cli bad = Cli.run("check", d, "--mysql-version", "eight");
        assertEquals(2, bad.code, bad.toString());
    }

    @Test
    void unreadableMysqlIsAnUncertainFindingWithItsPosition() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mysql"));
        Files.writeString(dir.resolve("001_x.sql"), "ALTER TABLE t ADD COLUMN a int;\nALTER TABLE t\n  FROBNICATE x;\n");
        Cli r = Cli.run("check", dir.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("001_x.sql:3:3: CRITICAL core.unparsed-statement"), r.out);
    }

    @Test
    void explainNamesTheOtherDialectsWhenAShortIdIsShared() {
        Cli r = Cli.run("explain", "drop-column");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.startsWith("# pg.drop-column"), r.out);
        assertTrue(r.err.contains("is also mysql.drop-column"), r.err);
        Cli m = Cli.run("explain", "mysql.drop-column");
        assertTrue(m.out.startsWith("# mysql.drop-column"), m.out);
        Cli one = Cli.run("explain", "varchar-length-boundary");
        assertEquals(0, one.code, one.toString());
        assertTrue(one.out.startsWith("# mysql.varchar-length-boundary"), one.out);
    }
}
