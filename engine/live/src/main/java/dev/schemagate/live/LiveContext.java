package dev.schemagate.live;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.model.Migration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code check --db URL}: reads a live database through a read-only session and turns what it says into check
 * input: the schema as a context source replayed before the migrations (never judged), the server version
 * (unless the user named one), and row counts and sizes for tables the stats file does not cover. A database
 * that cannot be read is an input error; the check goes on without it.
 */
public final class LiveContext {
    /** The context sources, plus what to tell the user on standard error. */
    public record Result(List<Engine.Source> sources, List<String> notes, Introspection introspection) {
    }

    private LiveContext() {
    }

    /** MongoDB: read through a session that only sends read commands; says when the account itself could write. */
    private static Introspection mongo(DbUrl url, Credentials c, Redactor r, List<String> notes) throws LiveException {
        try (dev.schemagate.live.mongo.MongoSession m = dev.schemagate.live.mongo.MongoSession.open(url, c, r)) {
            Introspection in = dev.schemagate.live.mongo.MongoIntrospector.read(m, true);
            List<String> w = m.writeActions();
            if (!w.isEmpty()) {
                notes.add(url.masked() + ": this account could write (" + String.join(", ", w) + "); SchemaGate sent "
                        + "read commands only, but a read-only user (role 'read') is safer");
            }
            return in;
        } catch (com.mongodb.MongoException e) {
            throw new LiveException(r.clean(url.masked() + ": cannot read the schema: " + e.getMessage()));
        }
    }

    public static Result apply(String rawUrl, Path passwordFile, Map<String, String> env, Settings s,
                               List<InputError> errors) {
        Redactor r = new Redactor();
        List<String> notes = new ArrayList<>();
        DbUrl url;
        try {
            url = DbUrl.parse(rawUrl);
        } catch (LiveException e) {
            errors.add(new InputError("--db", 0, 0, r.clean(e.getMessage())));
            return new Result(List.of(), notes, null);
        }
        try {
            Credentials c = Credentials.resolve(url, passwordFile, env, r);
            notes.addAll(c.warnings());
            Introspection in;
            if (url.dialect() == dev.schemagate.model.Dialect.MONGODB) {
                in = mongo(url, c, r, notes);
            } else {
                try (Connection conn = Sessions.readOnly(url, c, r)) {
                    in = Introspector.of(url.dialect()).read(conn, true);
                } catch (SQLException e) {
                    throw new LiveException(r.clean(url.masked() + ": cannot read the schema: " + e.getMessage()));
                }
            }
            if (s.getDialect() == null) {
                s.setDialect(in.dialect());
            }
            if (in.dialect() == dev.schemagate.model.Dialect.SQLITE) {
                // the file does not say which SQLite library the application links; the one read here is SchemaGate's
                if (!s.hasVersion(in.dialect())) {
                    notes.add("a SQLite file does not record the SQLite version the application uses; give "
                            + "--sqlite-version (checking for " + s.version(in.dialect()) + ")");
                }
            } else if (!s.hasVersion(in.dialect())) {
                s.setVersion(in.dialect(), in.version());
            } else if (!s.version(in.dialect()).equals(in.version())) {
                notes.add("the database runs " + in.dialect().id() + " " + in.version() + "; checking for "
                        + s.version(in.dialect()) + " as the options say");
            }
            in.stats().forEach((table, st) -> s.getStats().putIfAbsent(table, st));
            Migration m = new Migration(url.masked(), "live schema", in.dialect(), Migration.Direction.UP, "live",
                    Migration.TxMode.NONE);
            notes.add("read " + in.snapshot().objects().keySet().stream().filter(o -> o.startsWith("table ")
                    || o.startsWith("collection ")).count() + (in.dialect() == dev.schemagate.model.Dialect.MONGODB
                    ? " collections from " : " tables from ") + url.masked() + " (" + in.versionText().lines().findFirst().orElse("") + ")");
            return new Result(List.of(Engine.Source.context(m, in.ddl())), notes, in);
        } catch (LiveException e) {
            errors.add(new InputError("--db", 0, 0, r.clean(e.getMessage())
                    + "; the migrations were checked without the live schema"));
            return new Result(List.of(), notes, null);
        }
    }
}
