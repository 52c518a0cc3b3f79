package dev.schemagate.cli;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.SettingsKeys;
import dev.schemagate.core.input.GitChanges;
import dev.schemagate.core.report.MarkdownSummaryWriter;
import dev.schemagate.core.report.Report;
import dev.schemagate.core.report.ReportWriter;
import dev.schemagate.core.report.TextWriter;
import dev.schemagate.live.LiveContext;
import dev.schemagate.policies.ConfigFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks migration files and folders and reports risky changes.",
                "Options can also be set in schemagate.yaml (in the working directory, or --config); options given "
                        + "here win."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  passed", "  1  policy failed: a finding at or above --fail-on",
                "  2  usage or input error", "  3  internal error (please report it)"})
class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Migration files or folders.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--dialect", paramLabel = "NAME", description = "postgres, mysql, mariadb, sqlite or mongodb "
            + "(default: from file names and folders, else postgres).")
    String dialect;

    @Option(names = "--pg-version", paramLabel = "VERSION", description = "PostgreSQL server version (default 17).")
    String pgVersion;

    @Option(names = "--mysql-version", paramLabel = "VERSION", description = "MySQL server version (default 8.4).")
    String mysqlVersion;

    @Option(names = "--mariadb-version", paramLabel = "VERSION", description = "MariaDB server version (default 11.4).")
    String mariadbVersion;

    @Option(names = "--tool", paramLabel = "NAME", description = "Migration tool whose layout the folders follow: "
            + "flyway, liquibase, prisma, golang-migrate, dbmate, diesel, sqitch, popx, migrate-mongo or plain "
            + "(default: detected).")
    String tool;

    @Option(names = "--sqlite-version", paramLabel = "VERSION", description = "SQLite library version (default 3.46).")
    String sqliteVersion;
    @Option(names = "--mongodb-version", paramLabel = "VERSION", description = "MongoDB server version (default 8.0).")
    String mongodbVersion;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, sarif, junit, github, gitlab or "
            + "markdown-summary (a pull-request comment) (default text).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of "
            + "standard output (written whole or not at all).")
    Path output;

    @Option(names = "--fail-on", paramLabel = "RISK", description = "Lowest risk that fails the check: NONE, LOW, "
            + "MEDIUM, HIGH or CRITICAL (default HIGH).")
    String failOn;


    @Option(names = "--stats", paramLabel = "FILE", description = "Table sizes, YAML: table: {rows: N, bytes: 2GB, "
            + "writes_per_second: N}.")
    Path stats;

    @Option(names = "--assume-in-transaction", description = "Treat each file as wrapped in a transaction by the "
            + "migration tool.")
    Boolean assumeInTransaction;

    @Option(names = "--review", description = "Design review of the whole replayed schema, not only the tables the "
            + "checked migrations touch.")
    boolean review;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", description = "lock_timeout the migration tool sets "
            + "for every session (e.g. 2s).")
    String lockTimeout;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", description = "statement_timeout the migration "
            + "tool sets for every session.")
    String statementTimeout;

    @Option(names = "--include", paramLabel = "RULE", split = ",", description = "Turn on rules that are off by "
            + "default (ids; a trailing * matches a prefix).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "RULE", split = ",", description = "Turn rules off.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--schema", paramLabel = "FILE", description = "SQL describing the schema before the checked "
            + "migrations (replayed for context, never judged).")
    List<String> schema = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Parser threads (default: number of cores).")
    Integer threads;

    @Option(names = "--changed-since", paramLabel = "REF", description = "Judge only migrations added or changed "
            + "since git REF (REF...HEAD, plus staged, unstaged and untracked files); the others are still replayed "
            + "for context.")
    String changedSince;

    @picocli.CommandLine.Mixin
    SettingsOptions settingsOptions = new SettingsOptions();

    @Option(names = {"-q", "--quiet"}, description = "Text format: leave out suppressed findings and fixes.")
    boolean quiet;

    @Option(names = "--db", paramLabel = "URL", description = "Read the schema, table sizes and server version from "
            + "this database, through a read-only session (jdbc:postgresql://, postgres://, jdbc:mariadb://, mysql://, "
            + "jdbc:sqlite:FILE). Password: SCHEMAGATE_DB_PASSWORD, PGPASSWORD, MYSQL_PWD or --db-password-file.")
    String db;

    @Option(names = "--db-password-file", paramLabel = "FILE", description = "File whose first line is the --db password.")
    Path dbPasswordFile;

    @Override
    public Integer call() throws Exception {
        Path cwd = Main.workdir(spec);
        Settings s = new Settings();
        List<InputError> errors = new ArrayList<>();
        PolicyOptions.Loaded policy = settingsOptions.load(cwd, s, errors);
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("dialect", dialect);
        flags.put("pg_version", pgVersion);
        flags.put("mysql_version", mysqlVersion);
        flags.put("mariadb_version", mariadbVersion);
        flags.put("sqlite_version", sqliteVersion);
        flags.put("mongodb_version", mongodbVersion);
        flags.put("fail_on", failOn);
        flags.put("assume_in_transaction", assumeInTransaction);
        flags.put("lock_timeout", lockTimeout);
        flags.put("statement_timeout", statementTimeout);
        flags.put("threads", threads);
        for (Map.Entry<String, Object> e : flags.entrySet()) {
            if (e.getValue() != null) {
                try {
                    SettingsKeys.applyOne(s, e.getKey(), e.getValue());
                } catch (IllegalArgumentException ex) {
                    throw new Main.UsageProblem("--" + e.getKey().replace('_', '-') + ": " + ex.getMessage()
                            .replace("setting '" + e.getKey() + "' is", "value"));
                }
            }
        }
        include.forEach(id -> s.getExclude().remove(id));
        exclude.forEach(id -> s.getInclude().remove(id));
        s.setTool(tool);
        s.getInclude().addAll(include);
        s.getExclude().addAll(exclude);
        settingsOptions.applyToday(s);
        s.getSchemaFiles().addAll(schema);
        if (review) {
            s.getReview().setAll(true);
        }
        if (stats != null) {
            errors.addAll(ConfigFile.loadStats(cwd.resolve(stats), shown(cwd, stats), s));
        }
        String fmt = format != null ? format : "text";
        ReportWriter writer;
        try {
            writer = "text".equalsIgnoreCase(fmt) ? new TextWriter(quiet)
                    : "markdown-summary".equalsIgnoreCase(fmt) ? new MarkdownSummaryWriter(paths)
                    : ReportWriter.forFormat(fmt);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageProblem("--format: " + e.getMessage());
        }
        policy.compile(s);
        Engine engine = policy.engine;
        if (changedSince != null) {
            try {
                Set<Path> changed = GitChanges.since(changedSince, cwd);
                engine.judgeOnly(f -> changed.contains(GitChanges.normal(f)));
            } catch (GitChanges.Problem e) {
                throw new Main.UsageProblem("--changed-since: " + e.getMessage());
            }
        }
        List<Engine.Source> context = new ArrayList<>();
        if (db != null) {
            LiveContext.Result live = LiveContext.apply(db, dbPasswordFile, System.getenv(), s, errors);
            context.addAll(live.sources());
            live.notes().forEach(n -> spec.commandLine().getErr().println("schemagate: note: " + n));
        }
        Report report = run(engine, cwd, s, context);
        if (!errors.isEmpty()) {
            List<InputError> all = new ArrayList<>(errors);
            all.addAll(report.getErrors());
            report = new Report(report.getToolVersion(), report.getTarget(), report.getFiles(), report.getFindings(),
                    all, report.getRules(), report.getFailOn());
        }
        String text = writer.write(report);
        if (output != null) {
            Output.writeAtomically(cwd.resolve(output), text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        if (output != null || !(writer instanceof TextWriter)) {
            for (InputError e : report.getErrors()) {
                spec.commandLine().getErr().println("schemagate: " + e);
            }
        }
        return report.exitCode();
    }

    /** Runs the check (verify runs its round trips here too). */
    Report run(Engine engine, Path cwd, Settings s, List<Engine.Source> context) {
        return engine.check(paths, cwd, s, context);
    }

    private static String shown(Path cwd, Path p) {
        Path abs = cwd.resolve(p).normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }
}
