package dev.schemagate.dialects.jsmig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.spi.CodeMigrationReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Knex and TypeORM readers on fixtures written in the shapes of uptime-kuma (Knex, no knexfile, SQLite and
 * MariaDB) and Flowise (TypeORM, one folder per dialect), and on small files for each mapping. Prints the counts the
 * issue asks for: modelled (SQL generated for an API call), SQL-string and uncertain operations per tool.
 */
class JsMigrationReadersTest {
    private static final Path RES = Path.of("src/test/resources");

    @TempDir
    Path dir;

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static CodeMigration read(CodeMigrationReader r, CodeLayout.File f, Dialect d) throws Exception {
        return r.read(new Migration(f.path().toString(), f.id(), d, Migration.Direction.UP, r.tool(), Migration.TxMode.UNKNOWN),
                Files.readString(f.path()));
    }

    /** Counts [generated, literal, uncertain] over the up parts of every file of a layout. */
    private static int[] count(CodeMigrationReader r, CodeLayout l, Dialect fallback) throws Exception {
        int[] n = new int[3];
        for (CodeLayout.File f : l.getFiles()) {
            CodeMigration cm = read(r, f, f.dialect() != null ? f.dialect() : fallback);
            assertTrue(cm.getProblems().isEmpty(), f + ": " + cm.getProblems());
            for (CodeOp op : cm.getUp()) {
                n[op.shape().ordinal()]++;
            }
        }
        return n;
    }

    @Test
    void uptimeKumaShapeIsClaimedInNameOrderAndCounted() throws Exception {
        Path root = RES.resolve("uptime-shape");
        KnexReader r = new KnexReader();
        CodeLayout l = r.claim(root, files(root), Dialect.SQLITE);
        assertNotNull(l);
        assertEquals(Dialect.SQLITE, l.getDialect());
        List<String> ids = l.getFiles().stream().map(CodeLayout.File::id).toList();
        // Knex compares names as strings: the 3-digit time and the missing day sort where the string puts them
        assertEquals(List.of("2023-09-01-0000-create-probe", "2023-10-12-1100-probe-token-to-40",
                "2024-02-03-000-add-probe-flags", "2024-05-1200-fix-probe-booleans", "2025-01-20-0000-sqlite-only-index",
                "2025-03-01-0000-extra-data"), ids);
        int[] n = count(r, l, Dialect.SQLITE);
        System.out.println("knex (uptime-kuma shape, sqlite): " + n[0] + " modelled, " + n[1] + " SQL-string, " + n[2] + " uncertain");
        assertTrue(n[0] >= 6 && n[1] >= 1 && n[2] >= 5, java.util.Arrays.toString(n));
        int[] my = count(r, l, Dialect.MARIADB);
        System.out.println("knex (uptime-kuma shape, mariadb): " + my[0] + " modelled, " + my[1] + " SQL-string, " + my[2] + " uncertain");
    }

    @Test
    void flowiseShapeTakesEachFoldersDialectAndTimestampOrder() throws Exception {
        Path root = RES.resolve("flowise-shape");
        TypeOrmReader r = new TypeOrmReader();
        CodeLayout l = r.claim(root, files(root), null);
        assertNotNull(l);
        assertTrue(l.getProblems().isEmpty(), l.getProblems().toString());
        assertEquals(List.of("Init1700000000002", "AddCategory1700000000600", "Init1700000000001", "AddChatType1700000000500",
                "AddFlowIndexes1700000000900", "ConcurrentSearchIndex1700000001200", "ConcurrentMessageIndex1700000001300",
                "Init1700000000003", "ModifyFlow1700000000700"), l.getFiles().stream().map(CodeLayout.File::id).toList());
        assertEquals(Dialect.MYSQL, l.getFiles().get(0).dialect());
        assertEquals(Dialect.POSTGRES, l.getFiles().get(2).dialect());
        assertEquals(Dialect.SQLITE, l.getFiles().get(8).dialect());
        int[] n = count(r, l, null);
        System.out.println("typeorm (flowise shape, postgres+mysql+sqlite): " + n[0] + " modelled, " + n[1] + " SQL-string, "
                + n[2] + " uncertain");
        assertTrue(n[0] >= 4 && n[1] >= 15 && n[2] >= 4, java.util.Arrays.toString(n));
        CodeMigration conc = read(r, l.getFiles().get(6), Dialect.POSTGRES);
        assertEquals(Boolean.FALSE, conc.getTransactional());
        assertEquals(Boolean.TRUE, read(r, l.getFiles().get(5), Dialect.POSTGRES).getTransactional());
    }

    private CodeMigration knex(String text, Dialect d) {
        return knex("m/001_x.js", text, d);
    }

    private CodeMigration knex(String path, String text, Dialect d) {
        return new KnexReader().read(new Migration(path, "001_x", d, Migration.Direction.UP, "knex",
                Migration.TxMode.UNKNOWN), text);
    }

    @Test
    void knexAlterOnPostgresDropsNotNullAndDefaultUnlessRestated() {
        CodeMigration cm = knex("exports.up = function (knex) {\n  return knex.schema.alterTable('accounts', (t) => {\n"
                + "    t.string('plan', 64).alter();\n    t.string('tier', 8).notNullable().defaultTo('a').alter();\n  });\n};\n",
                Dialect.POSTGRES);
        assertEquals(2, cm.getUp().size());
        CodeOp plan = cm.getUp().get(0);
        assertEquals(CodeOp.Shape.GENERATED, plan.shape());
        assertEquals(3, plan.line());
        assertEquals(5, plan.column());
        assertEquals("alter table \"accounts\" alter column \"plan\" drop default;\n"
                + "alter table \"accounts\" alter column \"plan\" drop not null;\n"
                + "alter table \"accounts\" alter column \"plan\" type varchar(64) using (\"plan\"::varchar(64))", plan.sql());
        String tier = cm.getUp().get(1).sql();
        assertTrue(tier.endsWith("set default 'a';\nalter table \"accounts\" alter column \"tier\" set not null"), tier);
        assertFalse(cm.hasDown());
        // on SQLite Knex rebuilds the table: uncertain, never guessed
        CodeMigration lite = knex("exports.up = (knex) => knex.schema.alterTable('a', (t) => { t.integer('n').alter(); });\n",
                Dialect.SQLITE);
        assertEquals(CodeOp.Shape.UNCERTAIN, lite.getUp().get(0).shape());
        assertTrue(lite.getUp().get(0).reason().contains("copying the whole table"));
    }

    @Test
    void knexRawStringsAreReadInPlaceAndBuiltStringsAreUncertain() {
        CodeMigration cm = knex("exports.config = { transaction: false };\n"
                + "exports.up = async function (knex) {\n  await knex.raw(\"CREATE INDEX CONCURRENTLY i ON t (a)\");\n"
                + "  await knex.raw(`DROP INDEX old`);\n  const t = process.env.T;\n  await knex.raw(`DROP TABLE ${t}`);\n"
                + "  await knex.raw('DROP TABLE ' + t);\n};\nexports.down = async function () {};\n", Dialect.POSTGRES);
        assertEquals(Boolean.FALSE, cm.getTransactional());
        assertTrue(cm.hasDown());
        List<CodeOp> up = cm.getUp();
        assertEquals(4, up.size());
        assertEquals(CodeOp.Shape.LITERAL, up.get(0).shape());
        assertEquals(3, up.get(0).line());
        assertEquals(19, up.get(0).column()); // the C after the opening quote
        assertEquals(CodeOp.Shape.LITERAL, up.get(1).shape());
        assertEquals(CodeOp.Shape.UNCERTAIN, up.get(2).shape());
        assertTrue(up.get(2).reason().contains("process.env.T") || up.get(2).reason().contains("run time"), up.get(2).reason());
        assertEquals(CodeOp.Shape.UNCERTAIN, up.get(3).shape());
        assertEquals(Boolean.TRUE, knex("exports.up = (knex) => knex.raw('SELECT 1');\n", Dialect.POSTGRES).getTransactional());
    }

    @Test
    void knexCreateTableTypeScriptAndDataChanges() {
        CodeMigration cm = knex("m/001_x.ts", "import { Knex } from 'knex';\nexport async function up(knex: Knex): Promise<void> {\n"
                + "  await knex.schema.createTable('users', (t) => {\n    t.bigIncrements('id');\n"
                + "    t.string('email').notNullable().unique();\n    t.integer('org_id').references('orgs.id').onDelete('cascade');\n"
                + "  });\n  await knex('users').where({ email: '' }).del();\n  await knex('users').insert({ email: 'a@b' });\n"
                + "  await helper(knex);\n}\n", Dialect.POSTGRES);
        List<CodeOp> up = cm.getUp();
        assertEquals("create table \"users\" (\"id\" bigserial primary key, \"email\" varchar(255) not null, \"org_id\" integer,"
                + " constraint \"users_org_id_foreign\" foreign key (\"org_id\") references \"orgs\" (\"id\") on delete CASCADE);\n"
                + "alter table \"users\" add constraint \"users_email_unique\" unique (\"email\")", up.get(0).sql());
        assertEquals("delete from \"users\" where \"email\" = ''", up.get(1).sql());
        assertEquals("insert into \"users\" (\"email\") values ('a@b')", up.get(2).sql());
        assertEquals(CodeOp.Shape.UNCERTAIN, up.get(3).shape());
        assertTrue(up.get(3).reason().contains("helper helper()"), up.get(3).reason());
        CodeMigration my = knex("exports.up = (knex) => knex.schema.table('users', (t) => { t.string('a', 10); t.integer('b');"
                + " t.renameColumn('c', 'd'); });\n", Dialect.MYSQL);
        assertEquals("alter table `users` add `a` varchar(10), add `b` int", my.getUp().get(0).sql());
        assertEquals("alter table `users` rename column `c` to `d`", my.getUp().get(1).sql());
    }

    @Test
    void promiseChainsAreFollowedIntoTheirCallbacks() {
        CodeMigration cm = knex("exports.up = function (knex) {\n"
                + "  return knex.raw('DROP INDEX IF EXISTS a').then(() => knex.raw('CREATE INDEX a ON t (x)'));\n"
                + "};\nexports.down = function (knex) {\n"
                + "  return knex.schema.alterTable('t', (t) => { t.dropIndex([], 'a'); }).then(() => {\n"
                + "    return knex.schema.alterTable('t', (t) => { t.index(['x'], 'a'); });\n  });\n};\n", Dialect.POSTGRES);
        assertEquals(List.of("DROP INDEX IF EXISTS a", "CREATE INDEX a ON t (x)"), cm.getUp().stream().map(CodeOp::sql).toList());
        assertEquals(List.of("drop index \"a\"", "create index \"a\" on \"t\" (\"x\")"),
                cm.getDown().stream().map(CodeOp::sql).toList());
    }

    /** Seen in Directus' migrations: reads feed the code that writes, and change nothing themselves. */
    @Test
    void knexReadsChangeNothingEvenInLoopsOrOnTablesKnownAtRunTime() {
        CodeMigration cm = knex("export async function up(knex) {\n"
                + "  const groups = await knex.select('id', 'group').from('directus_fields').whereNotNull('group');\n"
                + "  for (const g of groups.filter((x) => x.group).map((x) => x)) {\n"
                + "    const { id } = await knex.select('id').from('directus_fields').where({ field: g.group }).first();\n"
                + "    const rows = await knex(g.table).select('*').whereIn('id', [id]).orderBy('id');\n"
                + "  }\n"
                + "  await knex.insert({ a: 1 }).into('t');\n"
                + "  await knex.from('t').where('a', 1).update({ a: 2 });\n"
                + "}\n", Dialect.POSTGRES);
        assertEquals(2, cm.getUp().size(), cm.getUp().toString());
        for (CodeOp op : cm.getUp()) {
            assertEquals(CodeOp.Shape.UNCERTAIN, op.shape(), op.toString());
            assertTrue(op.line() >= 7, "only the two writes: " + op);
        }
    }

    @Test
    void syntaxErrorsAreProblemsWithPositions() {
        CodeMigration cm = knex("exports.up = function (knex) {\n  return knex.schema.(\n};\n", Dialect.POSTGRES);
        assertEquals(1, cm.getProblems().size());
        assertTrue(cm.getProblems().get(0).line() >= 2, cm.getProblems().toString());
    }

    private CodeMigration typeorm(String text, Dialect d) {
        return new TypeOrmReader().read(new Migration("m/1700000000000-X.ts", "X", d, Migration.Direction.UP, "typeorm",
                Migration.TxMode.UNKNOWN), text);
    }

    /**
     * Fuzz-found (typeorm target, seed 20261203, input 20,163): a computed member with an unknown key in the argument
     * of a helper call ({@code 'flow'[[]]}) has no name, and the dialect-condition reader asked a {@code Set.of} whether
     * it held null (NullPointerException: the reader failed on the file). It is an argument like any other now.
     */
    @Test
    void aComputedMemberWithoutANameInAConditionIsReadNotACrash() {
        String file = "import { MigrationInterface, QueryRunner } from 'typeorm'\n"
                + "export class X1700000000000 implements MigrationInterface {\n"
                + "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
                + "    if (!(await hasColumn(queryRunner, 'flow'[[[]]], 'deployed'))) {\n"
                + "      await queryRunner.query(`ALTER TABLE flow ADD COLUMN deployed int`)\n"
                + "    }\n"
                + "    if (queryRunner[[]].x === 'mysql') {\n"
                + "      await queryRunner.query(`ALTER TABLE flow ADD COLUMN d2 int`)\n"
                + "    }\n  }\n}\n";
        CodeMigration cm = typeorm(file, Dialect.MYSQL);
        assertFalse(cm.getUp().isEmpty(), cm.getUp().toString());
        CodeMigration knex = knex("exports.up = async (knex) => {\n  if (knex[[]].client === 'pg' || f(knex[x]().y)) {\n"
                + "    await knex.raw('ALTER TABLE t ADD COLUMN c int')\n  }\n};\n", Dialect.POSTGRES);
        assertFalse(knex.getUp().isEmpty(), knex.getUp().toString());
    }

    @Test
    void typeormTableApiBecomesTheSqlTypeormWrites() {
        String head = "import { MigrationInterface, QueryRunner, TableColumn, Table } from 'typeorm'\n"
                + "export class X1700000000000 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n";
        CodeMigration cm = typeorm(head
                + "    await queryRunner.addColumn('users', new TableColumn({ name: 'age', type: 'int', default: 0 }))\n"
                + "    await queryRunner.changeColumn('users', new TableColumn({ name: 'n', type: 'varchar', length: '10' }),"
                + " new TableColumn({ name: 'n', type: 'varchar', length: '20', isNullable: true }))\n"
                + "    await queryRunner.changeColumn('users', 'm', new TableColumn({ name: 'm', type: 'text' }))\n"
                + "    await queryRunner.createTable(new Table({ name: 't', columns: [{ name: 'id', type: 'int', isPrimary: true,"
                + " isGenerated: true, generationStrategy: 'increment' }] }), true)\n"
                + "  }\n}\n", Dialect.POSTGRES);
        List<CodeOp> up = cm.getUp();
        assertEquals("ALTER TABLE \"users\" ADD \"age\" int NOT NULL DEFAULT 0", up.get(0).sql());
        // a different length: TypeORM drops the column and adds it again
        assertEquals("ALTER TABLE \"users\" DROP COLUMN \"n\";\nALTER TABLE \"users\" ADD \"n\" varchar(20)", up.get(1).sql());
        assertEquals(CodeOp.Shape.UNCERTAIN, up.get(2).shape());
        assertEquals("CREATE TABLE IF NOT EXISTS \"t\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"PK_t\" PRIMARY KEY (\"id\"))",
                up.get(3).sql());
        assertNull(cm.getProblems().isEmpty() ? null : cm.getProblems());
        CodeMigration lite = typeorm(head + "    await queryRunner.dropColumn('users', 'age')\n  }\n}\n", Dialect.SQLITE);
        assertEquals(CodeOp.Shape.UNCERTAIN, lite.getUp().get(0).shape());
        assertTrue(lite.getUp().get(0).reason().contains("rebuilding table users"));
    }

    @Test
    void knexfileGivesDialectAndFolder() throws Exception {
        Files.writeString(dir.resolve("knexfile.ts"), "import type { Knex } from 'knex';\nconst config: { [k: string]: Knex.Config } = {\n"
                + "  development: { client: 'mysql2', migrations: { directory: './db/changes' } },\n};\nexport default config;\n");
        Files.createDirectories(dir.resolve("db/changes"));
        Files.writeString(dir.resolve("db/changes/20240102_b.ts"), "export async function up(knex) {}\n");
        Files.writeString(dir.resolve("db/changes/20240101_a.ts"), "export async function up(knex) {}\n");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/1700000000000-X.ts"), "class X implements MigrationInterface {}\n");
        CodeLayout l = new KnexReader().claim(dir, files(dir), null);
        assertEquals(Dialect.MYSQL, l.getDialect());
        assertEquals(List.of("20240101_a", "20240102_b"), l.getFiles().stream().map(CodeLayout.File::id).toList());
        assertEquals(List.of(dir.resolve("knexfile.ts")), l.getMarkers());
        assertNull(new KnexReader().claim(dir.resolve("migrations"), files(dir.resolve("migrations")), null));
    }

    @Test
    void aKnexDirectoryNoFileSystemCanHoldIsAProblemAtItsPositionNotACrash() throws Exception {
        // the same mistake as a NUL in Alembic's script_location (found by .ci/fuzz-long): Path.resolve threw
        Files.writeString(dir.resolve("knexfile.js"), "// config\nmodule.exports = {\n  client: 'pg',\n"
                + "  migrations: { directory: ['db/changes', 'db/x\\u0000y'] },\n};\n");
        Files.createDirectories(dir.resolve("db/changes"));
        Files.writeString(dir.resolve("db/changes/20240101_a.js"), "exports.up = async function (knex) {};\n");
        CodeLayout l = new KnexReader().claim(dir, files(dir), null);
        assertEquals(List.of("20240101_a"), l.getFiles().stream().map(CodeLayout.File::id).toList());
        assertEquals(1, l.getProblems().size(), l.getProblems().toString());
        CodeLayout.Problem p = l.getProblems().get(0);
        assertEquals(4, p.line());
        assertEquals(17, p.column());
        assertTrue(p.message().contains("not a folder name a file system can hold"), p.message());
    }

    @Test
    void aTypeOrmGlobJavaCannotReadIsAProblemAtItsPositionAndTheOtherGlobsStillApply() throws Exception {
        // nested braces are a glob TypeORM's library expands; Java's glob syntax refuses them with an exception
        // that made the whole layout go unread
        Files.writeString(dir.resolve("ormconfig.json"), "{\n  \"type\": \"postgres\",\n"
                + "  \"migrations\": [\"db/{a,{b,c}}/*.ts\", \"db/changes/*.ts\"]\n}\n");
        Files.createDirectories(dir.resolve("db/changes"));
        Files.writeString(dir.resolve("db/changes/init.ts"), "export class Init implements MigrationInterface {\n"
                + "  async up(q) {}\n}\n");
        CodeLayout l = new TypeOrmReader().claim(dir, files(dir), null);
        assertNotNull(l);
        assertEquals(1, l.getFiles().size(), l.getFiles().toString());
        CodeLayout.Problem p = l.getProblems().stream().filter(x -> x.message().contains("glob")).findFirst()
                .orElseThrow(() -> new AssertionError(l.getProblems().toString()));
        assertEquals(dir.resolve("ormconfig.json"), p.path());
        assertEquals(3, p.line());
        assertEquals(19, p.column());
        assertTrue(p.message().contains("'db/{a,{b,c}}/*.ts' is not a glob SchemaGate can read"), p.message());
    }
}
