package dev.schemagate.live.scratch;

import dev.schemagate.live.LiveException;
import dev.schemagate.model.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** SQLite files in a private temporary directory (sqlite-jdbc's bundled SQLite), deleted on {@link #close()}. */
public final class SqliteScratch implements ScratchServer {
    private final Path dir;
    private final AtomicInteger counter = new AtomicInteger();
    private String version = "?";

    public SqliteScratch() throws LiveException {
        try {
            this.dir = Files.createTempDirectory("schemagate-sqlite");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                version = rs.getString(1);
            }
        } catch (SQLException e) {
            throw new LiveException("cannot open SQLite: " + e.getMessage());
        } catch (IOException e) {
            throw new LiveException("cannot create a temporary directory for SQLite: " + e.getMessage());
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public String describe() {
        return "SQLite " + version + " (temporary file)";
    }

    @Override
    public String limitations() {
        return "the SQLite library bundled with SchemaGate, which may be newer than the application's (ALTER TABLE "
                + "DROP COLUMN needs 3.35, STRICT 3.37); one connection, so SQLITE_BUSY under concurrent writers is "
                + "not shown";
    }

    @Override
    public Connection freshDatabase() throws LiveException {
        Path f = dir.resolve("verify-" + counter.incrementAndGet() + ".db");
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + f);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
            }
            return c;
        } catch (SQLException e) {
            throw new LiveException("cannot create a SQLite scratch file: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left behind in the temporary directory
        }
    }
}
