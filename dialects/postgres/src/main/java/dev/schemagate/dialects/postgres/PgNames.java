package dev.schemagate.dialects.postgres;

import dev.schemagate.dialects.common.Token;
import dev.schemagate.dialects.common.TokenStream;
import dev.schemagate.model.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** PostgreSQL identifier rules: unquoted names fold to lower case, quoted names are kept exactly. */
public final class PgNames {
    private PgNames() {
    }

    public static String ident(Token t) {
        if (t.kind == Token.Kind.QUOTED_IDENT) {
            return t.identifier();
        }
        return t.text().toLowerCase(Locale.ROOT);
    }

    /** Reads an identifier at the cursor. */
    public static String name(TokenStream ts) {
        Token t = ts.next();
        if (!t.isIdentifierLike()) {
            throw new TokenStream.ReadError("expected a name but found '" + t.text() + "'", t.start);
        }
        return ident(t);
    }

    /** Reads {@code [catalog.][schema.]name} at the cursor. */
    public static QualifiedName qualified(TokenStream ts) {
        List<String> parts = new ArrayList<>();
        parts.add(name(ts));
        while (ts.at(".") && ts.peek(1) != null && ts.peek(1).isIdentifierLike()) {
            ts.next();
            parts.add(name(ts));
        }
        String n = parts.get(parts.size() - 1);
        String s = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
        return new QualifiedName(s, n);
    }

    /** Reads a parenthesised list of column names. */
    public static List<String> columnList(TokenStream ts) {
        List<String> out = new ArrayList<>();
        for (String part : ts.parenList()) {
            out.add(normalize(part));
        }
        return out;
    }

    /** Normalises one written name or expression: a single identifier is folded, anything else kept as written. */
    public static String normalize(String written) {
        String w = written.trim();
        if (w.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
            return w.toLowerCase(Locale.ROOT);
        }
        if (w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"") && w.indexOf('"', 1) == w.length() - 1) {
            return w.substring(1, w.length() - 1);
        }
        return w;
    }
}
