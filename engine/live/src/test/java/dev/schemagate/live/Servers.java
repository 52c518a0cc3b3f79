package dev.schemagate.live;

import dev.schemagate.live.scratch.EmbeddedPostgresServer;
import dev.schemagate.live.scratch.MariadbServer;
import dev.schemagate.live.scratch.SqliteScratch;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real servers the tests use, each started once per test run (lazily) and stopped when the JVM exits.
 * MariaDB is required: when {@code mariadbd} is missing, the tests that need it fail with the reason, because
 * CI installs it ({@code .ci/run}).
 */
public final class Servers {
    private static EmbeddedPostgresServer pg;
    private static MariadbServer maria;
    private static SqliteScratch sqlite;
    /** Start-up times in ms, printed once for the benchmark notes. */
    public static long pgStartMs;
    public static long mariaStartMs;
    public static long mongoStartMs;
    private static dev.schemagate.live.scratch.MongoScratch mongo;

    private Servers() {
    }

    public static synchronized EmbeddedPostgresServer postgres() throws LiveException {
        if (pg == null) {
            long t = System.nanoTime();
            pg = EmbeddedPostgresServer.start();
            pgStartMs = (System.nanoTime() - t) / 1_000_000;
            System.err.println("[servers] embedded PostgreSQL " + pg.version() + " started in " + pgStartMs + " ms");
            EmbeddedPostgresServer p = pg;
            Runtime.getRuntime().addShutdownHook(new Thread(p::close));
        }
        return pg;
    }

    public static synchronized MariadbServer mariadb() throws LiveException {
        if (maria == null) {
            String why = MariadbServer.unavailableReason();
            if (why != null) {
                fail("MariaDB is needed by this test and is missing: " + why + ". CI installs it in .ci/run.");
            }
            long t = System.nanoTime();
            maria = MariadbServer.start();
            mariaStartMs = (System.nanoTime() - t) / 1_000_000;
            System.err.println("[servers] MariaDB " + maria.version() + " started in " + mariaStartMs + " ms");
            MariadbServer m = maria;
            Runtime.getRuntime().addShutdownHook(new Thread(m::close));
        }
        return maria;
    }

    /** Runs statements on a connection (test set-up). */
    public static void exec(java.sql.Connection c, String... sql) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** MongoDB: a private mongod when one is installed (or SCHEMAGATE_MONGOD), else the in-process substitute. */
    public static synchronized dev.schemagate.live.scratch.MongoScratch mongo() throws LiveException {
        if (mongo == null) {
            long t = System.nanoTime();
            mongo = dev.schemagate.live.scratch.MongoScratch.start();
            mongoStartMs = (System.nanoTime() - t) / 1_000_000;
            System.err.println("[servers] " + mongo.describe() + " started in " + mongoStartMs + " ms");
            dev.schemagate.live.scratch.MongoScratch m = mongo;
            Runtime.getRuntime().addShutdownHook(new Thread(m::close));
        }
        return mongo;
    }

    public static synchronized SqliteScratch sqlite() throws LiveException {
        if (sqlite == null) {
            sqlite = new SqliteScratch();
            SqliteScratch s = sqlite;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        }
        return sqlite;
    }
}
