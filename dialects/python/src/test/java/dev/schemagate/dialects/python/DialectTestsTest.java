package dev.schemagate.dialects.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.spi.CodeMigrationReader;
import org.junit.jupiter.api.Test;

/**
 * Alembic and Django migrations that branch on the database: only the branch that runs on the project's dialect
 * is read; a branch that cannot be decided stays uncertain and says why.
 */
class DialectTestsTest {
    private static String ops(CodeMigrationReader r, String path, String src, Dialect d, boolean named) {
        CodeMigration cm = r.read(new Migration(path, "x", d, Migration.Direction.UP, r.tool(), Migration.TxMode.UNKNOWN),
                src, named);
        assertTrue(cm.getProblems().isEmpty(), cm.getProblems().toString());
        StringBuilder b = new StringBuilder();
        for (CodeOp op : cm.getUp()) {
            b.append(op.line()).append(' ').append(op.shape()).append(' ')
                    .append(op.sql() != null ? op.sql() : op.reason()).append('\n');
        }
        return b.toString();
    }

    private static String alembic(String body) {
        return "import sqlalchemy as sa\nfrom alembic import op, context\n\nrevision = \"r1\"\ndown_revision = None\n\n\n"
                + "def upgrade():\n" + body + "\n\ndef downgrade():\n    pass\n";
    }

    private static final String CHAIN = alembic(""
            + "    if op.get_bind().dialect.name == \"postgresql\":\n"                           // 9
            + "        op.execute(\"CREATE EXTENSION IF NOT EXISTS pg_trgm\")\n"                   // 10
            + "    elif op.get_context().dialect.name in (\"mysql\", \"mariadb\"):\n"            // 11
            + "        op.execute(\"ALTER TABLE t ADD FULLTEXT INDEX t_ft (x)\")\n"               // 12
            + "    else:\n"                                                                     // 13
            + "        op.execute(\"PRAGMA foreign_keys = ON\")\n");                              // 14

    @Test
    void alembicIfElifElseReadsOnlyTheBranchOfTheDialect() {
        AlembicReader r = new AlembicReader();
        assertEquals("10 LITERAL CREATE EXTENSION IF NOT EXISTS pg_trgm\n", ops(r, "v/r1.py", CHAIN, Dialect.POSTGRES, true));
        assertEquals("12 LITERAL ALTER TABLE t ADD FULLTEXT INDEX t_ft (x)\n", ops(r, "v/r1.py", CHAIN, Dialect.MARIADB, true));
        assertEquals("14 LITERAL PRAGMA foreign_keys = ON\n", ops(r, "v/r1.py", CHAIN, Dialect.SQLITE, true));
        // an assumed dialect decides nothing: the if stays uncertain, with the reason
        String assumed = ops(r, "v/r1.py", CHAIN, Dialect.POSTGRES, false);
        assertTrue(assumed.startsWith("9 UNCERTAIN a branch on the database (op.get_bind().dialect.name == \"postgresql\")"),
                assumed);
        assertTrue(assumed.contains("assumed, not named"), assumed);
        assertEquals(1, assumed.split("\n").length, assumed);
    }

    @Test
    void alembicNamesBoundToTheDialectNegationsAndUndecidableConditions() {
        String src = alembic(""
                + "    bind = op.get_bind()\n"                                                   // 9
                + "    is_lite = bind.dialect.name == \"sqlite\"\n"                               // 10
                + "    name = context.get_context().dialect.name\n"                              // 11
                + "    if not is_lite and name != \"mysql\":\n"                                  // 12
                + "        op.execute(\"SELECT 1\")\n"                                            // 13
                + "    if name in SUPPORTED:\n"                                                  // 14
                + "        op.execute(\"SELECT 2\")\n"                                            // 15
                + "    if some_flag:\n"                                                          // 16
                + "        op.execute(\"SELECT 3\")\n");                                          // 17
        AlembicReader r = new AlembicReader();
        String pg = ops(r, "v/r1.py", src, Dialect.POSTGRES, true);
        assertTrue(pg.startsWith("13 LITERAL SELECT 1\n14 UNCERTAIN a branch on the database (name in SUPPORTED)"), pg);
        assertTrue(pg.contains("looked up in `SUPPORTED`, which is known only at run time"), pg);
        // a condition on anything else stays what it was
        assertTrue(pg.endsWith("16 UNCERTAIN a branch: which operations run depends on a condition known only at run time\n"), pg);
        assertEquals(2, ops(r, "v/r1.py", src, Dialect.SQLITE, true).split("\n").length);
    }

    private static String django(String module, String body) {
        return "from django.db import connection, migrations, models\n\n" + module
                + "\nclass Migration(migrations.Migration):\n    dependencies = []\n" + body;
    }

    @Test
    void djangoClassBodyBranchesConditionalExpressionsAndAppends() {
        String src = django("", ""
                + "    if connection.vendor == \"postgresql\":\n"                                 // 6
                + "        operations = [migrations.RunSQL(\"CREATE EXTENSION IF NOT EXISTS pg_trgm\", migrations.RunSQL.noop)]\n"
                + "    else:\n"
                + "        operations = [migrations.RunSQL(\"ALTER TABLE t ENGINE=InnoDB\", migrations.RunSQL.noop)]\n" // 9
                + "    operations += [migrations.RunSQL(\"SELECT 1\", \"SELECT 1\")] if connection.vendor != \"sqlite\" else []\n"
                + "    if connection.vendor in (\"mysql\",):\n"                                   // 11
                + "        operations.append(migrations.RunSQL(\"SELECT 2\", \"SELECT 2\"))\n");  // 12
        DjangoReader r = new DjangoReader();
        String p = "shop/migrations/0002_x.py";
        assertEquals("7 LITERAL CREATE EXTENSION IF NOT EXISTS pg_trgm\n10 LITERAL SELECT 1\n",
                ops(r, p, src, Dialect.POSTGRES, true));
        assertEquals("9 LITERAL ALTER TABLE t ENGINE=InnoDB\n10 LITERAL SELECT 1\n12 LITERAL SELECT 2\n",
                ops(r, p, src, Dialect.MARIADB, true));
        assertEquals("9 LITERAL ALTER TABLE t ENGINE=InnoDB\n", ops(r, p, src, Dialect.SQLITE, true));
        String assumed = ops(r, p, src, Dialect.POSTGRES, false);
        assertTrue(assumed.startsWith("6 UNCERTAIN a branch on the database (connection.vendor == \"postgresql\")"), assumed);
        assertTrue(assumed.contains("the operations it sets are not read"), assumed);
    }

    @Test
    void djangoRunPythonThatReturnsOnOtherDatabasesDoesNothingThere() {
        String src = django(""
                + "def forwards(apps, schema_editor):\n"
                + "    \"\"\"Trigram search on PostgreSQL only.\"\"\"\n"
                + "    if schema_editor.connection.vendor != \"postgresql\":\n"
                + "        return\n"
                + "    schema_editor.execute(\"CREATE EXTENSION IF NOT EXISTS pg_trgm\")\n\n\n"
                + "def only_mysql(apps, schema_editor):\n"
                + "    if schema_editor.connection.vendor == \"mysql\":\n"
                + "        schema_editor.execute(\"SELECT 1\")\n", ""
                + "    operations = [\n"
                + "        migrations.RunPython(forwards, migrations.RunPython.noop),\n"
                + "        migrations.RunPython(only_mysql, migrations.RunPython.noop),\n"
                + "    ]\n");
        DjangoReader r = new DjangoReader();
        String p = "shop/migrations/0002_x.py";
        String lite = ops(r, p, src, Dialect.SQLITE, true);
        assertEquals("", lite);
        String pg = ops(r, p, src, Dialect.POSTGRES, true);
        assertEquals(1, pg.split("\n").length, pg);
        assertTrue(pg.contains("RunPython runs Python code (forwards)"), pg);
        String my = ops(r, p, src, Dialect.MYSQL, true);
        assertEquals(1, my.split("\n").length, my);
        assertTrue(my.contains("RunPython runs Python code (only_mysql)"), my);
        // not named: both stay uncertain
        assertEquals(2, ops(r, p, src, Dialect.SQLITE, false).split("\n").length);
    }
}
