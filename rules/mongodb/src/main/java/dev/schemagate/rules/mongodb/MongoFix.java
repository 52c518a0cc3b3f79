package dev.schemagate.rules.mongodb;

import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.CreateIndex;

/** Safe mongosh snippets the MongoDB rules attach to their findings, and the collection-size facts they use. */
public final class MongoFix {
    /** From this many documents on, a collection counts as large for index builds and backfills. */
    public static final long LARGE_DOCS = 1_000_000;

    private MongoFix() {
    }

    /** From this many bytes on, a collection counts as large even when its document count is not given. */
    public static final long LARGE_BYTES = 10L * 1024 * 1024 * 1024;

    /** True when a stats file says the collection holds at least {@link #LARGE_DOCS} documents or {@link #LARGE_BYTES}. */
    public static boolean isLarge(Change c) {
        if (c.getCtx() == null) {
            return false;
        }
        Long rows = c.getCtx().getRows();
        Long bytes = c.getCtx().getBytes();
        return (rows != null && rows >= LARGE_DOCS) || (bytes != null && bytes >= LARGE_BYTES);
    }

    /** {@code db.getCollection("name")}: valid for any collection name. */
    public static String coll(Change c) {
        return "db.getCollection(\"" + c.getTableName().replace("\"", "\\\"") + "\")";
    }

    private static String firstKey(CreateIndex c) {
        return c.getIndex().getColumns().isEmpty() ? "field" : c.getIndex().getColumns().get(0);
    }

    public static String ttl(CreateIndex c) {
        String f = firstKey(c);
        return "// 1. count what the TTL monitor would delete at once (its first pass after the build)\n"
                + coll(c) + ".countDocuments({ \"" + f + "\": { $lt: new Date(Date.now() - " + c.option("expireAfterSeconds")
                + " * 1000) } })\n"
                + "// 2. delete that backlog in batches first, off-peak, then build the TTL index\n"
                + "// 3. or build it with a very large expireAfterSeconds and lower it step by step:\n"
                + "db.runCommand({ collMod: \"" + c.getTableName() + "\", index: { name: \"" + c.getIndex().getName()
                + "\", expireAfterSeconds: " + c.option("expireAfterSeconds") + " } })";
    }

    public static String duplicates(CreateIndex c) {
        StringBuilder group = new StringBuilder();
        for (String k : c.getIndex().getColumns()) {
            group.append(group.length() == 0 ? "" : ", ").append("\"").append(k.replace(".", "_")).append("\": \"$")
                    .append(k).append("\"");
        }
        return "// find duplicates before the build fails on them (E11000)\n"
                + coll(c) + ".aggregate([\n"
                + "  { $group: { _id: { " + group + " }, n: { $sum: 1 } } },\n"
                + "  { $match: { n: { $gt: 1 } } }\n"
                + "], { allowDiskUse: true })\n"
                + "// 6.0+: block new duplicates first, then convert\n"
                + "db.runCommand({ collMod: \"" + c.getTableName() + "\", index: { name: \"" + c.getIndex().getName()
                + "\", prepareUnique: true } })";
    }

    public static String hideFirst(Change c, String index) {
        return "// hide it first (4.4+): the planner stops using it, the index stays maintained\n"
                + coll(c) + ".hideIndex(\"" + index + "\")\n"
                + "// watch slow queries for a while; unhideIndex() undoes it at once\n"
                + "// in a later migration:\n"
                + coll(c) + ".dropIndex(\"" + index + "\")";
    }

    public static String violators(Change c, String validatorJson) {
        return "// count documents the new validator rejects before enforcing it\n"
                + coll(c) + ".countDocuments({ $nor: [ " + validatorJson + " ] })\n"
                + "// start with warn (or errorAndLog on 8.1+), fix the documents, then switch to error\n"
                + "db.runCommand({ collMod: \"" + c.getTableName() + "\", validator: " + validatorJson
                + ", validationLevel: \"moderate\", validationAction: \"warn\" })";
    }

    public static String expandField(Change c, String from, String to) {
        return "// expand: copy in batches, the application reads both names\n"
                + "let last = MinKey;\n"
                + "while (true) {\n"
                + "  const ids = " + coll(c) + ".find({ _id: { $gt: last }, \"" + from + "\": { $exists: true } }, { _id: 1 })"
                + ".sort({ _id: 1 }).limit(1000).toArray().map(d => d._id);\n"
                + "  if (ids.length === 0) break;\n"
                + "  " + coll(c) + ".updateMany({ _id: { $in: ids } }, [{ $set: { \"" + to + "\": \"$" + from + "\" } }]);\n"
                + "  last = ids[ids.length - 1];\n"
                + "}\n"
                + "// contract, a release later once nothing reads \"" + from + "\": $unset it the same way";
    }

    public static String archiveField(Change c, String field) {
        return "// keep the values before removing them\n"
                + coll(c) + ".aggregate([\n"
                + "  { $match: { \"" + field + "\": { $exists: true } } },\n"
                + "  { $project: { \"" + field + "\": 1 } },\n"
                + "  { $merge: { into: \"" + c.getTableName() + "_" + field.replace('.', '_') + "_archive\" } }\n"
                + "])";
    }

    public static String batched(Change c) {
        return "// batch by _id, pause between batches, make the filter idempotent\n"
                + "let last = MinKey;\n"
                + "while (true) {\n"
                + "  const ids = " + coll(c) + ".find({ _id: { $gt: last } }, { _id: 1 }).sort({ _id: 1 }).limit(1000)"
                + ".toArray().map(d => d._id);\n"
                + "  if (ids.length === 0) break;\n"
                + "  " + coll(c) + ".updateMany({ _id: { $in: ids } }, /* same update */);\n"
                + "  last = ids[ids.length - 1];\n"
                + "  sleep(100);\n"
                + "}";
    }

    public static String backupThenDrop(Change c) {
        return "// keep it a release under another name (reversible), after a mongodump of it\n"
                + coll(c) + ".renameCollection(\"" + c.getTableName() + "_retired\")\n"
                + "// in a later migration:\n"
                + "db.getCollection(\"" + c.getTableName() + "_retired\").drop()";
    }

    public static String outToNew(Change c) {
        return "// write the result to a new collection, check it, then switch the application over\n"
                + "db.getCollection(\"" + c.option("source") + "\").aggregate([ /* same stages */ { $merge: { into: \""
                + c.getTableName() + "_next\", whenMatched: \"fail\" } } ])";
    }

    public static String cappedCopy(Change c) {
        return "// create the capped collection beside it and copy the recent documents, then switch over\n"
                + "db.createCollection(\"" + c.getTableName() + "_capped\", { capped: true, size: /* bytes */ })\n"
                + coll(c) + ".aggregate([ { $sort: { _id: -1 } }, { $limit: 100000 }, { $sort: { _id: 1 } },\n"
                + "  { $merge: { into: \"" + c.getTableName() + "_capped\" } } ])";
    }

    /** The message of a shard-key change, by its action. */
    public static String shardMessage(dev.schemagate.model.change.OtherDdl c) {
        String ns = c.getTableName();
        switch (c.getAction()) {
            case "SHARD":
                return "shardCollection " + ns + ": the balancer starts moving its chunks to other shards, and the shard key"
                        + (c.option("key") == null ? "" : " " + c.option("key")) + " is close to permanent";
            case "RESHARD":
                return "reshardCollection " + ns + ": every document is copied to the new key"
                        + (c.option("key") == null ? "" : " " + c.option("key"))
                        + "; each shard needs about twice the collection's size free, and writes block for up to ~2 s at commit";
            case "REFINE":
                return "refineCollectionShardKey " + ns + ": the shard key changes for good; data does not move, but queries and"
                        + " zones that use the key must follow";
            default:
                return c.getAction().toLowerCase(java.util.Locale.ROOT) + " of " + ns
                        + ": all of the collection's data moves between shards";
        }
    }

    public static String countThenDelete(Change c) {
        return "// count first, then delete with the same filter\n" + coll(c) + ".countDocuments({ /* filter */ })\n"
                + coll(c) + ".deleteMany({ /* same filter */ })";
    }

    public static String downTemplate(Change c) {
        String body = "  // undo what up() did: drop what it created, rename back what it renamed;\n"
                + "  // if it cannot be undone, say so:\n"
                + "  throw new Error('irreversible: restore from the backup taken before the migration');\n";
        if ("commonjs".equals(c.option("module"))) {
            return "  async down(db, client) {\n" + body.replace("\n  ", "\n    ").replaceFirst("^  ", "    ") + "  },";
        }
        return "export const down = async (db, client) => {\n" + body + "};";
    }
}
