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
        assertEquals("db", c.getRoot());
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
