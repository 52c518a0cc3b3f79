package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway placeholders and psql variables: migrations written for them are read, not reported as unreadable. */
class PlaceholdersCheckTest {
    @TempDir
    Path tmp;

    private Path flywayProject(String conf) throws Exception {
        Files.createDirectories(tmp.resolve(".git"));
        Path mig = Files.createDirectories(tmp.resolve("db/migration"));
        Files.writeString(mig.resolve("V1__init.sql"), "CREATE TABLE ${schema}.users (id bigint PRIMARY KEY, name text);\n");
        Files.writeString(mig.resolve("V2__drop.sql"), "ALTER TABLE ${schema}.users DROP COLUMN name;\n");
        if (conf != null) {
            Files.writeString(tmp.resolve("flyway.conf"), conf);
        }
        return mig;
    }

    @Test
    void flywayPlaceholdersTakeTheValuesOfFlywayConf() throws Exception {
        Path mig = flywayProject("flyway.placeholders.schema=app\n");
        Cli r = Cli.run("check", mig.toString(), "--format", "json");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("\"unparsed\" : 0"), r.out);
        assertTrue(r.out.contains("\"rule\" : \"pg.drop-column\""), r.out);
        assertTrue(r.out.contains("\"statement\" : \"ALTER TABLE app.users DROP COLUMN name\""), r.out);
        assertFalse(r.out.contains("\"warning\""), r.out);
    }

    @Test
    void aPlaceholderWithoutValueIsReadAsItsNameWithAWarningAndSchemagateYamlCanGiveIt() throws Exception {
        Path mig = flywayProject(null);
        Cli r = Cli.run("check", mig.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("V1__init.sql: Flyway placeholder ${schema} (line 1:14) has no value"), r.out);
        assertTrue(r.out.contains("pg.drop-column"), r.out);
        assertFalse(r.out.contains("core.unparsed-statement"), r.out);
        Files.writeString(tmp.resolve("schemagate.yaml"), "placeholders:\n  schema: billing\n");
        Cli named = Cli.runIn(tmp, "check", "db/migration", "--format", "json");
        assertTrue(named.out.contains("ALTER TABLE billing.users DROP COLUMN name"), named.toString());
        assertFalse(named.out.contains("has no value"), named.out);
    }

    @Test
    void aBadPlaceholdersSettingIsAPositionedConfigError() throws Exception {
        flywayProject(null);
        Files.writeString(tmp.resolve("schemagate.yaml"), "placeholders: [schema]\n");
        Cli r = Cli.runIn(tmp, "check", "db/migration");
        assertEquals(2, r.code, r.toString());
        assertTrue((r.out + r.err).contains("schemagate.yaml:1:"), r.toString());
        assertTrue((r.out + r.err).contains("placeholders"), r.toString());
    }

    @Test
    void psqlVariablesAreReadAsTheirNames() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sql"));
        Files.writeString(dir.resolve("000001.sql"), "create table :SCHEMA.jobs (id bigserial primary key, queue text);\n"
                + "insert into :SCHEMA.jobs (queue) values (:'default_queue');\n");
        Files.writeString(dir.resolve("000002.sql"), "alter table :SCHEMA.jobs drop column queue;\n");
        Cli r = Cli.run("check", dir.toString(), "--dialect", "postgres");
        assertFalse(r.out.contains("core.unparsed-statement"), r.out);
        assertTrue(r.out.contains("000002.sql:1:1: HIGH pg.drop-column"), r.out);
        assertTrue(r.out.contains("schema.jobs"), r.out);
    }

    @Test
    void verifyRunsFlywayMigrationsWithTheirPlaceholdersReplaced() throws Exception {
        Files.createDirectories(tmp.resolve(".git"));
        Files.writeString(tmp.resolve("flyway.conf"), "flyway.placeholders.prefix=app_\n");
        Path mig = Files.createDirectories(tmp.resolve("db/migration"));
        Files.writeString(mig.resolve("V1__init.sql"), "CREATE TABLE ${prefix}notes (id INTEGER PRIMARY KEY, body TEXT);\n");
        Files.writeString(mig.resolve("U1__init.sql"), "DROP TABLE ${prefix}notes;\n");
        Cli r = Cli.run("verify", mig.toString(), "--dialect", "sqlite");
        assertFalse(r.out.contains("verify.apply-failed") || r.out.contains("verify.down-failed")
                || r.out.contains("verify.down-not-inverse"), r.toString());
        assertEquals(0, r.code, r.toString());
    }
}
