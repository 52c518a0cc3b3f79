package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on Knex, TypeORM, Alembic and Django projects whose migrations branch on the database: the
 * PostgreSQL projects (knexfile client, data source type, sqlalchemy.url, settings ENGINE) read only their
 * PostgreSQL branches, so the MySQL SQL of the other branches is neither a false {@code core.unparsed-statement}
 * nor replayed; {@code --dialect} picks the other branch; without a named dialect the branch is not decided.
 */
class DialectBranchesCheckTest {
    private static final Path RES = Cli.ROOT.resolve("engine/cli/src/test/resources/dialect-branches");

    @TempDir
    Path dir;

    private static Cli check(String project, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "check";
        args[1] = RES.resolve(project).toString();
        args[2] = "--format";
        args[3] = "text";
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.run(args);
    }

    @Test
    void knexReadsTheBranchOfTheKnexfileClient() {
        Cli c = check("knex");
        assertTrue(c.out.contains("0 unparsed"), c.toString());
        assertFalse(c.out.contains("core.unparsed-statement"), c.toString());
        assertFalse(c.out.contains("core.uncertain-code"), c.toString());
        // the PostgreSQL case of the switch on knex.client.dialect, and the index outside the SQLite-only test
        assertTrue(c.out.contains("20240102000000_email_index.js:14:23: HIGH pg.require-lock-timeout"), c.toString());
        assertTrue(c.out.contains("20240102000000_email_index.js:21:7: HIGH pg.require-concurrent-index"), c.toString());
        Cli my = check("knex", "--dialect", "mysql");
        assertTrue(my.out.contains("20240102000000_email_index.js:11:23: MEDIUM mysql.modify-not-null"), my.toString());
        assertFalse(my.out.contains("email_index.js:14:"), my.toString());
        assertFalse(my.out.contains("core.unparsed-statement"), my.toString());
    }

    @Test
    void typeOrmReadsTheBranchOfTheDataSourceType() {
        Cli c = check("typeorm");
        assertTrue(c.out.contains("Detected: typeorm (postgres 2 files)"), c.toString());
        assertTrue(c.out.contains("0 unparsed"), c.toString());
        assertFalse(c.out.contains(": CRITICAL "), c.toString());
        // after `if (type !== "postgres") return;` the constraint is read on PostgreSQL
        assertTrue(c.out.contains("1700000000100-EmailIndex.ts:16:30: HIGH pg.require-lock-timeout"), c.toString());
    }

    @Test
    void alembicReadsTheBranchOfTheUrl() {
        Cli c = check("alembic");
        assertFalse(c.out.contains("core.uncertain-code"), c.toString());
        assertTrue(c.out.contains("a2_email_index.py:17:9: HIGH pg.add-column-not-null-without-default"), c.toString());
        Cli lite = check("alembic", "--dialect", "sqlite");
        assertFalse(lite.out.contains("a2_email_index.py:17:"), lite.toString());
        assertFalse(lite.out.contains("core.uncertain-code"), lite.toString());
    }

    @Test
    void djangoReadsTheBranchOfTheEngine() {
        Cli c = check("django");
        assertFalse(c.out.contains("core.unparsed-statement"), c.toString());
        assertFalse(c.out.contains("core.uncertain-code"), c.toString());
        assertTrue(c.out.contains("0002_email_search.py:16:18: HIGH pg.django-add-index-not-concurrent"), c.toString());
    }

    @Test
    void withoutANamedDialectTheBranchIsUncertainAndEveryBranchIsRead() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        for (String f : new String[] {"20240101000000_accounts.js", "20240102000000_email_index.js"}) {
            Files.copy(RES.resolve("knex/migrations/" + f), dir.resolve("migrations/" + f));
        }
        Cli c = Cli.runIn(dir, "check", ".", "--format", "text");
        assertTrue(c.out.contains("20240102000000_email_index.js:4:7: CRITICAL core.uncertain-code"), c.toString());
        assertTrue(c.out.contains("the project's dialect is assumed, not named"), c.toString());
        assertTrue(c.out.contains("20240102000000_email_index.js:9:11: CRITICAL core.uncertain-code"), c.toString());
        // as before: the MySQL branch is read too and reported as unparsed
        assertTrue(c.out.contains("20240102000000_email_index.js:7:80: CRITICAL core.unparsed-statement"), c.toString());
        assertEquals(1, c.code, c.toString());
    }
}
