package dev.schemagate.live.scratch;

import dev.schemagate.live.Credentials;
import dev.schemagate.live.DbUrl;
import dev.schemagate.live.LiveException;
import dev.schemagate.live.Redactor;
import dev.schemagate.live.Sessions;
import dev.schemagate.model.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A scratch database the user names with {@code --scratch-url} and says may be written. It must be empty (no
 * tables), must not be the {@code --db} database, and is left as verify leaves it (SchemaGate drops nothing).
 */
public final class UserScratch implements ScratchServer {
    private final DbUrl url;
    private final Credentials creds;
    private final Redactor redactor;
    private boolean used;

    public UserScratch(DbUrl url, Credentials creds, Redactor redactor, DbUrl readOnlyDb) throws LiveException {
        if (readOnlyDb != null && readOnlyDb.identity().equals(url.identity())) {
            throw new LiveException("--scratch-url " + url.masked() + " names the same database as --db; verify writes "
                    + "to its scratch database, so give a separate, empty one");
        }
        this.url = url;
        this.creds = creds;
        this.redactor = redactor;
    }

    @Override
    public Dialect dialect() {
        return url.dialect();
    }

    @Override
    public String describe() {
        return "scratch database " + url.masked();
    }

    @Override
    public String limitations() {
        return "a database the user provided: as representative as its server and data are";
    }

    @Override
    public Connection freshDatabase() throws LiveException {
        if (used) {
            throw new LiveException("--scratch-url: the scratch database was already used in this run");
        }
        used = true;
        Connection c = Sessions.writable(url, creds, redactor);
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && (schema.equals("pg_catalog") || schema.equals("information_schema"))) {
                    continue;
                }
                String name = rs.getString("TABLE_NAME");
                c.close();
                throw new LiveException("--scratch-url " + url.masked() + " is not empty (it has table " + name
                        + "); verify needs an empty database it may write to");
            }
        } catch (SQLException e) {
            throw new LiveException(redactor.clean(url.masked() + ": cannot list tables: " + e.getMessage()));
        }
        return c;
    }

    @Override
    public void close() {
        // never drops or changes anything in a user's database
    }
}
