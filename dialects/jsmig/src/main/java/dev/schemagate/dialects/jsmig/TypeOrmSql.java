package dev.schemagate.dialects.jsmig;

import static dev.schemagate.dialects.jsmig.JsMigrationSupport.quote;

import dev.schemagate.dialects.js.JsValue;
import dev.schemagate.model.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL TypeORM's query runners generate for {@code new TableColumn({...})}, {@code new Table({...})},
 * {@code new TableIndex({...})}, {@code new TableForeignKey({...})}, {@code new TableUnique({...})} and
 * {@code new TableCheck({...})} on PostgreSQL and MySQL/MariaDB (SQLite rebuilds the table for most changes and is
 * handled by the reader). Options are read from the object literal; {@code isNullable} defaults to false, so a
 * column is NOT NULL unless it says otherwise, as in TypeORM. A value that is not known statically throws.
 */
final class TypeOrmSql {
    private TypeOrmSql() {
    }

    static final class Unknown extends Exception {
        private static final long serialVersionUID = 1L;

        Unknown(String message) {
            super(message, null, false, false);
        }
    }

    /** The options object of {@code new Cls({...})} or a plain object literal. */
    static Map<?, ?> options(Object v, String cls) throws Unknown {
        if (v instanceof Map) {
            return (Map<?, ?>) v;
        }
        if (v instanceof JsValue.Unknown && ((JsValue.Unknown) v).getConstructor() != null
                && !((JsValue.Unknown) v).getConstructorArgs().isEmpty()
                && ((JsValue.Unknown) v).getConstructorArgs().get(0) instanceof Map) {
            return (Map<?, ?>) ((JsValue.Unknown) v).getConstructorArgs().get(0);
        }
        throw new Unknown("the " + cls + " is not written as new " + cls + "({...}) in the file ("
                + JsMigrationSupport.why(v) + ")");
    }

    /** A table argument: a name, or a Table object whose name is read. */
    static String tableName(Object v) throws Unknown {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof JsValue.Unknown && "Table".equals(((JsValue.Unknown) v).getConstructor())) {
            return string(options(v, "Table"), "name", "Table");
        }
        throw new Unknown("the table is not known before the migration runs (" + JsMigrationSupport.why(v) + ")");
    }

    /** A column argument: a name, or a TableColumn whose name is read. */
    static String columnName(Object v) throws Unknown {
        if (v instanceof String) {
            return (String) v;
        }
        return string(options(v, "TableColumn"), "name", "TableColumn");
    }

    static String string(Map<?, ?> o, String key, String what) throws Unknown {
        Object v = o.get(key);
        if (v instanceof String) {
            return (String) v;
        }
        throw new Unknown("the " + key + " of the " + what + " is not known before the migration runs ("
                + (v == null ? "missing" : JsMigrationSupport.why(v)) + ")");
    }

    static List<String> strings(Map<?, ?> o, String key, String what) throws Unknown {
        Object v = o.get(key);
        if (v instanceof List && JsValue.isKnown(v)) {
            List<String> out = new ArrayList<>();
            for (Object x : (List<?>) v) {
                out.add(String.valueOf(x));
            }
            return out;
        }
        throw new Unknown("the " + key + " of the " + what + " are not known before the migration runs");
    }

    static String cols(Dialect d, List<String> cols) {
        List<String> q = new ArrayList<>();
        for (String c : cols) {
            q.add(quote(d, c));
        }
        return String.join(", ", q);
    }

    /** The column definition TypeORM writes for CREATE TABLE and ADD. */
    static String column(Dialect d, Object v) throws Unknown {
        Map<?, ?> o = options(v, "TableColumn");
        String name = string(o, "name", "TableColumn");
        String type = string(o, "type", "TableColumn " + name).toLowerCase(Locale.ROOT);
        boolean generated = Boolean.TRUE.equals(o.get("isGenerated"));
        Object strategy = o.get("generationStrategy");
        StringBuilder sb = new StringBuilder(quote(d, name)).append(' ');
        if (generated && (strategy == null || "increment".equals(strategy)) && d == Dialect.POSTGRES) {
            sb.append(type.contains("big") ? "BIGSERIAL" : type.contains("small") ? "SMALLSERIAL" : "SERIAL");
        } else {
            sb.append(type);
            if (o.get("length") != null) {
                Object len = o.get("length");
                if (!(len instanceof Long || len instanceof String)) {
                    throw new Unknown("the length of " + name + " is not known before the migration runs");
                }
                sb.append('(').append(len).append(')');
            } else if (o.get("precision") instanceof Long) {
                sb.append('(').append(o.get("precision"));
                if (o.get("scale") instanceof Long) {
                    sb.append(", ").append(o.get("scale"));
                }
                sb.append(')');
            } else if (o.get("enum") instanceof List && d.isMysqlFamily()) {
                List<String> vals = new ArrayList<>();
                for (Object x : (List<?>) o.get("enum")) {
                    vals.add(JsMigrationSupport.literal(x));
                }
                sb.setLength(sb.length() - type.length());
                sb.append("enum(").append(String.join(", ", vals)).append(')');
            }
            if (Boolean.TRUE.equals(o.get("isArray")) && d == Dialect.POSTGRES) {
                sb.append("[]");
            }
            if (Boolean.TRUE.equals(o.get("unsigned")) && d.isMysqlFamily()) {
                sb.append(" UNSIGNED");
            }
        }
        if (!Boolean.TRUE.equals(o.get("isNullable"))) {
            sb.append(" NOT NULL");
        }
        if (generated && d.isMysqlFamily() && (strategy == null || "increment".equals(strategy))) {
            sb.append(" AUTO_INCREMENT");
        }
        if (o.containsKey("default") && o.get("default") != JsValue.NULL) {
            Object def = o.get("default");
            if (def instanceof String || def instanceof Long || def instanceof Double || def instanceof Boolean) {
                sb.append(" DEFAULT ").append(def);
            } else {
                throw new Unknown("the default of " + name + " is built at run time (" + JsMigrationSupport.why(def) + ")");
            }
        } else if (generated && "uuid".equals(strategy) && d == Dialect.POSTGRES) {
            sb.append(" DEFAULT uuid_generate_v4()");
        }
        return sb.toString();
    }

    static boolean flag(Object v, String key) {
        try {
            return Boolean.TRUE.equals(options(v, "TableColumn").get(key));
        } catch (Unknown e) {
            return false;
        }
    }

    static String createTable(Dialect d, Object v, boolean ifNotExists) throws Unknown {
        Map<?, ?> o = options(v, "Table");
        String name = string(o, "name", "Table");
        String t = JsMigrationSupport.table(d, name);
        Object colsV = o.get("columns");
        if (!(colsV instanceof List)) {
            throw new Unknown("the columns of table " + name + " are not known before the migration runs");
        }
        List<String> defs = new ArrayList<>();
        List<String> pk = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Object c : (List<?>) colsV) {
            defs.add(column(d, c));
            Map<?, ?> co = options(c, "TableColumn");
            if (Boolean.TRUE.equals(co.get("isPrimary"))) {
                pk.add(String.valueOf(co.get("name")));
            }
            if (Boolean.TRUE.equals(co.get("isUnique"))) {
                defs.add("CONSTRAINT " + quote(d, "UQ_" + name + "_" + co.get("name")) + " UNIQUE (" + quote(d, String.valueOf(co.get("name"))) + ")");
            }
        }
        if (o.get("uniques") instanceof List) {
            for (Object u : (List<?>) o.get("uniques")) {
                Map<?, ?> uo = options(u, "TableUnique");
                List<String> cs = strings(uo, "columnNames", "TableUnique");
                Object un = uo.get("name");
                defs.add("CONSTRAINT " + quote(d, un instanceof String ? (String) un : "UQ_" + name + "_" + String.join("_", cs))
                        + " UNIQUE (" + cols(d, cs) + ")");
            }
        }
        if (o.get("checks") instanceof List) {
            for (Object u : (List<?>) o.get("checks")) {
                Map<?, ?> co = options(u, "TableCheck");
                Object cn = co.get("name");
                defs.add("CONSTRAINT " + quote(d, cn instanceof String ? (String) cn : "CHK_" + name) + " CHECK ("
                        + string(co, "expression", "TableCheck") + ")");
            }
        }
        if (!pk.isEmpty()) {
            defs.add("CONSTRAINT " + quote(d, "PK_" + name) + " PRIMARY KEY (" + cols(d, pk) + ")");
        }
        if (o.get("foreignKeys") instanceof List) {
            for (Object f : (List<?>) o.get("foreignKeys")) {
                defs.add(foreignKeyBody(d, name, f));
            }
        }
        if (o.get("indices") instanceof List) {
            for (Object i : (List<?>) o.get("indices")) {
                after.add(createIndex(d, name, i));
            }
        }
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(ifNotExists ? "IF NOT EXISTS " : "").append(t)
                .append(" (").append(String.join(", ", defs)).append(')');
        for (String a : after) {
            sb.append(";\n").append(a);
        }
        return sb.toString();
    }

    static String createIndex(Dialect d, String table, Object v) throws Unknown {
        Map<?, ?> o = options(v, "TableIndex");
        List<String> cs = strings(o, "columnNames", "TableIndex");
        Object n = o.get("name");
        String name = n instanceof String ? (String) n : "IDX_" + table + "_" + String.join("_", cs);
        boolean unique = Boolean.TRUE.equals(o.get("isUnique"));
        boolean concurrent = Boolean.TRUE.equals(o.get("isConcurrent")) && d == Dialect.POSTGRES;
        Object where = o.get("where");
        if (where != null && !(where instanceof String)) {
            throw new Unknown("the where of index " + name + " is built at run time");
        }
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (concurrent ? "CONCURRENTLY " : "") + quote(d, name)
                + " ON " + JsMigrationSupport.table(d, table) + " (" + cols(d, cs) + ")"
                + (where != null && !((String) where).isEmpty() && !d.isMysqlFamily() ? " WHERE " + where : "");
    }

    static String foreignKeyBody(Dialect d, String table, Object v) throws Unknown {
        Map<?, ?> o = options(v, "TableForeignKey");
        List<String> cs = strings(o, "columnNames", "TableForeignKey");
        List<String> rs = strings(o, "referencedColumnNames", "TableForeignKey");
        String rt = string(o, "referencedTableName", "TableForeignKey");
        Object n = o.get("name");
        String name = n instanceof String ? (String) n : "FK_" + table + "_" + String.join("_", cs);
        StringBuilder sb = new StringBuilder("CONSTRAINT ").append(quote(d, name)).append(" FOREIGN KEY (").append(cols(d, cs))
                .append(") REFERENCES ").append(JsMigrationSupport.table(d, rt)).append(" (").append(cols(d, rs)).append(')');
        if (o.get("onDelete") instanceof String) {
            sb.append(" ON DELETE ").append(o.get("onDelete"));
        }
        if (o.get("onUpdate") instanceof String) {
            sb.append(" ON UPDATE ").append(o.get("onUpdate"));
        }
        return sb.toString();
    }
}
