package dev.schemagate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated mongosh scripts of the MongoDB worked example with the real {@code mongosh} against an in-process
 * mongo-java-server (there is no mongod on the test machine): the backfill's dry run, a canary slice, a pause during
 * which no batch runs, a live throttle, a kill in the middle and a resume, the phase 2 validation failing before and
 * passing after, a second run that changes nothing, the canary, and the phase 2 rollback. mongo-java-server has no
 * {@code collMod}, validators or {@code $jsonSchema} queries, so phases 1 and 3 cannot run here: the test only proves
 * that their script stops at the first failing step with exit 1 and says which.
 *
 * <p>mongosh 1.x is needed (2.x refuses servers older than wire version 9; mongo-java-server reports 8). It is found
 * in {@code SCHEMAGATE_MONGOSH}, else where {@code .ci/run} installs it
 * ({@code ~/.cache/schemagate/mongosh-1.10.6}), else on the PATH; the test fails when there is none.
 */
class MongoRoundTripTest {
    static final String MONGOSH_VERSION = "1.10.6";
    static Path mongosh;
    static MongoServer server;
    static MongoClient client;
    static String uri;

    @TempDir
    Path tmp;

    static Path findMongosh() {
        String env = System.getenv("SCHEMAGATE_MONGOSH");
        if (env != null && !env.isBlank()) {
            return Files.isExecutable(Path.of(env)) ? Path.of(env) : null;
        }
        String cache = System.getenv("XDG_CACHE_HOME") != null ? System.getenv("XDG_CACHE_HOME")
                : System.getProperty("user.home") + "/.cache";
        Path cached = Path.of(cache, "schemagate", "mongosh-" + MONGOSH_VERSION, "node_modules", ".bin", "mongosh");
        if (Files.isExecutable(cached)) {
            return cached;
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, "mongosh");
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @BeforeAll
    static void start() {
        mongosh = findMongosh();
        assertNotNull(mongosh, "the MongoDB round trip runs the generated scripts with mongosh " + MONGOSH_VERSION + " (.ci/run"
                + " installs it with npm into ~/.cache/schemagate/mongosh-" + MONGOSH_VERSION + "; or set SCHEMAGATE_MONGOSH)");
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        int port = server.getLocalAddress().getPort();
        uri = "mongodb://127.0.0.1:" + port + "/app?retryWrites=false";
        client = MongoClients.create(uri);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    private record Run(int exit, String out) {
    }

    private Process launch(Path script, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(mongosh.toString(), uri, "--quiet", "--norc", script.toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve(script.getFileName() + "-" + System.nanoTime() + ".log").toFile());
        return pb.start();
    }

    private Run run(Path script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(mongosh.toString(), uri, "--quiet", "--norc", script.toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), script + " did not end");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void backfillIsBatchedIdempotentPausableAndResumable() throws Exception {
        Planner.Result r = plan();
        Plan plan = r.plan;
        Path scripts = tmp.resolve("scripts");
        Files.createDirectories(scripts);
        for (Map.Entry<String, String> f : PlanFiles.of(plan, new Planner().generator(dev.schemagate.model.Dialect.MONGODB))
                .entrySet()) {
            if (f.getKey().startsWith("scripts/")) {
                Files.writeString(scripts.resolve(f.getKey().substring("scripts/".length())), f.getValue());
            }
        }
        Plan.Backfill bf = plan.backfills.get(0);
        assertEquals(100, bf.batchSize);
        MongoDatabase db = client.getDatabase("app");
        MongoCollection<Document> users = db.getCollection("users");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Document d = new Document("email", "u" + i + "@example.org").append("name", i % 7 == 0 ? null : "User " + i)
                    .append("createdAt", new Date(1_700_000_000_000L + i * 1000L));
            if (i % 10 == 0) {
                d.append("status", "suspended"); // already set: the backfill must leave these alone
            }
            docs.add(d);
        }
        users.insertMany(docs);
        Map<String, String> none = Map.of();

        Run canary = run(scripts.resolve("canary_before.js"), none);
        assertEquals(0, canary.exit, canary.out);

        // phase 2 validation fails before the backfill
        Run v = run(scripts.resolve("04_validate_2.js"), none);
        assertEquals(3, v.exit, v.out);
        assertTrue(v.out.contains("FAIL documents of users the backfill has not done: 2700"), v.out);

        // dry run: counts, changes nothing
        Run dry = run(scripts.resolve("03_backfill.js"), Map.of("DRY_RUN", "1"));
        assertEquals(0, dry.exit, dry.out);
        assertTrue(dry.out.contains("backfill_users_status: dry run: 2700 documents to change in 27 batches of 100"), dry.out);
        assertEquals(300, users.countDocuments(Filters.exists("status")));
        assertEquals(0, db.getCollection("schemagate_backfill_progress").countDocuments());

        // a 10 % slice: stops after exactly 270 documents, exit 4 ("NOT finished")
        Run slice = run(scripts.resolve("03_backfill.js"), Map.of("SLICE_PCT", "10"));
        assertEquals(4, slice.exit, slice.out);
        assertTrue(slice.out.contains("backfill_users_status: slice of 10 % done up to _id"), slice.out);
        assertEquals(570, users.countDocuments(Filters.exists("status")));
        MongoCollection<Document> progress = db.getCollection("schemagate_backfill_progress");
        assertEquals(270, num(progress.find(Filters.eq("_id", bf.job)).first(), "done"));

        // paused: the script waits and no batch runs; then throttled and resumed, killed in the middle
        MongoCollection<Document> control = db.getCollection("schemagate_backfill_control");
        control.updateOne(Filters.eq("_id", bf.job), Updates.set("paused", true), new UpdateOptions().upsert(true));
        Process p = launch(scripts.resolve("03_backfill.js"), none);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!log("03_backfill.js").contains("paused") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(log("03_backfill.js").contains("backfill_users_status: paused"), log("03_backfill.js"));
        Thread.sleep(1500);
        assertEquals(570, users.countDocuments(Filters.exists("status")), "no batch runs while paused");
        control.updateOne(Filters.eq("_id", bf.job), Updates.combine(Updates.set("paused", false), Updates.set("sleepMs", 100)));
        deadline = System.currentTimeMillis() + 30_000;
        while (num(progress.find(Filters.eq("_id", bf.job)).first(), "batches") < 8
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String interrupted = log("03_backfill.js");
        assertTrue(interrupted.contains("backfill_users_status: resumed"), interrupted);
        long afterKill = users.countDocuments(Filters.exists("status"));
        assertTrue(afterKill > 570 && afterKill < 3_000, "killed in the middle: " + afterKill);

        // resume: continues after the checkpoint and finishes
        Run resume = run(scripts.resolve("03_backfill.js"), none);
        assertEquals(0, resume.exit, resume.out);
        assertTrue(resume.out.contains("finished"), resume.out);
        assertEquals(2700, users.countDocuments(Filters.eq("status", "active")));
        assertEquals(300, users.countDocuments(Filters.eq("status", "suspended")), "documents that had a status keep it");
        assertEquals(0, users.countDocuments(Filters.exists("status", false)));
        int done = num(progress.find(Filters.eq("_id", bf.job)).first(), "done");
        // a kill between a bulkWrite and its checkpoint loses that batch's count (its documents are done and skipped later)
        assertTrue(done <= 2700 && done >= 2700 - bf.batchSize, "changes counted over all runs: " + done);

        Run valid = run(scripts.resolve("04_validate_2.js"), none);
        assertEquals(0, valid.exit, valid.out);
        assertTrue(valid.out.contains("all checks passed"), valid.out);

        // running it again changes nothing
        Run again = run(scripts.resolve("03_backfill.js"), none);
        assertEquals(0, again.exit, again.out);
        assertTrue(again.out.contains("finished before"), again.out);

        Run after = run(scripts.resolve("canary_after.js"), none);
        assertEquals(0, after.exit, after.out);
        assertTrue(after.out.contains("SAME users: 3000 documents"), after.out);

        // the phase 2 rollback resets the checkpoint (the values stay: the old application ignores the field)
        Run rollback = run(scripts.resolve("05_rollback_2.js"), none);
        assertEquals(0, rollback.exit, rollback.out);
        assertNull(progress.find(Filters.eq("_id", bf.job)).first());

        // collMod is not implemented by mongo-java-server: phase 1 stops at its first step, exit 1, and says which
        Run phase1 = run(scripts.resolve("02_forward_1.js"), none);
        assertEquals(1, phase1.exit, phase1.out);
        assertTrue(phase1.out.contains("FAILED: install the new validator on users"), phase1.out);
    }

    /** A number mongosh wrote (JavaScript numbers are stored as doubles). */
    private static int num(Document d, String field) {
        return ((Number) d.get(field)).intValue();
    }

    private String log(String script) throws IOException {
        try (var s = Files.list(tmp)) {
            Path f = s.filter(x -> x.getFileName().toString().startsWith(script + "-")).findFirst().orElse(null);
            return f == null ? "" : Files.readString(f);
        }
    }

    private static Planner.Result plan() throws IOException {
        Planner.Request r = new Planner.Request();
        r.cwd = Examples.ROOT;
        r.inputs.add("docs/plans/mongo-required-field/migrations");
        r.thresholds.batchMin = 100;
        r.thresholds.batchMax = 100;
        java.util.List<?> errs = dev.schemagate.policies.ConfigFile.loadStats(Examples.dir("mongo-required-field")
                .resolve("stats.yaml"), "stats.yaml", r.settings);
        assertTrue(errs.isEmpty(), errs.toString());
        Planner.Result res = new Planner().plan(r);
        assertTrue(res.errors.isEmpty(), res.errors.toString());
        assertEquals(List.of(), res.plan.problems);
        return res;
    }
}
