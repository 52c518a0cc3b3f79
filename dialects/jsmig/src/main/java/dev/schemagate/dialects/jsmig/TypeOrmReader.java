package dev.schemagate.dialects.jsmig;

import static dev.schemagate.dialects.jsmig.JsMigrationSupport.generated;
import static dev.schemagate.dialects.jsmig.JsMigrationSupport.quote;
import static dev.schemagate.dialects.jsmig.JsMigrationSupport.uncertain;

import dev.schemagate.dialects.common.LineMap;
import dev.schemagate.dialects.js.JsCall;
import dev.schemagate.dialects.js.JsElement;
import dev.schemagate.dialects.js.JsFunction;
import dev.schemagate.dialects.js.JsLink;
import dev.schemagate.dialects.js.JsModule;
import dev.schemagate.dialects.js.JsSyntaxError;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.code.DialectBranch;
import dev.schemagate.model.spi.CodeMigrationReader;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TypeORM migrations: classes implementing {@code MigrationInterface} with {@code up(queryRunner)} and
 * {@code down(queryRunner)}. The layout comes from a data source or ormconfig ({@code type} gives the dialect,
 * {@code migrations} the globs) or, without one, from folders of {@code <timestamp>-Name.ts} classes; a folder
 * named for a dialect ({@code postgres}, {@code mysql}, {@code mariadb}, {@code sqlite}) is read as that dialect.
 * Migrations run in the order of the timestamp that ends the class name, as TypeORM sorts them.
 * {@code queryRunner.query("...")} strings are read in place; the table API becomes the SQL TypeORM generates.
 */
public final class TypeOrmReader implements CodeMigrationReader {
    private static final Pattern CONFIG = Pattern.compile("ormconfig\\.(js|cjs|ts|json)|(app-?)?data-?source\\.(js|ts)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FILE = Pattern.compile("(\\d{10,})[-_.].*\\.(ts|js)");
    private static final Pattern CLASS = Pattern.compile("class\\s+([A-Za-z_$][\\w$]*?)(\\d{10,})?\\s+implements\\s+MigrationInterface");

    @Override
    public String tool() {
        return "typeorm";
    }

    private record Candidate(Path path, String id, long order, Dialect dialect) {
    }

    @Override
    public CodeLayout claim(Path root, List<Path> files, Dialect forced) {
        List<CodeLayout.Problem> problems = new ArrayList<>();
        Path config = JsMigrationSupport.shallowest(files, CONFIG);
        Dialect configured = null;
        List<PathMatcher> globs = new ArrayList<>();
        if (config != null) {
            Object values = null;
            String configText = "";
            if (config.getFileName().toString().endsWith(".json")) {
                try {
                    configText = dev.schemagate.model.code.CodeText.read(config);
                    List<JsElement> doc = JsModule.readDocument(configText);
                    values = doc.isEmpty() ? null : doc.get(0).getValue();
                } catch (JsSyntaxError | java.io.IOException | RuntimeException e) {
                    problems.add(new CodeLayout.Problem(config, 1, 1, "cannot read " + config.getFileName() + ": " + e.getMessage()));
                }
            } else {
                JsModule m = JsMigrationSupport.parse(config, problems);
                values = m == null ? null : JsMigrationSupport.configValues(m);
                configText = m == null ? "" : m.getText();
            }
            for (Map<?, ?> o : JsMigrationSupport.objects(values)) {
                if (configured == null && o.get("type") instanceof String) {
                    configured = JsMigrationSupport.dialectOf((String) o.get("type"));
                    if (configured == null) {
                        problems.add(new CodeLayout.Problem(config, 1, 1, "data source type '" + o.get("type")
                                + "' is not a database SchemaGate reads (postgres, mysql, mariadb, sqlite, better-sqlite3); give --dialect"));
                    }
                }
                if (o.get("migrations") instanceof List) {
                    for (Object g : (List<?>) o.get("migrations")) {
                        if (g instanceof String) {
                            String glob = ((String) g).replaceFirst("^\\./", "");
                            try {
                                globs.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
                            } catch (java.util.regex.PatternSyntaxException e) {
                                // an unclosed [ or {, or nested { } (which TypeORM's glob library expands and
                                // Java's does not): say where; the other globs and the class search still apply
                                int at = Math.max(0, configText.indexOf((String) g));
                                LineMap lines = new LineMap(configText);
                                problems.add(new CodeLayout.Problem(config, lines.line(at), lines.column(at),
                                        "migrations glob '" + g + "' is not a glob SchemaGate can read ("
                                                + e.getDescription() + "): fix it in " + config.getFileName()));
                            }
                        }
                    }
                }
            }
        }
        List<Candidate> found = new ArrayList<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (!n.matches(".*\\.(ts|js)") || n.endsWith(".d.ts")) {
                continue;
            }
            boolean byGlob = false;
            for (PathMatcher pm : globs) {
                if (pm.matches(root.relativize(f)) || config != null && pm.matches(config.getParent().relativize(f))) {
                    byGlob = true;
                }
            }
            String text;
            try {
                text = dev.schemagate.model.code.CodeText.read(f);
            } catch (java.io.IOException | RuntimeException e) {
                continue;
            }
            Matcher cm = CLASS.matcher(text);
            if (!cm.find()) {
                continue;
            }
            if (!byGlob && !FILE.matcher(n).matches()) {
                continue;
            }
            String ts = cm.group(2);
            Matcher fm = FILE.matcher(n);
            if (ts == null && fm.matches()) {
                ts = fm.group(1);
            }
            long order = ts == null ? Long.MAX_VALUE : Long.parseLong(ts.length() > 18 ? ts.substring(0, 18) : ts);
            if (ts == null) {
                problems.add(new CodeLayout.Problem(f, cm.start() > 0 ? 1 : 1, 1, "the migration class "
                        + cm.group(1) + " has no timestamp at the end of its name, so its place in TypeORM's order is unknown;"
                        + " it is read last"));
            }
            Dialect folder = folderDialect(f);
            found.add(new Candidate(f, cm.group(1) + (cm.group(2) == null ? "" : cm.group(2)), order,
                    folder != null ? folder : forced != null ? forced : configured));
        }
        if (found.isEmpty()) {
            return null;
        }
        found.sort(Comparator.comparing((Candidate c) -> c.path().getParent().toString())
                .thenComparingLong(Candidate::order).thenComparing(c -> c.path().getFileName().toString()));
        List<CodeLayout.File> out = new ArrayList<>();
        for (Candidate c : found) {
            out.add(new CodeLayout.File(c.path(), c.id(), c.dialect()));
        }
        Dialect dialect = forced != null ? forced : configured;
        String evidence = config != null ? root.relativize(config).toString().replace('\\', '/')
                : "MigrationInterface classes (no data source)";
        return new CodeLayout(out, dialect, evidence, config == null ? List.of() : List.of(config), problems);
    }

    /** The dialect a folder of the path names ({@code migrations/postgres/...}), or null. */
    static Dialect folderDialect(Path f) {
        for (Path p = f.getParent(); p != null && p.getFileName() != null; p = p.getParent()) {
            String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            Dialect d = n.equals("sqlite") || n.equals("postgres") || n.equals("postgresql") || n.equals("mysql")
                    || n.equals("mariadb") ? JsMigrationSupport.dialectOf(n) : null;
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    @Override
    public CodeMigration read(Migration migration, String text) {
        return read(migration, text, true);
    }

    @Override
    public CodeMigration read(Migration migration, String text, boolean dialectNamed) {
        boolean ts = !migration.getPath().endsWith(".js");
        String lang = ts ? "typescript" : "javascript";
        JsModule m;
        try {
            m = JsModule.parse(text, ts);
        } catch (JsSyntaxError e) {
            return JsMigrationSupport.unparsed("TypeORM", lang, e);
        }
        Dialect d = migration.getDialect() == null ? Dialect.POSTGRES : migration.getDialect();
        JsElement txp = m.classProperty("transaction");
        Boolean tx = txp != null && Boolean.FALSE.equals(txp.getValue()) ? false : true;
        JsFunction up = JsMigrationSupport.function(m, "up");
        JsFunction down = JsMigrationSupport.function(m, "down");
        List<CodeOp> ups = new ArrayList<>();
        if (up == null) {
            ups.add(CodeOp.uncertain(1, 1, 1, 1, "up", null, "the migration class has no up(queryRunner) method SchemaGate can read"));
        } else {
            ups.addAll(body(m, up, d, dialectNamed));
        }
        return new CodeMigration(ups, down == null ? List.of() : body(m, down, d, dialectNamed), down != null, tx, lang,
                List.of());
    }

    private static List<CodeOp> body(JsModule m, JsFunction fn, Dialect d, boolean dialectNamed) {
        String qr = fn.getParams().isEmpty() ? "queryRunner" : fn.getParams().get(0);
        List<CodeOp> out = new ArrayList<>();
        List<JsCall> seen = new ArrayList<>();
        DialectConditions branches = new DialectConditions(DialectBranch.Tool.TYPEORM, d, dialectNamed);
        for (JsCall c : m.getCalls()) {
            if (c.getFunction() == null || !c.getFunction().within(fn) || JsMigrationSupport.isArgumentOf(c, seen)
                    || !branches.runs(c, java.util.Set.of(qr), out)) {
                continue;
            }
            seen.add(c);
            List<JsLink> l = c.getChain();
            if (!qr.equals(c.getRoot())) {
                CodeOp h = branches.readsName(c, java.util.Set.of(qr)) ? null : JsMigrationSupport.helper(m, c, qr, "the query runner");
                if (h != null) {
                    out.add(h);
                }
                continue;
            }
            int i = 1;
            if (l.size() > 2 && ("manager".equals(l.get(1).getName()) || "connection".equals(l.get(1).getName()))) {
                i = 2;
            }
            if (i >= l.size() || !l.get(i).isCall()) {
                continue;
            }
            CodeOp op = op(c, l.get(i), d);
            if (op == null) {
                continue;
            }
            if (c.getLoop() != null && op.shape() != CodeOp.Shape.UNCERTAIN) {
                op = uncertain(c, op.call(), null, "runs in a " + c.getLoop() + ": how often, and on what, is known only at run time");
            }
            out.add(op);
        }
        return out;
    }

    private static CodeOp op(JsCall c, JsLink k, Dialect d) {
        String n = k.getName() == null ? "[computed]" : k.getName();
        String call = "queryRunner." + n;
        List<Object> a = k.getArgs();
        try {
            switch (n) {
                case "query":
                    return JsMigrationSupport.sqlArgument(c, k, 0, call, null);
                case "startTransaction":
                    return generated(c, call, "BEGIN");
                case "commitTransaction":
                    return generated(c, call, "COMMIT");
                case "rollbackTransaction":
                    return generated(c, call, "ROLLBACK");
                case "getTable": case "getTables": case "getView": case "getViews": case "release": case "connect":
                case "clearSqlMemory": case "enableSqlMemory": case "disableSqlMemory": case "getCurrentSchema":
                case "getCurrentDatabase": case "getDatabases": case "getSchemas":
                    return null;
                case "hasColumn": case "hasTable": case "hasIndex": case "hasDatabase": case "hasSchema":
                    return uncertain(c, call, a.isEmpty() || !(a.get(0) instanceof String) ? null : (String) a.get(0),
                            "the migration asks " + n + "(" + (a.isEmpty() ? "" : JsMigrationSupport.abbreviate(String.valueOf(a.get(0))))
                                    + ") and branches on the live schema: SchemaGate reads every branch as if it runs");
                default:
                    break;
            }
            String table = a.isEmpty() ? null : TypeOrmSql.tableName(a.get(0));
            String t = table == null ? null : JsMigrationSupport.table(d, table);
            boolean lite = d == Dialect.SQLITE;
            switch (n) {
                case "createTable": {
                    boolean ifNot = a.size() > 1 && Boolean.TRUE.equals(a.get(1));
                    return generated(c, call, TypeOrmSql.createTable(d, a.get(0), ifNot));
                }
                case "dropTable": {
                    boolean ifExists = a.size() > 1 && Boolean.TRUE.equals(a.get(1));
                    return generated(c, call, "DROP TABLE " + (ifExists ? "IF EXISTS " : "") + t);
                }
                case "renameTable": {
                    String to = TypeOrmSql.tableName(a.get(1));
                    return generated(c, call, d.isMysqlFamily() ? "RENAME TABLE " + t + " TO " + JsMigrationSupport.table(d, to)
                            : "ALTER TABLE " + t + " RENAME TO " + quote(d, to));
                }
                case "createIndex":
                    return generated(c, call, TypeOrmSql.createIndex(d, table, a.get(1)));
                case "createIndices": {
                    List<String> st = new ArrayList<>();
                    for (Object x : list(a.get(1))) {
                        st.add(TypeOrmSql.createIndex(d, table, x));
                    }
                    return generated(c, call, String.join(";\n", st));
                }
                case "dropIndex": {
                    String name = a.get(1) instanceof String ? (String) a.get(1)
                            : TypeOrmSql.string(TypeOrmSql.options(a.get(1), "TableIndex"), "name", "TableIndex");
                    return generated(c, call, d.isMysqlFamily() ? "DROP INDEX " + quote(d, name) + " ON " + t : "DROP INDEX " + quote(d, name));
                }
                default:
                    break;
            }
            if (lite) {
                return uncertain(c, call, table, "TypeORM runs " + n + " on SQLite by rebuilding table " + table
                        + " (create a new table, copy the rows, drop the old one, rename): the statements depend on the live"
                        + " table definition");
            }
            switch (n) {
                case "addColumn":
                    return generated(c, call, addColumn(d, t, table, a.get(1)));
                case "addColumns": {
                    List<String> st = new ArrayList<>();
                    for (Object x : list(a.get(1))) {
                        st.add(addColumn(d, t, table, x));
                    }
                    return generated(c, call, String.join(";\n", st));
                }
                case "dropColumn":
                    return generated(c, call, "ALTER TABLE " + t + " DROP COLUMN " + quote(d, TypeOrmSql.columnName(a.get(1))));
                case "dropColumns": {
                    List<String> parts = new ArrayList<>();
                    for (Object x : list(a.get(1))) {
                        parts.add("ALTER TABLE " + t + " DROP COLUMN " + quote(d, TypeOrmSql.columnName(x)));
                    }
                    return generated(c, call, String.join(";\n", parts));
                }
                case "renameColumn":
                    return generated(c, call, "ALTER TABLE " + t + " RENAME COLUMN " + quote(d, TypeOrmSql.columnName(a.get(1)))
                            + " TO " + quote(d, TypeOrmSql.columnName(a.get(2))));
                case "changeColumn":
                    return changeColumn(c, call, d, t, table, a.get(1), a.get(2));
                case "createForeignKey":
                    return generated(c, call, "ALTER TABLE " + t + " ADD " + TypeOrmSql.foreignKeyBody(d, table, a.get(1)));
                case "createForeignKeys": {
                    List<String> st = new ArrayList<>();
                    for (Object x : list(a.get(1))) {
                        st.add("ALTER TABLE " + t + " ADD " + TypeOrmSql.foreignKeyBody(d, table, x));
                    }
                    return generated(c, call, String.join(";\n", st));
                }
                case "dropForeignKey": {
                    String name = a.get(1) instanceof String ? (String) a.get(1)
                            : TypeOrmSql.string(TypeOrmSql.options(a.get(1), "TableForeignKey"), "name", "TableForeignKey");
                    return generated(c, call, "ALTER TABLE " + t + (d.isMysqlFamily() ? " DROP FOREIGN KEY " : " DROP CONSTRAINT ")
                            + quote(d, name));
                }
                case "createUniqueConstraint": {
                    Map<?, ?> o = TypeOrmSql.options(a.get(1), "TableUnique");
                    List<String> cs = TypeOrmSql.strings(o, "columnNames", "TableUnique");
                    Object un = o.get("name");
                    String name = un instanceof String ? (String) un : "UQ_" + table + "_" + String.join("_", cs);
                    return generated(c, call, d.isMysqlFamily()
                            ? "CREATE UNIQUE INDEX " + quote(d, name) + " ON " + t + " (" + TypeOrmSql.cols(d, cs) + ")"
                            : "ALTER TABLE " + t + " ADD CONSTRAINT " + quote(d, name) + " UNIQUE (" + TypeOrmSql.cols(d, cs) + ")");
                }
                case "dropUniqueConstraint": {
                    String name = a.get(1) instanceof String ? (String) a.get(1)
                            : TypeOrmSql.string(TypeOrmSql.options(a.get(1), "TableUnique"), "name", "TableUnique");
                    return generated(c, call, d.isMysqlFamily() ? "DROP INDEX " + quote(d, name) + " ON " + t
                            : "ALTER TABLE " + t + " DROP CONSTRAINT " + quote(d, name));
                }
                case "createCheckConstraint": {
                    Map<?, ?> o = TypeOrmSql.options(a.get(1), "TableCheck");
                    Object cn = o.get("name");
                    return generated(c, call, "ALTER TABLE " + t + " ADD CONSTRAINT " + quote(d, cn instanceof String ? (String) cn
                            : "CHK_" + table) + " CHECK (" + TypeOrmSql.string(o, "expression", "TableCheck") + ")");
                }
                case "dropCheckConstraint": {
                    String name = a.get(1) instanceof String ? (String) a.get(1)
                            : TypeOrmSql.string(TypeOrmSql.options(a.get(1), "TableCheck"), "name", "TableCheck");
                    return generated(c, call, "ALTER TABLE " + t + " DROP CONSTRAINT " + quote(d, name));
                }
                case "createPrimaryKey": {
                    List<String> cs = new ArrayList<>();
                    for (Object x : list(a.get(1))) {
                        cs.add(String.valueOf(x));
                    }
                    String name = a.size() > 2 && a.get(2) instanceof String ? (String) a.get(2) : "PK_" + table;
                    return generated(c, call, "ALTER TABLE " + t + " ADD CONSTRAINT " + quote(d, name) + " PRIMARY KEY ("
                            + TypeOrmSql.cols(d, cs) + ")");
                }
                default:
                    return uncertain(c, call, table, call + "() is not a TypeORM query runner method SchemaGate reads");
            }
        } catch (TypeOrmSql.Unknown e) {
            return uncertain(c, call, null, e.getMessage());
        } catch (IndexOutOfBoundsException e) {
            return uncertain(c, call, null, call + "() is called with fewer arguments than TypeORM expects");
        }
    }

    private static List<?> list(Object v) throws TypeOrmSql.Unknown {
        if (v instanceof List) {
            return (List<?>) v;
        }
        throw new TypeOrmSql.Unknown("the list is built at run time (" + JsMigrationSupport.why(v) + ")");
    }

    private static String addColumn(Dialect d, String t, String table, Object col) throws TypeOrmSql.Unknown {
        String sql = "ALTER TABLE " + t + " ADD " + TypeOrmSql.column(d, col);
        if (TypeOrmSql.flag(col, "isUnique")) {
            String name = TypeOrmSql.columnName(col);
            sql += ";\nALTER TABLE " + t + " ADD CONSTRAINT " + quote(d, "UQ_" + table + "_" + name) + " UNIQUE (" + quote(d, name) + ")";
        }
        return sql;
    }

    /**
     * TypeORM's changeColumn compares the old and new column: a different type or length drops the column and adds
     * it again (its data is lost); otherwise it alters name, nullability and default in place. With only the old
     * column's name, the comparison is made with the live table and cannot be known here.
     */
    private static CodeOp changeColumn(JsCall c, String call, Dialect d, String t, String table, Object oldV, Object newV)
            throws TypeOrmSql.Unknown {
        Map<?, ?> nw = TypeOrmSql.options(newV, "TableColumn");
        String newName = TypeOrmSql.string(nw, "name", "TableColumn");
        if (oldV instanceof String) {
            return uncertain(c, call, table, "changeColumn compares the new definition of " + table + "." + oldV
                    + " with the live column: a different type or length makes TypeORM drop the column and add it again"
                    + " (its data is lost), else it alters it in place; pass the old column as new TableColumn({...}) so"
                    + " SchemaGate can tell, or write the ALTER TABLE with queryRunner.query");
        }
        Map<?, ?> old = TypeOrmSql.options(oldV, "TableColumn");
        String oldName = TypeOrmSql.string(old, "name", "TableColumn");
        boolean retype = !String.valueOf(old.get("type")).equalsIgnoreCase(String.valueOf(nw.get("type")))
                || !String.valueOf(old.get("length")).equals(String.valueOf(nw.get("length")));
        List<String> st = new ArrayList<>();
        if (retype) {
            st.add("ALTER TABLE " + t + " DROP COLUMN " + quote(d, oldName));
            st.add("ALTER TABLE " + t + " ADD " + TypeOrmSql.column(d, newV));
            return generated(c, call, String.join(";\n", st));
        }
        if (!oldName.equals(newName)) {
            st.add("ALTER TABLE " + t + " RENAME COLUMN " + quote(d, oldName) + " TO " + quote(d, newName));
        }
        boolean oldNull = Boolean.TRUE.equals(old.get("isNullable"));
        boolean newNull = Boolean.TRUE.equals(nw.get("isNullable"));
        String col = quote(d, newName);
        if (d.isMysqlFamily()) {
            st.add("ALTER TABLE " + t + " MODIFY " + TypeOrmSql.column(d, newV));
        } else {
            if (oldNull != newNull) {
                st.add("ALTER TABLE " + t + " ALTER COLUMN " + col + (newNull ? " DROP NOT NULL" : " SET NOT NULL"));
            }
            Object od = old.get("default");
            Object nd = nw.get("default");
            if (!String.valueOf(od).equals(String.valueOf(nd))) {
                st.add("ALTER TABLE " + t + " ALTER COLUMN " + col + (nd == null ? " DROP DEFAULT" : " SET DEFAULT " + nd));
            }
        }
        return st.isEmpty() ? null : generated(c, call, String.join(";\n", st));
    }
}
