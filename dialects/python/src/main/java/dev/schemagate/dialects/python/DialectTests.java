package dev.schemagate.dialects.python;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.code.DialectBranch;
import dev.schemagate.model.code.DialectBranch.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Conditions on the database an Alembic or Django migration runs on ({@code op.get_bind().dialect.name ==
 * "postgresql"}, {@code connection.vendor in ("mysql", "sqlite")}, {@code not ...}, {@code and}, {@code or}),
 * decided against the project's dialect. The reader says which expressions are the database's name (through
 * {@code isName}); names bound to such an expression or to a condition on it are followed.
 */
final class DialectTests {
    private final DialectBranch.Tool tool;
    private final Dialect project;
    private final boolean named;
    private final Predicate<PyNode> isName;
    private final Map<String, PyExpr.Str> consts;
    /** Local names bound to the database's name or to a condition on it ({@code is_pg = ... == "postgresql"}). */
    private final Map<String, PyNode> aliases = new HashMap<>();
    /** Why the last undecided value is undecided. */
    String why;

    DialectTests(DialectBranch.Tool tool, Dialect project, boolean named, Predicate<PyNode> isName,
                 Map<String, PyExpr.Str> consts) {
        this.tool = tool;
        this.project = project;
        this.named = named;
        this.isName = isName;
        this.consts = consts;
    }

    /** Remembers {@code name = value} when the value is the database's name or a condition on it; true if so. */
    boolean bind(String name, PyNode value) {
        if (value != null && mentions(value)) {
            aliases.put(name, value);
            return true;
        }
        return false;
    }

    /** The value of a condition on the project's database. */
    Value value(PyNode n) {
        why = null;
        return eval(n, 0);
    }

    private Value eval(PyNode n, int depth) {
        if (n == null || depth > 32) {
            return Value.RUNTIME;
        }
        switch (n.type()) {
            case "parenthesized_expression":
                return n.children().size() == 1 ? eval(n.children().get(0), depth + 1) : other(n);
            case "not_operator":
                return eval(n.get("argument"), depth + 1).not();
            case "boolean_operator": {
                Value l = eval(n.get("left"), depth + 1);
                Value r = eval(n.get("right"), depth + 1);
                return operator(n).equals("and") ? l.and(r) : l.or(r);
            }
            case "identifier": {
                PyNode a = aliases.get(n.text());
                return a != null && !isName(a) ? eval(a, depth + 1) : other(n);
            }
            case "comparison_operator": {
                if (n.children().size() != 2) {
                    return other(n);
                }
                PyNode left = n.children().get(0);
                PyNode right = n.children().get(1);
                String op = operator(n);
                if (!isName(left)) {
                    return isName(right) && (op.equals("==") || op.equals("!=")) ? equals(left, op.equals("!=")) : other(n);
                }
                switch (op) {
                    case "==":
                    case "is":
                        return equals(right, false);
                    case "!=":
                    case "is not":
                        return equals(right, true);
                    case "in":
                    case "not in": {
                        Value v = in(right);
                        return op.equals("in") ? v : v.not();
                    }
                    default:
                        return other(n);
                }
            }
            default:
                return other(n);
        }
    }

    /** The operator between the two operands of a comparison or boolean operator, spaces normalised. */
    private static String operator(PyNode n) {
        PyNode l = n.children().get(0);
        PyNode r = n.children().get(n.children().size() - 1);
        String t = n.text();
        int from = l.text().length();
        int to = t.length() - r.text().length();
        return from <= to ? t.substring(from, to).strip().replaceAll("\\s+", " ") : "";
    }

    /** Anything else: undecided when it involves the database's name, else a run-time condition as before. */
    private Value other(PyNode n) {
        return mentions(n) ? undecided("`" + abbreviate(n.text()) + "` is not a comparison SchemaGate reads") : Value.RUNTIME;
    }

    private Value equals(PyNode other, boolean negated) {
        PyExpr.Str s = PyExpr.str(other, consts);
        Value v = s == null ? undecided("the database name is compared with `" + abbreviate(other.text())
                + "`, which is known only at run time") : name(s.value());
        return negated ? v.not() : v;
    }

    private Value in(PyNode list) {
        if (!list.is("list") && !list.is("tuple") && !list.is("set")) {
            return undecided("the database name is looked up in `" + abbreviate(list.text())
                    + "`, which is known only at run time");
        }
        Value v = Value.FALSE;
        for (PyNode c : list.children()) {
            if (!c.is("comment")) {
                v = v.or(equals(c, false));
            }
        }
        return v;
    }

    private Value name(String value) {
        Value r = DialectBranch.compare(tool, value, project, named);
        return r == Value.UNDECIDED ? undecided(DialectBranch.whyUndecided(tool, value, project, named)) : r;
    }

    private Value undecided(String reason) {
        if (why == null) {
            why = reason;
        }
        return Value.UNDECIDED;
    }

    /** True for the database's name: one of the tool's expressions for it, or a name bound to one. */
    boolean isName(PyNode n) {
        if (n == null) {
            return false;
        }
        if (n.is("identifier") && aliases.containsKey(n.text())) {
            return isName(aliases.get(n.text()));
        }
        return isName.test(n);
    }

    /** True when the expression involves the database's name anywhere. */
    boolean mentions(PyNode n) {
        if (isName(n) || n.is("identifier") && aliases.containsKey(n.text())) {
            return true;
        }
        for (PyNode c : n.children()) {
            if (mentions(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The body of an {@code if}/{@code elif}/{@code else} statement that runs on the project's database, or null
     * when none does. Throws {@link Undecided} when a condition cannot be decided before one holds.
     */
    PyNode branch(PyNode ifStatement) throws Undecided {
        List<PyNode> clauses = new java.util.ArrayList<>();
        clauses.add(ifStatement);
        for (PyNode c : ifStatement.children()) {
            if (c.is("elif_clause") || c.is("else_clause")) {
                clauses.add(c);
            }
        }
        for (PyNode c : clauses) {
            if (c.is("else_clause")) {
                return c.get("body");
            }
            Value v = value(c.get("condition"));
            if (v == Value.TRUE) {
                return c.get("consequence");
            }
            if (v != Value.FALSE) {
                throw new Undecided(v == Value.UNDECIDED ? c.get("condition") : null, why);
            }
        }
        return null;
    }

    /** A condition that cannot be decided: {@code at} is null when it does not involve the database at all. */
    static final class Undecided extends Exception {
        private static final long serialVersionUID = 1L;
        final transient PyNode at;
        final String reason;

        Undecided(PyNode at, String reason) {
            super(reason, null, false, false);
            this.at = at;
            this.reason = reason;
        }

        /** The reason an uncertain operation gives for the whole statement. */
        String message() {
            if (at == null) {
                return "a branch: which operations run depends on a condition known only at run time";
            }
            return "a branch on the database (" + abbreviate(at.text()) + ") SchemaGate cannot decide: "
                    + (reason == null ? "it depends on a condition known only at run time" : reason);
        }
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }
}
