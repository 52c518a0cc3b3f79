package dev.schemagate.maven;

import dev.schemagate.cli.Main;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code schemagate:check}: runs {@code schemagate check} on the project's migrations during {@code verify}.
 *
 * <p>Every parameter maps to the command-line option of the same name; anything left out comes from
 * {@code schemagate.yaml} in the project directory (or {@code configFile}), as on the command line. Relative
 * paths are resolved against the project directory, and file names in the report are relative to it.
 * Exit semantics are the command's: a policy failure (exit 1) fails the build with a
 * {@link MojoFailureException}; a usage or input error (exit 2) and an internal error (exit 3) with a
 * {@link MojoExecutionException} carrying the message.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public final class CheckMojo extends AbstractMojo {
    /** The project directory: relative paths are resolved against it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    /** Migration files or folders (default {@code src/main/resources/db/migration}, Flyway's location). */
    @Parameter(property = "schemagate.paths")
    List<String> paths = new ArrayList<>();

    /** postgres, mysql, mariadb, sqlite or mongodb (default: from file names and folders). */
    @Parameter(property = "schemagate.dialect")
    String dialect;

    /** PostgreSQL server version (default 17). */
    @Parameter(property = "schemagate.pgVersion")
    String pgVersion;

    /** Settings file (default {@code schemagate.yaml} in the project directory, when present). */
    @Parameter(property = "schemagate.configFile")
    File configFile;

    /** Table sizes (YAML). */
    @Parameter(property = "schemagate.statsFile")
    File statsFile;

    /** Lowest risk that fails the build: NONE, LOW, MEDIUM, HIGH or CRITICAL (default HIGH). */
    @Parameter(property = "schemagate.failOn")
    String failOn;

    /** text, json, sarif, junit, github, gitlab or markdown-summary (default text). */
    @Parameter(property = "schemagate.format")
    String format;

    /** Write the report to this file instead of the build log. */
    @Parameter(property = "schemagate.output")
    File output;

    /** Check only migrations added or changed since this git ref (the rest is replayed for context). */
    @Parameter(property = "schemagate.changedSince")
    String changedSince;

    /** Rules that are off by default to turn on. */
    @Parameter
    List<String> includes = new ArrayList<>();

    /** Rules to turn off. */
    @Parameter
    List<String> excludes = new ArrayList<>();

    /** Any other {@code schemagate check} options, passed as they are (e.g. {@code --lock-timeout=2s}). */
    @Parameter
    List<String> arguments = new ArrayList<>();

    /** Skips the check. */
    @Parameter(property = "schemagate.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("SchemaGate check skipped");
            return;
        }
        List<String> args = arguments();
        getLog().debug("schemagate " + String.join(" ", args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // dialects and rule packs are found with ServiceLoader on the context class loader: make it this plugin's
        thread.setContextClassLoader(CheckMojo.class.getClassLoader());
        try {
            code = Main.run(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err), basedir.toPath());
        } finally {
            thread.setContextClassLoader(previous);
        }
        verdict(code, out.toString(), err.toString(), output, getLog());
    }

    /** The command line this configuration stands for. */
    List<String> arguments() {
        List<String> a = new ArrayList<>();
        a.add("check");
        a.addAll(paths.isEmpty() ? List.of("src/main/resources/db/migration") : paths);
        option(a, "--dialect", dialect);
        option(a, "--pg-version", pgVersion);
        option(a, "--config", configFile == null ? null : configFile.getPath());
        option(a, "--stats", statsFile == null ? null : statsFile.getPath());
        option(a, "--fail-on", failOn);
        option(a, "--format", format);
        option(a, "--output", output == null ? null : output.getPath());
        option(a, "--changed-since", changedSince);
        for (String r : includes) {
            option(a, "--include", r);
        }
        for (String r : excludes) {
            option(a, "--exclude", r);
        }
        a.addAll(arguments);
        return a;
    }

    private static void option(List<String> a, String name, String value) {
        if (value != null && !value.isBlank()) {
            a.add(name);
            a.add(value.strip());
        }
    }

    /** Logs the report and turns the exit code into the build's outcome. */
    static void verdict(int code, String out, String err, File output, Log log)
            throws MojoExecutionException, MojoFailureException {
        for (String line : out.split("\n", -1)) {
            if (!line.isEmpty()) {
                log.info(line);
            }
        }
        StringBuilder problems = new StringBuilder();
        for (String line : err.split("\n")) {
            if (!line.isBlank()) {
                log.error(line);
                problems.append(problems.length() == 0 ? "" : "\n").append(line.strip());
            }
        }
        if (problems.length() == 0) { // the text report lists input errors itself, as "error: file:line:col: ..."
            for (String line : out.split("\n")) {
                if (line.startsWith("error: ")) {
                    problems.append(problems.length() == 0 ? "" : "\n").append(line.substring(7));
                }
            }
        }
        String where = output == null ? "" : " (report: " + output.getPath() + ")";
        switch (code) {
            case 0:
                return;
            case 1:
                throw new MojoFailureException("SchemaGate: policy failed, findings at or above the fail-on risk"
                        + where + ". Fix the migrations, or suppress a finding with a reason "
                        + "(-- schemagate:ignore RULE -- why).");
            case 2:
                throw new MojoExecutionException("SchemaGate: usage or input error" + where + ": "
                        + (problems.length() == 0 ? "see the report" : problems));
            default:
                throw new MojoExecutionException("SchemaGate: internal error (exit " + code + "): " + problems);
        }
    }
}
