package dev.schemagate.dialects.postgres;

import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.StatementCollector;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
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
        StatementCollector sc = new StatementCollector(m, text);
        Lexer lx = new Lexer(text, Lexer.Options.postgres());
        int atomicDepth = 0;
        int sigCount = 0;
        boolean routine = false;
        Token first = null;
        Token prev = null;
        Token t;
        while ((t = lx.next()) != null) {
            if (sc.common(t)) {
                continue;
            }
            switch (t.kind) {
                case META:
                    sc.end();
                    if (!t.text().trim().equals("\\.")) {
                        sc.single(t);
                    }
                    continue;
                case SEMICOLON:
                    if (!sc.open()) {
                        continue;
                    }
                    if (atomicDepth > 0) {
                        sc.token(t);
                        continue;
                    }
                    Statement st = sc.end();
                    if (first != null && first.is("COPY") && COPY_STDIN.matcher(st.getText()).matches()) {
                        lx.reset(skipCopyData(text, t.end));
                    }
                    continue;
                default:
                    if (sc.token(t)) {
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
                    prev = t;
            }
        }
        return sc.finish();
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
