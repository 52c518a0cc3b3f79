package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alembic and Django migrations through the whole command line: discovery, readers, rules, reports. */
class PythonMigrationsTest {
    private static final String ALEMBIC = "examples/postgres-alembic/migrations/versions/";
    private static final String DJANGO = "examples/postgres-django/orders/migrations/";

    @Test
    void alembicExampleIsCheckedWithTheToolRulesAtSourcePositions() {
        Cli c = Cli.runIn(Cli.ROOT, "check", "examples/postgres-alembic", "--format", "text");
        assertEquals(1, c.code, c.toString());
        assertTrue(c.out.contains("Detected: alembic (postgres 3 files)"), c.toString());
        assertTrue(c.out.contains(ALEMBIC + "2024_03_02_141500_8b7c6d5e4f3a_add_priority_and_index.py:18:5: HIGH "
                + "pg.alembic-index-not-concurrent"), c.toString());
        assertTrue(c.out.contains("postgresql_concurrently=True"), c.toString());
        assertFalse(c.out.contains("pg.require-concurrent-index"), "one finding per index: " + c);
        assertTrue(c.out.contains(ALEMBIC + "2024_03_02_141500_8b7c6d5e4f3a_add_priority_and_index.py:19:5: HIGH "
                + "pg.set-not-null"), c.toString());
        // the SQL string inside sa.text("""...""") keeps its line in the file
        assertTrue(c.out.contains(ALEMBIC + "2024_05_20_080000_c1d2e3f4a5b6_concurrent_index_and_backfill.py:31:13: "
                + "MEDIUM pg.require-statement-timeout"), c.toString());
        assertTrue(c.out.contains("concurrent_index_and_backfill.py:36:5: CRITICAL core.uncertain-code"), c.toString());
        assertTrue(c.out.contains("calls backfill_in_batches()"), c.toString());
        // autocommit_block(): the concurrent index is outside the revision's transaction, and nothing is left open
        assertFalse(c.out.contains("concurrently-in-transaction"), c.toString());
        assertFalse(c.out.contains("pg.transaction-nesting"), c.toString());
        assertFalse(c.out.contains("pg.uncommitted-transaction"), c.toString());
    }

    @Test
    void djangoExampleIsCheckedInDependencyOrder() {
        Cli c = Cli.runIn(Cli.ROOT, "check", "examples/postgres-django", "--format", "text");
        assertEquals(1, c.code, c.toString());
        assertTrue(c.out.contains("Detected: django (postgres 5 files)"), c.toString());
        assertTrue(c.out.contains(DJANGO + "0002_order_status.py:22:9: HIGH pg.django-add-index-not-concurrent"),
                c.toString());
        assertTrue(c.out.contains("AddIndexConcurrently"), c.toString());
        assertTrue(c.out.contains(DJANGO + "0002_order_status.py:26:9: CRITICAL core.uncertain-code"), c.toString());
        // AUTH_USER_MODEL = "accounts.User" whose db_table is account_user
        assertTrue(c.out.contains("on account_user"), c.toString());
        // RunSQL without reverse_sql: Django cannot unapply 0004
        assertTrue(c.out.contains(DJANGO + "0004_remove_note.py:10:28: MEDIUM core.missing-down"), c.toString());
        assertTrue(c.out.contains("pg.rename-column"), c.toString());
        // 0003 is atomic = False: its concurrent index is not in a transaction
        assertFalse(c.out.contains("pg.django-concurrent-index-atomic"), c.toString());
    }

    @Test
    void jsonOutputIsTheSameBytesTwice() {
        Cli a = Cli.runIn(Cli.ROOT, "check", "examples/postgres-django", "examples/postgres-alembic", "--format", "json");
        Cli b = Cli.runIn(Cli.ROOT, "check", "examples/postgres-django", "examples/postgres-alembic", "--format", "json");
        assertEquals(a.out, b.out);
        assertTrue(a.out.contains("\"pg.django-add-index-not-concurrent\""), a.toString());
    }

    @Test
    void perDialectFoldersBrokenChainsAndSyntaxErrors(@TempDir Path dir) throws Exception {
        String shape = Cli.ROOT.resolve("dialects/python/src/test/resources/alembic-prefect-shape").toString();
        Cli lite = Cli.runIn(Cli.ROOT, "check", shape, "--dialect", "sqlite", "--format", "text");
        assertEquals(2, lite.code, lite.toString());
        assertTrue(lite.out.contains("Detected: alembic (sqlite 3 files)"), lite.toString());
        assertTrue((lite.out + lite.err).contains("s333_broken.py:9:17: down_revision s999"), lite.toString());
        assertTrue(lite.out.contains("batch_alter_table on SQLite with alter_column"), lite.toString());

        Path v = Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("migrations/env.py"), "");
        Files.writeString(v.resolve("a1_t.py"), "import sqlalchemy as sa\nfrom alembic import op\nrevision = 'a1'\n"
                + "down_revision = None\n\ndef upgrade():\n    op.create_table('t', sa.Column('id', sa.Integer(), "
                + "primary_key=True), sa.Column('x', sa.Text()))\n");
        Files.writeString(v.resolve("b2_broken.py"), "from alembic import op\nrevision = 'b2'\ndown_revision = 'a1'\n\n"
                + "def upgrade(:\n    op.drop_column('t', 'x')\n");
        Files.writeString(v.resolve("c3_drop.py"), "from alembic import op\nrevision = 'c3'\ndown_revision = 'b2'\n\n"
                + "def upgrade():\n    op.drop_column('t', 'x')\n");
        Cli c = Cli.runIn(dir, "check", ".", "--format", "text");
        assertTrue(c.out.contains("b2_broken.py:5:"), c.toString());
        assertTrue(c.out.contains("core.unparsed-statement"), c.toString());
        assertTrue(c.out.contains("c3_drop.py:6:5:"), "the run goes on after the broken file: " + c);
        assertTrue(c.out.contains("pg.drop-column"), c.toString());
    }
}
