package dev.schemagate.live.scratch;

import dev.schemagate.live.LiveException;
import dev.schemagate.model.Dialect;
import java.sql.Connection;

/**
 * A database server SchemaGate may write to: one it started itself (embedded PostgreSQL, a SQLite file, a
 * private MariaDB server) or one the user named as scratch. {@link #freshDatabase()} hands out a new, empty
 * database for each verify run, so one server start serves many runs (and a whole test suite).
 */
public interface ScratchServer extends AutoCloseable {
    Dialect dialect();

    /** What it is, e.g. "embedded PostgreSQL 17.6". */
    String describe();

    /** What this substitute cannot show compared with a production server; empty when nothing is known. */
    String limitations();

    /** A new, empty database with write access. The caller closes the connection. */
    Connection freshDatabase() throws LiveException;

    /** Creates database {@code name} (dropping a leftover of that name) through an administrative connection. */
    static void createDatabase(Connection admin, String name) throws java.sql.SQLException {
        try (java.sql.Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
    }

    /** Stops what SchemaGate started; never touches a user's scratch database. */
    @Override
    void close();
}
