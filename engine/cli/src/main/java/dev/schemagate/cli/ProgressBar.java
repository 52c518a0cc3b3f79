package dev.schemagate.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, redrawn in place. Only on a terminal, and never in CI logs (where
 * {@code CI} is set), so logs and piped output stay clean.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean on;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean on) {
        this.err = err;
        this.on = on;
    }

    /** Whether standard error goes to a person: a console, and not a CI job. */
    static boolean terminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    void step(String phase, int done, int total) {
        if (!on || total <= 0) {
            return;
        }
        // reading is the first tenth of the work, replay most of it, rules and the report the rest
        double f = Math.min(done, total) / (double) total;
        double overall = phase.equals("read") ? 0.1 : phase.equals("replay") ? 0.1 + 0.7 * f : 0.9;
        int filled = (int) (WIDTH * overall);
        String what = phase.equals("replay") ? "replaying migration " + done + "/" + total : phase.equals("read")
                ? "reading files" : "running rules";
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + what + "   ");
        err.flush();
        drawn = true;
    }

    void done() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            err.flush();
        }
    }
}
