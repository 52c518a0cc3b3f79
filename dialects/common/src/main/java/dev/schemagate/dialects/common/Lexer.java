package dev.schemagate.dialects.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A small SQL lexer shared by the dialect readers. It knows enough to find statement boundaries and
 * keywords safely: strings (with the dialect's escapes), quoted identifiers, dollar quotes, nested comments,
 * psql meta-commands. It never throws: unterminated constructs become {@link Token.Kind#UNTERMINATED} tokens.
 */
public final class Lexer {
    /** What a dialect's lexical syntax allows. */
    public static final class Options {
        boolean dollarQuotes;
        boolean nestedComments;
        boolean hashComments;
        boolean backslashEscapes;
        boolean backtickIdents;
        boolean bracketIdents;
        boolean doubleQuoteIsString;
        boolean psqlMeta;
        boolean mysqlDashComments;

        public static Options postgres() {
            Options o = new Options();
            o.dollarQuotes = true;
            o.nestedComments = true;
            o.psqlMeta = true;
            return o;
        }

        public static Options mysql() {
            Options o = new Options();
            o.hashComments = true;
            o.backslashEscapes = true;
            o.backtickIdents = true;
            o.doubleQuoteIsString = true;
            o.mysqlDashComments = true;
            return o;
        }

        public static Options sqlite() {
            Options o = new Options();
            o.backtickIdents = true;
            o.bracketIdents = true;
            return o;
        }
    }

    private final String s;
    private final Options o;
    private final int n;
    private int pos;

    public Lexer(String text, Options options) {
        this.s = text;
        this.o = options;
        this.n = text.length();
    }

    public static List<Token> lex(String text, Options options) {
        Lexer l = new Lexer(text, options);
        List<Token> out = new ArrayList<>();
        Token t;
        while ((t = l.next()) != null) {
            out.add(t);
        }
        return out;
    }

    public int position() {
        return pos;
    }

    /** Continues lexing at {@code offset} (used to skip COPY data blocks). */
    public void reset(int offset) {
        this.pos = Math.max(0, Math.min(offset, n));
    }

    /** The next token, or null at end of input. Whitespace is skipped. */
    public Token next() {
        while (pos < n && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
        if (pos >= n) {
            return null;
        }
        int start = pos;
        char c = s.charAt(pos);
        char d = pos + 1 < n ? s.charAt(pos + 1) : '\0';

        if (c == '-' && d == '-' && (!o.mysqlDashComments || pos + 2 >= n || Character.isWhitespace(s.charAt(pos + 2))
                || Character.isISOControl(s.charAt(pos + 2)))) {
            return lineComment(start);
        }
        if (c == '#' && o.hashComments) {
            return lineComment(start);
        }
        if (c == '/' && d == '*') {
            return blockComment(start);
        }
        if (c == '\\' && o.psqlMeta && atLineStart(start)) {
            int e = s.indexOf('\n', pos);
            pos = e < 0 ? n : e;
            int end = pos;
            if (end > start && s.charAt(end - 1) == '\r') {
                end--;
            }
            return tok(Token.Kind.META, start, end);
        }
        if (c == ';') {
            pos++;
            return tok(Token.Kind.SEMICOLON, start, pos);
        }
        if (c == '\'') {
            return quoted(start, '\'', o.backslashEscapes, Token.Kind.STRING);
        }
        if (c == '"') {
            return quoted(start, '"', o.doubleQuoteIsString && o.backslashEscapes,
                    o.doubleQuoteIsString ? Token.Kind.STRING : Token.Kind.QUOTED_IDENT);
        }
        if (c == '`' && o.backtickIdents) {
            return quoted(start, '`', false, Token.Kind.QUOTED_IDENT);
        }
        if (c == '[' && o.bracketIdents) {
            int e = s.indexOf(']', pos + 1);
            if (e < 0) {
                pos = n;
                return tok(Token.Kind.UNTERMINATED, start, n);
            }
            pos = e + 1;
            return tok(Token.Kind.QUOTED_IDENT, start, pos);
        }
        if (c == '$' && o.dollarQuotes) {
            Token t = dollar(start);
            if (t != null) {
                return t;
            }
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(d))) {
            return number(start);
        }
        if (isIdentStart(c)) {
            // string prefixes: E'..' (escapes), N'..', B'..', X'..', U&'..'
            if ((c == 'E' || c == 'e') && d == '\'') {
                pos++;
                Token t = quoted(pos, '\'', true, Token.Kind.STRING);
                return tok(t.kind, start, t.end);
            }
            if ((c == 'N' || c == 'n' || c == 'B' || c == 'b' || c == 'X' || c == 'x') && d == '\'') {
                pos++;
                Token t = quoted(pos, '\'', o.backslashEscapes, Token.Kind.STRING);
                return tok(t.kind, start, t.end);
            }
            while (pos < n && isIdentPart(s.charAt(pos))) {
                pos++;
            }
            return tok(Token.Kind.WORD, start, pos);
        }
        if (c == '?' || (c == '$' && Character.isDigit(d))) {
            pos++;
            while (pos < n && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            return tok(Token.Kind.PARAM, start, pos);
        }
        return operator(start);
    }

    private boolean atLineStart(int p) {
        for (int i = p - 1; i >= 0; i--) {
            char ch = s.charAt(i);
            if (ch == '\n' || ch == '\r') {
                return true;
            }
            if (!Character.isWhitespace(ch)) {
                return false;
            }
        }
        return true;
    }

    private Token tok(Token.Kind k, int start, int end) {
        return new Token(k, start, end, s.substring(start, end));
    }

    private Token lineComment(int start) {
        int e = pos;
        while (e < n && s.charAt(e) != '\n' && s.charAt(e) != '\r') {
            e++;
        }
        pos = e;
        return tok(Token.Kind.LINE_COMMENT, start, e);
    }

    private Token blockComment(int start) {
        int depth = 0;
        int i = pos;
        while (i < n) {
            char ch = s.charAt(i);
            if (ch == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                if (depth == 0 || o.nestedComments) {
                    depth++;
                }
                i += 2;
                continue;
            }
            if (ch == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    pos = i;
                    return tok(Token.Kind.BLOCK_COMMENT, start, i);
                }
                continue;
            }
            i++;
        }
        pos = n;
        return tok(Token.Kind.UNTERMINATED, start, n);
    }

    private Token quoted(int start, char q, boolean backslash, Token.Kind kind) {
        int i = start + 1;
        while (i < n) {
            char ch = s.charAt(i);
            if (backslash && ch == '\\') {
                i += 2;
                continue;
            }
            if (ch == q) {
                if (i + 1 < n && s.charAt(i + 1) == q) {
                    i += 2;
                    continue;
                }
                pos = i + 1;
                return tok(kind, start, pos);
            }
            i++;
        }
        pos = n;
        return tok(Token.Kind.UNTERMINATED, start, n);
    }

    /** $tag$ ... $tag$; returns null (leaving pos) when this is not a dollar quote. */
    private Token dollar(int start) {
        int i = start + 1;
        if (i < n && Character.isDigit(s.charAt(i))) {
            return null;
        }
        while (i < n && s.charAt(i) != '$') {
            char ch = s.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || ch == '_')) {
                return null;
            }
            i++;
        }
        if (i >= n) {
            return null;
        }
        String tag = s.substring(start, i + 1);
        int close = s.indexOf(tag, i + 1);
        if (close < 0) {
            pos = n;
            return tok(Token.Kind.UNTERMINATED, start, n);
        }
        pos = close + tag.length();
        return tok(Token.Kind.STRING, start, pos);
    }

    private Token number(int start) {
        int i = pos;
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
            if (s.charAt(i) == '.' && i + 1 < n && s.charAt(i + 1) == '.') {
                break;
            }
            i++;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < n && Character.isDigit(s.charAt(j))) {
                i = j;
                while (i < n && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        pos = i;
        return tok(Token.Kind.NUMBER, start, i);
    }

    private static final String[] MULTI = {"::", "<=", ">=", "<>", "!=", "||", "->>", "->", "#>>", "#>", "=>", ":=",
        "<<", ">>", "@>", "<@", "&&", "~~", "!~"};

    private Token operator(int start) {
        for (String m : MULTI) {
            if (s.startsWith(m, start)) {
                pos = start + m.length();
                return tok(Token.Kind.OP, start, pos);
            }
        }
        pos = start + 1;
        return tok(Token.Kind.OP, start, pos);
    }

    static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_' || (c > 127 && !Character.isWhitespace(c) && !Character.isISOControl(c));
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c) || Character.isDigit(c) || c == '$';
    }
}
