package dev.schemagate.dialects.sqlite;

import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.LineMap;
import dev.schemagate.dialects.common.Statements;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.model.Comment;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.util.ArrayList;
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
        LineMap lines = new LineMap(text);
        Lexer lx = new Lexer(text, Lexer.Options.sqlite());
        List<Statement> out = new ArrayList<>();
        List<Comment> pending = new ArrayList<>();
        int start = -1;
        int lastEnd = -1;
        int sig = 0;
        boolean trigger = false;
        int depth = 0;
        boolean bodySeen = false;
        Token first = null;
        String error = null;
        int errorAt = -1;
        Token t;
        while ((t = lx.next()) != null) {
            switch (t.kind) {
                case LINE_COMMENT:
                case BLOCK_COMMENT:
                    if (start < 0) {
                        pending.add(Statements.comment(t, lines));
                    }
                    continue;
                case SEMICOLON:
                    if (start < 0) {
                        continue;
                    }
                    if (trigger && depth > 0) {
                        lastEnd = t.end;
                        continue;
                    }
                    out.add(finish(m, out.size(), text, lines, start, lastEnd, pending, error, errorAt));
                    pending = new ArrayList<>();
                    start = -1;
                    error = null;
                    continue;
                case UNTERMINATED:
                    if (start < 0) {
                        start = t.start;
                    }
                    if (error == null) {
                        error = Statements.describeUnterminated(t);
                        errorAt = t.start;
                    }
                    lastEnd = t.end;
                    continue;
                default:
                    if (start < 0) {
                        start = t.start;
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
                    lastEnd = t.end;
            }
        }
        if (start >= 0) {
            if (trigger && depth > 0 && error == null) {
                error = "the trigger body opened by BEGIN has no END";
                errorAt = start;
            }
            out.add(finish(m, out.size(), text, lines, start, lastEnd, pending, error, errorAt));
        }
        return out;
    }

    private static Statement finish(Migration m, int index, String text, LineMap lines, int start, int end,
                                    List<Comment> comments, String error, int errorAt) {
        Statement s = Statements.make(m, index, text, lines, start, end, comments);
        if (error != null) {
            s.setSplitError(error, lines.line(errorAt), lines.column(errorAt));
        }
        return s;
    }
}
