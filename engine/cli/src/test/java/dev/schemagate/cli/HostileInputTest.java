package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile input through the real {@code check} entry point: every case gives a clear message with
 * file:line:column where there is one, the other files of the run are still checked, and nothing passes by
 * accident. The 50 MB migration is in HugeMigrationTest (in a JVM with a bounded heap).
 */
class HostileInputTest {
    private static final String DROP = "DROP TABLE users;\n";

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    /** A second, ordinary file in the same run: its finding proves the run went on. */
    private String other() throws Exception {
        return write("zz_other.sql", "SELECT 1;\n" + DROP).toString();
    }

    private static void goesOn(Cli r) {
        assertTrue(r.out.contains("zz_other.sql:2:1: CRITICAL pg.drop-table"), "the other file was not checked\n" + r);
    }

    @Test
    void emptyFileIsCheckedAndHasNothingToReport() throws Exception {
        Cli r = Cli.run("check", write("empty.sql", "").toString(), write("blank.sql", "\n\n  \r\n").toString());
        assertEquals(0, r.code, r.toString());
        assertTrue(r.out.contains("Checked 2 files, 0 statements"), r.out);
        goesOn(Cli.run("check", tmp.resolve("empty.sql").toString(), other()));
    }

    @Test
    void malformedTextAfterAByteOrderMarkIsAPositionedInputErrorAndTheRunGoesOn() throws Exception {
        // UTF-16LE "S\nE", then a lone high surrogate (byte offset 8): line 2, column 2
        byte[] u16 = {(byte) 0xFF, (byte) 0xFE, 'S', 0, '\n', 0, 'E', 0, 0, (byte) 0xD8, 'L', 0};
        byte[] u8 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                concat("SELECT 1;\r\nSELECT ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, ';', '\n'}));
        Cli r = Cli.run("check", write("u16.sql", u16).toString(), write("u8.sql", u8).toString(), other());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.out.contains("u16.sql:2:2: not valid UTF-16LE (byte offset 8, after its byte-order mark): save the"
                + " file as UTF-16LE again, or as UTF-8 without the byte-order mark"), r.out);
        assertTrue(r.out.contains("u8.sql:2:8: not valid UTF-8 (byte offset 21, after its byte-order mark)"), r.out);
        goesOn(r);
    }

    @Test
    void unterminatedTokensAreLocatedInMysqlAndSqliteToo() throws Exception {
        write("d/a_string.sql", "SELECT 1;\nINSERT INTO t VALUES ('never closed);\nDROP TABLE x;\n");
        write("d/b_ident.sql", "SELECT 1;\n  CREATE TABLE `never (id int);\n");
        write("d/c_comment.sql", "SELECT 1;\n/* open\nDROP TABLE x;\n");
        write("d/zz_other.sql", "SELECT 1;\n" + DROP);
        for (String dialect : new String[] {"mysql", "sqlite"}) {
            Cli r = Cli.run("check", "--dialect", dialect, "--fail-on", "HIGH", tmp.resolve("d").toString());
            assertEquals(1, r.code, r.toString());
            assertTrue(r.out.contains("a_string.sql:2:23: CRITICAL core.unparsed-statement"), dialect + "\n" + r.out);
            assertTrue(r.out.contains("unterminated string literal"), r.out);
            assertTrue(r.out.contains("b_ident.sql:2:16: CRITICAL core.unparsed-statement"), dialect + "\n" + r.out);
            assertTrue(r.out.contains("unterminated quoted identifier"), r.out);
            assertTrue(r.out.contains("c_comment.sql:2:1: CRITICAL core.unparsed-statement"), dialect + "\n" + r.out);
            assertTrue(r.out.contains("unterminated block comment"), r.out);
            assertTrue(r.out.contains("zz_other.sql:2:1: CRITICAL " + dialect + ".drop-table"), dialect + "\n" + r.out);
        }
    }

    @Test
    void binaryFileIsAnInputErrorAndTheRunGoesOn() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 1, 2, 3};
        byte[] noNul = new byte[64];
        for (int i = 0; i < noNul.length; i++) {
            noNul[i] = (byte) (1 + i % 8); // control bytes, no NUL: still not text
        }
        Cli r = Cli.run("check", write("logo.sql", png).toString(), write("blob.sql", noNul).toString(), other());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.out.contains("logo.sql: binary file (contains NUL bytes), not a SQL migration"), r.out);
        assertTrue(r.out.contains("blob.sql: binary file ("), r.out);
        goesOn(r);
    }

    @Test
    void byteOrderMarksAndUtf16KeepPositions() throws Exception {
        String sql = "SELECT 1;\n  " + DROP;
        byte[] bom8 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, sql.getBytes(StandardCharsets.UTF_8));
        byte[] le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, sql.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, sql.getBytes(StandardCharsets.UTF_16BE));
        Cli r = Cli.run("check", write("a_bom.sql", bom8).toString(), write("b_le.sql", le).toString(),
                write("c_be.sql", be).toString());
        assertEquals(1, r.code, r.toString());
        for (String f : new String[] {"a_bom.sql", "b_le.sql", "c_be.sql"}) {
            assertTrue(r.out.contains(f + ":2:3: CRITICAL pg.drop-table"), f + "\n" + r.out);
        }
        // a BOM on the first line does not shift its columns
        Cli first = Cli.run("check", write("d_bom.sql", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                DROP.getBytes(StandardCharsets.UTF_8))).toString());
        assertTrue(first.out.contains("d_bom.sql:1:1: CRITICAL pg.drop-table"), first.out);
    }

    @Test
    void latin1FileIsReadWithAWarning() throws Exception {
        byte[] latin1 = ("-- café, crème brûlée\n" + DROP).getBytes(Charset.forName("ISO-8859-1"));
        Cli r = Cli.run("check", write("latin1.sql", latin1).toString(), other());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("not valid UTF-8; read as Windows-1252"), r.out);
        assertTrue(r.out.contains("latin1.sql:2:1: CRITICAL pg.drop-table"), r.out);
        goesOn(r);
    }

    @Test
    void crlfAndMixedLineEndingsGiveExactPositions() throws Exception {
        Cli crlf = Cli.run("check", write("crlf.sql", "SELECT 1;\r\n\r\n   DROP TABLE users;\r\n").toString());
        assertTrue(crlf.out.contains("crlf.sql:3:4: CRITICAL pg.drop-table"), crlf.out);
        // CR alone, LF alone and CRLF each end one line
        Cli mixed = Cli.run("check", write("mixed.sql", "SELECT 1;\rSELECT 2;\n\r\nSELECT 3; DROP TABLE users;\n")
                .toString());
        assertTrue(mixed.out.contains("mixed.sql:4:11: CRITICAL pg.drop-table"), mixed.out);
        Cli sqlite = Cli.run("check", "--dialect", "sqlite",
                write("lite.sql", "SELECT 1;\r\nSELECT 2;\r  DROP TABLE a;\r\n").toString());
        assertTrue(sqlite.out.contains("lite.sql:3:3: CRITICAL"), sqlite.out);
    }

    @Test
    void unterminatedStringCommentAndDollarQuoteArePositionedFindings() throws Exception {
        Cli r = Cli.run("check", "--fail-on", "HIGH",
                write("a_string.sql", "SELECT 1;\nINSERT INTO t VALUES ('never closed);\nDROP TABLE x;\n").toString(),
                write("b_comment.sql", "SELECT 1;\n  /* never closed\nDROP TABLE x;\n").toString(),
                write("c_dollar.sql", "SELECT 1;\nDO $body$ BEGIN\n  DROP TABLE x;\n").toString(), other());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("a_string.sql:2:23: CRITICAL core.unparsed-statement"), r.out);
        assertTrue(r.out.contains("unterminated string"), r.out);
        assertTrue(r.out.contains("b_comment.sql:2:3: CRITICAL core.unparsed-statement"), r.out);
        assertTrue(r.out.contains("unterminated block comment"), r.out);
        assertTrue(r.out.contains("c_dollar.sql:2:4: CRITICAL core.unparsed-statement"), r.out);
        assertTrue(r.out.contains("unterminated dollar-quoted string"), r.out);
        goesOn(r);
    }

    @Test
    void oneMegabyteStatementIsRead() throws Exception {
        StringBuilder sb = new StringBuilder("INSERT INTO t (a, b) VALUES ");
        for (int i = 0; sb.length() < 1_000_000; i++) {
            sb.append(i == 0 ? "" : ",\n").append("(").append(i).append(", 'row ").append(i).append("')");
        }
        sb.append(";\n").append(DROP);
        int dropLine = (int) sb.chars().filter(c -> c == '\n').count();
        String literal = "INSERT INTO t (a) VALUES ('" + "x".repeat(1_048_576) + "');\n" + DROP;
        Cli r = Cli.run("check", write("rows.sql", sb.toString()).toString(), write("literal.sql", literal).toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("rows.sql:" + dropLine + ":1: CRITICAL pg.drop-table"), r.out);
        assertTrue(r.out.contains("literal.sql:2:1: CRITICAL pg.drop-table"), r.out);
    }

    @Test
    void twoMegabyteMigrationIsRead() throws Exception {
        // file size, not statement count (100,000 statements and 50 MB are in bench/run.sh)
        StringBuilder sb = new StringBuilder();
        int n = 0;
        while (sb.length() < 2_000_000) {
            sb.append("INSERT INTO t").append(n % 50).append(" (id, name, note) VALUES\n");
            for (int k = 0; k < 20; k++) {
                sb.append(k == 0 ? "" : ",\n").append("  (").append(n * 20 + k).append(", 'name ").append(k)
                        .append("', 'a note that makes the row longer than it needs to be')");
            }
            sb.append(";\n");
            n++;
        }
        sb.append(DROP);
        int dropLine = (int) sb.chars().filter(c -> c == '\n').count();
        Cli r = Cli.run("check", "--threads", "2", write("big.sql", sb.toString()).toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("big.sql:" + dropLine + ":1: CRITICAL pg.drop-table"), r.out);
        assertTrue(r.out.contains("Checked 1 file, " + String.format("%,d", n + 1) + " statements")
                || r.out.contains("Checked 1 file, " + (n + 1) + " statements"), r.out);
    }

    @Test
    void fileAboveTheSizeLimitIsAnInputErrorNotAnOutOfMemory() throws Exception {
        Path cfg = write("schemagate.yaml", "max_file_mb: 1\n");
        Cli r = Cli.run("check", "--config", cfg.toString(),
                write("huge.sql", "SELECT 1;\n".repeat(120_000)).toString(), other());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.out.contains("huge.sql: the file is 1 MB, above the 1 MB limit for one migration: split it, or "
                + "raise max_file_mb in schemagate.yaml"), r.out);
        goesOn(r);
    }

    @Test
    void deepNestingIsReadOrFlaggedNeverACrash() throws Exception {
        String parens = "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ";\n" + DROP;
        StringBuilder blocks = new StringBuilder("DO $$\n");
        blocks.append("BEGIN\n".repeat(10_000)).append("NULL;\n").append("END;\n".repeat(10_000)).append("$$;\n");
        String unbalanced = "SELECT " + "(".repeat(10_000) + "1;\n" + DROP;
        Cli r = Cli.run("check", "--fail-on", "HIGH", write("a_parens.sql", parens).toString(),
                write("b_blocks.sql", blocks + DROP).toString(), write("c_unbalanced.sql", unbalanced).toString());
        assertEquals(1, r.code, r.toString());
        assertFalse(r.err.contains("internal error"), r.err);
        assertTrue(r.out.contains("a_parens.sql:2:1: CRITICAL pg.drop-table"), r.out);
        assertTrue(r.out.contains("b_blocks.sql:20004:1: CRITICAL pg.drop-table"), r.out);
        assertTrue(r.out.contains("b_blocks.sql:1:1: "), r.out); // the DO block: uncertain, never silently passed
        assertTrue(r.out.contains("c_unbalanced.sql:1:10007: CRITICAL core.unparsed-statement"), r.out);
        assertTrue(r.out.contains("unbalanced parentheses: 10000 ( never closed"), r.out);
        Cli lite = Cli.run("check", "--dialect", "sqlite", "--fail-on", "HIGH",
                write("lite/d_trigger.sql", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
                        + "  SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + ";\nEND;\n" + DROP).toString());
        assertFalse(lite.err.contains("internal error"), lite.err);
        assertEquals(1, lite.code, lite.toString());
        assertTrue(lite.out.contains("d_trigger.sql:4:1: CRITICAL"), lite.out);
    }

    /**
     * Code migrations nested deeper than the parsers hold: each is a CRITICAL finding at the place that goes too deep
     * and the run goes on. Before, {@code `${`${...} 4,000 deep (the fuzzer's input), {@code !!!...} and chained
     * arrows killed the JVM in swc's native code (SIGSEGV, this test's JVM with it), and 20,000 nested parentheses in
     * an Alembic file were a StackOverflowError ("the alembic reader failed").
     */
    @Test
    void deepNestingInCodeMigrationsIsFlaggedNeverACrash() throws Exception {
        write("knex/knexfile.js", "module.exports = { client: 'pg' };\n");
        write("knex/migrations/20240101000000_a.js", "exports.up = (knex) =>\n  knex.raw(" + "`${".repeat(4_000) + "1"
                + "}`".repeat(4_000) + ");\nexports.down = () => {};\n");
        write("knex/migrations/20240102000000_b.js", "exports.up = (knex) =>\n  knex.raw(" + "!".repeat(20_000)
                + "1);\nexports.down = () => {};\n");
        write("knex/migrations/20240103000000_c.js", "exports.up = (knex) => knex.schema.dropTable('users');\n"
                + "exports.down = () => {};\n");
        Cli r = Cli.run("check", "--fail-on", "HIGH", tmp.resolve("knex").toString());
        assertEquals(1, r.code, r.toString());
        assertFalse(r.err.contains("internal error") || r.err.contains("reader failed"), r.err);
        // knex.raw( is one bracket level and each `${ one more: the 256th `${ (its $) goes too deep
        assertTrue(r.out.contains("20240101000000_a.js:2:" + (12 + 3 * 255 + 1) + ": CRITICAL core.unparsed-statement"),
                r.out);
        // exports.up = (knex) => knex.raw( has five operator characters (. = => .) before the first !
        assertTrue(r.out.contains("20240102000000_b.js:2:" + (11 + 5_000 - 4) + ": CRITICAL core.unparsed-statement"),
                r.out);
        assertTrue(r.out.contains("more than 5000 operators or statement bodies chained at one place"), r.out);
        assertTrue(r.out.contains("20240103000000_c.js:1:24: CRITICAL pg.drop-table"), r.out);
        write("alembic/alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n"
                + "sqlalchemy.url = postgresql://app@localhost/db\n");
        write("alembic/migrations/env.py", "");
        write("alembic/migrations/versions/0001_a.py", "revision = 'a1'\ndown_revision = None\n\ndef upgrade():\n"
                + "    x = " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "\n\ndef downgrade():\n    pass\n");
        Cli a = Cli.run("check", "--fail-on", "HIGH", tmp.resolve("alembic").toString());
        assertEquals(1, a.code, a.toString());
        assertFalse(a.err.contains("reader failed"), a.err);
        assertTrue(a.out.contains("0001_a.py:5:") && a.out.contains("CRITICAL"), a.out);
        assertTrue(a.out.contains("brackets nested more than 200 deep"), a.out);
        assertTrue(a.out.contains("0001_a.py:5:" + (9 + 200) + ":"), a.out); // "    x = " and the 201st bracket
    }

    @Test
    void symbolicLinkLoopsDanglingLinksAndFifosAreNamedAndTheRunGoesOn() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("db"));
        Files.writeString(dir.resolve("V1__ok.sql"), "SELECT 1;\n" + DROP);
        Files.createSymbolicLink(dir.resolve("V2__loop_a.sql"), dir.resolve("V2__loop_b.sql"));
        Files.createSymbolicLink(dir.resolve("V2__loop_b.sql"), dir.resolve("V2__loop_a.sql"));
        Files.createSymbolicLink(dir.resolve("V3__gone.sql"), dir.resolve("missing.sql"));
        Files.createSymbolicLink(dir.resolve("again"), dir); // a folder loop: read once, not forever
        Files.createDirectories(tmp.resolve("shared"));
        Files.writeString(tmp.resolve("shared/V5__linked.sql"), "SELECT 1;\n" + DROP);
        Files.createSymbolicLink(dir.resolve("linked"), tmp.resolve("shared")); // a linked folder is read
        boolean fifo = mkfifo(dir.resolve("V4__pipe.sql"));
        Cli r = Cli.run("check", dir.toString());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.out.contains("V2__loop_a.sql: broken symbolic link (its target is missing, or the links form a loop)"),
                r.out);
        assertTrue(r.out.contains("V2__loop_b.sql: broken symbolic link"), r.out);
        assertTrue(r.out.contains("V3__gone.sql: broken symbolic link"), r.out);
        if (fifo) {
            assertTrue(r.out.contains("V4__pipe.sql: not a regular file (a FIFO, socket or device)"), r.out);
        }
        assertTrue(r.out.contains("V1__ok.sql:2:1: CRITICAL pg.drop-table"), r.out);
        assertTrue(r.out.contains("linked/V5__linked.sql:2:1: CRITICAL pg.drop-table"), r.out);
        assertEquals(1, r.out.split("V1__ok.sql:2:1: CRITICAL pg.drop-table", -1).length - 1, "read once\n" + r.out);
        // given directly: a loop, and a FIFO that would block a plain read
        Cli direct = Cli.run("check", dir.resolve("V2__loop_a.sql").toString());
        assertEquals(2, direct.code, direct.toString());
        assertTrue(direct.out.contains("V2__loop_a.sql: broken symbolic link"), direct.out);
        if (fifo) {
            Cli pipe = Cli.run("check", dir.resolve("V4__pipe.sql").toString(), other());
            assertEquals(2, pipe.code, pipe.toString());
            assertTrue(pipe.out.contains("not a regular file"), pipe.out);
            goesOn(pipe);
        }
    }

    @Test
    void unreadableFileIsAnInputError() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")),
                "running as root: chmod 000 does not stop root from reading; the dangling-link and FIFO cases of "
                        + "symbolicLinkLoopsDanglingLinksAndFifosAreNamedAndTheRunGoesOn cover unreadable entries");
        Path p = write("locked.sql", DROP);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
        Cli r = Cli.run("check", p.toString(), other());
        assertEquals(2, r.code, r.toString());
        assertTrue(r.out.contains("locked.sql: permission denied"), r.out);
        goesOn(r);
    }

    @Test
    void thousandsOfFilesInOneFolder() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("many"));
        for (int i = 1; i <= 3000; i++) {
            Files.writeString(dir.resolve("V" + i + "__m.sql"), i == 2718 ? DROP : "SELECT " + i + ";\n");
        }
        Cli r = Cli.run("check", "--format", "text", dir.toString());
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out.contains("Checked 3,000 files") || r.out.contains("Checked 3000 files"), r.out);
        assertTrue(r.out.contains("V2718__m.sql:1:1: CRITICAL pg.drop-table"), r.out);
    }

    @Test
    void fuzzFoundBareDeleteIsUnparsedNotAnInternalError() throws Exception {
        // .ci/fuzz-long (seed 1) found this: JSqlParser accepts DELETE with no table, a rule then crashed (exit 3)
        Cli r = Cli.run("check", "--fail-on", "HIGH", write("bare.sql", "BEGIN;\nDELETE").toString(), other());
        assertEquals(1, r.code, r.toString());
        assertFalse(r.err.contains("internal error"), r.err);
        assertTrue(r.out.contains("bare.sql:2:"), r.out);
        assertTrue(r.out.contains("CRITICAL core.unparsed-statement"), r.out);
        goesOn(r);
    }

    @Test
    void fuzzFoundNulInAFolderNamedByAToolConfigIsAPositionedInputError() throws Exception {
        // .ci/fuzz-long (seed 20261130) found this: a NUL in migrate-mongo's migrationsDir crashed discovery (exit 3)
        Path dir = Files.createDirectories(tmp.resolve("mongo"));
        Files.writeString(dir.resolve("migrate-mongo-config.js"), "module.exports = {\n  mongodb: { url: \"x\" },\n"
                + "  migrationsDir: \"migr\u0000ations\",\n};\n");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/20240101-drop.js"), "module.exports = { async up(db) {"
                + " await db.collection('users').drop(); } };\n");
        Cli r = Cli.run("check", dir.toString(), other());
        assertEquals(2, r.code, r.toString());
        assertFalse(r.err.contains("internal error"), r.err);
        assertTrue(r.out.contains("migrate-mongo-config.js:3:19: migrationsDir is not a folder name a file system can"
                + " hold"), r.out);
        goesOn(r);
    }

    @Test
    void fuzzFoundLiquibaseColumnWithoutANameIsUnparsedNotAnInternalError() throws Exception {
        // .ci/fuzz-long (seed 20261130) found this: a createTable column without a name crashed the reader (exit 3)
        Path f = write("lb/db.changelog-master.yaml", "databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: a\n"
                + "      changes:\n        - createTable:\n            tableName: orders\n            columns:\n"
                + "              - column:\n                  type: int\n");
        Cli r = Cli.run("check", "--fail-on", "HIGH", f.getParent().toString(), other());
        assertEquals(1, r.code, r.toString());
        assertFalse(r.err.contains("internal error"), r.err);
        assertTrue(r.out.contains("db.changelog-master.yaml:6:"), r.out);
        assertTrue(r.out.contains("CRITICAL core.unparsed-statement"), r.out);
        assertTrue(r.out.contains("Liquibase createTable has a column without a name"), r.out);
        goesOn(r);
    }

    private static boolean mkfifo(Path p) throws Exception {
        try {
            Process pr = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
            return pr.waitFor(10, TimeUnit.SECONDS) && pr.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false; // no mkfifo on this system: the FIFO sub-case is not run
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
