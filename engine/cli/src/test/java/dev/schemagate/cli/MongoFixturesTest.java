package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.Engine;
import dev.schemagate.core.Settings;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.SourceFile;
import dev.schemagate.core.report.FileSummary;
import dev.schemagate.core.report.Report;
import dev.schemagate.dialects.mongodb.MongoDialect;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the MongoDB fixtures (one folder per tool shape, written in the shapes of real projects) and the bundled
 * example through the whole check: no crash, no input errors, every database call either modelled or reported
 * as uncertain at its position. Prints the counts per shape.
 */
class MongoFixturesTest {
    static final Path FIXTURES = Path.of("src/test/resources/mongodb");
    /** Lines that call the database in a JavaScript fixture: each must be covered by a statement. */
    static final Pattern DB_CALL = Pattern.compile("(\\.(createCollection|createIndex|createIndexes|dropIndex|dropIndexes|"
            + "hideIndex|updateMany|updateOne|deleteMany|insertMany|insertOne|aggregate|rename|renameCollection|drop|"
            + "dropCollection|runCommand|adminCommand|shardCollection|enableSharding|stats|find|listCollections)\\()");

    /** Shape, folder, dialect flag (null: found by discovery alone), files, statements, uncertain. */
    static final Object[][] SHAPES = {
        {"migrate-mongo CommonJS", "migrate-mongo-cjs", null, 4, 17, 2},
        {"migrate-mongo ESM + TypeScript", "migrate-mongo-esm", null, 6, 26, 3},
        {"mongosh scripts", "mongosh", Dialect.MONGODB, 3, 16, 1},
        {"Liquibase-MongoDB XML/YAML/JSON", "liquibase", null, 3, 13, 1},
        {"golang-migrate JSON", "golang-migrate", null, 3, 6, 1},
        {"examples/mongodb-migrate-mongo", Cli.ROOT.resolve("examples/mongodb-migrate-mongo").toString(), null, 3, 8, 0},
    };

    @TestFactory
    Stream<DynamicTest> everyShapeEndToEnd() {
        Engine engine = new Engine();
        return Stream.of(SHAPES).map(c -> DynamicTest.dynamicTest((String) c[0], () -> {
            Path dir = FIXTURES.resolve((String) c[1]).normalize();
            assertTrue(Files.isDirectory(dir), dir.toString());
            Settings s = new Settings();
            if (c[2] != null) {
                s.setDialect((Dialect) c[2]);
            }
            Report r = engine.check(List.of(dir.toString()), Path.of("").toAbsolutePath(), s);
            assertEquals(List.of(), r.getErrors(), (String) c[0]);
            int files = 0;
            int stmts = 0;
            for (FileSummary f : r.getFiles()) {
                if (f.getSkipped() != null) {
                    continue;
                }
                files++;
                assertEquals("mongodb", f.getDialect(), f.getPath());
                assertEquals(f.getStatements(), f.getModelled() + f.getUnparsed(), f.getPath());
                stmts += f.getStatements();
            }
            int uncertain = 0;
            int downChecks = 0;
            for (Finding x : r.getFindings()) {
                if (x.getRule().equals("mongo.missing-down")) {
                    downChecks++;
                }
                if (x.isUncertain()) {
                    uncertain++;
                    assertTrue(x.getLine() > 0 && x.getColumn() > 0, x.toString());
                }
            }
            System.out.printf("mongodb fixtures %-32s files %d, database calls %d: %d modelled, %d uncertain;"
                    + " down() checks %d%n", c[0], files, stmts - downChecks, stmts - downChecks - uncertain, uncertain,
                    downChecks);
            assertEquals(c[3], files, c[0] + " files");
            assertEquals(c[4], stmts, c[0] + " statements");
            assertEquals(c[5], uncertain, c[0] + " uncertain");
        }));
    }

    @Test
    void everyDatabaseCallLineOfTheScriptsIsAStatement() throws Exception {
        MongoDialect d = new MongoDialect();
        List<String> missing = new ArrayList<>();
        List<Path> scripts;
        try (Stream<Path> s = Files.walk(FIXTURES)) {
            scripts = s.filter(p -> p.toString().matches(".*/migrations/.*\\.(js|ts)$") || p.toString().contains("/mongosh/"))
                    .filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(scripts.size() >= 10, "fixtures found: " + scripts);
        for (Path p : scripts) {
            String text = Files.readString(p);
            Migration m = new Migration(p.toString(), p.toString(), Dialect.MONGODB, Migration.Direction.UP, "test",
                    Migration.TxMode.NONE);
            List<Statement> st = d.split(m, text, (l, col, msg) -> missing.add(p + ":" + l + ":" + col + " " + msg));
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.matches("\\s*(export const down|async down|//).*")) {
                    if (!line.trim().startsWith("//")) {
                        break; // calls in down() are not part of the up migration
                    }
                    continue;
                }
                if (DB_CALL.matcher(line).find() && !line.contains("function ")) {
                    int n = i + 1;
                    boolean covered = st.stream().anyMatch(x -> x.getLine() <= n && n <= x.getEndLine());
                    if (!covered) {
                        missing.add(p + ":" + n + ": " + line.trim());
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void discoveryFindsMongoFilesByLayoutAndContent(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("app/db/migrations"));
        Files.writeString(dir.resolve("app/migrate-mongo-config.js"), "module.exports = { migrationsDir: 'db/migrations' };");
        Files.createDirectories(dir.resolve("app/db/migrations"));
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("node_modules/x/db/migrations"));
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("app/db/migrations/20240101-a.js"), "module.exports = { async up(db) {}, async down() {} };");
        Files.writeString(dir.resolve("lib/helpers.js"), "export const f = (db) => db.x.drop();");
        Files.writeString(dir.resolve("node_modules/x/db/migrations/1.js"), "db.x.drop();");
        Files.writeString(dir.resolve("1_init.up.json"), "[{ \"drop\": \"x\" }]");
        Files.writeString(dir.resolve("1_init.down.json"), "[]");
        Files.writeString(dir.resolve("mongo-changelog.yaml"),
                "databaseChangeLog:\n  - changeSet:\n      changes:\n        - dropCollection:\n            collectionName: x\n");
        Files.writeString(dir.resolve("sql/changelog.xml"), "<databaseChangeLog><changeSet id=\"1\" author=\"a\">"
                + "<createTable tableName=\"t\"/></changeSet></databaseChangeLog>");
        Files.writeString(dir.resolve("package.json"), "{ \"name\": \"x\" }");
        Discovery.Result r = Discovery.discover(List.of("."), dir);
        List<String> found = new ArrayList<>();
        for (SourceFile f : r.files) {
            found.add(f.getMigration().getPath() + " " + f.getMigration().getTool() + " " + f.getMigration().getDialect()
                    + (f.getSkipReason() == null ? "" : " skipped"));
        }
        // a migrate-mongo config claims its own folder; golang-migrate JSON (both directions, paired later) and
        // Liquibase-MongoDB changelogs are found by name and content; a SQL changelog stays Liquibase's
        assertEquals(List.of("app/db/migrations/20240101-a.js migrate-mongo mongodb", "1_init.down.json golang-migrate mongodb",
                "1_init.up.json golang-migrate mongodb", "mongo-changelog.yaml liquibase mongodb",
                "sql/changelog.xml liquibase null"), found);
        // with --dialect mongodb every script is read, helpers included; node_modules still is not
        List<String> all = new ArrayList<>();
        for (SourceFile f : Discovery.discover(List.of("."), dir, null, Dialect.MONGODB).files) {
            all.add(f.getMigration().getPath());
        }
        assertTrue(all.contains("lib/helpers.js"), all.toString());
        assertTrue(all.stream().noneMatch(x -> x.contains("node_modules") || x.endsWith("migrate-mongo-config.js")), all.toString());
    }

    @Test
    void serverVersionFlagChangesTheVerdict() {
        String folder = FIXTURES.resolve("mongosh").toString();
        Cli current = Cli.run("check", folder, "--dialect", "mongodb", "--format", "json");
        Cli old = Cli.run("check", folder, "--dialect", "mongodb", "--mongodb-version", "4.0", "--format", "json");
        assertEquals(1, current.code, current.toString());
        assertEquals(1, old.code, old.toString());
        assertTrue(!current.out.contains("mongo.index-build-large"), current.out);
        assertTrue(old.out.contains("mongo.index-build-large") && old.out.contains("whole database"), old.out);
        assertTrue(old.out.contains("\"mongodb\" : \"4.0\"") || old.out.contains("\"mongodb\":\"4.0\""), old.out);
    }
}
