package dev.schemagate.dialects.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PyParserTest {
    @Test
    void python312SyntaxParsesWithoutErrors() {
        String src = "from __future__ import annotations\n"
                + "type Rows = list[dict[str, int]]\n"
                + "def first[T](xs: list[T]) -> T | None:\n"
                + "    return xs[0] if (n := len(xs)) else None\n"
                + "@decorator(arg=1)\n"
                + "async def upgrade() -> None:\n"
                + "    name: str = f\"{'x'!r:>10} {n=}\"\n"
                + "    match name:\n"
                + "        case 'a' | 'b':\n"
                + "            pass\n"
                + "    with op.batch_alter_table('t') as batch_op, open('f') as fh:\n"
                + "        batch_op.drop_column('c')\n"
                + "    with op.get_context().autocommit_block():\n"
                + "        op.execute(\"CREATE INDEX CONCURRENTLY i ON t (c)\")\n";
        PyParser.Parsed p = PyParser.parse(src);
        assertTrue(p.errors().isEmpty(), p.errors().toString());
        assertEquals("module", p.root().type());
    }

    @Test
    void syntaxErrorsHaveTheirPosition() {
        PyParser.Parsed p = PyParser.parse("def upgrade():\n    op.add_column('t', (\n\ndef downgrade():\n    pass\n");
        assertFalse(p.errors().isEmpty());
        assertTrue(p.errors().get(0).line() >= 2, p.errors().toString());
    }

    @Test
    void stringsKeepThePositionOfTheirFirstCharacter() {
        String src = "x = 1\nop.execute(  \"\"\"\n  SELECT 1\"\"\")\ny = f\"a{b}\"\nz = 'a' 'b' + \"c\"\nw = 'caf\\u00e9 \\'q\\''\n";
        PyNode root = PyParser.parse(src).root();
        PyNode call = root.children().get(1).children().get(0);
        PyExpr.Str s = PyExpr.str(PyExpr.args(call).at(0), Map.of());
        assertEquals("\n  SELECT 1", s.value());
        assertEquals(2, s.line());
        assertEquals(17, s.column());
        PyNode fstring = root.children().get(2).children().get(0).get("right");
        assertNull(PyExpr.str(fstring, Map.of()), "an f-string with a replacement field is not static");
        PyNode concat = root.children().get(3).children().get(0).get("right");
        assertEquals("abc", PyExpr.str(concat, Map.of()).value());
        PyNode escaped = root.children().get(4).children().get(0).get("right");
        assertEquals("caf\\u00e9 'q'", PyExpr.str(escaped, Map.of()).value());
    }

    @Test
    void positionsCountCharactersNotBytes() {
        PyNode root = PyParser.parse("# é€😀\nop.execute('ü')\n").root();
        PyNode call = root.children().get(1).children().get(0);
        PyExpr.Str s = PyExpr.str(PyExpr.args(call).at(0), Map.of());
        assertEquals(2, s.line());
        assertEquals(13, s.column());
        assertEquals("ü", s.value());
    }

    /**
     * Found by fuzzing (alembic target): a string left open across many lines sends tree-sitter's error recovery
     * into time that grows with the square of the file (16 KB: seconds, 600 KB: past the fuzzer's minute). The
     * parse is stopped at its budget and the file is one syntax error at 1:1, never a hang of the whole check.
     */
    @Test
    void aBrokenFileThatTreeSitterCannotRecoverFromInTimeIsOneErrorNotAHang() {
        String src = "def downgrade():\n    op.drop_column(\"" + "ALTER TABLE t ADD COLUMN c int;\n".repeat(2000)
                + "task_run\", \"priority\")\n";
        PyParser.Parsed p = PyParser.parse(src, 300);
        assertEquals(1, p.errors().size(), p.errors().toString());
        assertEquals(1, p.errors().get(0).line());
        assertTrue(p.errors().get(0).message().startsWith("the Python parser gave up on this file"), p.errors().toString());
        assertTrue(p.root().children().isEmpty());
        // the same budget is plenty for a valid file of that size
        String valid = "def upgrade():\n" + "    op.execute(\"ALTER TABLE t ADD COLUMN c int\")\n".repeat(2000);
        assertTrue(PyParser.parse(valid, 10_000).errors().isEmpty());
        // the default budget: 1 s, 2 ms per KB above 512 KB; a valid 600 KB file parses well within it
        assertEquals(1_000, PyParser.budgetMs("x"));
        assertEquals(2_048, PyParser.budgetMs("x".repeat(1 << 20)));
        String big = "def upgrade():\n" + "    op.add_column('t', sa.Column('c', sa.String(length=20), nullable=True))\n"
                .repeat(8_000);
        assertTrue(big.length() > 600_000);
        assertTrue(PyParser.parse(big).errors().isEmpty(), () -> PyParser.parse(big).errors().toString());
    }

    /**
     * Finding 30 (django projects fuzz run, seed 20261218, try 31,290): a broken 77 KB migration needed 1.00 s of CPU
     * time to parse, its budget; Django's layout scan and the reader each parsed it, one finished and one did not,
     * and two checks of one folder gave different reports with nothing saying why. Every parse of one content now
     * agrees with the first.
     */
    @Test
    void everyParseOfOneContentAgreesWithTheFirstOnWhetherItFinished() {
        String broken = "def downgrade():\n    op.drop_column(\"" + "ALTER TABLE t ADD COLUMN c int;\n".repeat(2003)
                + "task_run\", \"priority\")\n";
        assertTrue(PyParser.gaveUp(PyParser.parse(broken, 300)));
        // given up on again, whatever the budget: the layout scan and the read say the same
        PyParser.Parsed again = PyParser.parse(broken, 600_000);
        assertTrue(PyParser.gaveUp(again));
        assertTrue(again.errors().get(0).message().contains("after 600.0 s"), again.errors().toString());
        // a file that finished once finishes again with a budget it does not fit in alone
        String mid = "def upgrade():\n    op.drop_column(\"" + "ALTER TABLE t ADD COLUMN c int;\n".repeat(400)
                + "task_run\", \"priority\")\n";
        assertTrue(PyParser.gaveUp(PyParser.parse(mid + "# another file\n", 1)), "the 1 ms budget is too small alone");
        PyParser.Parsed first = PyParser.parse(mid, 600_000);
        assertFalse(PyParser.gaveUp(first));
        PyParser.Parsed second = PyParser.parse(mid, 1);
        assertFalse(PyParser.gaveUp(second));
        assertEquals(first.errors(), second.errors());
    }

    /**
     * Nesting past {@link PyParser#MAX_DEPTH} is one syntax error where it goes too deep, not a StackOverflowError in
     * the reader (found probing the fuzzer's limits: 20,000 nested parentheses, {@code not not ...}, lambdas and
     * conditional expressions each overflowed the tree copy). Real nesting (CPython's own limit is 200 brackets) reads.
     */
    @Test
    void nestingBeyondTheLimitIsOneErrorAtItsPlaceNotAStackOverflow() {
        for (String deep : new String[] {"not ".repeat(20_000) + "x", "lambda: ".repeat(20_000) + "1",
                "a if b else ".repeat(20_000) + "1", "-".repeat(20_000) + "1", "a." + "b.".repeat(20_000) + "c"}) {
            PyParser.Parsed p = PyParser.parse("def upgrade():\n    x = " + deep + "\n", 10_000);
            assertEquals(1, p.errors().size(), p.errors().toString());
            PyParser.Error e = p.errors().get(0);
            assertEquals(2, e.line(), e.toString());
            assertTrue(e.column() > 8 && e.column() < 20_000 * 12, e.toString());
            assertTrue(e.message().contains("nested more than " + PyParser.MAX_DEPTH + " levels deep"), e.message());
            assertTrue(p.root().children().isEmpty());
        }
        PyParser.Parsed ok = PyParser.parse("def upgrade():\n    x = " + "(".repeat(200) + "1" + ")".repeat(200) + "\n");
        assertTrue(ok.errors().isEmpty(), ok.errors().toString());
        assertFalse(ok.root().children().isEmpty());
    }

    /**
     * Brackets nested deeper than CPython allows (200) are refused before tree-sitter, at the bracket that goes too
     * deep: its error recovery on thousands of open brackets took up to its whole 10 s budget (fuzz-found). Brackets
     * in strings, triple-quoted strings and comments do not count.
     */
    @Test
    void bracketsDeeperThanCPythonAllowsAreRefusedAtTheirPlaceBeforeParsing() {
        String src = "def upgrade():\n    s = '((((('  # ((((((\n    t = \"\"\"\n" + "(".repeat(500) + "\n\"\"\"\n"
                + "    x = f(" + "[".repeat(20_000) + "\n";
        PyParser.Parsed p = PyParser.parse(src, 10_000);
        assertEquals(1, p.errors().size(), p.errors().toString());
        assertEquals(6, p.errors().get(0).line());
        assertEquals(10 + 200, p.errors().get(0).column()); // "    x = f(" is 10 characters and one level
        assertTrue(p.errors().get(0).message().startsWith("brackets nested more than 200 deep"), p.errors().toString());
        assertTrue(p.root().children().isEmpty());
    }
}
