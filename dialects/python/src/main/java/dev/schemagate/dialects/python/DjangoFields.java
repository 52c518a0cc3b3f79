package dev.schemagate.dialects.python;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Django model fields ({@code models.CharField(max_length=80)}) as columns of one dialect, as Django's schema editor writes them. */
final class DjangoFields {
    /** A field as a column, plus what Django adds beside it. */
    static final class Field {
        SqlGen.Col col;
        /** The referenced model ({@code app.Model}) of a ForeignKey/OneToOneField, else null. */
        String target;
        boolean oneToOne;
        boolean manyToMany;
        /** The Python default, when {@code default=} is given (Django sets it once, then drops it). */
        String oneTimeDefault;
        /** Why the column cannot be written, or null. */
        String unknown;
    }

    private DjangoFields() {
    }

    static Field of(String name, PyNode call, SqlGen g, Map<String, PyExpr.Str> consts, DjangoTables tables) {
        Field f = new Field();
        SqlGen.Col c = new SqlGen.Col();
        f.col = c;
        String cls = call != null && call.is("call") ? PyExpr.lastName(call.get("function")) : null;
        if (cls == null) {
            f.unknown = "a field SchemaGate cannot read";
            return f;
        }
        PyExpr.Args a = PyExpr.args(call);
        PyExpr.Str dbColumn = PyExpr.str(a.keywords.get("db_column"), consts);
        c.name = dbColumn != null ? dbColumn.value() : name;
        c.nullable = PyExpr.isTrue(a.keywords.get("null"));
        c.primaryKey = PyExpr.isTrue(a.keywords.get("primary_key"));
        c.unique = PyExpr.isTrue(a.keywords.get("unique"));
        c.index = PyExpr.isTrue(a.keywords.get("db_index"));
        Object maxLen = PyExpr.literal(a.keywords.get("max_length"), consts);
        switch (cls) {
            case "AutoField":
            case "BigAutoField":
            case "SmallAutoField":
                c.type = cls.equals("AutoField") ? "integer" : cls.equals("BigAutoField") ? "bigint" : "smallint";
                c.identity = true;
                c.primaryKey = true;
                break;
            case "CharField":
                c.type = "varchar(" + (maxLen instanceof Long n ? n : 255) + ")";
                if (!(maxLen instanceof Long)) {
                    f.unknown = "CharField without a literal max_length";
                }
                break;
            case "SlugField":
                c.type = "varchar(" + (maxLen instanceof Long n ? n : 50) + ")";
                c.index = !Boolean.FALSE.equals(PyExpr.literal(a.keywords.get("db_index"), consts));
                break;
            case "EmailField":
                c.type = "varchar(" + (maxLen instanceof Long n ? n : 254) + ")";
                break;
            case "URLField":
                c.type = "varchar(" + (maxLen instanceof Long n ? n : 200) + ")";
                break;
            case "TextField":
                c.type = g.mysql() ? "longtext" : "text";
                break;
            case "BooleanField":
            case "NullBooleanField":
                c.type = g.mysql() ? "bool" : "boolean";
                break;
            case "IntegerField":
            case "PositiveIntegerField":
                c.type = "integer";
                break;
            case "BigIntegerField":
            case "PositiveBigIntegerField":
                c.type = "bigint";
                break;
            case "SmallIntegerField":
            case "PositiveSmallIntegerField":
                c.type = "smallint";
                break;
            case "FloatField":
                c.type = g.pg() ? "double precision" : g.mysql() ? "double precision" : "real";
                break;
            case "DecimalField": {
                Object p = PyExpr.literal(a.keywords.get("max_digits"), consts);
                Object s = PyExpr.literal(a.keywords.get("decimal_places"), consts);
                c.type = "numeric(" + (p instanceof Long ? p : 10) + ", " + (s instanceof Long ? s : 2) + ")";
                break;
            }
            case "DateTimeField":
                c.type = g.pg() ? "timestamptz" : g.mysql() ? "datetime(6)" : "datetime";
                break;
            case "DateField":
                c.type = "date";
                break;
            case "TimeField":
                c.type = g.mysql() ? "time(6)" : "time";
                break;
            case "DurationField":
                c.type = g.pg() ? "interval" : "bigint";
                break;
            case "UUIDField":
                c.type = g.pg() ? "uuid" : "char(32)";
                break;
            case "JSONField":
                c.type = g.pg() ? "jsonb" : g.mysql() ? "json" : "text";
                break;
            case "BinaryField":
                c.type = g.pg() ? "bytea" : g.mysql() ? "longblob" : "blob";
                break;
            case "SearchVectorField":
                if (!g.pg()) {
                    f.unknown = "SearchVectorField exists only on PostgreSQL";
                    return f;
                }
                c.type = "tsvector";
                break;
            case "GenericIPAddressField":
                c.type = g.pg() ? "inet" : "char(39)";
                break;
            case "FileField":
            case "ImageField":
            case "FilePathField":
                c.type = "varchar(" + (maxLen instanceof Long n ? n : cls.equals("FilePathField") ? 100 : 100) + ")";
                break;
            case "ArrayField": {
                Field base = of(name, a.arg("base_field", 0), g, consts, tables);
                if (base.unknown != null || !g.pg()) {
                    f.unknown = g.pg() ? base.unknown : "ArrayField exists only on PostgreSQL";
                    return f;
                }
                c.type = base.col.type + "[]";
                break;
            }
            case "ForeignKey":
            case "OneToOneField": {
                String to = target(a.arg("to", 0), consts, tables);
                if (to == null) {
                    f.unknown = cls + " to a model named at run time";
                    return f;
                }
                f.target = to;
                f.oneToOne = cls.equals("OneToOneField");
                c.name = (dbColumn != null ? dbColumn.value() : name + "_id");
                c.type = "bigint";
                c.refTable = g.id(tables.table(to));
                c.refColumn = "id";
                c.deferrable = true;
                c.unique = c.unique || f.oneToOne;
                c.index = !c.unique && !Boolean.FALSE.equals(PyExpr.literal(a.keywords.get("db_index"), consts));
                Object constraint = PyExpr.literal(a.keywords.get("db_constraint"), consts);
                if (Boolean.FALSE.equals(constraint)) {
                    c.refTable = null;
                }
                break;
            }
            case "ManyToManyField": {
                String to = target(a.arg("to", 0), consts, tables);
                f.manyToMany = true;
                f.target = to;
                if (to == null) {
                    f.unknown = "ManyToManyField to a model named at run time";
                } else if (a.keywords.containsKey("through")) {
                    f.target = null; // the through model has its own CreateModel
                }
                return f;
            }
            default:
                f.unknown = "field class " + cls + " (defined in the project or a library SchemaGate does not know)";
                return f;
        }
        PyNode dbDefault = a.keywords.get("db_default");
        if (dbDefault != null) {
            Object v = PyExpr.literal(dbDefault, consts);
            c.dflt = v == null ? null : g.literal(v);
            if (v == null) {
                f.unknown = "db_default is an expression SchemaGate does not read";
            }
        }
        PyNode d = a.keywords.get("default");
        if (d != null && !d.is("none") && !c.primaryKey) {
            Object v = PyExpr.literal(d, consts);
            f.oneTimeDefault = v != null ? g.literal(v) : placeholder(c.type, g);
        }
        return f;
    }

    /**
     * The value a callable default ({@code timezone.now}, {@code uuid.uuid4}, {@code dict}) has when Django calls it
     * once for the existing rows: a constant of the column's type (what matters to locks and rewrites).
     */
    private static String placeholder(String type, SqlGen g) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.startsWith("timestamp") || t.startsWith("datetime")) {
            return "'2000-01-01 00:00:00'";
        }
        if (t.equals("date")) {
            return "'2000-01-01'";
        }
        if (t.startsWith("json")) {
            return "'{}'";
        }
        if (t.equals("uuid")) {
            return "'00000000-0000-0000-0000-000000000000'";
        }
        if (t.contains("int") || t.startsWith("numeric") || t.startsWith("double") || t.equals("real")) {
            return "0";
        }
        if (t.startsWith("bool")) {
            return g.literal(Boolean.FALSE);
        }
        if (t.endsWith("[]")) {
            return "'{}'";
        }
        return "''";
    }

    /** {@code "app.Model"} of a relation target, {@code settings.AUTH_USER_MODEL} as {@code auth.User}. */
    static String target(PyNode n, Map<String, PyExpr.Str> consts, DjangoTables tables) {
        if (n == null) {
            return null;
        }
        PyExpr.Str s = PyExpr.str(n, consts);
        if (s != null) {
            return s.value();
        }
        String d = PyExpr.dotted(n);
        if (d != null && d.endsWith("AUTH_USER_MODEL")) {
            return tables.userModel();
        }
        return null;
    }

}
