package dev.schemagate.dialects.common;

import java.util.Locale;

/** A lexical token: its kind and its [start, end) offsets in the source. */
public final class Token {
    public enum Kind {
        WORD, QUOTED_IDENT, STRING, NUMBER, OP, SEMICOLON, LINE_COMMENT, BLOCK_COMMENT, META, PARAM,
        /** Unterminated string, quoted identifier, comment or dollar quote: runs to end of input. */
        UNTERMINATED
    }

    public final Kind kind;
    public final int start;
    public final int end;
    private final String text;

    public Token(Kind kind, int start, int end, String text) {
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Upper-cased text, for keyword comparison. */
    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isOp(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    public boolean isComment() {
        return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
    }

    /** The identifier this token names: unquoted words as written, quoted identifiers without quotes. */
    public String identifier() {
        if (kind == Kind.QUOTED_IDENT && text.length() >= 2) {
            char q = text.charAt(0);
            String inner = text.substring(1, text.length() - 1);
            if (q == '"') {
                return inner.replace("\"\"", "\"");
            }
            if (q == '`') {
                return inner.replace("``", "`");
            }
            return inner;
        }
        return text;
    }

    public boolean isIdentifierLike() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENT;
    }

    @Override
    public String toString() {
        return kind + "(" + text + ")@" + start;
    }
}
