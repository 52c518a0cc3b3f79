package dev.schemagate.dialects.mysql;

import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.StatementCollector;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a MySQL or MariaDB script the way the {@code mysql} client and Flyway do:
 * <ul>
 * <li>{@code DELIMITER xx} lines change the statement terminator until the next {@code DELIMITER} line;</li>
 * <li>stored program bodies written without {@code DELIMITER} ({@code CREATE PROCEDURE ... BEGIN ...; ...; END;})
 * stay whole: inside a routine, trigger or event definition, semicolons between {@code BEGIN} and its
 * {@code END} do not end the statement;</li>
 * <li>{@code #} and {@code -- } comments, backticks, backslash escapes in strings;</li>
 * <li>executable comments {@code /*! ... *}{@code /} and {@code /*M! ... *}{@code /} run as code: their markers are
 * blanked (same length, so every position stays exact) and their content is read;</li>
 * <li>a dbmate {@code -- migrate:down} line ends the up part: what follows is the rollback script and is not
 * part of this migration's effect.</li>
 * </ul>
 */
final class MySplitter {
    private static final Pattern EXEC_COMMENT = Pattern.compile("/\\*M?!(\\d{5,6})?");
    private static final Pattern DELIMITER = Pattern.compile("(?i)^[ \\t]*DELIMITER[ \\t]+(\\S+)[ \\t]*$");
    private static final Pattern DBMATE_DOWN = Pattern.compile("(?i)^--\\s*migrate:down\\b.*");

    private MySplitter() {
    }

    /** The text with executable-comment markers replaced by spaces; same length, same line breaks. */
    static String blankExecutableComments(String text) {
        if (!text.contains("/*!") && !text.contains("/*M!")) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        Lexer lx = new Lexer(text, Lexer.Options.mysql());
        Token t;
        while ((t = lx.next()) != null) {
            if (t.kind != Token.Kind.BLOCK_COMMENT) {
                continue;
            }
            Matcher m = EXEC_COMMENT.matcher(text);
            m.region(t.start, t.end);
            if (m.lookingAt()) {
                for (int k = t.start; k < m.end(); k++) {
                    sb.setCharAt(k, ' ');
                }
                sb.setCharAt(t.end - 1, ' ');
                sb.setCharAt(t.end - 2, ' ');
                // lex the content as code from here on
                lx.reset(m.end());
            }
        }
        return sb.toString();
    }

    static List<Statement> split(Migration m, String original) {
        String text = blankExecutableComments(original);
        Lexer lx = new Lexer(text, Lexer.Options.mysql());
        StatementCollector sc = new StatementCollector(m, text);
        String delimiter = ";";
        int depth = 0;
        int sig = 0;
        boolean routine = false;
        Token first = null;
        Token prev = null;
        Token t;
        while ((t = lx.next()) != null) {
            if (t.kind == Token.Kind.WORD && t.is("DELIMITER") && atLineStart(text, t.start)) {
                int eol = lineEnd(text, t.start);
                Matcher dm = DELIMITER.matcher(text.substring(lineBegin(text, t.start), eol));
                if (dm.matches()) {
                    sc.end();
                    delimiter = dm.group(1);
                    lx.reset(eol);
                    continue;
                }
            }
            if (t.kind == Token.Kind.LINE_COMMENT && DBMATE_DOWN.matcher(t.text()).matches()) {
                return sc.finish(); // the rollback part of a dbmate file
            }
            boolean custom = !delimiter.equals(";");
            int at = -1;
            if (custom && !t.isComment() && t.kind != Token.Kind.STRING && t.kind != Token.Kind.QUOTED_IDENT
                    && t.kind != Token.Kind.UNTERMINATED) {
                int idx = t.text().indexOf(delimiter);
                at = text.startsWith(delimiter, t.start) ? t.start : idx > 0 ? t.start + idx : -1;
            } else if (!custom && t.kind == Token.Kind.SEMICOLON) {
                at = t.start;
            }
            if (at >= 0) {
                if (custom) {
                    if (at > t.start) {
                        sc.token(new Token(t.kind, t.start, at, text.substring(t.start, at))); // END$$
                    }
                    lx.reset(at + delimiter.length());
                }
                if (!custom && depth > 0 && sc.open()) {
                    sc.token(t); // a semicolon inside a routine body
                    prev = t;
                    continue;
                }
                sc.end();
                continue;
            }
            if (sc.common(t)) {
                continue;
            }
            if (sc.token(t)) {
                first = t;
                depth = 0;
                sig = 0;
                routine = false;
                prev = null;
            }
            sig++;
            if (sig <= 12 && first.is("CREATE") && (t.is("PROCEDURE") || t.is("FUNCTION") || t.is("TRIGGER")
                    || t.is("EVENT"))) {
                routine = true;
            }
            if (routine && t.kind == Token.Kind.WORD) {
                if (t.is("BEGIN") && !(prev != null && prev.is("XA"))) {
                    depth++;
                } else if (t.is("CASE") && !(prev != null && prev.is("END"))) {
                    depth++;
                } else if (t.is("END")) {
                    Token nx = peekWord(text, t.end);
                    if (nx == null || !(nx.is("IF") || nx.is("LOOP") || nx.is("WHILE") || nx.is("REPEAT"))) {
                        depth = Math.max(0, depth - 1);
                    }
                }
            }
            prev = t;
        }
        return sc.finish();
    }

    /** The next token after {@code offset}, skipping whitespace and comments; null at end. */
    private static Token peekWord(String text, int offset) {
        Lexer l = new Lexer(text, Lexer.Options.mysql());
        l.reset(offset);
        Token t;
        while ((t = l.next()) != null) {
            if (!t.isComment()) {
                return t;
            }
        }
        return null;
    }

    private static boolean atLineStart(String text, int p) {
        for (int i = p - 1; i >= 0; i--) {
            char ch = text.charAt(i);
            if (ch == '\n' || ch == '\r') {
                return true;
            }
            if (ch != ' ' && ch != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int lineBegin(String text, int p) {
        int i = p;
        while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    private static int lineEnd(String text, int p) {
        int i = p;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }
}
