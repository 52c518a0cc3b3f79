package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --review}, {@code review:} and {@code require:} end to end through the CLI. */
class ReviewCommandTest {
    @TempDir
    Path tmp;

    private Path folder() throws Exception {
        Path db = Files.createDirectories(tmp.resolve("db"));
        Files.writeString(tmp.resolve("schema.sql"), "CREATE TABLE users (id integer PRIMARY KEY, email text);\n"
                + "CREATE TABLE legacy_events (at timestamp, payload text);\n");
        Files.writeString(db.resolve("V2__documents.sql"), "CREATE TABLE documents (id bigint PRIMARY KEY, owner_id bigint"
                + " REFERENCES users (id), embedding vector(768));\nCREATE INDEX documents_owner_idx ON documents (owner_id);\n");
        Files.writeString(tmp.resolve("schemagate.yaml"), "review: {embedding_dimension: 1536}\nrequire:\n  users:"
                + " {unique_index: [email]}\nstats:\n  documents: 2000000\n");
        return db;
    }

    @Test
    void withoutReviewOnlyTouchedTablesAreReviewed() throws Exception {
        Path db = folder();
        Cli r = Cli.run("check", db.toString(), "--schema", tmp.resolve("schema.sql").toString(), "--config",
                tmp.resolve("schemagate.yaml").toString(), "--fail-on", "CRITICAL");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("V2__documents.sql:2:1: HIGH pg.vector-dimension"), r.out);
        assertTrue(r.out.contains("V2__documents.sql:2:1: MEDIUM pg.foreign-key-type-mismatch"), r.out);
        assertTrue(r.out.contains("documents.embedding has no HNSW or IVFFlat index (2,000,000 rows)"), r.out);
        assertFalse(r.out.contains("pg.missing-primary-key"), r.out);
        assertFalse(r.out.contains("core.required-by-policy"), r.out);
    }

    @Test
    void reviewFlagCoversTheWholeReplayedSchema() throws Exception {
        Path db = folder();
        Cli r = Cli.run("check", db.toString(), "--schema", tmp.resolve("schema.sql").toString(), "--config",
                tmp.resolve("schemagate.yaml").toString(), "--review", "--fail-on", "CRITICAL");
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("schema.sql:2:1: MEDIUM pg.missing-primary-key"), r.out);
        assertTrue(r.out.contains("users must have a unique index on (email) (require: unique_index)"), r.out);
        assertTrue(r.out.contains("legacy_events.at is timestamp without time zone"), r.out);
        // the same bytes twice
        Cli again = Cli.run("check", db.toString(), "--schema", tmp.resolve("schema.sql").toString(), "--config",
                tmp.resolve("schemagate.yaml").toString(), "--review", "--fail-on", "CRITICAL");
        assertEquals(r.out, again.out);
    }

    @Test
    void reviewSwitchInTheConfigAndBadRequireKeys() throws Exception {
        Path db = folder();
        Files.writeString(tmp.resolve("on.yaml"), "review: true\n");
        Cli on = Cli.run("check", db.toString(), "--schema", tmp.resolve("schema.sql").toString(), "--config",
                tmp.resolve("on.yaml").toString(), "--fail-on", "CRITICAL");
        assertTrue(on.out.contains("pg.missing-primary-key"), on.out);
        Files.writeString(tmp.resolve("bad.yaml"), "require:\n  users: {unique_idx: [email]}\n");
        Cli bad = Cli.run("check", db.toString(), "--config", tmp.resolve("bad.yaml").toString());
        assertEquals(2, bad.code, bad.toString());
        assertTrue(bad.out.contains("require.users.unique_idx"), bad.out);
        assertFalse(bad.out.contains("Exception"), bad.out);
    }
}
