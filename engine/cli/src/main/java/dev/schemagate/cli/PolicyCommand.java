package dev.schemagate.cli;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.cases.CaseFile;
import dev.schemagate.core.cases.CaseRunner;
import dev.schemagate.model.finding.RuleInfo;
import dev.schemagate.policies.PolicyPack;
import dev.schemagate.policies.PolicyRulePack;
import dev.schemagate.policies.PolicySet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Works with policy packs: validate them, and test their rules against their cases files.",
        subcommands = {PolicyCommand.Validate.class, PolicyCommand.Test.class})
final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Set<String> builtinIds(Engine engine) {
        Set<String> ids = new HashSet<>();
        for (RuleInfo r : engine.rules()) {
            ids.add(r.getId());
        }
        return ids;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Checks policy files (or folders of them): every key, value, pattern, date and rule id, and "
                    + "that their rules compile. Each problem is printed as file:line:column: message.",
                    "Exit 0 valid, 1 problems found, 2 usage error."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files or folders.")
        List<String> files = new ArrayList<>();

        @Option(names = "--allow-drl", description = "Also load and compile raw DRL files in the folders.")
        boolean allowDrl;

        @Option(names = "--show-drl", description = "Print the DRL the YAML rules compile to.")
        boolean showDrl;

        @Override
        public Integer call() {
            Path cwd = Path.of("").toAbsolutePath();
            Engine engine = new Engine();
            List<InputError> errors = new ArrayList<>();
            List<Path> paths = new ArrayList<>();
            for (String f : files) {
                paths.add(cwd.resolve(f).normalize());
            }
            PolicySet set = PolicySet.load(paths, files, null, allowDrl, builtinIds(engine), errors);
            Settings s = new Settings();
            set.applyTo(s);
            PolicyRulePack pack = errors.isEmpty() ? set.compile(s, errors) : null;
            PrintWriter out = spec.commandLine().getOut();
            if (!errors.isEmpty()) {
                for (InputError e : errors) {
                    out.println(e);
                }
                out.println(errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + " found");
                out.flush();
                return 1;
            }
            for (PolicyPack p : set.packs()) {
                out.println(p.getSource() + ": valid" + (p.profileNames().isEmpty() ? "" : " (profiles: "
                        + String.join(", ", p.profileNames()) + ")"));
            }
            if (showDrl) {
                out.print(set.generatedDrl(s));
            }
            out.println((pack == null ? 0 : pack.rules().size()) + " policy rule" + (pack != null && pack.rules().size() == 1
                    ? "" : "s") + " compiled");
            out.flush();
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Runs every *.cases.yml under DIR against the policies in DIR (the same cases format as "
                    + "built-in rules) and fails like a unit test: each failing case is printed with what was "
                    + "expected and what was found.",
                    "Exit 0 all cases pass, 1 a case failed, 2 a policy or cases file could not be read."})
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "Folder with policy files and their cases files.")
        String dir;

        @Option(names = "--allow-drl", description = "Also load raw DRL files in the folder.")
        boolean allowDrl;

        @Override
        public Integer call() {
            Path cwd = Path.of("").toAbsolutePath();
            Path root = cwd.resolve(dir).normalize();
            if (!Files.isDirectory(root)) {
                throw new Main.UsageProblem(dir + ": not a folder; pass the folder holding the policies and their cases");
            }
            Engine engine = new Engine();
            List<InputError> errors = new ArrayList<>();
            PolicySet set = PolicySet.load(List.of(root), List.of(dir), null, allowDrl, builtinIds(engine), errors);
            PolicyOptions.stopOn(errors);
            Settings s = new Settings();
            set.applyTo(s);
            PolicyRulePack pack = set.compile(s, errors);
            PolicyOptions.stopOn(errors);
            if (pack != null) {
                engine.addPack(pack);
            }
            Set<String> policyRules = new HashSet<>();
            if (pack != null) {
                pack.rules().forEach(r -> policyRules.add(r.getId()));
            }
            PrintWriter out = spec.commandLine().getOut();
            CaseRunner runner = new CaseRunner(engine);
            int passed = 0;
            int failed = 0;
            int invalid = 0;
            int skipped = 0;
            List<Path> caseFiles = set.caseFiles();
            for (Path p : caseFiles) {
                String shown = PolicyOptions.shown(cwd, p);
                CaseFile cf;
                try {
                    cf = CaseFile.load(p);
                } catch (CaseFile.Invalid e) {
                    out.println("ERROR " + e.getMessage().replace(p.toString(), shown));
                    invalid++;
                    continue;
                }
                if (!policyRules.contains(cf.rule)) {
                    out.println("FAIL  " + shown + ": rule " + cf.rule + " is not defined by the policies in " + dir);
                    failed += cf.cases.size();
                    continue;
                }
                for (CaseRunner.Result r : runner.run(cf)) {
                    if (r.passed) {
                        passed++;
                        out.println("ok    " + cf.rule + " " + r.name);
                    } else if (r.message.contains("no reader for dialect")) {
                        skipped++;
                        out.println("skip  " + cf.rule + " " + r.name + ": this build has no reader for dialect "
                                + cf.dialect + ", so the case cannot run (it is not counted as passed)");
                    } else {
                        failed++;
                        out.println("FAIL  " + cf.rule + " " + r.name + " (" + shown + ")\n      " + r.message);
                    }
                }
            }
            Set<String> tested = new HashSet<>();
            for (Path p : caseFiles) {
                try {
                    tested.add(CaseFile.load(p).rule);
                } catch (CaseFile.Invalid e) {
                    // reported above
                }
            }
            for (String id : new java.util.TreeSet<>(policyRules)) {
                if (!tested.contains(id)) {
                    out.println("note  " + id + " has no " + id + ".cases.yml: it is not tested");
                }
            }
            out.println();
            out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "") + (invalid > 0 ? ", " + invalid + " cases file"
                    + (invalid == 1 ? "" : "s") + " unreadable" : "") + " (" + caseFiles.size() + " cases file"
                    + (caseFiles.size() == 1 ? "" : "s") + ")");
            out.flush();
            if (invalid > 0) {
                return 2;
            }
            if (caseFiles.isEmpty()) {
                spec.commandLine().getErr().println("schemagate: no *.cases.yml files under " + dir
                        + "; a policy without cases is untested");
                return 1;
            }
            return failed > 0 ? 1 : 0;
        }
    }
}
