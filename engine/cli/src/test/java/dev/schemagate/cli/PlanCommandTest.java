package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    static final String EX = Cli.ROOT.resolve("docs/plans/split-full-name").toString();

    @TempDir
    Path tmp;

    @Test
    void writesPlanAndScripts() throws Exception {
        Path out = tmp.resolve("plan");
        Cli r = Cli.run("plan", EX + "/migrations", "--stats", EX + "/stats.yaml", "--out", out.toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("phases [1, 2, 4]"), r.out);
        List<String> files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
        }
        assertEquals(List.of("plan.json", "plan.md", "scripts/01_backup.sh", "scripts/02_forward.sql",
                "scripts/03_backfill.sql", "scripts/04_validate.sql", "scripts/05_rollback.sql", "scripts/README.md",
                "scripts/canary.sql"), files);
        assertTrue(Files.readString(out.resolve("plan.md")).contains("POINT OF NO RETURN"));
        assertTrue(Files.isExecutable(out.resolve("scripts/01_backup.sh")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("plan"), s.map(p -> p.getFileName().toString()).toList(), "no temporary folder left");
        }
        // a file where the folder should be: exit 2, a message, nothing half written
        Path blocked = tmp.resolve("blocked");
        Files.writeString(blocked, "x");
        Cli bad = Cli.run("plan", EX + "/migrations", "--stats", EX + "/stats.yaml", "--out", blocked.toString());
        assertEquals(2, bad.code, bad.toString());
        assertTrue(bad.err.contains("cannot write"), bad.err);
        assertEquals("x", Files.readString(blocked));
    }

    @Test
    void markdownAndJsonOnStandardOutput() {
        Cli md = Cli.run("plan", EX + "/migrations", "--stats", EX + "/stats.yaml");
        assertEquals(0, md.code, md.toString());
        assertTrue(md.out.startsWith("# Migration plan"), md.out);
        Cli json = Cli.run("plan", EX + "/migrations", "--stats", EX + "/stats.yaml", "--format", "json");
        assertEquals(0, json.code, json.toString());
        assertTrue(json.out.contains("\"strategy\" : \"MULTI_PHASE\""), json.out);
    }

    @Test
    void rangeAndThresholds() {
        Cli r = Cli.run("plan", EX + "/migrations", "--from", "1", "--to", "2", "--threshold", "batch_max=2000");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("V1__create_users.sql"), r.out);
        assertTrue(r.out.contains("row count unknown"), r.out);
    }

    @Test
    void policyAndConfigThresholdsReachThePlan() throws Exception {
        Path cfg = tmp.resolve("schemagate.yaml");
        Files.writeString(cfg, "thresholds:\n  batch_size: 1234\n  max_lock_timeout: 3s\n");
        Cli base = Cli.run("plan", EX + "/migrations", "--stats", EX + "/stats.yaml", "--format", "json");
        Cli r = Cli.run("plan", EX + "/migrations", "--stats", EX + "/stats.yaml", "--format", "json", "--config",
                cfg.toString());
        assertEquals(0, r.code, r.toString());
        assertFalse(base.out.contains("lock_timeout 3000ms"), base.out);
        assertTrue(r.out.contains("lock_timeout 3000ms"), r.out);
        assertTrue(r.out.contains("1234"), r.out);
        // a --threshold flag still wins over the file
        Cli flag = Cli.run("plan", EX + "/migrations", "--stats", EX + "/stats.yaml", "--format", "json", "--config",
                cfg.toString(), "--threshold", "lock_timeout=4s");
        assertTrue(flag.out.contains("lock_timeout 4s"), flag.out);
        // a policy that does not load stops the plan (exit 2)
        Cli bad = Cli.run("plan", EX + "/migrations", "--policy", tmp.resolve("missing.yaml").toString());
        assertEquals(2, bad.code, bad.toString());
    }

    @Test
    void policyRulesJudgeThePlannedChangesAndPathsAreRelativeToTheWorkingDirectory() throws Exception {
        Path pack = Cli.ROOT.resolve("policies/examples/platform");
        Cli r = Cli.run("plan", EX + "/migrations", "--stats", EX + "/stats.yaml", "--format", "json", "--policy",
                pack.toString());
        assertEquals(0, r.code, r.toString());
        // the pack's own YAML rule replaces the built-in one it disables
        assertTrue(r.out.contains("policy.require-lock-timeout"), r.out);
        assertFalse(r.out.contains("\"pg.require-lock-timeout"), r.out);
        // --config and --stats given relative to the working directory, not the JVM's
        Files.writeString(tmp.resolve("schemagate.yaml"), "thresholds:\n  batch_size: 1234\n");
        Files.copy(Path.of(EX, "stats.yaml"), tmp.resolve("stats.yaml"));
        Cli rel = Cli.runIn(tmp, "plan", Path.of(EX, "migrations").toAbsolutePath().toString(), "--stats", "stats.yaml",
                "--format", "json", "--config", "schemagate.yaml");
        assertEquals(0, rel.code, rel.toString());
        assertTrue(rel.out.contains("1234"), rel.out);
        assertTrue(rel.out.matches("(?s).*\"rows\"\\s*:\\s*50000.*"), rel.out);
        // a bad --today is a usage error here as in check
        Cli today = Cli.run("plan", EX + "/migrations", "--today", "yesterday");
        assertEquals(2, today.code, today.toString());
        assertTrue(today.err.contains("--today"), today.err);
    }

    @Test
    void mongodbFoldersAreDetectedAndDbmatePlansReadOnlyTheUpSection() throws Exception {
        // MongoDB: a migrate-mongo folder is planned for MongoDB without --dialect (mongosh scripts)
        Cli mongo = Cli.run("plan", Cli.ROOT.resolve("examples/mongodb-migrate-mongo").toString(), "--stats",
                Cli.ROOT.resolve("examples/mongodb-migrate-mongo/stats.yaml").toString());
        assertEquals(0, mongo.code, mongo.toString());
        assertTrue(mongo.out.contains("add required field orders.status"), mongo.out);
        assertTrue(mongo.out.contains("validationLevel: \"moderate\", validationAction: \"warn\""), mongo.out);
        // dbmate: only the up section is planned, never the down section's DROP
        Path db = Files.createDirectories(tmp.resolve("db/migrations"));
        Files.writeString(db.resolve("20240101000000_users.sql"), "-- migrate:up\nCREATE TABLE users (id bigint PRIMARY KEY,"
                + " name text);\n\n-- migrate:down\nDROP TABLE users;\n");
        Files.writeString(db.resolve("20240102000000_email.sql"), "-- migrate:up\nALTER TABLE users ADD COLUMN email text;\n\n"
                + "-- migrate:down\nALTER TABLE users DROP COLUMN email;\n");
        Cli dbmate = Cli.run("plan", tmp.resolve("db").toString(), "--format", "json");
        assertEquals(0, dbmate.code, dbmate.toString());
        assertTrue(dbmate.out.contains("ADD COLUMN email"), dbmate.out);
        assertFalse(dbmate.out.contains("\"ALTER TABLE users DROP COLUMN email;\""), dbmate.out);
        assertFalse(dbmate.out.contains("DROP TABLE users"), dbmate.out);
        // the down section is there: no "missing down" finding from the planner's own reading
        assertFalse(dbmate.out.contains("core.missing-down"), dbmate.out);
    }

    @Test
    void liquibaseChangeSetsArePlannedOneChangeSetAtATime() throws Exception {
        Path db = Files.createDirectories(tmp.resolve("db"));
        Files.writeString(db.resolve("changelog.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                  <changeSet id="1" author="ana">
                    <createTable tableName="users">
                      <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                      <column name="email" type="text"/>
                    </createTable>
                  </changeSet>
                  <changeSet id="2" author="ana">
                    <addNotNullConstraint tableName="users" columnName="email"/>
                  </changeSet>
                  <changeSet id="3" author="ana">
                    <createIndex tableName="users" indexName="users_email"><column name="email"/></createIndex>
                  </changeSet>
                </databaseChangeLog>
                """);
        Files.writeString(tmp.resolve("stats.yaml"), "users: {rows: 5000000}\n");
        // the last changeSet by default: an index on a large table is built CONCURRENTLY, placed at the changeSet
        Cli last = Cli.run("plan", db.toString(), "--stats", tmp.resolve("stats.yaml").toString(), "--format", "json");
        assertEquals(0, last.code, last.toString());
        assertTrue(last.out.contains("CREATE INDEX CONCURRENTLY"), last.out);
        assertTrue(last.out.contains("\"line\" : 13"), last.out);
        assertFalse(last.out.contains("SET NOT NULL"), last.out);
        // one changeSet by its id: NOT NULL on 5,000,000 rows through a validated CHECK, from the changeSet before it
        Cli two = Cli.run("plan", db.toString(), "--stats", tmp.resolve("stats.yaml").toString(), "--from", "ana:2",
                "--to", "ana:2", "--format", "json");
        assertEquals(0, two.code, two.toString());
        assertTrue(two.out.contains("NOT VALID"), two.out);
        assertTrue(two.out.contains("VALIDATE CONSTRAINT"), two.out);
        assertFalse(two.out.contains("CREATE INDEX"), two.out);
        Cli bad = Cli.run("plan", db.toString(), "--from", "9");
        assertEquals(2, bad.code, bad.toString());
        assertTrue(bad.err.contains("(ids: ana:1, ana:2, ana:3)"), bad.err);
    }

    @Test
    void liquibaseMongodbChangelogsArePlannedAsMongoshScripts() {
        Cli r = Cli.run("plan", Cli.ROOT.resolve("engine/cli/src/test/resources/mongodb/liquibase").toString(),
                "--format", "json");
        // the TTL index deletes documents and the rename breaks readers: left to a person (exit 1), the rest planned
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("\"dialect\" : \"mongodb\""), r.out);
        assertTrue(r.out.contains("create collection audit_events"), r.out);
        assertTrue(r.out.contains("changelog.yaml"), r.out);
    }

    @Test
    void codeMigrationsArePlannedFromTheSqlTheirCallsRun() {
        // Alembic: op.create_index(postgresql_concurrently=True) in an autocommit block is planned as written at the
        // call's line; Python the reader cannot turn into SQL is left to a person with the reader's reason (exit 1)
        Cli alembic = Cli.run("plan", Cli.ROOT.resolve("examples/postgres-alembic").toString(), "--format", "json");
        assertEquals(1, alembic.code, alembic.toString());
        assertTrue(alembic.out.contains("CREATE INDEX CONCURRENTLY ix_task_run__created_priority"), alembic.out);
        assertTrue(alembic.out.contains("python code the plan cannot turn into SQL"), alembic.out);
        assertFalse(alembic.out.contains("could not read this statement"), alembic.out);
        // Django: RenameField on a table of unknown size becomes the multi-phase rename with sync triggers
        Cli django = Cli.run("plan", Cli.ROOT.resolve("examples/postgres-django").toString(), "--format", "json");
        assertEquals(0, django.code, django.toString());
        assertTrue(django.out.contains("rename orders_order.number to reference"), django.out);
        assertTrue(django.out.contains("CREATE TRIGGER"), django.out);
    }

    @Test
    void badInputIsExitTwoWithoutAStackTrace() {
        Cli id = Cli.run("plan", EX + "/migrations", "--from", "9");
        assertEquals(2, id.code, id.toString());
        assertTrue(id.err.contains("no postgres migration with id '9'"), id.err);
        Cli th = Cli.run("plan", EX + "/migrations", "--threshold", "nonsense=1");
        assertEquals(2, th.code, th.toString());
        assertTrue(th.err.contains("unknown plan threshold"), th.err);
        Cli missing = Cli.run("plan", tmp.resolve("nowhere").toString());
        assertEquals(2, missing.code, missing.toString());
        assertFalse(missing.err.contains("Exception"), missing.err);
    }

    @Test
    void unplannableChangeIsExitOne() throws Exception {
        Files.writeString(tmp.resolve("V1__t.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, a int);");
        Files.writeString(tmp.resolve("V2__x.sql"), "ALTER TABLE t FROBNICATE a;");
        Cli r = Cli.run("plan", tmp.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("NOT PLANNED"), r.out);
    }
}
