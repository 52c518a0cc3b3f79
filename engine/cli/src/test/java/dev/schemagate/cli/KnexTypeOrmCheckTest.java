package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code check} on Knex and TypeORM migrations end to end: the Knex example (knexfile, PostgreSQL), the fixtures in
 * uptime-kuma's shape (Knex without a knexfile, SQLite) and Flowise's shape (TypeORM, one folder per dialect).
 */
class KnexTypeOrmCheckTest {
    private static final String RES = Cli.ROOT.resolve("dialects/jsmig/src/test/resources").toString();

    @Test
    void knexExampleIsCheckedWithThePostgresRulesAtSourcePositions() {
        Cli c = Cli.run("check", Cli.ROOT.resolve("examples/postgres-knex").toString(), "--format", "text");
        assertTrue(c.out.contains("Detected: knex (postgres 5 files)"), c.toString());
        // .alter() without restating NOT NULL and the default drops them: reported once, by the Knex rule, at the call
        assertTrue(c.out.contains("20240301120000_widen_plan.js:5:9: MEDIUM pg.knex-alter-drops-not-null"), c.toString());
        assertTrue(c.out.contains("drops its default 'free'"), c.toString());
        assertFalse(c.out.contains("pg.drop-not-null"), c.toString());
        // knex.raw with CONCURRENTLY inside Knex's default transaction; position inside the string; the Knex fix
        assertTrue(c.out.contains("20240318080000_email_lookup.js:3:10: LOW pg.knex-concurrent-index-in-transaction"), c.toString());
        assertTrue(c.out.contains("exports.config = { transaction: false }"), c.toString());
        assertFalse(c.out.contains("pg.concurrently-in-transaction"), c.toString());
        // a builder index generated at its call
        assertTrue(c.out.contains("20240212103000_invoice_status.js:4:9: HIGH pg.require-concurrent-index"), c.toString());
        // a loop and a template string with ${} are uncertain at their positions, never skipped
        assertTrue(c.out.contains("20240402150000_archive_old_plans.js:7:19: CRITICAL core.uncertain-code"), c.toString());
        assertTrue(c.out.contains("20240402150000_archive_old_plans.js:10:11: CRITICAL core.uncertain-code"), c.toString());
        // down functions are paired, not judged
        assertFalse(c.out.contains("pg.drop-table"), c.toString());
        assertEquals(1, c.code, c.toString());
    }

    @Test
    void uptimeKumaShapeOnSqlite() {
        Cli c = Cli.run("check", RES + "/uptime-shape", "--dialect", "sqlite", "--format", "text");
        assertTrue(c.out.contains("Detected: knex (sqlite 6 files)"), c.toString());
        assertTrue(c.out.contains("2023-10-12-1100-probe-token-to-40.js:5:13: CRITICAL core.uncertain-code"), c.toString());
        assertTrue(c.out.contains("copying the whole table"), c.toString());
        assertTrue(c.out.contains("2025-03-01-0000-extra-data.js:4:11: CRITICAL core.uncertain-code"), c.toString());
        assertFalse(c.out.contains("Error:"), c.toString());
        assertEquals(1, c.code, c.toString());
    }

    @Test
    void flowiseShapeReadsEachFolderWithItsDialect() {
        Cli c = Cli.run("check", RES + "/flowise-shape", "--format", "text");
        assertTrue(c.out.contains("Detected: typeorm (mysql 2, postgres 5, sqlite 2 files)"), c.toString());
        assertTrue(c.out.contains("0 unparsed"), c.toString());
        // the same rules as for SQL files, on strings read in place
        assertTrue(c.out.contains("postgres/1700000000500-AddChatType.ts:12:34: HIGH pg.set-not-null"), c.toString());
        assertTrue(c.out.contains("mysql/1700000000600-AddCategory.ts:9:15: CRITICAL mysql.alter-copies-table"), c.toString());
        // CONCURRENTLY in TypeORM's default transaction is found; with transaction = false it is not
        assertTrue(c.out.contains("1700000001200-ConcurrentSearchIndex.ts:7:34: LOW pg.typeorm-concurrent-index-in-transaction"),
                c.toString());
        assertFalse(c.out.contains("ConcurrentMessageIndex.ts:7:34"), c.toString());
        assertFalse(c.out.contains("pg.concurrently-in-transaction"), c.toString());
        // the table API: generated SQL at the call; SQLite rebuilds are uncertain
        assertTrue(c.out.contains("postgres/1700000000900-AddFlowIndexes.ts:9:15: HIGH pg.require-concurrent-index"), c.toString());
        assertTrue(c.out.contains("sqlite/1700000000700-ModifyFlow.ts:11:15: CRITICAL core.uncertain-code"), c.toString());
        assertEquals(1, c.code, c.toString());
    }
}
