package dev.schemagate.dialects.mongodb;

import dev.schemagate.dialects.js.JsValue;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.change.AddConstraint;
import dev.schemagate.model.change.AlterIndex;
import dev.schemagate.model.change.AlterTableOption;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ConstraintSpec;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.DataChange;
import dev.schemagate.model.change.DropColumn;
import dev.schemagate.model.change.DropIndex;
import dev.schemagate.model.change.DropTable;
import dev.schemagate.model.change.IndexSpec;
import dev.schemagate.model.change.OtherDdl;
import dev.schemagate.model.change.ProceduralBlock;
import dev.schemagate.model.change.RenameColumn;
import dev.schemagate.model.change.RenameTable;
import dev.schemagate.model.change.Unparsed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns MongoDB operations into changes of the shared model: collections are tables, fields are columns,
 * indexes are indexes (with TTL, sparse, hidden and partial filters as options), a validator is a CHECK named
 * {@code validator}, {@code $rename}/{@code $unset} in multi-document updates are column renames and drops, and
 * data operations are {@link DataChange}s. Options carry the MongoDB specifics rules need.
 */
final class MongoMapper {
    private MongoMapper() {
    }

    static List<Change> map(Statement st, Located loc) {
        List<Change> out = new ArrayList<>();
        if (loc == null) {
            out.add(new Unparsed(st, null, "no MongoDB operation was read for this statement", st.getLine(), st.getColumn()));
        } else if (loc.error != null) {
            out.add(new Unparsed(st, null, loc.error, loc.line, loc.column));
        } else {
            MongoOp op = loc.op;
            if (op.getUncertain() != null) {
                out.add(new ProceduralBlock(st, table(op.getCollection()), "javascript", op.getUncertain()
                        + (op.getLoop() != null ? " (in a " + op.getLoop() + ")" : "")));
            } else {
                try {
                    map(st, op, out);
                } catch (RuntimeException e) {
                    out.clear();
                    out.add(new ProceduralBlock(st, table(op.getCollection()), "javascript",
                            op.getMethod() + "() has arguments SchemaGate cannot read: " + e.getMessage()));
                }
                if (out.isEmpty()) {
                    out.add(new ProceduralBlock(st, table(op.getCollection()), "javascript",
                            op.getMethod() + "() is not an operation SchemaGate models"));
                }
            }
            for (Change c : out) {
                c.setOption("tool", op.getTool());
                if (op.getLoop() != null) {
                    c.setOption("loop", op.getLoop());
                }
            }
        }
        int part = 0;
        for (Change c : out) {
            c.setDialect(Dialect.MONGODB);
            c.setPart(part++);
        }
        return out;
    }

    static QualifiedName table(String coll) {
        return coll == null ? null : new QualifiedName(null, coll);
    }

    private static void map(Statement st, MongoOp op, List<Change> out) {
        String coll = op.getCollection();
        QualifiedName t = table(coll);
        switch (op.getMethod()) {
            case MongoOp.DOWN_CHECK: {
                OtherDdl d = new OtherDdl(st, null, "MIGRATION", "META", "down", false);
                d.setOption("down", String.valueOf(op.arg(0)));
                d.setOption("module", String.valueOf(op.arg(1)));
                out.add(d);
                return;
            }
            case "$session": {
                OtherDdl d = new OtherDdl(st, null, "SESSION", "META", String.valueOf(op.arg(0)), false);
                out.add(d);
                return;
            }
            case "runCommand": case "adminCommand":
                command(st, op, out);
                return;
            case "createCollection":
                createCollection(st, t, map(op.arg(0)), out);
                return;
            case "createView":
                out.add(new OtherDdl(st, t, "VIEW", "CREATE", coll, false));
                return;
            case "createIndex": case "ensureIndex":
                out.add(createIndex(st, t, op.arg(0), map(op.arg(1))));
                return;
            case "createIndexes": {
                Map<String, Object> common = map(op.arg(1));
                for (Object s : list(op.arg(0), "createIndexes() needs an array of index specifications")) {
                    Map<String, Object> spec = map(s);
                    if (spec.containsKey("key")) {
                        // driver form: [{ key: {...}, name, unique, ... }]
                        Map<String, Object> o = new LinkedHashMap<>(common);
                        spec.forEach((k, v) -> {
                            if (!k.equals("key")) {
                                o.put(k, v);
                            }
                        });
                        out.add(createIndex(st, t, spec.get("key"), o));
                    } else {
                        out.add(createIndex(st, t, s, common)); // mongosh form: [{a: 1}, {b: 1}]
                    }
                }
                return;
            }
            case "dropIndex": case "dropIndexes": {
                Object a = op.arg(0);
                if (a == null) {
                    out.add(dropIndex(st, t, "*"));
                } else if (a instanceof List) {
                    for (Object x : (List<?>) a) {
                        out.add(dropIndex(st, t, indexName(x)));
                    }
                } else {
                    out.add(dropIndex(st, t, indexName(a)));
                }
                return;
            }
            case "hideIndex": case "unhideIndex":
                out.add(new AlterIndex(st, t, indexName(op.arg(0)), op.getMethod().equals("hideIndex") ? "hide" : "unhide", null));
                return;
            case "drop":
                out.add(new DropTable(st, t, false, false));
                return;
            case "dropDatabase":
                out.add(new OtherDdl(st, null, "DATABASE", "DROP", null, true));
                return;
            case "rename": case "renameCollection": {
                Object to = op.arg(0);
                if (!(to instanceof String)) {
                    throw new IllegalArgumentException(JsOps.reason(to, "the new name"));
                }
                RenameTable r = new RenameTable(st, t, table((String) to));
                Object o = op.arg(1);
                boolean dropTarget = Boolean.TRUE.equals(o) || (o instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) o).get("dropTarget")));
                r.setOption("dropTarget", String.valueOf(dropTarget));
                out.add(r);
                return;
            }
            case "updateMany": case "updateOne": case "update": case "replaceOne": case "findOneAndUpdate":
            case "findOneAndReplace": case "findAndModify":
                update(st, t, op.getMethod(), op.getArgs(), out);
                return;
            case "deleteMany": case "deleteOne": case "remove": case "findOneAndDelete": {
                Object filter = op.arg(0);
                boolean many = op.getMethod().equals("deleteMany") || (op.getMethod().equals("remove") && !justOne(op.arg(1)));
                DataChange d = new DataChange(st, t, "DELETE", hasFilter(filter), false);
                d.setOption("multi", String.valueOf(many));
                if (filter != null && !JsValue.isKnown(filter)) {
                    d.setOption("filter", "computed");
                }
                known(d, "mongo.filter", filter);
                out.add(d);
                return;
            }
            case "insertOne": case "insertMany": case "insert": case "save": {
                DataChange d = new DataChange(st, t, "INSERT", false, false);
                d.setOption("multi", String.valueOf(!op.getMethod().equals("insertOne")));
                out.add(d);
                return;
            }
            case "bulkWrite":
                bulkWrite(st, t, op.arg(0), out);
                return;
            case "aggregate":
                aggregate(st, t, op.arg(0), out);
                return;
            case "convertToCapped": {
                out.add(capped(st, t, op.arg(0)));
                return;
            }
            case "shardCollection": case "reshardCollection": case "refineCollectionShardKey": case "unshardCollection":
            case "moveCollection": {
                OtherDdl d = new OtherDdl(st, t, "SHARD_KEY", shardAction(op.getMethod()), coll, false);
                if (op.arg(1) != null) {
                    d.setOption("key", JsValue.render(op.arg(1)));
                }
                out.add(d);
                return;
            }
            default:
                if (JsOps.SHARD_METHODS.contains(op.getMethod())) {
                    out.add(new OtherDdl(st, t, "SHARDING", "META", op.getMethod(), false));
                    return;
                }
                if (JsOps.COLLECTION_METHODS.contains(op.getMethod()) || JsOps.DATABASE_METHODS.contains(op.getMethod())) {
                    OtherDdl d = new OtherDdl(st, t, "COLLECTION", "SELECT", op.getMethod(), false);
                    out.add(d);
                    return;
                }
                out.add(new ProceduralBlock(st, t, "javascript", op.getMethod() + "() is not an operation SchemaGate models"));
        }
    }

    private static String shardAction(String m) {
        switch (m) {
            case "shardCollection": return "SHARD";
            case "reshardCollection": return "RESHARD";
            case "refineCollectionShardKey": return "REFINE";
            case "unshardCollection": return "UNSHARD";
            default: return "MOVE";
        }
    }

    /** A command document, as {@code db.runCommand} takes it (golang-migrate and Liquibase too). */
    private static void command(Statement st, MongoOp op, List<Change> out) {
        Map<String, Object> cmd = map(op.arg(0));
        if (cmd.isEmpty()) {
            throw new IllegalArgumentException("the command is not a document SchemaGate can read");
        }
        String name = cmd.keySet().iterator().next();
        Object target = cmd.get(name);
        String coll = target instanceof String ? (String) target : null;
        QualifiedName t = table(coll);
        switch (name) {
            case "create": {
                if (coll == null) {
                    throw new IllegalArgumentException(JsOps.reason(target, "the collection name"));
                }
                if (cmd.containsKey("viewOn")) {
                    out.add(new OtherDdl(st, t, "VIEW", "CREATE", coll, false));
                } else {
                    createCollection(st, t, cmd, out);
                }
                return;
            }
            case "collMod":
                collMod(st, t, cmd, out);
                return;
            case "createIndexes": {
                for (Object s : list(cmd.get("indexes"), "createIndexes without an indexes array")) {
                    Map<String, Object> spec = map(s);
                    Map<String, Object> o = new LinkedHashMap<>(spec);
                    o.remove("key");
                    out.add(createIndex(st, t, spec.get("key"), o));
                }
                return;
            }
            case "dropIndexes": case "deleteIndexes": {
                Object i = cmd.get("index");
                map(st, MongoOp.of("dropIndexes", coll, i == null ? List.of() : List.of(i), op.getTool()), out);
                return;
            }
            case "drop": case "dropDatabase":
                map(st, MongoOp.of(name, coll, List.of(), op.getTool()), out);
                return;
            case "renameCollection": {
                Object to = cmd.get("to");
                if (coll == null || !(to instanceof String)) {
                    throw new IllegalArgumentException("renameCollection needs the namespaces as strings");
                }
                String[] from = namespace(coll);
                String[] dest = namespace((String) to);
                RenameTable r = new RenameTable(st, table(from[1]), table(dest[1]));
                r.setOption("dropTarget", String.valueOf(Boolean.TRUE.equals(cmd.get("dropTarget"))));
                if (from[0] != null && dest[0] != null && !from[0].equals(dest[0])) {
                    r.setOption("crossDatabase", "true");
                }
                out.add(r);
                return;
            }
            case "update": {
                for (Object u : list(cmd.get("updates"), "update without an updates array")) {
                    Map<String, Object> m = map(u);
                    List<Object> args = new ArrayList<>();
                    args.add(m.get("q"));
                    args.add(m.get("u"));
                    update(st, t, Boolean.TRUE.equals(m.get("multi")) ? "updateMany" : "updateOne", args, out);
                }
                return;
            }
            case "delete": {
                for (Object d : list(cmd.get("deletes"), "delete without a deletes array")) {
                    Map<String, Object> m = map(d);
                    DataChange dc = new DataChange(st, t, "DELETE", hasFilter(m.get("q")), false);
                    Object limit = m.get("limit");
                    dc.setOption("multi", String.valueOf(!(limit instanceof Number && ((Number) limit).longValue() == 1)));
                    out.add(dc);
                }
                return;
            }
            case "insert": {
                DataChange d = new DataChange(st, t, "INSERT", false, false);
                d.setOption("multi", "true");
                out.add(d);
                return;
            }
            case "aggregate":
                aggregate(st, t, cmd.get("pipeline"), out);
                return;
            case "convertToCapped":
                out.add(capped(st, t, cmd.get("size")));
                return;
            case "cloneCollectionAsCapped": {
                Object to = cmd.get("toCollection");
                out.add(new OtherDdl(st, table(to instanceof String ? (String) to : null), "COLLECTION", "CREATE",
                        String.valueOf(to), false));
                return;
            }
            case "shardCollection": case "reshardCollection": case "refineCollectionShardKey": case "unshardCollection":
            case "moveCollection": {
                String[] ns = coll == null ? new String[] {null, null} : namespace(coll);
                OtherDdl d = new OtherDdl(st, table(ns[1]), "SHARD_KEY", shardAction(name), ns[1], false);
                if (cmd.get("key") != null) {
                    d.setOption("key", JsValue.render(cmd.get("key")));
                }
                out.add(d);
                return;
            }
            case "enableSharding":
                out.add(new OtherDdl(st, null, "SHARDING", "META", name, false));
                return;
            default:
                if (READ_COMMANDS.contains(name)) {
                    out.add(new OtherDdl(st, t, "COLLECTION", "SELECT", name, false));
                    return;
                }
                out.add(new ProceduralBlock(st, t, "javascript", "command " + name + " is not one SchemaGate models"));
        }
    }

    private static final java.util.Set<String> READ_COMMANDS = java.util.Set.of("find", "count", "distinct", "listIndexes",
            "listCollections", "collStats", "dbStats", "buildInfo", "serverStatus", "ping", "hello", "isMaster",
            "getParameter", "validate", "explain");

    private static String[] namespace(String ns) {
        int dot = ns.indexOf('.');
        return dot < 0 ? new String[] {null, ns} : new String[] {ns.substring(0, dot), ns.substring(dot + 1)};
    }

    private static void createCollection(Statement st, QualifiedName t, Map<String, Object> opts, List<Change> out) {
        Map<?, ?> schema = JsonSchema.of(opts.get("validator"));
        List<ConstraintSpec> constraints = new ArrayList<>();
        if (opts.get("validator") != null) {
            constraints.add(validator(opts.get("validator")));
        }
        Map<String, String> options = new TreeMap<>();
        for (String k : new String[] {"validationLevel", "validationAction", "capped", "size", "max", "timeseries",
                "expireAfterSeconds", "clusteredIndex", "changeStreamPreAndPostImages"}) {
            if (opts.get(k) != null) {
                options.put(k, opts.get(k) instanceof String ? (String) opts.get(k) : JsValue.render(opts.get(k)));
            }
        }
        CreateTable c = new CreateTable(st, t, JsonSchema.columns(schema), constraints, false, false, false, null, null,
                false, options);
        options.forEach(c::setOption);
        out.add(c);
    }

    private static ConstraintSpec validator(Object v) {
        Map<?, ?> schema = JsonSchema.of(v);
        return new ConstraintSpec("validator", ConstraintKind.CHECK, JsonSchema.required(schema), JsValue.render(v),
                null, null, false, null, null, null, false);
    }

    private static void collMod(Statement st, QualifiedName t, Map<String, Object> cmd, List<Change> out) {
        String level = cmd.get("validationLevel") instanceof String ? (String) cmd.get("validationLevel") : null;
        String action = cmd.get("validationAction") instanceof String ? (String) cmd.get("validationAction") : null;
        if (cmd.containsKey("validator")) {
            AddConstraint a = new AddConstraint(st, t, validator(cmd.get("validator")), false);
            a.setOption("validationLevel", level == null ? "strict" : level);
            a.setOption("validationAction", action == null ? "error" : action);
            a.setOption("levelStated", String.valueOf(level != null));
            a.setOption("actionStated", String.valueOf(action != null));
            out.add(a);
        } else {
            if (level != null) {
                out.add(new AlterTableOption(st, t, "validation_level", level));
            }
            if (action != null) {
                out.add(new AlterTableOption(st, t, "validation_action", action));
            }
        }
        if (cmd.get("index") instanceof Map) {
            Map<String, Object> idx = map(cmd.get("index"));
            String name = idx.get("name") instanceof String ? (String) idx.get("name") : indexName(idx.get("keyPattern"));
            if (idx.containsKey("expireAfterSeconds")) {
                out.add(new AlterIndex(st, t, name, "ttl", JsValue.render(idx.get("expireAfterSeconds"))));
            }
            if (idx.containsKey("hidden")) {
                out.add(new AlterIndex(st, t, name, Boolean.TRUE.equals(idx.get("hidden")) ? "hide" : "unhide", null));
            }
            if (Boolean.TRUE.equals(idx.get("prepareUnique"))) {
                out.add(new AlterIndex(st, t, name, "prepare_unique", null));
            }
            if (Boolean.TRUE.equals(idx.get("unique"))) {
                out.add(new AlterIndex(st, t, name, "unique", null));
            }
        }
        for (String k : new String[] {"expireAfterSeconds", "changeStreamPreAndPostImages", "cappedSize", "cappedMax",
                "timeseries"}) {
            if (cmd.containsKey(k)) {
                out.add(new AlterTableOption(st, t, k, JsValue.render(cmd.get(k))));
            }
        }
    }

    private static CreateIndex createIndex(Statement st, QualifiedName t, Object keys, Map<String, Object> opts) {
        Map<String, Object> k = map(keys);
        if (k.isEmpty()) {
            throw new IllegalArgumentException("the index keys are not a document SchemaGate can read");
        }
        List<String> columns = new ArrayList<>(k.keySet());
        String method = null;
        for (Object v : k.values()) {
            if (v instanceof String) {
                method = (String) v;
            }
        }
        String name = opts.get("name") instanceof String ? (String) opts.get("name") : defaultName(k);
        Object pfe = opts.get("partialFilterExpression");
        IndexSpec spec = new IndexSpec(name, columns, Boolean.TRUE.equals(opts.get("unique")),
                pfe == null ? null : JsValue.render(pfe), method, List.of());
        CreateIndex c = new CreateIndex(st, t, spec, false, false, false);
        known(c, "mongo.keys", k);
        known(c, "mongo.options", opts);
        for (String o : new String[] {"expireAfterSeconds", "sparse", "hidden", "background", "collation", "wildcardProjection"}) {
            if (opts.containsKey(o)) {
                c.setOption(o, opts.get(o) instanceof String ? (String) opts.get(o) : JsValue.render(opts.get(o)));
            }
        }
        return c;
    }

    private static String defaultName(Map<String, Object> keys) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            if (sb.length() > 0) {
                sb.append('_');
            }
            sb.append(e.getKey()).append('_').append(e.getValue() instanceof String ? e.getValue() : JsValue.render(e.getValue()));
        }
        return sb.toString();
    }

    private static String indexName(Object a) {
        if (a instanceof String) {
            return (String) a;
        }
        if (a instanceof Map) {
            return defaultName(map(a));
        }
        throw new IllegalArgumentException(JsOps.reason(a, "the index"));
    }

    private static DropIndex dropIndex(Statement st, QualifiedName t, String name) {
        return new DropIndex(st, t, name, false, false, false);
    }

    private static AlterTableOption capped(Statement st, QualifiedName t, Object size) {
        return new AlterTableOption(st, t, "convert_to_capped", size == null ? null : JsValue.render(size));
    }

    private static void update(Statement st, QualifiedName t, String method, List<Object> args, List<Change> out) {
        Object filter = args.isEmpty() ? null : args.get(0);
        Object upd = args.size() > 1 ? args.get(1) : null;
        Object opts = args.size() > 2 ? args.get(2) : null;
        boolean many = method.equals("updateMany") || (method.equals("update") && opts instanceof Map
                && Boolean.TRUE.equals(((Map<?, ?>) opts).get("multi")));
        boolean replace = method.equals("replaceOne") || method.equals("findOneAndReplace");
        List<String> set = new ArrayList<>();
        List<String[]> renames = new ArrayList<>();
        List<String> unsets = new ArrayList<>();
        boolean pipeline = upd instanceof List;
        if (upd instanceof Map && !replace) {
            operators(map(upd), set, renames, unsets);
        } else if (pipeline) {
            for (Object stage : (List<?>) upd) {
                Map<String, Object> s = map(stage);
                for (Map.Entry<String, Object> e : s.entrySet()) {
                    if (e.getKey().equals("$set") || e.getKey().equals("$addFields")) {
                        set.addAll(map(e.getValue()).keySet());
                    } else if (e.getKey().equals("$unset")) {
                        if (e.getValue() instanceof String) {
                            unsets.add((String) e.getValue());
                        } else if (e.getValue() instanceof List) {
                            for (Object x : (List<?>) e.getValue()) {
                                unsets.add(String.valueOf(x));
                            }
                        }
                    }
                }
            }
        }
        DataChange d = new DataChange(st, t, "UPDATE", hasFilter(filter), pipeline, set);
        d.setOption("multi", String.valueOf(many));
        d.setOption("method", method);
        if (upd == null || !JsValue.isKnown(upd)) {
            d.setOption("update", "computed");
        }
        if (opts instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) opts).get("upsert"))) {
            d.setOption("upsert", "true");
        }
        known(d, "mongo.filter", filter);
        known(d, "mongo.update", upd);
        out.add(d);
        if (!many) {
            return;
        }
        for (String[] r : renames) {
            RenameColumn rc = new RenameColumn(st, t, r[0], r[1]);
            rc.setOption("method", method);
            out.add(rc);
        }
        for (String u : unsets) {
            DropColumn dc = new DropColumn(st, t, u, false, false);
            dc.setOption("method", method);
            out.add(dc);
        }
    }

    /**
     * The document as JavaScript text in an option (plans write it into their scripts), when every part of it is
     * known statically; a missing document is written as {@code {}}.
     */
    private static void known(Change c, String option, Object doc) {
        Object d = doc == null || doc == JsValue.NULL ? new LinkedHashMap<>() : doc;
        if (JsValue.isKnown(d)) {
            c.setOption(option, JsValue.render(d));
        }
    }

    private static void operators(Map<String, Object> u, List<String> set, List<String[]> renames, List<String> unsets) {
        for (Map.Entry<String, Object> e : u.entrySet()) {
            switch (e.getKey()) {
                case "$set": case "$setOnInsert": case "$inc": case "$mul": case "$min": case "$max": case "$currentDate":
                case "$push": case "$addToSet": case "$pull": case "$pullAll": case "$pop":
                    set.addAll(map(e.getValue()).keySet());
                    break;
                case "$rename":
                    for (Map.Entry<String, Object> r : map(e.getValue()).entrySet()) {
                        renames.add(new String[] {r.getKey(), r.getValue() instanceof String ? (String) r.getValue()
                                : JsValue.render(r.getValue())});
                    }
                    break;
                case "$unset":
                    unsets.addAll(map(e.getValue()).keySet());
                    break;
                default:
                    break;
            }
        }
    }

    private static void bulkWrite(Statement st, QualifiedName t, Object ops, List<Change> out) {
        int before = out.size();
        for (Object o : list(ops, "bulkWrite() operations are computed at run time")) {
            Map<String, Object> m = map(o);
            for (Map.Entry<String, Object> e : m.entrySet()) {
                Map<String, Object> b = map(e.getValue());
                switch (e.getKey()) {
                    case "insertOne": {
                        DataChange d = new DataChange(st, t, "INSERT", false, false);
                        d.setOption("multi", "false");
                        out.add(d);
                        break;
                    }
                    case "updateOne": case "updateMany": case "replaceOne": {
                        List<Object> a = new ArrayList<>();
                        a.add(b.get("filter"));
                        a.add(e.getKey().equals("replaceOne") ? b.get("replacement") : b.get("update"));
                        update(st, t, e.getKey(), a, out);
                        break;
                    }
                    case "deleteOne": case "deleteMany": {
                        DataChange d = new DataChange(st, t, "DELETE", hasFilter(b.get("filter")), false);
                        d.setOption("multi", String.valueOf(e.getKey().equals("deleteMany")));
                        out.add(d);
                        break;
                    }
                    default:
                        out.add(new ProceduralBlock(st, t, "javascript", "bulkWrite operation " + e.getKey() + " is not read"));
                }
            }
        }
        for (int i = before; i < out.size(); i++) {
            out.get(i).setOption("bulk", "true");
        }
    }

    private static void aggregate(Statement st, QualifiedName t, Object pipeline, List<Change> out) {
        if (!(pipeline instanceof List)) {
            throw new IllegalArgumentException("the aggregation pipeline is computed at run time");
        }
        List<?> stages = (List<?>) pipeline;
        Map<String, Object> last = stages.isEmpty() ? Map.of() : map(stages.get(stages.size() - 1));
        if (last.containsKey("$out") || last.containsKey("$merge")) {
            boolean outStage = last.containsKey("$out");
            Object target = outStage ? last.get("$out") : last.get("$merge");
            String coll = target instanceof String ? (String) target
                    : target instanceof Map ? stringOf(((Map<?, ?>) target).get(outStage ? "coll" : "into")) : null;
            if (coll == null) {
                out.add(new ProceduralBlock(st, t, "javascript", (outStage ? "$out" : "$merge")
                        + " writes to a collection whose name is not known statically"));
                return;
            }
            DataChange d = new DataChange(st, table(coll), outStage ? "REPLACE" : "MERGE", true, true);
            d.setOption("source", t == null ? "" : t.getName());
            d.setOption("sameCollection", String.valueOf(t != null && t.getName().equals(coll)));
            out.add(d);
            return;
        }
        out.add(new OtherDdl(st, t, "COLLECTION", "SELECT", "aggregate", false));
    }

    private static String stringOf(Object o) {
        if (o instanceof String) {
            return (String) o;
        }
        if (o instanceof Map && ((Map<?, ?>) o).get("coll") instanceof String) {
            return (String) ((Map<?, ?>) o).get("coll");
        }
        return null;
    }

    private static boolean justOne(Object o) {
        return Boolean.TRUE.equals(o) || (o instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) o).get("justOne")));
    }

    /** A filter that selects some documents: anything but a missing or empty document. */
    private static boolean hasFilter(Object filter) {
        if (filter == null || filter == JsValue.NULL) {
            return false;
        }
        return !(filter instanceof Map) || !((Map<?, ?>) filter).isEmpty();
    }

    /** An array argument, or an error saying what was expected. */
    private static List<?> list(Object o, String problem) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException(problem);
        }
        return (List<?>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o instanceof Map) {
            return (Map<String, Object>) o;
        }
        if (o == null || o == JsValue.NULL) {
            return new LinkedHashMap<>();
        }
        throw new IllegalArgumentException(JsOps.reason(o, "the document"));
    }
}
