package dev.schemagate.dialects.python;

import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.code.DialectBranch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operations of a Django migration's {@code operations = [...]} as SQL the schema editor writes for the
 * dialect (forward), and their reverse in reverse order (what {@code migrate app previous} runs).
 */
final class DjangoOps {
    private final SqlGen g;
    private final Map<String, PyExpr.Str> consts;
    private final String app;
    private final DjangoTables tables;
    final Ops up = new Ops();
    /** Reverse operations, each list in forward order of the operations (reversed at the end). */
    private final List<List<CodeOp>> downParts = new ArrayList<>();
    /** Why the migration cannot be reversed (RunSQL without reverse_sql, RunPython without reverse_code), or null. */
    String irreversible;

    DjangoOps(SqlGen g, Map<String, PyExpr.Str> consts, String app, DjangoTables tables) {
        this.g = g;
        this.consts = consts;
        this.app = app;
        this.tables = tables;
    }

    List<CodeOp> down() {
        List<CodeOp> out = new ArrayList<>();
        List<List<CodeOp>> parts = new ArrayList<>(downParts);
        Collections.reverse(parts);
        for (List<CodeOp> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    /** Conditions on the database; null outside {@link #classBody}. */
    private DialectTests tests;
    /** Functions written at module level, by name (the code of RunPython). */
    private Map<String, PyNode> functions = Map.of();

    /**
     * The operations a {@code Migration} class body builds: {@code operations = [...]}, {@code operations += [...]},
     * {@code operations.append(...)} / {@code .extend(...)}, also under {@code if} statements and conditional
     * expressions on the database ({@code connection.vendor == "postgresql"}), of which only the branch that runs on
     * the project's dialect is read. False when the body assigns no operations.
     */
    boolean classBody(PyNode body, DialectTests t, Map<String, PyNode> fns) {
        this.tests = t;
        this.functions = fns;
        List<PyNode> items = new ArrayList<>();
        boolean found = collect(body, items);
        for (PyNode op : items) {
            if (!op.is("comment")) {
                operation(op);
            }
        }
        return found;
    }

    private boolean collect(PyNode block, List<PyNode> items) {
        boolean found = false;
        if (block == null) {
            return false;
        }
        for (PyNode s : block.children()) {
            PyNode e = s.is("expression_statement") && !s.children().isEmpty() ? s.children().get(0) : null;
            if (e != null && (e.is("assignment") || e.is("augmented_assignment")) && e.get("left") != null
                    && e.get("left").text().equals("operations") && e.get("right") != null) {
                if (e.is("assignment")) {
                    items.clear();
                }
                add(e.get("right"), items);
                found = true;
            } else if (e != null && e.is("call") && ("operations.append".equals(PyExpr.dotted(e.get("function")))
                    || "operations.extend".equals(PyExpr.dotted(e.get("function"))))) {
                PyExpr.Args a = PyExpr.args(e);
                if (a.positional.size() != 1 || a.splat) {
                    up.uncertain(e, null, "operations built at run time");
                } else if (PyExpr.lastName(e.get("function")).equals("append")) {
                    items.add(a.at(0));
                } else {
                    add(a.at(0), items);
                }
            } else if (s.is("if_statement") && s.text().contains("operations")) {
                try {
                    found |= collect(tests.branch(s), items);
                } catch (DialectTests.Undecided u) {
                    up.uncertain(s, null, u.message() + "; the operations it sets are not read");
                    found = true;
                }
            }
        }
        return found;
    }

    /** The operations of a value assigned to or added to {@code operations}. */
    private void add(PyNode v, List<PyNode> items) {
        if (v.is("list") || v.is("tuple")) {
            items.addAll(v.children());
        } else if (v.is("parenthesized_expression") && v.children().size() == 1) {
            add(v.children().get(0), items);
        } else if (v.is("conditional_expression") && v.children().size() == 3) {
            // [a] if connection.vendor == "postgresql" else [b]
            DialectBranch.Value b = tests.value(v.children().get(1));
            if (b == DialectBranch.Value.TRUE) {
                add(v.children().get(0), items);
            } else if (b == DialectBranch.Value.FALSE) {
                add(v.children().get(2), items);
            } else {
                up.uncertain(v, null, new DialectTests.Undecided(b == DialectBranch.Value.UNDECIDED ? v.children().get(1)
                        : null, tests.why).message() + "; the operations it chooses are not read");
            }
        } else if (v.is("binary_operator") && v.get("left") != null && v.get("right") != null
                && v.text().substring(v.get("left").text().length()).strip().startsWith("+")) {
            add(v.get("left"), items);
            add(v.get("right"), items);
        } else {
            up.uncertain(v, null, "operations built at run time");
        }
    }

    /**
     * True when a RunPython function does nothing on the project's database: its first statement is
     * {@code if <condition on the database>: return} and the condition holds, or its only statement is an
     * {@code if} on the database that does not hold.
     */
    private boolean idleOnThisDatabase(PyNode code) {
        PyNode fn = code == null || tests == null ? null : functions.get(code.text());
        PyNode body = fn == null ? null : fn.get("body");
        if (body == null) {
            return false;
        }
        List<PyNode> stmts = new ArrayList<>();
        for (PyNode s : body.children()) {
            boolean doc = s.is("expression_statement") && s.children().size() == 1
                    && (s.children().get(0).is("string") || s.children().get(0).is("concatenated_string"));
            if (!s.is("comment") && !doc) {
                stmts.add(s);
            }
        }
        if (stmts.isEmpty() || !stmts.get(0).is("if_statement") || stmts.get(0).get("alternative") != null) {
            return false;
        }
        PyNode first = stmts.get(0);
        DialectBranch.Value v = tests.value(first.get("condition"));
        PyNode then = first.get("consequence");
        boolean returns = then != null && then.children().size() == 1 && then.children().get(0).is("return_statement")
                && then.children().get(0).children().isEmpty();
        return returns && v == DialectBranch.Value.TRUE || stmts.size() == 1 && v == DialectBranch.Value.FALSE;
    }

    void operations(PyNode list) {
        if (list == null) {
            return;
        }
        if (!list.is("list") && !list.is("tuple")) {
            up.uncertain(list, null, "operations built at run time");
            return;
        }
        for (PyNode op : list.children()) {
            if (op.is("comment")) {
                continue;
            }
            operation(op);
        }
    }

    private String table(String model) {
        return tables.table(model.contains(".") ? model : app + "." + model);
    }

    private void operation(PyNode op) {
        if (!op.is("call")) {
            up.uncertain(op, null, "an operation built at run time (" + op.type().replace('_', ' ') + ")");
            return;
        }
        String kind = PyExpr.lastName(op.get("function"));
        PyExpr.Args a = PyExpr.args(op);
        Ops down = new Ops();
        downParts.add(down.list);
        if (a.splat) {
            up.uncertain(op, null, kind + " with *args or **kwargs built at run time");
            return;
        }
        switch (kind == null ? "" : kind) {
            case "CreateModel":
                createModel(op, a, down);
                return;
            case "DeleteModel": {
                String m = str(a.arg("name", 0));
                if (m != null) {
                    up.generated(op, "DROP TABLE " + g.id(table(m)));
                    down.uncertain(op, table(m), "the reverse of DeleteModel re-creates the model from the project "
                            + "state of earlier migrations, which SchemaGate does not rebuild");
                }
                return;
            }
            case "RenameModel": {
                String from = str(a.arg("old_name", 0));
                String to = str(a.arg("new_name", 1));
                if (from != null && to != null) {
                    up.generated(op, g.renameTable(g.id(table(from)), g.id(table(to))));
                    down.generated(op, g.renameTable(g.id(table(to)), g.id(table(from))));
                }
                return;
            }
            case "AlterModelTable": {
                String m = str(a.arg("name", 0));
                String t = str(a.arg("table", 1));
                if (m != null && t != null) {
                    up.generated(op, g.renameTable(g.id(table(m)), g.id(t)));
                    down.generated(op, g.renameTable(g.id(t), g.id(table(m))));
                }
                return;
            }
            case "AddField":
                addField(op, a, down);
                return;
            case "RemoveField": {
                String m = str(a.arg("model_name", 0));
                String f = str(a.arg("name", 1));
                if (m != null && f != null) {
                    up.generated(op, "ALTER TABLE " + g.id(table(m)) + " DROP COLUMN " + g.id(column(m, f)));
                    down.uncertain(op, table(m), "the reverse of RemoveField adds the field back from the project "
                            + "state of earlier migrations, which SchemaGate does not rebuild");
                }
                return;
            }
            case "AlterField":
                alterField(op, a, down);
                return;
            case "RenameField": {
                String m = str(a.arg("model_name", 0));
                String from = str(a.arg("old_name", 1));
                String to = str(a.arg("new_name", 2));
                if (m != null && from != null && to != null) {
                    String t = g.id(table(m));
                    up.generated(op, g.renameColumn(t, column(m, from), column(m, to)));
                    down.generated(op, g.renameColumn(t, column(m, to), column(m, from)));
                }
                return;
            }
            case "AddIndex":
            case "AddIndexConcurrently":
                addIndex(op, a, down, kind.equals("AddIndexConcurrently"));
                return;
            case "RemoveIndex":
            case "RemoveIndexConcurrently": {
                String m = str(a.arg("model_name", 0));
                String n = str(a.arg("name", 1));
                if (m != null && n != null) {
                    up.generated(op, g.dropIndex(n, g.id(table(m)), kind.endsWith("Concurrently"), false));
                    down.uncertain(op, table(m), "the reverse of RemoveIndex re-creates the index from the project "
                            + "state, which SchemaGate does not rebuild");
                }
                return;
            }
            case "AddConstraint":
            case "AddConstraintNotValid":
                addConstraint(op, a, down, kind.equals("AddConstraintNotValid"));
                return;
            case "RemoveConstraint": {
                String m = str(a.arg("model_name", 0));
                String n = str(a.arg("name", 1));
                if (m != null && n != null) {
                    up.generated(op, g.dropConstraint(g.id(table(m)), n, null));
                    down.uncertain(op, table(m), "the reverse of RemoveConstraint re-creates the constraint from the "
                            + "project state, which SchemaGate does not rebuild");
                }
                return;
            }
            case "ValidateConstraint": {
                String m = str(a.arg("model_name", 0));
                String n = str(a.arg("name", 1));
                if (m != null && n != null) {
                    up.generated(op, "ALTER TABLE " + g.id(table(m)) + " VALIDATE CONSTRAINT " + g.id(n));
                }
                return;
            }
            case "RunSQL":
                runSql(op, a, down);
                return;
            case "RunPython": {
                if (!idleOnThisDatabase(a.arg("code", 0))) {
                    up.uncertain(op, null, "RunPython runs Python code (" + callableName(a.arg("code", 0))
                            + "): what it does to the data is not known statically");
                }
                PyNode rev = a.arg("reverse_code", 1);
                if (rev == null || rev.is("none")) {
                    irreversible = irreversible != null ? irreversible
                            : "RunPython at line " + op.line() + " has no reverse_code: Django cannot unapply this migration";
                } else if (!"noop".equals(PyExpr.lastName(rev))) {
                    down.uncertain(rev, null, "RunPython reverse_code runs Python code (" + callableName(rev) + ")");
                }
                return;
            }
            case "SeparateDatabaseAndState": {
                PyNode db = a.arg("database_operations", 0);
                if (db != null) {
                    downParts.remove(downParts.size() - 1);
                    operations(db);
                }
                return;
            }
            case "AlterModelOptions":
            case "AlterModelManagers":
            case "AlterOrderWithRespectToNone":
                return; // state only: Django writes no SQL
            case "CreateExtension":
            case "HStoreExtension":
            case "TrigramExtension":
            case "UnaccentExtension":
            case "BtreeGinExtension":
            case "BtreeGistExtension":
            case "CITextExtension":
            case "CryptoExtension": {
                String ext = kind.equals("CreateExtension") ? str(a.arg("name", 0))
                        : kind.replace("Extension", "").toLowerCase(Locale.ROOT)
                        .replace("trigram", "pg_trgm").replace("btreegin", "btree_gin")
                        .replace("btreegist", "btree_gist").replace("crypto", "pgcrypto");
                if (ext != null) {
                    up.generated(op, "CREATE EXTENSION IF NOT EXISTS " + g.id(ext));
                }
                return;
            }
            default:
                up.uncertain(op, null, "migrations." + kind + " is not modelled by SchemaGate yet (for unique_together "
                        + "and index_together Django compares with the earlier project state)");
        }
    }

    private String str(PyNode n) {
        PyExpr.Str s = PyExpr.str(n, consts);
        return s == null ? null : s.value();
    }

    private static String callableName(PyNode n) {
        String d = n == null ? null : PyExpr.dotted(n);
        return d == null ? "a function" : d;
    }

    /** The column of a field on a model: the field name (a ForeignKey's is resolved at AddField/CreateModel time). */
    private String column(String model, String field) {
        return tables.column(model.contains(".") ? model : app + "." + model, field);
    }

    private void createModel(PyNode op, PyExpr.Args a, Ops down) {
        String m = str(a.arg("name", 0));
        PyNode fields = a.arg("fields", 1);
        if (m == null || fields == null || !fields.is("list") && !fields.is("tuple")) {
            up.uncertain(op, null, "CreateModel with a name or fields built at run time");
            return;
        }
        PyNode opts = a.keywords.get("options");
        if (opts != null && opts.is("dictionary")) {
            for (PyNode pair : opts.all("pair")) {
                if ("db_table".equals(str(pair.get("key"))) && str(pair.get("value")) != null) {
                    tables.noteTable(app + "." + m, str(pair.get("value")));
                }
            }
        }
        String t = table(m);
        String tn = g.id(t);
        List<String> defs = new ArrayList<>();
        List<String> post = new ArrayList<>();
        for (PyNode pair : fields.children()) {
            if (pair.is("comment")) {
                continue;
            }
            List<PyNode> parts = pair.children().stream().filter(x -> !x.is("comment")).toList();
            String fname = parts.size() == 2 ? str(parts.get(0)) : null;
            if (fname == null) {
                up.uncertain(op, t, "CreateModel field at line " + pair.line() + " is built at run time");
                return;
            }
            DjangoFields.Field f = DjangoFields.of(fname, parts.get(1), g, consts, tables);
            if (f.unknown != null) {
                up.uncertain(op, t, "CreateModel " + m + "." + fname + ": " + f.unknown);
                return;
            }
            if (f.manyToMany) {
                if (f.target != null) {
                    post.add(throughTable(t, m, fname, f.target));
                }
                continue;
            }
            tables.noteColumn(app + "." + m, fname, f.col.name);
            defs.add(g.column(f.col));
            if (f.col.index && !f.col.unique && !f.col.primaryKey) {
                post.add(g.createIndex(t + "_" + f.col.name + "_idx", tn, List.of(g.id(f.col.name)), false, false, null,
                        null, false));
            }
        }
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE " + tn + " (\n    " + String.join(",\n    ", defs) + "\n)");
        sql.addAll(post);
        up.generated(op, String.join(";\n", sql));
        down.generated(op, "DROP TABLE " + tn);
    }

    private String throughTable(String table, String model, String field, String target) {
        String tt = table + "_" + field;
        String other = target.substring(target.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String self = model.toLowerCase(Locale.ROOT);
        if (other.equals(self)) {
            other = "to_" + other;
            self = "from_" + self;
        }
        SqlGen.Col id = new SqlGen.Col();
        id.name = "id";
        id.type = "bigint";
        id.identity = true;
        id.primaryKey = true;
        return "CREATE TABLE " + g.id(tt) + " (\n    " + g.column(id) + ",\n    "
                + g.id(self + "_id") + " bigint NOT NULL REFERENCES " + g.id(table) + " (id)"
                + (g.mysql() ? "" : " DEFERRABLE INITIALLY DEFERRED") + ",\n    "
                + g.id(other + "_id") + " bigint NOT NULL REFERENCES " + g.id(tables.table(target)) + " (id)"
                + (g.mysql() ? "" : " DEFERRABLE INITIALLY DEFERRED") + ",\n    UNIQUE (" + g.id(self + "_id")
                + ", " + g.id(other + "_id") + ")\n)";
    }

    private void addField(PyNode op, PyExpr.Args a, Ops down) {
        String m = str(a.arg("model_name", 0));
        String fname = str(a.arg("name", 1));
        PyNode field = a.arg("field", 2);
        if (m == null || fname == null) {
            up.uncertain(op, null, "AddField with a model or field name built at run time");
            return;
        }
        String t = table(m);
        String tn = g.id(t);
        DjangoFields.Field f = DjangoFields.of(fname, field, g, consts, tables);
        if (f.unknown != null) {
            up.uncertain(op, t, "AddField " + m + "." + fname + ": " + f.unknown);
            return;
        }
        if (f.manyToMany) {
            if (f.target != null) {
                up.generated(op, throughTable(t, m, fname, f.target));
                down.generated(op, "DROP TABLE " + g.id(t + "_" + fname));
            }
            return;
        }
        tables.noteColumn(app + "." + m, fname, f.col.name);
        SqlGen.Col c = f.col;
        List<String> sql = new ArrayList<>();
        // Django adds the column with the default in one statement, then drops the default again
        boolean oneTime = f.oneTimeDefault != null && c.dflt == null;
        if (oneTime) {
            c.dflt = f.oneTimeDefault;
        }
        String ref = c.refTable;
        String refCol = c.refColumn;
        c.refTable = null;
        sql.add("ALTER TABLE " + tn + " ADD COLUMN " + g.column(c));
        if (oneTime) {
            sql.add("ALTER TABLE " + tn + " ALTER COLUMN " + g.id(c.name) + " DROP DEFAULT");
        }
        if (ref != null) {
            sql.add("ALTER TABLE " + tn + " ADD CONSTRAINT " + g.id(t + "_" + c.name + "_fk") + " FOREIGN KEY ("
                    + g.id(c.name) + ") REFERENCES " + ref + " (" + g.id(refCol) + ")"
                    + (g.mysql() ? "" : " DEFERRABLE INITIALLY DEFERRED"));
        }
        if (c.index && !c.unique) {
            sql.add(g.createIndex(t + "_" + c.name + "_idx", tn, List.of(g.id(c.name)), false, false, null, null, false));
        }
        up.generated(op, String.join(";\n", sql));
        down.generated(op, "ALTER TABLE " + tn + " DROP COLUMN " + g.id(c.name));
    }

    private void alterField(PyNode op, PyExpr.Args a, Ops down) {
        String m = str(a.arg("model_name", 0));
        String fname = str(a.arg("name", 1));
        PyNode field = a.arg("field", 2);
        if (m == null || fname == null) {
            up.uncertain(op, null, "AlterField with a model or field name built at run time");
            return;
        }
        String t = table(m);
        String tn = g.id(t);
        DjangoFields.Field f = DjangoFields.of(fname, field, g, consts, tables);
        if (f.unknown != null || f.manyToMany) {
            up.uncertain(op, t, "AlterField " + m + "." + fname + ": " + (f.unknown != null ? f.unknown
                    : "a ManyToManyField change"));
            return;
        }
        SqlGen.Col c = f.col;
        String cn = g.id(c.name);
        List<String> sql = new ArrayList<>();
        if (g.sqlite()) {
            up.uncertain(op, t, "AlterField on SQLite: Django rebuilds " + t + " (new table, copy, drop, rename) from "
                    + "the project state, which SchemaGate does not rebuild");
            return;
        }
        if (g.mysql()) {
            sql.add("ALTER TABLE " + tn + " MODIFY " + cn + " " + c.type + (c.nullable ? " NULL" : " NOT NULL"));
        } else {
            sql.add("ALTER TABLE " + tn + " ALTER COLUMN " + cn + " TYPE " + c.type);
            sql.add("ALTER TABLE " + tn + " ALTER COLUMN " + cn + (c.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (c.unique && !c.primaryKey) {
            sql.add("ALTER TABLE " + tn + " ADD CONSTRAINT " + g.id(t + "_" + c.name + "_uniq") + " UNIQUE (" + cn + ")");
        }
        if (c.index && !c.unique && !c.primaryKey) {
            sql.add(g.createIndex(t + "_" + c.name + "_idx", tn, List.of(cn), false, false, null, null, true));
        }
        up.generated(op, String.join(";\n", sql));
        down.uncertain(op, t, "the reverse of AlterField restores the earlier field from the project state, which "
                + "SchemaGate does not rebuild");
    }

    private void addIndex(PyNode op, PyExpr.Args a, Ops down, boolean concurrently) {
        String m = str(a.arg("model_name", 0));
        PyNode idx = a.arg("index", 1);
        if (m == null || idx == null || !idx.is("call")) {
            up.uncertain(op, null, "AddIndex with a model or index built at run time");
            return;
        }
        String t = table(m);
        PyExpr.Args ia = PyExpr.args(idx);
        String name = str(ia.keywords.get("name"));
        List<String> fields = PyExpr.strings(ia.keywords.get("fields"), consts);
        if (name == null || fields == null || fields.isEmpty()) {
            up.uncertain(op, t, "AddIndex on expressions or with a name built at run time");
            return;
        }
        List<String> cols = new ArrayList<>();
        for (String f : fields) {
            boolean desc = f.startsWith("-");
            String fn = desc ? f.substring(1) : f;
            cols.add(g.id(column(m, fn)) + (desc ? " DESC" : ""));
        }
        String cls = PyExpr.lastName(idx.get("function"));
        String using = cls == null || cls.equals("Index") ? null : cls.replace("Index", "").toLowerCase(Locale.ROOT);
        boolean unique = false;
        up.generated(op, g.createIndex(name, g.id(t), cols, unique, concurrently, using, null, false));
        down.generated(op, g.dropIndex(name, g.id(t), concurrently, false));
    }

    private void addConstraint(PyNode op, PyExpr.Args a, Ops down, boolean notValid) {
        String m = str(a.arg("model_name", 0));
        PyNode con = a.arg("constraint", 1);
        if (m == null || con == null || !con.is("call")) {
            up.uncertain(op, null, "AddConstraint with a model or constraint built at run time");
            return;
        }
        String t = table(m);
        String tn = g.id(t);
        PyExpr.Args ca = PyExpr.args(con);
        String name = str(ca.keywords.get("name"));
        String cls = PyExpr.lastName(con.get("function"));
        if (name == null) {
            up.uncertain(op, t, "AddConstraint with a name built at run time");
            return;
        }
        if ("UniqueConstraint".equals(cls)) {
            List<String> fields = PyExpr.strings(ca.keywords.get("fields"), consts);
            if (fields == null) {
                up.uncertain(op, t, "UniqueConstraint on expressions SchemaGate does not read");
                return;
            }
            List<String> cols = new ArrayList<>();
            for (String f : fields) {
                cols.add(column(m, f));
            }
            if (ca.keywords.containsKey("condition")) {
                up.generated(op, g.createIndex(name, tn, List.of(g.ids(cols)), true, false, null,
                        q(ca.keywords.get("condition"), m), false));
            } else {
                up.generated(op, "ALTER TABLE " + tn + " ADD CONSTRAINT " + g.id(name) + " UNIQUE (" + g.ids(cols) + ")");
            }
            down.generated(op, g.dropConstraint(tn, name, "unique"));
            return;
        }
        if ("CheckConstraint".equals(cls)) {
            PyNode cond = ca.keywords.containsKey("condition") ? ca.keywords.get("condition") : ca.keywords.get("check");
            String sql = q(cond, m);
            if (sql == null) {
                up.uncertain(op, t, "CheckConstraint with a condition SchemaGate does not translate (only Q objects "
                        + "of field lookups are read)");
                return;
            }
            up.generated(op, "ALTER TABLE " + tn + " ADD CONSTRAINT " + g.id(name) + " CHECK (" + sql + ")"
                    + (notValid && g.pg() ? " NOT VALID" : ""));
            down.generated(op, g.dropConstraint(tn, name, "check"));
            return;
        }
        up.uncertain(op, t, "constraint class " + cls + " is not modelled by SchemaGate yet");
    }

    /** A {@code Q(age__gte=18)} (and {@code &}, {@code |}) as SQL, or null. */
    private String q(PyNode n, String model) {
        if (n == null) {
            return null;
        }
        if (n.is("parenthesized_expression") && n.children().size() == 1) {
            return q(n.children().get(0), model);
        }
        if (n.is("binary_operator")) {
            PyNode l = n.get("left");
            PyNode r = n.get("right");
            String op = l == null ? "" : n.text().substring(l.text().length()).strip();
            String ls = q(l, model);
            String rs = q(r, model);
            if (ls == null || rs == null) {
                return null;
            }
            return "(" + ls + (op.startsWith("&") ? " AND " : op.startsWith("|") ? " OR " : " ? ") + rs + ")";
        }
        if (!n.is("call") || !"Q".equals(PyExpr.lastName(n.get("function")))) {
            return null;
        }
        PyExpr.Args a = PyExpr.args(n);
        if (!a.positional.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (var e : a.keywords.entrySet()) {
            String key = e.getKey();
            String lookup = "exact";
            int i = key.indexOf("__");
            if (i > 0) {
                lookup = key.substring(i + 2);
                key = key.substring(0, i);
            }
            Object v = PyExpr.literal(e.getValue(), consts);
            if (v == null) {
                return null;
            }
            String col = g.id(column(model, key));
            switch (lookup) {
                case "exact": parts.add(v == PyExpr.NONE ? col + " IS NULL" : col + " = " + g.literal(v)); break;
                case "gt": parts.add(col + " > " + g.literal(v)); break;
                case "gte": parts.add(col + " >= " + g.literal(v)); break;
                case "lt": parts.add(col + " < " + g.literal(v)); break;
                case "lte": parts.add(col + " <= " + g.literal(v)); break;
                case "isnull": parts.add(col + (Boolean.TRUE.equals(v) ? " IS NULL" : " IS NOT NULL")); break;
                case "in": {
                    if (!(v instanceof List<?> l)) {
                        return null;
                    }
                    List<String> vals = new ArrayList<>();
                    for (Object o : l) {
                        vals.add(g.literal(o));
                    }
                    parts.add(col + " IN (" + String.join(", ", vals) + ")");
                    break;
                }
                default:
                    return null;
            }
        }
        return parts.isEmpty() ? null : String.join(" AND ", parts);
    }

    private void runSql(PyNode op, PyExpr.Args a, Ops down) {
        sqlArg(op, a.arg("sql", 0), up, "RunSQL");
        PyNode rev = a.arg("reverse_sql", 1);
        if (rev == null || rev.is("none")) {
            irreversible = irreversible != null ? irreversible
                    : "RunSQL at line " + op.line() + " has no reverse_sql: Django cannot unapply this migration";
            return;
        }
        if ("noop".equals(PyExpr.lastName(rev))) {
            return;
        }
        sqlArg(op, rev, down, "RunSQL reverse_sql");
    }

    /** RunSQL's sql: a string, or a list of strings and (sql, params) pairs. */
    private void sqlArg(PyNode op, PyNode sql, Ops into, String what) {
        if (sql == null) {
            into.uncertain(op, null, what + " without SQL");
            return;
        }
        if (sql.is("list") || sql.is("tuple")) {
            for (PyNode item : sql.children()) {
                if (item.is("comment")) {
                    continue;
                }
                PyNode s = item.is("tuple") && !item.children().isEmpty() ? item.children().get(0) : item;
                literal(op, s, into, what);
            }
            return;
        }
        literal(op, sql, into, what);
    }

    private void literal(PyNode op, PyNode s, Ops into, String what) {
        if ("noop".equals(PyExpr.lastName(s))) {
            return;
        }
        PyExpr.Str v = PyExpr.str(s, consts);
        if (v == null) {
            into.uncertain(s, null, what + " with SQL built at run time" + (s.is("string") ? " (an f-string)" : ""));
            return;
        }
        into.literal(s, v);
    }
}
