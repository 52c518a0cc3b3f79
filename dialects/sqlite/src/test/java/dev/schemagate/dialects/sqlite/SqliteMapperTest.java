package dev.schemagate.dialects.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.DataChange;
import dev.schemagate.model.change.DropColumn;
import dev.schemagate.model.change.OtherDdl;
import dev.schemagate.model.change.RenameColumn;
import dev.schemagate.model.change.SetNotNull;
import dev.schemagate.model.change.SetSetting;
import dev.schemagate.model.change.TransactionControl;
import dev.schemagate.model.change.TriggerChange;
import dev.schemagate.model.change.Unparsed;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** The SQLite splitter and reader on the forms JSqlParser rejects, and their positions. */
class SqliteMapperTest {
    private final SqliteDialect sqlite = new SqliteDialect();

    private List<Statement> split(String sql) {
        Migration m = new Migration("t.sql", "1", Dialect.SQLITE, Migration.Direction.UP, "plain", Migration.TxMode.NONE);
        return sqlite.split(m, sql, (l, c, msg) -> { });
    }

    private List<Change> map(String sql) {
        List<Statement> stmts = split(sql);
        assertEquals(1, stmts.size(), sql);
        return sqlite.mapAll(stmts).get(0);
    }

    @Test
    void triggerBodiesStayWholeAndCaseEndDoesNotCloseThem() {
        String sql = "CREATE TABLE t (id INTEGER PRIMARY KEY, n INT);\n"
                + "CREATE TRIGGER tr AFTER UPDATE ON t BEGIN\n"
                + "  UPDATE t SET n = CASE WHEN new.n > 0 THEN 1 ELSE 0 END WHERE id = new.id;\n"
                + "  SELECT 1;\n"
                + "END;\n"
                + "PRAGMA foreign_keys = OFF;\n";
        List<Statement> stmts = split(sql);
        assertEquals(3, stmts.size());
        assertEquals(2, stmts.get(1).getLine());
        assertEquals(6, stmts.get(2).getLine());
        List<List<Change>> cs = sqlite.mapAll(stmts);
        TriggerChange tr = assertInstanceOf(TriggerChange.class, cs.get(1).get(0));
        assertEquals("t", tr.getTable().getName());
        assertEquals("sqlite", tr.option("reader"));
        SetSetting p = assertInstanceOf(SetSetting.class, cs.get(2).get(0));
        assertEquals("foreign_keys", p.getName());
        assertEquals("OFF", p.getValue());
    }

    @Test
    void unterminatedTriggerIsAnUnparsedStatementNotASkip() {
        List<Change> cs = map("CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  DELETE FROM u;\n");
        Unparsed u = assertInstanceOf(Unparsed.class, cs.get(0));
        assertTrue(u.getReason().contains("no END"), u.getReason());
        assertEquals(1, u.getErrorLine());
    }

    @Test
    void strictAndWithoutRowidTablesAreModelledWithAffinities() {
        CreateTable t = assertInstanceOf(CreateTable.class, map("CREATE TABLE IF NOT EXISTS t (\n"
                + "  id INTEGER PRIMARY KEY AUTOINCREMENT,\n  name TEXT NOT NULL DEFAULT '',\n  price REAL,\n"
                + "  data BLOB, flag BOOLEAN DEFAULT FALSE, amount DECIMAL(10, 2), v VARCHAR(255) COLLATE NOCASE\n"
                + ") STRICT, WITHOUT ROWID;").get(0));
        assertEquals("true", t.getTableOptions().get("strict"));
        assertEquals("true", t.getTableOptions().get("without_rowid"));
        assertEquals("jsqlparser", t.option("reader"), "the blanked options let JSqlParser read the rest");
        assertEquals(SqlTypeName.BIGINT, t.getColumns().get(0).getType().getSqlType());
        assertTrue(t.getColumns().get(0).isSerial());
        assertEquals(SqlTypeName.VARCHAR, t.getColumns().get(1).getType().getSqlType());
        assertEquals(SqlTypeName.DOUBLE, t.getColumns().get(2).getType().getSqlType());
        assertEquals(SqlTypeName.VARBINARY, t.getColumns().get(3).getType().getSqlType());
        assertEquals(SqlTypeName.DECIMAL, t.getColumns().get(5).getType().getSqlType());
        assertEquals(10, t.getColumns().get(5).getType().getPrecision());
        assertEquals(255, t.getColumns().get(6).getType().getPrecision());
        assertEquals("NUMERIC", SqliteTypes.affinity("DATETIME"));
        assertEquals("BLOB", SqliteTypes.affinity(""));
        assertEquals("INTEGER", SqliteTypes.affinity("UNSIGNED BIG INT"));
    }

    @Test
    void columnWithoutTypeAndQuotedNames() {
        CreateTable t = assertInstanceOf(CreateTable.class,
                map("CREATE TABLE \"a b\" ([x], `y` NOT NULL, 'z' INT, key TEXT, FOREIGN KEY (x) REFERENCES p(id) ON DELETE CASCADE);").get(0));
        assertEquals("a b", t.getTable().getName());
        assertEquals(List.of("x", "y", "z", "key"), t.getColumns().stream().map(c -> c.getName()).toList());
        assertNull(t.getColumns().get(0).getType());
        assertEquals("CASCADE", t.getConstraints().get(0).getOnDelete());
    }

    @Test
    void alterTableForms() {
        assertInstanceOf(RenameColumn.class, map("ALTER TABLE t RENAME a TO b;").get(0));
        assertInstanceOf(DropColumn.class, map("ALTER TABLE t DROP COLUMN a;").get(0));
        assertInstanceOf(SetNotNull.class, map("ALTER TABLE t ALTER COLUMN a SET NOT NULL;").get(0));
        AddColumn a = assertInstanceOf(AddColumn.class,
                map("ALTER TABLE t ADD COLUMN ts TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP;").get(0));
        assertEquals("CURRENT_TIMESTAMP", a.getColumn().getDefaultExpr());
        Unparsed u = assertInstanceOf(Unparsed.class, map("ALTER TABLE t\n  MODIFY a INT;").get(0));
        assertEquals(2, u.getErrorLine());
        assertEquals(3, u.getErrorColumn());
    }

    @Test
    void dataChangesKeepWhatTheRebuildAnalysisNeeds() {
        DataChange d = assertInstanceOf(DataChange.class,
                map("INSERT INTO new_t (id, name) SELECT id, name FROM \"t\";").get(0));
        assertEquals("id,name", d.option(SqliteMapper.INSERT_COLUMNS));
        assertEquals("t", d.option(SqliteMapper.SOURCE_TABLE));
        DataChange u = assertInstanceOf(DataChange.class, map("UPDATE OR IGNORE t SET a = 1, b = (SELECT 2 WHERE 1);").get(0));
        assertFalse(u.isHasWhere());
        assertEquals(List.of("a", "b"), u.getSetColumns());
        assertTrue(assertInstanceOf(DataChange.class, map("DELETE FROM t WHERE id IN (1, 2);").get(0)).isHasWhere());
        assertInstanceOf(DataChange.class, map("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x;").get(0));
        assertInstanceOf(DataChange.class, map("INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING;").get(0));
    }

    @Test
    void pragmasTransactionsIndexesViews() {
        OtherDdl check = assertInstanceOf(OtherDdl.class, map("PRAGMA foreign_key_check;").get(0));
        assertEquals("PRAGMA", check.getObjectKind());
        assertEquals("foreign_key_check", check.getName());
        assertInstanceOf(SetSetting.class, map("PRAGMA main.journal_mode = 'wal';").get(0));
        assertInstanceOf(SetSetting.class, map("pragma user_version(7);").get(0));
        assertEquals("BEGIN", assertInstanceOf(TransactionControl.class, map("BEGIN IMMEDIATE TRANSACTION;").get(0)).getOperation());
        assertEquals("COMMIT", assertInstanceOf(TransactionControl.class, map("END;").get(0)).getOperation());
        CreateIndex i = assertInstanceOf(CreateIndex.class,
                map("CREATE UNIQUE INDEX IF NOT EXISTS ix ON t (a COLLATE NOCASE DESC, lower(b)) WHERE c IS NOT NULL;").get(0));
        assertEquals(List.of("a", "lower(b)"), i.getIndex().getColumns());
        assertNotNull(i.getIndex().getWhere());
        OtherDdl v = assertInstanceOf(OtherDdl.class, map("CREATE VIEW IF NOT EXISTS v AS SELECT * FROM t;").get(0));
        assertEquals("VIEW", v.getObjectKind());
    }
    /** As in PostgreSQL: parentheses that do not balance are reported without asking JSqlParser (fuzz finding 25). */
    @Test
    void unbalancedParenthesesAreReportedWithoutJSqlParser() {
        String sql = "UPDATE flows SET nid = (SELECT id" + "(".repeat(2500) + " FROM networks LIMIT 1;";
        List<Statement> stmts = split(sql);
        long before = dev.schemagate.dialects.common.JSqlRunner.statementsHanded();
        List<Change> batch = sqlite.mapAll(stmts).get(0);
        List<Change> alone = sqlite.map(stmts.get(0));
        assertEquals(before, dev.schemagate.dialects.common.JSqlRunner.statementsHanded());
        for (List<Change> cs : List.of(batch, alone)) {
            Unparsed u = assertInstanceOf(Unparsed.class, cs.get(0));
            assertEquals("unbalanced parentheses: 2501 ( never closed, the last one here", u.getReason());
            assertEquals(sql.lastIndexOf('(') + 1, u.getErrorColumn());
        }
        sqlite.mapAll(split("UPDATE flows SET nid = (SELECT 1);"));
        assertEquals(before + 1, dev.schemagate.dialects.common.JSqlRunner.statementsHanded());
    }
}
