package dev.schemagate.plan.mongodb;

import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.AddConstraint;
import dev.schemagate.model.change.AlterIndex;
import dev.schemagate.model.change.AlterTableOption;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ChangeContext;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.DataChange;
import dev.schemagate.model.change.DropColumn;
import dev.schemagate.model.change.DropIndex;
import dev.schemagate.model.change.DropTable;
import dev.schemagate.model.change.OtherDdl;
import dev.schemagate.model.change.ProceduralBlock;
import dev.schemagate.model.change.RenameColumn;
import dev.schemagate.model.change.RenameTable;
import dev.schemagate.model.change.Unparsed;
import dev.schemagate.model.Statement;
import dev.schemagate.plan.Intent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What MongoDB migration operations mean to do, in the planner's {@link Intent}s. The reader maps them into the
 * shared change model (collections are tables, a validator is a CHECK named {@code validator}, {@code $unset} in a
 * multi-document update is a column drop); the SQL grouping does not fit them, so this is their own:
 * <ul>
 * <li>{@code updateMany(filter, {$set: {f: constant}})} followed by a {@code collMod} validator that requires
 * {@code f}: a required field with a backfill (NEW_COLUMNS, the validator in its changes);</li>
 * <li>any other {@code updateMany} with {@code $set} of constants, and {@code deleteMany}: BATCHED_DATA;</li>
 * <li>{@code $unset} alone: DROP_COLUMN; {@code collMod} with a validator: ADD_CONSTRAINT; {@code createIndex} on an
 * existing collection: ADD_INDEX; {@code drop()}: DROP_TABLE;</li>
 * <li>new collections, inserts, single-document writes, reads: as written;</li>
 * <li>everything else (renames, {@code $inc} and other updates that are not idempotent, computed documents,
 * pipelines, {@code $out}, sharding, capped conversion, code SchemaGate cannot read): MANUAL with the reason.</li>
 * </ul>
 */
public final class MongoIntents {
    private static final Set<String> IDEMPOTENT = Set.of("$set", "$unset");

    private final Map<Change, TableDef> beforeOf;
    private final Map<Change, List<IndexDef>> indexesOf;
    private final List<Intent> out = new ArrayList<>();
    /** Required-field candidates per collection: an updateMany that $sets constants, waiting for a validator. */
    private final Map<String, Intent> pending = new LinkedHashMap<>();

    private MongoIntents(Map<Change, TableDef> beforeOf, Map<Change, List<IndexDef>> indexesOf) {
        this.beforeOf = beforeOf;
        this.indexesOf = indexesOf;
    }

    public static List<Intent> build(List<Change> planned, Map<Change, TableDef> beforeOf,
                                     Map<Change, List<IndexDef>> indexesOf) {
        MongoIntents m = new MongoIntents(beforeOf, indexesOf);
        m.run(planned);
        return flush(m.out, m.pending);
    }

    private void run(List<Change> planned) {
        // the changes of one statement belong together ($unset maps to an UPDATE and a DropColumn)
        Map<Statement, List<Change>> byStatement = new LinkedHashMap<>();
        for (Change c : planned) {
            byStatement.computeIfAbsent(c.getStatement(), k -> new ArrayList<>()).add(c);
        }
        for (List<Change> cs : byStatement.values()) {
            one(cs);
        }
    }

    /**
     * A collection that already holds documents: anything not created in the planned range. MongoDB creates
     * collections on first write, so one no earlier migration created is an existing one, not an unknown.
     */
    private static boolean existing(Change c) {
        ChangeContext x = c.getCtx();
        return x != null && !x.isTableCreatedInMigration();
    }

    private Intent single(Intent.Kind k, Change c) {
        Intent in = new Intent(k, c.getTable());
        in.changes.add(c);
        in.before = beforeOf.get(c);
        in.beforeIndexes.addAll(indexesOf.getOrDefault(c, List.of()));
        out.add(in);
        return in;
    }

    private Intent manual(List<Change> cs, String reason) {
        Intent in = single(Intent.Kind.MANUAL, cs.get(0));
        for (int i = 1; i < cs.size(); i++) {
            in.changes.add(cs.get(i));
        }
        in.reason = reason;
        return in;
    }

    private void asWritten(Change c, String reason, boolean metadataOnly) {
        Intent in = single(Intent.Kind.AS_WRITTEN, c);
        in.reason = reason;
        in.metadataOnly = metadataOnly;
    }

    private static String key(Change c) {
        return c.getTable() == null ? "" : c.getTable().getName();
    }

    private void one(List<Change> cs) {
        Change c = cs.get(0);
        for (Change x : cs) {
            if (x instanceof Unparsed || x instanceof ProceduralBlock) {
                manual(cs, x instanceof ProceduralBlock ? ((ProceduralBlock) x).describe()
                        + ": SchemaGate cannot read what this code does, so it cannot plan it" : "SchemaGate could not read"
                        + " this statement: " + x.describe());
                return;
            }
            if (x instanceof RenameColumn) {
                manual(cs, "$rename rewrites every document and the running application still reads the old field name;"
                        + " the expand/contract transition (write both fields, batched copy, switch reads, $unset last) is"
                        + " not generated for MongoDB yet");
                return;
            }
        }
        if (c instanceof OtherDdl) {
            OtherDdl o = (OtherDdl) c;
            if ("META".equals(o.getAction()) || "SELECT".equals(o.getAction())) {
                return; // the migration's own bookkeeping (down function, session) and reads change nothing
            }
            if ("VIEW".equals(o.getObjectKind()) && "CREATE".equals(o.getAction())) {
                asWritten(c, "a new view stores nothing and locks no existing collection", true);
                return;
            }
            manual(cs, c.describe() + " has no generated plan for MongoDB");
            return;
        }
        if (c instanceof CreateTable) {
            asWritten(c, "a new collection: no existing document is read or changed", true);
            return;
        }
        if (c instanceof RenameTable) {
            manual(cs, "renameCollection breaks every running query, cursor and change stream on the old name; an"
                    + " application-side alias with expand/contract is not generated");
            return;
        }
        if (c instanceof AlterIndex || c instanceof AlterTableOption) {
            manual(cs, c.describe() + " has no generated plan for MongoDB (its reverse needs the previous option value)");
            return;
        }
        if (c instanceof DropIndex) {
            manual(cs, "dropping an index can turn index scans into collection scans; hide it first (hideIndex, 4.4+),"
                    + " watch $indexStats and latency, then drop it: SchemaGate does not generate that sequence yet");
            return;
        }
        if (c instanceof CreateIndex) {
            CreateIndex ci = (CreateIndex) c;
            if (!existing(c)) {
                asWritten(c, "an index on a collection created in this range: it is empty, the build is instant", false);
            } else if (c.option("mongo.keys") == null || c.option("mongo.options") == null) {
                manual(cs, "the index keys or options are computed at run time");
            } else if (c.option("expireAfterSeconds") != null) {
                manual(cs, "a TTL index deletes every document already past its expiry as soon as it is built; delete"
                        + " the backlog in batches first (a batched deleteMany), then create the index");
            } else if (ci.getIndex().isUnique()) {
                manual(cs, "a unique index fails at the end of its build when duplicates exist (and writes of duplicates"
                        + " fail after); count duplicates with $group first, and on 6.0+ use collMod prepareUnique then"
                        + " unique: not generated yet");
            } else {
                single(Intent.Kind.ADD_INDEX, c);
            }
            return;
        }
        if (c instanceof AddConstraint) {
            Intent p = pending.remove(key(c));
            Map<String, Object> v = MongoDocs.doc(((AddConstraint) c).getConstraint().getExpression());
            if (v == null) {
                if (p != null) {
                    out.add(p);
                }
                manual(cs, "the validator holds values computed at run time; SchemaGate cannot stage it");
                return;
            }
            if (p != null && MongoDocs.required(v).containsAll(p.columns.stream().map(n -> n.name).toList())) {
                p.columns.forEach(n -> n.notNull = true);
                p.changes.add(c);
                out.add(p);
                return;
            }
            if (p != null) {
                out.add(p.kind == Intent.Kind.NEW_COLUMNS ? asBatched(p) : p);
            }
            if (!existing(c)) {
                asWritten(c, "a validator on a collection created in this range: no existing document to violate it", true);
            } else {
                single(Intent.Kind.ADD_CONSTRAINT, c);
            }
            return;
        }
        if (c instanceof DropTable) {
            single(Intent.Kind.DROP_TABLE, c);
            return;
        }
        if (c instanceof DataChange) {
            data(cs, (DataChange) c);
            return;
        }
        if (c instanceof DropColumn) {
            single(Intent.Kind.DROP_COLUMN, c).column = ((DropColumn) c).getColumnName();
            return;
        }
        manual(cs, c.describe() + " has no generated plan for MongoDB");
    }

    private void data(List<Change> cs, DataChange d) {
        String op = d.getOperation();
        boolean multi = "true".equals(d.option("multi"));
        if ("INSERT".equals(op)) {
            asWritten(d, "adds documents: no existing document is changed", false);
            return;
        }
        if (!multi && ("UPDATE".equals(op) || "DELETE".equals(op))) {
            asWritten(d, "changes at most one document", false);
            return;
        }
        if (!"UPDATE".equals(op) && !"DELETE".equals(op)) {
            manual(cs, ("REPLACE".equals(op) ? "$out replaces the whole target collection" : "$merge writes into "
                    + d.getTableName()) + "; run it into a new collection, verify, then switch: not generated");
            return;
        }
        if (!existing(d)) {
            asWritten(d, "changes documents of a collection created in this range", false);
            return;
        }
        Map<String, Object> filter = MongoDocs.doc(d.option("mongo.filter"));
        if (filter == null) {
            manual(cs, "the filter is computed at run time (or holds run-time values such as new Date()); a batched"
                    + " form needs it written out");
            return;
        }
        if ("DELETE".equals(op)) {
            Intent in = single(Intent.Kind.BATCHED_DATA, d);
            in.delete = true;
            in.where = MongoDocs.js(filter);
            return;
        }
        Map<String, Object> update = MongoDocs.doc(d.option("mongo.update"));
        if (update == null || d.isFromQuery()) {
            manual(cs, "the update is a pipeline or holds values computed at run time; only $set of constants and"
                    + " $unset are batched");
            return;
        }
        if ("true".equals(d.option("upsert"))) {
            manual(cs, "an upsert inserts documents where the filter matches none; it is not batched by _id");
            return;
        }
        for (String k : update.keySet()) {
            if (!IDEMPOTENT.contains(k)) {
                manual(cs, k + " is not idempotent (a batch run twice would apply it twice); only $set of constants and"
                        + " $unset are batched, so an interrupted run cannot be resumed safely");
                return;
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> set = update.get("$set") instanceof Map ? (Map<String, Object>) update.get("$set") : Map.of();
        if (!update.containsKey("$set") && update.get("$unset") instanceof Map) {
            // $unset alone: the reader made a DropColumn of each field
            List<String> fields = new ArrayList<>(((Map<?, ?>) update.get("$unset")).keySet().stream().map(String::valueOf)
                    .toList());
            Intent in = single(Intent.Kind.DROP_COLUMN, d);
            cs.stream().skip(1).forEach(in.changes::add);
            in.column = String.join(", ", fields);
            in.where = MongoDocs.js(filter);
            return;
        }
        Intent in = new Intent(Intent.Kind.NEW_COLUMNS, d.getTable());
        cs.forEach(in.changes::add);
        in.before = beforeOf.get(d);
        in.beforeIndexes.addAll(indexesOf.getOrDefault(d, List.of()));
        in.where = MongoDocs.js(filter);
        set.forEach((f, v) -> {
            Intent.NewColumn nc = new Intent.NewColumn();
            nc.name = f;
            nc.expr = MongoDocs.js(v);
            in.columns.add(nc);
            in.set.put(f, MongoDocs.js(v));
        });
        if (update.containsKey("$unset") || set.isEmpty()) {
            out.add(asBatched(in));
            return;
        }
        Intent earlier = pending.put(key(d), in);
        if (earlier != null) {
            out.add(asBatched(earlier));
        }
    }

    /** A $set that no validator follows: a batched update. */
    private static Intent asBatched(Intent p) {
        Intent in = new Intent(Intent.Kind.BATCHED_DATA, p.table);
        in.changes.addAll(p.changes);
        in.before = p.before;
        in.beforeIndexes.addAll(p.beforeIndexes);
        in.set.putAll(p.set);
        in.where = p.where;
        return in;
    }

    /** Candidates no validator followed become batched updates, in statement order. */
    static List<Intent> flush(List<Intent> out, Map<String, Intent> pending) {
        for (Intent p : pending.values()) {
            out.add(asBatched(p));
        }
        pending.clear();
        return out;
    }
}
