package dev.schemagate.dialects.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** SQLAlchemy column types ({@code sa.String(255)}, {@code postgresql.JSONB()}) as SQL types of one dialect. */
final class SaTypes {
    /** SQL type names of the dialect modules ({@code postgresql.INET}) and the upper-case SQL-standard ones. */
    private static final Set<String> SQL_NAMES = Set.of("VARCHAR", "CHAR", "NCHAR", "NVARCHAR", "TEXT", "INTEGER",
            "INT", "BIGINT", "SMALLINT", "NUMERIC", "DECIMAL", "REAL", "FLOAT", "DOUBLE", "DOUBLE_PRECISION", "BOOLEAN",
            "DATE", "TIME", "TIMESTAMP", "DATETIME", "BLOB", "CLOB", "BINARY", "VARBINARY", "JSON", "JSONB", "UUID",
            "INET", "CIDR", "MACADDR", "INTERVAL", "TSVECTOR", "BYTEA", "MONEY", "OID", "CITEXT", "HSTORE", "BIT",
            "TINYINT", "MEDIUMINT", "MEDIUMTEXT", "LONGTEXT", "TINYTEXT", "LONGBLOB", "MEDIUMBLOB", "YEAR", "SET", "INT4RANGE",
            "INT8RANGE", "NUMRANGE", "TSRANGE", "TSTZRANGE", "DATERANGE", "REGCLASS", "XML");

    private SaTypes() {
    }

    /** The SQL type, or null when the expression is not a type SchemaGate knows (a project's own type class). */
    static String of(PyNode t, SqlGen g, Map<String, PyExpr.Str> consts) {
        if (t == null) {
            return null;
        }
        PyNode callee = t.is("call") ? t.get("function") : t;
        String dotted = PyExpr.dotted(callee);
        if (dotted == null || !fromSqlAlchemy(dotted)) {
            return null; // a type class of the project (app.database.UUID()): its SQL is not known statically
        }
        String name = dotted.substring(dotted.lastIndexOf('.') + 1);
        PyExpr.Args a = t.is("call") ? PyExpr.args(t) : new PyExpr.Args();
        Object len = PyExpr.literal(a.arg("length", 0), consts);
        boolean tz = PyExpr.isTrue(a.keywords.get("timezone"));
        switch (name) {
            case "Integer":
                return g.mysql() ? "int" : "integer";
            case "BigInteger":
                return "bigint";
            case "SmallInteger":
                return "smallint";
            case "String":
            case "Unicode":
                return len instanceof Long n ? "varchar(" + n + ")" : g.mysql() ? "varchar(255)" : g.pg() ? "varchar" : "varchar";
            case "Text":
            case "UnicodeText":
                return "text";
            case "Boolean":
                return g.mysql() ? "bool" : "boolean";
            case "DateTime":
                return g.pg() ? (tz ? "timestamptz" : "timestamp") : "datetime";
            case "Date":
                return "date";
            case "Time":
                return "time";
            case "Interval":
                return g.pg() ? "interval" : "datetime";
            case "Numeric": {
                Object p = PyExpr.literal(a.arg("precision", 0), consts);
                Object s = PyExpr.literal(a.arg("scale", 1), consts);
                return "numeric" + (p instanceof Long ? "(" + p + (s instanceof Long ? ", " + s : "") + ")" : "");
            }
            case "Float":
                return g.pg() ? "double precision" : g.mysql() ? "float" : "float";
            case "LargeBinary":
                return g.pg() ? "bytea" : "blob";
            case "JSON":
                return g.sqlite() ? "json" : "json";
            case "Uuid":
                return g.pg() ? "uuid" : "char(32)";
            case "Enum":
                return g.mysql() ? enumMysql(a, consts) : g.pg() ? enumName(a, consts) : "varchar(" + enumLen(a, consts) + ")";
            case "ARRAY": {
                String inner = of(a.at(0), g, consts);
                return inner == null || !g.pg() ? null : inner + "[]";
            }
            default:
                break;
        }
        String up = name.toUpperCase(Locale.ROOT);
        if (SQL_NAMES.contains(name) || SQL_NAMES.contains(up) && name.equals(up)) {
            String base = name.equals("DOUBLE_PRECISION") ? "double precision" : name.toLowerCase(Locale.ROOT);
            if ((base.equals("timestamp") || base.equals("time")) && tz && g.pg()) {
                return base + "tz";
            }
            List<String> nums = new ArrayList<>();
            for (PyNode p : a.positional) {
                Object v = PyExpr.literal(p, consts);
                if (v instanceof Long) {
                    nums.add(v.toString());
                }
            }
            if (nums.isEmpty() && len instanceof Long n) {
                nums.add(n.toString());
            }
            return nums.isEmpty() ? base : base + "(" + String.join(", ", nums) + ")";
        }
        return null;
    }

    /** Whether a dotted type name comes from SQLAlchemy or one of its dialect modules, or is imported bare. */
    private static boolean fromSqlAlchemy(String dotted) {
        int dot = dotted.lastIndexOf('.');
        if (dot < 0) {
            return true;
        }
        String module = dotted.substring(0, dot);
        for (String part : module.split("\\.")) {
            switch (part) {
                case "sa", "sqlalchemy", "types", "postgresql", "mysql", "sqlite", "pg", "dialects", "sqltypes":
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    private static String enumName(PyExpr.Args a, Map<String, PyExpr.Str> consts) {
        Object n = PyExpr.literal(a.keywords.get("name"), consts);
        return n instanceof String s ? s : "text";
    }

    private static String enumMysql(PyExpr.Args a, Map<String, PyExpr.Str> consts) {
        List<String> vals = new ArrayList<>();
        for (PyNode p : a.positional) {
            Object v = PyExpr.literal(p, consts);
            if (v instanceof String s) {
                vals.add("'" + s.replace("'", "''") + "'");
            }
        }
        return vals.isEmpty() ? "varchar(255)" : "enum(" + String.join(", ", vals) + ")";
    }

    private static int enumLen(PyExpr.Args a, Map<String, PyExpr.Str> consts) {
        int max = 1;
        for (PyNode p : a.positional) {
            Object v = PyExpr.literal(p, consts);
            if (v instanceof String s) {
                max = Math.max(max, s.length());
            }
        }
        return max;
    }

    /** The labels and name of an {@code sa.Enum("a", "b", name="x")} for PostgreSQL's CREATE TYPE, or null. */
    static String createEnumType(PyNode t, SqlGen g, Map<String, PyExpr.Str> consts) {
        if (t == null || !t.is("call") || !"Enum".equals(PyExpr.lastName(t.get("function"))) || !g.pg()) {
            return null;
        }
        PyExpr.Args a = PyExpr.args(t);
        Object n = PyExpr.literal(a.keywords.get("name"), consts);
        if (!(n instanceof String name) || Boolean.FALSE.equals(PyExpr.literal(a.keywords.get("create_type"), consts))) {
            return null;
        }
        List<String> vals = new ArrayList<>();
        for (PyNode p : a.positional) {
            Object v = PyExpr.literal(p, consts);
            if (v instanceof String s) {
                vals.add("'" + s.replace("'", "''") + "'");
            }
        }
        return "CREATE TYPE " + g.id(name) + " AS ENUM (" + String.join(", ", vals) + ")";
    }
}
