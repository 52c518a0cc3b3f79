package dev.schemagate.live.scratch;

import dev.schemagate.live.LiveException;
import dev.schemagate.model.Dialect;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private MariaDB server from the system's installation (Debian {@code mariadb-server}): a data directory made
 * with {@code mariadb-install-db} in a temporary directory, then {@code mariadbd --no-defaults} on 127.0.0.1 and
 * a free port, stopped and removed on {@link #close()}. Nothing of the system's own server or configuration is
 * used.
 */
public final class MariadbServer implements ScratchServer {
    private static final String[] DIRS = {"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin",
            "/usr/local/mysql/bin"};

    private final Path dir;
    private final Process process;
    private final int port;
    private final String version;
    private final AtomicInteger counter = new AtomicInteger();

    private MariadbServer(Path dir, Process process, int port, String version) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.version = version;
    }

    /** Finds a program on PATH or in the usual system folders; null when absent. */
    static Path find(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of(DIRS));
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Why this machine cannot start MariaDB, or null when it can. */
    public static String unavailableReason() {
        if (find("mariadbd") == null) {
            return "no mariadbd program found (on Debian or Ubuntu: apt-get install mariadb-server)";
        }
        if (find("mariadb-install-db") == null) {
            return "no mariadb-install-db program found (on Debian or Ubuntu: apt-get install mariadb-server)";
        }
        return null;
    }

    public static MariadbServer start() throws LiveException {
        String why = unavailableReason();
        if (why != null) {
            throw new LiveException("cannot start MariaDB: " + why);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("schemagate-mariadb");
        } catch (IOException e) {
            throw new LiveException("cannot create a temporary directory for MariaDB: " + e.getMessage());
        }
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        Process p = null;
        try {
            List<String> install = List.of(find("mariadb-install-db").toString(), "--no-defaults", "--user=root",
                    "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db",
                    "--skip-name-resolve");
            Process ip = new ProcessBuilder(install).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("install.log").toFile()).start();
            if (!ip.waitFor(60, TimeUnit.SECONDS) || ip.exitValue() != 0) {
                ip.destroyForcibly();
                throw new LiveException("cannot start MariaDB: mariadb-install-db failed: "
                        + tail(dir.resolve("install.log")));
            }
            int port = freePort();
            List<String> cmd = List.of(find("mariadbd").toString(), "--no-defaults", "--user=root",
                    "--datadir=" + data, "--socket=" + dir.resolve("mysqld.sock"), "--port=" + port,
                    "--bind-address=127.0.0.1", "--pid-file=" + dir.resolve("mysqld.pid"), "--log-error=" + log,
                    "--skip-log-bin", "--skip-name-resolve", "--innodb-buffer-pool-size=32M",
                    "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--performance-schema=OFF");
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            SQLException last = null;
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new LiveException("cannot start MariaDB: mariadbd stopped: " + tail(log));
                }
                try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "");
                     Statement s = c.createStatement(); var rs = s.executeQuery("SELECT version()")) {
                    rs.next();
                    return new MariadbServer(dir, p, port, rs.getString(1));
                } catch (SQLException e) {
                    last = e;
                    Thread.sleep(50);
                }
            }
            throw new LiveException("cannot start MariaDB: no answer within 60 s"
                    + (last == null ? "" : " (" + last.getMessage() + ")") + ": " + tail(log));
        } catch (IOException e) {
            stop(p, dir);
            throw new LiveException("cannot start MariaDB: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(p, dir);
            throw new LiveException("cannot start MariaDB: interrupted");
        } catch (LiveException e) {
            stop(p, dir);
            throw e;
        }
    }

    /** The last three lines of a server log, for error messages. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.MARIADB;
    }

    @Override
    public String describe() {
        return "MariaDB " + version.replaceFirst("-.*$", "") + " (private mariadbd)";
    }

    public String version() {
        return version;
    }

    @Override
    public String limitations() {
        return "MariaDB, not MySQL: MySQL-only syntax and behaviour (ALGORITHM=INSTANT limits, invisible columns, "
                + "8.0 data dictionary) are not reproduced; a fresh server with small buffers: no concurrent sessions "
                + "(metadata-lock queues are not shown), no replicas (replication lag of a blocking ALTER is not measured)";
    }

    @Override
    public Connection freshDatabase() throws LiveException {
        String name = "sg_verify_" + counter.incrementAndGet();
        try {
            try (Connection c = DriverManager.getConnection(url(""), "root", "")) {
                ScratchServer.createDatabase(c, name);
            }
            return DriverManager.getConnection(url(name), "root", "");
        } catch (SQLException e) {
            throw new LiveException("MariaDB: cannot create a scratch database: " + e.getMessage());
        }
    }

    /** JDBC URL of a database on this server (for tests). */
    public String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        stop(process, dir);
    }

    /** Stops a server process SchemaGate started and deletes its temporary directory (when not null). */
    static void stop(Process p, Path dir) {
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // left in the temporary directory
        }
    }
}
