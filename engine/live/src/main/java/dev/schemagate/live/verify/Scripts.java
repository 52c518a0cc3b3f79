package dev.schemagate.live.verify;

import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.LineMap;
import dev.schemagate.dialects.common.Statements;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.dialects.postgres.PgSplitter;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.spi.SqlDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into the statements verify executes, with their positions. It uses the dialect's own
 * splitter when the build has one (PostgreSQL always); for SQLite and MySQL/MariaDB without a reader in this build
 * it falls back to a small splitter on the shared lexer that knows trigger and routine bodies (BEGIN ... END) and
 * the client-side {@code DELIMITER} command.
 */
public final class Scripts {
    private Scripts() {
    }

    public static List<Statement> split(Migration m, String text, Dialect d, SqlDialect reader) {
        if (reader != null) {
            return reader.split(m, text, (line, col, msg) -> { });
        }
        if (d == Dialect.POSTGRES) {
            return PgSplitter.split(m, text);
        }
        return fallback(m, text, d.isMysqlFamily() ? Lexer.Options.mysql() : Lexer.Options.sqlite());
    }

    static List<Statement> fallback(Migration m, String text, Lexer.Options options) {
        LineMap lines = new LineMap(text);
        List<Statement> out = new ArrayList<>();
        String delimiter = ";";
        int pos = 0;
        // DELIMITER lines are handled by cutting the text into regions around them
        List<int[]> regions = new ArrayList<>();
        List<String> delims = new ArrayList<>();
        int lineStart = 0;
        int regionStart = 0;
        while (lineStart <= text.length()) {
            int nl = text.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? text.length() : nl;
            String line = text.substring(lineStart, lineEnd).trim();
            if (line.regionMatches(true, 0, "DELIMITER ", 0, 10)) {
                regions.add(new int[] {regionStart, lineStart});
                delims.add(delimiter);
                delimiter = line.substring(10).trim();
                regionStart = lineEnd;
            }
            if (nl < 0) {
                break;
            }
            lineStart = nl + 1;
        }
        regions.add(new int[] {regionStart, text.length()});
        delims.add(delimiter);
        for (int r = 0; r < regions.size(); r++) {
            int from = regions.get(r)[0];
            int to = regions.get(r)[1];
            String d = delims.get(r);
            if (!d.equals(";")) {
                // a custom delimiter: statements are separated by it, whatever the lexer says
                int s = from;
                int i;
                while ((i = text.indexOf(d, s)) >= 0 && i < to) {
                    add(out, m, text, lines, s, i);
                    s = i + d.length();
                }
                add(out, m, text, lines, s, to);
                continue;
            }
            List<Token> ts = Lexer.lex(text.substring(from, to), options);
            int start = -1;
            int block = 0;
            boolean trigger = false;
            int end = -1;
            for (int i = 0; i < ts.size(); i++) {
                Token t = ts.get(i);
                if (t.isComment()) {
                    continue;
                }
                if (start < 0) {
                    start = from + t.start;
                    trigger = false;
                    block = 0;
                }
                if (t.is("TRIGGER") || t.is("PROCEDURE") || t.is("FUNCTION")) {
                    trigger = true;
                }
                if (trigger && (t.is("BEGIN") || t.is("CASE"))) {
                    block++;
                } else if (trigger && t.is("END") && block > 0) {
                    Token next = i + 1 < ts.size() ? ts.get(i + 1) : null;
                    if (next == null || !(next.is("IF") || next.is("LOOP") || next.is("WHILE") || next.is("REPEAT"))) {
                        block--;
                    }
                }
                if (t.kind == Token.Kind.SEMICOLON && block == 0) {
                    add(out, m, text, lines, start, end);
                    start = -1;
                    continue;
                }
                end = from + t.end;
            }
            if (start >= 0) {
                add(out, m, text, lines, start, end);
            }
        }
        return out;
    }

    private static void add(List<Statement> out, Migration m, String text, LineMap lines, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            out.add(Statements.make(m, out.size(), text, lines, start, end, List.of()));
        }
    }
}
