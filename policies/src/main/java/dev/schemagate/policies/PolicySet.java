package dev.schemagate.policies;

import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.input.NaturalOrder;
import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import dev.schemagate.model.change.ChangeKind;
import dev.schemagate.model.finding.RuleInfo;
import dev.schemagate.model.finding.Waiver;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The policy packs of a run, combined. Packs apply in the order given (a folder's files in natural name order);
 * within a pack its base settings apply first, then the profile named by {@code --env}. Later settings win:
 * built-in defaults &lt; packs in order &lt; {@code schemagate.yaml} &lt; command line (the caller applies the last two
 * after {@link #applyTo}). Rule lists, protected tables and waivers accumulate; a later {@code enable} undoes an
 * earlier {@code disable} and the other way round. Raw DRL files load only when {@code allowDrl} is set.
 */
public final class PolicySet {
    /** Ids of the rules policies generate from {@code protected:} and {@code require:}. */
    public static final String PROTECTED = "policy.protected-table";
    public static final String REQUIRE_LOCK_TIMEOUT = "policy.require-lock-timeout";
    public static final String DESTRUCTIVE_WAIVER = "policy.destructive-needs-waiver";
    static final List<String> GENERATED = List.of(PROTECTED, REQUIRE_LOCK_TIMEOUT, DESTRUCTIVE_WAIVER);

    private final List<PolicyPack> packs = new ArrayList<>();
    private final List<PolicyPack.Layer> layers = new ArrayList<>();
    private final Map<String, String> rawDrl = new LinkedHashMap<>();
    private final List<Path> folders = new ArrayList<>();
    private final String env;
    /** Rule ids written in the packs, checked once raw DRL rules are compiled (their ids are known only then). */
    private final List<Object[]> deferredRefs = new ArrayList<>();
    private Set<String> knownBeforeDrl = Set.of();

    private PolicySet(String env) {
        this.env = env;
    }

    /** An empty set (no policy). */
    public static PolicySet none() {
        return new PolicySet(null);
    }

    public boolean isEmpty() {
        return packs.isEmpty() && rawDrl.isEmpty();
    }

    public List<PolicyPack> packs() {
        return packs;
    }

    public String env() {
        return env;
    }

    /**
     * Loads policy files and folders ({@code shown} is how each path is written in messages), checks them against
     * each other and against the built-in rule ids, and selects the {@code env} profile (null for none).
     */
    public static PolicySet load(List<Path> paths, List<String> shown, String env, boolean allowDrl,
                                 Set<String> builtinRules, List<InputError> errors) {
        PolicySet set = new PolicySet(env);
        for (int i = 0; i < paths.size(); i++) {
            set.loadPath(paths.get(i), shown.get(i), allowDrl, errors);
        }
        set.check(builtinRules, errors);
        sort(errors);
        return set;
    }

    private void loadPath(Path p, String shown, boolean allowDrl, List<InputError> errors) {
        if (Files.isDirectory(p)) {
            folders.add(p);
            List<Path> files;
            try (Stream<Path> s = Files.walk(p)) {
                files = s.filter(Files::isRegularFile).filter(f -> isPolicy(f) || f.toString().endsWith(".drl"))
                        .sorted(Comparator.comparing(f -> p.relativize(f).toString().replace('\\', '/'), NaturalOrder.INSTANCE))
                        .toList();
            } catch (IOException e) {
                errors.add(new InputError(shown, 0, 0, "cannot list the folder: " + e.getMessage()));
                return;
            }
            if (files.isEmpty()) {
                errors.add(new InputError(shown, 0, 0, "no policy files (*.yaml, *.yml) in this folder"));
            }
            for (Path f : files) {
                loadFile(f, shown + "/" + p.relativize(f).toString().replace('\\', '/'), allowDrl, errors);
            }
        } else if (!Files.exists(p)) {
            errors.add(new InputError(shown, 0, 0, "policy file or folder not found; check the path"));
        } else {
            if (p.toAbsolutePath().getParent() != null) {
                folders.add(p.toAbsolutePath().getParent());
            }
            loadFile(p, shown, allowDrl, errors);
        }
    }

    static boolean isPolicy(Path f) {
        String n = f.getFileName().toString();
        return (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.endsWith(".cases.yml") && !n.endsWith(".cases.yaml");
    }

    private void loadFile(Path f, String shown, boolean allowDrl, List<InputError> errors) {
        if (f.toString().endsWith(".drl")) {
            if (!allowDrl) {
                errors.add(new InputError(shown, 0, 0, "raw DRL is code and is not loaded by default; pass --allow-drl "
                        + "if you trust it"));
                return;
            }
            try {
                rawDrl.put(shown, Files.readString(f, StandardCharsets.UTF_8));
            } catch (IOException e) {
                errors.add(new InputError(shown, 0, 0, "cannot read: " + e.getMessage()));
            }
            return;
        }
        if (!isPolicy(f)) {
            errors.add(new InputError(shown, 0, 0, "not a policy file: expected .yaml or .yml (or .drl with --allow-drl)"));
            return;
        }
        PolicyPack pack = PolicyLoader.load(f, shown, errors);
        if (pack != null) {
            packs.add(pack);
        }
    }

    /** Cross-pack checks: duplicate rule ids, unknown rule ids, unknown profile. */
    private void check(Set<String> builtinRules, List<InputError> errors) {
        Set<String> custom = new HashSet<>();
        for (PolicyPack p : packs) {
            for (PolicyPack.RuleSpec r : p.rules) {
                if (builtinRules.contains(r.id)) {
                    errors.add(new InputError(p.source, r.line, r.column, "rule id '" + r.id + "' is a built-in rule; "
                            + "give your rule its own id, or use risk: to change the built-in one"));
                } else if (!custom.add(r.id)) {
                    errors.add(new InputError(p.source, r.line, r.column, "rule id '" + r.id
                            + "' is defined twice (rule ids must be unique across all policies)"));
                }
            }
        }
        Set<String> known = new TreeSet<>(builtinRules);
        known.addAll(custom);
        known.addAll(GENERATED);
        boolean anyDrl = !rawDrl.isEmpty();
        knownBeforeDrl = known;
        Set<String> profiles = new TreeSet<>();
        for (PolicyPack p : packs) {
            profiles.addAll(p.profiles.keySet());
            List<PolicyPack.Layer> mine = new ArrayList<>();
            mine.add(p.base);
            mine.addAll(p.profiles.values());
            for (PolicyPack.Layer l : mine) {
                for (List<PolicyPack.Ref> refs : List.of(l.enable, l.disable, l.riskRefs, l.waiverRefs)) {
                    for (PolicyPack.Ref r : refs) {
                        if (anyDrl) {
                            deferredRefs.add(new Object[] {p.source, r});
                        } else if (!knows(known, r.id)) {
                            errors.add(new InputError(p.source, r.line, r.column, "unknown rule id '" + r.id + "'"
                                    + PolicyLoader.hint(r.id, known) + " (schemagate rules lists them)"));
                        }
                    }
                }
            }
        }
        if (env != null && !profiles.contains(env)) {
            errors.add(new InputError(null, 0, 0, "--env " + env + ": no policy defines a profile named '" + env + "'"
                    + (profiles.isEmpty() ? " (the policies define no profiles)"
                    : " (profiles: " + String.join(", ", profiles) + ")" + PolicyLoader.hint(env, profiles))));
        }
        for (PolicyPack p : packs) {
            layers.add(p.base);
            if (env != null && p.profiles.containsKey(env)) {
                layers.add(p.profiles.get(env));
            }
        }
    }

    /** Orders errors by file, line and column (stable), so a file's problems read top to bottom. */
    static void sort(List<InputError> errors) {
        errors.sort(Comparator.comparing((InputError e) -> e.getFile() == null ? "" : e.getFile())
                .thenComparingInt(InputError::getLine).thenComparingInt(InputError::getColumn));
    }

    private static boolean knows(Set<String> known, String id) {
        if (id.endsWith("*")) {
            String prefix = id.substring(0, id.length() - 1);
            return known.stream().anyMatch(k -> k.startsWith(prefix));
        }
        return known.contains(id);
    }

    /** Applies the packs' settings to {@code s}, in order (before schemagate.yaml and the command line). */
    public void applyTo(Settings s) {
        for (PolicyPack.Layer l : layers) {
            if (l.failOn != null) {
                s.setFailOn(l.failOn);
            }
            if (l.uncertainRisk != null) {
                s.setUncertainRisk(l.uncertainRisk);
            }
            for (PolicyPack.Ref r : l.enable) {
                s.getExclude().remove(r.id);
                s.getInclude().add(r.id);
            }
            for (PolicyPack.Ref r : l.disable) {
                s.getInclude().remove(r.id);
                s.getExclude().add(r.id);
            }
            s.getRiskOverrides().putAll(l.risk);
            s.getThresholds().putAll(l.thresholds);
            s.getWaivers().addAll(l.waivers);
        }
    }

    /** Every waiver of the selected layers (base settings and the {@code --env} profile), for reports and audits. */
    public List<Waiver> waivers() {
        List<Waiver> out = new ArrayList<>();
        layers.forEach(l -> out.addAll(l.waivers));
        return out;
    }

    /**
     * Compiles the custom rules and the rules generated from {@code protected:} and {@code require:} (using the
     * final settings, e.g. {@code thresholds.max_lock_timeout}) into one pack; null when there are none. Problems
     * go to {@code errors}.
     */
    public PolicyRulePack compile(Settings s, List<InputError> errors) {
        List<PolicyPack.RuleSpec> specs = new ArrayList<>();
        List<RuleInfo> infos = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        collect(s, specs, infos, messages);
        if (specs.isEmpty() && rawDrl.isEmpty()) {
            return null;
        }
        int before = errors.size();
        try {
            PolicyRulePack pack = PolicyRulePack.compile(specs, infos, messages, rawDrl);
            Set<String> known = new TreeSet<>(knownBeforeDrl);
            pack.rules().forEach(r -> known.add(r.getId()));
            for (Object[] d : deferredRefs) {
                PolicyPack.Ref r = (PolicyPack.Ref) d[1];
                if (!knows(known, r.id)) {
                    errors.add(new InputError((String) d[0], r.line, r.column, "unknown rule id '" + r.id + "'"
                            + PolicyLoader.hint(r.id, known) + " (schemagate rules lists them)"));
                }
            }
            return errors.size() == before ? pack : null;
        } catch (PolicyRulePack.CompileError e) {
            for (String m : e.messages) {
                errors.add(new InputError(null, 0, 0, "policy rules do not compile: " + m));
            }
            return null;
        }
    }

    private void collect(Settings s, List<PolicyPack.RuleSpec> specs, List<RuleInfo> infos, List<String> messages) {
        for (PolicyPack p : packs) {
            for (PolicyPack.RuleSpec r : p.rules) {
                specs.add(r);
                infos.add(info(r, p));
                messages.add(r.message);
            }
        }
        generated(s, specs, infos, messages);
    }

    /** The DRL the YAML rules (custom and generated) compile to, for reading; "" when there are none. */
    public String generatedDrl(Settings s) {
        List<PolicyPack.RuleSpec> specs = new ArrayList<>();
        collect(s, specs, new ArrayList<>(), new ArrayList<>());
        return specs.isEmpty() ? "" : DrlCompiler.compile(specs);
    }

    private void generated(Settings s, List<PolicyPack.RuleSpec> specs, List<RuleInfo> infos, List<String> messages) {
        Boolean lockTimeout = null;
        Boolean destructive = null;
        for (PolicyPack.Layer l : layers) {
            if (l.requireLockTimeout != null) {
                lockTimeout = l.requireLockTimeout;
            }
            if (l.requireDestructiveWaiver != null) {
                destructive = l.requireDestructiveWaiver;
            }
        }
        for (PolicyPack p : packs) {
            List<PolicyPack.Layer> mine = new ArrayList<>(List.of(p.base));
            if (env != null && p.profiles.containsKey(env)) {
                mine.add(p.profiles.get(env));
            }
            for (PolicyPack.Layer l : mine) {
                for (PolicyPack.Protected pr : l.protectedTables) {
                    PolicyPack.RuleSpec r = new PolicyPack.RuleSpec();
                    r.id = PROTECTED;
                    pr.tables.forEach(t -> r.match.tables.add(new PolicyPack.Pat(t, null)));
                    r.match.changeTypes.addAll(pr.changes);
                    r.match.existingTable = true;
                    r.risk = pr.risk;
                    r.suppressible = !pr.waiverRequired;
                    String msg = "{change}: " + String.join(", ", pr.tables) + " is protected by policy " + p.name
                            + (pr.reason == null ? "" : " (" + pr.reason + ")")
                            + (pr.waiverRequired ? "; it needs a waiver" : "");
                    specs.add(r);
                    messages.add(msg);
                    infos.add(new RuleInfo(PROTECTED, "any", "A change to a table the policy protects",
                            "{change}: the table is protected by policy" + (pr.waiverRequired ? "; it needs a waiver" : ""),
                            pr.risk, null, null, null, List.of(), List.of("Get a waiver approved for this change (waivers: in the "
                            + "policy, or -- schemagate:waive " + PROTECTED + " approver=NAME expires=YYYY-MM-DD -- reason)"),
                            List.of("policy"), "policy", r.suppressible, true, "policy." + slug(p.name)));
                }
            }
        }
        if (Boolean.TRUE.equals(lockTimeout)) {
            Long max = s.getThresholds().get("max_lock_timeout");
            PolicyPack.RuleSpec r = new PolicyPack.RuleSpec();
            r.id = REQUIRE_LOCK_TIMEOUT;
            r.match.takesLock = true;
            r.match.existingTable = true;
            r.match.lockTimeoutMissing = true;
            r.match.lockTimeoutAbove = max;
            r.risk = Risk.HIGH;
            String limit = max == null ? "" : " of at most " + (max % 1000 == 0 ? max / 1000 + "s" : max + "ms");
            specs.add(r);
            messages.add("{change} takes the {lock} lock without a lock_timeout" + limit
                    + " set before it; the policy requires one in every migration");
            infos.add(new RuleInfo(REQUIRE_LOCK_TIMEOUT, "any", "A migration takes a blocking lock without the lock timeout the policy requires",
                    "{change} takes the {lock} lock without a lock_timeout" + limit + " set before it", Risk.HIGH, null, null,
                    null, List.of(), List.of("Start the migration with SET lock_timeout = '2s' (or the policy's "
                    + "max_lock_timeout) so a blocked lock gives up instead of queueing every query behind it"),
                    List.of("policy"), "policy", true, true, "policy", "file"));
        }
        if (Boolean.TRUE.equals(destructive)) {
            PolicyPack.RuleSpec r = new PolicyPack.RuleSpec();
            r.id = DESTRUCTIVE_WAIVER;
            for (ChangeKind k : ChangeKind.values()) {
                if (k.defaultType() == ChangeType.DESTRUCTIVE && k != ChangeKind.UNPARSED) {
                    r.match.kinds.add(k);
                }
            }
            r.match.existingTable = true;
            r.risk = Risk.HIGH;
            r.suppressible = false;
            specs.add(r);
            messages.add("{change} destroys data; the policy requires a waiver for every destructive change");
            infos.add(new RuleInfo(DESTRUCTIVE_WAIVER, "any", "A destructive change has no waiver",
                    "{change} destroys data; the policy requires a waiver for every destructive change", Risk.HIGH,
                    Risk.HIGH, ChangeType.DESTRUCTIVE, null, List.of(), List.of("Get a waiver approved: waivers: in the policy, "
                    + "or -- schemagate:waive " + DESTRUCTIVE_WAIVER + " approver=NAME expires=YYYY-MM-DD -- reason"),
                    List.of("policy"), "policy", false, true, "policy"));
        }
    }

    private static RuleInfo info(PolicyPack.RuleSpec r, PolicyPack p) {
        String dialect = r.match.dialects.size() == 1 ? r.match.dialects.get(0).id() : "any";
        List<String> tags = r.tags.isEmpty() ? List.of("policy") : r.tags;
        return new RuleInfo(r.id, dialect, r.summary, r.message, r.risk, r.dataLoss, r.changeType, null, r.peers,
                r.mitigations, tags, "policy", r.suppressible, r.enabled, "policy." + slug(p.name), r.scope);
    }

    static String slug(String name) {
        String s = name == null ? "policy" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "policy" : s;
    }

    /** The folders policies were loaded from (where rule prose and cases files live). */
    public List<Path> folders() {
        return folders;
    }

    /** {@code *.cases.yml} files in the policy folders, in natural order. */
    public List<Path> caseFiles() {
        Set<Path> out = new LinkedHashSet<>();
        for (Path d : folders) {
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(f -> f.getFileName().toString().endsWith(".cases.yml"))
                        .sorted(Comparator.comparing(f -> d.relativize(f).toString(), NaturalOrder.INSTANCE))
                        .forEach(out::add);
            } catch (IOException e) {
                // the folder was listed when the policies loaded; a vanished one has no cases
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * A class loader that finds a policy rule's prose and cases ({@code <rule id>.md}, {@code <rule id>.cases.yml}
     * next to its policy) where the docs generator looks for a built-in rule's, so {@code explain} and {@code docs}
     * describe policy rules as they describe built-in ones.
     */
    public ClassLoader docsLoader(ClassLoader parent, List<RuleInfo> rules) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (RuleInfo r : rules) {
            for (String ext : new String[] {"md", "cases.yml"}) {
                for (Path d : folders) {
                    Path f = d.resolve(r.getId() + "." + ext);
                    if (Files.isRegularFile(f)) {
                        files.putIfAbsent(dev.schemagate.core.docs.RuleDocs.resource(r, ext), f);
                    }
                }
            }
        }
        return new ClassLoader(parent) {
            @Override
            protected URL findResource(String name) {
                Path f = files.get(name);
                try {
                    return f == null ? null : f.toUri().toURL();
                } catch (MalformedURLException e) {
                    return null;
                }
            }
        };
    }
}
