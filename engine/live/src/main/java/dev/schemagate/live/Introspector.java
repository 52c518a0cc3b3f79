package dev.schemagate.live;

import dev.schemagate.model.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** Reads a database's schema, sizes and version through catalog queries only. */
public interface Introspector {
    Introspection read(Connection c, boolean withStats) throws SQLException;

    /** Catalog queries only: the schema without DDL text or stats (cheaper, used between verify steps). */
    default Snapshot snapshot(Connection c) throws SQLException {
        return read(c, false).snapshot();
    }

    static Introspector of(Dialect d) {
        return switch (d) {
            case POSTGRES -> new PgIntrospector();
            case MYSQL, MARIADB -> new MysqlIntrospector();
            case SQLITE -> new SqliteIntrospector();
            default -> throw new IllegalArgumentException(d.id() + " has no introspector yet");
        };
    }
}
