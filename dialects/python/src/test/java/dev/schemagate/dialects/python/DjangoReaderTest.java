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

class DjangoReaderTest {
    private final DjangoReader reader = new DjangoReader();

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private CodeMigration read(Dialect d, String classBody) {
        String src = "from django.db import migrations, models\nimport django.db.models.deletion\n\n\n"
                + "class Migration(migrations.Migration):\n" + classBody;
        return reader.read(new Migration("shop/migrations/0002_x.py", "shop.0002_x", d, Migration.Direction.UP,
                "django", Migration.TxMode.UNKNOWN), src);
    }

    private static String sql(List<CodeOp> ops) {
        StringBuilder b = new StringBuilder();
        for (CodeOp op : ops) {
            b.append(op.shape()).append(' ').append(op.sql() != null ? op.sql() : op.reason()).append('\n');
        }
        return b.toString();
    }

    @Test
    void ordersByDependenciesWithMergesAndFirst() throws Exception {
        Path root = Path.of("src/test/resources/django-saleor-shape");
        CodeLayout l = reader.claim(root, files(root), null);
        assertEquals(Dialect.POSTGRES, l.getDialect());
        assertTrue(l.getEvidence().contains("shop/settings/base.py"), l.getEvidence());
        List<String> ids = l.getFiles().stream().map(CodeLayout.File::id).toList();
        assertEquals(List.of("account.0001_initial", "account.0002_user_note", "product.0001_initial",
                "order.0001_initial", "order.0002_data", "product.0002_product_search", "product.0003_product_rating",
                "product.0003_product_weight", "product.0004_merge", "order.0003_constraints"), ids);
        assertTrue(l.getProblems().isEmpty(), l.getProblems().toString());
        assertTrue(l.getMarkers().stream().anyMatch(p -> p.endsWith("migrations/__init__.py")));
    }

    @Test
    void unknownDependencyAndCyclesAreProblems(@TempDir Path dir) throws Exception {
        Path m = Files.createDirectories(dir.resolve("shop/migrations"));
        Files.writeString(m.resolve("__init__.py"), "");
        Files.writeString(m.resolve("0001_a.py"), "from django.db import migrations\n\n"
                + "class Migration(migrations.Migration):\n    dependencies = [(\"shop\", \"0002_b\")]\n"
                + "    operations = []\n");
        Files.writeString(m.resolve("0002_b.py"), "from django.db import migrations\n\n"
                + "class Migration(migrations.Migration):\n    dependencies = [(\"shop\", \"0001_a\"),"
                + " (\"shop\", \"0009_gone\")]\n    operations = []\n");
        CodeLayout l = reader.claim(dir, files(dir), null);
        assertNull(l.getDialect());
        assertEquals(2, l.getFiles().size(), "files on a cycle are still checked");
        assertTrue(l.getProblems().stream().anyMatch(p -> p.message().contains("0009_gone") && p.line() == 4
                && p.column() == 41), l.getProblems().toString());
        assertTrue(l.getProblems().stream().anyMatch(p -> p.message().contains("cycle")), l.getProblems().toString());
    }

    @Test
    void addFieldWithDefaultAddsThenDropsTheDefault() {
        CodeMigration m = read(Dialect.POSTGRES, "    operations = [\n"
                + "        migrations.AddField(model_name='order', name='status',"
                + " field=models.CharField(default='new', max_length=16), preserve_default=False),\n"
                + "        migrations.AddField(model_name='order', name='customer',"
                + " field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to='crm.customer')),\n"
                + "    ]\n");
        String s = sql(m.getUp());
        assertTrue(s.contains("ALTER TABLE shop_order ADD COLUMN status varchar(16) NOT NULL DEFAULT 'new';\n"
                + "ALTER TABLE shop_order ALTER COLUMN status DROP DEFAULT"), s);
        assertTrue(s.contains("ADD COLUMN customer_id bigint;\nALTER TABLE shop_order ADD CONSTRAINT "
                + "shop_order_customer_id_fk FOREIGN KEY (customer_id) REFERENCES crm_customer (id) DEFERRABLE "
                + "INITIALLY DEFERRED;\nCREATE INDEX shop_order_customer_id_idx ON shop_order (customer_id)"), s);
        assertTrue(m.hasDown());
        assertEquals(Boolean.TRUE, m.getTransactional());
        String down = sql(m.getDown());
        assertTrue(down.indexOf("DROP COLUMN customer_id") < down.indexOf("DROP COLUMN status"),
                "the reverse runs in reverse order: " + down);
    }

    @Test
    void runSqlRunPythonAtomicAndReversibility() {
        CodeMigration m = read(Dialect.POSTGRES, "    atomic = False\n    operations = [\n"
                + "        migrations.RunSQL(\n            [\"SELECT 1\", (\"UPDATE t SET a = %s\", [1])],\n"
                + "            reverse_sql=migrations.RunSQL.noop,\n        ),\n"
                + "        migrations.RunPython(forwards, migrations.RunPython.noop),\n"
                + "    ]\n");
        assertEquals(Boolean.FALSE, m.getTransactional());
        assertEquals(CodeOp.Shape.LITERAL, m.getUp().get(0).shape());
        assertEquals(9, m.getUp().get(0).line());
        assertEquals(15, m.getUp().get(0).column());
        assertEquals(CodeOp.Shape.UNCERTAIN, m.getUp().get(2).shape());
        assertTrue(m.getUp().get(2).reason().contains("forwards"));
        assertTrue(m.hasDown());
        CodeMigration irreversible = read(Dialect.POSTGRES, "    operations = [\n"
                + "        migrations.RunPython(forwards),\n    ]\n");
        assertFalse(irreversible.hasDown());
        assertTrue(reader.irreversibleReason(new Migration("shop/migrations/0002_x.py", "x", Dialect.POSTGRES,
                Migration.Direction.UP, "django", Migration.TxMode.UNKNOWN), "from django.db import migrations\n"
                + "class Migration(migrations.Migration):\n    operations = [migrations.RunSQL('DELETE FROM t')]\n")
                .contains("RunSQL at line 3 has no reverse_sql"));
    }

    @Test
    void modelsIndexesConstraintsAndSeparateState() {
        CodeMigration m = read(Dialect.POSTGRES, "    operations = [\n"
                + "        migrations.CreateModel(name='Tag', fields=[\n"
                + "            ('id', models.BigAutoField(primary_key=True, serialize=False)),\n"
                + "            ('name', models.CharField(max_length=50, db_index=True)),\n"
                + "        ], options={'db_table': 'tags'}),\n"
                + "        migrations.AddIndex(model_name='tag', index=models.Index(fields=['-name'], name='tag_name_idx')),\n"
                + "        migrations.AddConstraint(model_name='tag', constraint=models.CheckConstraint("
                + "check=models.Q(name__isnull=False) & models.Q(id__gt=0), name='tag_ok')),\n"
                + "        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel('Tag')],"
                + " database_operations=[]),\n"
                + "        migrations.RenameModel('Tag', 'Label'),\n"
                + "        migrations.AlterUniqueTogether(name='tag', unique_together={('name',)}),\n"
                + "    ]\n");
        String s = sql(m.getUp());
        assertTrue(s.contains("CREATE TABLE tags (\n    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
                + "    name varchar(50) NOT NULL\n);\nCREATE INDEX tags_name_idx ON tags (name)"), s);
        assertTrue(s.contains("CREATE INDEX tag_name_idx ON tags (name DESC)"), s);
        assertTrue(s.contains("CHECK ((name IS NOT NULL AND id > 0))"), s);
        assertFalse(s.contains("DROP TABLE"), "state_operations are not run: " + s);
        assertTrue(s.contains("ALTER TABLE tags RENAME TO shop_label"), s);
        assertTrue(s.contains("UNCERTAIN migrations.AlterUniqueTogether"), s);
    }

    @Test
    void otherDialects() {
        String ops = "    operations = [\n"
                + "        migrations.AddField(model_name='order', name='paid', field=models.BooleanField(default=False)),\n"
                + "        migrations.AlterField(model_name='order', name='note', field=models.TextField(null=True)),\n"
                + "    ]\n";
        String my = sql(read(Dialect.MYSQL, ops).getUp());
        assertTrue(my.contains("ADD COLUMN paid bool NOT NULL DEFAULT 0"), my);
        assertTrue(my.contains("ALTER TABLE shop_order MODIFY note longtext NULL"), my);
        String lite = sql(read(Dialect.SQLITE, ops).getUp());
        assertTrue(lite.contains("ADD COLUMN paid boolean NOT NULL DEFAULT 0"), lite);
        assertTrue(lite.contains("UNCERTAIN AlterField on SQLite"), lite);
    }
}
