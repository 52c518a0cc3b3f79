package dev.schemagate.plan;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A migration plan: the analysis of each planned change, the four phases with their steps, checks and backfills,
 * the read-path and deployment sequence, rollback, performance, mitigations and checklist, and the results of
 * validating generated SQL and the application's queries with Calcite. Plain data: the writers render it, and
 * {@code plan.json} is this object.
 */
public final class Plan {
    public static final String[] PHASE_NAMES = {"", "Expand (additive)", "Backfill", "Constrain", "Contract (cleanup)"};

    public String dialect;
    public String version;
    public final List<String> migrations = new ArrayList<>();
    public final List<ChangePlan> changes = new ArrayList<>();
    public final List<Step> steps = new ArrayList<>();
    public final List<Check> checks = new ArrayList<>();
    public final List<Backfill> backfills = new ArrayList<>();
    /** What the application reads and writes after each phase, keyed by phase number (0 = before phase 1). */
    public final Map<Integer, List<String>> readPath = new LinkedHashMap<>();
    public final List<String> deployment = new ArrayList<>();
    public final List<String> mitigations = new ArrayList<>();
    public final List<String> checklist = new ArrayList<>();
    public final List<String> assumptions = new ArrayList<>();
    /** Columns and tables the contract phase removes (backed up first by 01_backup.sh), as "table" or "table.column". */
    public final List<String> backups = new ArrayList<>();
    /** Tables whose row counts and checksums the canary compares; the value lists columns left untouched. */
    public final Map<String, List<String>> canary = new LinkedHashMap<>();
    public final List<QueryCheck> queries = new ArrayList<>();
    /** Columns a sync trigger fills on INSERT from phase 1 until phase 4 removes it, per table. */
    public final Map<String, List<String>> triggerFilled = new LinkedHashMap<>();
    /** Generated SQL that failed validation, and changes that could not be planned: each one needs a person. */
    public final List<String> problems = new ArrayList<>();
    /** Phase 4 removes data (a column or table): after it, rollback means restoring copies. */
    public boolean pointOfNoReturn;
    /** What phase 4 ends and what its rollback does, when the generic wording (data removed, copies restored) does
     * not fit (a type change's swap); null for the generic wording. */
    public String pointOfNoReturnNote;
    public String contractRollbackNote;
    public boolean maintenanceWindow;
    public final List<String> maintenanceReasons = new ArrayList<>();
    public String rollbackWindow;
    public Risk risk = Risk.NONE;
    /** Settings the scripts use (from {@link PlanThresholds}). */
    public String lockTimeout;
    public String statementTimeout;
    public int batchSleepMs;
    public double backfillRowsPerSecond;
    /** Every threshold the decisions used (see {@link PlanThresholds#keys()}). */
    public final Map<String, String> thresholds = new LinkedHashMap<>();
    public double totalSeconds;
    /** The operations runbook of a multi-phase plan (null for a plan of one phase or none). */
    public Runbook.Operations operations;

    /**
     * How a script is named and run with one choice: psql takes {@code -v phase=N}; the mysql and sqlite3 clients have
     * no command-line variables, so their plans get one file per value ({@code 02_forward_1.sql}).
     */
    public String script(String file, String var, Object value) {
        if (dialect == null || dialect.equals("postgres")) {
            return file + " -v " + var + "=" + value;
        }
        if (dialect.equals("mongodb")) {
            file = file.replace(".sql", ".js"); // mongosh scripts, one file per value like the mysql client's
        }
        int dot = file.lastIndexOf('.');
        return file.substring(0, dot) + "_" + value + file.substring(dot);
    }

    /** The backfill script: a psql or mysql script, or for SQLite (whose CLI has no loops) a shell driver. */
    public String backfillScript() {
        return "sqlite".equals(dialect) ? "03_backfill.sh" : "mongodb".equals(dialect) ? "03_backfill.js" : "03_backfill.sql";
    }

    /** {@link #script} for a phase. */
    public String phaseScript(String file, Object phase) {
        return script(file, "phase", phase);
    }

    /** Phase numbers that have at least one step, check or backfill. */
    public List<Integer> phases() {
        List<Integer> out = new ArrayList<>();
        for (int p = 1; p <= 4; p++) {
            if (hasPhase(p)) {
                out.add(p);
            }
        }
        return out;
    }

    public boolean hasPhase(int p) {
        return steps.stream().anyMatch(s -> s.phase == p) || (p == 2 && !backfills.isEmpty());
    }

    /** The tables the plan changes but backs up no rows of: their schema alone is saved before the plan runs. */
    public List<String> schemaOnlyTables() {
        List<String> out = new ArrayList<>();
        for (ChangePlan cp : changes) {
            if (cp.table != null && !backups.contains(cp.table) && !out.contains(cp.table)) {
                out.add(cp.table);
            }
        }
        return out;
    }

    /** The steps of {@code phase} in the order they are undone (last first). */
    public List<Step> undoOrder(int phase) {
        List<Step> out = steps(phase);
        java.util.Collections.reverse(out);
        return out;
    }

    public List<Step> steps(int phase) {
        List<Step> out = new ArrayList<>();
        for (Step s : steps) {
            if (s.phase == phase) {
                out.add(s);
            }
        }
        return out;
    }

    public List<Check> checks(int phase) {
        List<Check> out = new ArrayList<>();
        for (Check c : checks) {
            if (c.phase == phase) {
                out.add(c);
            }
        }
        return out;
    }

    /** How a change is shipped. */
    public enum Strategy { METADATA_ONLY, SINGLE_PHASE, MULTI_PHASE, MANUAL }

    /** The analysis of one planned change (one or several statements about the same table and columns). */
    public static final class ChangePlan {
        public int index;
        public String title;
        public String file;
        public int line;
        public String table;
        public ChangeType changeType;
        public Risk dataLossRisk;
        public String dataLossWhy;
        /** Highest risk of the check findings on these statements. */
        public Risk findingRisk = Risk.NONE;
        public final List<String> findings = new ArrayList<>();
        public Strategy strategy;
        public String strategyWhy;
        public boolean downtime;
        public String downtimeWhy;
        /** Phase 4 removes data (a column or table): after it, rollback means restoring copies. */
    public boolean pointOfNoReturn;
    public boolean maintenanceWindow;
        public String maintenanceWhy;
        public Long rows;
        /** Table size in bytes from the stats, or null. */
        public Long bytes;
        public String rowsSource;
        public double seconds;
        public final List<String> statements = new ArrayList<>();
        public boolean appChange;
        /** Another way to ship the change and when it is the better one (null when the plan offers none). */
        public String alternative;
    }

    /** One statement of a phase, with its reverse. */
    public static final class Step {
        public int phase;
        public int change;
        public String title;
        public String sql;
        public String rollback;
        public String lock;
        public boolean blocking;
        public double seconds;
        public String estimate;
        /** CREATE/DROP INDEX CONCURRENTLY and the like: must run outside a transaction block. */
        public boolean noTransaction;
    }

    /** A validation query: it returns one row with one number, the count of violations; 0 means the check passed. */
    public static final class Check {
        public int phase;
        public int change;
        public String name;
        public String sql;
        /** Null when Calcite accepted the query against the schema of its phase, else why not. */
        public String validation;
        /** Catalog queries (pg_catalog) are checked against a small model of the system catalog. */
        public boolean catalog;
        /** Runs before the phase's steps (02_forward.sql stops when it fails) instead of after them. */
        public boolean pre;
        /** Reports without failing: rows worth a look (edge cases), not a broken phase. */
        public boolean warning;
    }

    /** A batched data change for phase 2. */
    public static final class Backfill {
        public int change;
        public String job;
        public String table;
        public String key;
        /** Column to expression, in order; empty for a batched DELETE. */
        public final Map<String, String> set = new LinkedHashMap<>();
        /** Extra condition of the original statement, or null. */
        public String where;
        /** The condition that selects rows not yet done, so re-running skips finished rows. */
        public String notDone;
        public boolean delete;
        /** A copy into this table (INSERT ... SELECT of {@link #set}'s expressions), or null for an UPDATE/DELETE. */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        public String into;
        public int batchSize;
        public Long rows;
        public double seconds;
        /** One batch statement with literal bounds, as validated by Calcite. */
        public String sample;
        public String validation;

        /**
         * One batch over the keys in ({@code lo}, {@code hi}] that only touches rows not done yet: the copy, DELETE or
         * UPDATE this backfill runs. {@code qualifiedKey} names the key with its table (SQLite's copy reads one
         * table while writing another).
         */
        public String batch(String lo, String hi, boolean qualifiedKey) {
            String k = qualifiedKey ? table + "." + key : key;
            String range = k + " > " + lo + " AND " + k + " <= " + hi;
            if (into != null) {
                return "INSERT INTO " + into + " (" + String.join(", ", set.keySet()) + ") SELECT "
                        + String.join(", ", set.values()) + " FROM " + table + " WHERE " + range + " AND " + notDone;
            }
            if (delete) {
                return "DELETE FROM " + table + " WHERE " + range + " AND " + notDone;
            }
            List<String> assignments = new ArrayList<>();
            set.forEach((c, v) -> assignments.add(c + " = " + v));
            return "UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE " + range + " AND " + notDone;
        }
    }

    /** One application query, validated before the plan and after each phase. */
    public static final class QueryCheck {
        public int line;
        public String sql;
        /** Stage ("before", "after phase 1", ...) to null when it validates, else the error. */
        public final Map<String, String> results = new LinkedHashMap<>();
        /** First stage at which it breaks, or null. */
        public String breaksAt;
    }
}
