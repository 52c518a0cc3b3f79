package dev.schemagate.cli;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.model.finding.RuleInfo;
import dev.schemagate.policies.ConfigFile;
import dev.schemagate.policies.PolicyRulePack;
import dev.schemagate.policies.PolicySet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --policy} and {@code --allow-drl}, shared by check, rules, explain and docs. Loading is all or nothing: a
 * policy that fails to load stops the command with exit code 2 before anything is checked, so a gate never passes
 * because its policy was not read.
 */
final class PolicyOptions {
    @Option(names = "--policy", paramLabel = "FILE_OR_DIR", description = "Policy pack (YAML) or folder of packs; "
            + "repeatable, applied in the order given, after the policies: of schemagate.yaml.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--allow-drl", description = "Also load raw DRL rule files (*.drl) found in policy folders. DRL is "
            + "code: use only with policies you trust.")
    boolean allowDrl;

    /** The engine with the built-in packs and the loaded policies. */
    static final class Loaded {
        final Engine engine;
        final PolicySet set;
        long loadMs;

        Loaded(Engine engine, PolicySet set) {
            this.engine = engine;
            this.set = set;
        }

        /** Compiles the policies' rules against the final settings and adds them to the engine. */
        void compile(Settings s) {
            List<InputError> errors = new ArrayList<>();
            long t0 = System.nanoTime();
            PolicyRulePack pack = set.compile(s, errors);
            if (System.getenv("SCHEMAGATE_TIMING") != null && !set.isEmpty()) {
                System.err.println("schemagate timing (ms): policy load=" + loadMs + " compile="
                        + (System.nanoTime() - t0) / 1_000_000 + " (" + (pack == null ? 0 : pack.rules().size()) + " rules)");
            }
            stopOn(errors);
            if (pack != null) {
                engine.addPack(pack);
            }
        }

        ClassLoader docsLoader() {
            return set.docsLoader(Main.class.getClassLoader(), engine.rules());
        }
    }

    /** Loads the policies named by {@code config} (may be null) and {@code --policy}, selecting profile {@code env}. */
    Loaded load(Path cwd, Path config, String env) {
        Engine engine = new Engine();
        Set<String> builtin = new HashSet<>();
        for (RuleInfo r : engine.rules()) {
            builtin.add(r.getId());
        }
        List<InputError> errors = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        String selected = env;
        if (config != null) {
            ConfigFile.PolicyRefs refs = ConfigFile.policyRefs(config, shown(cwd, config), errors);
            for (int i = 0; i < refs.paths.size(); i++) {
                paths.add(refs.paths.get(i));
                shown.add(shown(cwd, refs.paths.get(i)));
            }
            if (selected == null) {
                selected = refs.env;
            }
        }
        for (String p : policies) {
            paths.add(cwd.resolve(p).normalize());
            shown.add(p);
        }
        stopOn(errors);
        long t0 = System.nanoTime();
        PolicySet set = PolicySet.load(paths, shown, selected, allowDrl, builtin, errors);
        stopOn(errors);
        Loaded l = new Loaded(engine, set);
        l.loadMs = (System.nanoTime() - t0) / 1_000_000;
        return l;
    }

    /** Loads and compiles with default settings (for the commands that only describe rules). */
    Loaded loadForListing() {
        Path cwd = Path.of("").toAbsolutePath();
        Path cfg = Files.isRegularFile(cwd.resolve(ConfigFile.DEFAULT_NAME)) ? cwd.resolve(ConfigFile.DEFAULT_NAME) : null;
        Loaded l = load(cwd, cfg, null);
        Settings s = new Settings();
        l.set.applyTo(s);
        l.compile(s);
        return l;
    }

    static void stopOn(List<InputError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (InputError e : errors) {
            sb.append(e).append("\nschemagate: ");
        }
        sb.append("the policy did not load, so nothing was checked (exit 2)");
        throw new Main.UsageProblem(sb.toString());
    }

    static String shown(Path cwd, Path p) {
        Path abs = cwd.resolve(p).normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString().replace('\\', '/') : p.toString();
    }
}
