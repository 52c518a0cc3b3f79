package dev.schemagate.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywayPlaceholdersTest {
    @TempDir
    Path dir;

    private static FlywayPlaceholders.Config values(Map<String, String> v) {
        return new FlywayPlaceholders.Config(v, "${", "}", true);
    }

    @Test
    void knownPlaceholdersTakeTheirValueAndUnknownOnesTheirNameWithAWarning() {
        FlywayPlaceholders.Result r = FlywayPlaceholders.apply(
                "CREATE TABLE ${schema}.users (id int);\nGRANT SELECT ON ${schema}.users TO ${reader};\n",
                values(Map.of("schema", "app")), "V1__init.sql", "public");
        assertEquals("CREATE TABLE app.users (id int);\nGRANT SELECT ON app.users TO reader;\n", r.text());
        assertEquals(List.of(new FlywayPlaceholders.Unresolved("reader", 2, 36)), r.unresolved());
        assertTrue(r.warning().startsWith("Flyway placeholder ${reader} (line 2:36) has no value"), r.warning());
    }

    @Test
    void theDefaultSchemaBeforeANameIsDroppedAndBuiltInsHaveStandIns() {
        FlywayPlaceholders.Result r = FlywayPlaceholders.apply("ALTER TABLE ${flyway:defaultSchema}.users ADD c int;\n"
                + "ALTER TABLE \"${flyway:defaultSchema}\".\"t\" ADD d int;\nSET search_path TO ${flyway:defaultSchema};\n"
                + "COMMENT ON TABLE users IS '${flyway:filename} by ${flyway:user}';\n",
                values(Map.of()), "V2__c.sql", "public");
        assertEquals("ALTER TABLE users ADD c int;\nALTER TABLE \"t\" ADD d int;\nSET search_path TO public;\n"
                + "COMMENT ON TABLE users IS 'V2__c.sql by flyway_user';\n", r.text());
        assertNull(r.warning());
    }

    @Test
    void textWithoutPlaceholdersIsReturnedAsIs() {
        String sql = "SELECT '${' || x || '}' FROM t; -- ${\n";
        assertSame(sql, FlywayPlaceholders.apply(sql, values(Map.of()), "V1__a.sql", null).text());
    }

    @Test
    void valuesComeFromFlywayAndSpringFilesNearestFirstThenTheSettings() throws Exception {
        Path outside = dir;
        dir = dir.resolve("repo");
        Files.createDirectories(dir.resolve(".git"));
        Path mig = Files.createDirectories(dir.resolve("src/main/resources/db/migration")).resolve("V1__a.sql");
        Files.writeString(dir.resolve("flyway.conf"), "flyway.placeholders.schema=far\nflyway.placeholders.owner=admin\n"
                + "flyway.placeholderPrefix=#[\nflyway.placeholderSuffix=]\n");
        Files.writeString(dir.resolve("src/main/resources/application.yml"),
                "spring:\n  flyway:\n    placeholders:\n      schema: near\n      tablespace: fast\n");
        Files.writeString(dir.resolve("flyway.toml"), "[flyway.placeholders]\nregion = \"eu\" # comment\n");
        Files.writeString(outside.resolve("flyway.conf"), "flyway.placeholders.outside=never\n");
        FlywayPlaceholders.Config c = FlywayPlaceholders.forFile(mig, Map.of("tablespace", "from-settings"), null);
        assertEquals("near", c.values().get("schema"));
        assertEquals("admin", c.values().get("owner"));
        assertEquals("eu", c.values().get("region"));
        assertEquals("from-settings", c.values().get("tablespace"));
        assertNull(c.values().get("outside"), "stops at the repository's top");
        assertEquals("#[", c.prefix());
        assertEquals("]", c.suffix());
        assertEquals("CREATE TABLE near.t () TABLESPACE from-settings",
                FlywayPlaceholders.apply("CREATE TABLE #[schema].t () TABLESPACE #[tablespace]", c, "V1__a.sql", null).text());
    }

    @Test
    void replacementTurnedOffLeavesTheText() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("flyway.conf"), "flyway.placeholderReplacement=false\n");
        FlywayPlaceholders.Config c = FlywayPlaceholders.forFile(dir.resolve("V1__a.sql"), Map.of(), null);
        String sql = "SELECT '${x}';";
        assertSame(sql, FlywayPlaceholders.apply(sql, c, "V1__a.sql", null).text());
    }

    @Test
    void brokenConfigurationFilesAddNothing() throws Exception {
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("application.yml"), "spring: [unclosed\n");
        Files.write(dir.resolve("flyway.conf"), new byte[] {(byte) 0xff, 0, '\\', 'u', 'z'});
        FlywayPlaceholders.Config c = FlywayPlaceholders.forFile(dir.resolve("V1__a.sql"), Map.of(), null);
        assertEquals(Map.of(), c.values());
        assertEquals("${", c.prefix());
    }
}
