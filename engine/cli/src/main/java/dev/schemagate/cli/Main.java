package dev.schemagate.cli;

import dev.schemagate.core.Engine;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code schemagate}: checks database schema migrations against safety policies.
 *
 * <p>Exit codes: 0 passed; 1 the policy failed (a finding at or above {@code --fail-on}); 2 a usage or input
 * error (bad option, missing file, unreadable config); 3 an internal error (a bug: please report it).
 */
@Command(name = "schemagate", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Checks database schema migrations for locking, rewrites, data loss and unsafe patterns, "
                + "and says how to ship them safely.",
        subcommands = {CheckCommand.class, AuditCommand.class, PlanCommand.class, VerifyCommand.class, RulesCommand.class,
                ExplainCommand.class, DocsCommand.class, PolicyCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  passed", "  1  policy failed: a finding at or above --fail-on",
                "  2  usage or input error", "  3  internal error (please report it)"})
public final class Main implements Runnable {
    public static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("schemagate: " + ex.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageProblem) {
                commandLine.getErr().println("schemagate: " + ex.getMessage());
                return 2;
            }
            commandLine.getErr().println("schemagate: internal error: " + ex
                    + "\nThis is a bug in SchemaGate; please report it with the command you ran."
                    + (System.getenv("SCHEMAGATE_DEBUG") != null ? "" : " Set SCHEMAGATE_DEBUG=1 to see the stack trace."));
            if (System.getenv("SCHEMAGATE_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return EXIT_INTERNAL;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** A mistake in how the command was called, reported without a stack trace (exit 2). */
    static final class UsageProblem extends RuntimeException {
        UsageProblem(String message) {
            super(message, null, false, false);
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"schemagate " + Engine.VERSION, "Java " + System.getProperty("java.version")};
        }
    }
}
