package dev.schemagate.dialects.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.DataChange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement shapes from real histories that once fell through to "unparsed". */
class PgMapperTest {
    private final PostgresDialect pg = new PostgresDialect();

    private List<Change> map(String sql) {
        Migration m = new Migration("t.sql", "1", Dialect.POSTGRES, Migration.Direction.UP, "plain",
                Migration.TxMode.NONE);
        List<String> problems = new ArrayList<>();
        List<Statement> stmts = pg.split(m, sql, (l, c, msg) -> problems.add(msg));
        assertEquals(List.of(), problems);
        assertEquals(1, stmts.size());
        return pg.map(stmts.get(0));
    }

    @Test
    void insertFromSelectIsADataChangeFromAQuery() {
        for (String sql : List.of("INSERT INTO t (a, b) SELECT x, y FROM s WHERE z;",
                "INSERT INTO t (a) (SELECT x FROM s);", "INSERT INTO t SELECT * FROM s;")) {
            List<Change> cs = map(sql);
            DataChange d = assertInstanceOf(DataChange.class, cs.get(0), sql);
            assertEquals("INSERT", d.getOperation());
            assertTrue(d.isFromQuery(), sql);
        }
        DataChange v = assertInstanceOf(DataChange.class, map("INSERT INTO t (a) VALUES (1), (2);").get(0));
        assertTrue(!v.isFromQuery());
    }

    @Test
    void defaultNullIsNoDefault() {
        CreateTable t = assertInstanceOf(CreateTable.class,
                map("CREATE TABLE x (id uuid PRIMARY KEY, s uuid DEFAULT NULL, n int DEFAULT 1 NOT NULL);").get(0));
        assertNull(t.getColumns().get(1).getDefaultExpr());
        assertEquals("1", t.getColumns().get(2).getDefaultExpr());
        AddColumn a = assertInstanceOf(AddColumn.class, map("ALTER TABLE x ADD COLUMN size int DEFAULT NULL;").get(0));
        assertNull(a.getColumn().getDefaultExpr());
    }

    /**
     * Rows of literals (seed data) are read from their tokens without JSqlParser, and give the change JSqlParser's
     * tree gives for the same statement with a non-literal value; anything else in an INSERT still goes through it.
     */
    @Test
    void literalRowsAreReadFromTokensAsJSqlParserWouldReadThem() {
        String[][] pairs = {
            {"INSERT INTO t (a, b) VALUES (1, 'x'), (-2, NULL), (+3.5e2, DEFAULT);", "INSERT INTO t (a, b) VALUES (1, now());"},
            {"insert into Sales.\"Order\" values (TRUE, FALSE, E'a\\'b', $$q$$) -- seed\n;", "INSERT INTO Sales.\"Order\" VALUES (f(1));"},
            {"INSERT INTO db.s.t (\"A\") VALUES /* c */ ('1');", "INSERT INTO db.s.t (\"A\") VALUES (1 + 1);"}};
        for (String[] p : pairs) {
            DataChange fast = assertInstanceOf(DataChange.class, map(p[0]).get(0), p[0]);
            DataChange parsed = assertInstanceOf(DataChange.class, map(p[1]).get(0), p[1]);
            assertEquals("values", fast.option("reader"), p[0]);
            assertEquals("jsqlparser", parsed.option("reader"), p[1]);
            assertEquals(parsed.getTable(), fast.getTable(), p[0]);
            assertEquals(parsed.getOperation(), fast.getOperation());
            assertEquals(parsed.isFromQuery(), fast.isFromQuery());
            assertEquals(parsed.isHasWhere(), fast.isHasWhere());
        }
        for (String sql : List.of("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;", "INSERT INTO t VALUES (1) RETURNING id;",
                "INSERT INTO t DEFAULT VALUES;", "INSERT INTO t (a) VALUES ((1));",
                "INSERT INTO t (a) SELECT 1;", "INSERT INTO t (a) VALUES (- 'x');", "INSERT INTO t (a) VALUES (1), (2) x;")) {
            assertTrue(!"values".equals(map(sql).get(0).option("reader")), sql);
        }
    }
    /**
     * Parentheses that do not balance are reported without asking JSqlParser (fuzz finding 25: 2,500 open ones kept
     * it busy for its whole 2 s limit, per statement), through the batch of a file and one statement alone.
     */
    @Test
    void unbalancedParenthesesAreReportedWithoutJSqlParser() {
        String sql = "UPDATE flows SET nid = (SELECT id" + "(".repeat(2500) + " FROM networks LIMIT 1;";
        Migration m = new Migration("t.sql", "1", Dialect.POSTGRES, Migration.Direction.UP, "plain",
                Migration.TxMode.NONE);
        List<Statement> stmts = pg.split(m, sql, (l, c, msg) -> { });
        long before = dev.schemagate.dialects.common.JSqlRunner.statementsHanded();
        List<Change> batch = pg.mapAll(stmts).get(0);
        List<Change> alone = pg.map(stmts.get(0));
        assertEquals(before, dev.schemagate.dialects.common.JSqlRunner.statementsHanded());
        for (List<Change> cs : List.of(batch, alone)) {
            dev.schemagate.model.change.Unparsed u = assertInstanceOf(dev.schemagate.model.change.Unparsed.class, cs.get(0));
            assertEquals("unbalanced parentheses: 2501 ( never closed, the last one here", u.getReason());
            assertEquals(1, u.getErrorLine());
            assertEquals(sql.lastIndexOf('(') + 1, u.getErrorColumn());
        }
        // a statement whose parentheses balance still goes to JSqlParser
        pg.mapAll(pg.split(m, "UPDATE flows SET nid = (SELECT 1);", (l, c, msg) -> { }));
        assertEquals(before + 1, dev.schemagate.dialects.common.JSqlRunner.statementsHanded());
    }
}
