package dev.schemagate.plan;

import dev.schemagate.model.Risk;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every number and switch the planner decides with, with the defaults a new user gets. A policy file sets them
 * through {@link #set(String, String)} with the keys of {@link #keys()} (documented in docs/plans/README.md).
 * Throughputs are assumptions, printed in every plan next to the estimates they produce.
 */
public final class PlanThresholds {
    /** Tables with fewer rows may change in one phase when the change is additive and needs no application change. */
    public long smallTableRows = 1_000;
    /** Tables with more rows always get the multi-phase plan for changes that block or rewrite. */
    public long multiPhaseRows = 10_000;
    /** Between the two row thresholds: a blocking step estimated longer than this splits the change. */
    public double maxBlockingSeconds = 1.0;
    public int batchMin = 1_000;
    public int batchMax = 5_000;
    /** Above this many writes per second on the table, backfills use the smallest batch. */
    public double busyWritesPerSecond = 100;
    /** Pause between backfill batches (rate limit). */
    public int batchSleepMs = 50;
    public String statementTimeout = "30s";
    public String lockTimeout = "2s";
    /** How long the old schema is kept (and rollback stays possible) before the point of no return. */
    public int rollbackWindowDays = 7;
    public boolean maintenanceWindowForRenames = true;
    public boolean maintenanceWindowForTableSplits = true;
    /** Lowest risk for which a maintenance window is recommended. */
    public Risk maintenanceWindowRisk = Risk.HIGH;
    /** Rows per second one batched UPDATE or DELETE processes (incl. index maintenance). */
    public double backfillRowsPerSecond = 10_000;
    /** Rows per second a sequential scan checks (VALIDATE CONSTRAINT, SET NOT NULL without a proof, counts). */
    public double scanRowsPerSecond = 1_000_000;
    /** Rows per second a non-concurrent index build sorts and writes; a concurrent build takes twice as long. */
    public double indexRowsPerSecond = 250_000;
    /** Rows per second a table rewrite copies (type change, VACUUM FULL). */
    public double rewriteRowsPerSecond = 200_000;
    /** MySQL/MariaDB: at or above, a step that rebuilds the table advises gh-ost or pt-online-schema-change. */
    public long onlineSchemaChangeRows = 10_000_000;
    /** Average row size used when the stats give rows but no bytes. */
    public long assumedRowBytes = 200;

    /** The keys {@link #set} accepts, with their current values, in a stable order. */
    public Map<String, String> keys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("small_table_rows", Long.toString(smallTableRows));
        m.put("multi_phase_rows", Long.toString(multiPhaseRows));
        m.put("max_blocking_seconds", num(maxBlockingSeconds));
        m.put("batch_min", Integer.toString(batchMin));
        m.put("batch_max", Integer.toString(batchMax));
        m.put("busy_writes_per_second", num(busyWritesPerSecond));
        m.put("batch_sleep_ms", Integer.toString(batchSleepMs));
        m.put("statement_timeout", statementTimeout);
        m.put("lock_timeout", lockTimeout);
        m.put("rollback_window_days", Integer.toString(rollbackWindowDays));
        m.put("maintenance_window_for_renames", Boolean.toString(maintenanceWindowForRenames));
        m.put("maintenance_window_for_table_splits", Boolean.toString(maintenanceWindowForTableSplits));
        m.put("maintenance_window_risk", maintenanceWindowRisk.name());
        m.put("backfill_rows_per_second", num(backfillRowsPerSecond));
        m.put("scan_rows_per_second", num(scanRowsPerSecond));
        m.put("index_rows_per_second", num(indexRowsPerSecond));
        m.put("rewrite_rows_per_second", num(rewriteRowsPerSecond));
        m.put("assumed_row_bytes", Long.toString(assumedRowBytes));
        m.put("online_schema_change_rows", Long.toString(onlineSchemaChangeRows));
        return m;
    }

    /**
     * Sets one key from its text form.
     *
     * @throws IllegalArgumentException for an unknown key or a bad value, with a message naming both
     */
    public PlanThresholds set(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT).replace('-', '_');
        String v = value == null ? "" : value.trim();
        try {
            switch (k) {
                case "small_table_rows": smallTableRows = positiveLong(v); break;
                case "multi_phase_rows": multiPhaseRows = positiveLong(v); break;
                case "max_blocking_seconds": maxBlockingSeconds = positiveDouble(v); break;
                case "batch_min": batchMin = (int) positiveLong(v); break;
                case "batch_max": batchMax = (int) positiveLong(v); break;
                case "busy_writes_per_second": busyWritesPerSecond = positiveDouble(v); break;
                case "batch_sleep_ms": batchSleepMs = (int) nonNegativeLong(v); break;
                case "statement_timeout": statementTimeout = duration(v); break;
                case "lock_timeout": lockTimeout = duration(v); break;
                case "rollback_window_days": rollbackWindowDays = (int) nonNegativeLong(v); break;
                case "maintenance_window_for_renames": maintenanceWindowForRenames = bool(v); break;
                case "maintenance_window_for_table_splits": maintenanceWindowForTableSplits = bool(v); break;
                case "maintenance_window_risk": maintenanceWindowRisk = Risk.parse(v); break;
                case "backfill_rows_per_second": backfillRowsPerSecond = positiveDouble(v); break;
                case "scan_rows_per_second": scanRowsPerSecond = positiveDouble(v); break;
                case "index_rows_per_second": indexRowsPerSecond = positiveDouble(v); break;
                case "rewrite_rows_per_second": rewriteRowsPerSecond = positiveDouble(v); break;
                case "assumed_row_bytes": assumedRowBytes = positiveLong(v); break;
                case "online_schema_change_rows": onlineSchemaChangeRows = positiveLong(v); break;
                default:
                    throw new IllegalArgumentException("unknown plan threshold '" + key + "' (known: "
                            + String.join(", ", keys().keySet()) + ")");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("plan threshold '" + key + "': not a number: " + value);
        }
        if (batchMin > batchMax) {
            throw new IllegalArgumentException("plan threshold batch_min (" + batchMin + ") is above batch_max ("
                    + batchMax + ")");
        }
        return this;
    }

    private static long positiveLong(String v) {
        long n = Long.parseLong(v.replace("_", "").replace(",", ""));
        if (n <= 0) {
            throw new IllegalArgumentException("must be above 0: " + v);
        }
        return n;
    }

    private static long nonNegativeLong(String v) {
        long n = Long.parseLong(v.replace("_", ""));
        if (n < 0) {
            throw new IllegalArgumentException("must not be negative: " + v);
        }
        return n;
    }

    private static double positiveDouble(String v) {
        double d = Double.parseDouble(v.replace("_", ""));
        if (!(d > 0)) {
            throw new IllegalArgumentException("must be above 0: " + v);
        }
        return d;
    }

    private static boolean bool(String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("expected true or false: " + v);
    }

    private static String duration(String v) {
        if (!v.matches("\\d+(ms|s|min|h)")) {
            throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5min: " + v);
        }
        return v;
    }

    public static String num(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
