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
        int filled = (int) ((long) WIDTH * Math.min(done, total) / total);
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + phase + " " + done + "/" + total + "   ");
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
