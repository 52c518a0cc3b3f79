package dev.schemagate.dialects.python;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the statements of an Alembic {@code upgrade()} or {@code downgrade()} body into operations: each
 * {@code op.*} call becomes the SQL Alembic emits for the dialect, {@code op.execute("...")} an SQL string at its
 * position, and code whose effect is not known statically (loops, branches, helpers, strings built at run time)
 * an uncertain operation at the statement.
 */
final class AlembicOps {
    private final SqlGen g;
    private final Map<String, PyExpr.Str> consts;
    private final Ops ops = new Ops();
    /** Names bound to {@code op.get_bind()} (their {@code execute} runs SQL). */
    private final Set<String> binds = new HashSet<>();
    /** Names bound to {@code op.get_context()}. */
    private final Set<String> contexts = new HashSet<>();
    private String batchTable;
    private String batchSchema;
    private String batchAlias;

    /** Conditions on the database ({@code op.get_bind().dialect.name == "postgresql"}). */
    private final DialectTests tests;

    AlembicOps(SqlGen g, Map<String, PyExpr.Str> consts, dev.schemagate.model.Dialect dialect, boolean dialectNamed) {
        this.g = g;
        this.consts = new java.util.HashMap<>(consts);
        this.tests = new DialectTests(dev.schemagate.model.code.DialectBranch.Tool.SQLALCHEMY, dialect, dialectNamed,
                this::isDialectName, this.consts);
    }

    /**
     * SQLAlchemy's name of the database: {@code dialect.name} (or {@code engine.name}) of {@code op.get_bind()},
     * {@code op.get_context()}, {@code context.get_context()}, their {@code .bind}, or a name bound to one of them.
     */
    private boolean isDialectName(PyNode n) {
        String d = PyExpr.dotted(n);
        if (d == null) {
            return false;
        }
        String base = d.endsWith(".dialect.name") ? d.substring(0, d.length() - ".dialect.name".length())
                : d.endsWith(".engine.name") ? d.substring(0, d.length() - ".engine.name".length()) : null;
        if (base == null) {
            return false;
        }
        for (String suffix : List.of(".engine", ".bind")) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
            }
        }
        return base.equals("op.get_bind()") || base.equals("op.get_context()") || base.equals("context.get_context()")
                || base.equals("context.get_bind()") || binds.contains(base) || contexts.contains(base);
    }

    List<dev.schemagate.model.code.CodeOp> walk(PyNode block) {
        block(block);
        return ops.list;
    }

    private void block(PyNode block) {
        if (block == null) {
            return;
        }
        for (PyNode s : block.children()) {
            statement(s);
        }
    }

    private void statement(PyNode s) {
        switch (s.type()) {
            case "comment":
            case "pass_statement":
            case "import_statement":
            case "import_from_statement":
            case "function_definition":
            case "decorated_definition":
            case "class_definition":
                return;
            case "return_statement":
                if (!s.children().isEmpty()) {
                    ops.uncertain(s, null, "returns a value from the migration function; what it computes is not read");
                }
                return;
            case "expression_statement":
                expression(s);
                return;
            case "with_statement":
                with(s);
                return;
            case "for_statement":
            case "while_statement":
                ops.uncertain(s, null, "a loop: which operations it runs, and how often, is known only at run time");
                return;
            case "if_statement":
                try {
                    // a branch on the database: only the branch that runs on the project's dialect is read
                    block(tests.branch(s));
                } catch (DialectTests.Undecided u) {
                    ops.uncertain(s, null, u.message());
                }
                return;
            case "try_statement":
                ops.uncertain(s, null, "a try block: which operations run depends on errors at run time");
                return;
            default:
                ops.uncertain(s, null, "Python code (" + s.type().replace('_', ' ') + ") whose effect is not read");
        }
    }

    private void expression(PyNode s) {
        if (s.children().isEmpty()) {
            return;
        }
        PyNode e = s.children().get(0);
        switch (e.type()) {
            case "string":
            case "concatenated_string":
                return; // a docstring
            case "call":
                call(e);
                return;
            case "assignment":
                assignment(e);
                return;
            default:
                ops.uncertain(e, null, "Python code (" + e.type().replace('_', ' ') + ") whose effect is not read");
        }
    }

    private void assignment(PyNode a) {
        PyNode left = a.get("left");
        PyNode right = a.get("right");
        if (right == null) {
            return;
        }
        String callee = right.is("call") ? PyExpr.dotted(right.get("function")) : null;
        if (left != null && left.is("identifier")) {
            PyExpr.Str s = PyExpr.str(right, consts);
            if (s != null) {
                consts.put(left.text(), s);
                return;
            }
            if ("op.get_bind".equals(callee) || "op.get_context().bind".equals(PyExpr.dotted(right))) {
                binds.add(left.text());
                return;
            }
            if ("op.get_context".equals(callee) || "context.get_context".equals(callee)) {
                contexts.add(left.text());
                return;
            }
            if (tests.bind(left.text(), right)) {
                return; // the database's name, or a condition on it, read where it is used
            }
        }
        if (!containsCall(right) || isTableDefinition(callee)) {
            return; // a value without side effects (a table() description for bulk_insert, a list of names)
        }
        ops.uncertain(a, null, "assigns the result of " + (callee == null ? "an expression" : callee + "()")
                + ", code whose effect is not read");
    }

    private static boolean isTableDefinition(String callee) {
        if (callee == null) {
            return false;
        }
        String last = callee.substring(callee.lastIndexOf('.') + 1);
        return last.equals("table") || last.equals("column") || last.equals("Table") || last.equals("Column")
                || last.equals("MetaData");
    }

    private static boolean containsCall(PyNode n) {
        if (n.is("call")) {
            return true;
        }
        for (PyNode c : n.children()) {
            if (containsCall(c)) {
                return true;
            }
        }
        return false;
    }

    private void with(PyNode w) {
        PyNode clause = w.first("with_clause");
        PyNode body = w.get("body");
        List<PyNode> items = clause == null ? List.of() : clause.all("with_item");
        if (items.size() != 1) {
            ops.uncertain(w, null, "a with statement SchemaGate does not read");
            return;
        }
        PyNode v = items.get(0).get("value");
        String alias = null;
        if (v != null && v.is("as_pattern")) {
            PyNode target = v.get("alias");
            alias = target == null ? null : target.text().strip();
            v = v.children().isEmpty() ? null : v.children().get(0);
        }
        String callee = v != null && v.is("call") ? PyExpr.dotted(v.get("function")) : null;
        if ("op.get_context().autocommit_block".equals(callee) || callee != null
                && callee.endsWith(".autocommit_block") && contexts.contains(callee.substring(0, callee.indexOf('.')))) {
            boolean was = ops.outside;
            ops.outside = true;
            block(body);
            ops.outside = was;
            return;
        }
        if ("op.batch_alter_table".equals(callee)) {
            PyExpr.Args a = PyExpr.args(v);
            PyExpr.Str t = PyExpr.str(a.arg("table_name", 0), consts);
            if (t == null) {
                ops.uncertain(v, null, "batch_alter_table on a table name built at run time");
                return;
            }
            if (g.sqlite()) {
                String rebuild = rebuildCalls(body, alias);
                if (rebuild != null) {
                    ops.uncertain(w, t.value(), "batch_alter_table on SQLite with " + rebuild + ": Alembic rebuilds "
                            + t.value() + " for the whole block (creates _alembic_tmp_" + t.value() + " from the "
                            + "reflected table, copies the rows, drops the old table and renames); the reflected "
                            + "definition is not known statically");
                    return;
                }
            }
            String oldT = batchTable;
            String oldS = batchSchema;
            String oldA = batchAlias;
            batchTable = t.value();
            batchSchema = schema(a);
            batchAlias = alias;
            block(body);
            batchTable = oldT;
            batchSchema = oldS;
            batchAlias = oldA;
            return;
        }
        ops.uncertain(w, null, "a with block around " + (callee == null ? "an expression" : callee + "()")
                + " that SchemaGate does not read");
    }

    private String schema(PyExpr.Args a) {
        PyExpr.Str s = PyExpr.str(a.keywords.get("schema"), consts);
        return s == null ? null : s.value();
    }

    private void call(PyNode c) {
        String name = PyExpr.dotted(c.get("function"));
        if (name == null) {
            ops.uncertain(c, null, "a call SchemaGate cannot name");
            return;
        }
        PyExpr.Args a = PyExpr.args(c);
        if (batchAlias != null && name.startsWith(batchAlias + ".")) {
            batch(c, name.substring(batchAlias.length() + 1), a);
            return;
        }
        int dot = name.lastIndexOf('.');
        String receiver = dot < 0 ? "" : name.substring(0, dot);
        String method = name.substring(dot + 1);
        if (method.equals("execute") && (binds.contains(receiver) || receiver.equals("op.get_bind()")
                || receiver.equals("op"))) {
            execute(c, a);
            return;
        }
        if (receiver.equals("op")) {
            if (a.splat) {
                ops.uncertain(c, null, "op." + method + " with *args or **kwargs built at run time");
                return;
            }
            op(c, method, a, null, null);
            return;
        }
        if (name.equals("print") || receiver.startsWith("log") || receiver.endsWith("logger")) {
            return;
        }
        ops.uncertain(c, null, "calls " + name + "(), code SchemaGate does not follow (a helper or another module)");
    }

    private void execute(PyNode c, PyExpr.Args a) {
        PyNode arg = a.at(0);
        PyExpr.Str s = PyExpr.str(arg, consts);
        if (s != null) {
            ops.literal(c, s);
            return;
        }
        String why = arg != null && arg.is("string") ? "an f-string: the SQL is built at run time"
                : "SQL built at run time (variables, formatting or a helper)";
        ops.uncertain(c, null, why);
    }

    private void batch(PyNode c, String method, PyExpr.Args a) {
        // on SQLite, blocks that need a rebuild were reported whole in with(); what is left runs as plain ALTERs
        if (method.equals("execute")) {
            execute(c, a);
            return;
        }
        op(c, method, a, batchTable, batchSchema);
    }

    /** The batch calls that make Alembic rebuild a SQLite table ("auto" mode), or null when none does. */
    private String rebuildCalls(PyNode body, String alias) {
        List<String> found = new ArrayList<>();
        if (body == null || alias == null) {
            return null;
        }
        for (PyNode s : body.children()) {
            PyNode c = s.is("expression_statement") && !s.children().isEmpty() ? s.children().get(0) : null;
            String name = c != null && c.is("call") ? PyExpr.dotted(c.get("function")) : null;
            if (name == null || !name.startsWith(alias + ".")) {
                continue;
            }
            String m = name.substring(alias.length() + 1);
            boolean direct = m.equals("add_column") || m.equals("create_index") || m.equals("drop_index")
                    || m.equals("execute") || m.equals("alter_column") && onlyRename(PyExpr.args(c));
            if (!direct && !found.contains(m)) {
                found.add(m);
            }
        }
        return found.isEmpty() ? null : String.join(", ", found);
    }

    private boolean onlyRename(PyExpr.Args a) {
        for (String k : a.keywords.keySet()) {
            if (!k.equals("new_column_name") && !k.startsWith("existing_")) {
                return false;
            }
        }
        return a.keywords.containsKey("new_column_name");
    }

    /** One op call; {@code batch} is the table of a batch_alter_table (its calls omit the table argument). */
    private void op(PyNode c, String method, PyExpr.Args a, String batch, String batchSch) {
        int shift = batch == null ? 0 : -1; // batch calls have no table argument
        String sch = batch != null ? batchSch : schema(a);
        switch (method) {
            case "execute":
                execute(c, a);
                return;
            case "create_table":
                createTable(c, a, sch);
                return;
            case "drop_table": {
                String t = name(a.arg("table_name", 0));
                if (need(c, t, "table")) {
                    ops.generated(c, "DROP TABLE " + g.table(sch, t));
                }
                return;
            }
            case "rename_table": {
                String from = name(a.arg("old_table_name", 0));
                String to = name(a.arg("new_table_name", 1));
                if (need(c, from, "table") && need(c, to, "table")) {
                    ops.generated(c, g.renameTable(g.table(sch, from), g.id(to)));
                }
                return;
            }
            case "add_column": {
                String t = batch != null ? batch : name(a.arg("table_name", 0));
                PyNode col = a.arg("column", 1 + shift);
                if (!need(c, t, "table")) {
                    return;
                }
                SqlGen.Col cc = column(col);
                if (cc == null) {
                    ops.uncertain(c, t, "add_column with a column SchemaGate cannot read (a type defined in the "
                            + "project, or a column built at run time)");
                    return;
                }
                List<String> sql = new ArrayList<>();
                String tn = g.table(sch, t);
                String def = g.column(cc);
                if (cc.refTable != null && g.mysql()) {
                    sql.add("ALTER TABLE " + tn + " ADD COLUMN " + g.column(withoutRef(cc)));
                    sql.add("ALTER TABLE " + tn + " ADD FOREIGN KEY (" + g.id(cc.name) + ") REFERENCES " + cc.refTable
                            + " (" + g.id(cc.refColumn) + ")");
                } else {
                    sql.add("ALTER TABLE " + tn + " ADD COLUMN " + def);
                }
                if (cc.index) {
                    sql.add(g.createIndex("ix_" + t + "_" + cc.name, tn, List.of(g.id(cc.name)), cc.unique, false, null,
                            null, false));
                }
                ops.generated(c, String.join(";\n", sql));
                return;
            }
            case "drop_column": {
                String t = batch != null ? batch : name(a.arg("table_name", 0));
                String col = name(a.arg("column_name", 1 + shift));
                if (need(c, t, "table") && need(c, col, "column")) {
                    ops.generated(c, "ALTER TABLE " + g.table(sch, t) + " DROP COLUMN " + g.id(col));
                }
                return;
            }
            case "alter_column":
                alterColumn(c, a, batch != null ? batch : name(a.arg("table_name", 0)),
                        name(a.arg("column_name", 1 + shift)), sch);
                return;
            case "create_index":
                createIndex(c, a, batch, sch, shift);
                return;
            case "drop_index": {
                String n = name(a.arg("index_name", 0));
                String t = batch != null ? batch : name(a.arg("table_name", 1));
                if (need(c, n, "index")) {
                    if (g.mysql() && t == null) {
                        ops.uncertain(c, null, "drop_index without table_name: MySQL needs the table");
                        return;
                    }
                    ops.generated(c, g.dropIndex(n, t == null ? null : g.table(sch, t),
                            PyExpr.isTrue(a.keywords.get("postgresql_concurrently")),
                            PyExpr.isTrue(a.keywords.get("if_exists"))));
                }
                return;
            }
            case "create_foreign_key": {
                String n = name(a.arg("constraint_name", 0));
                String src = batch != null ? batch : name(a.arg("source_table", 1));
                String ref = name(a.arg("referent_table", 2 + shift));
                List<String> local = PyExpr.strings(a.arg("local_cols", 3 + shift), consts);
                List<String> remote = PyExpr.strings(a.arg("remote_cols", 4 + shift), consts);
                if (!need(c, src, "table") || !need(c, ref, "table") || local == null || remote == null) {
                    if (local == null || remote == null) {
                        ops.uncertain(c, src, "create_foreign_key with columns built at run time");
                    }
                    return;
                }
                PyExpr.Str refSchema = PyExpr.str(a.keywords.get("referent_schema"), consts);
                StringBuilder b = new StringBuilder("ALTER TABLE " + g.table(sch, src) + " ADD ");
                if (n != null) {
                    b.append("CONSTRAINT ").append(g.id(n)).append(' ');
                }
                b.append("FOREIGN KEY (").append(g.ids(local)).append(") REFERENCES ")
                        .append(g.table(refSchema == null ? null : refSchema.value(), ref))
                        .append(" (").append(g.ids(remote)).append(')');
                for (String k : List.of("ondelete", "onupdate")) {
                    Object v = PyExpr.literal(a.keywords.get(k), consts);
                    if (v instanceof String s) {
                        b.append(k.equals("ondelete") ? " ON DELETE " : " ON UPDATE ").append(s.toUpperCase(Locale.ROOT));
                    }
                }
                if (PyExpr.isTrue(a.keywords.get("postgresql_not_valid")) && g.pg()) {
                    b.append(" NOT VALID");
                }
                ops.generated(c, b.toString());
                return;
            }
            case "create_unique_constraint":
            case "create_primary_key": {
                String n = name(a.arg("constraint_name", 0));
                String t = batch != null ? batch : name(a.arg(method.equals("create_primary_key") ? "table_name"
                        : "table_name", 1));
                List<String> cols = PyExpr.strings(a.arg("columns", 2 + shift), consts);
                if (!need(c, t, "table")) {
                    return;
                }
                if (cols == null) {
                    ops.uncertain(c, t, method + " with columns built at run time");
                    return;
                }
                ops.generated(c, "ALTER TABLE " + g.table(sch, t) + " ADD " + (n == null ? "" : "CONSTRAINT "
                        + g.id(n) + " ") + (method.equals("create_primary_key") ? "PRIMARY KEY" : "UNIQUE")
                        + " (" + g.ids(cols) + ")");
                return;
            }
            case "create_check_constraint": {
                String n = name(a.arg("constraint_name", 0));
                String t = batch != null ? batch : name(a.arg("table_name", 1));
                PyExpr.Str cond = PyExpr.str(a.arg("condition", 2 + shift), consts);
                if (!need(c, t, "table")) {
                    return;
                }
                if (cond == null) {
                    ops.uncertain(c, t, "create_check_constraint with a condition built in Python (an expression "
                            + "object, not SQL text)");
                    return;
                }
                ops.generated(c, "ALTER TABLE " + g.table(sch, t) + " ADD " + (n == null ? "" : "CONSTRAINT "
                        + g.id(n) + " ") + "CHECK (" + cond.value() + ")"
                        + (PyExpr.isTrue(a.keywords.get("postgresql_not_valid")) && g.pg() ? " NOT VALID" : ""));
                return;
            }
            case "drop_constraint": {
                String n = name(a.arg("constraint_name", 0));
                String t = batch != null ? batch : name(a.arg("table_name", 1));
                Object kind = PyExpr.literal(a.arg("type_", 2 + shift), consts);
                if (need(c, n, "constraint") && need(c, t, "table")) {
                    ops.generated(c, g.dropConstraint(g.table(sch, t), n, kind instanceof String s ? s : null));
                }
                return;
            }
            case "bulk_insert":
                ops.uncertain(c, null, "bulk_insert: the rows are Python values; the INSERT is not modelled");
                return;
            case "get_bind":
            case "get_context":
            case "f":
                return;
            default:
                ops.uncertain(c, batch, "op." + method + " is not modelled by SchemaGate yet");
        }
    }

    private boolean need(PyNode c, String name, String what) {
        if (name == null) {
            ops.uncertain(c, null, "the " + what + " name is built at run time");
            return false;
        }
        return true;
    }

    private String name(PyNode n) {
        PyExpr.Str s = PyExpr.str(n, consts);
        if (s != null) {
            return s.value();
        }
        // op.f("ix_name"): a name used as given
        if (n != null && n.is("call") && "f".equals(PyExpr.lastName(n.get("function")))) {
            PyExpr.Args a = PyExpr.args(n);
            PyExpr.Str inner = PyExpr.str(a.at(0), consts);
            return inner == null ? null : inner.value();
        }
        return null;
    }

    private static SqlGen.Col withoutRef(SqlGen.Col c) {
        SqlGen.Col o = new SqlGen.Col();
        o.name = c.name;
        o.type = c.type;
        o.nullable = c.nullable;
        o.dflt = c.dflt;
        o.unique = c.unique;
        return o;
    }

    private void createTable(PyNode c, PyExpr.Args a, String sch) {
        String t = name(a.arg("table_name", 0));
        if (!need(c, t, "table")) {
            return;
        }
        List<String> pre = new ArrayList<>();
        List<String> post = new ArrayList<>();
        List<SqlGen.Col> cols = new ArrayList<>();
        List<String> cons = new ArrayList<>();
        boolean pkConstraint = false;
        String tn = g.table(sch, t);
        for (int i = 1; i < a.positional.size(); i++) {
            PyNode e = a.positional.get(i);
            String kind = e.is("call") ? PyExpr.lastName(e.get("function")) : null;
            if ("Column".equals(kind)) {
                SqlGen.Col col = column(e);
                if (col == null) {
                    ops.uncertain(c, t, "create_table with a column SchemaGate cannot read at line " + e.line()
                            + " (a type defined in the project, or a column built at run time)");
                    return;
                }
                String en = SaTypes.createEnumType(PyExpr.args(e).arg("type_", 1), g, consts);
                if (en != null) {
                    pre.add(en);
                }
                cols.add(col);
                if (col.index) {
                    post.add(g.createIndex("ix_" + t + "_" + col.name, tn, List.of(g.id(col.name)), col.unique, false,
                            null, null, false));
                }
                continue;
            }
            String con = constraint(e, kind);
            if (con == null) {
                ops.uncertain(c, t, "create_table with an argument SchemaGate cannot read at line " + e.line());
                return;
            }
            pkConstraint |= kind.equals("PrimaryKeyConstraint");
            cons.add(con);
        }
        List<String> pk = new ArrayList<>();
        for (SqlGen.Col col : cols) {
            if (col.primaryKey) {
                pk.add(col.name);
            }
        }
        List<String> defs = new ArrayList<>();
        for (SqlGen.Col col : cols) {
            if (col.primaryKey && (pkConstraint || pk.size() > 1)) {
                col.primaryKey = false;
                col.nullable = false;
            }
            defs.add(g.column(col));
        }
        if (!pkConstraint && pk.size() > 1) {
            defs.add("PRIMARY KEY (" + g.ids(pk) + ")");
        }
        defs.addAll(cons);
        List<String> all = new ArrayList<>(pre);
        all.add("CREATE TABLE " + tn + " (\n    " + String.join(",\n    ", defs) + "\n)");
        all.addAll(post);
        ops.generated(c, String.join(";\n", all));
    }

    /** A table constraint of create_table, or null. */
    private String constraint(PyNode e, String kind) {
        if (kind == null) {
            return null;
        }
        PyExpr.Args a = PyExpr.args(e);
        String n = name(a.keywords.get("name"));
        String prefix = n == null ? "" : "CONSTRAINT " + g.id(n) + " ";
        switch (kind) {
            case "PrimaryKeyConstraint":
            case "UniqueConstraint": {
                List<String> cols = new ArrayList<>();
                for (PyNode p : a.positional) {
                    String s = name(p);
                    if (s == null) {
                        return null;
                    }
                    cols.add(s);
                }
                return prefix + (kind.equals("UniqueConstraint") ? "UNIQUE" : "PRIMARY KEY") + " (" + g.ids(cols) + ")";
            }
            case "ForeignKeyConstraint": {
                List<String> local = PyExpr.strings(a.arg("columns", 0), consts);
                List<String> remote = PyExpr.strings(a.arg("refcolumns", 1), consts);
                if (local == null || remote == null || remote.isEmpty()) {
                    return null;
                }
                String first = remote.get(0);
                int dot = first.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                List<String> cols = new ArrayList<>();
                for (String r : remote) {
                    cols.add(r.substring(r.lastIndexOf('.') + 1));
                }
                StringBuilder b = new StringBuilder(prefix + "FOREIGN KEY (" + g.ids(local) + ") REFERENCES "
                        + tableRef(first.substring(0, dot)) + " (" + g.ids(cols) + ")");
                Object od = PyExpr.literal(a.keywords.get("ondelete"), consts);
                if (od instanceof String s) {
                    b.append(" ON DELETE ").append(s.toUpperCase(Locale.ROOT));
                }
                return b.toString();
            }
            case "CheckConstraint": {
                PyExpr.Str cond = PyExpr.str(a.at(0), consts);
                return cond == null ? null : prefix + "CHECK (" + cond.value() + ")";
            }
            default:
                return null;
        }
    }

    private String tableRef(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? g.id(dotted) : g.table(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    /** An {@code sa.Column(...)}: null when its name or type is not known statically. */
    SqlGen.Col column(PyNode e) {
        if (e == null || !e.is("call") || !"Column".equals(PyExpr.lastName(e.get("function")))) {
            return null;
        }
        PyExpr.Args a = PyExpr.args(e);
        SqlGen.Col c = new SqlGen.Col();
        c.name = name(a.arg("name", 0));
        PyNode typeNode = a.arg("type_", 1);
        c.type = SaTypes.of(typeNode, g, consts);
        if (c.name == null || c.type == null) {
            return null;
        }
        for (int i = 2; i < a.positional.size(); i++) {
            PyNode p = a.positional.get(i);
            if (p.is("call") && "ForeignKey".equals(PyExpr.lastName(p.get("function")))) {
                PyExpr.Args fa = PyExpr.args(p);
                String target = name(fa.at(0));
                if (target == null || target.lastIndexOf('.') < 0) {
                    return null;
                }
                int dot = target.lastIndexOf('.');
                c.refTable = tableRef(target.substring(0, dot));
                c.refColumn = target.substring(dot + 1);
                Object od = PyExpr.literal(fa.keywords.get("ondelete"), consts);
                c.onDelete = od instanceof String s ? s : null;
            } else if (p.is("call") && "Identity".equals(PyExpr.lastName(p.get("function")))) {
                c.identity = true;
            } else {
                return null;
            }
        }
        PyNode nullable = a.keywords.get("nullable");
        c.primaryKey = PyExpr.isTrue(a.keywords.get("primary_key"));
        c.nullable = nullable == null ? !c.primaryKey : !nullable.is("false");
        c.unique = PyExpr.isTrue(a.keywords.get("unique"));
        c.index = PyExpr.isTrue(a.keywords.get("index"));
        if (PyExpr.isTrue(a.keywords.get("autoincrement")) && c.primaryKey) {
            c.identity = !g.pg();
        }
        PyNode sd = a.keywords.get("server_default");
        if (sd != null && !sd.is("none")) {
            c.dflt = serverDefault(sd);
            if (c.dflt == null) {
                return null;
            }
        }
        return c;
    }

    /** A {@code server_default}: a string is a quoted literal, {@code sa.text(...)} raw SQL; null when unknown. */
    String serverDefault(PyNode sd) {
        if (sd.is("string") || sd.is("concatenated_string")) {
            PyExpr.Str s = PyExpr.str(sd, consts);
            return s == null ? null : g.literal(s.value());
        }
        String f = sd.is("call") ? PyExpr.lastName(sd.get("function")) : null;
        if ("text".equals(f) || "literal_column".equals(f)) {
            PyExpr.Str s = PyExpr.str(sd, consts);
            return s == null ? null : s.value();
        }
        if ("true".equals(f) || "false".equals(f)) {
            return g.literal(f.equals("true"));
        }
        String d = PyExpr.dotted(sd.is("call") ? sd.get("function") : sd);
        if (d != null && (d.endsWith("func.now") || d.endsWith("func.current_timestamp"))) {
            return g.pg() ? "now()" : "CURRENT_TIMESTAMP";
        }
        return null;
    }

    private void alterColumn(PyNode c, PyExpr.Args a, String t, String col, String sch) {
        if (!need(c, t, "table") || !need(c, col, "column")) {
            return;
        }
        String tn = g.table(sch, t);
        List<String> sql = new ArrayList<>();
        PyNode nullable = a.keywords.get("nullable");
        PyNode type = a.keywords.get("type_");
        PyNode sd = a.keywords.get("server_default");
        PyExpr.Str rename = PyExpr.str(a.keywords.get("new_column_name"), consts);
        if (a.keywords.containsKey("new_column_name") && rename == null) {
            ops.uncertain(c, t, "alter_column with a new name built at run time");
            return;
        }
        String newType = type == null ? null : SaTypes.of(type, g, consts);
        if (type != null && newType == null) {
            ops.uncertain(c, t, "alter_column to a type SchemaGate cannot read (a type defined in the project)");
            return;
        }
        String dflt = null;
        boolean dropDefault = false;
        if (sd != null) {
            if (sd.is("none")) {
                dropDefault = true;
            } else if (!sd.is("false")) {
                dflt = serverDefault(sd);
                if (dflt == null) {
                    ops.uncertain(c, t, "alter_column with a server_default SchemaGate cannot read");
                    return;
                }
            }
        }
        if (g.mysql()) {
            String existing = SaTypes.of(a.keywords.get("existing_type"), g, consts);
            String ty = newType != null ? newType : existing;
            if ((nullable != null || newType != null || rename != null) && ty == null) {
                ops.uncertain(c, t, "alter_column on MySQL needs existing_type (or type_): Alembic cannot write "
                        + "MODIFY/CHANGE without it");
                return;
            }
            boolean notNull = nullable != null ? nullable.is("false")
                    : a.keywords.containsKey("existing_nullable") && a.keywords.get("existing_nullable").is("false");
            if (nullable != null || newType != null || rename != null) {
                String target = rename != null ? "CHANGE " + g.id(col) + " " + g.id(rename.value()) : "MODIFY " + g.id(col);
                sql.add("ALTER TABLE " + tn + " " + target + " " + ty + (notNull ? " NOT NULL" : " NULL")
                        + (dflt != null ? " DEFAULT " + dflt : ""));
            } else if (dflt != null) {
                sql.add("ALTER TABLE " + tn + " ALTER COLUMN " + g.id(col) + " SET DEFAULT " + dflt);
            }
            if (dropDefault) {
                sql.add("ALTER TABLE " + tn + " ALTER COLUMN " + g.id(col) + " DROP DEFAULT");
            }
        } else {
            boolean sqliteAlter = g.sqlite() && (nullable != null || newType != null || sd != null);
            if (sqliteAlter) {
                ops.uncertain(c, t, "alter_column of nullability, type or default on SQLite: SQLite has no ALTER "
                        + "COLUMN, so Alembic fails here unless the call is inside op.batch_alter_table (a table rebuild)");
                return;
            }
            String cn = g.id(col);
            if (newType != null) {
                PyExpr.Str using = PyExpr.str(a.keywords.get("postgresql_using"), consts);
                sql.add("ALTER TABLE " + tn + " ALTER COLUMN " + cn + " TYPE " + newType
                        + (using != null ? " USING " + using.value() : ""));
            }
            if (nullable != null) {
                sql.add("ALTER TABLE " + tn + " ALTER COLUMN " + cn + (nullable.is("false") ? " SET NOT NULL"
                        : " DROP NOT NULL"));
            }
            if (dflt != null) {
                sql.add("ALTER TABLE " + tn + " ALTER COLUMN " + cn + " SET DEFAULT " + dflt);
            }
            if (dropDefault) {
                sql.add("ALTER TABLE " + tn + " ALTER COLUMN " + cn + " DROP DEFAULT");
            }
            if (rename != null) {
                sql.add(g.renameColumn(tn, col, rename.value()));
            }
        }
        if (sql.isEmpty()) {
            return; // only existing_* arguments: Alembic emits nothing
        }
        ops.generated(c, String.join(";\n", sql));
    }

    private void createIndex(PyNode c, PyExpr.Args a, String batch, String sch, int shift) {
        String n = name(a.arg("index_name", 0));
        String t = batch != null ? batch : name(a.arg("table_name", 1));
        PyNode colsNode = a.arg("columns", 2 + shift);
        if (!need(c, n, "index") || !need(c, t, "table")) {
            return;
        }
        List<String> exprs = new ArrayList<>();
        List<PyNode> items = colsNode == null ? List.of() : colsNode.is("list") || colsNode.is("tuple")
                ? colsNode.children() : List.of(colsNode);
        for (PyNode item : items) {
            if (item.is("comment")) {
                continue;
            }
            if (item.is("string")) {
                PyExpr.Str s = PyExpr.str(item, consts);
                if (s == null) {
                    ops.uncertain(c, t, "create_index with a column name built at run time");
                    return;
                }
                exprs.add(g.id(s.value()));
                continue;
            }
            PyExpr.Str s = PyExpr.str(item, consts);
            if (s != null) {
                exprs.add(item.is("call") ? s.value() : g.id(s.value()));
                continue;
            }
            ops.uncertain(c, t, "create_index on an expression SchemaGate cannot read");
            return;
        }
        if (exprs.isEmpty()) {
            ops.uncertain(c, t, "create_index without columns SchemaGate can read");
            return;
        }
        PyExpr.Str where = PyExpr.str(a.keywords.get(g.sqlite() ? "sqlite_where" : "postgresql_where"), consts);
        PyExpr.Str using = PyExpr.str(a.keywords.get("postgresql_using"), consts);
        ops.generated(c, g.createIndex(n, g.table(sch, t), exprs, PyExpr.isTrue(a.keywords.get("unique")),
                PyExpr.isTrue(a.keywords.get("postgresql_concurrently")), using == null ? null : using.value(),
                where == null ? null : where.value(), PyExpr.isTrue(a.keywords.get("if_not_exists"))));
    }
}
