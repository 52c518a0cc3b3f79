package dev.schemagate.model;

import java.util.Locale;

/** The database families SchemaGate reads. MariaDB shares the MySQL reader but has its own version line. */
public enum Dialect {
    POSTGRES("postgres", "17"),
    MYSQL("mysql", "8.4"),
    MARIADB("mariadb", "11.4"),
    SQLITE("sqlite", "3.46"),
    MONGODB("mongodb", "8.0");

    private final String id;
    private final String defaultVersion;

    Dialect(String id, String defaultVersion) {
        this.id = id;
        this.defaultVersion = defaultVersion;
    }

    public String id() {
        return id;
    }

    /** The server version assumed when the user names none: a current release. */
    public String defaultVersion() {
        return defaultVersion;
    }

    /** Parses a dialect name as users and migration tools spell it; returns null when unknown. */
    public static Dialect parse(String s) {
        if (s == null) {
            return null;
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "postgres": case "postgresql": case "pg": case "pgsql": case "cockroach": case "cockroachdb":
                return POSTGRES;
            case "mysql":
                return MYSQL;
            case "mariadb": case "maria":
                return MARIADB;
            case "sqlite": case "sqlite3":
                return SQLITE;
            case "mongodb": case "mongo":
                return MONGODB;
            default:
                return null;
        }
    }

    public boolean isMysqlFamily() {
        return this == MYSQL || this == MARIADB;
    }

    @Override
    public String toString() {
        return id;
    }
}
