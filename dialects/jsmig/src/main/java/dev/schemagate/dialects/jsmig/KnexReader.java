package dev.schemagate.dialects.jsmig;

import static dev.schemagate.dialects.jsmig.JsMigrationSupport.generated;
import static dev.schemagate.dialects.jsmig.JsMigrationSupport.quote;
import static dev.schemagate.dialects.jsmig.JsMigrationSupport.uncertain;

import dev.schemagate.dialects.js.JsCall;
import dev.schemagate.dialects.js.JsElement;
import dev.schemagate.dialects.js.JsFunction;
import dev.schemagate.dialects.js.JsLink;
import dev.schemagate.dialects.js.JsModule;
import dev.schemagate.dialects.js.JsSyntaxError;
import dev.schemagate.dialects.js.JsValue;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.code.DialectBranch;
import dev.schemagate.model.spi.CodeMigrationReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Knex migrations: {@code exports.up/down} (CommonJS, {@code module.exports = {up, down}}) or
 * {@code export async function up(knex)} (TypeScript and ES modules) calling {@code knex.schema} builders,
 * {@code knex.raw} and {@code knex(table)} queries. The layout comes from a knexfile ({@code client} gives the
 * dialect, {@code migrations.directory} the folders) or, without one, from a {@code migrations} folder whose files
 * use Knex; files run in file-name order, as Knex sorts them. Each builder call becomes the SQL Knex generates for
 * the dialect, placed at the call; code whose effect is only known at run time is uncertain.
 */
public final class KnexReader implements CodeMigrationReader {
    static final Pattern KNEXFILE = Pattern.compile("knexfile(\\.[a-z]+)?\\.(js|cjs|mjs|ts)");
    private static final Pattern SOURCE = Pattern.compile(".*\\.(js|cjs|mjs|ts)");
    private static final Pattern EXPORTS_UP = Pattern.compile("\\bexports\\.up\\b|export\\s+(async\\s+)?function\\s+up\\b"
            + "|export\\s+const\\s+up\\b|module\\.exports\\s*=\\s*\\{[^}]*\\bup\\b");
    private static final Pattern USES_KNEX = Pattern.compile("\\.schema\\b|\\bknex\\s*\\.\\s*raw\\b|\\bKnex\\b");

    @Override
    public String tool() {
        return "knex";
    }

    @Override
    public CodeLayout claim(Path root, List<Path> files, Dialect forced) {
        Path knexfile = JsMigrationSupport.shallowest(files, KNEXFILE);
        List<CodeLayout.Problem> problems = new ArrayList<>();
        Dialect dialect = null;
        List<Path> dirs = new ArrayList<>();
        String evidence;
        if (knexfile != null) {
            JsModule m = JsMigrationSupport.parse(knexfile, problems);
            List<String> named = new ArrayList<>();
            if (m != null) {
                for (Map<?, ?> o : JsMigrationSupport.objects(JsMigrationSupport.configValues(m))) {
                    if (dialect == null && o.get("client") instanceof String) {
                        dialect = JsMigrationSupport.dialectOf((String) o.get("client"));
                        if (dialect == null) {
                            problems.add(new CodeLayout.Problem(knexfile, 1, 1, "knexfile client '" + o.get("client")
                                    + "' is not a database SchemaGate reads (pg, mysql, mysql2, sqlite3, better-sqlite3); give --dialect"));
                        }
                    }
                    if (o.get("migrations") instanceof Map) {
                        Object dir = ((Map<?, ?>) o.get("migrations")).get("directory");
                        if (dir instanceof String) {
                            named.add((String) dir);
                        } else if (dir instanceof List) {
                            for (Object x : (List<?>) dir) {
                                if (x instanceof String) {
                                    named.add((String) x);
                                }
                            }
                        }
                    }
                }
            }
            if (named.isEmpty()) {
                named.add("migrations");
            }
            for (String n : new LinkedHashSet<>(named)) {
                try {
                    dirs.add(knexfile.getParent().resolve(n).normalize());
                } catch (java.nio.file.InvalidPathException e) {
                    // a folder name no file system can hold (a NUL character): say where, read no folder for it
                    int at = m == null ? -1 : m.getText().indexOf("directory");
                    problems.add(new CodeLayout.Problem(knexfile, at < 0 ? 1 : m.line(at), at < 0 ? 1 : m.column(at),
                            "the knexfile's migrations directory is not a folder name a file system can hold ("
                                    + e.getReason() + "): fix it in the knexfile"));
                }
            }
            evidence = root.relativize(knexfile).toString().replace('\\', '/');
        } else {
            for (Path f : files) {
                Path p = f.getParent();
                if (p != null && p.getFileName() != null && p.getFileName().toString().matches("(knex_)?migrations")
                        && !dirs.contains(p) && isKnexMigration(f)) {
                    dirs.add(p);
                }
            }
            evidence = "migrations folder of Knex files (no knexfile)";
        }
        if (dirs.isEmpty()) {
            return null;
        }
        if (forced != null) {
            dialect = forced;
        }
        TreeMap<String, Path> ordered = new TreeMap<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (dirs.contains(f.getParent()) && SOURCE.matcher(n).matches() && !n.endsWith(".d.ts")
                    && !KNEXFILE.matcher(n).matches() && !n.matches("index\\.(js|ts)")) {
                ordered.putIfAbsent(n, f);
            }
        }
        List<CodeLayout.File> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : ordered.entrySet()) {
            out.add(new CodeLayout.File(e.getValue(), e.getKey().replaceFirst("\\.(js|cjs|mjs|ts)$", "")));
        }
        List<Path> markers = knexfile == null ? List.of() : List.of(knexfile);
        if (out.isEmpty() && knexfile != null) {
            problems.add(new CodeLayout.Problem(knexfile, 1, 1, "the knexfile names migration folders "
                    + dirs.stream().map(d -> root.relativize(d).toString()).toList() + " that hold no migration files"));
        }
        return new CodeLayout(out, dialect, evidence, markers, problems);
    }

    private static boolean isKnexMigration(Path f) {
        if (!SOURCE.matcher(f.getFileName().toString()).matches()) {
            return false;
        }
        try {
            String t = dev.schemagate.model.code.CodeText.read(f);
            return EXPORTS_UP.matcher(t).find() && USES_KNEX.matcher(t).find() && !t.contains("MigrationInterface");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public CodeMigration read(Migration migration, String text) {
        return read(migration, text, true);
    }

    @Override
    public CodeMigration read(Migration migration, String text, boolean dialectNamed) {
        boolean ts = migration.getPath().endsWith(".ts");
        JsModule m;
        try {
            m = JsModule.parse(text, ts);
        } catch (JsSyntaxError e) {
            return JsMigrationSupport.unparsed("Knex", ts ? "typescript" : "javascript", e);
        }
        Dialect d = migration.getDialect() == null ? Dialect.POSTGRES : migration.getDialect();
        Boolean tx = true;
        JsElement config = m.exportedValue("config");
        if (config != null && config.getValue() instanceof Map && Boolean.FALSE.equals(((Map<?, ?>) config.getValue()).get("transaction"))) {
            tx = false;
        }
        JsFunction up = JsMigrationSupport.function(m, "up");
        JsFunction down = JsMigrationSupport.function(m, "down");
        List<CodeOp> ups = new ArrayList<>();
        if (up == null) {
            ups.add(CodeOp.uncertain(1, 1, 1, 1, "exports.up", null,
                    "the file exports no up function SchemaGate can read (Knex runs exports.up)"));
        } else {
            ups.addAll(new Body(m, up, d, dialectNamed).read());
        }
        List<CodeOp> downs = down == null ? List.of() : new Body(m, down, d, dialectNamed).read();
        return new CodeMigration(ups, downs, down != null, tx, ts ? "typescript" : "javascript", List.of());
    }

    /** The operations of one function (up or down). */
    private static final class Body {
        final JsModule m;
        final JsFunction fn;
        final Dialect d;
        final Set<String> knex = new HashSet<>();
        final List<JsCall> seen = new ArrayList<>();
        final Map<JsFunction, Table> callbacks = new IdentityHashMap<>();
        final List<Object> emitted = new ArrayList<>();
        final DialectConditions branches;

        Body(JsModule m, JsFunction fn, Dialect d, boolean dialectNamed) {
            this.m = m;
            this.fn = fn;
            this.d = d;
            this.branches = new DialectConditions(DialectBranch.Tool.KNEX, d, dialectNamed);
            knex.add(fn.getParams().isEmpty() ? "knex" : fn.getParams().get(0));
        }

        List<CodeOp> read() {
            for (JsCall c : m.getCalls()) {
                if (c.getFunction() == null || !c.getFunction().within(fn)) {
                    continue;
                }
                if (JsMigrationSupport.isArgumentOf(c, seen) || !branches.runs(c, knex, emitted)) {
                    continue;
                }
                seen.add(c);
                Table t = enclosing(c.getFunction());
                if (t != null && t.param != null && t.param.equals(c.getRoot())) {
                    if (c.getFunction() == t.callback && c.getLoop() == null) {
                        t.builders.add(c);
                    } else {
                        t.builders.add(c);
                        t.nested.add(c);
                    }
                    continue;
                }
                call(c);
            }
            List<CodeOp> out = new ArrayList<>();
            for (Object e : emitted) {
                if (e instanceof CodeOp) {
                    out.add((CodeOp) e);
                } else {
                    out.addAll(((Table) e).ops());
                }
            }
            return out;
        }

        private Table enclosing(JsFunction f) {
            for (JsFunction x = f; x != null && x != fn; x = x.getParent()) {
                Table t = callbacks.get(x);
                if (t != null) {
                    return t;
                }
            }
            return null;
        }

        private void call(JsCall c) {
            List<JsLink> l = c.getChain();
            String root = c.getRoot();
            if (root == null || !knex.contains(root)) {
                if (!branches.readsName(c, knex)) {
                    helper(c);
                }
                return;
            }
            if (l.get(0).isCall()) {
                CodeOp q = KnexQueries.query(c, d);
                if (q != null) {
                    emitted.add(q);
                }
                return;
            }
            String n1 = l.size() > 1 ? l.get(1).getName() : null;
            if ("schema".equals(n1)) {
                schema(c, l);
            } else if ("raw".equals(n1) && l.get(1).isCall()) {
                emitted.add(inLoop(c, JsMigrationSupport.sqlArgument(c, l.get(1), 0, "knex.raw", null)));
            } else if ("transaction".equals(n1) && l.get(1).isCall()) {
                // knex.transaction(async (trx) => ...): calls on trx are calls on knex
                for (JsFunction f : m.getFunctions()) {
                    if (f.getParent() == c.getFunction() && f.getStart() >= c.getStart() && f.getEnd() <= c.getEnd()
                            && !f.getParams().isEmpty()) {
                        knex.add(f.getParams().get(0));
                    }
                }
            } else if ("destroy".equals(n1) || "fn".equals(n1) || "ref".equals(n1) || "client".equals(n1)) {
                return;
            } else if (KnexQueries.readOnly(l, 1)) {
                return; // knex.select(...).from(...): a read changes nothing
            } else {
                emitted.add(uncertain(c, "knex." + n1, null, "knex." + n1 + "() is not a Knex call SchemaGate reads"));
            }
        }

        /** A call that is not on knex: a helper handed knex, or code SchemaGate has no reason to read. */
        private void helper(JsCall c) {
            for (String k : knex) {
                CodeOp op = JsMigrationSupport.helper(m, c, k, "knex");
                if (op != null) {
                    emitted.add(op);
                    return;
                }
            }
        }
        private CodeOp inLoop(JsCall c, CodeOp op) {
            if (c.getLoop() == null || op.shape() == CodeOp.Shape.UNCERTAIN) {
                return op;
            }
            return uncertain(c, op.call(), null, "runs in a " + c.getLoop() + ": how often, and on what, is known only at run time");
        }

        private void schema(JsCall c, List<JsLink> l) {
            String schema = null;
            List<JsFunction> cbs = new ArrayList<>();
            for (JsFunction f : m.getFunctions()) {
                if (f.getParent() == c.getFunction() && f.getStart() >= c.getStart() && f.getEnd() <= c.getEnd()) {
                    cbs.add(f);
                }
            }
            cbs.sort(Comparator.comparingInt(JsFunction::getStart));
            int next = 0;
            for (int i = 2; i < l.size(); i++) {
                JsLink k = l.get(i);
                String n = k.getName() == null ? "[computed]" : k.getName();
                List<Object> a = k.getArgs();
                if (!k.isCall()) {
                    emitted.add(uncertain(c, "knex.schema." + n, null, "knex.schema." + n + " is not a call SchemaGate reads"));
                    return;
                }
                Object first = a.isEmpty() ? null : a.get(0);
                boolean callback = a.size() > 1 && a.get(a.size() - 1) instanceof JsValue.Unknown
                        && "function".equals(((JsValue.Unknown) a.get(a.size() - 1)).getReason());
                JsFunction cb = callback && next < cbs.size() ? cbs.get(next++) : null;
                if (n.equals("then") || n.equals("catch") || n.equals("finally")) {
                    continue; // promise chaining: calls in the callbacks are read on their own
                }
                if (n.equals("withSchema")) {
                    schema = first instanceof String ? (String) first : null;
                    if (schema == null) {
                        emitted.add(uncertain(c, "knex.schema.withSchema", null, "the schema name is built at run time"));
                        return;
                    }
                    continue;
                }
                if (!(first instanceof String) && !n.equals("raw")) {
                    emitted.add(uncertain(c, "knex.schema." + n, null, "the table name of knex.schema." + n
                            + "() is not known before the migration runs (" + JsMigrationSupport.why(first) + ")"));
                    return;
                }
                String table = first instanceof String ? (schema == null ? (String) first : schema + "." + first) : null;
                String call = "knex.schema." + n;
                switch (n) {
                    case "createTable":
                    case "createTableIfNotExists":
                    case "alterTable":
                    case "table": {
                        if (a.size() > 1 && cb == null) {
                            emitted.add(uncertain(c, call, table, "the table builder passed to " + n
                                    + "() is a function defined elsewhere (" + JsMigrationSupport.why(a.get(1)) + ")"));
                            return;
                        }
                        Table t = new Table(c, call, table, n.startsWith("create"), n.endsWith("IfNotExists"), cb, d);
                        if (cb != null) {
                            callbacks.put(cb, t);
                        }
                        emitted.add(t);
                        break;
                    }
                    case "dropTable":
                        emitted.add(inLoop(c, generated(c, call, "drop table " + JsMigrationSupport.table(d, table))));
                        break;
                    case "dropTableIfExists":
                        emitted.add(inLoop(c, generated(c, call, "drop table if exists " + JsMigrationSupport.table(d, table))));
                        break;
                    case "renameTable": {
                        Object to = a.size() > 1 ? a.get(1) : null;
                        if (!(to instanceof String)) {
                            emitted.add(uncertain(c, call, table, "the new table name is built at run time"));
                            return;
                        }
                        emitted.add(inLoop(c, generated(c, call, (d.isMysqlFamily() ? "rename table " : "alter table ")
                                + JsMigrationSupport.table(d, table) + (d.isMysqlFamily() ? " to " : " rename to ")
                                + quote(d, (String) to))));
                        break;
                    }
                    case "hasTable":
                    case "hasColumn":
                        emitted.add(uncertain(c, call, table, "the migration asks whether " + (n.equals("hasTable") ? "table "
                                + table : "column " + table + "." + (a.size() > 1 ? a.get(1) : "?"))
                                + " exists and branches on the answer: SchemaGate reads every branch as if it runs"));
                        break;
                    case "raw":
                        emitted.add(inLoop(c, JsMigrationSupport.sqlArgument(c, k, 0, call, null)));
                        break;
                    case "createSchema":
                    case "createSchemaIfNotExists":
                        emitted.add(generated(c, call, "create schema " + (n.endsWith("IfNotExists") ? "if not exists " : "")
                                + quote(d, (String) first)));
                        break;
                    case "dropSchema":
                    case "dropSchemaIfExists":
                        emitted.add(generated(c, call, "drop schema " + (n.endsWith("IfExists") ? "if exists " : "")
                                + quote(d, (String) first)));
                        break;
                    case "createExtension":
                    case "createExtensionIfNotExists":
                        emitted.add(generated(c, call, "create extension " + (n.endsWith("IfNotExists") ? "if not exists " : "")
                                + quote(d, (String) first)));
                        break;
                    default:
                        emitted.add(uncertain(c, call, table, call + "() is not a Knex schema call SchemaGate reads"));
                        return;
                }
            }
        }
    }

    /** A createTable/alterTable call with the builder calls of its callback. */
    private static final class Table {
        final JsCall call;
        final String name;
        final String table;
        final boolean create;
        final boolean ifNotExists;
        final JsFunction callback;
        final String param;
        final Dialect d;
        final List<JsCall> builders = new ArrayList<>();
        final Set<JsCall> nested = new HashSet<>();

        Table(JsCall call, String name, String table, boolean create, boolean ifNotExists, JsFunction callback, Dialect d) {
            this.call = call;
            this.name = name;
            this.table = table;
            this.create = create;
            this.ifNotExists = ifNotExists;
            this.callback = callback;
            this.param = callback == null || callback.getParams().isEmpty() ? null : callback.getParams().get(0);
            this.d = d;
        }

        List<CodeOp> ops() {
            return new KnexTable(this.call, name, table, create, ifNotExists, builders, nested, d).ops();
        }
    }
}
