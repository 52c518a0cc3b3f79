package dev.schemagate.cli;

import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.SettingsKeys;
import dev.schemagate.model.Dialect;
import dev.schemagate.plan.Plan;
import dev.schemagate.plan.PlanFiles;
import dev.schemagate.plan.PlanJson;
import dev.schemagate.plan.PlanMarkdown;
import dev.schemagate.plan.Planner;
import dev.schemagate.policies.ConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes the multi-phase plan for one migration or a range: analysis, phases with forward,"
                + " rollback and validation SQL, read-path and deployment sequence, performance, mitigations and"
                + " checklist. Earlier migrations in PATH are replayed to know the schema.",
                "Without --from/--to the last migration of PATH is planned."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  plan written; every change is planned and all generated SQL validates",
                "  1  plan written, but something needs a person (an unplanned change, generated SQL that does not"
                        + " validate)",
                "  2  usage or input error", "  3  internal error (please report it)"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Migration folder or files.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--from", paramLabel = "ID", description = "First migration to plan (its id, e.g. 2 for "
            + "V2__x.sql, or its file name).")
    String from;

    @Option(names = "--to", paramLabel = "ID", description = "Last migration to plan (default: the last one).")
    String to;

    @Option(names = "--dialect", paramLabel = "NAME", description = "postgres, mysql, mariadb, sqlite or mongodb (default: the"
            + " dialect every file was found in, else postgres).")
    String dialect;

    @Option(names = "--pg-version", paramLabel = "VERSION", description = "PostgreSQL server version (default 17).")
    String pgVersion;

    @Option(names = "--mysql-version", paramLabel = "VERSION", description = "MySQL server version (default 8.4).")
    String mysqlVersion;

    @Option(names = "--mariadb-version", paramLabel = "VERSION", description = "MariaDB server version (default 11.4).")
    String mariadbVersion;

    @Option(names = "--sqlite-version", paramLabel = "VERSION", description = "SQLite library version (default 3.46).")
    String sqliteVersion;

    @Option(names = "--stats", paramLabel = "FILE", description = "Table sizes, YAML: table: {rows: N, bytes: 2GB, "
            + "writes_per_second: N}.")
    Path stats;

    @Option(names = "--schema", paramLabel = "FILE", description = "SQL describing the schema before the migrations.")
    List<String> schema = new ArrayList<>();

    @Option(names = "--queries", paramLabel = "FILE", description = "SQL the application runs (one statement per ';',"
            + " e.g. from pg_stat_statements): each is validated before and after every phase.")
    Path queries;

    @picocli.CommandLine.Mixin
    SettingsOptions settingsOptions = new SettingsOptions();

    @Option(names = "--threshold", paramLabel = "KEY=VALUE", description = "Override a plan threshold, e.g. "
            + "multi_phase_rows=50000 (keys: docs/plans/README.md).")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "md or json (default md), on standard output.")
    String format;

    @Option(names = "--out", paramLabel = "DIR", description = "Write plan.md, plan.json and scripts/ into DIR.")
    Path out;

    /**
     * Writes every file into a temporary folder beside {@code out} first, then moves each into place: a failure
     * while writing leaves {@code out} as it was.
     */
    private static void writeAll(Path out, Map<String, String> files) {
        Path abs = out.toAbsolutePath().normalize();
        Path tmp = null;
        try {
            Files.createDirectories(abs.getParent());
            tmp = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = tmp.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
            tmp.resolve("scripts/01_backup.sh").toFile().setExecutable(true);
            for (String name : files.keySet()) {
                Path target = abs.resolve(name);
                Files.createDirectories(target.getParent());
                try {
                    Files.move(tmp.resolve(name), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(tmp.resolve(name), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new Main.UsageProblem("cannot write " + out + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try (java.util.stream.Stream<Path> walk = Files.walk(tmp)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // the temporary folder is hidden; the original error matters more
                }
            }
        }
    }

    /**
     * The thresholds policy packs and schemagate.yaml set ({@code thresholds:}) become plan thresholds, before
     * {@code --threshold} flags override them: multi_phase_rows as is, batch_size as a fixed batch size,
     * max_lock_timeout as the lock_timeout every phase sets.
     */
    static void policyThresholds(Settings s, dev.schemagate.plan.PlanThresholds t) {
        java.util.Map<String, Long> p = s.getThresholds();
        if (p.containsKey("multi_phase_rows")) {
            t.set("multi_phase_rows", Long.toString(p.get("multi_phase_rows")));
        }
        if (p.containsKey("batch_size")) {
            String b = Long.toString(p.get("batch_size"));
            t.set("batch_min", "1").set("batch_max", b).set("batch_min", b);
        }
        if (p.containsKey("max_lock_timeout")) {
            t.set("lock_timeout", p.get("max_lock_timeout") + "ms");
        }
    }

    @Override
    public Integer call() throws Exception {
        Path cwd = Main.workdir(spec);
        Planner.Request r = new Planner.Request();
        r.cwd = cwd;
        r.inputs.addAll(paths);
        r.from = from;
        r.to = to;
        Settings s = r.settings;
        List<InputError> errors = new ArrayList<>();
        PolicyOptions.Loaded policy = settingsOptions.load(cwd, s, errors);
        policyThresholds(s, r.thresholds);
        try {
            if (dialect != null) {
                SettingsKeys.applyOne(s, "dialect", dialect);
            }
            if (mysqlVersion != null) {
                SettingsKeys.applyOne(s, "mysql_version", mysqlVersion);
            }
            if (mariadbVersion != null) {
                SettingsKeys.applyOne(s, "mariadb_version", mariadbVersion);
            }
            if (sqliteVersion != null) {
                SettingsKeys.applyOne(s, "sqlite_version", sqliteVersion);
            }
            if (pgVersion != null) {
                SettingsKeys.applyOne(s, "pg_version", pgVersion);
            }
        } catch (IllegalArgumentException e) {
            throw new Main.UsageProblem(e.getMessage());
        }
        settingsOptions.applyToday(s);
        for (String t : thresholds) {
            int eq = t.indexOf('=');
            if (eq < 1) {
                throw new Main.UsageProblem("--threshold: expected KEY=VALUE, got '" + t + "'");
            }
            try {
                r.thresholds.set(t.substring(0, eq), t.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new Main.UsageProblem("--threshold: " + e.getMessage());
            }
        }
        String fmt = format == null ? "md" : format.toLowerCase(java.util.Locale.ROOT);
        if (!fmt.equals("md") && !fmt.equals("json")) {
            throw new Main.UsageProblem("--format: expected md or json, got '" + format + "'");
        }
        s.getSchemaFiles().addAll(schema);
        if (stats != null) {
            errors.addAll(ConfigFile.loadStats(cwd.resolve(stats), stats.toString(), s));
        }
        if (queries != null) {
            try {
                r.queries = Files.readString(cwd.resolve(queries), StandardCharsets.UTF_8);
                r.queriesName = queries.toString();
            } catch (IOException e) {
                errors.add(new InputError(queries.toString(), 0, 0, "cannot read the queries file: " + e.getMessage()));
            }
        }
        policy.compile(s); // the plan's findings come from the same rules check would run, policies included
        Planner.Result res = new Planner(policy.engine).plan(r);
        errors.addAll(res.errors);
        for (InputError e : errors) {
            spec.commandLine().getErr().println("schemagate: " + e);
        }
        Plan plan = res.plan;
        if (plan == null) {
            return 2;
        }
        if (out != null) {
            Map<String, String> files = PlanFiles.of(plan, new Planner().generator(Dialect.parse(plan.dialect)));
            writeAll(out, files);
            spec.commandLine().getOut().println("plan written to " + out + " (" + files.size() + " files): "
                    + plan.changes.size() + " change(s), phases " + plan.phases() + ", risk " + plan.risk
                    + (plan.problems.isEmpty() ? "" : ", " + plan.problems.size() + " problem(s) need a person"));
        } else {
            spec.commandLine().getOut().print(fmt.equals("json") ? PlanJson.write(plan) : PlanMarkdown.write(plan));
        }
        spec.commandLine().getOut().flush();
        if (!errors.isEmpty()) {
            return 2;
        }
        return plan.problems.isEmpty() ? 0 : 1;
    }
}
