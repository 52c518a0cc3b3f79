package dev.schemagate.live.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.report.Report;
import dev.schemagate.live.Credentials;
import dev.schemagate.live.DbUrl;
import dev.schemagate.live.Introspection;
import dev.schemagate.live.LiveContext;
import dev.schemagate.live.LiveException;
import dev.schemagate.live.Redactor;
import dev.schemagate.live.Servers;
import dev.schemagate.live.Snapshot;
import dev.schemagate.model.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --db mongodb://...} against a real MongoDB wire server (mongod, else the in-process substitute). */
class MongoLiveTest {
    /** A database with a validated collection, two indexes and 120 documents. */
    static String seeded() throws Exception {
        MongoDatabase db = Servers.mongo().freshDatabase();
        db.runCommand(Document.parse("{create: 'books', validator: {$jsonSchema: {bsonType: 'object', required: ['isbn'],"
                + " properties: {isbn: {bsonType: 'string'}, price: {bsonType: 'decimal'}}}}, validationLevel: 'strict'}"));
        db.runCommand(Document.parse("{createIndexes: 'books', indexes: [{key: {isbn: 1}, name: 'isbn_1', unique: true},"
                + " {key: {createdAt: 1}, name: 'ttl', expireAfterSeconds: 3600}]}"));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            docs.add(new Document("isbn", "978-" + i));
        }
        db.getCollection("books").insertMany(docs);
        return Servers.mongo().url(db.getName());
    }

    @Test
    void validatorsAreFlattenedToOneAttributePerKeyword() {
        // what listCollections returns on mongod, as the catalog reader gets it
        Document opts = Document.parse("{validator: {$jsonSchema: {bsonType: 'object', required: ['isbn'], properties: "
                + "{isbn: {bsonType: 'string'}, status: {enum: ['open', 'done']}}}}, validationLevel: 'moderate', capped: false}");
        Snapshot snap = MongoCatalog.snapshot(List.of(new MongoCatalog.Collection("books", "collection", opts, List.of())));
        assertEquals("string", snap.get("collection books", "validator.$jsonSchema.properties.isbn.bsonType"));
        assertEquals("[\"open\", \"done\"]", snap.get("collection books", "validator.$jsonSchema.properties.status.enum"));
        assertEquals("moderate", snap.get("collection books", "validationLevel"));
        assertEquals("false", snap.get("collection books", "capped"));
        Document changed = Document.parse(opts.toJson());
        changed.get("validator", Document.class).get("$jsonSchema", Document.class).put("required", List.of("isbn", "title"));
        Snapshot after = MongoCatalog.snapshot(List.of(new MongoCatalog.Collection("books", "collection", changed, List.of())));
        assertEquals("[collection books validator.$jsonSchema.required: '[\"isbn\"]' -> '[\"isbn\", \"title\"]']",
                snap.diff(after).toString());
        String script = MongoCatalog.script(List.of(new MongoCatalog.Collection("books", "collection", opts, List.of())));
        assertTrue(script.contains("db.createCollection(\"books\", {\"validator\": {\"$jsonSchema\""), script);
    }

    static MongoSession open(String url) throws LiveException {
        Redactor r = new Redactor();
        DbUrl u = DbUrl.parse(url);
        return MongoSession.open(u, Credentials.resolve(u, null, Map.of(), r), r);
    }

    @Test
    void readsCollectionsValidatorsIndexesCountsAndVersion() throws Exception {
        String url = seeded();
        try (MongoSession s = open(url)) {
            Introspection in = MongoIntrospector.read(s, true);
            assertEquals(Dialect.MONGODB, in.dialect());
            assertEquals(Servers.mongo().version(), in.version());
            Snapshot snap = in.snapshot();
            assertEquals("collection", snap.get("collection books", "type"));
            if (Servers.mongo().isInProcess()) {
                // mongo-java-server keeps no collection options: listCollections shows no validator (a stated gap)
                assertEquals(null, snap.get("collection books", "validator.$jsonSchema.properties.isbn.bsonType"));
            } else {
                assertEquals("string", snap.get("collection books", "validator.$jsonSchema.properties.isbn.bsonType"), snap.toString());
                assertEquals("[\"isbn\"]", snap.get("collection books", "validator.$jsonSchema.required"));
                assertEquals("strict", snap.get("collection books", "validationLevel"));
            }
            assertEquals("{\"isbn\": 1}", snap.get("index books.isbn_1", "key"));
            assertEquals("true", snap.get("index books.isbn_1", "unique"));
            assertEquals("3600", snap.get("index books.ttl", "expireAfterSeconds"));
            assertEquals(120L, in.stats().get("books").rows);
            assertTrue(in.ddl().contains("db.createCollection(\"books\""), in.ddl());
            assertTrue(in.ddl().contains("db.getCollection(\"books\").createIndex({\"isbn\": 1}, {\"unique\": true, \"name\": \"isbn_1\"})")
                    || in.ddl().contains("db.getCollection(\"books\").createIndex({\"isbn\": 1}, {\"name\": \"isbn_1\", \"unique\": true})"), in.ddl());
            // every command that went over the wire was a read command or connection housekeeping
            assertTrue(s.unexpected().isEmpty(), s.sent().toString());
            assertTrue(s.sent().contains("listCollections") && s.sent().contains("listIndexes"), s.sent().toString());
        }
    }

    @Test
    void theSessionRefusesEveryWriteBeforeSendingIt() throws Exception {
        String url = seeded();
        try (MongoSession s = open(url)) {
            int before = s.sent().size();
            assertThrows(MongoSession.Refused.class, () -> s.command(new Document("insert", "books")
                    .append("documents", List.of(new Document("isbn", "x")))));
            assertThrows(MongoSession.Refused.class, () -> s.command(new Document("drop", "books")));
            assertThrows(MongoSession.Refused.class, () -> s.command(new Document("collMod", "books")
                    .append("validator", new Document())));
            assertThrows(MongoSession.Refused.class, () -> s.command(new Document("aggregate", "books")
                    .append("pipeline", List.of(new Document("$out", "copy"))).append("cursor", new Document())));
            assertThrows(MongoSession.Refused.class, () -> s.command(new Document("aggregate", "books").append("pipeline",
                    List.of(new Document("$match", new Document()), new Document("$merge", "copy"))).append("cursor", new Document())));
            assertEquals(before, s.sent().size(), "a refused command never reaches the wire: " + s.sent());
            assertEquals(120, s.command(new Document("count", "books")).get("n", Number.class).intValue());
            assertTrue(s.unexpected().isEmpty(), s.sent().toString());
            // the in-process server runs without access control: the account could write, and the session says so
            assertFalse(s.writeActions().isEmpty());
        }
    }

    @Test
    void checkStartsFromTheLiveCatalogAndSizes(@TempDir Path dir) throws Exception {
        String url = seeded();
        Files.writeString(dir.resolve("20240101000000-index.js"), "module.exports = {\n"
                + "  async up(db) {\n"
                + "    await db.collection('books').createIndex({ title: 1 }, { unique: true });\n"
                + "    await db.collection('books').dropIndex('isbn_1');\n"
                + "  },\n"
                + "  async down(db) {\n"
                + "    await db.collection('books').createIndex({ isbn: 1 }, { unique: true });\n"
                + "  }\n};\n");
        Settings s = new Settings();
        List<InputError> errors = new ArrayList<>();
        LiveContext.Result live = LiveContext.apply(url, null, Map.of(), s, errors);
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(Dialect.MONGODB, s.getDialect());
        assertEquals(Servers.mongo().version(), s.version(Dialect.MONGODB));
        assertEquals(120L, s.getStats().get("books").rows);
        assertTrue(live.notes().stream().anyMatch(n -> n.startsWith("read 1 collections from mongodb://")), live.notes().toString());
        assertTrue(live.notes().stream().anyMatch(n -> n.contains("this account could write")), live.notes().toString());
        Report r = new Engine().check(List.of("."), dir, s, live.sources());
        assertTrue(r.getErrors().isEmpty(), r.getErrors().toString());
        // the live schema replays without findings of its own; the migration's findings see the existing collection
        assertTrue(r.getFindings().stream().noneMatch(f -> f.getFile().startsWith("mongodb://")), r.getFindings().toString());
        assertTrue(r.getFindings().stream().anyMatch(f -> f.getRule().startsWith("mongo.") && f.getLine() == 3),
                r.getFindings().toString());
    }

    @Test
    void aPasswordNeverAppearsInMessages() throws Exception {
        List<InputError> errors = new ArrayList<>();
        LiveContext.apply("mongodb://app:s3cret-pw@127.0.0.1:1/shop?serverSelectionTimeoutMS=300&connectTimeoutMS=300",
                null, Map.of(), new Settings(), errors);
        assertEquals(1, errors.size());
        String msg = errors.get(0).getMessage();
        assertFalse(msg.contains("s3cret-pw"), msg);
        assertTrue(msg.contains("mongodb://app:***@127.0.0.1:1/shop"), msg);
        LiveException e = assertThrows(LiveException.class, () -> DbUrl.parse("mongodb://app:pw@host/"));
        assertFalse(e.getMessage().contains(":pw@"), e.getMessage());
        DbUrl u = DbUrl.parse("mongodb://app:pw@h1:27017,h2/shop?authSource=admin&password=zz");
        assertEquals("mongodb://h1:27017,h2/shop?authSource=admin", u.jdbcUrl());
        assertEquals("shop", u.mongoDatabase());
        assertEquals("app", u.user());
        assertNotNull(u.urlPassword());
    }
}
