package dev.schemagate.live.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import dev.schemagate.dialects.js.JsValue;
import dev.schemagate.dialects.mongodb.MongoScript;
import dev.schemagate.live.Snapshot;
import dev.schemagate.live.verify.Runner;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Runs MongoDB migrations in a database SchemaGate created, without executing JavaScript: each operation the
 * MongoDB reader found (the same model {@code check} judges) is sent through the Java driver as the server command
 * the mongosh or Node.js driver method sends ({@code createIndex} becomes {@code createIndexes}, {@code updateMany}
 * an {@code update} with {@code multi: true}, ...). What it cannot run is recorded in {@link #notRun()}: calls
 * whose arguments are computed at run time, helpers from other files, shard helpers (a single server has no
 * shards), and, on the in-process server, commands it does not implement.
 */
public final class MongoTarget {
    /** Methods that only read: nothing to run for the schema. */
    static final Set<String> READS = Set.of("find", "findOne", "countDocuments", "count", "estimatedDocumentCount",
            "distinct", "listIndexes", "indexes", "getIndexes", "indexInformation", "indexExists", "stats", "watch",
            "isCapped", "options", "dataSize", "totalIndexSize", "storageSize", "validate", "listCollections",
            "getCollectionNames", "getCollectionInfos", "getName", "getMongo", "serverStatus", "version", "hostInfo",
            "currentOp", "hello", "isMaster", "collections", "initializeOrderedBulkOp", "initializeUnorderedBulkOp",
            "$down", "$session");

    /** A statement that was not run, and why. */
    public record NotRun(Statement statement, String reason) {
    }

    private final MongoDatabase db;
    private final MongoDatabase admin;
    private final boolean inProcess;
    private final Map<Statement, MongoScript.Op> ops = new IdentityHashMap<>();
    private final Map<String, NotRun> notRun = new LinkedHashMap<>();

    /** {@code admin} is the admin database of the same client (renameCollection runs there). */
    public MongoTarget(MongoDatabase db, MongoDatabase admin, boolean inProcess) {
        this.db = db;
        this.admin = admin;
        this.inProcess = inProcess;
    }

    /** Statements of the up part of a file (positions as {@code check} reports them). */
    public List<Statement> up(Migration m, String text) {
        return statements(m, MongoScript.up(m.getPath(), text));
    }

    /** Statements of a migrate-mongo {@code down()}, or null when the file has none. */
    public List<Statement> down(Migration m, String text) {
        List<MongoScript.Op> d = MongoScript.down(m.getPath(), text);
        return d == null ? null : statements(m, d);
    }

    private List<Statement> statements(Migration m, List<MongoScript.Op> list) {
        List<Statement> out = new ArrayList<>();
        for (MongoScript.Op o : list) {
            Statement s = new Statement(m, out.size(), o.line(), o.column(), o.endLine(), o.endColumn(), o.text(), List.of());
            ops.put(s, o);
            out.add(s);
        }
        return out;
    }

    public Snapshot snapshot() {
        return MongoCatalog.snapshot(MongoCatalog.read(this::all));
    }

    private List<Document> all(Document cmd) {
        Document res = db.runCommand(cmd);
        Document cursor = res.get("cursor", Document.class);
        List<Document> out = new ArrayList<>(cursor.getList("firstBatch", Document.class));
        long id = cursor.get("id", Number.class).longValue();
        String ns = cursor.getString("ns");
        while (id != 0) {
            Document c = db.runCommand(new Document("getMore", id).append("collection", ns.substring(ns.indexOf('.') + 1)))
                    .get("cursor", Document.class);
            out.addAll(c.getList("nextBatch", Document.class));
            id = c.get("id", Number.class).longValue();
        }
        return out;
    }

    /** Runs the statements in order; stops at the first that fails. Every statement run is timed. */
    public Runner.Applied apply(List<Statement> stmts) {
        List<Runner.Measured> measured = new ArrayList<>();
        for (Statement st : stmts) {
            MongoScript.Op op = ops.get(st);
            List<Document> cmds;
            try {
                cmds = commands(op);
            } catch (NotRunnable e) {
                notRun.putIfAbsent(key(st), new NotRun(st, e.getMessage()));
                continue;
            }
            long t0 = System.nanoTime();
            try {
                for (Document c : cmds) {
                    (c.containsKey("renameCollection") ? admin : db).runCommand(c);
                }
            } catch (MongoCommandException e) {
                if (inProcess && (e.getErrorCode() == 59 || e.getErrorCode() == 115)) {
                    notRun.putIfAbsent(key(st), new NotRun(st, "the in-process MongoDB substitute does not implement '"
                            + cmds.get(0).keySet().iterator().next() + "' (" + e.getErrorMessage() + "); run verify with "
                            + "mongod on the PATH to prove this change"));
                    continue;
                }
                return new Runner.Applied(measured, st, e.getErrorCodeName() + ": " + e.getErrorMessage());
            } catch (MongoException e) {
                return new Runner.Applied(measured, st, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
            measured.add(new Runner.Measured(st, (System.nanoTime() - t0) / 1000, List.of(), Map.of(), Map.of(),
                    List.of(), false, null));
        }
        return new Runner.Applied(measured, null, null);
    }

    public MongoDatabase database() {
        return db;
    }

    /** The collection an operation names, or null. */
    public String collectionOf(Statement st) {
        MongoScript.Op o = ops.get(st);
        return o == null ? null : o.collection();
    }

    /** Whether the statement creates its collection (createCollection, createView). */
    public boolean creates(Statement st) {
        MongoScript.Op o = ops.get(st);
        return o != null && ("createCollection".equals(o.method()) || "createView".equals(o.method()));
    }

    /** The fields of the index keys a statement creates (createIndex, ensureIndex, createIndexes), else empty. */
    public List<String> indexFields(Statement st) {
        MongoScript.Op o = ops.get(st);
        List<String> out = new ArrayList<>();
        if (o == null || o.method() == null || o.uncertain() != null) {
            return out;
        }
        List<Object> keys = new ArrayList<>();
        if (o.method().equals("createIndex") || o.method().equals("ensureIndex")) {
            keys.add(o.arg(0));
        } else if (o.method().equals("createIndexes") && o.arg(0) instanceof List<?> l) {
            for (Object x : l) {
                keys.add(x instanceof Map<?, ?> m && m.get("key") instanceof Map ? m.get("key") : x);
            }
        }
        for (Object k : keys) {
            if (k instanceof Map<?, ?> m) {
                m.keySet().forEach(f -> out.add(String.valueOf(f)));
            }
        }
        return out;
    }

    /** Statements that were not run, with the reason, by position. */
    public List<NotRun> notRun() {
        return List.copyOf(notRun.values());
    }

    private static String key(Statement s) {
        return s.getFile() + ":" + s.getLine() + ":" + s.getColumn();
    }

    /** An operation that cannot be sent as a command. */
    static final class NotRunnable extends Exception {
        NotRunnable(String message) {
            super(message);
        }
    }

    /** The server commands a reader's operation sends, in order; empty for reads. */
    List<Document> commands(MongoScript.Op op) throws NotRunnable {
        if (op.method() == null || op.uncertain() != null) {
            throw new NotRunnable("not run: " + (op.uncertain() == null ? "the file could not be read" : op.uncertain()));
        }
        String m = op.method();
        String c = op.collection();
        if (READS.contains(m)) {
            return List.of();
        }
        List<Object> a = new ArrayList<>();
        for (Object x : op.args()) {
            a.add(bson(x));
        }
        switch (m) {
            case "createCollection": {
                Document d = new Document("create", c);
                opts(a, 0).forEach(d::append);
                return List.of(d);
            }
            case "createView": {
                Document d = new Document("create", c).append("viewOn", a.size() > 0 ? a.get(0) : null)
                        .append("pipeline", a.size() > 1 ? a.get(1) : List.of());
                opts(a, 2).forEach(d::append);
                return List.of(d);
            }
            case "drop":
                return List.of(new Document("drop", c));
            case "rename": case "renameCollection": {
                Document o = opts(a, 1);
                return List.of(new Document("renameCollection", db.getName() + "." + c).append("to",
                        db.getName() + "." + a.get(0)).append("dropTarget", Boolean.TRUE.equals(o.get("dropTarget"))));
            }
            case "createIndex": case "ensureIndex":
                return List.of(new Document("createIndexes", c).append("indexes", List.of(index(arg(a, 0), opts(a, 1)))));
            case "createIndexes": {
                List<Object> specs = new ArrayList<>();
                for (Object s : list(arg(a, 0))) {
                    Document d = doc(s);
                    // Node.js driver: [{ key, name, ... }]; mongosh: [keyPattern, ...] with shared options
                    specs.add(d.containsKey("key") && d.get("key") instanceof Document
                            ? index(d.get("key"), without(d, "key")) : index(d, opts(a, 1)));
                }
                return List.of(new Document("createIndexes", c).append("indexes", specs));
            }
            case "dropIndex":
                return List.of(new Document("dropIndexes", c).append("index", arg(a, 0)));
            case "dropIndexes":
                return List.of(new Document("dropIndexes", c).append("index", a.isEmpty() ? "*" : a.get(0)));
            case "hideIndex": case "unhideIndex": {
                Object x = arg(a, 0);
                Document ix = x instanceof String ? new Document("name", x) : new Document("keyPattern", x);
                return List.of(new Document("collMod", c).append("index", ix.append("hidden", m.equals("hideIndex"))));
            }
            case "convertToCapped":
                return List.of(new Document("convertToCapped", c).append("size", arg(a, 0)));
            case "updateMany": case "updateOne": case "update": case "replaceOne": {
                Document o = opts(a, 2);
                boolean multi = m.equals("updateMany") || (m.equals("update") && Boolean.TRUE.equals(o.get("multi")));
                Document u = new Document("q", arg(a, 0)).append("u", arg(a, 1)).append("multi", multi);
                for (String k : List.of("upsert", "arrayFilters", "collation", "hint")) {
                    if (o.containsKey(k)) {
                        u.append(k, o.get(k));
                    }
                }
                return List.of(new Document("update", c).append("updates", List.of(u)));
            }
            case "deleteMany": case "deleteOne": case "remove": {
                boolean one = m.equals("deleteOne") || (m.equals("remove") && Boolean.TRUE.equals(opts(a, 1).get("justOne")));
                return List.of(new Document("delete", c).append("deletes",
                        List.of(new Document("q", a.isEmpty() ? new Document() : a.get(0)).append("limit", one ? 1 : 0))));
            }
            case "insertOne": case "insertMany": case "insert": case "save": {
                Object x = arg(a, 0);
                return List.of(new Document("insert", c).append("documents", x instanceof List ? x : List.of(x)));
            }
            case "findOneAndUpdate": case "findOneAndReplace": case "findOneAndDelete": {
                Document d = new Document("findAndModify", c).append("query", arg(a, 0));
                if (m.equals("findOneAndDelete")) {
                    d.append("remove", true);
                } else {
                    d.append("update", arg(a, 1));
                }
                return List.of(d);
            }
            case "aggregate": {
                List<?> p = list(arg(a, 0));
                Object last = p.isEmpty() ? null : p.get(p.size() - 1);
                if (last instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge"))) {
                    return List.of(new Document("aggregate", c).append("pipeline", p).append("cursor", new Document()));
                }
                return List.of();
            }
            case "bulkWrite": {
                List<Document> out = new ArrayList<>();
                for (Object w : list(arg(a, 0))) {
                    Document d = doc(w);
                    String kind = d.isEmpty() ? "" : d.keySet().iterator().next();
                    Document b = doc(d.get(kind));
                    MongoScript.Op one = switch (kind) {
                        case "insertOne" -> new MongoScript.Op(0, 0, 0, 0, "", "insertOne", c, List.of(b.get("document")), null, null);
                        case "updateOne", "updateMany" -> new MongoScript.Op(0, 0, 0, 0, "", kind, c,
                                List.of(b.get("filter"), b.get("update"), without(without(b, "filter"), "update")), null, null);
                        case "replaceOne" -> new MongoScript.Op(0, 0, 0, 0, "", kind, c, List.of(b.get("filter"),
                                b.get("replacement"), without(without(b, "filter"), "replacement")), null, null);
                        case "deleteOne", "deleteMany" -> new MongoScript.Op(0, 0, 0, 0, "", kind, c, List.of(b.get("filter")), null, null);
                        default -> throw new NotRunnable("not run: bulkWrite operation '" + kind + "' is not one SchemaGate knows");
                    };
                    out.addAll(commands(one));
                }
                return out;
            }
            case "runCommand": case "adminCommand": {
                Document d = doc(arg(a, 0));
                String name = d.isEmpty() ? "" : d.keySet().iterator().next();
                if (name.equals("renameCollection")) {
                    // namespaces name the application's database; verify runs in its own
                    d.put("renameCollection", db.getName() + "." + after(String.valueOf(d.get("renameCollection"))));
                    d.put("to", db.getName() + "." + after(String.valueOf(d.get("to"))));
                }
                return List.of(d);
            }
            default:
                throw new NotRunnable("not run: " + (c == null ? "" : c + ".") + m + "() is not an operation verify "
                        + "can send (a single throwaway server has no shards, balancer or zones)");
        }
    }

    private static String after(String ns) {
        return ns.contains(".") ? ns.substring(ns.indexOf('.') + 1) : ns;
    }

    private static Document index(Object key, Document options) throws NotRunnable {
        Document k = doc(key);
        Document d = new Document("key", k);
        String name = options.getString("name");
        if (name == null) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Object> e : k.entrySet()) {
                sb.append(sb.length() == 0 ? "" : "_").append(e.getKey()).append('_').append(e.getValue());
            }
            name = sb.toString();
        }
        d.append("name", name);
        options.forEach((x, v) -> {
            if (!x.equals("name") && !x.equals("background")) {
                d.append(x, v);
            }
        });
        return d;
    }

    private static Object arg(List<Object> a, int i) throws NotRunnable {
        if (i >= a.size()) {
            throw new NotRunnable("not run: argument " + (i + 1) + " is missing");
        }
        return a.get(i);
    }

    private static Document opts(List<Object> a, int i) throws NotRunnable {
        return i < a.size() && a.get(i) != null ? doc(a.get(i)) : new Document();
    }

    private static Document doc(Object o) throws NotRunnable {
        if (o instanceof Document d) {
            return d;
        }
        throw new NotRunnable("not run: expected a document, found " + o);
    }

    private static List<?> list(Object o) throws NotRunnable {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new NotRunnable("not run: expected an array, found " + o);
    }

    private static Document without(Document d, String key) {
        Document out = new Document(d);
        out.remove(key);
        return out;
    }

    /** A value read from JavaScript as BSON: integral numbers that fit 32 bits as int32, as the Node.js driver sends them. */
    static Object bson(Object v) throws NotRunnable {
        if (v == JsValue.NULL || v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) l.intValue() : l;
        }
        if (v instanceof String || v instanceof Boolean || v instanceof Double) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Document d = new Document();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                d.append(String.valueOf(e.getKey()), bson(e.getValue()));
            }
            return d;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) {
                out.add(bson(x));
            }
            return out;
        }
        if (v instanceof JsValue.Unknown u) {
            throw new NotRunnable("not run: " + u.getText() + " is only known when the JavaScript runs (" + u.getReason() + ")");
        }
        throw new NotRunnable("not run: " + JsValue.render(v) + " is only known when the JavaScript runs");
    }
}
