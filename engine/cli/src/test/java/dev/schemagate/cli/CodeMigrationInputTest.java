package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken input for the code-migration readers (Alembic, Django, Knex, TypeORM) through {@code check}: a migration
 * with a syntax error fails a gate at {@code --fail-on HIGH} with a CRITICAL finding at its position, the configured
 * "uncertain" risk is the one reported, a binary file is an input error (exit 2), a file in an odd encoding is read
 * like any other, and the output is the same bytes across runs and thread counts.
 */
class CodeMigrationInputTest {
    @TempDir
    Path tmp;

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    private Path write(String name, String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One project per tool, each with a migration that does not parse; value: where its first syntax error is. */
    private Map<String, String> brokenProjects() throws Exception {
        write("alembic/alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = postgresql://app@localhost/db\n");
        write("alembic/migrations/env.py", "from alembic import context\n");
        write("alembic/migrations/versions/0001_a1_broken.py", "from alembic import op\n\nrevision = \"a1\"\ndown_revision = None\n\n\n"
                + "def upgrade():\n    op.execute(\"SELECT 1\")\n    op.add_column(\"t\", sa.Column(\"c\", sa.Integer(), nullable=False)\n\n\n"
                + "def downgrade():\n    pass\n");
        write("django/app/__init__.py", "");
        write("django/app/migrations/__init__.py", "");
        write("django/app/migrations/0001_initial.py", "from django.db import migrations, models\n\n\n"
                + "class Migration(migrations.Migration):\n    dependencies = []\n\n    operations = [\n"
                + "        migrations.RunSQL(\"SELECT 1\"),\n        migrations.RemoveField(model_name=\"order\", name=\"note\"\n    ]\n");
        write("knex/knexfile.js", "module.exports = { client: \"pg\", migrations: { directory: \"./migrations\" } };\n");
        write("knex/migrations/20240101000000_broken.js", "exports.up = function (knex) {\n  return knex.raw(\"SELECT 1\")\n"
                + "    .then(() => knex.schema.dropTable(\"users\";\n};\n");
        write("typeorm/src/migrations/1700000000000-Broken.ts", "import { MigrationInterface, QueryRunner } from 'typeorm'\n\n"
                + "export class Broken1700000000000 implements MigrationInterface {\n"
                + "    public async up(queryRunner: QueryRunner): Promise<void> {\n        await queryRunner.query(`SELECT 1`)\n"
                + "        await queryRunner.query(`DROP TABLE users`\n    }\n}\n");
        Map<String, String> at = new LinkedHashMap<>();
        at.put("alembic", "0001_a1_broken.py:9:5: CRITICAL core.unparsed-statement");
        at.put("django", "0001_initial.py:9:63: CRITICAL core.unparsed-statement");
        at.put("knex", "20240101000000_broken.js:3:46: CRITICAL core.unparsed-statement");
        at.put("typeorm", "1700000000000-Broken.ts:7:5: CRITICAL core.unparsed-statement");
        return at;
    }

    @TestFactory
    List<DynamicTest> everyCodeReaderFailsTheGateOnWhatItCannotRead() throws Exception {
        Map<String, String> at = brokenProjects();
        Path cfg = write("schemagate.yaml", "uncertain_risk: MEDIUM\n");
        return at.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String dir = tmp.resolve(e.getKey()).toString();
            Cli r = Cli.run("check", "--fail-on", "HIGH", dir);
            assertEquals(1, r.code, r.toString());
            assertTrue(r.out.contains("Detected: " + e.getKey() + " (postgres 1 file)"), r.out);
            assertTrue(r.out.contains(e.getValue()), r.out);
            // the configured uncertain risk is the one reported
            r = Cli.run("check", "--config", cfg.toString(), "--fail-on", "CRITICAL", dir);
            assertTrue(r.out.contains(e.getValue().replace("CRITICAL", "MEDIUM")), r.out);
            assertFalse(r.out.contains("CRITICAL core.unparsed-statement"), r.out);
        })).toList();
    }

    @Test
    void binaryMigrationFileInACodeProjectIsAnInputErrorAndTheOthersAreChecked() throws Exception {
        Map<String, String> at = brokenProjects();
        byte[] binary = {'x', 0, 'y', 1, 2, 3};
        write("alembic/migrations/versions/0002_bin.py", binary);
        write("django/app/migrations/0002_bin.py", binary);
        write("knex/migrations/20240102000000_bin.js", binary);
        write("typeorm/src/migrations/1700000000001-Bin.ts",
                "export class Bin1700000000001 implements MigrationInterface {\u0000}\n".getBytes(StandardCharsets.UTF_8));
        Map<String, String> bin = Map.of("alembic", "0002_bin.py", "django", "0002_bin.py", "knex", "20240102000000_bin.js",
                "typeorm", "1700000000001-Bin.ts");
        for (Map.Entry<String, String> e : at.entrySet()) {
            Cli r = Cli.run("check", "--fail-on", "CRITICAL", tmp.resolve(e.getKey()).toString());
            assertEquals(2, r.code, r.toString());
            assertTrue(r.out.contains(bin.get(e.getKey()) + ": binary file (contains NUL bytes)"), r.out);
            assertTrue(r.out.contains(e.getValue()), "the other migration was not checked\n" + r);
            assertFalse(r.out.contains("PASSED"), r.out);
        }
    }

    /**
     * Found by the fuzzer (typeorm target, a UTF-16 migration among UTF-8 ones): the readers looked for the
     * migration class and the Knex exports with a strict UTF-8 read, so a UTF-16 or Latin-1 file was not claimed and
     * was left out of the run without a word. Now each file is decoded as the engine decodes it.
     */
    @Test
    void fuzzFoundUtf16AndLatin1CodeMigrationsAreCheckedNotLeftOut() throws Exception {
        String head = "import { MigrationInterface, QueryRunner } from 'typeorm'\n\nexport class %s implements MigrationInterface {\n"
                + "    public async up(queryRunner: QueryRunner): Promise<void> {\n        // résumé\n        await queryRunner.query(`%s`)\n"
                + "    }\n}\n";
        write("typeorm/src/migrations/1700000000000-Plain.ts", String.format(head, "Plain1700000000000", "DROP TABLE a"));
        byte[] utf16 = String.format(head, "Wide1700000000001", "DROP TABLE b").getBytes(StandardCharsets.UTF_16LE);
        byte[] marked = new byte[utf16.length + 2];
        marked[0] = (byte) 0xFF;
        marked[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, marked, 2, utf16.length);
        write("typeorm/src/migrations/1700000000001-Wide.ts", marked);
        write("typeorm/src/migrations/1700000000002-Latin.ts",
                String.format(head, "Latin1700000000002", "DROP TABLE c").getBytes(StandardCharsets.ISO_8859_1));
        Cli r = Cli.run("check", tmp.resolve("typeorm").toString());
        assertTrue(r.out.contains("Detected: typeorm (postgres 3 files)"), r.out);
        assertTrue(r.out.contains("1700000000000-Plain.ts:6:34: CRITICAL pg.drop-table"), r.out);
        assertTrue(r.out.contains("1700000000001-Wide.ts:6:34: CRITICAL pg.drop-table"), r.out);
        assertTrue(r.out.contains("1700000000002-Latin.ts:6:34: CRITICAL pg.drop-table"), r.out);

        // Knex without a knexfile: the folder's files are claimed by what they contain
        write("uptime/db/knex_migrations/2024-01-01-a.js", "exports.up = (knex) => knex.schema.dropTable('a');\n");
        write("uptime/db/knex_migrations/2024-01-02-b.js",
                "// résumé\nexports.up = (knex) => knex.schema.dropTable('b');\n".getBytes(StandardCharsets.ISO_8859_1));
        r = Cli.run("check", tmp.resolve("uptime").toString());
        assertTrue(r.out.contains("Detected: knex (postgres 2 files)"), r.out);
        assertTrue(r.out.contains("2024-01-02-b.js:2:24: CRITICAL pg.drop-table"), r.out);
    }

    @Test
    void codeMigrationOutputIsTheSameBytesAcrossRunsAndThreadCounts() throws Exception {
        List<String> dirs = List.of(Cli.ROOT.resolve("examples/postgres-alembic").toString(),
                Cli.ROOT.resolve("examples/postgres-django").toString(), Cli.ROOT.resolve("examples/postgres-knex").toString(),
                Cli.ROOT.resolve("dialects/jsmig/src/test/resources/flowise-shape").toString());
        for (String format : List.of("json", "sarif")) {
            String first = null;
            for (String threads : List.of("1", "4", "1")) {
                List<String> args = new java.util.ArrayList<>(List.of("check", "--format", format, "--threads", threads));
                args.addAll(dirs);
                Cli r = Cli.run(args.toArray(String[]::new));
                assertEquals(1, r.code, r.toString());
                if (first == null) {
                    first = r.out;
                    assertTrue(first.contains("typeorm") && first.contains("alembic") && first.contains("django")
                            && first.contains("knex"), first);
                } else {
                    assertEquals(first, r.out, format + " with --threads " + threads);
                }
            }
        }
    }
}
