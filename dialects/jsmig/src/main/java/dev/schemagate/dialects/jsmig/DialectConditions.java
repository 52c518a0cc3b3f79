package dev.schemagate.dialects.jsmig;

import dev.schemagate.dialects.js.JsCall;
import dev.schemagate.dialects.js.JsGuard;
import dev.schemagate.dialects.js.JsLink;
import dev.schemagate.dialects.js.JsTest;
import dev.schemagate.dialects.js.JsValue;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.code.DialectBranch;
import dev.schemagate.model.code.DialectBranch.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Conditions on the database a Knex or TypeORM migration runs on ({@code knex.client.config.client === 'pg'},
 * {@code queryRunner.connection.options.type !== 'sqlite'}, {@code switch (knex.client.dialect)}, ...), decided
 * against the project's dialect: a call in a branch that does not run on it is left out (it does not run); a
 * branch the reader cannot decide (dialect only assumed, compared with a value known at run time) is read as
 * before, with one uncertain operation at the condition saying why. Conditions on anything else do not change
 * what is read.
 */
final class DialectConditions {
    private final DialectBranch.Tool tool;
    private final Dialect project;
    private final boolean named;
    private final Set<Integer> reported = new HashSet<>();
    private String why;

    /**
     * @param project the migration's dialect
     * @param named   false when the dialect is only assumed (nothing in the project names it)
     */
    DialectConditions(DialectBranch.Tool tool, Dialect project, boolean named) {
        this.tool = tool;
        this.project = project;
        this.named = named;
    }

    /**
     * Whether the call runs on the project's database: false when a condition it runs under does not hold there.
     * Conditions that depend on the database but cannot be decided add one uncertain operation each to {@code out}
     * (the first time they are met).
     */
    boolean runs(JsCall c, Set<String> receivers, List<? super CodeOp> out) {
        List<CodeOp> undecided = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (JsGuard g : c.getGuards()) {
            why = null;
            Value v = value(g, receivers);
            if (v == Value.FALSE) {
                return false;
            }
            if (v == Value.UNDECIDED && !reported.contains(g.getStart())) {
                at.add(g.getStart());
                undecided.add(CodeOp.uncertain(g.getLine(), g.getColumn(), g.getEndLine(), g.getEndColumn(),
                        g.getKind() == JsGuard.Kind.CASE ? "switch" : "if", null, "the migration branches on the database ("
                                + JsMigrationSupport.abbreviate(g.getText()) + ") and SchemaGate cannot decide the branch: "
                                + (why == null ? "the comparison is not known before the migration runs" : why)
                                + "; every branch is read as if it runs"));
            }
        }
        reported.addAll(at);
        out.addAll(undecided);
        return true;
    }

    /**
     * True for a call that only reads the database's name ({@code ['sqlite3', 'better-sqlite3'].includes(knex.client
     * .config.client)}): it hands the receiver to no helper.
     */
    boolean readsName(JsCall c, Set<String> receivers) {
        boolean any = false;
        for (JsLink l : c.getChain()) {
            for (Object a : l.getArgs()) {
                if (isDialect(a, receivers)) {
                    any = true;
                } else if (a instanceof JsValue.Chain && !((JsValue.Chain) a).getLinks().isEmpty()
                        && named(receivers, ((JsValue.Chain) a).getLinks().get(0).getName())) {
                    return false;
                }
            }
        }
        return any;
    }

    private Value value(JsGuard g, Set<String> receivers) {
        switch (g.getKind()) {
            case THEN:
                return test(g.getTest(), receivers);
            case ELSE:
                return test(g.getTest(), receivers).not();
            default: {
                if (!isDialect(g.getDiscriminant(), receivers)) {
                    return Value.RUNTIME;
                }
                Value v = Value.FALSE;
                for (Object l : g.getLabels()) {
                    v = v.or(equalsName(l));
                }
                if (g.isDefaultIncluded()) {
                    Value none = Value.TRUE;
                    for (Object l : g.getOtherLabels()) {
                        none = none.and(equalsName(l).not());
                    }
                    v = v.or(none);
                }
                return v;
            }
        }
    }

    private Value test(JsTest t, Set<String> receivers) {
        switch (t.getKind()) {
            case NOT:
                return test(t.getA(), receivers).not();
            case AND:
                return test(t.getA(), receivers).and(test(t.getB(), receivers));
            case OR:
                return test(t.getA(), receivers).or(test(t.getB(), receivers));
            case EQUALS: {
                Object other = isDialect(t.getLeft(), receivers) ? t.getRight()
                        : isDialect(t.getRight(), receivers) ? t.getLeft() : null;
                if (other == null) {
                    return startsLikeDialect(t.getLeft(), receivers) || startsLikeDialect(t.getRight(), receivers)
                            ? undecided("`" + t.getText() + "` is not a comparison SchemaGate reads") : Value.RUNTIME;
                }
                Value v = equalsName(other);
                return t.isNegated() ? v.not() : v;
            }
            case INCLUDES: {
                if (!isDialect(t.getRight(), receivers)) {
                    return Value.RUNTIME;
                }
                Value v = Value.FALSE;
                for (Object l : (List<?>) t.getLeft()) {
                    v = v.or(equalsName(l));
                }
                return v;
            }
            default:
                return startsLikeDialect(t.getLeft(), receivers)
                        ? undecided("`" + t.getText() + "` is not a comparison SchemaGate reads") : Value.RUNTIME;
        }
    }

    /** The comparison of the run-time database name with one value written in the code. */
    private Value equalsName(Object v) {
        if (!(v instanceof String)) {
            return undecided("the database name is compared with `" + JsMigrationSupport.abbreviate(String.valueOf(v))
                    + "`, which is known only at run time");
        }
        Value r = DialectBranch.compare(tool, (String) v, project, named);
        return r == Value.UNDECIDED ? undecided(DialectBranch.whyUndecided(tool, (String) v, project, named)) : r;
    }

    private Value undecided(String reason) {
        if (why == null) {
            why = reason;
        }
        return Value.UNDECIDED;
    }

    /** True for the run-time name of the database: exactly one of the tool's expressions for it. */
    private boolean isDialect(Object v, Set<String> receivers) {
        return dialectEnd(v, receivers) == size(v);
    }

    /** True for an expression that starts with the database name and goes on ({@code ...client.startsWith('pg')}). */
    private boolean startsLikeDialect(Object v, Set<String> receivers) {
        return dialectEnd(v, receivers) > 0;
    }

    private static int size(Object v) {
        return v instanceof JsValue.Chain ? ((JsValue.Chain) v).getLinks().size() : -2;
    }

    /**
     * The number of links of a chain that spell the database name ({@code knex.client.config.client},
     * {@code knex.client.dialect}, {@code knex.schema.client...}; {@code queryRunner[.manager].connection[.driver]
     * .options.type}, also on {@code this}), or -1.
     */
    private int dialectEnd(Object v, Set<String> receivers) {
        if (!(v instanceof JsValue.Chain)) {
            return -1;
        }
        List<JsLink> l = ((JsValue.Chain) v).getLinks();
        if (l.isEmpty() || l.get(0).isCall() || !(named(receivers, l.get(0).getName()) || "this".equals(l.get(0).getName()))) {
            return -1;
        }
        List<String> names = new ArrayList<>();
        for (JsLink k : l) {
            if (k.isCall()) {
                break;
            }
            names.add(k.getName());
        }
        int i = 1;
        if (tool == DialectBranch.Tool.KNEX) {
            i = skip(names, i, "schema");
            if (!at(names, i, "client")) {
                return -1;
            }
            i++;
            if (at(names, i, "dialect") || at(names, i, "driverName")) {
                return i + 1;
            }
            return at(names, i, "config") && at(names, i + 1, "client") ? i + 2 : -1;
        }
        i = skip(names, i, "manager");
        if (!at(names, i, "connection")) {
            return -1;
        }
        i = skip(names, i + 1, "driver");
        return at(names, i, "options") && at(names, i + 1, "type") ? i + 2 : -1;
    }

    /** {@code name} is one of {@code names}; a computed link's name is null ({@code 'flow'[[]]}, found by fuzzing). */
    private static boolean named(Set<String> names, String name) {
        return name != null && names.contains(name);
    }

    private static boolean at(List<String> names, int i, String name) {
        return i < names.size() && name.equals(names.get(i));
    }

    private static int skip(List<String> names, int i, String name) {
        return at(names, i, name) ? i + 1 : i;
    }
}
