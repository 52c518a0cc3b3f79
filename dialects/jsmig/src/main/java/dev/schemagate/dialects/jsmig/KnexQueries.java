package dev.schemagate.dialects.jsmig;

import static dev.schemagate.dialects.jsmig.JsMigrationSupport.generated;
import static dev.schemagate.dialects.jsmig.JsMigrationSupport.literal;
import static dev.schemagate.dialects.jsmig.JsMigrationSupport.quote;
import static dev.schemagate.dialects.jsmig.JsMigrationSupport.uncertain;

import dev.schemagate.dialects.js.JsCall;
import dev.schemagate.dialects.js.JsLink;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.code.CodeOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code knex('table')...} query chains in a migration: {@code insert}, {@code update} and {@code del} become the
 * SQL Knex sends when every value and condition is written in the file; reads ({@code select}, {@code first}, ...)
 * change nothing and are left out; anything else is uncertain.
 */
final class KnexQueries {
    private static final Set<String> READS = Set.of("select", "first", "pluck", "count", "max", "min", "sum", "avg",
            "columns", "column", "distinct", "orderBy", "limit", "offset", "groupBy", "then", "stream", "join",
            "leftJoin", "innerJoin", "as", "from", "timeout");

    /**
     * What JavaScript does with the rows a read returned ({@code const rows = await knex.select(...)} followed by
     * {@code rows.filter(...)} reads as one chain): array and promise methods, no database call.
     */
    private static final Set<String> RESULT_USE = Set.of("filter", "map", "find", "findIndex", "forEach", "some", "every",
            "reduce", "includes", "indexOf", "slice", "flatMap", "sort", "length", "at", "keys", "values", "entries",
            "catch", "finally", "toString");

    private KnexQueries() {
    }

    /**
     * Whether the links of a chain from {@code from} on only read ({@code select}, {@code first}, {@code from},
     * conditions, joins, ordering): such a query changes nothing, whatever its table, values or loop.
     */
    static boolean readOnly(List<JsLink> l, int from) {
        if (from >= l.size()) {
            return false;
        }
        for (int i = from; i < l.size(); i++) {
            String n = l.get(i).getName();
            if (n == null || !(READS.contains(n) || n.startsWith("where") || n.startsWith("orWhere")
                    || n.startsWith("andWhere") || n.startsWith("having") || n.startsWith("orHaving")
                    || n.endsWith("Join") || n.equals("union") || n.equals("unionAll") || n.equals("clone")
                    || i > from && RESULT_USE.contains(n) && READS.contains(l.get(from).getName()))) {
                return false;
            }
        }
        return true;
    }

    static CodeOp query(JsCall c, Dialect d) {
        List<JsLink> l = c.getChain();
        if (readOnly(l, 1)) {
            return null; // a read, even of a table or in a loop known only at run time: changes nothing
        }
        Object tb = l.get(0).getArgs().isEmpty() ? null : l.get(0).getArgs().get(0);
        if (!(tb instanceof String)) {
            return uncertain(c, "knex()", null, "the table of the query is not known before the migration runs ("
                    + JsMigrationSupport.why(tb) + ")");
        }
        String table = (String) tb;
        if (c.getLoop() != null) {
            return uncertain(c, "knex()", table, "the query on " + table + " runs in a " + c.getLoop()
                    + ": how often, and with which values, is known only at run time");
        }
        List<String> where = new ArrayList<>();
        String action = null;
        String sql = null;
        for (int i = 1; i < l.size(); i++) {
            JsLink k = l.get(i);
            String n = k.getName() == null ? "" : k.getName();
            List<Object> a = k.getArgs();
            switch (n) {
                case "where":
                case "andWhere": {
                    String w = condition(d, a);
                    if (w == null) {
                        return uncertain(c, "knex().where", table, "the condition " + JsMigrationSupport.abbreviate(k.toString())
                                + " of the query on " + table + " is built at run time or is a callback");
                    }
                    where.add(w);
                    break;
                }
                case "whereNull":
                case "whereNotNull":
                    if (a.size() != 1 || !(a.get(0) instanceof String)) {
                        return uncertain(c, "knex()." + n, table, "the column of " + n + " is built at run time");
                    }
                    where.add(quote(d, (String) a.get(0)) + (n.equals("whereNull") ? " is null" : " is not null"));
                    break;
                case "whereIn":
                case "whereNotIn": {
                    String v = a.size() == 2 && a.get(0) instanceof String && a.get(1) instanceof List ? list((List<?>) a.get(1)) : null;
                    if (v == null) {
                        return uncertain(c, "knex()." + n, table, "the values of " + n + " are known only at run time");
                    }
                    where.add(quote(d, (String) a.get(0)) + (n.equals("whereIn") ? " in " : " not in ") + v);
                    break;
                }
                case "whereRaw":
                    if (a.isEmpty() || !(a.get(0) instanceof String) || a.size() > 1) {
                        return uncertain(c, "knex().whereRaw", table, "the raw condition has bindings or is built at run time");
                    }
                    where.add("(" + a.get(0) + ")");
                    break;
                case "update": {
                    if (a.size() != 1 || !(a.get(0) instanceof Map)) {
                        return uncertain(c, "knex().update", table, "the values of the update on " + table + " are known only at run time");
                    }
                    List<String> sets = new ArrayList<>();
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) a.get(0)).entrySet()) {
                        String v = value(e.getValue());
                        if (v == null) {
                            return uncertain(c, "knex().update", table, "the value of " + e.getKey() + " in the update on " + table
                                    + " is built at run time (" + JsMigrationSupport.why(e.getValue()) + ")");
                        }
                        sets.add(quote(d, String.valueOf(e.getKey())) + " = " + v);
                    }
                    action = "update";
                    sql = "update " + JsMigrationSupport.table(d, table) + " set " + String.join(", ", sets);
                    break;
                }
                case "insert": {
                    Object rows = a.isEmpty() ? null : a.get(0);
                    List<?> list = rows instanceof List ? (List<?>) rows : rows instanceof Map ? List.of(rows) : null;
                    if (list == null || list.isEmpty() || !(list.get(0) instanceof Map)) {
                        return uncertain(c, "knex().insert", table, "the rows inserted into " + table + " are known only at run time");
                    }
                    List<Object> keys = new ArrayList<>(((Map<?, ?>) list.get(0)).keySet());
                    List<String> tuples = new ArrayList<>();
                    for (Object r : list) {
                        if (!(r instanceof Map)) {
                            return uncertain(c, "knex().insert", table, "a row inserted into " + table + " is built at run time");
                        }
                        List<String> vs = new ArrayList<>();
                        for (Object k2 : keys) {
                            String v = value(((Map<?, ?>) r).get(k2));
                            if (v == null) {
                                return uncertain(c, "knex().insert", table, "a value inserted into " + table + "." + k2
                                        + " is built at run time");
                            }
                            vs.add(v);
                        }
                        tuples.add("(" + String.join(", ", vs) + ")");
                    }
                    List<String> qk = new ArrayList<>();
                    for (Object k2 : keys) {
                        qk.add(quote(d, String.valueOf(k2)));
                    }
                    action = "insert";
                    sql = "insert into " + JsMigrationSupport.table(d, table) + " (" + String.join(", ", qk) + ") values "
                            + String.join(", ", tuples);
                    break;
                }
                case "del":
                case "delete":
                    action = "delete";
                    sql = "delete from " + JsMigrationSupport.table(d, table);
                    break;
                case "truncate":
                    action = "truncate";
                    sql = "truncate table " + JsMigrationSupport.table(d, table);
                    break;
                case "returning":
                case "onConflict":
                case "ignore":
                case "merge":
                    if (action == null || !action.equals("insert") || !n.equals("returning")) {
                        if (!n.equals("returning")) {
                            return uncertain(c, "knex()." + n, table, "." + n + "() of the query on " + table + " is not read");
                        }
                    }
                    break;
                default:
                    if (READS.contains(n)) {
                        break;
                    }
                    return uncertain(c, "knex()." + n, table, "the query method ." + n + "() on " + table + " is not one SchemaGate reads");
            }
        }
        if (action == null) {
            return null; // a read: changes nothing
        }
        if (!where.isEmpty() && !action.equals("insert") && !action.equals("truncate")) {
            sql += " where " + String.join(" and ", where);
        }
        return generated(c, "knex()." + action, sql);
    }

    private static String condition(Dialect d, List<Object> a) {
        if (a.size() == 1 && a.get(0) instanceof Map) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) a.get(0)).entrySet()) {
                String v = value(e.getValue());
                if (v == null) {
                    return null;
                }
                parts.add(quote(d, String.valueOf(e.getKey())) + (v.equals("NULL") ? " is null" : " = " + v));
            }
            return String.join(" and ", parts);
        }
        if (a.size() == 2 && a.get(0) instanceof String) {
            String v = value(a.get(1));
            return v == null ? null : quote(d, (String) a.get(0)) + (v.equals("NULL") ? " is null" : " = " + v);
        }
        if (a.size() == 3 && a.get(0) instanceof String && a.get(1) instanceof String
                && ((String) a.get(1)).matches("=|<>|!=|<|>|<=|>=|like|ilike|not like")) {
            String v = value(a.get(2));
            return v == null ? null : quote(d, (String) a.get(0)) + " " + a.get(1) + " " + v;
        }
        return null;
    }

    private static String list(List<?> vs) {
        List<String> out = new ArrayList<>();
        for (Object v : vs) {
            String s = value(v);
            if (s == null) {
                return null;
            }
            out.add(s);
        }
        return out.isEmpty() ? null : "(" + String.join(", ", out) + ")";
    }

    private static String value(Object v) {
        String s = KnexColumns.value(Dialect.POSTGRES, v, "");
        if (v instanceof Boolean) {
            return literal(v);
        }
        if (v instanceof Long || v instanceof Double) {
            return String.valueOf(v);
        }
        return s;
    }
}
