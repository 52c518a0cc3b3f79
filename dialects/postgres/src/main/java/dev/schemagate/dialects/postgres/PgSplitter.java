package dev.schemagate.dialects.postgres;

import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.LineMap;
import dev.schemagate.dialects.common.Statements;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.model.Comment;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a PostgreSQL script into statements the way psql would: semicolons outside strings, quoted
 * identifiers, dollar quotes and (nested) comments end a statement; {@code BEGIN ATOMIC ... END} routine bodies
 * stay whole; psql meta-commands ({@code \set}, {@code \connect}) are statements of their own; the data lines of
 * {@code COPY ... FROM stdin} up to {@code \.} are skipped. Comments before a statement are kept with it.
 */
public final class PgSplitter {
    private static final Pattern COPY_STDIN = Pattern.compile("(?is)^COPY\\b.*\\bFROM\\s+STDIN\\b.*");

    private PgSplitter() {
    }

    public static List<Statement> split(Migration m, String text) {
        LineMap lines = new LineMap(text);
        Lexer lx = new Lexer(text, Lexer.Options.postgres());
        List<Statement> out = new ArrayList<>();
        List<Comment> pending = new ArrayList<>();
        int start = -1;
        int lastEnd = -1;
        int atomicDepth = 0;
        int sigCount = 0;
        boolean routine = false;
        Token first = null;
        Token prev = null;
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
                case META:
                    if (start >= 0) {
                        out.add(finish(m, out.size(), text, lines, start, lastEnd, pending, error, errorAt));
                        pending = new ArrayList<>();
                        start = -1;
                        error = null;
                    }
                    if (!t.text().trim().equals("\\.")) {
                        out.add(Statements.make(m, out.size(), text, lines, t.start, t.end, pending));
                        pending = new ArrayList<>();
                    }
                    continue;
                case SEMICOLON:
                    if (start < 0) {
                        continue;
                    }
                    if (atomicDepth > 0) {
                        lastEnd = t.end;
                        continue;
                    }
                    Statement st = finish(m, out.size(), text, lines, start, lastEnd, pending, error, errorAt);
                    out.add(st);
                    pending = new ArrayList<>();
                    start = -1;
                    error = null;
                    if (first != null && first.is("COPY") && COPY_STDIN.matcher(st.getText()).matches()) {
                        lx.reset(skipCopyData(text, t.end));
                    }
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
                        atomicDepth = 0;
                        sigCount = 0;
                        routine = false;
                        prev = null;
                    }
                    sigCount++;
                    if (sigCount <= 6 && first.is("CREATE") && (t.is("FUNCTION") || t.is("PROCEDURE"))) {
                        routine = true;
                    }
                    if (routine && t.is("ATOMIC") && prev != null && prev.is("BEGIN")) {
                        atomicDepth++;
                    } else if (atomicDepth > 0 && t.is("CASE")) {
                        atomicDepth++;
                    } else if (atomicDepth > 0 && t.is("END")) {
                        atomicDepth--;
                    }
                    lastEnd = t.end;
                    prev = t;
            }
        }
        if (start >= 0) {
            out.add(finish(m, out.size(), text, lines, start, lastEnd, pending, error, errorAt));
        }
        return out;
    }

    private static Statement finish(Migration m, int index, String text, LineMap lines, int start, int end,
                                    List<Comment> comments, String error, int errorAt) {
        return Statements.make(m, index, text, lines, start, end, comments, error, errorAt);
    }

    /** Offset just after the {@code \.} line that ends COPY data (or the end of text). */
    private static int skipCopyData(String text, int afterSemicolon) {
        int nl = text.indexOf('\n', afterSemicolon);
        if (nl < 0) {
            return text.length();
        }
        int p = nl + 1;
        while (p < text.length()) {
            int e = text.indexOf('\n', p);
            String line = (e < 0 ? text.substring(p) : text.substring(p, e)).trim();
            if (line.equals("\\.")) {
                return e < 0 ? text.length() : e + 1;
            }
            if (e < 0) {
                return text.length();
            }
            p = e + 1;
        }
        return text.length();
    }
}
