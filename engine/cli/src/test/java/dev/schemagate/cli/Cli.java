package dev.schemagate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the command line in-process and captures its output. */
final class Cli {
    static final Path ROOT = Path.of(System.getProperty("schemagate.root", "../..")).toAbsolutePath().normalize();
    static final String EXAMPLE = ROOT.resolve("examples/postgres-flyway").toString();

    final int code;
    final String out;
    final String err;

    private Cli(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Cli(code, o.toString(), e.toString());
    }

    /** Runs as if started in {@code dir}. */
    static Cli runIn(Path dir, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e), dir);
        return new Cli(code, o.toString(), e.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
    }
}
