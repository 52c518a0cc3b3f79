package dev.schemagate.dialects.jsmig;

import static dev.schemagate.dialects.jsmig.JsMigrationSupport.generated;
import static dev.schemagate.dialects.jsmig.JsMigrationSupport.quote;
import static dev.schemagate.dialects.jsmig.JsMigrationSupport.uncertain;

import dev.schemagate.dialects.js.JsCall;
import dev.schemagate.dialects.js.JsLink;
import dev.schemagate.dialects.js.JsValue;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.code.CodeOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of one {@code createTable}/{@code alterTable} callback in Knex's order: the CREATE TABLE (or the
 * added columns, one ALTER TABLE on PostgreSQL and MySQL, one per column on SQLite), then altered columns, then the
 * other table commands (indexes, drops, renames) in call order.
 */
final class KnexTable {
    private static final Set<String> IGNORED = Set.of("comment", "engine", "charset", "collate", "inherits", "queryContext");

    private final JsCall call;
    private final String name;
    private final String table;
    private final boolean create;
    private final boolean ifNotExists;
    private final List<JsCall> builders;
    private final Set<JsCall> nested;
    private final Dialect d;
    private final String t;

    KnexTable(JsCall call, String name, String table, boolean create, boolean ifNotExists, List<JsCall> builders,
              Set<JsCall> nested, Dialect d) {
        this.call = call;
        this.name = name;
        this.table = table;
        this.create = create;
        this.ifNotExists = ifNotExists;
        this.builders = builders;
        this.nested = nested;
        this.d = d;
        this.t = JsMigrationSupport.table(d, table);
    }

    List<CodeOp> ops() {
        List<String> defs = new ArrayList<>();
        List<CodeOp> adds = new ArrayList<>();
        JsCall firstAdd = null;
        List<CodeOp> alters = new ArrayList<>();
        List<CodeOp> commands = new ArrayList<>();
        List<CodeOp> problems = new ArrayList<>();
        List<String> createAfter = new ArrayList<>();
        for (JsCall b : builders) {
            if (nested.contains(b)) {
                problems.add(uncertain(b, "table builder", table, "the builder call runs in "
                        + (b.getLoop() != null ? "a " + b.getLoop() : "a nested function")
                        + ": which columns it touches is known only at run time"));
                continue;
            }
            List<JsLink> l = b.getChain();
            if (l.size() < 2 || l.get(1).getName() == null || !l.get(1).isCall()) {
                problems.add(uncertain(b, "table builder", table, "the builder call " + JsMigrationSupport.abbreviate(b.getText())
                        + " is not one SchemaGate reads"));
                continue;
            }
            String m = l.get(1).getName();
            List<Object> a = l.get(1).getArgs();
            if (KnexColumns.TYPES.contains(m)) {
                KnexColumns.Column c = KnexColumns.read(d, l, 1);
                if (c.problem != null) {
                    problems.add(uncertain(b, "t." + m, table, c.problem));
                    continue;
                }
                if (c.alter) {
                    if (create) {
                        problems.add(uncertain(b, "t." + m, table, ".alter() inside createTable is not valid Knex"));
                    } else if (d == Dialect.SQLITE) {
                        alters.add(uncertain(b, "t." + m + "().alter", table, "Knex alters column " + c.name
                                + " on SQLite by copying the whole table into a new one (create, insert ... select, drop,"
                                + " rename): the statements depend on the live table definition"));
                    } else {
                        alters.add(generated(b, "t." + m + "().alter", String.join(";\n", KnexColumns.alter(d, table, c))));
                    }
                    continue;
                }
                String def = KnexColumns.definition(d, c, create);
                if (create) {
                    defs.add(def);
                } else if (d == Dialect.SQLITE) {
                    adds.add(generated(b, "t." + m, "alter table " + t + " add column " + def));
                } else {
                    if (firstAdd == null) {
                        firstAdd = b;
                    }
                    defs.add(def);
                }
                List<String> extra = columnExtras(c);
                if (create) {
                    for (String x : extra) {
                        (x.startsWith("constraint ") ? defs : createAfter).add(x);
                    }
                } else if (!extra.isEmpty()) {
                    commands.add(generated(b, "t." + m, String.join(";\n", extra)));
                }
                continue;
            }
            if (IGNORED.contains(m)) {
                continue;
            }
            String sql;
            try {
                sql = command(m, a, l);
            } catch (Unknown e) {
                problems.add(uncertain(b, "t." + m, table, e.getMessage()));
                continue;
            }
            if (sql == null) {
                problems.add(uncertain(b, "t." + m, table, "the table builder ." + m + "() is not one SchemaGate reads"));
            } else if (create && m.equals("timestamps")) {
                for (String part : sql.split("\n")) {
                    defs.add(part);
                }
            } else if (!create && m.equals("timestamps")) {
                if (firstAdd == null) {
                    firstAdd = b;
                }
                for (String part : sql.split("\n")) {
                    if (d == Dialect.SQLITE) {
                        adds.add(generated(b, "t.timestamps", "alter table " + t + " add column " + part));
                    } else {
                        defs.add(part);
                    }
                }
            } else if (create && (m.equals("foreign") || m.equals("primary")) && sql.startsWith("constraint ")) {
                defs.add(sql);
            } else {
                commands.add(generated(b, "t." + m, sql));
            }
        }
        List<CodeOp> out = new ArrayList<>();
        if (create) {
            if (defs.isEmpty()) {
                out.add(uncertain(call, name, table, "createTable without columns SchemaGate could read"));
            } else {
                StringBuilder sb = new StringBuilder("create table ").append(ifNotExists ? "if not exists " : "").append(t)
                        .append(" (").append(String.join(", ", defs)).append(')');
                for (String s : createAfter) {
                    sb.append(";\n").append(s);
                }
                out.add(generated(call, name, sb.toString()));
            }
        } else {
            if (!defs.isEmpty()) {
                String prefix = d.isMysqlFamily() ? "add " : "add column ";
                List<String> parts = new ArrayList<>();
                for (String def : defs) {
                    parts.add(prefix + def);
                }
                out.add(generated(firstAdd, name + " add", "alter table " + t + " " + String.join(", ", parts)));
            }
            out.addAll(adds);
        }
        out.addAll(alters);
        out.addAll(commands);
        out.addAll(problems);
        return out;
    }

    /** Statements a column's modifiers add after its definition: unique, index, primary key, foreign key. */
    private List<String> columnExtras(KnexColumns.Column c) {
        List<String> out = new ArrayList<>();
        List<String> cols = List.of(c.name);
        if (c.primary && !c.increments && !(create && d == Dialect.SQLITE)) {
            out.add(primary(cols, null));
        }
        if (c.unique) {
            out.add(unique(cols, null));
        }
        if (c.index) {
            out.add(index(cols, null, null, null));
        }
        if (c.refTable != null) {
            out.add(foreign(cols, null, c.refTable, List.of(c.refColumn), c.onDelete, c.onUpdate, create));
        }
        return out;
    }

    private static final class Unknown extends Exception {
        private static final long serialVersionUID = 1L;

        Unknown(String message) {
            super(message, null, false, false);
        }
    }

    private static List<String> columns(Object v, String what) throws Unknown {
        if (v instanceof String) {
            return List.of((String) v);
        }
        if (v instanceof List && JsValue.isKnown(v)) {
            List<String> out = new ArrayList<>();
            for (Object x : (List<?>) v) {
                if (!(x instanceof String)) {
                    throw new Unknown("the columns of " + what + " are not plain names");
                }
                out.add((String) x);
            }
            return out;
        }
        throw new Unknown("the columns of " + what + " are not known before the migration runs (" + JsMigrationSupport.why(v) + ")");
    }

    private String cols(List<String> cols) {
        List<String> q = new ArrayList<>();
        for (String c : cols) {
            q.add(quote(d, c));
        }
        return String.join(", ", q);
    }

    private static String nameArg(List<Object> a, int i, String key) {
        if (a.size() <= i) {
            return null;
        }
        Object v = a.get(i);
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof Map && ((Map<?, ?>) v).get(key) instanceof String) {
            return (String) ((Map<?, ?>) v).get(key);
        }
        return null;
    }

    private String command(String m, List<Object> a, List<JsLink> l) throws Unknown {
        switch (m) {
            case "dropColumn":
            case "dropColumns": {
                List<String> parts = new ArrayList<>();
                for (Object x : a) {
                    for (String c : columns(x, m)) {
                        parts.add("drop column " + quote(d, c));
                    }
                }
                if (d == Dialect.SQLITE) {
                    List<String> st = new ArrayList<>();
                    for (String p : parts) {
                        st.add("alter table " + t + " " + p);
                    }
                    return String.join(";\n", st);
                }
                return "alter table " + t + " " + String.join(", ", parts);
            }
            case "renameColumn": {
                if (a.size() < 2 || !(a.get(0) instanceof String) || !(a.get(1) instanceof String)) {
                    throw new Unknown("the column names of renameColumn are not known before the migration runs");
                }
                return "alter table " + t + " rename column " + quote(d, (String) a.get(0)) + " to " + quote(d, (String) a.get(1));
            }
            case "index": {
                List<String> cols = columns(a.isEmpty() ? null : a.get(0), "index");
                Object opts = a.size() > 1 && a.get(1) instanceof Map ? a.get(1) : a.size() > 2 ? a.get(2) : null;
                String type = opts instanceof Map && ((Map<?, ?>) opts).get("indexType") instanceof String
                        ? (String) ((Map<?, ?>) opts).get("indexType") : opts instanceof String ? (String) opts : null;
                String predicate = null;
                if (opts instanceof Map && ((Map<?, ?>) opts).containsKey("predicate")) {
                    predicate = predicate(((Map<?, ?>) opts).get("predicate"));
                }
                return index(cols, nameArg(a, 1, "indexName"), type, predicate);
            }
            case "unique":
                return unique(columns(a.isEmpty() ? null : a.get(0), "unique"), nameArg(a, 1, "indexName"));
            case "primary":
                return primary(columns(a.isEmpty() ? null : a.get(0), "primary"), nameArg(a, 1, "constraintName"));
            case "foreign": {
                List<String> cols = columns(a.isEmpty() ? null : a.get(0), "foreign");
                String refTable = null;
                List<String> refCols = null;
                String onDelete = null;
                String onUpdate = null;
                for (int i = 2; i < l.size(); i++) {
                    JsLink k = l.get(i);
                    Object v = k.getArgs().isEmpty() ? null : k.getArgs().get(0);
                    switch (k.getName() == null ? "" : k.getName()) {
                        case "references": {
                            if (v instanceof String && ((String) v).contains(".")) {
                                String s = (String) v;
                                refTable = s.substring(0, s.lastIndexOf('.'));
                                refCols = List.of(s.substring(s.lastIndexOf('.') + 1));
                            } else {
                                refCols = columns(v, "references");
                            }
                            break;
                        }
                        case "inTable":
                            refTable = v instanceof String ? (String) v : null;
                            break;
                        case "onDelete":
                            onDelete = v instanceof String ? ((String) v).toUpperCase(java.util.Locale.ROOT) : null;
                            break;
                        case "onUpdate":
                            onUpdate = v instanceof String ? ((String) v).toUpperCase(java.util.Locale.ROOT) : null;
                            break;
                        case "withKeyName":
                            break;
                        default:
                            throw new Unknown("the foreign key modifier ." + k.getName() + "() is not one SchemaGate reads");
                    }
                }
                if (refTable == null || refCols == null) {
                    throw new Unknown("the foreign key on " + cols + " names no referenced table and column");
                }
                return foreign(cols, nameArg(a, 1, "foreignKeyName"), refTable, refCols, onDelete, onUpdate, create);
            }
            case "dropForeign": {
                String n = nameArg(a, 1, "x");
                if (n == null) {
                    n = KnexColumns.indexName(table, columns(a.isEmpty() ? null : a.get(0), m), "foreign");
                }
                return "alter table " + t + (d.isMysqlFamily() ? " drop foreign key " : " drop constraint ") + quote(d, n);
            }
            case "dropIndex": {
                String n = nameArg(a, 1, "x");
                if (n == null) {
                    n = KnexColumns.indexName(table, columns(a.isEmpty() ? null : a.get(0), m), "index");
                }
                return d.isMysqlFamily() ? "alter table " + t + " drop index " + quote(d, n) : "drop index " + quote(d, n);
            }
            case "dropUnique": {
                String n = nameArg(a, 1, "x");
                if (n == null) {
                    n = KnexColumns.indexName(table, columns(a.isEmpty() ? null : a.get(0), m), "unique");
                }
                return d == Dialect.POSTGRES ? "alter table " + t + " drop constraint " + quote(d, n)
                        : d.isMysqlFamily() ? "alter table " + t + " drop index " + quote(d, n) : "drop index " + quote(d, n);
            }
            case "dropPrimary": {
                String n = nameArg(a, 0, "x");
                return d.isMysqlFamily() ? "alter table " + t + " drop primary key"
                        : "alter table " + t + " drop constraint " + quote(d, n == null ? table + "_pkey" : n);
            }
            case "timestamps": {
                boolean useTs = a.isEmpty() || Boolean.TRUE.equals(a.get(0));
                boolean now = a.size() > 1 && Boolean.TRUE.equals(a.get(1));
                boolean camel = a.size() > 2 && Boolean.TRUE.equals(a.get(2));
                String type = d == Dialect.SQLITE ? "datetime" : d.isMysqlFamily() ? (useTs ? "timestamp" : "datetime")
                        : useTs ? "timestamptz" : "timestamptz";
                String tail = now ? " not null default CURRENT_TIMESTAMP" : "";
                return quote(d, camel ? "createdAt" : "created_at") + " " + type + tail + "\n"
                        + quote(d, camel ? "updatedAt" : "updated_at") + " " + type + tail;
            }
            case "dropTimestamps": {
                boolean camel = !a.isEmpty() && Boolean.TRUE.equals(a.get(0));
                String c1 = quote(d, camel ? "createdAt" : "created_at");
                String c2 = quote(d, camel ? "updatedAt" : "updated_at");
                return d == Dialect.SQLITE ? "alter table " + t + " drop column " + c1 + ";\nalter table " + t + " drop column " + c2
                        : "alter table " + t + " drop column " + c1 + ", drop column " + c2;
            }
            case "setNullable":
            case "dropNullable": {
                if (a.isEmpty() || !(a.get(0) instanceof String)) {
                    throw new Unknown("the column of " + m + " is not known before the migration runs");
                }
                if (d != Dialect.POSTGRES) {
                    throw new Unknown("Knex runs " + m + " on " + d.id() + " by rewriting the column or the table from the live"
                            + " definition");
                }
                return "alter table " + t + " alter column " + quote(d, (String) a.get(0))
                        + (m.equals("setNullable") ? " drop not null" : " set not null");
            }
            default:
                return null;
        }
    }

    private static String predicate(Object p) throws Unknown {
        if (p instanceof JsValue.Chain) {
            List<JsLink> l = ((JsValue.Chain) p).getLinks();
            JsLink last = l.get(l.size() - 1);
            if ("whereRaw".equals(last.getName()) && last.getArgs().size() == 1 && last.getArgs().get(0) instanceof String) {
                return (String) last.getArgs().get(0);
            }
        }
        throw new Unknown("the index predicate is not a knex.whereRaw('...') SchemaGate can read");
    }

    private String index(List<String> cols, String name, String type, String predicate) {
        String n = name != null ? name : KnexColumns.indexName(table, cols, "index");
        if (d.isMysqlFamily()) {
            return "alter table " + t + " add " + (type != null ? type + " " : "") + "index " + quote(d, n) + "(" + cols(cols) + ")";
        }
        return "create index " + quote(d, n) + " on " + t + (type != null && d == Dialect.POSTGRES ? " using " + type : "")
                + " (" + cols(cols) + ")" + (predicate != null ? " where " + predicate : "");
    }

    private String unique(List<String> cols, String name) {
        String n = name != null ? name : KnexColumns.indexName(table, cols, "unique");
        if (d == Dialect.POSTGRES) {
            return "alter table " + t + " add constraint " + quote(d, n) + " unique (" + cols(cols) + ")";
        }
        if (d.isMysqlFamily()) {
            return "alter table " + t + " add unique " + quote(d, n) + "(" + cols(cols) + ")";
        }
        return "create unique index " + quote(d, n) + " on " + t + " (" + cols(cols) + ")";
    }

    private String primary(List<String> cols, String name) {
        String n = name != null ? name : table + "_pkey";
        if (create) {
            return "constraint " + quote(d, n) + " primary key (" + cols(cols) + ")";
        }
        return "alter table " + t + " add constraint " + quote(d, n) + " primary key (" + cols(cols) + ")";
    }

    private String foreign(List<String> cols, String name, String refTable, List<String> refCols, String onDelete,
                           String onUpdate, boolean inline) {
        String n = name != null ? name : KnexColumns.indexName(table, cols, "foreign");
        String body = "constraint " + quote(d, n) + " foreign key (" + cols(cols) + ") references "
                + JsMigrationSupport.table(d, refTable) + " (" + cols(refCols) + ")"
                + (onDelete != null ? " on delete " + onDelete : "") + (onUpdate != null ? " on update " + onUpdate : "");
        return inline ? body : "alter table " + t + " add " + body;
    }
}
