package dev.schemagate.dialects.jsmig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.spi.CodeMigrationReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Knex and TypeORM migrations that branch on the database: only the branch that runs on the project's dialect is
 * read; a branch that cannot be decided is read as before, with an uncertain operation at its condition.
 */
class DialectConditionsTest {
    private static String ops(CodeMigrationReader r, String file, String text, Dialect d, boolean named) {
        CodeMigration cm = r.read(new Migration(file, "m", d, Migration.Direction.UP, r.tool(), Migration.TxMode.UNKNOWN),
                text, named);
        assertTrue(cm.getProblems().isEmpty(), cm.getProblems().toString());
        StringBuilder b = new StringBuilder();
        for (CodeOp op : cm.getUp()) {
            b.append(op.line()).append(' ').append(op.shape()).append(' ')
                    .append(op.sql() != null ? op.sql() : op.reason()).append('\n');
        }
        return b.toString();
    }

    private static final String KNEX = "exports.up = async function (knex) {\n"
            + "  if (knex.client.config.client === 'pg') {\n"
            + "    await knex.raw('CREATE INDEX CONCURRENTLY a_idx ON a (x)');\n"
            + "  } else if (knex.client.config.client !== 'sqlite3') {\n"
            + "    await knex.raw('ALTER TABLE a ADD INDEX a_idx (x), ALGORITHM=INPLACE');\n"
            + "  } else {\n"
            + "    await knex.raw('CREATE INDEX a_idx ON a (x)');\n"
            + "  }\n"
            + "};\n";

    @Test
    void knexIfElseChainReadsOnlyTheBranchOfTheDialect() {
        KnexReader r = new KnexReader();
        assertEquals("3 LITERAL CREATE INDEX CONCURRENTLY a_idx ON a (x)\n", ops(r, "m.js", KNEX, Dialect.POSTGRES, true));
        assertEquals("5 LITERAL ALTER TABLE a ADD INDEX a_idx (x), ALGORITHM=INPLACE\n", ops(r, "m.js", KNEX, Dialect.MYSQL, true));
        assertEquals("5 LITERAL ALTER TABLE a ADD INDEX a_idx (x), ALGORITHM=INPLACE\n", ops(r, "m.js", KNEX, Dialect.MARIADB, true));
        assertEquals("7 LITERAL CREATE INDEX a_idx ON a (x)\n", ops(r, "m.js", KNEX, Dialect.SQLITE, true));
    }

    @Test
    void anAssumedDialectDecidesNothingAndSaysSoAtTheCondition() {
        String out = ops(new KnexReader(), "m.js", KNEX, Dialect.POSTGRES, false);
        String[] lines = out.split("\n");
        assertEquals(5, lines.length, out);
        assertTrue(lines[0].startsWith("2 UNCERTAIN the migration branches on the database (knex.client.config.client === 'pg')"), out);
        assertTrue(lines[0].contains("assumed, not named"), out);
        assertTrue(lines[1].startsWith("3 LITERAL"), out);
        assertTrue(lines[2].startsWith("4 UNCERTAIN"), out);
        assertTrue(lines[3].startsWith("5 LITERAL"), out);
        assertTrue(lines[4].startsWith("7 LITERAL"), out);
    }

    @Test
    void knexSwitchWithFallThroughAndDefault() {
        String src = "export async function up(knex) {\n"
                + "  switch (knex.client.dialect) {\n"
                + "    case 'mysql':\n"
                + "    case 'mysql2':\n"
                + "      await knex.raw('SELECT 1');\n"
                + "      break;\n"
                + "    case 'postgresql':\n"
                + "      await knex.raw('SELECT 2');\n"
                + "    case 'sqlite3':\n"
                + "      await knex.raw('SELECT 3');\n"
                + "      break;\n"
                + "    default:\n"
                + "      await knex.raw('SELECT 4');\n"
                + "  }\n"
                + "}\n";
        KnexReader r = new KnexReader();
        assertEquals("5 LITERAL SELECT 1\n", ops(r, "m.ts", src, Dialect.MYSQL, true));
        // PostgreSQL falls through into the sqlite3 case
        assertEquals("8 LITERAL SELECT 2\n10 LITERAL SELECT 3\n", ops(r, "m.ts", src, Dialect.POSTGRES, true));
        assertEquals("10 LITERAL SELECT 3\n", ops(r, "m.ts", src, Dialect.SQLITE, true));
    }

    @Test
    void knexIncludesConstantsEarlyReturnAndBuilderCallbacks() {
        String src = "const LITE = ['sqlite3', 'better-sqlite3'];\n"
                + "exports.up = async (knex) => {\n"
                + "  const client = knex.client.config.client;\n"
                + "  await knex.schema.alterTable('a', (t) => {\n"
                + "    if (LITE.includes(client)) { t.text('y'); } else { t.specificType('y', 'citext'); }\n"
                + "  });\n"
                + "  if (client !== 'pg' && client !== 'postgres') return;\n"
                + "  await knex.raw('CREATE EXTENSION IF NOT EXISTS citext');\n"
                + "};\n";
        KnexReader r = new KnexReader();
        String pg = ops(r, "m.js", src, Dialect.POSTGRES, true);
        assertEquals("5 GENERATED alter table \"a\" add column \"y\" citext\n8 LITERAL CREATE EXTENSION IF NOT EXISTS citext\n", pg);
        String lite = ops(r, "m.js", src, Dialect.SQLITE, true);
        assertEquals("5 GENERATED alter table \"a\" add column \"y\" text\n", lite);
    }

    @Test
    void conditionsOnAnythingElseStayAsTheyWereAndUndecidableOnesAreUncertain() {
        String src = "exports.up = async function (knex) {\n"
                + "  if (process.env.BIG) {\n"
                + "    await knex.raw('SELECT 1');\n"
                + "  }\n"
                + "  if (knex.client.config.client === process.env.DB) {\n"
                + "    await knex.raw('SELECT 2');\n"
                + "  }\n"
                + "  if (knex.client.config.client === 'cockroachdb') {\n"
                + "    await knex.raw('SELECT 3');\n"
                + "  }\n"
                + "};\n";
        String out = ops(new KnexReader(), "m.js", src, Dialect.POSTGRES, true);
        assertTrue(out.startsWith("3 LITERAL SELECT 1\n5 UNCERTAIN"), out);
        assertTrue(out.contains("known only at run time"), out);
        assertTrue(out.contains("6 LITERAL SELECT 2\n8 UNCERTAIN"), out);
        assertTrue(out.contains("'cockroachdb' is a database read as postgres"), out);
        assertTrue(out.endsWith("9 LITERAL SELECT 3\n"), out);
        // on MySQL, cockroachdb is certainly not the database
        assertFalse(ops(new KnexReader(), "m.js", src, Dialect.MYSQL, true).contains("SELECT 3"));
    }

    @Test
    void typeOrmOptionsTypeThroughAConstantDriverAndThis() {
        String src = "import { MigrationInterface, QueryRunner } from 'typeorm';\n"
                + "export class X1700000000000 implements MigrationInterface {\n"
                + "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
                + "    const isPostgres = queryRunner.connection.options.type === 'postgres';\n"
                + "    if (isPostgres) {\n"
                + "      await queryRunner.query(`CREATE INDEX CONCURRENTLY a_idx ON a (x)`);\n"
                + "    } else {\n"
                + "      await queryRunner.query('ALTER TABLE `a` ADD INDEX `a_idx` (`x`)');\n"
                + "    }\n"
                + "    if (queryRunner.connection.driver.options.type === 'mariadb') {\n"
                + "      await queryRunner.query('SELECT 1');\n"
                + "    }\n"
                + "    if (this.connection.options.type === 'sqlite' || queryRunner.manager.connection.options.type === 'better-sqlite3') {\n"
                + "      await queryRunner.query('SELECT 2');\n"
                + "    }\n"
                + "  }\n"
                + "  public async down(queryRunner: QueryRunner): Promise<void> {}\n"
                + "}\n";
        TypeOrmReader r = new TypeOrmReader();
        assertEquals("6 LITERAL CREATE INDEX CONCURRENTLY a_idx ON a (x)\n", ops(r, "1700000000000-X.ts", src, Dialect.POSTGRES, true));
        assertEquals("8 LITERAL ALTER TABLE `a` ADD INDEX `a_idx` (`x`)\n", ops(r, "1700000000000-X.ts", src, Dialect.MYSQL, true));
        assertEquals("8 LITERAL ALTER TABLE `a` ADD INDEX `a_idx` (`x`)\n11 LITERAL SELECT 1\n",
                ops(r, "1700000000000-X.ts", src, Dialect.MARIADB, true));
        assertEquals("8 LITERAL ALTER TABLE `a` ADD INDEX `a_idx` (`x`)\n14 LITERAL SELECT 2\n",
                ops(r, "1700000000000-X.ts", src, Dialect.SQLITE, true));
    }

    @Test
    void aListLookupOfTheNameIsNoHelperCall() {
        String src = "exports.up = async (knex) => {\n"
                + "  if (!['sqlite3', 'better-sqlite3'].includes(knex.client.config.client)) {\n"
                + "    await knex.raw('SELECT 1');\n"
                + "  }\n"
                + "  await check(knex);\n"
                + "};\n";
        String pg = ops(new KnexReader(), "m.js", src, Dialect.POSTGRES, true);
        assertTrue(pg.startsWith("3 LITERAL SELECT 1\n5 UNCERTAIN the helper check()"), pg);
        assertEquals(1, ops(new KnexReader(), "m.js", src, Dialect.SQLITE, true).split("\n").length);
    }

    @Test
    void typeOrmDataSourceConstructorNamesTheDialect(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("src/migrations"));
        java.nio.file.Files.writeString(dir.resolve("src/data-source.ts"), "import { DataSource } from 'typeorm';\n"
                + "export const AppDataSource = new DataSource({ type: 'mysql', migrations: ['src/migrations/*.ts'] });\n");
        java.nio.file.Path f = dir.resolve("src/migrations/1700000000000-X.ts");
        java.nio.file.Files.writeString(f, "export class X1700000000000 implements MigrationInterface {\n"
                + "  async up(queryRunner) { await queryRunner.query('SELECT 1'); }\n}\n");
        dev.schemagate.model.code.CodeLayout l = new TypeOrmReader().claim(dir, List.of(dir.resolve("src/data-source.ts"), f), null);
        assertEquals(Dialect.MYSQL, l.getDialect());
        assertEquals(Dialect.MYSQL, l.getFiles().get(0).dialect());
    }
}
