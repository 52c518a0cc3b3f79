package dev.schemagate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.policies.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MongoDB plans: what the generator decides for migrate-mongo migrations, and the checks of its queries. */
class MongoPlanTest {
    @TempDir
    Path dir;

    private static final String CREATE = """
            module.exports = {
              async up(db) {
                await db.createCollection('users', {
                  validator: { $jsonSchema: { bsonType: 'object', required: ['email'],
                    properties: { email: { bsonType: 'string' }, name: { bsonType: 'string' }, legacy: { bsonType: 'bool' },
                      fax: { bsonType: 'string' } } } },
                });
              },
              async down(db) { await db.collection('users').drop(); },
            };
            """;

    /** Plans a migrate-mongo project: a create migration, then {@code up} as the planned one. */
    private Planner.Result plan(String up, long documents) throws IOException {
        Path project = dir.resolve("project");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrate-mongo-config.js"), "module.exports = { migrationsDir: 'migrations' };\n");
        Files.writeString(project.resolve("migrations/20240101000000-create-users.js"), CREATE);
        Files.writeString(project.resolve("migrations/20240202000000-change.js"), "module.exports = {\n  async up(db) {\n"
                + up + "\n  },\n  async down(db) {},\n};\n");
        Path stats = dir.resolve("stats.yaml");
        Files.writeString(stats, "users: {rows: " + documents + "}\n");
        Planner.Request r = new Planner.Request();
        r.cwd = dir;
        r.inputs.add("project");
        assertEquals(List.of(), ConfigFile.loadStats(stats, "stats.yaml", r.settings));
        Planner.Result res = new Planner().plan(r);
        assertTrue(res.errors.isEmpty(), res.errors.toString());
        assertEquals("mongodb", res.plan.dialect, "a folder of MongoDB migrations is planned for MongoDB without --dialect");
        return res;
    }

    @Test
    void withoutADocumentCountTheRunbookSaysTheOplogVolumeIsUnknown() throws IOException {
        Planner.Request r = new Planner.Request();
        r.cwd = Examples.ROOT;
        r.inputs.add("examples/mongodb-migrate-mongo");
        Planner.Result res = new Planner().plan(r);
        assertNotNull(res.plan, res.errors.toString());
        String md = PlanMarkdown.write(res.plan);
        String lag = md.substring(md.indexOf("### Replication lag"), md.indexOf("## Risk mitigation"));
        assertTrue(lag.contains("- change 1: orders has no document count (pass --stats): oplog volume unknown\n"), lag);
        // MongoDB's wording replaces rows by documents, but not in the idiom or the stats key
        assertTrue(md.contains("growing for 3 batches in a row: pause the backfill"), md);
        assertTrue(md.contains("pass --stats (a collection's `rows` entry is its document count"), md);
    }

    private static String phase(Plan p, int n) {
        return p.steps(n).stream().map(s -> s.sql).collect(Collectors.joining("\n"));
    }

    private static String undo(Plan p, int n) {
        return p.undoOrder(n).stream().map(s -> s.rollback).collect(Collectors.joining("\n"));
    }

    @Test
    void requiredFieldIsExpandedBackfilledThenEnforced() throws IOException {
        Plan p = Examples.plan("mongo-required-field").plan;
        assertEquals(List.of(), p.problems);
        assertEquals(List.of(1, 2, 3), p.phases());
        Plan.ChangePlan c = p.changes.get(0);
        assertEquals("add required field users.status", c.title);
        assertEquals(Plan.Strategy.MULTI_PHASE, c.strategy);
        // expand: the new validator only warns and checks nothing existing
        assertTrue(phase(p, 1).contains("collMod: \"users\", validator: { $jsonSchema: { bsonType: \"object\", required:"
                + " [\"email\", \"createdAt\", \"status\"]"), phase(p, 1));
        assertTrue(phase(p, 1).contains("validationLevel: \"moderate\", validationAction: \"warn\""), phase(p, 1));
        // its rollback is the validator the replayed catalog had before: without status, strict/error
        assertTrue(undo(p, 1).contains("required: [\"email\", \"createdAt\"], properties: { email: { bsonType: \"string\" },"
                + " name: { bsonType: [\"string\", \"null\"] }, createdAt: { bsonType: \"date\" } } } }, validationLevel:"
                + " \"strict\", validationAction: \"error\""), undo(p, 1));
        // the hidden index: built in phase 1, shown in phase 3
        assertTrue(phase(p, 1).contains(".createIndex({ status: 1, createdAt: -1 }, { name: \"status_createdAt\", hidden:"
                + " true })"), phase(p, 1));
        assertTrue(phase(p, 3).contains("index: { name: \"status_createdAt\", hidden: false }"), phase(p, 3));
        // backfill: batches from the size, idempotent filter
        Plan.Backfill b = p.backfills.get(0);
        assertEquals(5000, b.batchSize);
        assertEquals("{ status: { $exists: false } }", b.notDone);
        assertEquals("_id", b.key);
        // constrain: a pre-check counting documents that fail the validator, then strict/error as the migration says
        Plan.Check pre = p.checks(3).stream().filter(x -> x.pre).findFirst().orElseThrow();
        assertTrue(pre.sql.startsWith("db.getCollection(\"users\").countDocuments({ $nor: [{ $jsonSchema:"), pre.sql);
        assertTrue(phase(p, 3).contains("validationLevel: \"strict\", validationAction: \"error\""), phase(p, 3));
        assertFalse(p.pointOfNoReturn, "nothing is removed");
        assertNotNull(p.operations);
        assertTrue(p.operations.metrics.get("replication lag").contains("rs.printSecondaryReplicationInfo()"));
        Map<String, String> files = Examples.files(p);
        assertTrue(files.containsKey("scripts/03_backfill.js"));
        assertTrue(files.get("scripts/01_backup.sh").contains("mongodump --uri=\"$MONGODB_URI\" --collection=users"));
        assertFalse(files.get("plan.md").contains("```sql"), "mongosh code is fenced as js");
    }

    @Test
    void aWrongFieldNameInAGeneratedQueryIsCaught() throws IOException {
        // the filter names "stauts": no such field in the validator the collection has at any phase
        Plan p = plan("""
                await db.collection('users').updateMany({ stauts: { $exists: false } }, { $set: { status: 'active' } });
                await db.command({ collMod: 'users', validator: { $jsonSchema: { bsonType: 'object', required: ['email', 'status'],
                  properties: { email: { bsonType: 'string' }, name: { bsonType: 'string' }, status: { bsonType: 'string' } } } } });
                """, 50_000).plan;
        assertTrue(p.problems.stream().anyMatch(x -> x.contains("field stauts is not in the validator of users")),
                p.problems.toString());
        assertTrue(p.checks.stream().anyMatch(c -> c.validation != null && c.validation.contains("stauts")));
        // the same migration with the right name validates
        Plan ok = plan("""
                await db.collection('users').updateMany({ status: { $exists: false } }, { $set: { status: 'active' } });
                await db.command({ collMod: 'users', validator: { $jsonSchema: { bsonType: 'object', required: ['email', 'status'],
                  properties: { email: { bsonType: 'string' }, name: { bsonType: 'string' }, status: { bsonType: 'string' } } } } });
                """, 50_000).plan;
        assertEquals(List.of(), ok.problems);
    }

    @Test
    void unsetIsCopiedFirstAndTheCopyDroppedAtThePointOfNoReturn() throws IOException {
        Plan p = plan("await db.collection('users').updateMany({ legacy: true }, { $unset: { fax: '' } });", 300_000).plan;
        assertEquals(List.of(), p.problems);
        assertTrue(phase(p, 1).contains(".aggregate([{ $match: { $and: [{ legacy: true }, { \"fax\": { $exists: true } }] } },"
                + " { $project: { fax: 1 } }, { $merge: { into: \"schemagate_unset_users_fax\""), phase(p, 1));
        Plan.Backfill b = p.backfills.get(0);
        assertEquals("{ $and: [{ legacy: true }, { \"fax\": { $exists: true } }] }", b.notDone);
        assertTrue(p.pointOfNoReturn);
        assertTrue(p.steps(4).get(0).title.contains("POINT OF NO RETURN"));
        String rollback2 = Examples.files(p).get("scripts/05_rollback_2.js");
        assertTrue(rollback2.contains("db.getCollection(\"schemagate_unset_users_fax\").find().sort({ _id: 1 })"), rollback2);
    }

    @Test
    void batchedDeleteKeepsTheDeletedDocuments() throws IOException {
        Plan p = plan("await db.collection('users').deleteMany({ legacy: true });", 300_000).plan;
        assertEquals(List.of(), p.problems);
        assertTrue(p.backfills.get(0).delete);
        String backfill = Examples.files(p).get("scripts/03_backfill.js");
        assertTrue(backfill.contains("op: id => ({ deleteOne: { filter: { _id: id, legacy: true } } })"),
                backfill);
        assertTrue(phase(p, 1).contains("$merge: { into: \"schemagate_delete_users\""), phase(p, 1));
    }

    @Test
    void whatItCannotPlanIsLeftToAPersonWithTheReason() throws IOException {
        Plan p = plan("""
                await db.collection('users').updateMany({}, { $rename: { fax: 'faxNumber' } });
                await db.collection('users').updateMany({}, { $inc: { logins: 1 } });
                await db.collection('users').renameCollection('people');
                """, 300_000).plan;
        assertEquals(3, p.changes.stream().filter(c -> c.strategy == Plan.Strategy.MANUAL).count(), p.problems.toString());
        String all = String.join("\n", p.problems);
        assertTrue(all.contains("$rename rewrites every document"), all);
        assertTrue(all.contains("$inc is not idempotent"), all);
        assertTrue(all.contains("renameCollection breaks every running query"), all);
    }

    @Test
    void smallCollectionRunsTheOperationsInOnePhase() throws IOException {
        Plan p = plan("""
                await db.collection('users').updateMany({ status: { $exists: false } }, { $set: { status: 'active' } });
                await db.command({ collMod: 'users', validator: { $jsonSchema: { bsonType: 'object', required: ['email', 'status'],
                  properties: { email: { bsonType: 'string' }, status: { bsonType: 'string' } } } } });
                """, 300).plan;
        assertEquals(Plan.Strategy.SINGLE_PHASE, p.changes.get(0).strategy);
        assertTrue(p.backfills.isEmpty());
        assertTrue(phase(p, 3).contains("db.getCollection(\"users\").updateMany({ status: { $exists: false } }, { $set: {"
                + " status: \"active\" } }, { writeConcern: { w: \"majority\" } });"), phase(p, 3));
        assertTrue(phase(p, 3).contains("validationLevel: \"strict\", validationAction: \"error\""), phase(p, 3));
    }
}
