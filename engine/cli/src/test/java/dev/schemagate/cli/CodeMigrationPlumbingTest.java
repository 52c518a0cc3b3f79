package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path every code-migration reader (Alembic, Django, Knex, TypeORM) takes through discovery and the engine,
 * driven by {@link FakeCodeReader}: claimed files, SQL placed at the call or inside the string, uncertain code and
 * syntax errors as findings, down parts paired, transactions from the file.
 */
class CodeMigrationPlumbingTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    @Test
    void claimedFilesAreCheckedWithTheDialectRulesAtSourcePositions() throws Exception {
        write("fake.ini", "");
        write("001_users.fake", "sql CREATE TABLE users (id bigint PRIMARY KEY, email text);\ndown\ngen DROP TABLE users;\n");
        write("002_index.fake", "# a comment line\ngen CREATE INDEX users_email ON users (email);\n"
                + "sql SELECT 1;\\n  CREATE INDEX users_id2 ON users (id);\ncode loops over tables\n");
        Cli c = Cli.runIn(dir, "check", ".", "--format", "text");
        assertTrue(c.out.contains("fake"), c.toString());
        // generated SQL is placed at the call (line 2, column 1)
        assertTrue(c.out.contains("002_index.fake:2:1"), c.toString());
        // a second statement inside the string keeps its own line and column in the file
        assertTrue(c.out.contains("002_index.fake:4:3"), c.toString());
        assertTrue(c.out.contains("pg.require-concurrent-index"), c.toString());
        // code whose effect is unknown is an uncertain finding at its line
        assertTrue(c.out.contains("002_index.fake:4:1: CRITICAL core.uncertain-code"), c.toString());
        assertTrue(c.out.contains("core.uncertain-code"), c.toString());
        assertTrue(c.out.contains("fake layout problem"), c.toString());
        // 001's down part is read for pairing, never judged: its DROP TABLE is not a finding
        assertFalse(c.out.contains("pg.drop-table"), c.toString());
        assertTrue(c.out.contains("1 skipped"), c.toString());
        assertEquals(2, c.code, c.toString()); // the layout problem is an input error
    }

    @Test
    void syntaxErrorsAreUncertainAndAutocommitBlocksLeaveTheTransaction() throws Exception {
        write("fake.ini", "");
        write("001_t.fake", "sql CREATE TABLE t (id bigint PRIMARY KEY, x int);\n");
        write("002_broken.fake", "gen SELECT 1;\nsyntax\n");
        write("003_conc.fake", "outside\ngen CREATE INDEX CONCURRENTLY t_x ON t (x);\n");
        Cli c = Cli.runIn(dir, "check", ".", "--format", "text");
        assertTrue(c.out.contains("002_broken.fake:2:3"), c.toString());
        assertTrue(c.out.contains("core.unparsed-statement"), c.toString());
        // the tool commits before an autocommit block, so CONCURRENTLY is not inside a transaction
        assertFalse(c.out.contains("pg.concurrently-in-transaction"), c.toString());
        write("003_conc.fake", "gen CREATE INDEX CONCURRENTLY t_x ON t (x);\n");
        Cli d = Cli.runIn(dir, "check", ".", "--format", "text");
        assertTrue(d.out.contains("pg.concurrently-in-transaction"), d.toString());
    }
}
