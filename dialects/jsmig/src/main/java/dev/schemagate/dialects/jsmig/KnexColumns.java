package dev.schemagate.dialects.jsmig;

import dev.schemagate.dialects.js.JsLink;
import dev.schemagate.dialects.js.JsValue;
import dev.schemagate.model.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The SQL Knex generates for a column builder ({@code t.string('email', 100).notNullable().defaultTo('')}) on
 * PostgreSQL, MySQL/MariaDB and SQLite: type names as Knex's column compilers write them, modifiers in Knex's order,
 * and the statements of {@code .alter()} (on PostgreSQL: drop default, drop not null, change type, then set default
 * and not null only when restated, so an alter that does not restate them removes them).
 */
final class KnexColumns {
    static final Set<String> TYPES = Set.of("increments", "bigIncrements", "integer", "int", "bigInteger", "bigint",
            "smallint", "tinyint", "mediumint", "string", "text", "boolean", "bool", "date", "datetime", "timestamp",
            "time", "float", "double", "decimal", "json", "jsonb", "uuid", "binary", "enu", "enum", "specificType",
            "geometry", "point", "geography");
    static final Set<String> IGNORED_MODIFIERS = Set.of("comment", "first", "after", "collate", "charset",
            "checkPositive", "checkNegative", "checkIn", "checkNotIn", "checkBetween", "checkLength", "checkRegex");

    private KnexColumns() {
    }

    /** One column of a builder chain, or the reason it cannot be read. */
    static final class Column {
        String name;
        String type;
        Boolean notNull;
        String defaultSql;
        boolean hasDefault;
        boolean unique;
        boolean primary;
        boolean index;
        boolean alter;
        String refTable;
        String refColumn;
        String onDelete;
        String onUpdate;
        boolean increments;
        String problem;
        String enumCheck;
    }

    /** Reads {@code t.<type>(name, ...).<modifier>()...} from links {@code from} on. */
    static Column read(Dialect d, List<JsLink> chain, int from) {
        Column c = new Column();
        JsLink t = chain.get(from);
        List<Object> a = t.getArgs();
        Object n = a.isEmpty() ? (t.getName().endsWith("ncrements") ? "id" : null) : a.get(0);
        if (!(n instanceof String)) {
            c.problem = "the column name is not known before the migration runs (" + JsMigrationSupport.why(n) + ")";
            return c;
        }
        c.name = (String) n;
        c.type = type(d, t.getName(), a, c);
        if (c.type == null) {
            c.problem = c.problem != null ? c.problem : "the column type of " + t.getName() + "() is not known";
            return c;
        }
        for (int i = from + 1; i < chain.size(); i++) {
            JsLink m = chain.get(i);
            String mn = m.getName() == null ? "" : m.getName();
            List<Object> ma = m.getArgs();
            switch (mn) {
                case "notNullable":
                    c.notNull = true;
                    break;
                case "nullable":
                    c.notNull = false;
                    break;
                case "defaultTo":
                    if (ma.isEmpty()) {
                        break;
                    }
                    String v = value(d, ma.get(0), c.type);
                    if (v == null) {
                        c.problem = "the default of " + c.name + " is built at run time (" + JsMigrationSupport.why(ma.get(0)) + ")";
                        return c;
                    }
                    c.hasDefault = true;
                    c.defaultSql = v;
                    break;
                case "unique":
                    c.unique = true;
                    break;
                case "primary":
                    c.primary = true;
                    break;
                case "index":
                    c.index = true;
                    break;
                case "unsigned":
                    if (d.isMysqlFamily()) {
                        c.type = c.type + " unsigned";
                    }
                    break;
                case "references":
                    if (!ma.isEmpty() && ma.get(0) instanceof String) {
                        String r = (String) ma.get(0);
                        int dot = r.lastIndexOf('.');
                        if (dot > 0) {
                            c.refTable = r.substring(0, dot);
                            c.refColumn = r.substring(dot + 1);
                        } else {
                            c.refColumn = r;
                        }
                    } else if (!ma.isEmpty() && ma.get(0) instanceof Map) {
                        Object tb = ((Map<?, ?>) ma.get(0)).get("table");
                        Object col = ((Map<?, ?>) ma.get(0)).get("column");
                        c.refTable = tb instanceof String ? (String) tb : null;
                        c.refColumn = col instanceof String ? (String) col : null;
                    }
                    break;
                case "inTable":
                    c.refTable = !ma.isEmpty() && ma.get(0) instanceof String ? (String) ma.get(0) : c.refTable;
                    break;
                case "onDelete":
                    c.onDelete = !ma.isEmpty() && ma.get(0) instanceof String ? ((String) ma.get(0)).toUpperCase(Locale.ROOT) : null;
                    break;
                case "onUpdate":
                    c.onUpdate = !ma.isEmpty() && ma.get(0) instanceof String ? ((String) ma.get(0)).toUpperCase(Locale.ROOT) : null;
                    break;
                case "alter":
                    c.alter = true;
                    break;
                default:
                    if (!IGNORED_MODIFIERS.contains(mn)) {
                        c.problem = "the column modifier ." + mn + "() is not one SchemaGate reads";
                        return c;
                    }
            }
        }
        if ((c.refTable == null) != (c.refColumn == null)) {
            c.problem = "the foreign key of " + c.name + " names no " + (c.refTable == null ? "table (.inTable())" : "column");
        }
        return c;
    }

    private static String type(Dialect d, String method, List<Object> a, Column c) {
        boolean my = d.isMysqlFamily();
        boolean lite = d == Dialect.SQLITE;
        Object a1 = a.size() > 1 ? a.get(1) : null;
        switch (method) {
            case "increments":
            case "bigIncrements":
                c.increments = true;
                boolean big = method.equals("bigIncrements");
                if (my) {
                    return (big ? "bigint" : "int") + " unsigned not null auto_increment primary key";
                }
                if (lite) {
                    return "integer not null primary key autoincrement";
                }
                return big ? "bigserial primary key" : "serial primary key";
            case "integer": case "int":
                return my ? "int" : "integer";
            case "bigInteger": case "bigint":
                return "bigint";
            case "smallint":
                return "smallint";
            case "tinyint":
                return my ? "tinyint" : lite ? "tinyint" : "smallint";
            case "mediumint":
                return my ? "mediumint" : "integer";
            case "string":
                return "varchar(" + (a1 instanceof Long ? a1 : 255) + ")";
            case "text":
                return my && a1 instanceof String ? ((String) a1).toLowerCase(Locale.ROOT) : "text";
            case "boolean": case "bool":
                return "boolean";
            case "date":
                return "date";
            case "time":
                return "time";
            case "datetime":
            case "timestamp": {
                boolean useTz = true;
                Object p = a1;
                if (p instanceof Map && ((Map<?, ?>) p).get("useTz") instanceof Boolean) {
                    useTz = (Boolean) ((Map<?, ?>) p).get("useTz");
                } else if (p instanceof Boolean) {
                    useTz = !(Boolean) p; // the old withoutTz flag
                }
                if (my) {
                    return method;
                }
                if (lite) {
                    return "datetime";
                }
                return useTz ? "timestamptz" : "timestamp";
            }
            case "float":
                return my ? "float(8, 2)" : "real";
            case "double":
                return my ? "double(8, 2)" : lite ? "float" : "double precision";
            case "decimal": {
                Object s = a.size() > 2 ? a.get(2) : null;
                if (a1 == JsValue.NULL && !my) {
                    return "decimal";
                }
                return "decimal(" + (a1 instanceof Long ? a1 : 8) + ", " + (s instanceof Long ? s : 2) + ")";
            }
            case "json":
                return "json";
            case "jsonb":
                return my || lite ? "json" : "jsonb";
            case "uuid":
                return my || lite ? "char(36)" : "uuid";
            case "binary":
                return my ? "blob" : lite ? "blob" : "bytea";
            case "enu":
            case "enum": {
                if (!(a1 instanceof List) || !JsValue.isKnown(a1)) {
                    c.problem = "the values of enum column " + c.name + " are not known before the migration runs";
                    return null;
                }
                List<String> vals = new ArrayList<>();
                for (Object v : (List<?>) a1) {
                    vals.add(JsMigrationSupport.literal(v));
                }
                if (my) {
                    return "enum(" + String.join(", ", vals) + ")";
                }
                c.enumCheck = JsMigrationSupport.quote(d, c.name) + " in (" + String.join(", ", vals) + ")";
                return "text";
            }
            case "specificType":
                return a1 instanceof String ? (String) a1 : null;
            case "geometry": case "point": case "geography":
                return method;
            default:
                return null;
        }
    }

    /** The SQL of a {@code defaultTo} value: a literal, {@code knex.fn.now()}, {@code knex.raw('...')}. */
    static String value(Dialect d, Object v, String type) {
        if (v instanceof JsValue.Chain) {
            List<JsLink> l = ((JsValue.Chain) v).getLinks();
            JsLink last = l.get(l.size() - 1);
            if ("now".equals(last.getName()) && l.size() >= 2 && "fn".equals(l.get(l.size() - 2).getName())) {
                return "CURRENT_TIMESTAMP";
            }
            if ("raw".equals(last.getName()) && last.isCall() && last.getArgs().size() == 1 && last.getArgs().get(0) instanceof String) {
                return (String) last.getArgs().get(0);
            }
            return null;
        }
        if (v instanceof Boolean && !"boolean".equals(type)) {
            return (Boolean) v ? "'1'" : "'0'";
        }
        if (v instanceof Boolean) {
            return d == Dialect.POSTGRES ? ((Boolean) v ? "true" : "false") : ((Boolean) v ? "'1'" : "'0'");
        }
        if (v instanceof Long || v instanceof Double) {
            return "'" + v + "'";
        }
        return JsMigrationSupport.literal(v);
    }

    /** The column definition for CREATE TABLE and ADD COLUMN. */
    static String definition(Dialect d, Column c, boolean inCreate) {
        StringBuilder sb = new StringBuilder(JsMigrationSupport.quote(d, c.name)).append(' ').append(c.type);
        if (c.enumCheck != null) {
            sb.append(" check (").append(c.enumCheck).append(')');
        }
        if (!c.increments) {
            if (Boolean.TRUE.equals(c.notNull)) {
                sb.append(" not null");
            } else if (d.isMysqlFamily() && Boolean.FALSE.equals(c.notNull)) {
                sb.append(" null");
            }
        }
        if (c.hasDefault) {
            sb.append(" default ").append(c.defaultSql);
        }
        if (c.primary && !c.increments && inCreate && d == Dialect.SQLITE) {
            sb.append(" primary key");
        }
        return sb.toString();
    }

    /** Knex's generated index and constraint name: {@code table_col1_col2_type}, lower case, dots and dashes as _. */
    static String indexName(String table, List<String> cols, String kind) {
        String t = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        return (t + "_" + String.join("_", cols) + "_" + kind).toLowerCase(Locale.ROOT).replaceAll("[-.]", "_");
    }

    /** The statements Knex runs for {@code .alter()} of a column. */
    static List<String> alter(Dialect d, String table, Column c) {
        String t = JsMigrationSupport.table(d, table);
        String q = JsMigrationSupport.quote(d, c.name);
        List<String> out = new ArrayList<>();
        if (d == Dialect.POSTGRES) {
            String type = c.enumCheck != null ? "text" : c.type;
            out.add("alter table " + t + " alter column " + q + " drop default");
            out.add("alter table " + t + " alter column " + q + " drop not null");
            out.add("alter table " + t + " alter column " + q + " type " + type + " using (" + q + "::" + type + ")");
            if (c.hasDefault) {
                out.add("alter table " + t + " alter column " + q + " set default " + c.defaultSql);
            }
            if (Boolean.TRUE.equals(c.notNull)) {
                out.add("alter table " + t + " alter column " + q + " set not null");
            }
        } else {
            out.add("alter table " + t + " modify " + definition(d, c, false));
        }
        return out;
    }
}
