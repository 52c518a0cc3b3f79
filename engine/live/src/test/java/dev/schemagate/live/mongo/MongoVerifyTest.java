package dev.schemagate.live.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.core.Engine;
import dev.schemagate.core.Settings;
import dev.schemagate.core.report.Report;
import dev.schemagate.live.Servers;
import dev.schemagate.live.verify.Verifier;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.finding.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schemagate verify} for migrate-mongo files: up, down, up again on a MongoDB wire server. */
class MongoVerifyTest {
    static final Engine ENGINE = new Engine();

    static Report verify(Path dir, Integer rows, Verifier[] out) throws Exception {
        Verifier.Options o = new Verifier.Options();
        o.dialect = Dialect.MONGODB;
        o.rows = rows;
        Verifier v = new Verifier(ENGINE, Servers.mongo(), o);
        if (out != null) {
            out[0] = v;
        }
        return v.verify(List.of("."), dir, new Settings());
    }

    static List<Finding> of(Report r, String rule) {
        return r.getFindings().stream().filter(f -> f.getRule().equals(rule)).collect(Collectors.toList());
    }

    static String show(Report r) {
        return r.getFindings().stream().map(f -> f.getFile() + ":" + f.getLine() + " " + f.getRule() + " " + f.getMessage())
                .collect(Collectors.joining("\n")) + "\nerrors: " + r.getErrors();
    }

    static void write(Path dir, String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aDownThatUndoesItsUpPassesAndOneThatForgetsAnIndexIsNamed(@TempDir Path dir) throws Exception {
        write(dir, "20240101000000-books.js", "module.exports = {\n"
                + "  async up(db) {\n"
                + "    await db.createCollection('books');\n"
                + "    await db.collection('books').createIndex({ isbn: 1 }, { unique: true });\n"
                + "  },\n"
                + "  async down(db) {\n"
                + "    await db.collection('books').drop();\n"
                + "  },\n};\n");
        write(dir, "20240102000000-authors.js", "module.exports = {\n"
                + "  async up(db) {\n"
                + "    await db.collection('books').createIndex({ author: 1, year: -1 });\n"
                + "    await db.collection('books').createIndex({ title: 'text' }, { name: 'title_search' });\n"
                + "  },\n"
                + "  async down(db) {\n"
                + "    await db.collection('books').dropIndex('author_1_year_-1');\n"
                + "  },\n};\n");
        Report r = verify(dir, null, null);
        List<Finding> bad = of(r, "verify.down-not-inverse");
        assertEquals(1, bad.size(), show(r));
        assertEquals("after the down migration, index books.title_search was added", bad.get(0).getMessage());
        assertTrue(bad.get(0).getFile().endsWith("20240102000000-authors.js"), bad.get(0).getFile());
        // createIndexes with the same name and key is a no-op on MongoDB, so the second up succeeds and matches the first
        assertTrue(of(r, "verify.up-not-repeatable").isEmpty(), show(r));
        assertTrue(of(r, "verify.apply-failed").isEmpty(), show(r));
        assertTrue(r.getErrors().isEmpty(), r.getErrors().toString());
    }

    @Test
    void anUpThatFailsIsReportedAtItsCall(@TempDir Path dir) throws Exception {
        write(dir, "20240101000000-dup.js", "module.exports = {\n"
                + "  async up(db) {\n"
                + "    await db.collection('people').insertMany([{ email: 'a@x' }, { email: 'a@x' }]);\n"
                + "    await db.collection('people').createIndex({ email: 1 }, { unique: true });\n"
                + "  },\n"
                + "  async down(db) { await db.collection('people').drop(); },\n};\n");
        Report r = verify(dir, null, null);
        List<Finding> f = of(r, "verify.apply-failed");
        assertEquals(1, f.size(), show(r));
        assertEquals(4, f.get(0).getLine());
        assertTrue(f.get(0).getMessage().contains("does not apply"), f.get(0).getMessage());
    }

    @Test
    void whatCannotRunIsAFindingNotASilentPass(@TempDir Path dir) throws Exception {
        write(dir, "20240101000000-orders.js", "module.exports = {\n"
                + "  async up(db) {\n"
                + "    await db.createCollection('orders');\n"
                + "    await db.runCommand({ collMod: 'orders', validator: { $jsonSchema: { required: ['status'] } } });\n"
                + "    await db.collection(process.env.COLL).createIndex({ a: 1 });\n"
                + "  },\n"
                + "  async down(db) { await db.collection('orders').drop(); },\n};\n");
        Report r = verify(dir, null, null);
        List<Finding> notRun = of(r, "verify.not-run");
        assertTrue(notRun.stream().anyMatch(f -> f.getLine() == 5), show(r));
        if (Servers.mongo().isInProcess()) {
            assertTrue(notRun.stream().anyMatch(f -> f.getLine() == 4 && f.getMessage().contains("collMod")), show(r));
        }
        assertTrue(of(r, "verify.apply-failed").isEmpty(), show(r));
    }

    @Test
    void rowsSeedValidDocumentsAndTimeEachCall(@TempDir Path dir) throws Exception {
        write(dir, "20240101000000-books.js", "module.exports = {\n"
                + "  async up(db) {\n"
                + "    await db.createCollection('books', { validator: { $jsonSchema: { bsonType: 'object', required: ['isbn'],"
                + " properties: { isbn: { bsonType: 'string' }, price: { bsonType: 'double' } } } } });\n"
                + "  },\n"
                + "  async down(db) { await db.collection('books').drop(); },\n};\n");
        write(dir, "20240102000000-isbn.js", "module.exports = {\n"
                + "  async up(db) {\n"
                + "    await db.collection('books').createIndex({ isbn: 1 }, { unique: true });\n"
                + "    await db.collection('books').updateMany({}, { $rename: { price: 'listPrice' } });\n"
                + "  },\n"
                + "  async down(db) {\n"
                + "    await db.collection('books').updateMany({}, { $rename: { listPrice: 'price' } });\n"
                + "    await db.collection('books').dropIndex('isbn_1');\n"
                + "  },\n};\n");
        Verifier[] v = new Verifier[1];
        Report r = verify(dir, 200, v);
        assertTrue(of(r, "verify.fails-on-rows").isEmpty(), show(r));
        assertTrue(of(r, "verify.down-not-inverse").isEmpty(), show(r));
        String note = v[0].seedNotes().get("books");
        assertTrue(note != null && note.startsWith("seeded 200 documents"), v[0].seedNotes().toString());
        assertTrue(v[0].measurements().keySet().stream().anyMatch(k -> k.endsWith("20240102000000-isbn.js:3:11")),
                v[0].measurements().keySet().toString());
        assertTrue(v[0].notes().stream().anyMatch(n -> n.contains("round trips")), v[0].notes().toString());
    }
}
