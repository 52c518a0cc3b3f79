package dev.schemagate.dialects.jsmig;

import dev.schemagate.dialects.js.JsCall;
import dev.schemagate.dialects.js.JsElement;
import dev.schemagate.dialects.js.JsFunction;
import dev.schemagate.dialects.js.JsLink;
import dev.schemagate.dialects.js.JsModule;
import dev.schemagate.dialects.js.JsSyntaxError;
import dev.schemagate.dialects.js.JsValue;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Identifiers;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeOp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the Knex and TypeORM readers share: reading configuration files with the JavaScript reader, the dialect a
 * driver name stands for, SQL quoting and literals per dialect, and the three shapes an SQL argument can take (a
 * string literal mapped back into the file, a constant resolved in the file, or a value only known at run time).
 */
final class JsMigrationSupport {
    private JsMigrationSupport() {
    }

    /** The dialect a Knex {@code client} or TypeORM {@code type} names, or null for one SchemaGate does not read. */
    static Dialect dialectOf(String driver) {
        if (driver == null) {
            return null;
        }
        switch (driver.toLowerCase(Locale.ROOT)) {
            case "pg": case "postgres": case "postgresql": case "pg-native": case "cockroachdb":
                return Dialect.POSTGRES;
            case "mysql": case "mysql2":
                return Dialect.MYSQL;
            case "mariadb":
                return Dialect.MARIADB;
            case "sqlite": case "sqlite3": case "better-sqlite3": case "sqljs": case "capacitor": case "expo":
                return Dialect.SQLITE;
            default:
                return null;
        }
    }

    /** A parsed configuration or migration file, or null with the problem recorded when it cannot be read. */
    static JsModule parse(Path f, List<CodeLayout.Problem> problems) {
        String text;
        try {
            text = dev.schemagate.model.code.CodeText.read(f);
        } catch (IOException | RuntimeException e) {
            problems.add(new CodeLayout.Problem(f, 0, 0, "cannot read " + f.getFileName() + ": " + e.getMessage()));
            return null;
        }
        try {
            return JsModule.parse(text, f.getFileName().toString().endsWith(".ts"));
        } catch (JsSyntaxError e) {
            problems.add(new CodeLayout.Problem(f, Math.max(e.getLine(), 1), Math.max(e.getColumn(), 1),
                    "cannot parse " + f.getFileName() + ": " + e.getMessage() + "; fix the syntax error or give --dialect"));
            return null;
        }
    }

    /** Every object literal in a value, outermost first (a knexfile's environments, a data source's options). */
    static List<Map<?, ?>> objects(Object v) {
        List<Map<?, ?>> out = new ArrayList<>();
        collect(v, out, 0);
        return out;
    }

    private static void collect(Object v, List<Map<?, ?>> out, int depth) {
        if (depth > 8) {
            return;
        }
        if (v instanceof Map) {
            out.add((Map<?, ?>) v);
            for (Object x : ((Map<?, ?>) v).values()) {
                collect(x, out, depth + 1);
            }
        } else if (v instanceof List) {
            for (Object x : (List<?>) v) {
                collect(x, out, depth + 1);
            }
        } else if (v instanceof JsValue.Unknown) {
            for (Object x : ((JsValue.Unknown) v).getConstructorArgs()) {
                collect(x, out, depth + 1);
            }
        }
    }

    /** The values of every call argument and exported value (constructor options included) of a configuration module. */
    static List<Object> configValues(JsModule m) {
        List<Object> out = new ArrayList<>();
        for (String name : List.of("default", "config", "development", "production")) {
            JsElement e = m.exportedValue(name);
            if (e != null) {
                out.add(e.getValue());
            }
        }
        for (JsCall c : m.getCalls()) {
            for (JsLink l : c.getChain()) {
                out.addAll(l.getArgs());
            }
        }
        // export const AppDataSource = new DataSource({ type: ... }): the constructor's options
        for (String name : m.getExportedNames()) {
            JsElement e = List.of("default", "config", "development", "production").contains(name) ? null : m.exportedValue(name);
            if (e != null) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    /** Always delimited, as knex and TypeORM write names; double quotes when the dialect is unknown or not SQL. */
    static String quote(Dialect d, String id) {
        return Identifiers.delimit(d == null || d == Dialect.MONGODB ? Dialect.POSTGRES : d, id);
    }

    /** Qualified table name: {@code schema.table} is quoted part by part. */
    static String table(Dialect d, String name) {
        int dot = name.indexOf('.');
        return dot > 0 ? quote(d, name.substring(0, dot)) + "." + quote(d, name.substring(dot + 1)) : quote(d, name);
    }

    /** An SQL literal for a value read from the code, or null when it is not known statically. */
    static String literal(Object v) {
        if (v instanceof String) {
            return "'" + ((String) v).replace("'", "''") + "'";
        }
        if (v instanceof Long || v instanceof Double) {
            return String.valueOf(v);
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "TRUE" : "FALSE";
        }
        if (v == JsValue.NULL) {
            return "NULL";
        }
        if ((v instanceof Map || v instanceof List) && JsValue.isKnown(v)) {
            return "'" + JsValue.render(v).replace("'", "''") + "'";
        }
        return null;
    }

    /** Why a value is not known statically. */
    static String why(Object v) {
        if (v instanceof JsValue.Unknown) {
            return ((JsValue.Unknown) v).getReason();
        }
        if (v instanceof JsValue.Chain) {
            return "`" + v + "` is evaluated at run time";
        }
        return "the value is not known before the migration runs";
    }

    /**
     * The operation for an SQL text argument: a string literal is read in place (positions inside it map to the
     * file), a constant resolved in the file is placed at the call, anything else is uncertain.
     */
    static CodeOp sqlArgument(JsCall c, JsLink link, int index, String call, String table) {
        Object v = index < link.getArgs().size() ? link.getArgs().get(index) : null;
        JsElement place = index < link.getArgPlaces().size() ? link.getArgPlaces().get(index) : null;
        if (v instanceof String && place != null && place.isStringLiteral()) {
            String sql = (String) v;
            return CodeOp.literal(place.getLine(), place.getColumn() + 1, place.getEndLine(), place.getEndColumn(), call, sql);
        }
        if (v instanceof String) {
            return CodeOp.generated(c.getLine(), c.getColumn(), c.getEndLine(), c.getEndColumn(), call, (String) v);
        }
        String text = place != null ? place.getText() : "the SQL argument";
        return uncertain(c, call, table, "the SQL text " + abbreviate(text) + " is built at run time ("
                + (v == null ? "no argument" : why(v)) + ")");
    }

    static CodeOp uncertain(JsCall c, String call, String table, String reason) {
        return CodeOp.uncertain(c.getLine(), c.getColumn(), c.getEndLine(), c.getEndColumn(), call, table, reason);
    }

    static CodeOp generated(JsCall c, String call, String sql) {
        return CodeOp.generated(c.getLine(), c.getColumn(), c.getEndLine(), c.getEndColumn(), call, sql);
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }

    /** The function of this name written at module level or as a class or object method, first one wins. */
    static JsFunction function(JsModule m, String name) {
        JsFunction f = m.getExports().get(name);
        if (f != null) {
            return f;
        }
        for (JsFunction x : m.getFunctions()) {
            if (name.equals(x.getName()) && x.getParent() == null) {
                return x;
            }
        }
        return null;
    }

    /** A call written directly as an argument of an earlier call in the same function (e.g. {@code knex.fn.now()}). */
    static boolean isArgumentOf(JsCall c, List<JsCall> seen) {
        for (JsCall s : seen) {
            if (s != c && s.getStart() <= c.getStart() && c.getEnd() <= s.getEnd() && s.getFunction() == c.getFunction()) {
                return true;
            }
        }
        return false;
    }

    /** The file nearest to the root whose name matches, or null. */
    static Path shallowest(List<Path> files, java.util.regex.Pattern name) {
        Path best = null;
        for (Path f : files) {
            if (name.matcher(f.getFileName().toString()).matches() && (best == null || f.getNameCount() < best.getNameCount())) {
                best = f;
            }
        }
        return best;
    }

    /** A file the parser rejects: its up part is the syntax error, at the parser's position. */
    static dev.schemagate.model.code.CodeMigration unparsed(String tool, String language, JsSyntaxError e) {
        return new dev.schemagate.model.code.CodeMigration(List.of(), List.of(), false, true, language,
                List.of(new dev.schemagate.model.code.CodeMigration.Problem(Math.max(1, e.getLine()), Math.max(1, e.getColumn()),
                        "cannot parse the " + tool + " migration: " + e.getMessage())));
    }

    /**
     * A call handed the migration's database object ({@code knex}, the query runner): a helper whose effect is
     * only known when it runs; null when the call does not receive it.
     */
    static CodeOp helper(JsModule m, JsCall c, String receiver, String what) {
        if (!passes(c, receiver)) {
            return null;
        }
        String name = c.getLast().getName();
        String from = c.getRoot() != null && m.getImports().containsKey(c.getRoot())
                ? " imported from '" + m.getImports().get(c.getRoot()) + "'" : " written in this file";
        return uncertain(c, name == null ? "call" : name, null, "the helper " + name + "()" + from + " receives " + what
                + ": what it changes is only known when it runs");
    }

    /** True when one of the call's arguments is {@code name} or starts with it. */
    private static boolean passes(JsCall c, String name) {
        for (JsLink l : c.getChain()) {
            for (JsElement a : l.getArgPlaces()) {
                if (a.getText().equals(name) || a.getText().startsWith(name + ".") || a.getText().startsWith(name + ",")) {
                    return true;
                }
            }
        }
        return false;
    }
}
