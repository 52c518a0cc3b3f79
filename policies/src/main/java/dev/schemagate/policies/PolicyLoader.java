package dev.schemagate.policies;

import dev.schemagate.core.InputError;
import dev.schemagate.core.SettingsKeys;
import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Risk;
import dev.schemagate.model.change.ChangeKind;
import dev.schemagate.model.finding.Waiver;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Reads one policy file into a {@link PolicyPack}, checking every key and value. Each problem is an
 * {@link InputError} at the line and column of the offending key or value, with a hint ("did you mean") where
 * one helps; all problems of a file are reported, not just the first. The key lists here are the ones
 * {@code docs/policy.schema.json} documents (a test keeps the two in step).
 */
public final class PolicyLoader {
    static final List<String> TOP_KEYS = List.of("name", "description", "fail_on", "uncertain_risk", "enable", "disable",
            "risk", "thresholds", "protected", "require", "rules", "waivers", "profiles");
    static final List<String> LAYER_KEYS = List.of("fail_on", "uncertain_risk", "enable", "disable", "risk",
            "thresholds", "protected", "require", "waivers");
    static final List<String> PROTECTED_KEYS = List.of("tables", "changes", "risk", "waiver_required", "reason");
    static final List<String> REQUIRE_KEYS = List.of("lock_timeout", "destructive_waiver");
    static final List<String> RULE_KEYS = List.of("id", "summary", "message", "risk", "data_loss", "change_type",
            "mitigations", "tags", "peers", "scope", "enabled", "suppressible", "match");
    static final List<String> MATCH_KEYS = List.of("kind", "change_type", "dialect", "table", "table_regex", "table_not",
            "column", "column_regex", "column_type", "rows", "in_transaction", "existing_table", "new_table", "file",
            "file_regex", "takes_lock", "lock", "rewrite", "scan", "lock_timeout");
    static final List<String> ROWS_KEYS = List.of("at_least", "below", "if_unknown");
    static final List<String> LOCK_TIMEOUT_KEYS = List.of("missing", "above");
    static final List<String> WAIVER_KEYS = List.of("rule", "file", "line", "table", "approver", "reason", "expires");
    /** Placeholders a custom rule's message may use. */
    static final List<String> PLACEHOLDERS = List.of("table", "column", "type", "rows", "lock", "file", "line", "change",
            "kind", "dialect", "version");

    /** Custom rule ids: prefix.kebab-name, as built-in rules. */
    static final Pattern RULE_ID = Pattern.compile("^[a-z][a-z0-9_]*\\.[a-z0-9]+(-[a-z0-9]+)*$");
    static final Set<String> RESERVED_PREFIXES = Set.of("pg", "mysql", "mariadb", "sqlite", "mongo", "core", "policy");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern PROFILE = Pattern.compile("^[a-z][a-z0-9_-]*$");

    private final String source;
    private final List<InputError> errors;

    private PolicyLoader(String source, List<InputError> errors) {
        this.source = source;
        this.errors = errors;
    }

    /** Reads and checks {@code file}; problems go to {@code errors}. Returns null when the file could not be read. */
    public static PolicyPack load(Path file, String shownAs, List<InputError> errors) {
        String text = ConfigFile.readText(file, shownAs, "policy file", errors);
        if (text == null) {
            return null;
        }
        return parse(text, shownAs, file, errors);
    }

    static PolicyPack parse(String text, String shownAs, Path path, List<InputError> errors) {
        YamlTree.Node root = YamlTree.parse(text, shownAs, errors);
        if (root == null) {
            return null;
        }
        PolicyLoader l = new PolicyLoader(shownAs, errors);
        if (!root.isMap()) {
            l.error(root, "a policy is a mapping of keys such as name:, risk:, rules:; found " + root.describe());
            return null;
        }
        PolicyPack pack = new PolicyPack(shownAs, path);
        l.read(root, pack);
        return pack;
    }

    private void read(YamlTree.Node root, PolicyPack pack) {
        unknownKeys(root, TOP_KEYS, "policy");
        pack.name = string(root, "name");
        if (pack.name == null && pack.path != null) {
            String f = pack.path.getFileName().toString();
            pack.name = f.replaceAll("\\.(ya?ml)$", "");
        }
        pack.description = string(root, "description");
        layer(root, pack.base);
        YamlTree.Node rules = root.get("rules");
        if (rules != null) {
            if (!rules.isList()) {
                error(rules, "'rules' is " + rules.describe() + "; expected a list of rules (- id: ...)");
            } else {
                for (YamlTree.Node r : rules.list) {
                    PolicyPack.RuleSpec spec = rule(r);
                    if (spec != null) {
                        pack.rules.add(spec);
                    }
                }
            }
        }
        YamlTree.Node profiles = root.get("profiles");
        if (profiles != null) {
            if (!profiles.isMap()) {
                error(profiles, "'profiles' is " + profiles.describe() + "; expected a mapping such as prod: {fail_on: MEDIUM}");
            } else {
                for (Map.Entry<String, YamlTree.Node> e : profiles.map.entrySet()) {
                    int[] at = profiles.keyAt(e.getKey());
                    if (!PROFILE.matcher(e.getKey()).matches()) {
                        error(at, "profile name '" + e.getKey() + "' must be lower-case letters, digits, - or _ (e.g. prod)");
                        continue;
                    }
                    YamlTree.Node p = e.getValue();
                    if (!p.isMap()) {
                        error(p, "profile '" + e.getKey() + "' is " + p.describe() + "; expected a mapping of settings");
                        continue;
                    }
                    unknownKeys(p, LAYER_KEYS, "profile");
                    PolicyPack.Layer layer = new PolicyPack.Layer();
                    layer(p, layer);
                    pack.profiles.put(e.getKey(), layer);
                    pack.profilePositions.put(e.getKey(), at);
                }
            }
        }
    }

    private void layer(YamlTree.Node n, PolicyPack.Layer layer) {
        layer.failOn = risk(n, "fail_on");
        layer.uncertainRisk = risk(n, "uncertain_risk");
        refs(n, "enable", layer.enable);
        refs(n, "disable", layer.disable);
        YamlTree.Node risk = n.get("risk");
        if (risk != null) {
            if (!risk.isMap()) {
                error(risk, "'risk' is " + risk.describe() + "; expected a mapping of rule id to NONE, LOW, MEDIUM, HIGH or CRITICAL");
            } else {
                for (Map.Entry<String, YamlTree.Node> e : risk.map.entrySet()) {
                    int[] at = risk.keyAt(e.getKey());
                    Risk r = riskValue(e.getValue(), "risk of " + e.getKey());
                    if (r != null) {
                        layer.risk.put(e.getKey(), r);
                        layer.riskRefs.add(new PolicyPack.Ref(e.getKey(), at[0], at[1]));
                    }
                }
            }
        }
        YamlTree.Node th = n.get("thresholds");
        if (th != null) {
            if (!th.isMap()) {
                error(th, "'thresholds' is " + th.describe() + "; expected a mapping of " + String.join(", ", SettingsKeys.THRESHOLDS));
            } else {
                unknownKeys(th, SettingsKeys.THRESHOLDS, "threshold");
                for (Map.Entry<String, YamlTree.Node> e : th.map.entrySet()) {
                    if (!SettingsKeys.THRESHOLDS.contains(e.getKey())) {
                        continue;
                    }
                    dev.schemagate.core.Settings probe = new dev.schemagate.core.Settings();
                    try {
                        SettingsKeys.threshold(probe, e.getKey(), e.getValue().toPlain());
                        layer.thresholds.put(e.getKey(), probe.getThresholds().get(e.getKey()));
                    } catch (IllegalArgumentException ex) {
                        error(e.getValue(), ex.getMessage().replace("setting '", "'"));
                    }
                }
            }
        }
        YamlTree.Node prot = n.get("protected");
        if (prot != null) {
            for (YamlTree.Node p : listOf(prot, "protected", "a list of {tables: [...], risk: HIGH}")) {
                PolicyPack.Protected pr = protectedEntry(p);
                if (pr != null) {
                    layer.protectedTables.add(pr);
                }
            }
        }
        YamlTree.Node req = n.get("require");
        if (req != null) {
            if (!req.isMap()) {
                error(req, "'require' is " + req.describe() + "; expected a mapping such as {lock_timeout: true}");
            } else {
                unknownKeys(req, REQUIRE_KEYS, "require");
                layer.requireLockTimeout = bool(req, "lock_timeout");
                layer.requireDestructiveWaiver = bool(req, "destructive_waiver");
            }
        }
        YamlTree.Node w = n.get("waivers");
        if (w != null) {
            for (YamlTree.Node x : listOf(w, "waivers", "a list of {rule, approver, reason, expires, ...}")) {
                Waiver wv = waiver(x, layer);
                if (wv != null) {
                    layer.waivers.add(wv);
                }
            }
        }
    }

    private PolicyPack.Protected protectedEntry(YamlTree.Node p) {
        if (p.isScalar() && p.value instanceof String) {
            List<String> tables = List.of(p.text());
            return new PolicyPack.Protected(tables, List.of(ChangeType.DESTRUCTIVE, ChangeType.TRANSFORMATIVE), Risk.HIGH,
                    true, null, p.line);
        }
        if (!p.isMap()) {
            error(p, "a protected entry is " + p.describe() + "; expected a table pattern or {tables: [...], risk: HIGH}");
            return null;
        }
        unknownKeys(p, PROTECTED_KEYS, "protected entry");
        List<String> tables = strings(p, "tables");
        if (p.get("tables") == null) {
            error(p, "a protected entry needs tables: (patterns such as payments.*)");
            return null;
        }
        List<ChangeType> changes = new ArrayList<>();
        YamlTree.Node ch = p.get("changes");
        if (ch == null) {
            changes.add(ChangeType.DESTRUCTIVE);
            changes.add(ChangeType.TRANSFORMATIVE);
        } else {
            for (YamlTree.Node c : scalarsOf(ch, "changes")) {
                if ("any".equalsIgnoreCase(c.text())) {
                    changes.addAll(List.of(ChangeType.ADDITIVE, ChangeType.TRANSFORMATIVE, ChangeType.DESTRUCTIVE));
                    continue;
                }
                ChangeType t = changeTypeValue(c);
                if (t != null) {
                    changes.add(t);
                }
            }
        }
        Risk r = risk(p, "risk");
        Boolean wr = bool(p, "waiver_required");
        return new PolicyPack.Protected(tables, changes, r == null ? Risk.HIGH : r, wr == null || wr, string(p, "reason"), p.line);
    }

    private Waiver waiver(YamlTree.Node n, PolicyPack.Layer layer) {
        if (!n.isMap()) {
            error(n, "a waiver is " + n.describe() + "; expected {rule, approver, reason, expires} and a target (file, line, table)");
            return null;
        }
        unknownKeys(n, WAIVER_KEYS, "waiver");
        String rule = string(n, "rule");
        String approver = string(n, "approver");
        String reason = string(n, "reason");
        String file = string(n, "file");
        String table = string(n, "table");
        Integer line = null;
        YamlTree.Node ln = n.get("line");
        if (ln != null) {
            if (ln.value instanceof Long && (Long) ln.value >= 1) {
                line = ((Long) ln.value).intValue();
            } else {
                error(ln, "line is " + ln.describe() + "; expected a line number (1 or more)");
            }
        }
        LocalDate expires = null;
        YamlTree.Node ex = n.get("expires");
        if (ex != null) {
            try {
                expires = LocalDate.parse(String.valueOf(ex.text()).trim());
            } catch (DateTimeParseException e) {
                error(ex, "expires is " + ex.describe() + "; expected a date written YYYY-MM-DD, such as 2026-12-31");
                return null;
            }
        }
        boolean ok = true;
        for (String[] req : new String[][] {{"rule", rule}, {"approver", approver}, {"reason", reason}}) {
            if (req[1] == null || req[1].isBlank()) {
                error(n, "a waiver needs " + req[0] + ":");
                ok = false;
            }
        }
        if (ex == null) {
            error(n, "a waiver needs expires: (YYYY-MM-DD); waivers are approved for a limited time");
            ok = false;
        }
        if (line != null && file == null) {
            error(ln, "line: needs file: (which migration the line is in)");
            ok = false;
        }
        if (!ok) {
            return null;
        }
        int[] at = n.keyAt("rule");
        layer.waiverRefs.add(new PolicyPack.Ref(rule, at[0], at[1]));
        return new Waiver(rule, file, line, line, table, approver, reason, expires, source, n.line, n.column, false);
    }

    private PolicyPack.RuleSpec rule(YamlTree.Node n) {
        if (!n.isMap()) {
            error(n, "a rule is " + n.describe() + "; expected a mapping with id, summary, risk and match");
            return null;
        }
        unknownKeys(n, RULE_KEYS, "rule");
        PolicyPack.RuleSpec r = new PolicyPack.RuleSpec();
        r.line = n.line;
        r.column = n.column;
        r.id = string(n, "id");
        if (r.id == null) {
            error(n, "a rule needs id: (such as acme.no-drop-payments)");
            return null;
        }
        YamlTree.Node idn = n.get("id");
        if (!RULE_ID.matcher(r.id).matches()) {
            error(idn, "rule id '" + r.id + "' must be prefix.kebab-name, lower case (such as acme.no-drop-payments)");
            return null;
        }
        if (RESERVED_PREFIXES.contains(r.id.substring(0, r.id.indexOf('.')))) {
            error(idn, "rule id '" + r.id + "' uses the reserved prefix '" + r.id.substring(0, r.id.indexOf('.'))
                    + "'; use your team's own, such as acme.");
            return null;
        }
        r.summary = string(n, "summary");
        if (r.summary == null) {
            error(n, "rule " + r.id + " needs summary: (one line saying what is wrong)");
        } else if (r.summary.endsWith(".")) {
            error(n.get("summary"), "summary ends with a period; write it as one line without one");
        }
        r.message = string(n, "message");
        if (r.message != null) {
            placeholders(n.get("message"), r.message);
        }
        r.risk = risk(n, "risk");
        if (r.risk == null && n.get("risk") == null) {
            error(n, "rule " + r.id + " needs risk: (NONE, LOW, MEDIUM, HIGH or CRITICAL)");
        }
        r.dataLoss = risk(n, "data_loss");
        YamlTree.Node ct = n.get("change_type");
        if (ct != null) {
            r.changeType = changeTypeValue(ct);
        }
        r.mitigations.addAll(strings(n, "mitigations"));
        r.tags.addAll(strings(n, "tags"));
        r.peers.addAll(strings(n, "peers"));
        r.scope = string(n, "scope");
        if (r.scope != null && !r.scope.equals("statement") && !r.scope.equals("file")) {
            error(n.get("scope"), "scope is '" + r.scope + "'; expected statement or file");
        }
        Boolean en = bool(n, "enabled");
        r.enabled = en == null || en;
        Boolean sup = bool(n, "suppressible");
        r.suppressible = sup == null || sup;
        YamlTree.Node m = n.get("match");
        if (m == null) {
            error(n, "rule " + r.id + " needs match: (what changes it is about, such as kind: [drop_table])");
        } else if (!m.isMap()) {
            error(m, "match is " + m.describe() + "; expected a mapping of conditions such as kind:, table:");
        } else {
            match(m, r.match);
        }
        return r;
    }

    private void match(YamlTree.Node m, PolicyPack.Match x) {
        unknownKeys(m, MATCH_KEYS, "match condition");
        YamlTree.Node k = m.get("kind");
        if (k != null) {
            for (YamlTree.Node v : scalarsOf(k, "kind")) {
                ChangeKind ck = enumValue(v, ChangeKind.class, "change kind");
                if (ck != null) {
                    x.kinds.add(ck);
                }
            }
        }
        YamlTree.Node ct = m.get("change_type");
        if (ct != null) {
            for (YamlTree.Node v : scalarsOf(ct, "change_type")) {
                ChangeType t = changeTypeValue(v);
                if (t != null) {
                    x.changeTypes.add(t);
                }
            }
        }
        YamlTree.Node d = m.get("dialect");
        if (d != null) {
            for (YamlTree.Node v : scalarsOf(d, "dialect")) {
                Dialect dd = Dialect.parse(String.valueOf(v.text()));
                if (dd == null) {
                    error(v, "dialect is " + v.describe() + "; expected postgres, mysql, mariadb, sqlite or mongodb"
                            + hint(String.valueOf(v.text()), List.of("postgres", "mysql", "mariadb", "sqlite", "mongodb")));
                } else {
                    x.dialects.add(dd);
                }
            }
        }
        globs(m, "table", x.tables);
        regexes(m, "table_regex", x.tables);
        globs(m, "table_not", x.tablesNot);
        globs(m, "column", x.columns);
        regexes(m, "column_regex", x.columns);
        globs(m, "file", x.files);
        regexes(m, "file_regex", x.files);
        YamlTree.Node ty = m.get("column_type");
        if (ty != null) {
            for (YamlTree.Node v : scalarsOf(ty, "column_type")) {
                String t = String.valueOf(v.text()).toUpperCase(Locale.ROOT);
                if (isTypeName(t)) {
                    x.columnTypes.add(t);
                } else {
                    List<String> known = new ArrayList<>();
                    for (SqlTypeFamily f : SqlTypeFamily.values()) {
                        known.add(f.name());
                    }
                    error(v, "column_type " + v.describe() + " is not a Calcite type family (CHARACTER, NUMERIC, "
                            + "INTEGER, DATETIME, BOOLEAN, BINARY, ...) or type name (VARCHAR, BIGINT, ...)"
                            + hint(t, known));
                }
            }
        }
        YamlTree.Node rows = m.get("rows");
        if (rows != null) {
            if (!rows.isMap()) {
                error(rows, "rows is " + rows.describe() + "; expected {at_least: 1000000} or {below: 10000}");
            } else {
                unknownKeys(rows, ROWS_KEYS, "rows condition");
                x.rowsAtLeast = count(rows, "at_least");
                x.rowsBelow = count(rows, "below");
                String unk = string(rows, "if_unknown");
                if (unk != null && !unk.equals("match") && !unk.equals("skip")) {
                    error(rows.get("if_unknown"), "if_unknown is '" + unk + "'; expected match or skip");
                }
                x.rowsUnknownMatches = "match".equals(unk);
                if (rows.get("at_least") == null && rows.get("below") == null) {
                    error(rows, "rows needs at_least: or below:");
                }
            }
        }
        x.inTransaction = bool(m, "in_transaction");
        x.existingTable = bool(m, "existing_table");
        x.newTable = bool(m, "new_table");
        x.takesLock = bool(m, "takes_lock");
        x.rewrite = bool(m, "rewrite");
        x.scan = bool(m, "scan");
        YamlTree.Node lk = m.get("lock");
        if (lk != null) {
            for (YamlTree.Node v : scalarsOf(lk, "lock")) {
                String name = String.valueOf(v.text()).trim().toUpperCase(Locale.ROOT);
                if (!name.matches("[A-Z ]+")) {
                    error(v, "lock is " + v.describe() + "; expected a lock name such as ACCESS EXCLUSIVE");
                } else {
                    x.locks.add(name);
                }
            }
        }
        YamlTree.Node lt = m.get("lock_timeout");
        if (lt != null) {
            if (!lt.isMap()) {
                error(lt, "lock_timeout is " + lt.describe() + "; expected {missing: true} and/or {above: 2s}");
            } else {
                unknownKeys(lt, LOCK_TIMEOUT_KEYS, "lock_timeout condition");
                x.lockTimeoutMissing = bool(lt, "missing");
                YamlTree.Node ab = lt.get("above");
                if (ab != null) {
                    try {
                        x.lockTimeoutAbove = SettingsKeys.millis("above", ab.toPlain());
                    } catch (IllegalArgumentException e) {
                        error(ab, "above is " + ab.describe() + "; expected a duration such as 2s or 500ms");
                    }
                }
            }
        }
    }

    static boolean isTypeName(String t) {
        for (SqlTypeFamily f : SqlTypeFamily.values()) {
            if (f.name().equals(t)) {
                return true;
            }
        }
        return SqlTypeName.get(t) != null;
    }

    private void placeholders(YamlTree.Node n, String message) {
        Matcher mm = PLACEHOLDER.matcher(message);
        while (mm.find()) {
            if (!PLACEHOLDERS.contains(mm.group(1))) {
                error(n, "unknown placeholder {" + mm.group(1) + "} in message (known: "
                        + String.join(", ", PLACEHOLDERS.stream().map(p -> "{" + p + "}").toList()) + ")"
                        + hint(mm.group(1), PLACEHOLDERS));
            }
        }
    }

    private void globs(YamlTree.Node m, String key, List<PolicyPack.Pat> out) {
        YamlTree.Node n = m.get(key);
        if (n == null) {
            return;
        }
        for (YamlTree.Node v : scalarsOf(n, key)) {
            String g = String.valueOf(v.text());
            if (g.isEmpty()) {
                error(v, key + " pattern is empty");
                continue;
            }
            out.add(new PolicyPack.Pat(g, null));
        }
    }

    private void regexes(YamlTree.Node m, String key, List<PolicyPack.Pat> out) {
        YamlTree.Node n = m.get(key);
        if (n == null) {
            return;
        }
        for (YamlTree.Node v : scalarsOf(n, key)) {
            String g = String.valueOf(v.text());
            try {
                out.add(new PolicyPack.Pat(g, Pattern.compile(g, Pattern.CASE_INSENSITIVE)));
            } catch (PatternSyntaxException e) {
                error(v, key + " '" + g + "' is not a valid regular expression: " + e.getDescription()
                        + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
            }
        }
    }

    // ---- small typed readers -------------------------------------------------------------------------------

    private void refs(YamlTree.Node n, String key, List<PolicyPack.Ref> out) {
        YamlTree.Node v = n.get(key);
        if (v == null) {
            return;
        }
        for (YamlTree.Node x : scalarsOf(v, key)) {
            out.add(new PolicyPack.Ref(String.valueOf(x.text()), x.line, x.column));
        }
    }

    private List<YamlTree.Node> listOf(YamlTree.Node n, String key, String expected) {
        if (!n.isList()) {
            error(n, "'" + key + "' is " + n.describe() + "; expected " + expected);
            return List.of();
        }
        return n.list;
    }

    /** A scalar or a list of scalars. */
    private List<YamlTree.Node> scalarsOf(YamlTree.Node n, String key) {
        if (n.isScalar()) {
            if (n.value == null) {
                error(n, "'" + key + "' is empty");
                return List.of();
            }
            return List.of(n);
        }
        if (n.isList()) {
            List<YamlTree.Node> out = new ArrayList<>();
            for (YamlTree.Node x : n.list) {
                if (!x.isScalar() || x.value == null) {
                    error(x, "an item of '" + key + "' is " + x.describe() + "; expected a single value");
                } else {
                    out.add(x);
                }
            }
            return out;
        }
        error(n, "'" + key + "' is " + n.describe() + "; expected a value or a list of values");
        return List.of();
    }

    private List<String> strings(YamlTree.Node n, String key) {
        YamlTree.Node v = n.get(key);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlTree.Node x : scalarsOf(v, key)) {
            out.add(String.valueOf(x.text()));
        }
        return out;
    }

    private String string(YamlTree.Node n, String key) {
        YamlTree.Node v = n.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isScalar() || v.value == null) {
            error(v, "'" + key + "' is " + v.describe() + "; expected text");
            return null;
        }
        return v.text();
    }

    private Boolean bool(YamlTree.Node n, String key) {
        YamlTree.Node v = n.get(key);
        if (v == null) {
            return null;
        }
        if (v.value instanceof Boolean) {
            return (Boolean) v.value;
        }
        error(v, "'" + key + "' is " + v.describe() + "; expected true or false");
        return null;
    }

    private Long count(YamlTree.Node n, String key) {
        YamlTree.Node v = n.get(key);
        if (v == null) {
            return null;
        }
        Object o = v.value;
        if (o instanceof String) {
            try {
                o = Long.parseLong(((String) o).replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                o = null;
            }
        }
        if (o instanceof Long && (Long) o >= 0) {
            return (Long) o;
        }
        error(v, "'" + key + "' is " + v.describe() + "; expected a whole number of rows such as 1000000");
        return null;
    }

    private Risk risk(YamlTree.Node n, String key) {
        YamlTree.Node v = n.get(key);
        return v == null ? null : riskValue(v, key);
    }

    private Risk riskValue(YamlTree.Node v, String what) {
        Risk r = v.isScalar() && v.value != null ? Risk.parse(v.text()) : null;
        if (r == null) {
            error(v, what + " is " + v.describe() + "; expected NONE, LOW, MEDIUM, HIGH or CRITICAL"
                    + (v.isScalar() && v.value != null ? hint(v.text().toUpperCase(Locale.ROOT),
                    List.of("NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL")) : ""));
        }
        return r;
    }

    private ChangeType changeTypeValue(YamlTree.Node v) {
        ChangeType t = v.isScalar() && v.value != null ? ChangeType.parse(v.text()) : null;
        if (t == null) {
            error(v, "change type is " + v.describe() + "; expected additive, transformative, destructive or none"
                    + (v.isScalar() && v.value != null ? hint(v.text().toLowerCase(Locale.ROOT),
                    List.of("additive", "transformative", "destructive", "none")) : ""));
        }
        return t;
    }

    /** Enum constants may be written DROP_TABLE, drop_table, drop-table or DropTable. */
    private <E extends Enum<E>> E enumValue(YamlTree.Node v, Class<E> type, String what) {
        String raw = String.valueOf(v.text()).trim();
        String norm = raw.replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').replace(' ', '_').toUpperCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(norm)) {
                return e;
            }
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        error(v, what + " '" + raw + "' is unknown (known: " + String.join(", ", names) + ")"
                + hint(norm.toLowerCase(Locale.ROOT), names));
        return null;
    }

    private void unknownKeys(YamlTree.Node n, List<String> known, String what) {
        for (String k : n.map.keySet()) {
            if (!known.contains(k)) {
                int[] at = n.keyAt(k);
                error(at, "unknown " + what + " key '" + k + "'" + hint(k, known) + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** "; did you mean 'x'?" when one known word is close. */
    static String hint(String word, Collection<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : new TreeSet<>(known)) {
            int d = ConfigFile.distance(word.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best != null && bestD > 0 && bestD <= Math.max(2, word.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    private void error(YamlTree.Node n, String message) {
        errors.add(new InputError(source, n.line, n.column, message));
    }

    private void error(int[] at, String message) {
        errors.add(new InputError(source, at[0], at[1], message));
    }

    static List<String> words(String... w) {
        return Arrays.asList(w);
    }
}
