package dev.schemagate.live.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.schemagate.live.Credentials;
import dev.schemagate.live.DbUrl;
import dev.schemagate.live.Introspection;
import dev.schemagate.live.Redactor;
import dev.schemagate.live.Snapshot;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * {@code check --db} against the real MongoDB server image, where the in-process substitute shows nothing:
 * validators, validation level and enforcement. Runs where a Docker engine is present; elsewhere JUnit reports it
 * as skipped ("Docker is not available").
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoContainerTest {
    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @Test
    void validatorsAreReadFromARealServerAndWritesAreRefused() throws Exception {
        String base = MONGO.getReplicaSetUrl("shop");
        try (MongoClient admin = MongoClients.create(base)) {
            MongoDatabase db = admin.getDatabase("shop");
            db.runCommand(Document.parse("{create: 'books', validator: {$jsonSchema: {bsonType: 'object', required: ['isbn'],"
                    + " properties: {isbn: {bsonType: 'string'}}}}, validationLevel: 'strict'}"));
        }
        Redactor r = new Redactor();
        DbUrl u = DbUrl.parse(base);
        try (MongoSession s = MongoSession.open(u, Credentials.resolve(u, null, Map.of(), r), r)) {
            Introspection in = MongoIntrospector.read(s, true);
            assertTrue(in.version().startsWith("8."), in.version());
            Snapshot snap = in.snapshot();
            assertEquals("string", snap.get("collection books", "validator.$jsonSchema.properties.isbn.bsonType"), snap.toString());
            assertEquals("strict", snap.get("collection books", "validationLevel"));
            assertEquals(0L, in.stats().get("books").rows);
            assertThrows(MongoSession.Refused.class, () -> s.command(new Document("drop", "books")));
            assertTrue(s.unexpected().isEmpty(), s.sent().toString());
        }
    }
}
