package dev.schemagate.live.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.SourceFile;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptsAndPairsTest {
    private static final Migration M = new Migration("m.sql", "m", Dialect.SQLITE, Migration.Direction.UP, "plain",
            Migration.TxMode.NONE);

    @Test
    void sqliteTriggerBodiesStayWhole() {
        List<Statement> s = Scripts.split(M, "CREATE TABLE t (a int);\n-- note; with a semicolon\n"
                + "CREATE TRIGGER g AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 1;\n  SELECT CASE WHEN 1 THEN 2 END;\nEND;\n"
                + "INSERT INTO t VALUES ('x;y')", Dialect.SQLITE, null);
        assertEquals(3, s.size(), s.toString());
        assertEquals(3, s.get(1).getLine());
        assertEquals("CREATE TRIGGER g AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 1;\n  SELECT CASE WHEN 1 THEN 2 END;\nEND",
                s.get(1).getText());
        assertEquals("INSERT INTO t VALUES ('x;y')", s.get(2).getText());
        assertEquals(7, s.get(2).getLine());
    }

    @Test
    void mysqlDelimiterBlocks() {
        List<Statement> s = Scripts.split(M, "CREATE TABLE t (a int);\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN\n"
                + "  IF 1 THEN SELECT 1; END IF;\nEND$$\nDELIMITER ;\nDROP TABLE t;\n", Dialect.MARIADB, null);
        assertEquals(3, s.size(), s.toString());
        assertEquals("CREATE PROCEDURE p() BEGIN\n  IF 1 THEN SELECT 1; END IF;\nEND", s.get(1).getText());
        assertEquals(3, s.get(1).getLine());
        assertEquals("DROP TABLE t", s.get(2).getText());
        assertEquals(7, s.get(2).getLine());
    }

    private static SourceFile f(String path) {
        return Discovery.describe(Path.of(path), path);
    }

    @Test
    void upsPairWithTheirDownsByToolId() {
        List<SourceFile> files = new ArrayList<>(List.of(
                f("V1__init.sql"), f("V2__add.sql"), f("U2__add.sql"),
                f("2024-01-01-000000_users/up.sql"), f("2024-01-01-000000_users/down.sql"),
                f("20240101000000_x.postgres.up.sql"), f("20240101000000_x.mysql.down.sql"),
                f("20240101000000_x.postgres.down.sql"),
                f("001_a.up.sql"), f("001_a.down.sql"), f("plain/b.up.sql"), f("plain/b.down.sql")));
        List<MigrationPairs.Pair> p = MigrationPairs.pair(files);
        assertEquals(6, p.size(), p.toString());
        assertEquals("V1__init.sql", p.get(0).up().getMigration().getPath());
        assertNull(p.get(0).down());
        assertEquals("U2__add.sql", p.get(1).down().getMigration().getPath());
        assertEquals("2024-01-01-000000_users/down.sql", p.get(2).down().getMigration().getPath());
        assertEquals("20240101000000_x.postgres.down.sql", p.get(3).down().getMigration().getPath(),
                "a popx down of another dialect is not this one's down");
        assertEquals("001_a.down.sql", p.get(4).down().getMigration().getPath());
        assertEquals("plain/b.down.sql", p.get(5).down().getMigration().getPath());
    }
}
