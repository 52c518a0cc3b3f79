package dev.schemagate.live;

import dev.schemagate.model.Dialect;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens database sessions. {@link #readOnly} is the only way {@code --db} connects: the session itself refuses
 * writes, so a bug in SchemaGate cannot change a user's database.
 * <ul>
 *   <li>PostgreSQL: {@code default_transaction_read_only=on} as a start-up option, then
 *   {@code SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY}, and a read-only JDBC connection
 *   ({@code readOnlyMode=always}, so even autocommit statements run in read-only transactions).</li>
 *   <li>MySQL/MariaDB: {@code SET SESSION TRANSACTION READ ONLY} and a read-only JDBC connection.</li>
 *   <li>SQLite: the file is opened with {@code mode=ro} (SQLITE_OPEN_READONLY) and {@code PRAGMA query_only}.</li>
 * </ul>
 */
public final class Sessions {
    private Sessions() {
    }

    public static Connection readOnly(DbUrl url, Credentials c, Redactor r) throws LiveException {
        try {
            Connection conn;
            switch (url.dialect()) {
                case POSTGRES -> {
                    Properties p = auth(c);
                    p.setProperty("readOnly", "true");
                    p.setProperty("readOnlyMode", "always");
                    p.setProperty("options", "-c default_transaction_read_only=on -c statement_timeout=60000"
                            + " -c lock_timeout=2000");
                    p.setProperty("ApplicationName", "schemagate (read only)");
                    p.setProperty("connectTimeout", "10");
                    conn = DriverManager.getConnection(url.jdbcUrl(), p);
                    conn.setReadOnly(true);
                    try (Statement s = conn.createStatement()) {
                        s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                        s.execute("SET default_transaction_read_only = on");
                    }
                }
                case MYSQL, MARIADB -> {
                    Properties p = auth(c);
                    p.setProperty("connectTimeout", "10000");
                    p.setProperty("permitMysqlScheme", "true");
                    conn = DriverManager.getConnection(url.jdbcUrl(), p);
                    try (Statement s = conn.createStatement()) {
                        s.execute("SET SESSION TRANSACTION READ ONLY");
                    }
                    conn.setReadOnly(true);
                }
                case SQLITE -> {
                    if (!Files.isRegularFile(url.sqliteFile())) {
                        throw new LiveException(url.masked() + ": no such SQLite database file");
                    }
                    org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
                    cfg.setReadOnly(true);
                    cfg.setOpenMode(org.sqlite.SQLiteOpenMode.READONLY);
                    conn = DriverManager.getConnection("jdbc:sqlite:file:" + url.sqliteFile() + "?mode=ro",
                            cfg.toProperties());
                    try (Statement s = conn.createStatement()) {
                        s.execute("PRAGMA query_only = 1");
                    }
                }
                default -> throw new LiveException(url.masked() + ": " + url.dialect().id() + " is not read yet");
            }
            return conn;
        } catch (SQLException e) {
            throw failure(url, e, r);
        }
    }

    /** A session with write access, only for databases SchemaGate created or the user named as scratch. */
    public static Connection writable(DbUrl url, Credentials c, Redactor r) throws LiveException {
        try {
            if (url.dialect() == Dialect.SQLITE) {
                Connection conn = DriverManager.getConnection(url.jdbcUrl());
                try (Statement s = conn.createStatement()) {
                    s.execute("PRAGMA foreign_keys = ON");
                }
                return conn;
            }
            Properties p = auth(c);
            p.setProperty("permitMysqlScheme", "true");
            p.setProperty("ApplicationName", "schemagate verify");
            return DriverManager.getConnection(url.jdbcUrl(), p);
        } catch (SQLException e) {
            throw failure(url, e, r);
        }
    }

    private static Properties auth(Credentials c) {
        Properties p = new Properties();
        if (c != null && c.user() != null) {
            p.setProperty("user", c.user());
        }
        if (c != null && c.password() != null) {
            p.setProperty("password", c.password());
        }
        return p;
    }

    /** A connection failure as a user-facing message, cleaned of credentials. */
    static LiveException failure(DbUrl url, SQLException e, Redactor r) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String hint = "";
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            hint = "; check that the server is running and reachable";
        } else if (state.equals("28P01") || state.equals("28000")) {
            hint = "; check the user and the password (SCHEMAGATE_DB_PASSWORD or --db-password-file)";
        }
        return new LiveException(r.clean(url.masked() + ": cannot connect: " + msg.lines().findFirst().orElse(msg) + hint));
    }
}
