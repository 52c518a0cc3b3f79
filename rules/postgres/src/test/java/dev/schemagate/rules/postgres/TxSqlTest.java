package dev.schemagate.rules.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TxSqlTest {
    @Test
    void aLongStringLiteralIsASimpleValueWithoutOverflowingTheStack() {
        // fuzz-found: a 400,000-character value in a Knex update overflowed the regular expression's recursion
        String big = "'" + "x".repeat(500_000) + "''s'";
        assertEquals("status IS DISTINCT FROM " + big, TxSql.pending("status = " + big));
        assertEquals("(a IS DISTINCT FROM 'it''s' OR b IS DISTINCT FROM 2)", TxSql.pending("a = 'it''s', b = 2"));
        assertNull(TxSql.pending("a = a + 1"));
    }
}
