package dev.schemagate.live.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.schemagate.live.Credentials;
import dev.schemagate.live.DbUrl;
import dev.schemagate.live.LiveException;
import dev.schemagate.live.Redactor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * A MongoDB connection through which only reading commands can be sent. MongoDB has no read-only session mode
 * (nothing like PostgreSQL's {@code default_transaction_read_only}), so the guarantee is made on SchemaGate's side of
 * the wire, in two layers:
 * <ol>
 *   <li>The driver's client and database objects never leave this class. The only way to talk to the server is
 *   {@link #command}, which sends a command only when its name is in {@link #READ_COMMANDS}, and an
 *   {@code aggregate} only when every stage of its pipeline is a reading stage ({@code $out} and {@code $merge}
 *   are refused). Anything else throws {@link Refused} before a byte is sent.</li>
 *   <li>A command listener on the client sees every command the driver itself sends (handshake, authentication,
 *   session clean-up included) and records any that is neither a read command nor connection housekeeping;
 *   {@link #unexpected()} must stay empty, and the tests assert it.</li>
 * </ol>
 * Independently, {@link #writeActions()} reports which write privileges the user has on the database (from
 * {@code connectionStatus}), so the user learns when the account could write even though SchemaGate does not.
 */
public final class MongoSession implements AutoCloseable {
    /** The commands this session may send: each only reads. */
    public static final Set<String> READ_COMMANDS = Set.of("buildInfo", "connectionStatus", "listCollections",
            "listIndexes", "collStats", "count", "dbStats", "ping", "getMore", "killCursors", "aggregate");
    /** Stages an {@code aggregate} may use (no {@code $out}, no {@code $merge}). */
    static final Set<String> READ_STAGES = Set.of("$collStats", "$indexStats", "$match", "$project", "$limit",
            "$sample", "$count", "$group", "$sort", "$skip", "$unwind");
    /** What the driver sends by itself to connect, authenticate and end sessions. */
    static final Set<String> HOUSEKEEPING = Set.of("hello", "isMaster", "ismaster", "saslStart", "saslContinue",
            "authenticate", "getnonce", "endSessions", "ping", "buildinfo");
    /** Privilege actions that change data or schema. */
    static final Set<String> WRITE_ACTIONS = Set.of("insert", "update", "remove", "createCollection", "dropCollection",
            "createIndex", "dropIndex", "collMod", "renameCollectionSameDB", "dropDatabase", "convertToCapped",
            "bypassDocumentValidation", "compact", "reIndex");

    /** A command the session refuses to send. */
    public static final class Refused extends MongoException {
        Refused(String message) {
            super(message);
        }
    }

    private final MongoClient client;
    private final MongoDatabase db;
    private final String masked;
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    private MongoSession(MongoClient client, String database, String masked) {
        this.client = client;
        this.db = client.getDatabase(database);
        this.masked = masked;
    }

    /** Connects to the database of a {@code mongodb://} URL; fails (cleaned of secrets) when it cannot. */
    public static MongoSession open(DbUrl url, Credentials c, Redactor r) throws LiveException {
        MongoSession[] self = new MongoSession[1];
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent e) {
                if (self[0] != null) {
                    self[0].sent.add(e.getCommandName());
                    if (!READ_COMMANDS.contains(e.getCommandName()) && !HOUSEKEEPING.contains(e.getCommandName())) {
                        self[0].unexpected.add(e.getCommandName());
                    }
                }
            }
        };
        try {
            ConnectionString cs = new ConnectionString(url.jdbcUrl());
            MongoClientSettings.Builder b = MongoClientSettings.builder().applyConnectionString(cs)
                    .applicationName("schemagate (read only)")
                    .readPreference(ReadPreference.primaryPreferred())
                    .retryWrites(false)
                    .addCommandListener(listener)
                    .applyToSocketSettings(x -> x.readTimeout(60, TimeUnit.SECONDS));
            if (cs.getServerSelectionTimeout() == null) {
                b.applyToClusterSettings(x -> x.serverSelectionTimeout(10, TimeUnit.SECONDS));
            }
            if (cs.getConnectTimeout() == null) {
                b.applyToSocketSettings(x -> x.connectTimeout(10, TimeUnit.SECONDS));
            }
            if (c != null && c.user() != null) {
                String source = cs.getCredential() != null ? cs.getCredential().getSource() : null;
                String authSource = source != null ? source : param(url.jdbcUrl(), "authSource", "admin");
                b.credential(MongoCredential.createCredential(c.user(), authSource,
                        c.password() == null ? new char[0] : c.password().toCharArray()));
            }
            MongoClient client = MongoClients.create(b.build());
            MongoSession s = new MongoSession(client, url.mongoDatabase(), url.masked());
            self[0] = s;
            s.command(new Document("ping", 1));
            return s;
        } catch (MongoException | IllegalArgumentException e) {
            if (self[0] != null) {
                self[0].close();
            }
            throw failure(url.masked(), e, r);
        }
    }

    private static String param(String url, String name, String dflt) {
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String kv : url.substring(q + 1).split("&")) {
                if (kv.startsWith(name + "=")) {
                    return kv.substring(name.length() + 1);
                }
            }
        }
        return dflt;
    }

    static LiveException failure(String masked, Exception e, Redactor r) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String hint = "";
        if (e instanceof com.mongodb.MongoTimeoutException) {
            msg = "no server answered";
            hint = "; check that the server is running and reachable";
        } else if (e instanceof com.mongodb.MongoSecurityException) {
            hint = "; check the user and the password (SCHEMAGATE_DB_PASSWORD or --db-password-file)";
        }
        return new LiveException(r.clean(masked + ": cannot connect: " + msg.lines().findFirst().orElse(msg) + hint));
    }

    /** Sends a reading command to the database; anything else is refused before it is sent. */
    public Document command(Document cmd) {
        check(cmd);
        return db.runCommand(cmd, ReadPreference.primaryPreferred());
    }

    /** Throws {@link Refused} unless the command only reads. */
    static void check(Document cmd) {
        String name = cmd.isEmpty() ? "" : cmd.keySet().iterator().next();
        if (!READ_COMMANDS.contains(name)) {
            throw new Refused("refused to send '" + name + "': this session only reads (allowed: "
                    + new TreeSet<>(READ_COMMANDS) + ")");
        }
        if (name.equals("aggregate")) {
            Object p = cmd.get("pipeline");
            if (!(p instanceof List)) {
                throw new Refused("refused to send an aggregate without a pipeline list");
            }
            for (Object stage : (List<?>) p) {
                String st = stage instanceof Document d && !d.isEmpty() ? d.keySet().iterator().next() : "?";
                if (!READ_STAGES.contains(st)) {
                    throw new Refused("refused to send an aggregate with stage '" + st + "': this session only reads");
                }
            }
        }
    }

    /** Every document of a command's cursor (the first batch, then getMore until the cursor is exhausted). */
    public List<Document> all(Document cmd) {
        Document res = command(cmd);
        Document cursor = res.get("cursor", Document.class);
        List<Document> out = new ArrayList<>(cursor.getList("firstBatch", Document.class));
        long id = cursor.get("id", Number.class).longValue();
        String ns = cursor.getString("ns");
        String coll = ns == null ? null : ns.substring(ns.indexOf('.') + 1);
        while (id != 0 && coll != null) {
            Document more = command(new Document("getMore", id).append("collection", coll));
            Document c = more.get("cursor", Document.class);
            out.addAll(c.getList("nextBatch", Document.class));
            id = c.get("id", Number.class).longValue();
        }
        return out;
    }

    /**
     * The write privileges of the connected user on this database: empty when the user can only read; a list of
     * actions (e.g. insert, dropCollection) otherwise; {@code ["(no access control)"]} when the server does not
     * authenticate at all, so any client may write.
     */
    public List<String> writeActions() {
        Document st;
        try {
            st = command(new Document("connectionStatus", 1).append("showPrivileges", true));
        } catch (com.mongodb.MongoCommandException e) {
            return List.of("(unknown: the server does not answer connectionStatus)");
        }
        Document auth = st.get("authInfo", Document.class);
        if (auth == null) {
            return List.of("(unknown: the server did not say)");
        }
        List<?> users = auth.getList("authenticatedUsers", Object.class, List.of());
        List<?> privs = auth.getList("authenticatedUserPrivileges", Object.class, List.of());
        if (users.isEmpty() && privs.isEmpty()) {
            return List.of("(no access control)");
        }
        TreeSet<String> out = new TreeSet<>();
        for (Object o : privs) {
            if (!(o instanceof Document p)) {
                continue;
            }
            Document res = p.get("resource", Document.class);
            boolean here = res != null && (Boolean.TRUE.equals(res.get("anyResource")) || Boolean.TRUE.equals(res.get("cluster"))
                    || "".equals(res.get("db")) || db.getName().equals(res.get("db")));
            if (here) {
                for (Object a : p.getList("actions", Object.class, List.of())) {
                    if (WRITE_ACTIONS.contains(String.valueOf(a))) {
                        out.add(String.valueOf(a));
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Commands the driver sent that are neither read commands nor connection housekeeping (must stay empty). */
    public List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Names of every command sent so far, in order (for tests and the report). */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    public String databaseName() {
        return db.getName();
    }

    public String masked() {
        return masked;
    }

    @Override
    public void close() {
        client.close();
    }
}
