package dev.schemagate.dialects.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.DropIndex;
import dev.schemagate.model.change.ProceduralBlock;
import dev.schemagate.model.change.Unparsed;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class MongoDialectTest {
    private final MongoDialect d = new MongoDialect();

    private List<List<Change>> read(String path, String text) {
        Migration m = new Migration(path, path, Dialect.MONGODB, Migration.Direction.UP, "test", Migration.TxMode.NONE);
        List<String> problems = new ArrayList<>();
        List<Statement> st = d.split(m, text, (l, c, msg) -> problems.add(l + ":" + c + " " + msg));
        List<List<Change>> out = new ArrayList<>();
        for (Statement s : st) {
            out.add(d.map(s));
        }
        return out;
    }

    /**
     * Found by .ci/fuzz-long (seed 20261130): with lone CR line ends the statement's line (counted as every reader
     * counts) was past the lines the comment lookup had split on LF, and the split crashed.
     */
    @Test
    void loneCarriageReturnsEndLinesForPositionsAndComments() {
        Migration m = new Migration("m.js", "m", Dialect.MONGODB, Migration.Direction.UP, "test", Migration.TxMode.NONE);
        List<Statement> st = d.split(m, "\r\r// note\rdb.users.drop()\r", (l, c, msg) -> { });
        assertEquals(1, st.size());
        assertEquals(4, st.get(0).getLine());
        assertEquals(1, st.get(0).getComments().size());
        assertEquals("note", st.get(0).getComments().get(0).getText());
        assertEquals(3, st.get(0).getComments().get(0).getLine());
    }

    @Test
    void keyPatternsKeepTheirDirection() {
        List<List<Change>> cs = read("m.js", "await db.collection('orders').dropIndex({ status: 1, createdAt: -1 });");
        assertEquals("status_1_createdAt_-1", ((DropIndex) cs.get(0).get(0)).getIndexName());
    }

    @Test
    void createCollectionValidatorGivesTypedColumns() {
        List<List<Change>> cs = read("m.js", "db.createCollection('users', { validator: { $jsonSchema: {\n"
                + "  bsonType: 'object', required: ['email'],\n"
                + "  properties: { email: { bsonType: 'string' }, age: { bsonType: ['int', 'null'] }, tags: { bsonType: 'array' } } } } });");
        CreateTable t = (CreateTable) cs.get(0).get(0);
        assertEquals("users", t.getTableName());
        assertEquals(3, t.getColumns().size());
        assertEquals(SqlTypeName.VARCHAR, t.getColumns().get(0).getType().getSqlType());
        assertTrue(t.getColumns().get(0).isNotNull());
        assertEquals(SqlTypeName.INTEGER, t.getColumns().get(1).getType().getSqlType());
        assertEquals(SqlTypeName.ARRAY, t.getColumns().get(2).getType().getSqlType());
        assertEquals("validator", t.getConstraints().get(0).getName());
    }

    @Test
    void unresolvedCollectionsAndHelpersAreUncertainWithTheirPosition() {
        String js = "const { addIndexes } = require('./lib/indexes');\n"
                + "module.exports = {\n"
                + "  async up(db) {\n"
                + "    for (const name of await db.listCollections().toArray()) {\n"
                + "      await db.collection(name.name).updateMany({}, { $set: { v: 2 } });\n"
                + "    }\n"
                + "    await addIndexes(db);\n"
                + "  },\n"
                + "  async down() {},\n"
                + "};\n";
        List<List<Change>> cs = read("20240101-x.js", js);
        List<String> kinds = new ArrayList<>();
        for (List<Change> c : cs) {
            kinds.add(c.get(0).getClass().getSimpleName() + "@" + c.get(0).getStatement().getLine() + ":"
                    + c.get(0).getStatement().getColumn());
        }
        assertEquals(List.of("OtherDdl@4:30", "ProceduralBlock@5:13", "ProceduralBlock@7:11", "OtherDdl@9:3"), kinds);
        ProceduralBlock loop = (ProceduralBlock) cs.get(1).get(0);
        assertTrue(loop.getReason().contains("for...of loop"), loop.getReason());
        ProceduralBlock helper = (ProceduralBlock) cs.get(2).get(0);
        assertTrue(helper.getReason().contains("./lib/indexes"), helper.getReason());
    }

    @Test
    void syntaxErrorIsOneUnparsedStatement() {
        List<List<Change>> cs = read("bad.js", "db.users.createIndex({ a: 1 }\ndb.users.drop();");
        assertEquals(1, cs.size());
        Unparsed u = assertInstanceOf(Unparsed.class, cs.get(0).get(0));
        assertEquals(2, u.getErrorLine());
    }

    @Test
    void liquibaseRollbackIsNotPartOfUp() {
        String yaml = "databaseChangeLog:\n"
                + "  - changeSet:\n"
                + "      id: 1\n"
                + "      author: dev\n"
                + "      changes:\n"
                + "        - createIndex:\n"
                + "            collectionName: users\n"
                + "            keys: '{ email: 1 }'\n"
                + "            options: '{ unique: true, name: \"email_u\" }'\n"
                + "      rollback:\n"
                + "        - dropIndex:\n"
                + "            collectionName: users\n"
                + "            keys: '{ email: 1 }'\n";
        List<List<Change>> cs = read("changelog.yaml", yaml);
        assertEquals(1, cs.size());
        CreateIndex ci = (CreateIndex) cs.get(0).get(0);
        assertTrue(ci.isUnique());
        assertEquals("email_u", ci.getIndex().getName());
        assertEquals(6, ci.getStatement().getLine());
    }

    /**
     * Finding 31 (the tool config values fuzz target, seed 20261219, try 21,884): a Liquibase-MongoDB field written as
     * an empty array ({@code command: '[]'}) threw out of the whole check, and an array of documents kept only its
     * first one.
     */
    @Test
    void aDocumentFieldIsReadWholeAnEmptyArrayIncluded() throws Exception {
        assertEquals(List.of(), ChangelogReader.document("[]"));
        Object docs = ChangelogReader.document("[ { clientId: \"a\" }, { clientId: \"b\" } ]");
        assertInstanceOf(List.class, docs);
        assertEquals(2, ((List<?>) docs).size());
        assertInstanceOf(java.util.Map.class, ChangelogReader.document("{ at: 1 } // the key"));
        String yaml = "databaseChangeLog:\n"
                + "  - changeSet:\n"
                + "      id: 1\n"
                + "      author: dev\n"
                + "      changes:\n"
                + "        - adminCommand:\n"
                + "            command: '[]'\n"
                + "        - insertMany:\n"
                + "            collectionName: users\n"
                + "            documents: '[ { a: 1 }, { a: 2 } ]'\n"
                + "        - adminCommand:\n"
                + "            command: '[ { a: 1 ]'\n";
        List<Located> ops = MongoDialect.read("changelog.yaml", yaml);
        assertEquals(3, ops.size(), ops.toString());
        assertEquals(List.of(List.of(java.util.Map.of("a", 1L), java.util.Map.of("a", 2L))), ops.get(1).op.getArgs());
        assertTrue(ops.get(2).op.toString().contains("cannot read command"), ops.get(2).op.toString());
        List<List<Change>> cs = read("changelog.yaml", yaml);
        assertEquals(3, cs.size());
    }

    @Test
    void awaitedResultsAreValuesNotCollections() {
        String js = "export const up = async (db) => {\n"
                + "  const users = db.collection('users');\n"
                + "  const docs = await users.find({}).toArray();\n"
                + "  docs.sort((a, b) => a.n - b.n);\n"
                + "  const audit = await db.createCollection('audit');\n"
                + "  await audit.createIndex({ at: 1 });\n"
                + "};\n"
                + "export const down = async (db) => { await db.collection('audit').drop(); };\n";
        List<String> got = new ArrayList<>();
        for (List<Change> cs : read("20240101-x.js", js)) {
            got.add(cs.get(0).getStatement().getLine() + " " + cs.get(0).describe());
        }
        assertEquals(List.of("3 select collection find", "5 create table audit", "6 create index at_1 on audit"), got);
    }
}
