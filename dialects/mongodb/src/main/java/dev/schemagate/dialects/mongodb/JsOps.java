package dev.schemagate.dialects.mongodb;

import dev.schemagate.dialects.js.JsCall;
import dev.schemagate.dialects.js.JsFunction;
import dev.schemagate.dialects.js.JsLink;
import dev.schemagate.dialects.js.JsModule;
import dev.schemagate.dialects.js.JsValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the database calls of a migrate-mongo migration or a mongosh script: calls whose chain starts at the
 * database ({@code db}, the first parameter of {@code up}, {@code client.db(...)}, {@code db.getSiblingDB(...)}),
 * at the shard helper {@code sh}, or at a session of the client. Calls in {@code down()} are not part of the up
 * migration and are left out; a missing or empty {@code down()} becomes a check of its own. A call that looks like
 * a database call but whose receiver or collection cannot be resolved, and a helper from another file that is
 * handed the database, become uncertain operations at their position.
 */
final class JsOps {
    static final Set<String> COLLECTION_METHODS = Set.of("createIndex", "createIndexes", "ensureIndex", "dropIndex",
            "dropIndexes", "hideIndex", "unhideIndex", "drop", "rename", "renameCollection", "updateMany", "updateOne", "update",
            "replaceOne", "findOneAndUpdate", "findOneAndReplace", "findOneAndDelete", "findAndModify", "bulkWrite",
            "aggregate", "deleteMany", "deleteOne", "remove", "insertOne", "insertMany", "insert", "save", "find", "findOne",
            "countDocuments", "count", "estimatedDocumentCount", "distinct", "listIndexes", "indexes", "getIndexes",
            "indexInformation", "indexExists", "stats", "watch", "isCapped", "options", "dataSize", "totalIndexSize",
            "storageSize", "validate", "reIndex", "convertToCapped", "initializeOrderedBulkOp", "initializeUnorderedBulkOp");
    static final Set<String> DATABASE_METHODS = Set.of("createCollection", "dropCollection", "renameCollection", "runCommand",
            "adminCommand", "command", "dropDatabase", "createView", "listCollections", "getCollectionNames",
            "getCollectionInfos", "stats", "getName", "getMongo", "serverStatus", "version", "hostInfo", "currentOp",
            "hello", "isMaster", "collections", "indexInformation");
    static final Set<String> SHARD_METHODS = Set.of("shardCollection", "reshardCollection", "refineCollectionShardKey",
            "unshardCollection", "enableSharding", "moveCollection", "splitAt", "splitFind", "moveChunk", "addShardToZone",
            "updateZoneKeyRange", "startBalancer", "stopBalancer", "disableBalancing", "enableBalancing", "status",
            "getBalancerState", "isBalancerRunning", "moveRange", "balancerCollectionStatus");
    /** Method names that are database calls in practice even when the receiver is not resolved. */
    static final Set<String> DISTINCTIVE = Set.of("createIndex", "createIndexes", "ensureIndex", "dropIndex", "dropIndexes",
            "hideIndex", "unhideIndex", "updateMany", "updateOne", "deleteMany", "deleteOne", "insertMany", "insertOne",
            "bulkWrite", "renameCollection", "createCollection", "dropCollection", "replaceOne", "findOneAndUpdate",
            "findOneAndDelete", "runCommand", "adminCommand", "countDocuments", "dropDatabase", "shardCollection",
            "reshardCollection", "convertToCapped", "aggregate");
    private static final Set<String> SESSION_METHODS = Set.of("startSession", "withSession", "withTransaction",
            "endSession", "startTransaction", "commitTransaction", "abortTransaction", "close", "connect");

    private final JsModule module;
    private final String tool;
    private final Set<String> dbNames = new HashSet<>();
    private final Set<String> clientNames = new HashSet<>();
    private final Set<String> localFunctions = new HashSet<>();

    private JsOps(JsModule module, String tool) {
        this.module = module;
        this.tool = tool;
        dbNames.add("db");
        clientNames.add("client");
        for (JsFunction f : module.getFunctions()) {
            if (f.getName() != null) {
                localFunctions.add(f.getName());
            }
            List<String> p = f.getParams();
            if (!p.isEmpty() && p.get(0).matches("(?i)db|database|mongoDb|mdb|_db")) {
                dbNames.add(p.get(0));
            }
            if (p.size() > 1 && p.get(1).matches("(?i)client|mongoClient|mongo|_client")) {
                clientNames.add(p.get(1));
            }
        }
        JsFunction up = module.getExports().get("up");
        if (up != null && !up.getParams().isEmpty() && up.getParams().get(0).matches("[A-Za-z_$][\\w$]*")) {
            dbNames.add(up.getParams().get(0));
            if (up.getParams().size() > 1 && up.getParams().get(1).matches("[A-Za-z_$][\\w$]*")) {
                clientNames.add(up.getParams().get(1));
            }
        }
    }

    /** The operations of a JavaScript or TypeScript migration, in source order. */
    static List<Located> read(JsModule m) {
        boolean migrateMongo = m.exportsName("up");
        JsOps r = new JsOps(m, migrateMongo ? "migrate-mongo" : "mongosh");
        return r.read(migrateMongo);
    }

    /** The operations of a migrate-mongo {@code down()}, in source order; null when the module exports none. */
    static List<Located> readDown(JsModule m) {
        JsFunction down = m.getExports().get("down");
        if (down == null) {
            return null;
        }
        JsOps r = new JsOps(m, "migrate-mongo");
        List<Located> out = new ArrayList<>();
        for (JsCall c : m.getCalls()) {
            if (c.getFunction() != null && c.getFunction().within(down)) {
                MongoOp op = r.op(c);
                if (op != null) {
                    out.add(new Located(c.getLoop() == null ? op : op.inLoop(c.getLoop()), c.getLine(), c.getColumn(),
                            c.getEndLine(), c.getEndColumn(), c.getText(), null));
                }
            }
        }
        return out;
    }

    private List<Located> read(boolean migrateMongo) {
        List<Located> out = new ArrayList<>();
        JsFunction up = module.getExports().get("up");
        JsFunction down = module.getExports().get("down");
        for (JsCall c : module.getCalls()) {
            if (down != null && c.getFunction() != null && c.getFunction().within(down)) {
                continue;
            }
            MongoOp op = op(c);
            if (op != null) {
                out.add(new Located(c.getLoop() == null ? op : op.inLoop(c.getLoop()), c.getLine(), c.getColumn(),
                        c.getEndLine(), c.getEndColumn(), c.getText(), null));
            }
        }
        if (migrateMongo) {
            if (!module.exportsName("down")) {
                int line = up == null ? 1 : up.getLine();
                int col = up == null ? 1 : up.getColumn();
                out.add(new Located(MongoOp.of(MongoOp.DOWN_CHECK, null, List.of("missing", moduleSystem()), tool), line, col, line, col,
                        "down() is not exported", null));
            } else if (down != null && down.isEmpty()) {
                out.add(new Located(MongoOp.of(MongoOp.DOWN_CHECK, null, List.of("empty", moduleSystem()), tool), down.getLine(),
                        down.getColumn(), down.getLine(), down.getColumn(), firstLine(down), null));
            }
            out.sort((a, b) -> a.line != b.line ? Integer.compare(a.line, b.line) : Integer.compare(a.column, b.column));
        }
        return out;
    }

    /** "commonjs" when the file exports through module.exports or exports.x, "esm" otherwise. */
    private String moduleSystem() {
        return module.getText().matches("(?s).*\\b(module\\.)?exports\\s*(\\.\\s*\\w+\\s*)?=.*") ? "commonjs" : "esm";
    }

    private String firstLine(JsFunction f) {
        String t = module.getText();
        int s = f.getStart();
        int e = t.indexOf('\n', s);
        return t.substring(s, e < 0 ? Math.min(t.length(), f.getEnd()) : Math.min(e, f.getEnd())).trim();
    }

    /** The operation of one call, or null when it is not a database call. */
    private MongoOp op(JsCall c) {
        List<JsLink> l = c.getChain();
        for (int k = 0; k < l.size() - 1; k++) {
            // const docs = await coll.find().toArray(); docs.sort(...): acts on the awaited result, not the database
            if (l.get(k).isAwaited() && !"createCollection".equals(l.get(k).getName())) {
                return null;
            }
        }
        String root = c.getRoot();
        int i;
        if (root != null && dbNames.contains(root)) {
            i = 1;
        } else if (root != null && clientNames.contains(root) && l.size() > 1) {
            String n = l.get(1).getName();
            if ("db".equals(n) && l.get(1).isCall()) {
                i = 2;
            } else if (n != null && SESSION_METHODS.contains(n) || l.stream().anyMatch(x -> x.getName() != null && SESSION_METHODS.contains(x.getName()))) {
                String last = c.getLast().getName();
                return MongoOp.of("$session", null, List.of(last == null ? "" : last), tool);
            } else {
                return unresolved(c, l);
            }
        } else if ("sh".equals(root) && l.size() > 1 && l.get(1).isCall()) {
            String n = l.get(1).getName();
            if (SHARD_METHODS.contains(n)) {
                Object ns = l.get(1).getArgs().isEmpty() ? null : l.get(1).getArgs().get(0);
                return namespaced(n, ns, l.get(1).getArgs());
            }
            return MongoOp.uncertain("sh." + n, "sh." + n + "() is not a shard helper SchemaGate knows", tool);
        } else {
            return unresolved(c, l);
        }
        while (i < l.size() && l.get(i).isCall() && ("getSiblingDB".equals(l.get(i).getName()) || "db".equals(l.get(i).getName())
                || "getDB".equals(l.get(i).getName()))) {
            i++;
        }
        if (i >= l.size()) {
            return null;
        }
        JsLink first = l.get(i);
        String name = first.getName();
        if (first.isCall()) {
            if ("collection".equals(name) || "getCollection".equals(name) || ("createCollection".equals(name) && i + 1 < l.size())) {
                if (i + 1 >= l.size()) {
                    return null; // a handle only: no round trip to the server
                }
                Object coll = first.getArgs().isEmpty() ? null : first.getArgs().get(0);
                if (!(coll instanceof String)) {
                    return uncertainCollection(l.get(i + 1), coll);
                }
                return collectionOp((String) coll, l, i + 1);
            }
            if ("admin".equals(name) && i + 1 < l.size() && l.get(i + 1).isCall()) {
                JsLink cmd = l.get(i + 1);
                String m = "command".equals(cmd.getName()) ? "adminCommand" : cmd.getName();
                return databaseOp(m, cmd.getArgs());
            }
            if (name != null && DATABASE_METHODS.contains(name)) {
                return databaseOp(name, first.getArgs());
            }
            return MongoOp.uncertain(name == null ? "call" : name, "db." + (name == null ? "[computed]" : name)
                    + "() is not a database method SchemaGate knows", tool);
        }
        // db.users.createIndex(...), db.system.profile.drop(), db['users'].drop()
        StringBuilder coll = new StringBuilder();
        int j = i;
        while (j < l.size() && !l.get(j).isCall()) {
            if (l.get(j).getName() == null) {
                return uncertainCollection(j + 1 < l.size() ? l.get(j + 1) : l.get(j), l.get(j).getComputed());
            }
            coll.append(coll.length() == 0 ? "" : ".").append(l.get(j).getName());
            j++;
        }
        if (j >= l.size()) {
            return null;
        }
        String last = l.get(j).getName();
        // db.users.getIndexes() style calls on a property chain: the last property is the method
        return collectionOp(coll.toString(), l, j);
    }

    private MongoOp collectionOp(String coll, List<JsLink> l, int j) {
        JsLink m = l.get(j);
        String name = m.getName();
        if (!m.isCall()) {
            // db.collection('x').someProperty.call(): an unusual chain
            return MongoOp.uncertain(String.valueOf(name), "collection." + name + " is not a method SchemaGate knows", tool);
        }
        if (name != null && COLLECTION_METHODS.contains(name)) {
            return MongoOp.of(name, coll, m.getArgs(), tool);
        }
        return MongoOp.uncertain(name == null ? "call" : name, "collection method " + (name == null ? "[computed]" : name)
                + "() on " + coll + " is not one SchemaGate knows", tool);
    }

    private MongoOp databaseOp(String name, List<Object> args) {
        switch (name) {
            case "command":
                return MongoOp.of("runCommand", null, args, tool);
            case "dropCollection": {
                Object c = args.isEmpty() ? null : args.get(0);
                return c instanceof String ? MongoOp.of("drop", (String) c, List.of(), tool)
                        : MongoOp.uncertain("dropCollection", reason(c, "the collection name"), tool);
            }
            case "createCollection": case "createView": {
                Object c = args.isEmpty() ? null : args.get(0);
                return c instanceof String ? MongoOp.of(name, (String) c, args.subList(1, args.size()), tool)
                        : MongoOp.uncertain(name, reason(c, "the collection name"), tool);
            }
            case "renameCollection": {
                // Node driver: db.renameCollection(from, to, options)
                Object from = args.isEmpty() ? null : args.get(0);
                return from instanceof String ? MongoOp.of("rename", (String) from, args.subList(1, args.size()), tool)
                        : MongoOp.uncertain(name, reason(from, "the collection name"), tool);
            }
            default:
                return MongoOp.of(name, null, args, tool);
        }
    }

    private MongoOp namespaced(String method, Object ns, List<Object> args) {
        if (!(ns instanceof String)) {
            return MongoOp.uncertain("sh." + method, reason(ns, "the namespace"), tool);
        }
        String s = (String) ns;
        int dot = s.indexOf('.');
        String coll = dot < 0 ? null : s.substring(dot + 1);
        return MongoOp.of(method, coll, args, tool);
    }

    private MongoOp uncertainCollection(JsLink method, Object coll) {
        String m = method.getName() == null ? "call" : method.getName();
        return MongoOp.uncertain(m, m + "() on a collection whose name is not known statically: " + reason(coll, "the collection name"), tool);
    }

    static String reason(Object v, String what) {
        if (v instanceof JsValue.Unknown) {
            return ((JsValue.Unknown) v).getReason();
        }
        if (v instanceof JsValue.Chain) {
            return what + " is computed by " + v;
        }
        if (v == null) {
            return what + " is missing";
        }
        return what + " is " + JsValue.render(v) + ", not a string";
    }

    /** A call not rooted at the database: uncertain when it looks like one or hands the database to a helper. */
    private MongoOp unresolved(JsCall c, List<JsLink> l) {
        for (int k = 1; k < l.size(); k++) {
            String n = l.get(k).getName();
            if (l.get(k).isCall() && n != null && DISTINCTIVE.contains(n)) {
                String root = c.getRoot() == null ? "an expression" : "`" + c.getRoot() + "`";
                return MongoOp.uncertain(n, n + "() is called on " + root
                        + ", which SchemaGate cannot resolve to a collection (a parameter, an import or a value computed at run time)", tool);
            }
        }
        JsLink last = c.getLast();
        if (!last.isCall()) {
            return null;
        }
        for (Object a : last.getArgs()) {
            String handed = handsDatabase(a);
            if (handed != null) {
                String callee = c.getRoot();
                if (l.size() == 1 && callee != null && localFunctions.contains(callee)) {
                    return null; // a helper written in this file: its own calls are read where they are written
                }
                String from = callee == null ? null : module.getImports().get(callee);
                String what = l.size() == 1 ? callee : String.valueOf(new JsValue.Chain(l));
                return MongoOp.uncertain("helper", "the helper " + what + "() receives `" + handed + "`"
                        + (from != null ? " and is imported from '" + from + "'" : "")
                        + "; SchemaGate does not read the code it runs", tool);
            }
        }
        return null;
    }

    private String handsDatabase(Object a) {
        if (a instanceof JsValue.Unknown) {
            String t = ((JsValue.Unknown) a).getText();
            if (dbNames.contains(t) || clientNames.contains(t)) {
                return t;
            }
        } else if (a instanceof JsValue.Chain) {
            List<JsLink> l = ((JsValue.Chain) a).getLinks();
            String r = l.isEmpty() ? null : l.get(0).getName();
            if (r == null || !(dbNames.contains(r) || clientNames.contains(r))) {
                return null;
            }
            // the database, a database of the client or a collection handle; not the result of an operation
            for (int k = 1; k < l.size(); k++) {
                JsLink x = l.get(k);
                if (x.isCall() && (x.getName() == null
                        || !Set.of("collection", "getCollection", "db", "getSiblingDB", "getDB").contains(x.getName()))) {
                    return null;
                }
            }
            return String.valueOf(a);
        }
        return null;
    }
}
