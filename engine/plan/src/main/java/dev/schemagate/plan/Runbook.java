package dev.schemagate.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The operations section of a multi-phase plan, or of a one-phase plan that blocks its table (a copy of a large table
 * in a maintenance window needs watching too): what to watch during each phase (with the PostgreSQL queries), the
 * log lines the backfill prints, the conditions that mean stop, how to pause, throttle and resume the backfill, the
 * staged roll-out of the backfill, go/no-go criteria between phases, and the disk space and WAL volume the plan needs.
 * Estimates come from the stats (rows, bytes) and the thresholds; without stats they say so.
 */
public final class Runbook {
    /** Replication lag (replay_lag) above which the backfill is paused. */
    public static final int LAG_STOP_SECONDS = 30;
    /** A session waiting this long for a lock on a planned table means stop. */
    public static final int LOCK_WAIT_STOP_SECONDS = 5;
    /** Bytes per index entry assumed for a single 8-byte key (tuple header, item pointer, fill factor). */
    public static final long INDEX_ENTRY_BYTES = 40;

    /** Plain data for plan.json and plan.md. */
    public static final class Operations {
        /** Metric name to the query that reads it. */
        public final Map<String, String> metrics = new LinkedHashMap<>();
        /** Per phase: which metrics matter and what normal looks like. */
        public final Map<Integer, List<String>> watch = new LinkedHashMap<>();
        /** Backfill log line (as printed) to how to read it. */
        public final Map<String, String> logLines = new LinkedHashMap<>();
        public final List<String> stopWhen = new ArrayList<>();
        /** Action to the SQL or command. */
        public final Map<String, String> pauseResume = new LinkedHashMap<>();
        public final List<String> stagedRollout = new ArrayList<>();
        /** Per phase boundary ("before phase 2"): the criteria to go on. */
        public final Map<String, List<String>> goNoGo = new LinkedHashMap<>();
        public final List<String> diskSpace = new ArrayList<>();
        public final List<String> replicationLag = new ArrayList<>();
    }

    private Runbook() {
    }

    public static Operations build(Plan plan, PlanThresholds th) {
        if (plan.phases().size() < 2 && plan.changes.stream().noneMatch(c -> c.downtime)) {
            return null;
        }
        Operations o = new Operations();
        List<String> tables = new ArrayList<>();
        for (Plan.ChangePlan c : plan.changes) {
            if (c.table != null && !tables.contains(c.table)) {
                tables.add(c.table);
            }
        }
        String relnames = quotedNames(tables);
        if (!plan.backfills.isEmpty()) {
            o.metrics.put("rows processed", "SELECT job, last_key, max_key, rows_done, batches, updated_at, finished_at"
                    + " FROM schemagate.backfill_checkpoint;");
        }
        o.metrics.put("lock waits", "SELECT a.pid, a.wait_event_type, a.wait_event, now() - a.query_start AS waiting,"
                + " pg_blocking_pids(a.pid) AS blocked_by, left(a.query, 80) AS query FROM pg_stat_activity a WHERE"
                + " a.wait_event_type = 'Lock';");
        o.metrics.put("locks on the planned tables", "SELECT l.pid, l.mode, l.granted, c.relname FROM pg_locks l JOIN pg_class"
                + " c ON c.oid = l.relation WHERE c.relname IN (" + relnames + ") ORDER BY l.granted, l.pid;");
        o.metrics.put("replication lag", "SELECT application_name, state, replay_lag, pg_wal_lsn_diff(pg_current_wal_lsn(),"
                + " replay_lsn) AS bytes_behind FROM pg_stat_replication;");
        o.metrics.put("index build progress", "SELECT pid, relid::regclass, phase, blocks_done, blocks_total, tuples_done,"
                + " tuples_total FROM pg_stat_progress_create_index;");
        o.metrics.put("error rate", "SELECT xact_commit, xact_rollback, deadlocks, conflicts FROM pg_stat_database WHERE"
                + " datname = current_database();  -- sample twice, compare the deltas; plus the application's own 5xx rate");
        o.metrics.put("dead rows and vacuum", "SELECT relname, n_live_tup, n_dead_tup, last_autovacuum FROM"
                + " pg_stat_user_tables WHERE relname IN (" + relnames + ");");
        o.metrics.put("WAL written", "SELECT pg_current_wal_lsn();  -- twice; pg_wal_lsn_diff(second, first) is the WAL"
                + " written in between");
        for (int p : plan.phases()) {
            List<String> w = new ArrayList<>();
            if (p == 2 && !plan.backfills.isEmpty()) {
                w.add("rows processed: last_key rises every batch; updated_at no older than a few seconds (unless paused)");
                w.add("replication lag: replay_lag under " + LAG_STOP_SECONDS + " s and not growing batch after batch");
                w.add("dead rows and vacuum: n_dead_tup grows by about the rows changed until autovacuum runs; the batches"
                        + " leave it room");
                w.add("lock waits: no application session waiting on the planned tables");
            } else {
                w.add("lock waits: sessions queued behind the phase's statements (each waits at most lock_timeout "
                        + plan.lockTimeout + ")");
                if (plan.steps(p).stream().anyMatch(s -> INDEX.matcher(s.sql).find())) {
                    w.add("index build progress: phase and blocks_done / blocks_total; a CONCURRENTLY build also waits for"
                            + " older transactions ('waiting for old snapshots')");
                }
                w.add("replication lag: index builds, validations and rewrites generate WAL too");
            }
            w.add("error rate: rollbacks and deadlocks per minute and the application's errors at their baseline");
            o.watch.put(p, w);
        }
        for (Plan.Backfill b : plan.backfills) {
            o.logLines.put(b.job + ": key 13000 of 20000 (65.0%), 8000 rows changed, ETA 00:00:03", "one line per batch:"
                    + " the checkpoint's last key, of the highest key when the job started; the rows that batch and all"
                    + " earlier ones changed (rows already done are skipped, so it can stay below the key count); the time"
                    + " left at the rate since this run started");
            o.logLines.put("WARNING:  " + b.job + ": paused (schemagate.backfill_control.paused = true), the next batch waits",
                    "paused between two batches, nothing is running; it goes on by itself once paused is false");
            o.logLines.put("WARNING:  " + b.job + ": resumed", "the pause ended");
            o.logLines.put(b.job + ": N rows changed in B batches, finished, elapsed 00:04:10", "done: go to the"
                    + " validation of phase 2");
            o.logLines.put(b.job + ": ... slice of 2 % done up to key K: validate it, ...", "a canary slice ended: validate"
                    + " it before widening");
            o.logLines.put(b.job + ": ... NOT finished: run it again", "stopped early (interrupted, or the key range grew):"
                    + " run it again, it resumes after last_key");
            o.logLines.put("ERROR:  canceling statement due to lock timeout", "a batch waited " + plan.lockTimeout + " for a"
                    + " row or table lock (a long transaction holds it): nothing of that batch was written; find the holder"
                    + " with the lock-waits query, then run the script again");
            o.logLines.put("ERROR:  canceling statement due to statement timeout", "one batch took over "
                    + plan.statementTimeout + ": the batch is too large for this table's load; lower the batch size"
                    + " (--threshold batch_max=...) and run again");
            o.logLines.put("ERROR:  canceling statement due to user request", "Ctrl-C or kill -INT: the running batch was"
                    + " rolled back, the checkpoint is consistent; run again to resume");
            break;
        }
        boolean backfill = !plan.backfills.isEmpty();
        o.stopWhen.add(lagStop(plan, "replay_lag"));
        o.stopWhen.add("an application session waits over " + LOCK_WAIT_STOP_SECONDS + " s on a planned table (lock waits"
                + " query): stop the phase's statement (Ctrl-C) and find the blocker");
        o.stopWhen.add("the application's error rate or p99 latency leaves its baseline, or rollbacks/deadlocks per minute"
                + " rise: " + decide(plan));
        o.stopWhen.add("a validation query of 04_validate.sql reports violations: do not start the next phase");
        o.stopWhen.add("free disk space on the data or WAL volume below twice the estimate below");
        if (backfill) {
            o.stopWhen.add("the backfill's ETA keeps growing (it competes with the workload): raise sleep_ms or run it"
                    + " off-peak");
        }
        if (backfill) {
            String job = plan.backfills.get(0).job;
            o.pauseResume.put("pause (between batches, the session stays, no lock is held)",
                    "UPDATE schemagate.backfill_control SET paused = true, updated_at = now() WHERE job = '" + job + "';");
            o.pauseResume.put("resume", "UPDATE schemagate.backfill_control SET paused = false, updated_at = now() WHERE job"
                    + " = '" + job + "';");
            o.pauseResume.put("throttle (takes effect at the next batch)", "UPDATE schemagate.backfill_control SET sleep_ms"
                    + " = 500 WHERE job = '" + job + "';");
            o.pauseResume.put("stop now", "Ctrl-C in psql, or kill -INT <psql pid>: the running batch rolls back with its"
                    + " checkpoint row, every committed batch stays");
            o.pauseResume.put("resume after a stop", "psql -X -f 03_backfill.sql  -- continues after"
                    + " schemagate.backfill_checkpoint.last_key; rows already done are skipped");
            o.pauseResume.put("from another session", "SELECT pg_cancel_backend(pid) (or pg_terminate_backend) of the batch session is safe too: it rolls back;"
                    + " do not edit last_key by hand unless you start over");
            Plan.Backfill b = plan.backfills.get(0);
            String check = "SELECT count(*) FROM " + b.table + " WHERE " + b.notDone;
            o.stagedRollout.add("1. canary slice: psql -X -v slice_pct=2 -f 03_backfill.sql (the first 2 % of the key"
                    + " range; 1 to 5 % is right for a first slice)");
            o.stagedRollout.add("2. validate the slice: rows up to the checkpoint must be done and correct: "
                    + sliceCheck(b) + "; also read a sample of changed rows by hand");
            o.stagedRollout.add("3. watch the metrics during the slice: lag, lock waits and errors must have stayed at"
                    + " baseline; the measured rows per second gives the real ETA");
            o.stagedRollout.add("4. widen: psql -X -v slice_pct=25 -f 03_backfill.sql, validate the same way, then the"
                    + " rest: psql -X -f 03_backfill.sql");
            o.stagedRollout.add("5. whole table: " + plan.phaseScript("04_validate.sql", 2) + " (" + oneLine(check) + " must return 0)");
        }
        List<Integer> phases = plan.phases();
        for (int i = 1; i < phases.size(); i++) {
            int prev = phases.get(i - 1);
            int next = phases.get(i);
            List<String> g = new ArrayList<>();
            g.add(plan.phaseScript("04_validate.sql", prev) + " printed 'all checks passed'");
            g.add("no stop condition fired during phase " + prev + "; replication lag back under 5 s");
            g.add("error rate and latency at their baseline for at least 15 minutes");
            if (next == 4) {
                g.add("every application instance runs the version the deployment sequence names for phase 4 (check the"
                        + " deployed versions, not the release notes)");
                if (plan.pointOfNoReturn) {
                    g.add("01_backup.sh ran and its dump restores (phase 4 is the point of no return); the rollback window"
                            + " (" + plan.rollbackWindow + ") has passed without a reason to roll back");
                }
            }
            if (next == 3 && !plan.backfills.isEmpty()) {
                g.add("the backfill printed 'finished' and no row is left (the pre-check of phase 3 stops it otherwise)");
            }
            o.goNoGo.put("phase " + prev + " -> phase " + next, g);
        }
        for (Plan.ChangePlan c : plan.changes) {
            disk(o, plan, c, th);
        }
        return o;
    }

    /** The runbook as a Markdown section ("" when the plan has none). */
    public static String markdown(Plan plan) {
        Operations o = plan.operations;
        if (o == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n## Operations runbook\n\n");
        sb.append("### Metrics and how to read them\n\n");
        for (Map.Entry<String, String> e : o.metrics.entrySet()) {
            sb.append("- **").append(e.getKey()).append("**: `").append(e.getValue()).append("`\n");
        }
        sb.append("\n### What to watch in each phase\n\n");
        for (Map.Entry<Integer, List<String>> e : o.watch.entrySet()) {
            sb.append("Phase ").append(e.getKey()).append(" (").append(Plan.PHASE_NAMES[e.getKey()]).append("):\n\n");
            for (String w : e.getValue()) {
                sb.append("- ").append(w).append('\n');
            }
            sb.append('\n');
        }
        if (!o.logLines.isEmpty()) {
            sb.append("### Backfill log lines\n\n| Line | Meaning |\n|---|---|\n");
            for (Map.Entry<String, String> e : o.logLines.entrySet()) {
                sb.append("| `").append(e.getKey().replace("|", "\\|")).append("` | ").append(e.getValue().replace("|", "\\|"))
                        .append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("### Stop when\n\n");
        for (String w : o.stopWhen) {
            sb.append("- ").append(w).append('\n');
        }
        if (!o.pauseResume.isEmpty()) {
            sb.append("\n### Pause, throttle and resume the backfill\n\n");
            for (Map.Entry<String, String> e : o.pauseResume.entrySet()) {
                sb.append("- ").append(e.getKey()).append(": `").append(e.getValue()).append("`\n");
            }
            sb.append("\n### Staged roll-out of the backfill\n\n");
            for (String w : o.stagedRollout) {
                sb.append(w).append('\n');
            }
        }
        sb.append('\n');
        if (!o.goNoGo.isEmpty()) {
            sb.append("### Go / no-go between phases\n\n");
        }
        for (Map.Entry<String, List<String>> e : o.goNoGo.entrySet()) {
            sb.append("**").append(e.getKey()).append("** goes ahead only when:\n\n");
            for (String w : e.getValue()) {
                sb.append("- [ ] ").append(w).append('\n');
            }
            sb.append('\n');
        }
        sb.append("### Disk space\n\n");
        list(sb, o.diskSpace);
        sb.append("\n### Replication lag\n\n");
        list(sb, o.replicationLag);
        return sb.toString();
    }

    /** What to do when the application suffers: weigh it against the go/no-go list, or the rollback of the only phase. */
    public static String decide(Plan plan) {
        return plan.phases().size() > 1 ? "pause, then decide with the go/no-go list"
                : "stop, then decide whether to run the phase's rollback script";
    }

    /** The replication-lag stop condition, with the dialect's name for the lag: the backfill pauses, or no step starts. */
    public static String lagStop(Plan plan, String metric) {
        String over = "replication lag (" + metric + ") above " + LAG_STOP_SECONDS + " s";
        return plan.backfills.isEmpty() ? over + ": start no further step until it is back under 5 s (replicas replay a"
                + " rewrite or an index build after the primary finishes it)"
                : over + ", or growing for 3 batches in a row: pause the backfill until it is back under 5 s";
    }

    /** The items, or why there are none: every generator lists each backfill, index build and table copy it plans. */
    private static void list(StringBuilder sb, List<String> items) {
        if (items.isEmpty()) {
            sb.append("- nothing to plan for: no step of this plan backfills, builds an index or copies a table\n");
        }
        for (String w : items) {
            sb.append("- ").append(w).append('\n');
        }
    }

    private static final Pattern INDEX = Pattern.compile("(?i)CREATE\\s+(UNIQUE\\s+)?INDEX");
    private static final Pattern REWRITE = Pattern.compile("(?i)ALTER\\s+COLUMN\\s+\\S+\\s+(SET\\s+DATA\\s+)?TYPE|VACUUM\\s+FULL|CLUSTER");

    private static void disk(Operations o, Plan plan, Plan.ChangePlan c, PlanThresholds th) {
        String table = c.table == null ? "?" : c.table;
        Long rows = c.rows;
        Long bytes = c.bytes != null ? c.bytes : rows == null ? null : rows * th.assumedRowBytes;
        String bytesSource = c.bytes != null ? "stats bytes" : rows == null ? null : "rows x assumed_row_bytes "
                + th.assumedRowBytes;
        if (rows == null) {
            o.diskSpace.add(table + ": size unknown (no --stats entry): measure pg_total_relation_size('" + table + "') and"
                    + " keep at least twice the table's size free before phase 2");
            o.replicationLag.add(table + ": WAL volume unknown without stats");
            return;
        }
        for (Plan.Step s : plan.steps) {
            if (s.change != c.index) {
                continue;
            }
            if (INDEX.matcher(s.sql).find()) {
                long idx = rows * INDEX_ENTRY_BYTES;
                o.diskSpace.add("phase " + s.phase + " " + s.title + ": the new index about " + size(idx) + " (" + rows
                        + " rows x " + INDEX_ENTRY_BYTES + " bytes per entry of an 8-byte key; wider keys take more), plus"
                        + " up to as much again in temporary sort files while it builds (maintenance_work_mem spills)");
            } else if (REWRITE.matcher(s.sql).find()) {
                o.diskSpace.add("phase " + s.phase + " " + s.title + ": a rewrite writes a full new copy of " + table + ": "
                        + size(bytes) + " (" + bytesSource + ") plus its indexes, freed only at commit");
            }
        }
        for (Plan.Backfill b : plan.backfills) {
            if (b.change != c.index) {
                continue;
            }
            long done = b.rows != null ? b.rows : rows;
            long avg = Math.max(1, bytes / Math.max(1, rows));
            long wal = done * avg;
            o.diskSpace.add("phase 2 backfill " + b.job + ": every " + (b.delete ? "deleted" : "updated") + " row leaves a"
                    + " dead version until vacuum: up to " + size(wal) + " of table growth (" + done + " rows x " + avg
                    + " bytes, " + bytesSource + "); batches and autovacuum keep it lower, VACUUM after the backfill reclaims"
                    + " it for reuse");
            o.replicationLag.add("phase 2 backfill " + b.job + ": about " + size(wal) + " to " + size(2 * wal) + " of WAL"
                    + " (each changed row is written once, plus full-page images after checkpoints) over "
                    + Durations.text(b.seconds) + "; every replica must replay it: at " + size(Math.round(wal / Math.max(1,
                    b.seconds))) + "/s average, watch replay_lag and raise sleep_ms if it grows");
        }
        for (Plan.Step s : plan.steps) {
            if (s.change == c.index && (INDEX.matcher(s.sql).find() || REWRITE.matcher(s.sql).find())) {
                o.replicationLag.add("phase " + s.phase + " " + s.title + ": WAL about the size of what it writes (see disk"
                        + " space); replicas replay it after the build, so lag peaks at the end");
            }
        }
    }

    private static String sliceCheck(Plan.Backfill b) {
        return "SELECT count(*) FROM " + b.table + " WHERE " + b.key + " <= (SELECT last_key FROM"
                + " schemagate.backfill_checkpoint WHERE job = '" + b.job + "') AND " + b.notDone + ";  -- must be 0";
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    private static String quotedNames(List<String> tables) {
        List<String> out = new ArrayList<>();
        for (String t : tables) {
            String n = t.contains(".") ? t.substring(t.lastIndexOf('.') + 1) : t;
            out.add("'" + n.replace("\"", "").replace("'", "''") + "'");
        }
        return out.isEmpty() ? "''" : String.join(", ", out);
    }

    public static String size(long bytes) {
        String[] u = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < u.length - 1) {
            v /= 1024;
            i++;
        }
        return i == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, u[i]);
    }
}
