package dev.schemagate.dialects.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class MySplitterTest {
    static Migration m() {
        return new Migration("V1__x.sql", "1", Dialect.MYSQL, Migration.Direction.UP, "flyway", Migration.TxMode.NONE);
    }

    static List<Statement> split(String sql) {
        return MySplitter.split(m(), sql);
    }

    @Test
    void semicolonsHashCommentsBackticksAndPositions() {
        List<Statement> s = split("# a comment; not a split\nCREATE TABLE `a;b` (id int);  -- x; y\n  ALTER TABLE t ADD c int;\n");
        assertEquals(2, s.size());
        assertEquals("CREATE TABLE `a;b` (id int)", s.get(0).getText());
        assertEquals(2, s.get(0).getLine());
        assertEquals(1, s.get(0).getColumn());
        assertEquals(3, s.get(1).getLine());
        assertEquals(3, s.get(1).getColumn());
        assertEquals("a comment; not a split", s.get(0).getComments().get(0).getText());
    }

    @Test
    void delimiterBlocksKeepBodiesWhole() {
        String sql = "DELIMITER $$\n"
                + "CREATE PROCEDURE p()\nBEGIN\n  ALTER TABLE t ADD c int;\n  SELECT 1;\nEND$$\n"
                + "DELIMITER ;\n"
                + "CALL p();\n"
                + "DELIMITER //\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END //\nDELIMITER ;\n";
        List<Statement> s = split(sql);
        assertEquals(3, s.size(), s.toString());
        assertTrue(s.get(0).getText().startsWith("CREATE PROCEDURE p()"));
        assertTrue(s.get(0).getText().endsWith("END"), s.get(0).getText());
        assertEquals(2, s.get(0).getLine());
        assertEquals("CALL p()", s.get(1).getText());
        assertEquals(8, s.get(1).getLine());
        assertTrue(s.get(2).getText().endsWith("END"), s.get(2).getText());
    }

    @Test
    void routineBodiesWithoutDelimiterStayWhole() {
        String sql = "CREATE PROCEDURE add_col()\nBEGIN\n  IF NOT EXISTS (SELECT 1) THEN\n    ALTER TABLE t ADD c int;\n"
                + "  END IF;\n  CASE WHEN 1 THEN SELECT 1; END CASE;\n  lbl: LOOP LEAVE lbl; END LOOP;\nEND;\n"
                + "CALL add_col();\nDROP PROCEDURE add_col;\n";
        List<Statement> s = split(sql);
        assertEquals(3, s.size(), s.toString());
        assertTrue(s.get(0).getText().endsWith("END"));
        assertEquals("CALL add_col()", s.get(1).getText());
        assertEquals(9, s.get(1).getLine());
    }

    @Test
    void transactionBeginIsNotABody() {
        List<Statement> s = split("BEGIN;\nALTER TABLE t ADD c int;\nCOMMIT;\n");
        assertEquals(3, s.size());
    }

    @Test
    void executableCommentsAreCodeAndKeepPositions() {
        String sql = "/*!40101 SET NAMES utf8mb4 */;\n/* plain */ /*!80016 ALTER TABLE t ADD c int */;\n";
        List<Statement> s = split(sql);
        assertEquals(2, s.size(), s.toString());
        assertEquals("SET NAMES utf8mb4", s.get(0).getText().trim());
        assertEquals(1, s.get(0).getLine());
        assertEquals(10, s.get(0).getColumn());
        assertEquals(2, s.get(1).getLine());
        assertEquals(22, s.get(1).getColumn());
        assertEquals("plain", s.get(1).getComments().get(0).getText());
    }

    @Test
    void dbmateDownSectionIsNotPartOfTheUpMigration() {
        String sql = "-- migrate:up\nUPDATE t SET a = 1 WHERE b LIKE 'x_%'\n\n-- migrate:down\nDROP TABLE t;\n";
        List<Statement> s = split(sql);
        assertEquals(1, s.size());
        assertEquals("UPDATE t SET a = 1 WHERE b LIKE 'x_%'", s.get(0).getText());
    }

    @Test
    void unterminatedStringIsReportedAtItsPosition() {
        List<Statement> s = split("ALTER TABLE t ADD c int;\nINSERT INTO t VALUES ('oops);\n");
        assertEquals(2, s.size());
        assertNotNull(s.get(1).getSplitError());
        assertEquals(2, s.get(1).getErrorLine());
        assertEquals(23, s.get(1).getErrorColumn());
    }
}
