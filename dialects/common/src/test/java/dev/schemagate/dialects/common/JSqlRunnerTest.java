package dev.schemagate.dialects.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import org.junit.jupiter.api.Test;

class JSqlRunnerTest {
    @Test
    void aStatementPastTheLimitTimesOutAndTheNextOneIsStillParsed() {
        // a statement whose parse needs far more than 50 ms of CPU (half a million terms)
        String slow = "SELECT 1" + " + 1".repeat(500_000);
        List<JSqlRunner.Outcome> out = JSqlRunner.parseAll(List.of(slow, "SELECT 1"),
                AbstractJSqlParser.Dialect.POSTGRESQL, 50);
        assertTrue(out.get(0).timedOut, out.get(0).error);
        assertFalse(out.get(0).ok());
        assertTrue(out.get(1).ok(), String.valueOf(out.get(1).error));
        JSqlRunner.Outcome one = JSqlRunner.parse("SELECT 2", AbstractJSqlParser.Dialect.POSTGRESQL, 300);
        assertTrue(one.ok(), String.valueOf(one.error));
    }
}
