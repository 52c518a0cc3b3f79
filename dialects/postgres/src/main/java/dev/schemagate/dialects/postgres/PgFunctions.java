package dev.schemagate.dialects.postgres;

import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.model.change.Volatility;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Function volatility as PostgreSQL's own catalog records it ({@code pg_proc.provolatile}, extracted from a
 * PostgreSQL 15 server into {@code function-volatility.tsv}), and the volatility of a default expression:
 * the most volatile function it calls, with unknown functions counted as unknown.
 */
public final class PgFunctions {
    private static final Map<String, Volatility> VOLATILITY = load();
    private static final Set<String> STABLE_KEYWORDS = Set.of("current_timestamp", "current_date", "current_time",
            "localtime", "localtimestamp", "current_user", "session_user", "user", "current_role", "current_schema",
            "current_catalog");
    private static final Set<String> SYNTAX_CALLS = Set.of("cast", "coalesce", "greatest", "least", "nullif", "array",
            "row", "exists", "in", "any", "all", "some", "values", "interval", "and", "or", "not", "case", "when", "then",
            "select", "from", "where", "on", "using", "returning", "by", "having", "union", "except", "intersect", "join",
            "lateral", "like", "between", "distinct", "over", "filter", "within", "into", "with", "set", "return",
            "else", "end", "is", "as", "collate", "at", "zone", "extract", "position", "substring", "overlay", "trim");

    private PgFunctions() {
    }

    private static Map<String, Volatility> load() {
        Map<String, Volatility> m = new HashMap<>();
        try (InputStream in = PgFunctions.class.getResourceAsStream("function-volatility.tsv")) {
            if (in == null) {
                throw new IllegalStateException("function-volatility.tsv missing from the PostgreSQL dialect jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                String v = line.substring(tab + 1).trim();
                m.put(line.substring(0, tab), v.equals("v") ? Volatility.VOLATILE
                        : v.equals("s") ? Volatility.STABLE : Volatility.CONSTANT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** Volatility of a function by name (schema prefix ignored); null when PostgreSQL has no such built-in. */
    public static Volatility of(String function) {
        String f = function.toLowerCase(Locale.ROOT);
        int dot = f.lastIndexOf('.');
        if (dot >= 0) {
            f = f.substring(dot + 1);
        }
        return VOLATILITY.get(f);
    }

    /** The first function of an expression that is not a PostgreSQL built-in, or null. */
    public static String firstUnknownFunction(String expr) {
        List<Token> toks = Lexer.lex(expr, Lexer.Options.postgres());
        for (int i = 0; i + 1 < toks.size(); i++) {
            Token t = toks.get(i);
            if (t.kind == Token.Kind.WORD && toks.get(i + 1).isOp("(") && !(i > 0 && toks.get(i - 1).isOp("::"))) {
                String name = qualifiedCallName(toks, i);
                if (!SYNTAX_CALLS.contains(name.toLowerCase(Locale.ROOT)) && of(name) == null) {
                    return name;
                }
            }
        }
        return null;
    }

    private static String qualifiedCallName(List<Token> toks, int i) {
        String name = toks.get(i).text();
        if (i >= 2 && toks.get(i - 1).isOp(".") && toks.get(i - 2).isIdentifierLike()) {
            name = toks.get(i - 2).identifier() + "." + name;
        }
        return name;
    }

    /** How an expression (a column default) behaves; see {@link Volatility}. */
    public static Volatility volatility(String expr) {
        if (expr == null) {
            return null;
        }
        List<Token> toks = Lexer.lex(expr, Lexer.Options.postgres());
        Volatility v = Volatility.CONSTANT;
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (t.kind != Token.Kind.WORD) {
                continue;
            }
            if (i > 0 && (toks.get(i - 1).isOp("::") || toks.get(i - 1).isOp("."))) {
                continue;
            }
            String w = t.text().toLowerCase(Locale.ROOT);
            boolean call = i + 1 < toks.size() && toks.get(i + 1).isOp("(");
            if (!call) {
                if (i + 1 < toks.size() && toks.get(i + 1).isOp(".")) {
                    continue;
                }
                if (STABLE_KEYWORDS.contains(w)) {
                    v = worse(v, Volatility.STABLE);
                }
                continue;
            }
            String name = qualifiedCallName(toks, i);
            if (i + 2 < toks.size() && toks.get(i + 2).isOp(")") && STABLE_KEYWORDS.contains(w)) {
                v = worse(v, Volatility.STABLE);
                continue;
            }
            if (SYNTAX_CALLS.contains(w)) {
                continue;
            }
            Volatility f = of(name);
            v = worse(v, f == null ? Volatility.UNKNOWN : f);
        }
        return v;
    }

    private static Volatility worse(Volatility a, Volatility b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Volatility v) {
        switch (v) {
            case CONSTANT: return 0;
            case STABLE: return 1;
            case UNKNOWN: return 2;
            default: return 3;
        }
    }
}
