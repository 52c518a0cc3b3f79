package dev.schemagate.plan.mongodb;

import dev.schemagate.plan.Intent;
import dev.schemagate.plan.Plan;
import dev.schemagate.plan.PlanThresholds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The plan-wide text of a MongoDB plan: the planner writes it for SQL (triggers, lock_timeout, canary.sql, tables
 * and rows); this says what the mongosh scripts do instead, in MongoDB's words (collections, documents, fields).
 */
final class MongoText {
    private MongoText() {
    }

    /** SQL words of the planner's analysis, in MongoDB's. */
    static String words(String s) {
        if (s == null) {
            return null;
        }
        return s.replaceAll("\\bcolumns\\b", "fields").replaceAll("\\bcolumn\\b", "field")
                .replaceAll("\\btables\\b", "collections").replaceAll("\\btable\\b", "collection")
                // not a stats key in backquotes (`rows`), not the idiom "in a row"
                .replaceAll("(?<!`)\\brows\\b(?!`)", "documents").replaceAll("(?<!in a )\\brow\\b", "document")
                .replace("the lock is held for milliseconds", "the collection lock is held for milliseconds");
    }

    static void finish(Plan plan, List<Intent> intents, PlanThresholds th) {
        for (Plan.ChangePlan c : plan.changes) {
            c.title = words(c.title);
            c.dataLossWhy = words(c.dataLossWhy);
            c.strategyWhy = words(c.strategyWhy);
            c.downtimeWhy = words(c.downtimeWhy);
            c.maintenanceWhy = words(c.maintenanceWhy);
            if (c.rowsSource != null) {
                c.rowsSource = words(c.rowsSource);
            }
            if (c.strategy == Plan.Strategy.MULTI_PHASE && !c.downtime) {
                c.downtimeWhy = "collMod and the start and end of an index build hold an exclusive collection lock for"
                        + " milliseconds; the backfill and index builds let reads and writes continue";
            }
        }
        for (int i = 0; i < plan.problems.size(); i++) {
            plan.problems.set(i, words(plan.problems.get(i)));
        }
        boolean newField = intents.stream().anyMatch(i -> i.kind == Intent.Kind.NEW_COLUMNS)
                && plan.changes.stream().anyMatch(c -> c.strategy == Plan.Strategy.MULTI_PHASE);
        boolean validator = plan.steps.stream().anyMatch(s -> s.sql.contains("validationAction: \"warn\""));
        boolean removes = intents.stream().anyMatch(i -> i.kind == Intent.Kind.DROP_COLUMN || i.kind == Intent.Kind.DROP_TABLE);
        List<String> fields = new ArrayList<>();
        intents.stream().filter(i -> i.kind == Intent.Kind.NEW_COLUMNS).forEach(i -> i.columns.forEach(c -> fields.add(
                i.tableName() + "." + c.name)));
        String f = fields.isEmpty() ? "the new fields" : String.join(", ", fields);
        // read path
        plan.readPath.clear();
        plan.readPath.put(0, List.of("app v1 (today) reads and writes documents as they are."));
        if (plan.hasPhase(1)) {
            List<String> p1 = new ArrayList<>();
            p1.add("app v1 keeps working: " + (validator ? "the new validator only logs documents without " + f
                    + " (validationAction \"warn\", validationLevel \"moderate\"), it rejects nothing" : "phase 1 only adds")
                    + ".");
            if (newField) {
                p1.add("deploy app v2: writes " + f + " on every insert and update; reads it where present and treats a"
                        + " missing one as the default the backfill writes.");
            }
            plan.readPath.put(1, p1);
        }
        if (plan.hasPhase(2)) {
            plan.readPath.put(2, List.of("after the backfill and its validation every document has the new values; app v2"
                    + " may rely on them."));
        }
        if (plan.hasPhase(3)) {
            plan.readPath.put(3, List.of("the validator is enforced: a write without " + f + " fails, so only app v2 or"
                    + " later may write (app v1 inserts would be rejected)."));
        }
        if (plan.hasPhase(4)) {
            plan.readPath.put(4, List.of(removes ? "the removed data is gone from the collection; only the copy and the"
                    + " backup keep it: every application version must have stopped reading it." : "cleanup only."));
        }
        // deployment sequence
        plan.deployment.clear();
        int step = 1;
        plan.deployment.add(step++ + ". Run 01_backup.sh and canary_before.js.");
        for (int p : plan.phases()) {
            if (p == 4 && plan.pointOfNoReturn) {
                plan.deployment.add(step++ + ". Wait the rollback window (" + th.rollbackWindowDays + " days); confirm no"
                        + " application version reads what phase 4 removes.");
                plan.deployment.add(step++ + ". Run 01_backup.sh again (the last copy of what phase 4 removes).");
            }
            if (p == 3 && newField) {
                plan.deployment.add(step++ + ". Make sure every instance runs app v2 (app v1 inserts would be rejected"
                        + " once the validator is enforced).");
            }
            if (p == 2) {
                plan.deployment.add(step++ + ". Run phase 2: 03_backfill.js (batched, resumable; DRY_RUN=1 first), then "
                        + plan.phaseScript("04_validate.sql", 2) + ".");
            } else {
                plan.deployment.add(step++ + ". Run phase " + p + ", " + Plan.PHASE_NAMES[p].toLowerCase(Locale.ROOT)
                        + ": " + plan.phaseScript("02_forward.sql", p) + ", then " + plan.phaseScript("04_validate.sql", p)
                        + ".");
            }
            if (p == 1 && newField) {
                plan.deployment.add(step++ + ". Deploy app v2 (writes " + f + ").");
            }
        }
        plan.deployment.add(step + ". Run canary_after.js: document counts and hashes of the untouched fields must match.");
        plan.rollbackWindow = plan.pointOfNoReturn ? th.rollbackWindowDays + " days before phase 4 (rollback_window_days):"
                + " until phase 4 runs, every phase can be undone with its 05_rollback_N.js; phase 4 is the point of no return"
                : "no point of no return: nothing is removed, every phase can be undone with its 05_rollback_N.js at any time";
        // mitigations
        plan.mitigations.clear();
        if (validator) {
            plan.mitigations.add("A validator enforced at once rejects every update of a document written before it (strict"
                    + "/error is the default) -> it is installed with validationLevel \"moderate\" and validationAction"
                    + " \"warn\" and enforced only in phase 3, after a count of documents failing it ($nor of the validator)"
                    + " is 0; the count runs again as the pre-check of phase 3.");
        }
        if (!plan.backfills.isEmpty()) {
            Plan.Backfill b = plan.backfills.get(0);
            plan.mitigations.add("An unbatched updateMany holds write tickets for minutes, floods the oplog and lags the"
                    + " secondaries, and cannot be resumed -> 03_backfill.js changes " + b.batchSize + " documents per"
                    + " bulkWrite in _id order with write concern majority (each batch waits for the majority, which paces"
                    + " it to the secondaries), maxTimeMS " + plan.statementTimeout + " per read and a pause of "
                    + plan.batchSleepMs + " ms between batches.");
            plan.mitigations.add("A backfill run twice or interrupted -> every filter also selects only documents not yet"
                    + " done, and the last _id is checkpointed in " + MongoPlanGenerator.PROGRESS + "; pause and throttle"
                    + " live through " + MongoPlanGenerator.CONTROL + ".");
            plan.mitigations.add("Collections whose _id values have different BSON types -> the _id walk compares within one"
                    + " type only; the phase 2 validation counts every document not done, whatever its _id, so none is"
                    + " silently left behind.");
        }
        if (plan.steps.stream().anyMatch(s -> s.sql.contains(".createIndex("))) {
            plan.mitigations.add("An index build on a large collection competes for I/O and cache and replicates to every"
                    + " member -> it runs online (4.2+: exclusive lock only at start and end), hidden first where the server"
                    + " supports it (4.4+) and shown in phase 3 after it is checked; on a busy replica set build it rolling"
                    + " (one member at a time, restarted as a standalone, then stepped down) instead.");
        }
        if (plan.steps.stream().anyMatch(s -> s.title.startsWith("keep a copy"))) {
            plan.mitigations.add("Overwritten or removed values -> phase 1 copies them (by _id) into a schemagate_ collection"
                    + " that the phase 2 rollback writes back; the copy is dropped only in phase 4, after the rollback window.");
        }
        if (plan.changes.stream().anyMatch(c -> c.rows == null)) {
            plan.mitigations.add("Unknown collection sizes -> estimates marked unknown; pass --stats (a collection's"
                    + " `rows` entry is its document count; bytes, writes per second) for real durations.");
        }
        // checklist
        plan.checklist.clear();
        plan.checklist.add("Backup taken (01_backup.sh) and mongorestore tested");
        plan.checklist.add("Plan rehearsed on a staging copy, including 05_rollback_N.js for every phase");
        plan.checklist.add("Canary snapshot taken (canary_before.js)");
        for (int p : plan.phases()) {
            plan.checklist.add("Phase " + p + " (" + Plan.PHASE_NAMES[p] + ") run and " + plan.phaseScript("04_validate.sql",
                    p) + " passed" + (p == 4 && plan.pointOfNoReturn ? " (POINT OF NO RETURN)" : ""));
            if (p == 1 && newField) {
                plan.checklist.add("App v2 deployed (writes " + f + ")");
            }
        }
        plan.checklist.add("Canary compared (canary_after.js)");
        // assumptions
        plan.assumptions.clear();
        plan.assumptions.add("backfill: " + PlanThresholds.num(th.backfillRowsPerSecond) + " documents/s plus "
                + th.batchSleepMs + " ms pause per batch (backfill_rows_per_second, batch_sleep_ms)");
        plan.assumptions.add("counts (validation): " + PlanThresholds.num(th.scanRowsPerSecond) + " documents/s"
                + " (scan_rows_per_second)");
        plan.assumptions.add("index build: " + PlanThresholds.num(th.indexRowsPerSecond) + " documents/s"
                + " (index_rows_per_second)");
        // canary: the fields each touched collection keeps unchanged
        plan.canary.clear();
        for (Intent in : intents) {
            if (in.before == null || in.table == null || in.kind == Intent.Kind.MANUAL || in.kind == Intent.Kind.DROP_TABLE
                    || in.delete) {
                continue;
            }
            Set<String> known = MongoDocs.knownFields(in.before);
            List<String> keep = new ArrayList<>();
            for (String k : known) {
                if (!k.equals("_id") && !in.set.containsKey(k) && in.columns.stream().noneMatch(c -> c.name.equals(k))
                        && (in.column == null || !List.of(in.column.split(", ")).contains(k))) {
                    keep.add(k);
                }
            }
            plan.canary.merge(in.tableName(), keep, (a, b) -> {
                a.retainAll(b);
                return a;
            });
        }
    }
}
