package dev.schemagate.policies;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns YAML rules into DRL. What is written into the DRL is limited to: rule names made of a validated id and
 * a number, enum constants chosen from SchemaGate's own enums, numbers, and calls on the {@link PolicyFacts}
 * global with the rule's number. Patterns and messages stay in {@link PolicyFacts}; they are never spliced into
 * DRL text, so no policy string can change what the DRL means. {@link #checkSafe} re-checks every generated
 * rule name before compiling.
 */
final class DrlCompiler {
    static final String PACKAGE = "dev.schemagate.policy";
    private static final Pattern SAFE_NAME = Pattern.compile("^[a-z][a-z0-9_]*\\.[a-z0-9]+(-[a-z0-9]+)*(#[0-9]+)?$");

    private DrlCompiler() {
    }

    /** The DRL rule name of rule number {@code i}: its id, plus {@code #i} so variants of one id stay apart. */
    static String ruleName(PolicyPack.RuleSpec r, int i) {
        return r.id + "#" + i;
    }

    static String compile(List<PolicyPack.RuleSpec> rules) {
        StringBuilder sb = new StringBuilder();
        sb.append("package ").append(PACKAGE).append(";\n\n")
                .append("import dev.schemagate.model.change.Change;\n")
                .append("import dev.schemagate.model.change.ChangeKind;\n")
                .append("import dev.schemagate.model.ChangeType;\n")
                .append("import dev.schemagate.model.Dialect;\n\n")
                .append("global dev.schemagate.rules.common.FindingSink findings;\n")
                .append("global dev.schemagate.policies.PolicyFacts m;\n");
        for (int i = 0; i < rules.size(); i++) {
            PolicyPack.RuleSpec r = rules.get(i);
            String name = ruleName(r, i);
            checkSafe(name);
            sb.append("\nrule \"").append(name).append("\"\nwhen\n    $c : Change(")
                    .append(String.join(",\n        ", constraints(r.match, i))).append(")\nthen\n")
                    .append("    m.report(findings, drools, $c, ").append(i).append(");\nend\n");
        }
        return sb.toString();
    }

    static void checkSafe(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("refusing to write rule name '" + name + "' into DRL");
        }
    }

    static List<String> constraints(PolicyPack.Match x, int i) {
        List<String> c = new ArrayList<>();
        in(c, "kind", "ChangeKind", x.kinds);
        in(c, "changeType", "ChangeType", x.changeTypes);
        in(c, "dialect", "Dialect", x.dialects);
        call(c, "table", x.tables, i);
        call(c, "tableNot", x.tablesNot, i);
        call(c, "column", x.columns, i);
        call(c, "type", x.columnTypes, i);
        call(c, "file", x.files, i);
        call(c, "lock", x.locks, i);
        if (x.rowsAtLeast != null || x.rowsBelow != null) {
            List<String> known = new ArrayList<>();
            if (x.rowsAtLeast != null) {
                known.add("m.rows(this) >= " + x.rowsAtLeast + "L");
            }
            if (x.rowsBelow != null) {
                known.add("m.rows(this) < " + x.rowsBelow + "L");
            }
            String cond = "(m.rows(this) >= 0 && " + String.join(" && ", known) + ")";
            c.add(x.rowsUnknownMatches ? "(m.rows(this) < 0 || " + cond + ")" : cond);
        }
        bool(c, "inTransaction", x.inTransaction);
        bool(c, "existingTable", x.existingTable);
        bool(c, "m.newTable(this)", x.newTable);
        bool(c, "m.blocking(this)", x.takesLock);
        bool(c, "effect.rewrite", x.rewrite);
        bool(c, "effect.scan", x.scan);
        if (x.lockTimeoutMissing != null || x.lockTimeoutAbove != null) {
            List<String> alt = new ArrayList<>();
            if (Boolean.TRUE.equals(x.lockTimeoutMissing)) {
                alt.add("m.lockTimeout(this) == 0");
            }
            if (x.lockTimeoutAbove != null) {
                alt.add("m.lockTimeout(this) > " + x.lockTimeoutAbove + "L");
            }
            if (Boolean.FALSE.equals(x.lockTimeoutMissing) && x.lockTimeoutAbove == null) {
                alt.add("m.lockTimeout(this) > 0");
            }
            c.add("(" + String.join(" || ", alt) + ")");
        }
        if (c.isEmpty()) {
            c.add("true");
        }
        return c;
    }

    /** {@code field in (Type.A, Type.B)} over SchemaGate's own enum constants. */
    private static void in(List<String> c, String field, String type, List<? extends Enum<?>> values) {
        if (!values.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Enum<?> v : values) {
                names.add(type + "." + v.name());
            }
            c.add(field + " in (" + String.join(", ", names) + ")");
        }
    }

    /** {@code m.name(i, this)}: a condition whose values (patterns, type and lock names) stay in {@link PolicyFacts}. */
    private static void call(List<String> c, String name, List<?> values, int i) {
        if (!values.isEmpty()) {
            c.add("m." + name + "(" + i + ", this)");
        }
    }

    private static void bool(List<String> c, String expr, Boolean want) {
        if (want != null) {
            c.add(expr + " == " + want);
        }
    }
}
