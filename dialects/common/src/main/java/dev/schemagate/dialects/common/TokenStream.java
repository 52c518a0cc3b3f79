package dev.schemagate.dialects.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A cursor over the significant tokens of one statement (comments removed), with the helpers a small
 * recursive-descent reader needs. Keyword tests are case-insensitive. {@link #fail} raises {@link ReadError}
 * carrying the offending token's offset so the error can be reported at its file position.
 */
public final class TokenStream {
    private final String text;
    private final List<Token> toks;
    private int i;

    public TokenStream(String text, List<Token> tokens) {
        this.text = text;
        List<Token> sig = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            if (!t.isComment()) {
                sig.add(t);
            }
        }
        this.toks = sig;
    }

    public String text() {
        return text;
    }

    public int size() {
        return toks.size();
    }

    public int index() {
        return i;
    }

    public void seek(int index) {
        this.i = index;
    }

    public Token get(int index) {
        return index >= 0 && index < toks.size() ? toks.get(index) : null;
    }

    public boolean atEnd() {
        return i >= toks.size();
    }

    public Token peek() {
        return get(i);
    }

    public Token peek(int ahead) {
        return get(i + ahead);
    }

    public Token next() {
        Token t = get(i);
        if (t == null) {
            throw fail("unexpected end of statement");
        }
        i++;
        return t;
    }

    /** True when the next tokens are exactly these keywords (or single-character operators like "("). */
    public boolean at(String... words) {
        for (int k = 0; k < words.length; k++) {
            Token t = get(i + k);
            if (t == null || !matches(t, words[k])) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Token t, String w) {
        if (w.length() <= 2 && !Character.isLetter(w.charAt(0))) {
            return t.kind == Token.Kind.OP && t.text().equals(w);
        }
        return t.is(w);
    }

    /** Consumes the keyword sequence when present. */
    public boolean accept(String... words) {
        if (at(words)) {
            i += words.length;
            return true;
        }
        return false;
    }

    public Token expect(String... words) {
        if (!at(words)) {
            Token t = peek();
            throw fail("expected " + String.join(" ", words) + (t == null ? " at end of statement" : " but found '" + t.text() + "'"));
        }
        Token first = get(i);
        i += words.length;
        return first;
    }

    /**
     * A referential action of a foreign key: CASCADE, RESTRICT, NO ACTION, SET NULL or SET DEFAULT (with the
     * optional column list PostgreSQL 15 allows after the last two).
     */
    public String referentialAction() {
        String a = acceptAny("CASCADE", "RESTRICT");
        if (a != null) {
            return a;
        }
        if (accept("NO", "ACTION")) {
            return "NO ACTION";
        }
        for (String set : new String[] {"NULL", "DEFAULT"}) {
            if (accept("SET", set)) {
                if (at("(")) {
                    parens();
                }
                return "SET " + set;
            }
        }
        throw fail("expected a referential action");
    }

    /** Consumes one of the keywords and returns it upper-cased, or null. */
    public String acceptAny(String... words) {
        Token t = peek();
        if (t == null) {
            return null;
        }
        for (String w : words) {
            if (matches(t, w)) {
                i++;
                return w.toUpperCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    /** Index of the token that closes the bracket at {@code open} ("(" or "["); -1 when unbalanced. */
    public int matching(int open) {
        int depth = 0;
        for (int k = open; k < toks.size(); k++) {
            Token t = toks.get(k);
            if (t.kind == Token.Kind.OP) {
                if (t.text().equals("(") || t.text().equals("[")) {
                    depth++;
                } else if (t.text().equals(")") || t.text().equals("]")) {
                    depth--;
                    if (depth == 0) {
                        return k;
                    }
                }
            }
        }
        return -1;
    }

    /** At "(": consumes through the matching ")" and returns the text between them. */
    public String parens() {
        if (!at("(")) {
            throw fail("expected '('" + (peek() == null ? "" : " but found '" + peek().text() + "'"));
        }
        int close = matching(i);
        if (close < 0) {
            throw fail("unbalanced parentheses");
        }
        String inner = close == i + 1 ? "" : text.substring(toks.get(i).end, toks.get(close).start);
        i = close + 1;
        return inner.trim();
    }

    /**
     * Advances to the first top-level token (outside brackets) for which {@code stop} answers true, or to the
     * end; returns the source text skipped (trimmed), or null when nothing was skipped.
     */
    public String until(Predicate<Token> stop) {
        int start = i;
        int depth = 0;
        while (i < toks.size()) {
            Token t = toks.get(i);
            if (depth == 0 && stop.test(t)) {
                break;
            }
            if (t.kind == Token.Kind.OP) {
                if (t.text().equals("(") || t.text().equals("[")) {
                    depth++;
                } else if (t.text().equals(")") || t.text().equals("]")) {
                    depth--;
                    if (depth < 0) {
                        break;
                    }
                }
            }
            i++;
        }
        return start == i ? null : text.substring(toks.get(start).start, toks.get(i - 1).end).trim();
    }

    /** Source text from token {@code from} up to (excluding) the current token. */
    public String textFrom(int from) {
        if (from >= i) {
            return "";
        }
        return text.substring(toks.get(from).start, toks.get(i - 1).end);
    }

    /** Source text from the current token to the end of the statement. */
    public String rest() {
        return atEnd() ? "" : text.substring(toks.get(i).start).trim();
    }

    /** Splits the current parenthesised list at top-level commas; consumes it; returns each element's tokens' range text. */
    public List<String> parenList() {
        if (!at("(")) {
            throw fail("expected '('");
        }
        int close = matching(i);
        if (close < 0) {
            throw fail("unbalanced parentheses");
        }
        List<String> out = new ArrayList<>();
        i++;
        while (i < close) {
            String part = until(t -> t.isOp(",") || t.isOp(")"));
            if (part != null) {
                out.add(part);
            }
            if (i < close && get(i).isOp(",")) {
                i++;
            } else if (i < close) {
                throw fail("unexpected '" + get(i).text() + "' in list");
            }
        }
        i = close + 1;
        return out;
    }

    /**
     * After WITH: skips {@code [RECURSIVE] name [(columns)] AS [NOT] [MATERIALIZED] (query), ...}, reading each
     * name with {@code name}, and stops at the statement the common table expressions belong to.
     */
    public void skipCommonTableExpressions(java.util.function.Consumer<TokenStream> name) {
        accept("RECURSIVE");
        do {
            name.accept(this);
            if (at("(")) {
                parens();
            }
            expect("AS");
            accept("NOT");
            accept("MATERIALIZED");
            parens();
        } while (accept(","));
    }

    public ReadError fail(String message) {
        Token t = peek();
        int offset = t != null ? t.start : (toks.isEmpty() ? 0 : toks.get(toks.size() - 1).end);
        return new ReadError(message, offset);
    }

    /** A statement the reader could not map, with the character offset (within the statement) of the problem. */
    public static final class ReadError extends RuntimeException {
        private final int offset;

        public ReadError(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }
}
