package dev.schemagate.dialects.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlembicReaderTest {
    private final AlembicReader reader = new AlembicReader();

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private CodeMigration read(Dialect d, String body) {
        String src = "import sqlalchemy as sa\nfrom alembic import op\nrevision = \"r1\"\ndown_revision = None\n\n"
                + "def upgrade():\n" + body + "\n\ndef downgrade():\n    pass\n";
        return reader.read(new Migration("versions/r1.py", "r1", d, Migration.Direction.UP, "alembic",
                Migration.TxMode.UNKNOWN), src);
    }

    private static String sql(CodeMigration m) {
        StringBuilder b = new StringBuilder();
        for (CodeOp op : m.getUp()) {
            b.append(op.shape()).append(' ').append(op.sql() != null ? op.sql() : op.reason()).append('\n');
        }
        return b.toString();
    }

    @Test
    void ordersMergesAndBranchesAndReportsABrokenChainAtItsPosition() throws Exception {
        Path root = Path.of("src/test/resources/alembic-prefect-shape");
        CodeLayout pg = reader.claim(root, files(root), null);
        assertEquals(Dialect.POSTGRES, pg.getDialect());
        assertEquals(List.of("aaa111", "bbb222", "ccc333", "ddd444", "eee555"),
                pg.getFiles().stream().map(CodeLayout.File::id).toList());
        assertTrue(pg.getEvidence().contains("versions/sqlite (--dialect sqlite)"), pg.getEvidence());
        assertTrue(pg.getProblems().isEmpty(), pg.getProblems().toString());
        assertTrue(pg.getMarkers().stream().anyMatch(p -> p.endsWith("alembic.ini")));
        CodeLayout lite = reader.claim(root, files(root), Dialect.SQLITE);
        assertEquals(Dialect.SQLITE, lite.getDialect());
        assertEquals(1, lite.getProblems().size());
        CodeLayout.Problem p = lite.getProblems().get(0);
        assertTrue(p.path().toString().endsWith("s333_broken.py"));
        assertEquals(9, p.line());
        assertEquals(17, p.column());
        assertTrue(p.message().contains("down_revision s999"), p.message());
    }

    @Test
    void dialectComesFromALiteralUrlElseItIsNotNamed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("migrations/env.py"), "");
        Files.writeString(dir.resolve("migrations/versions/a1_x.py"), "revision = 'a1'\ndown_revision = None\n");
        Files.writeString(dir.resolve("alembic.ini"), "[alembic]\nscript_location = migrations\n"
                + "sqlalchemy.url = mysql+pymysql://u@h/db\n");
        CodeLayout l = reader.claim(dir, files(dir), null);
        assertEquals(Dialect.MYSQL, l.getDialect());
        assertTrue(l.getEvidence().contains("sqlalchemy.url"), l.getEvidence());
        assertEquals(Dialect.SQLITE, reader.claim(dir, files(dir), Dialect.SQLITE).getDialect());
        Files.writeString(dir.resolve("alembic.ini"), "[alembic]\nscript_location = migrations\n"
                + "sqlalchemy.url = driver://user:pass@localhost/dbname\n");
        CodeLayout u = reader.claim(dir, files(dir), null);
        assertNull(u.getDialect());
        assertTrue(u.getEvidence().contains("PostgreSQL assumed"), u.getEvidence());
    }

    @Test
    void aScriptLocationNoFileSystemCanHoldIsAProblemAtItsPositionNotACrash(@TempDir Path dir) throws Exception {
        // found by .ci/fuzz-long (alembic projects, seed 20261217, try 27559): a NUL in script_location made
        // Path.resolve throw and the whole layout went unread
        Files.createDirectories(dir.resolve("migrations/versions"));
        Files.writeString(dir.resolve("migrations/env.py"), "");
        Files.writeString(dir.resolve("migrations/versions/a1_x.py"), "revision = 'a1'\ndown_revision = None\n");
        Files.writeString(dir.resolve("alembic.ini"), "# config\r\n[alembic]\nscript_location = %(her\u0000e)s/migrations\n");
        CodeLayout l = reader.claim(dir, files(dir), null);
        assertEquals(List.of("a1"), l.getFiles().stream().map(CodeLayout.File::id).toList());
        assertEquals(1, l.getProblems().size(), l.getProblems().toString());
        CodeLayout.Problem p = l.getProblems().get(0);
        assertEquals(dir.resolve("alembic.ini"), p.path());
        assertEquals(3, p.line());
        assertEquals(19, p.column());
        assertTrue(p.message().startsWith("script_location is not a folder name a file system can hold"), p.message());
        assertTrue(p.message().endsWith("fix it in alembic.ini"), p.message());
    }

    @Test
    void columnsAndTypesPerDialect() {
        String body = "    op.add_column('t', sa.Column('c', sa.DateTime(timezone=True), nullable=False,"
                + " server_default=sa.text('now()')))\n"
                + "    op.add_column('t', sa.Column('flag', sa.Boolean(), server_default=sa.true()))\n"
                + "    op.add_column('t', sa.Column('s', sa.String(40), unique=True))\n";
        String pg = sql(read(Dialect.POSTGRES, body));
        assertTrue(pg.contains("ADD COLUMN c timestamptz NOT NULL DEFAULT now()"), pg);
        assertTrue(pg.contains("ADD COLUMN flag boolean DEFAULT true"), pg);
        assertTrue(pg.contains("ADD COLUMN s varchar(40) UNIQUE"), pg);
        String my = sql(read(Dialect.MYSQL, body));
        assertTrue(my.contains("ADD COLUMN c datetime NOT NULL DEFAULT now()"), my);
        assertTrue(my.contains("ADD COLUMN flag bool NULL DEFAULT 1"), my);
        String lite = sql(read(Dialect.SQLITE, body));
        assertTrue(lite.contains("ADD COLUMN flag boolean DEFAULT 1"), lite);
    }

    @Test
    void alterColumnPerDialect() {
        String body = "    op.alter_column('t', 'c', nullable=False, type_=sa.BigInteger(), existing_type=sa.Integer(),"
                + " new_column_name='d', server_default=None)\n";
        String pg = sql(read(Dialect.POSTGRES, body));
        assertTrue(pg.contains("ALTER TABLE t ALTER COLUMN c TYPE bigint;\nALTER TABLE t ALTER COLUMN c SET NOT NULL;\n"
                + "ALTER TABLE t ALTER COLUMN c DROP DEFAULT;\nALTER TABLE t RENAME COLUMN c TO d"), pg);
        String my = sql(read(Dialect.MYSQL, body));
        assertTrue(my.contains("ALTER TABLE t CHANGE c d bigint NOT NULL"), my);
        String lite = sql(read(Dialect.SQLITE, body));
        assertTrue(lite.startsWith("UNCERTAIN") && lite.contains("batch_alter_table"), lite);
        String noType = sql(read(Dialect.MYSQL, "    op.alter_column('t', 'c', nullable=True)\n"));
        assertTrue(noType.contains("needs existing_type"), noType);
    }

    @Test
    void indexesAndConstraints() {
        String body = "    op.create_index('ix', 't', ['a', sa.text('lower(b)')], unique=True,"
                + " postgresql_concurrently=True, postgresql_where=sa.text('a > 0'))\n"
                + "    op.drop_index('ix', table_name='t', postgresql_concurrently=True)\n"
                + "    op.create_unique_constraint('uq', 't', ['a'])\n"
                + "    op.drop_constraint('fk', 't', type_='foreignkey')\n"
                + "    op.rename_table('t', 'u')\n"
                + "    op.drop_table('u')\n";
        String pg = sql(read(Dialect.POSTGRES, body));
        assertTrue(pg.contains("CREATE UNIQUE INDEX CONCURRENTLY ix ON t (a, lower(b)) WHERE a > 0"), pg);
        assertTrue(pg.contains("DROP INDEX CONCURRENTLY ix"), pg);
        assertTrue(pg.contains("ALTER TABLE t ADD CONSTRAINT uq UNIQUE (a)"), pg);
        assertTrue(pg.contains("ALTER TABLE t DROP CONSTRAINT fk"), pg);
        assertTrue(pg.contains("ALTER TABLE t RENAME TO u"), pg);
        String my = sql(read(Dialect.MYSQL, body));
        assertTrue(my.contains("DROP INDEX ix ON t"), my);
        assertTrue(my.contains("ALTER TABLE t DROP FOREIGN KEY fk"), my);
        assertTrue(my.contains("RENAME TABLE t TO u"), my);
    }

    @Test
    void dynamicCodeIsUncertainAtItsPosition() {
        CodeMigration m = read(Dialect.POSTGRES, "    name = 'users'\n"
                + "    op.execute('ANALYZE ' + name)\n"
                + "    op.execute(f'VACUUM {name}')\n"
                + "    for t in TABLES:\n        op.drop_table(t)\n"
                + "    helpers.rebuild(op)\n"
                + "    op.add_column(name, sa.Column('x', myapp.types.Money()))\n");
        List<CodeOp> ops = m.getUp();
        assertEquals(CodeOp.Shape.LITERAL, ops.get(0).shape(), "constants are followed");
        assertEquals("ANALYZE users", ops.get(0).sql());
        assertEquals(CodeOp.Shape.UNCERTAIN, ops.get(1).shape());
        assertTrue(ops.get(1).reason().contains("f-string"), ops.get(1).reason());
        assertEquals(9, ops.get(1).line());
        assertEquals(5, ops.get(1).column());
        assertTrue(ops.get(2).reason().contains("loop"));
        assertTrue(ops.get(3).reason().contains("helpers.rebuild"));
        assertTrue(ops.get(4).reason().contains("type defined in the project"));
        assertEquals("users", ops.get(4).table());
    }

    @Test
    void autocommitBlocksAndBatchesOnPostgresAndSqlite() {
        String body = "    ctx = op.get_context()\n"
                + "    with ctx.autocommit_block():\n"
                + "        op.create_index('ix', 't', ['a'], postgresql_concurrently=True)\n"
                + "    with op.batch_alter_table('t') as b:\n"
                + "        b.alter_column('a', nullable=False, existing_type=sa.Integer())\n"
                + "        b.drop_column('z')\n";
        CodeMigration pg = read(Dialect.POSTGRES, body);
        assertTrue(pg.getUp().get(0).outsideTransaction());
        assertFalse(pg.getUp().get(1).outsideTransaction());
        String s = sql(pg);
        assertTrue(s.contains("ALTER TABLE t ALTER COLUMN a SET NOT NULL"), s);
        assertTrue(s.contains("ALTER TABLE t DROP COLUMN z"), s);
        CodeMigration lite = read(Dialect.SQLITE, body);
        assertEquals(2, lite.getUp().size());
        assertEquals(CodeOp.Shape.UNCERTAIN, lite.getUp().get(1).shape());
        assertTrue(lite.getUp().get(1).reason().contains("alter_column, drop_column"), lite.getUp().get(1).reason());
        CodeMigration add = read(Dialect.SQLITE, "    with op.batch_alter_table('t') as b:\n"
                + "        b.add_column(sa.Column('n', sa.Integer()))\n");
        assertEquals("ALTER TABLE t ADD COLUMN n integer", add.getUp().get(0).sql());
    }

    @Test
    void syntaxErrorsAndMissingUpgradeAreProblems() {
        CodeMigration broken = reader.read(new Migration("v.py", "v", Dialect.POSTGRES, Migration.Direction.UP,
                "alembic", Migration.TxMode.UNKNOWN), "def upgrade(:\n    op.drop_table('t')\n");
        assertFalse(broken.getProblems().isEmpty());
        CodeMigration none = reader.read(new Migration("v.py", "v", Dialect.POSTGRES, Migration.Direction.UP,
                "alembic", Migration.TxMode.UNKNOWN), "revision = 'x'\n");
        assertTrue(none.getProblems().get(0).message().contains("no upgrade()"));
        assertFalse(none.hasDown());
    }
}
