package dev.schemagate.dialects.sqlite;

import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.StatementCollector;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.util.List;

/**
 * Splits a SQLite script into statements the way {@code sqlite3_prepare} walks it: semicolons outside strings,
 * quoted identifiers ({@code "x"}, {@code `x`}, {@code [x]}) and comments end a statement, except inside the
 * {@code BEGIN ... END} body of a {@code CREATE TRIGGER}, whose inner statements end with semicolons too
 * ({@code CASE ... END} inside the body is counted so its END does not close the body). Comments before a
 * statement are kept with it. A trigger body that never reaches its END is returned with a split error.
 */
final class SqliteSplitter {
    private SqliteSplitter() {
    }

    static List<Statement> split(Migration m, String text) {
        StatementCollector sc = new StatementCollector(m, text);
        Lexer lx = new Lexer(text, Lexer.Options.sqlite());
        int sig = 0;
        boolean trigger = false;
        int depth = 0;
        boolean bodySeen = false;
        Token first = null;
        Token t;
        while ((t = lx.next()) != null) {
            if (sc.common(t)) {
                continue;
            }
            if (t.kind == Token.Kind.SEMICOLON) {
                if (trigger && depth > 0 && sc.open()) {
                    sc.token(t);
                } else {
                    sc.end();
                }
                continue;
            }
            if (sc.token(t)) {
                first = t;
                sig = 0;
                trigger = false;
                depth = 0;
                bodySeen = false;
            }
            sig++;
            if (sig <= 3 && first.is("CREATE") && t.is("TRIGGER")) {
                trigger = true;
            }
            if (trigger && t.kind == Token.Kind.WORD) {
                if (t.is("BEGIN") && !bodySeen) {
                    depth = 1;
                    bodySeen = true;
                } else if (depth > 0 && t.is("CASE")) {
                    depth++;
                } else if (depth > 0 && t.is("END")) {
                    depth--;
                }
            }
        }
        if (sc.open() && trigger && depth > 0) {
            sc.fail("the trigger body opened by BEGIN has no END", sc.startOffset());
        }
        return sc.finish();
    }
}
