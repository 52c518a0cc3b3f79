package dev.schemagate.dialects.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsModuleTest {
    @Test
    void leadingByteOrderMarksWithASyntaxErrorAreAnErrorNotANativeAbort() throws Exception {
        // fuzz-found: two leading U+FEFF and a syntax error made swc's native code panic and abort the JVM
        for (boolean ts : new boolean[] {false, true}) {
            JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.parse("\uFEFF\uFEFF( ;", ts));
            assertEquals(1, e.getLine(), e.getMessage());
            assertEquals(5, e.getColumn(), e.getMessage()); // the ";" after "( "
        }
        // the marks are white space: the code after them still reads, at its own column
        JsModule m = JsModule.parse("\uFEFF\uFEFFconst x = 1;", false);
        assertEquals("\uFEFF\uFEFFconst x = 1;", m.getText());
    }

    @Test
    void invalidEscapesInUntaggedTemplatesAreAnErrorNotANativeAbort() throws Exception {
        // fuzz-found (finding 26): swc4j panicked and aborted the JVM when a syntax error's message showed a template
        // literal with an invalid escape, as in these (the first is the fuzzer's input, minimised)
        String[] aborted = {"import{}from'\n(!`\\x`", "f(!`\\1`"};
        int[] column = {4, 5};
        for (int k = 0; k < aborted.length; k++) {
            for (boolean ts : new boolean[] {false, true}) {
                String text = aborted[k];
                JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.parse(text, ts));
                assertEquals(k == 0 ? 2 : 1, e.getLine(), e.getMessage());
                assertEquals(column[k], e.getColumn(), e.getMessage());
                assertTrue(e.getMessage().contains("template literal without a tag"), e.getMessage());
            }
        }
        // each escape JavaScript rejects in a template, and the ones it accepts
        for (String bad : new String[] {"\\x4", "\\xZZ", "\\u12", "\\u{}", "\\u{110000}", "\\u{12", "\\01", "\\7", "\\9"}) {
            assertThrows(JsSyntaxError.class, () -> JsModule.parse("const a = `x " + bad + "`;", false), bad);
            assertThrows(JsSyntaxError.class, () -> JsModule.parse("const a = `${b}" + bad + "`;", false), bad);
        }
        for (String good : new String[] {"\\x41", "\\u0041", "\\u{1F600}", "\\0", "\\n", "\\d", "\\`", "\\$", "\\\\1"}) {
            JsModule.parse("const a = `x " + good + " y`;", false);
        }
        // a tagged template may hold any escape (String.raw, sql`...`): its raw text is what the tag gets
        JsModule.parse("const a = String.raw`\\x \\1 \\u{zz}`;\nconst b = sql`regexp_replace(c, '(a)', '\\1')`;", true);
        // an escaped line break in template text still counts as a line for the positions after it
        JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.parse("const a = `a\\\nb`; `\\x`;", false));
        assertEquals(2, e.getLine(), e.getMessage());
        assertEquals(6, e.getColumn(), e.getMessage());
    }

    @Test
    void bracketsNestedBeyondTheLimitAreAnErrorNotANativeCrash() throws Exception {
        // fuzz-found: knex.raw(knex.raw(... 3,000 deep overflowed swc's native stack (SIGSEGV, the JVM died)
        String deep = "exports.up = (knex) =>\n  " + "knex.raw(".repeat(3000) + "'x'" + ")".repeat(3000) + ";\n";
        JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.parse(deep, false));
        assertEquals(2, e.getLine(), e.getMessage());
        // "exports.up = (knex) =>" opened one bracket and closed it; the bracket of the 257th knex.raw( is too deep
        assertEquals(2 + 256 * 9 + 9, e.getColumn(), e.getMessage());
        assertTrue(e.getMessage().contains("nested more than 256 deep"), e.getMessage());
        // brackets inside strings, template text and comments do not count; template expressions do
        String inert = "const a = '" + "(".repeat(5000) + "'; // " + "[".repeat(5000) + "\n/* " + "{".repeat(5000)
                + " */ const b = `" + "(".repeat(5000) + "${ f(1) }" + "(".repeat(5000) + "`;\n";
        JsModule.parse(inert, false);
        JsModule.parse("x = " + "[".repeat(JsModule.MAX_DEPTH) + "]".repeat(JsModule.MAX_DEPTH) + ";", false);
        assertThrows(JsSyntaxError.class, () -> JsModule.parse("x = `${" + "(".repeat(JsModule.MAX_DEPTH) + "}`", false));
    }

    /**
     * Nesting without brackets overflows swc too (SIGSEGV, the JVM dies), and so does a long left-nested chain: found
     * probing the fuzzer's limits after it crashed on {@code `${`${...} 4,000 deep}. Each shape 20,000 deep is a
     * syntax error at the place that goes too far; none may kill the test JVM.
     */
    @Test
    void chainsAndNestingsOfEveryKindAreAnErrorNotANativeCrash() throws Exception {
        int n = 20_000;
        String[] deep = {"`${".repeat(n) + "1" + "}`".repeat(n), "!".repeat(n) + "1", "- ".repeat(n) + "1",
            "a = ".repeat(n) + "1", "a ? b : ".repeat(n) + "1", "a => ".repeat(n) + "1", "new ".repeat(n) + "A",
            "typeof ".repeat(n) + "a", "a" + ".b".repeat(n), "a + ".repeat(n) + "1", "a +\n".repeat(n) + "1",
            "++".repeat(n) + "a", "f(\n".repeat(100) + "a =>\n".repeat(n) + "1" + ")".repeat(100)};
        for (String d : deep) {
            JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.parse("exports.up = (knex) => " + d
                    + ";\n", false), d.substring(0, 12));
            assertTrue(e.getMessage().contains("chained at one place") || e.getMessage().contains("nested more than"),
                    e.getMessage());
            assertTrue(e.getLine() >= 1 && e.getColumn() >= 1, e.getLine() + ":" + e.getColumn());
        }
        String[] statements = {"if (a) ".repeat(n) + "x();", "a: ".repeat(n) + "x();", "for (;;) ".repeat(n) + "x();",
            "while (a)\n".repeat(n) + "x();", "if (a) {}" + " else if (a) {}\n".repeat(n), "do ".repeat(n) + "x();"
                + " while (a);".repeat(n)};
        for (String d : statements) {
            JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.parse("function f() {\n" + d + "\n}\n",
                    true), d.substring(0, 12));
            assertTrue(e.getMessage().contains("chained at one place"), e.getMessage());
        }
        // where it stops: the operator past the limit, on its line
        JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.parse("x = 1;\ny = " + "!".repeat(n) + "1;\n",
                false));
        assertEquals(2, e.getLine());
        assertEquals(4 + JsModule.MAX_CHAIN, e.getColumn()); // "=" is the first of the chain
    }

    /**
     * The most the limits let through, nested as deep as they allow with the constructs that cost swc the most stack
     * (a function per bracket level, arrow functions in the chain), parses: the deep stack holds it. Long code that
     * only looks chained is not refused: thousands of statements without semicolons, a long chain of short ones.
     */
    @Test
    void whatTheLimitsLetThroughParsesAndLongRealCodeIsNotRefused() throws Exception {
        int levels = JsModule.MAX_DEPTH - 2;
        String heaviest = "x = " + "function () { return ".repeat(levels) + "a => ".repeat((JsModule.MAX_CHAIN - 10) / 2)
                + "1" + " }".repeat(levels) + ";\n";
        JsModule.parse(heaviest, false);
        JsModule.parse("x = " + "!".repeat(JsModule.MAX_CHAIN - 5) + "1;\n", false);
        StringBuilder asi = new StringBuilder("exports.up = (knex) => knex.schema.createTable('t', (t) => {\n");
        for (int i = 0; i < 5_000; i++) {
            asi.append("  t.string('c").append(i).append("').notNullable().defaultTo('x')\n");
        }
        JsModule m = JsModule.parse(asi.append("})\n").toString(), false);
        assertEquals(5_000, m.getCalls().stream().filter(c -> "string".equals(c.getChain().get(1).getName())
                && c.getLast().getName().equals("defaultTo")).count());
        StringBuilder lets = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            lets.append("a").append(i).append(" = b + c - d * e\n");
        }
        JsModule.parse(lets.toString(), false);
    }

    /**
     * A constant read through a chain of other constants is read once: each reference re-read its initializer before,
     * so this file (each constant refers to the one before twice) took about 2^40 steps.
     */
    @Test
    void constantsThatReferToEachOtherAreReadOnce() throws Exception {
        StringBuilder js = new StringBuilder("const c0 = db.collection('users');\n");
        for (int i = 1; i <= 40; i++) {
            js.append("const c").append(i).append(" = c").append(i - 1).append(".f(c").append(i - 1).append(", c")
                    .append(i - 1).append(");\n");
        }
        js.append("exports.up = async (db) => { await c40.insertOne({a: 1}); };\n");
        JsModule m = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> JsModule.parse(js.toString(), false));
        JsCall c = m.getCalls().stream().filter(x -> x.getLast().getName().equals("insertOne")).findFirst().orElseThrow();
        assertEquals("db", c.getChain().get(0).getName(), c.getChain().toString());
    }

    /**
     * swc4j aborts the JVM (a Rust panic, "Couldn't find end") on a spread argument or array element with a blank or a
     * comment between the dots and the value: {@code f(... a)}. Found by the fuzzer (typeorm reader, input 11,266).
     * The dots are moved next to the value within the blanks; positions of everything else stay.
     */
    @Test
    void aSpreadWithBlanksBeforeItsValueIsReadNotAnAbort() throws Exception {
        JsModule m = JsModule.parse("f(... a, b);\nx = [...  /* c */ y];\ng(1,\n    ...   `t`);\n", false);
        JsCall f = m.getCalls().stream().filter(c -> "f".equals(c.getLast().getName())).findFirst().orElseThrow();
        assertEquals(1, f.getLine());
        assertTrue(f.getLast().getArgs().get(0) instanceof JsValue.Unknown, f.getLast().getArgs().toString());
        assertEquals("b", String.valueOf(((JsValue.Unknown) f.getLast().getArgs().get(1)).getText()));
        JsCall g = m.getCalls().stream().filter(c -> "g".equals(c.getLast().getName())).findFirst().orElseThrow();
        assertEquals(3, g.getLine());
        JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.parse("f(1, ...\n  a);\n", false));
        assertEquals(2, e.getLine());
        assertEquals(3, e.getColumn());
        assertTrue(e.getMessage().contains("spread"), e.getMessage());
    }

    @Test
    void commonJsExportsAndConstantsResolve() throws Exception {
        String js = "const coll = 'users';\n"
                + "const DAY = 60 * 60 * 24;\n"
                + "module.exports = {\n"
                + "  async up(db, client) {\n"
                + "    const users = db.collection(coll);\n"
                + "    await users.createIndex({ createdAt: 1 }, { expireAfterSeconds: DAY * 30 });\n"
                + "  },\n"
                + "  async down() {}\n"
                + "};\n";
        JsModule m = JsModule.parse(js, false);
        assertEquals(List.of("down", "up"), List.copyOf(m.getExports().keySet()));
        assertTrue(m.getExports().get("down").isEmpty());
        assertEquals(List.of("db", "client"), m.getExports().get("up").getParams());
        JsCall c = m.getCalls().stream().filter(x -> x.getLast().getName().equals("createIndex")).findFirst().orElseThrow();
        assertEquals(6, c.getLine());
        assertEquals(11, c.getColumn());
        assertEquals("db", c.getChain().get(0).getName(), c.getChain().toString());
        assertEquals("users", c.getChain().get(1).getArgs().get(0));
        Map<?, ?> opts = (Map<?, ?>) c.getLast().getArgs().get(1);
        assertEquals(2592000L, opts.get("expireAfterSeconds"));
        assertEquals("up", c.getFunction().getName());
        assertNull(c.getLoop());
    }

    @Test
    void esmTypescriptParametersAndLoopsAreUnknown() throws Exception {
        String ts = "import { helper } from './helpers';\n"
                + "export const up = async (db: Db, client: MongoClient): Promise<void> => {\n"
                + "  for (const name of ['a', 'b']) {\n"
                + "    await db.collection(name).drop();\n"
                + "  }\n"
                + "  await helper(db);\n"
                + "};\n"
                + "export async function down(db: Db) { await db.collection('a').drop(); }\n";
        JsModule m = JsModule.parse(ts, true);
        assertNotNull(m.getExports().get("up"));
        assertNotNull(m.getExports().get("down"));
        assertEquals("./helpers", m.getImports().get("helper"));
        JsCall drop = m.getCalls().get(0);
        assertEquals("for...of loop", drop.getLoop());
        Object name = drop.getChain().get(1).getArgs().get(0);
        assertInstanceOf(JsValue.Unknown.class, name);
        assertTrue(((JsValue.Unknown) name).getReason().contains("loop variable"), ((JsValue.Unknown) name).getReason());
        JsCall helper = m.getCalls().get(1);
        assertEquals("helper", helper.getRoot());
        assertEquals(6, helper.getLine());
    }

    @Test
    void syntaxErrorsCarryTheirPosition() {
        JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.parse("const x = {\n  a: 1\n  b: 2 };", false));
        assertEquals(3, e.getLine());
        assertEquals(3, e.getColumn());
        assertTrue(e.getMessage().contains("Expected"), e.getMessage());
    }

    @Test
    void nonAsciiTextKeepsCharacterColumns() throws Exception {
        JsModule m = JsModule.parse("const s = 'héllo wörld'; db.x.drop();", false);
        JsCall c = m.getCalls().get(0);
        assertEquals(26, c.getColumn());
        assertEquals("db.x.drop()", c.getText());
    }

    @Test
    void documentsKeepElementPositions() throws Exception {
        String json = "[\n  { \"createIndexes\": \"users\", \"indexes\": [{ \"key\": { \"email\": 1 }, \"name\": \"e\", \"unique\": true }] },\n"
                + "  { \"drop\": \"legacy\" }\n]\n";
        List<JsElement> els = JsModule.readDocument(json);
        assertEquals(2, els.size());
        assertEquals(2, els.get(0).getLine());
        assertEquals(3, els.get(0).getColumn());
        assertEquals(3, els.get(1).getLine());
        assertEquals("{ \"drop\": \"legacy\" }", els.get(1).getText());
        assertEquals("legacy", ((Map<?, ?>) els.get(1).getValue()).get("drop"));
        Object relaxed = JsModule.readDocument("{ clientId: 1, type: -1, n: -(2), m: 2 - 3 }").get(0).getValue();
        assertEquals(-1L, ((Map<?, ?>) relaxed).get("type"));
        assertEquals(-2L, ((Map<?, ?>) relaxed).get("n"));
        assertEquals(-1L, ((Map<?, ?>) relaxed).get("m"));
        assertEquals(1L, ((Map<?, ?>) relaxed).get("clientId"));
        JsSyntaxError e = assertThrows(JsSyntaxError.class, () -> JsModule.readDocument("[{ \"a\": 1 ]"));
        assertEquals(1, e.getLine());
    }
}
