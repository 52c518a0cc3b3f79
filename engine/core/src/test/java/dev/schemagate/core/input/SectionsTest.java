package dev.schemagate.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.model.Dialect;
import org.junit.jupiter.api.Test;

class SectionsTest {
    static final String DBMATE = "-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down transaction:false\nDROP TABLE t;\n";

    @Test
    void dbmateSectionsKeepEveryLineInPlace() {
        Sections.Part up = Sections.dbmate(DBMATE, true);
        Sections.Part down = Sections.dbmate(DBMATE, false);
        assertEquals("\nCREATE TABLE t (id int);\n\n\n\n", up.text);
        assertEquals("\n\n\n\nDROP TABLE t;\n", down.text);
        assertEquals(DBMATE.split("\n", -1).length, up.text.split("\n", -1).length);
        assertFalse(up.noTransaction);
        assertTrue(down.noTransaction);
        assertEquals(4, down.markerLine);
    }

    @Test
    void blankMeansOnlyCommentsWhitespaceAndSemicolons() {
        assertTrue(Sections.blank(""));
        assertTrue(Sections.blank("-- nothing\n/* at all */ ;\n"));
        assertFalse(Sections.blank("-- x\nDROP TABLE t;"));
        assertFalse(Sections.blank("SELECT 1"));
    }

    @Test
    void dialectSnifferNeedsTwoMarksOfOneDialect() {
        assertEquals(Dialect.MYSQL, DialectSniffer.sniff("CREATE TABLE `a` (`id` int) ENGINE=InnoDB;"));
        assertEquals(Dialect.POSTGRES, DialectSniffer.sniff("CREATE INDEX CONCURRENTLY i ON t (a); SELECT '1'::int;"));
        assertEquals(Dialect.SQLITE, DialectSniffer.sniff("PRAGMA foreign_keys=off; CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);"));
        assertNull(DialectSniffer.sniff("CREATE TABLE a (id int);"));
    }

    @Test
    void naturalOrderComparesVersionsAsNumbers() {
        assertTrue(NaturalOrder.INSTANCE.compare("V1_9_0__a.sql", "V1_12_0__b.sql") < 0);
        assertTrue(NaturalOrder.INSTANCE.compare("9_x.up.sql", "10_x.up.sql") < 0);
    }
}
