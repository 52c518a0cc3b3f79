package dev.schemagate.plan;

import dev.schemagate.model.Dialect;
import java.util.Map;

/**
 * Writes the SQL of a plan for one dialect (found with {@link java.util.ServiceLoader}). The planner decides what
 * to do and in which phase ({@link Intent}, strategy, thresholds); the generator says how, in real statements for the
 * target server version, through the {@link PlanBuilder}: steps with their reverse, lock and kind of work, validation
 * queries (a count of violations), and batched backfills.
 */
public interface PlanSqlGenerator {
    Dialect dialect();

    /** The intent's own statements as one phase (metadata-only, new tables, small tables), with their reverse. */
    void asWritten(Intent intent, PlanBuilder b);

    /** The intent in phases 1 to 4. Called only for kinds other than AS_WRITTEN and MANUAL. */
    void phased(Intent intent, PlanBuilder b);

    /** One batch of a backfill with literal key bounds: the statement Calcite validates before scripts are written. */
    String backfillSample(Plan.Backfill bf);

    /** The files of the scripts folder, by name (01_backup.sh ... 05_rollback.sql, canary, README.md). */
    Map<String, String> scripts(Plan plan);

    /**
     * Puts this dialect's parts into the operations runbook {@link Runbook#build} made (its metric queries, backfill
     * log lines, pause and resume, staged roll-out, disk space and replication lag are written for PostgreSQL).
     */
    default void operations(Plan plan, Runbook.Operations o, PlanThresholds th) {
    }

    /**
     * Rewrites the plan-wide text the planner wrote for SQL (read path, deployment sequence, mitigations, checklist,
     * assumptions) where this dialect works differently. Called once, after the planner's own pass.
     */
    default void finish(Plan plan, java.util.List<Intent> intents, PlanThresholds th) {
    }

    /**
     * Checks a generated validation query or backfill batch against the schema at its phase itself, for a dialect
     * whose queries are not SQL: null lets Calcite check it, "" means it is valid, anything else says what is wrong.
     */
    default String checkQuery(String query, dev.schemagate.model.catalog.Catalog schema) {
        return null;
    }

    /** Why this generator cannot plan the intent in phases (the change is then left to a person), or null. */
    default String unsupported(Intent in) {
        return null;
    }
}
