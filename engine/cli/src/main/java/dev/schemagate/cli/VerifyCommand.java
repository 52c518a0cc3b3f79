package dev.schemagate.cli;

import dev.schemagate.core.Engine;
import dev.schemagate.core.Settings;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.SourceFile;
import dev.schemagate.core.report.Report;
import dev.schemagate.live.Credentials;
import dev.schemagate.live.DbUrl;
import dev.schemagate.live.LiveException;
import dev.schemagate.live.Redactor;
import dev.schemagate.live.scratch.EmbeddedPostgresServer;
import dev.schemagate.live.scratch.MariadbServer;
import dev.schemagate.live.scratch.MongoScratch;
import dev.schemagate.live.scratch.ScratchServer;
import dev.schemagate.live.scratch.SqliteScratch;
import dev.schemagate.live.scratch.UserScratch;
import dev.schemagate.live.verify.Verifier;
import dev.schemagate.model.Dialect;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code schemagate verify PATH}: everything {@code check} does, plus the migrations run in a throwaway database
 * SchemaGate starts itself (or a scratch database the user gives): up, down and up again per migration, with
 * catalog snapshots compared, and with {@code --rows N} measured timings, locks and rewrites.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the migrations in a throwaway database: for each migration, up, down and up again, "
                + "comparing the schema after each step; with --rows, measures each statement on generated rows.",
                "Reports what check reports as well. Databases: embedded PostgreSQL 17 (postgres), a SQLite file "
                        + "(sqlite), a private mariadbd from the system's mariadb-server (mariadb, mysql), a private "
                        + "mongod or else an in-process substitute (mongodb), or --scratch-url."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  passed", "  1  policy failed: a finding at or above --fail-on",
                "  2  usage or input error (also: no throwaway database could be started)",
                "  3  internal error (please report it)"})
final class VerifyCommand extends CheckCommand {
    @Option(names = "--rows", paramLabel = "N", description = "Fill the tables each migration touches with N "
            + "generated rows first, and measure every statement (time; on PostgreSQL also locks and rewrites).")
    Integer rows;

    @Option(names = "--from", paramLabel = "ID", description = "Migration id from which migrations are under test; "
            + "the ones before it are only applied (default: all are under test).")
    String from;

    @Option(names = "--scratch-url", paramLabel = "URL", description = "An empty database SchemaGate may write to, "
            + "instead of starting one (never the --db database). Password: SCHEMAGATE_SCRATCH_PASSWORD or "
            + "--scratch-password-file.")
    String scratchUrl;

    @Option(names = "--scratch-password-file", paramLabel = "FILE", description = "File whose first line is the "
            + "--scratch-url password.")
    Path scratchPasswordFile;


    @Override
    Report run(Engine engine, Path cwd, Settings s, List<Engine.Source> context) {
        if (rows != null && (rows < 0 || rows > 10_000_000)) {
            throw new Main.UsageProblem("--rows: give a number from 0 to 10000000");
        }
        Dialect d = s.getDialect() != null ? s.getDialect() : detect(cwd);
        Verifier.Options o = new Verifier.Options();
        o.dialect = d;
        o.rows = rows;
        o.from = from;
        long t0 = System.nanoTime();
        if (d == Dialect.MONGODB) {
            return mongo(engine, cwd, s, context, o, t0);
        }
        try (ScratchServer server = server(d)) {
            return run(new Verifier(engine, server, o), server.describe(), server.limitations(), t0, cwd, s, context);
        } catch (LiveException e) {
            throw new Main.UsageProblem(e.getMessage());
        }
    }

    /** MongoDB: a private mongod when installed (or SCHEMAGATE_MONGOD), else the in-process substitute. */
    private Report mongo(Engine engine, Path cwd, Settings s, List<Engine.Source> context, Verifier.Options o, long t0) {
        if (scratchUrl != null) {
            throw new Main.UsageProblem("--scratch-url is not supported for MongoDB yet; verify starts mongod (from "
                    + "SCHEMAGATE_MONGOD or the PATH) or the in-process substitute itself");
        }
        try (MongoScratch server = MongoScratch.start()) {
            return run(new Verifier(engine, server, o), server.describe(), server.limitations(), t0, cwd, s, context);
        } catch (LiveException e) {
            throw new Main.UsageProblem(e.getMessage());
        }
    }

    /** Says which database verify runs on and what it cannot show, runs the verifier, and prints its notes. */
    private Report run(Verifier v, String describe, String limitations, long t0, Path cwd, Settings s,
                       List<Engine.Source> context) {
        spec.commandLine().getErr().println("schemagate: verify on " + describe + " (started in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms); what it cannot show: " + limitations);
        Report r = v.verify(paths, cwd, s, context);
        v.notes().forEach(n -> spec.commandLine().getErr().println("schemagate: note: " + n));
        return r;
    }

    private ScratchServer server(Dialect d) throws LiveException {
        if (scratchUrl != null) {
            Redactor r = new Redactor();
            DbUrl url = DbUrl.parse(scratchUrl);
            Map<String, String> env = new HashMap<>();
            String pw = System.getenv("SCHEMAGATE_SCRATCH_PASSWORD");
            if (pw != null) {
                env.put("SCHEMAGATE_DB_PASSWORD", pw);
            }
            Credentials c = Credentials.resolve(url, scratchPasswordFile, env, r);
            DbUrl readOnly = db == null ? null : DbUrl.parse(db);
            if (url.dialect() != d && !(url.dialect().isMysqlFamily() && d.isMysqlFamily())) {
                throw new LiveException("--scratch-url is a " + url.dialect().id() + " database but the migrations are "
                        + d.id() + "; give --dialect or a matching scratch database");
            }
            return new UserScratch(url, c, r, readOnly);
        }
        return switch (d) {
            case POSTGRES -> EmbeddedPostgresServer.start();
            case SQLITE -> new SqliteScratch();
            case MYSQL, MARIADB -> MariadbServer.start();
            case MONGODB -> throw new LiveException("MongoDB is verified on MongoScratch");
        };
    }

    /** The dialect the files' names and folders say, else PostgreSQL. */
    private Dialect detect(Path cwd) {
        for (SourceFile f : Discovery.discover(paths, cwd).files) {
            if (f.getMigration().getDialect() != null) {
                return f.getMigration().getDialect();
            }
        }
        return Dialect.POSTGRES;
    }
}
