package dev.schemagate.plan.mongodb;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.AddConstraint;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.DataChange;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.plan.Intent;
import dev.schemagate.plan.Plan;
import dev.schemagate.plan.PlanBuilder;
import dev.schemagate.plan.PlanBuilder.Work;
import dev.schemagate.plan.PlanSqlGenerator;
import dev.schemagate.plan.PlanThresholds;
import dev.schemagate.plan.Runbook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MongoDB plans, as mongosh scripts. MongoDB has no DDL transaction and no NOT VALID, but it has the pieces of the
 * same expand / backfill / constrain / contract sequence: a {@code $jsonSchema} validator installed with
 * {@code validationLevel: "moderate"} and {@code validationAction: "warn"} checks nothing that already exists and
 * rejects no write (violations are only logged), so old documents and the old application keep working; the backfill
 * walks {@code _id} in order with batched {@code bulkWrite}s whose filters only match documents not yet done; a count
 * of documents that fail the validator must be 0 before {@code collMod} makes it {@code strict}/{@code error}. Index
 * builds are online from 4.2 (an exclusive collection lock only at their start and end); from 4.4 an index can be
 * built hidden and shown once it is checked.
 */
public final class MongoPlanGenerator implements PlanSqlGenerator {
    static final String CATALOG_LOCK = "exclusive collection lock for milliseconds (catalog only)";
    static final String NO_LOCK = "document locks only";
    /** The collection the backfill keeps its checkpoints in, and the one it reads pause and throttle from. */
    static final String PROGRESS = "schemagate_backfill_progress";
    static final String CONTROL = "schemagate_backfill_control";
    private static final Set<Intent.Kind> PLANNED = Set.of(Intent.Kind.NEW_COLUMNS, Intent.Kind.BATCHED_DATA,
            Intent.Kind.ADD_CONSTRAINT, Intent.Kind.ADD_INDEX, Intent.Kind.DROP_COLUMN, Intent.Kind.DROP_TABLE);

    @Override
    public Dialect dialect() {
        return Dialect.MONGODB;
    }

    static String coll(String name) {
        return "db.getCollection(" + MongoDocs.str(name) + ")";
    }

    static String coll(Intent in) {
        return coll(in.tableName());
    }

    static String name(String... parts) {
        return String.join("_", parts).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    @Override
    public String unsupported(Intent in) {
        return PLANNED.contains(in.kind) ? null : in.kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " has no generated MongoDB plan";
    }

    // ------------------------------------------------------------------------------------------------ validators

    /** The validator the intent installs (its collMod), or null. */
    private static AddConstraint validatorChange(Intent in) {
        for (Change c : in.changes) {
            if (c instanceof AddConstraint) {
                return (AddConstraint) c;
            }
        }
        return null;
    }

    /** {@code db.runCommand({ collMod: ..., validator: ..., validationLevel: ..., validationAction: ... })}. */
    static String collMod(String collection, String validator, String level, String action) {
        return "db.runCommand({ collMod: " + MongoDocs.str(collection) + ", validator: " + (validator == null ? "{}"
                : validator) + ", validationLevel: " + MongoDocs.str(level) + ", validationAction: "
                + MongoDocs.str(action) + " });";
    }

    /** The validator, level and action the collection had before the intent (from the replayed catalog). */
    private static String[] previous(Intent in) {
        TableDef t = in.before;
        String v = MongoDocs.validatorText(t);
        String level = t == null ? null : t.getOptions().get("validationLevel");
        String action = t == null ? null : t.getOptions().get("validationAction");
        return new String[] {v, level == null ? "strict" : level, action == null ? "error" : action};
    }

    private static String violators(String collection, String validator) {
        return coll(collection) + ".countDocuments({ $nor: [" + validator + "] })";
    }

    /** Expand: the new validator, checking nothing existing and rejecting nothing. Constrain: enforced. */
    private static void stagedValidator(Intent in, AddConstraint a, PlanBuilder b, boolean afterBackfill) {
        String c = in.tableName();
        String v = a.getConstraint().getExpression();
        String[] prev = previous(in);
        String level = a.option("validationLevel") == null ? "strict" : a.option("validationLevel");
        String action = a.option("validationAction") == null ? "error" : a.option("validationAction");
        String soft = collMod(c, v, "moderate", "warn");
        b.step(1, "install the new validator on " + c + " with validationLevel \"moderate\" and validationAction \"warn\""
                        + " (nothing existing is checked, no write is rejected; violations are logged)", soft,
                collMod(c, prev[0], prev[1], prev[2]), CATALOG_LOCK, true, Work.NONE);
        Plan.Check pre = b.check(3, "documents of " + c + " that fail the new validator", violators(c, v), false);
        pre.pre = true;
        if (!afterBackfill) {
            b.check(1, "documents of " + c + " that fail the new validator (informational until phase 3)",
                    violators(c, v), false).warning = true;
        }
        b.step(3, "enforce the validator on " + c + ": validationLevel \"" + level + "\", validationAction \"" + action
                        + "\"", collMod(c, v, level, action), soft, CATALOG_LOCK, true, Work.NONE);
        b.check(3, "validator of " + c + " is enforced (" + level + "/" + action + ")", "(" + coll(c)
                + ".exists() || {}).options?.validationLevel === " + MongoDocs.str(level) + " ? 0 : 1", true);
    }

    // ------------------------------------------------------------------------------------------------ as written

    @Override
    public void asWritten(Intent in, PlanBuilder b) {
        if (in.kind == Intent.Kind.AS_WRITTEN || in.kind == Intent.Kind.MANUAL) {
            b.asWritten(in, c -> "// no automatic reverse for " + c.describe() + ": restore the 01_backup.sh dump",
                    c -> c instanceof CreateIndex ? "exclusive collection lock at the start and end of the build"
                            : c instanceof DataChange ? NO_LOCK : CATALOG_LOCK, null);
            return;
        }
        // a small collection: the migration's own operations in one phase, rendered from what the reader read
        String c = in.tableName();
        switch (in.kind) {
            case NEW_COLUMNS: case BATCHED_DATA: case DROP_COLUMN: {
                DataChange d = (DataChange) in.first();
                boolean del = "DELETE".equals(d.getOperation());
                String op = coll(c) + (del ? ".deleteMany(" + d.option("mongo.filter") : ".updateMany("
                        + d.option("mongo.filter") + ", " + d.option("mongo.update")) + ", { writeConcern: { w: \"majority\" } });";
                b.step(del || in.kind == Intent.Kind.DROP_COLUMN ? 4 : 3, "as written: " + d.describe(), op,
                        "// restore the changed documents from the 01_backup.sh dump (mongorestore)", NO_LOCK, false,
                        Work.SCAN);
                AddConstraint a = validatorChange(in);
                if (a != null) {
                    String[] prev = previous(in);
                    b.step(3, "as written: validator on " + c, collMod(c, a.getConstraint().getExpression(),
                            a.option("validationLevel"), a.option("validationAction")),
                            collMod(c, prev[0], prev[1], prev[2]), CATALOG_LOCK, true, Work.NONE);
                }
                return;
            }
            case ADD_CONSTRAINT: {
                AddConstraint a = (AddConstraint) in.first();
                String[] prev = previous(in);
                b.check(3, "documents of " + c + " that fail the new validator", violators(c,
                        a.getConstraint().getExpression()), false).pre = true;
                b.step(3, "as written: validator on " + c, collMod(c, a.getConstraint().getExpression(),
                        a.option("validationLevel"), a.option("validationAction")), collMod(c, prev[0], prev[1], prev[2]),
                        CATALOG_LOCK, true, Work.NONE);
                return;
            }
            case ADD_INDEX: {
                CreateIndex ci = (CreateIndex) in.first();
                b.step(1, "as written: " + ci.describe(), createIndex(c, ci, false), dropIndex(c, ci),
                        "exclusive collection lock at the start and end of the build", false, Work.INDEX);
                return;
            }
            default:
                phased(in, b);
        }
    }

    // ------------------------------------------------------------------------------------------------ phased

    @Override
    public void phased(Intent in, PlanBuilder b) {
        switch (in.kind) {
            case NEW_COLUMNS: requiredField(in, b); break;
            case ADD_CONSTRAINT: stagedValidator(in, (AddConstraint) in.first(), b, false); break;
            case ADD_INDEX: index(in, b); break;
            case BATCHED_DATA: batched(in, b); break;
            case DROP_COLUMN: unsetField(in, b); break;
            case DROP_TABLE: dropCollection(in, b); break;
            default: throw new IllegalStateException("not planned: " + in.kind);
        }
    }

    /** updateMany($set) + a validator requiring the field: expand, backfill, constrain. */
    private void requiredField(Intent in, PlanBuilder b) {
        String c = in.tableName();
        AddConstraint a = validatorChange(in);
        Plan.Backfill bf = b.backfill(name("backfill", c, in.columns.get(0).name), c, "_id");
        bf.set.putAll(in.set);
        bf.where = in.where;
        bf.notDone = notDone(in);
        if (a != null) {
            stagedValidator(in, a, b, true);
        }
        b.check(2, "documents of " + c + " the backfill has not done", coll(c) + ".countDocuments(" + bf.notDone + ")",
                false);
    }

    /** The filter of documents still to do: the migration's filter, and the fields not already at their value. */
    static String notDone(Intent in) {
        Map<String, Object> filter = MongoDocs.doc(in.where);
        boolean selfLimiting = filter != null && !in.set.isEmpty();
        for (String f : in.set.keySet()) {
            Object cond = filter == null ? null : filter.get(f);
            selfLimiting &= cond instanceof Map && ((Map<?, ?>) cond).size() == 1
                    && Boolean.FALSE.equals(((Map<?, ?>) cond).get("$exists"));
        }
        if (selfLimiting) {
            return in.where; // { f: { $exists: false } }: a document done no longer matches
        }
        List<String> parts = new ArrayList<>();
        if (filter != null && !filter.isEmpty()) {
            parts.add(in.where);
        }
        if (!in.set.isEmpty()) {
            List<String> eq = new ArrayList<>();
            in.set.forEach((f, v) -> eq.add(f.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? f + ": " + v : MongoDocs.str(f) + ": " + v));
            parts.add("{ $nor: [{ " + String.join(", ", eq) + " }] }");
        }
        return parts.size() == 1 ? parts.get(0) : "{ $and: [" + String.join(", ", parts) + "] }";
    }

    private static String createIndex(String c, CreateIndex ci, boolean hidden) {
        Map<String, Object> opts = MongoDocs.doc(ci.option("mongo.options"));
        Map<String, Object> o = new LinkedHashMap<>(opts == null ? Map.of() : opts);
        o.remove("background"); // ignored since 4.2
        o.put("name", ci.getIndex().getName());
        if (hidden) {
            o.put("hidden", true);
        }
        return coll(c) + ".createIndex(" + ci.option("mongo.keys") + ", " + MongoDocs.js(o) + ");";
    }

    private static String dropIndex(String c, CreateIndex ci) {
        return "try { " + coll(c) + ".dropIndex(" + MongoDocs.str(ci.getIndex().getName()) + "); } catch (e) { if (e.codeName"
                + " !== \"IndexNotFound\") throw e; }";
    }

    private void index(Intent in, PlanBuilder b) {
        String c = in.tableName();
        CreateIndex ci = (CreateIndex) in.first();
        String n = ci.getIndex().getName();
        Version v = b.version();
        boolean online = v.atLeast("4.2");
        boolean hidden = v.atLeast("4.4");
        String lock = online ? "exclusive collection lock only at the start and end of the build; reads and writes"
                + " continue in between" : "foreground build: database lock for the whole build (before 4.2)";
        b.step(1, (hidden ? "build index " + n + " hidden" : "build index " + n) + " on " + c + (hidden
                ? " (the query planner ignores it until phase 3)" : ""), createIndex(c, ci, hidden), dropIndex(c, ci), lock,
                !online, Work.INDEX);
        b.check(1, "index " + n + " exists on " + c, coll(c) + ".getIndexes().filter(i => i.name === "
                + MongoDocs.str(n) + ").length === 1 ? 0 : 1", true);
        if (hidden) {
            b.step(3, "show index " + n + " to the query planner", "db.runCommand({ collMod: " + MongoDocs.str(c)
                            + ", index: { name: " + MongoDocs.str(n) + ", hidden: false } });",
                    "db.runCommand({ collMod: " + MongoDocs.str(c) + ", index: { name: " + MongoDocs.str(n)
                            + ", hidden: true } });", CATALOG_LOCK, true, Work.NONE);
            b.check(3, "index " + n + " is visible", coll(c) + ".getIndexes().filter(i => i.name === "
                    + MongoDocs.str(n) + " && !i.hidden).length === 1 ? 0 : 1", true);
        }
    }

    /** A collection of copies the plan keeps: what a batched change overwrites or removes, by _id. */
    static String archive(String c, String job) {
        return name("schemagate", job);
    }

    /** Copies (by aggregate $merge, by _id) the documents or fields a later phase changes, before it does. */
    private static void keepCopy(PlanBuilder b, String c, String filter, List<String> fields, String archive, int phase,
                                 String what) {
        String project = fields == null ? "" : "{ $project: { " + String.join(", ", fields.stream().map(f -> f.matches(
                "[A-Za-z_$][A-Za-z0-9_$]*") ? f + ": 1" : MongoDocs.str(f) + ": 1").toList()) + " } }, ";
        b.step(phase, "keep a copy of " + what + " in " + archive, coll(c) + ".aggregate([{ $match: " + filter + " }, "
                        + project + "{ $merge: { into: " + MongoDocs.str(archive) + ", whenMatched: \"keepExisting\","
                        + " whenNotMatched: \"insert\" } }]);", coll(archive) + ".drop();", NO_LOCK + " (reads " + c
                        + " in one pass)", false, Work.SCAN);
    }

    private void batched(Intent in, PlanBuilder b) {
        String c = in.tableName();
        String job = name(in.delete ? "delete" : "update", c);
        String arch = archive(c, job);
        List<String> fields = in.delete ? null : new ArrayList<>(in.set.keySet());
        keepCopy(b, c, in.where, fields, arch, 1, in.delete ? "the documents the delete removes"
                : "the values the update overwrites");
        Plan.Backfill bf = b.backfill(job, c, "_id");
        bf.delete = in.delete;
        bf.set.putAll(in.set);
        bf.where = in.where;
        bf.notDone = in.delete ? in.where : notDone(in);
        b.check(2, "documents of " + c + " the batched " + (in.delete ? "delete" : "update") + " has not done",
                coll(c) + ".countDocuments(" + bf.notDone + ")", false);
        b.step(4, "drop the copy " + arch + " after the rollback window (POINT OF NO RETURN)", coll(arch) + ".drop();",
                "// the copy is gone: restore from the 01_backup.sh dump (mongorestore --nsInclude)", CATALOG_LOCK, true,
                Work.NONE);
        b.pointOfNoReturn();
    }

    private void unsetField(Intent in, PlanBuilder b) {
        String c = in.tableName();
        List<String> fields = List.of(in.column.split(", "));
        String job = name("unset", c, String.join("_", fields));
        String arch = archive(c, job);
        Map<String, Object> filter = MongoDocs.doc(in.where);
        List<String> has = new ArrayList<>();
        fields.forEach(f -> has.add("{ " + MongoDocs.str(f) + ": { $exists: true } }"));
        String any = has.size() == 1 ? has.get(0) : "{ $or: [" + String.join(", ", has) + "] }";
        String notDone = filter == null || filter.isEmpty() ? any : "{ $and: [" + in.where + ", " + any + "] }";
        keepCopy(b, c, notDone, fields, arch, 1, "the values of " + String.join(", ", fields));
        Plan.Backfill bf = b.backfill(job, c, "_id");
        fields.forEach(f -> bf.set.put(f, "$unset"));
        bf.where = in.where;
        bf.notDone = notDone;
        b.check(2, "documents of " + c + " that still have " + String.join(", ", fields), coll(c) + ".countDocuments("
                + notDone + ")", false);
        b.step(4, "drop the copy " + arch + " after the rollback window (POINT OF NO RETURN)", coll(arch) + ".drop();",
                "// the copy is gone: restore from the 01_backup.sh dump (mongorestore --nsInclude)", CATALOG_LOCK, true,
                Work.NONE);
        b.pointOfNoReturn();
    }

    private void dropCollection(Intent in, PlanBuilder b) {
        String c = in.tableName();
        String parked = name("schemagate_dropped", c);
        b.step(4, "move " + c + " aside as " + parked + " (the application loses it now)", coll(c) + ".renameCollection("
                + MongoDocs.str(parked) + ");", coll(parked) + ".renameCollection(" + MongoDocs.str(c) + ");",
                CATALOG_LOCK, true, Work.NONE);
        b.step(4, "drop " + parked + " after the rollback window (POINT OF NO RETURN)", coll(parked) + ".drop();",
                "// dropped: restore " + c + " from the 01_backup.sh dump (mongorestore --nsInclude)", CATALOG_LOCK, true,
                Work.NONE);
        b.check(4, "collection " + c + " is gone", "db.getCollectionNames().includes(" + MongoDocs.str(c) + ") ? 1 : 0",
                true);
        b.pointOfNoReturn();
    }

    // ------------------------------------------------------------------------------------------------ scripts

    @Override
    public String backfillSample(Plan.Backfill bf) {
        String range = "{ _id: { $gt: " + MongoDocs.str("<last _id done>") + ", $lte: " + MongoDocs.str("<last _id of the batch>")
                + " } }";
        String filter = "{ $and: [" + range + ", " + bf.notDone + "] }";
        if (bf.delete) {
            return coll(bf.table) + ".deleteMany(" + filter + ")";
        }
        return coll(bf.table) + ".updateMany(" + filter + ", " + MongoScripts.update(bf) + ")";
    }

    @Override
    public Map<String, String> scripts(Plan plan) {
        return MongoScripts.all(plan);
    }

    @Override
    public void operations(Plan plan, Runbook.Operations o, PlanThresholds th) {
        MongoScripts.operations(plan, o);
    }

    @Override
    public void finish(Plan plan, List<Intent> intents, PlanThresholds th) {
        MongoText.finish(plan, intents, th);
    }

    @Override
    public String checkQuery(String query, Catalog schema) {
        return MongoQueryCheck.check(query, schema);
    }

    static QualifiedName table(String c) {
        return new QualifiedName(null, c);
    }

    static IndexDef index(List<IndexDef> l, String name) {
        return l.stream().filter(i -> i.getName().equals(name)).findFirst().orElse(null);
    }
}
