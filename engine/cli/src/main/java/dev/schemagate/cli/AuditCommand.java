package dev.schemagate.cli;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.SettingsKeys;
import dev.schemagate.core.audit.Audit;
import dev.schemagate.core.audit.AuditHtml;
import dev.schemagate.core.audit.AuditJson;
import dev.schemagate.core.audit.AuditMarkdown;
import dev.schemagate.core.history.History;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.report.Report;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Audits a whole migration history: per migration its changes by type, risks, destructive changes "
                + "and whether its down migration restores them, suppressions used; totals; the schema's growth.",
                "Writes Markdown (default), JSON or one self-contained HTML page with charts."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  audit written", "  2  usage or input error (the audit is still written, listing what was not read)",
                "  3  internal error (please report it)"})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Migration folders or files.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "markdown, json or html (default markdown).")
    String format = "markdown";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the audit to FILE (whole or not at all).")
    Path output;

    @Option(names = "--tool", paramLabel = "NAME", description = "Migration tool (default: detected): "
            + "flyway, liquibase, prisma, golang-migrate, dbmate, diesel, sqitch, popx, migrate-mongo or plain.")
    String tool;

    @Option(names = "--dialect", paramLabel = "NAME", description = "postgres, mysql, mariadb, sqlite or mongodb "
            + "(default: detected per file).")
    String dialect;

    @Option(names = "--pg-version", paramLabel = "VERSION", description = "PostgreSQL server version (default 17).")
    String pgVersion;

    @Option(names = "--sqlite-version", paramLabel = "VERSION", description = "SQLite library version (default 3.46).")
    String sqliteVersion;

    @picocli.CommandLine.Mixin
    SettingsOptions settingsOptions = new SettingsOptions();

    @Option(names = "--no-progress", description = "No progress bar (there is none in CI or without a terminal anyway).")
    boolean noProgress;

    @Override
    public Integer call() {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("markdown") && !fmt.equals("md") && !fmt.equals("json") && !fmt.equals("html")) {
            throw new Main.UsageProblem("--format: unknown format '" + format + "' (use markdown, json or html)");
        }
        if (tool != null && !Discovery.TOOLS.contains(tool)) {
            throw new Main.UsageProblem("--tool: unknown tool '" + tool + "' (use one of " + String.join(", ", Discovery.TOOLS) + ")");
        }
        Path cwd = Main.workdir(spec);
        Settings s = new Settings();
        List<InputError> errors = new ArrayList<>();
        PolicyOptions.Loaded policy = settingsOptions.load(cwd, s, errors);
        try {
            if (dialect != null) {
                SettingsKeys.applyOne(s, "dialect", dialect);
            }
            if (pgVersion != null) {
                SettingsKeys.applyOne(s, "pg_version", pgVersion);
            }
            if (sqliteVersion != null) {
                SettingsKeys.applyOne(s, "sqlite_version", sqliteVersion);
            }
        } catch (IllegalArgumentException e) {
            throw new Main.UsageProblem(e.getMessage());
        }
        settingsOptions.applyToday(s);
        s.setTool(tool);
        policy.compile(s);
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = new ProgressBar(err, !noProgress && ProgressBar.terminal());
        History history = new History();
        history.setProgress(bar::step);
        Discovery.Result found = Discovery.discover(paths, cwd, tool);
        Report report = policy.engine.check(found, paths, cwd, s, history);
        bar.done();
        errors.addAll(report.getErrors());
        Audit audit = Audit.of(report, history, found.layouts);
        String text = fmt.equals("json") ? AuditJson.render(audit, Engine.VERSION)
                : fmt.equals("html") ? AuditHtml.render(audit, Engine.VERSION) : AuditMarkdown.render(audit);
        if (output != null) {
            Output.writeAtomically(cwd.resolve(output), text);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        // files of a dialect without a reader are listed in the audit; one line says how many, not one line each
        java.util.Map<String, Integer> noReader = new java.util.TreeMap<>();
        for (InputError e : errors) {
            String m = e.getMessage();
            if (m != null && m.startsWith("no reader for dialect ")) {
                noReader.merge(m.substring("no reader for dialect ".length()).split(" ")[0], 1, Integer::sum);
            } else {
                err.println("schemagate: " + e);
            }
        }
        if (!noReader.isEmpty()) {
            List<String> parts = new ArrayList<>();
            noReader.forEach((d, n) -> parts.add(d + " " + n));
            err.println("schemagate: " + noReader.values().stream().mapToInt(Integer::intValue).sum()
                    + " migration files have no reader for their dialect in this build (" + String.join(", ", parts)
                    + "); the audit lists them as not read");
        }
        return errors.isEmpty() ? 0 : 2;
    }
}
