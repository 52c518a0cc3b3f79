package dev.schemagate.plan;

import dev.schemagate.model.Version;

/** What a {@link PlanSqlGenerator} adds to a plan, for one change at a time, with estimates from the row count. */
public final class PlanBuilder {
    /** The work a step does, which sets its estimate. */
    public enum Work { CATALOG, SCAN, INDEX, INDEX_CONCURRENT, REWRITE, NONE }

    private final Plan plan;
    private final PlanThresholds th;
    private final Version version;
    private final int change;
    private final Long rows;
    private final Double writesPerSecond;
    private String alternative;

    PlanBuilder(Plan plan, PlanThresholds th, Version version, int change, Long rows, Double writesPerSecond) {
        this.plan = plan;
        this.th = th;
        this.version = version;
        this.change = change;
        this.rows = rows;
        this.writesPerSecond = writesPerSecond;
    }

    public PlanThresholds thresholds() {
        return th;
    }

    public Version version() {
        return version;
    }

    /** Offers another way to ship the change, and says when it is the better one (shown with the change's analysis). */
    public void alternative(String text) {
        alternative = text;
    }

    String alternative() {
        return alternative;
    }

    /** Rows of the change's table, or null when no stats say. */
    public Long rows() {
        return rows;
    }

    public Plan.Step step(int phase, String title, String sql, String rollback, String lock, boolean blocking, Work work) {
        Plan.Step s = new Plan.Step();
        s.phase = phase;
        s.change = change;
        s.title = title;
        s.sql = sql;
        s.rollback = rollback;
        s.lock = lock;
        s.blocking = blocking;
        s.seconds = seconds(work);
        s.estimate = estimate(work, s.seconds);
        s.noTransaction = sql.toUpperCase(java.util.Locale.ROOT).contains("CONCURRENTLY");
        plan.steps.add(s);
        return s;
    }

    /** Notes that a trigger fills these columns on INSERT until the contract phase (for query validation). */
    public void triggerFills(String table, java.util.List<String> columns) {
        java.util.List<String> l = plan.triggerFilled.computeIfAbsent(table, k -> new java.util.ArrayList<>());
        for (String c : columns) {
            if (!l.contains(c)) {
                l.add(c);
            }
        }
    }

    /** The phase 4 steps of this change remove data. */
    public void pointOfNoReturn() {
        plan.pointOfNoReturn = true;
    }

    /** Phase 4 is the point of no return for another reason than removed data: what it ends, what its rollback does. */
    public void pointOfNoReturn(String note, String rollbackNote) {
        plan.pointOfNoReturn = true;
        plan.pointOfNoReturnNote = note;
        plan.contractRollbackNote = rollbackNote;
    }

    public Plan.Check check(int phase, String name, String sql, boolean catalog) {
        Plan.Check c = new Plan.Check();
        c.phase = phase;
        c.change = change;
        c.name = name;
        c.sql = sql;
        c.catalog = catalog;
        plan.checks.add(c);
        return c;
    }

    /** A batched backfill in phase 2; batch size and duration follow from the table size and the thresholds. */
    public Plan.Backfill backfill(String job, String table, String key) {
        Plan.Backfill b = new Plan.Backfill();
        b.change = change;
        b.job = job;
        b.table = table;
        b.key = key;
        b.rows = rows;
        b.batchSize = batchSize();
        long n = rows == null ? 0 : rows;
        long batches = (n + b.batchSize - 1) / b.batchSize;
        b.seconds = n / th.backfillRowsPerSecond + batches * th.batchSleepMs / 1000.0;
        plan.backfills.add(b);
        return b;
    }

    /** Rows per batch: a hundredth of the table within [batch_min, batch_max]; the minimum on a busy table. */
    public int batchSize() {
        if (writesPerSecond != null && writesPerSecond > th.busyWritesPerSecond) {
            return th.batchMin;
        }
        long n = rows == null ? th.batchMax * 100L : rows;
        return (int) Math.max(th.batchMin, Math.min(th.batchMax, n / 100));
    }

    double seconds(Work w) {
        if (rows == null) {
            return 0;
        }
        switch (w) {
            case SCAN: return rows / th.scanRowsPerSecond;
            case INDEX: return rows / th.indexRowsPerSecond;
            case INDEX_CONCURRENT: return 2 * rows / th.indexRowsPerSecond + rows / th.scanRowsPerSecond;
            case REWRITE: return rows / th.rewriteRowsPerSecond;
            default: return 0;
        }
    }

    String estimate(Work w, double secs) {
        switch (w) {
            case CATALOG:
                return "catalog only: milliseconds once the lock is granted (waits at most lock_timeout " + th.lockTimeout + ")";
            case NONE:
                return "milliseconds";
            default:
                if (rows == null) {
                    return "unknown: no row count for this table (pass --stats)";
                }
                String what = w == Work.SCAN ? "scan" : w == Work.REWRITE ? "rewrite" : w == Work.INDEX ? "index build"
                        : "concurrent index build (two table scans and a wait for older transactions)";
                return Durations.text(secs) + " (" + what + " of " + Durations.count(rows) + " rows)";
        }
    }

    /** The single-column integer primary key backfills walk by range, or null. */
    public static String integerKey(dev.schemagate.model.catalog.TableDef t) {
        if (t == null) {
            return null;
        }
        dev.schemagate.model.catalog.ConstraintDef pk = t.primaryKey();
        if (pk == null || pk.getColumns().size() != 1) {
            return null;
        }
        dev.schemagate.model.catalog.ColumnDef c = t.column(pk.getColumns().get(0));
        if (c == null || c.getType() == null) {
            return null;
        }
        switch (c.getType().getSqlType()) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return c.getName();
            default:
                return null;
        }
    }

    /**
     * The intent's own statements as steps (one phase for an AS_WRITTEN group: 1 additive, 3 otherwise, 4 destructive;
     * per statement for a change planned as written), each with its reverse, the lock the dialect names and the work
     * its effect implies; an added column also gets a check that it exists.
     *
     * @param lock         the lock to show for a change (the dialect's name for it)
     * @param columnMissing query counting the named columns that do not exist, or null for no check
     */
    public void asWritten(Intent in, java.util.function.Function<dev.schemagate.model.change.Change, String> reverse,
                          java.util.function.Function<dev.schemagate.model.change.Change, String> lock,
                          java.util.function.BiFunction<dev.schemagate.model.QualifiedName, java.util.List<String>, String>
                                  columnMissing) {
        boolean single = in.kind != Intent.Kind.AS_WRITTEN || in.changes.size() > 1;
        dev.schemagate.model.ChangeType worst = dev.schemagate.model.ChangeType.NONE;
        for (dev.schemagate.model.change.Change c : in.changes) {
            worst = dev.schemagate.model.ChangeType.worst(worst, c.getChangeType());
        }
        int groupPhase = worst == dev.schemagate.model.ChangeType.DESTRUCTIVE ? 4
                : worst == dev.schemagate.model.ChangeType.ADDITIVE || worst == dev.schemagate.model.ChangeType.NONE ? 1 : 3;
        java.util.List<dev.schemagate.model.Statement> done = new java.util.ArrayList<>();
        for (dev.schemagate.model.change.Change c : in.changes) {
            if (done.contains(c.getStatement())) {
                continue;
            }
            done.add(c.getStatement());
            int phase = single ? groupPhase : c.getChangeType() == dev.schemagate.model.ChangeType.DESTRUCTIVE ? 4
                    : c instanceof dev.schemagate.model.change.DataChange ? 3
                    : c.getChangeType() == dev.schemagate.model.ChangeType.ADDITIVE ? 1 : 3;
            dev.schemagate.model.change.Effect e = c.getEffect() == null ? dev.schemagate.model.change.Effect.NONE
                    : c.getEffect();
            Work w = e.isRewrite() ? Work.REWRITE : c instanceof dev.schemagate.model.change.CreateIndex
                    ? (((dev.schemagate.model.change.CreateIndex) c).isConcurrently() ? Work.INDEX_CONCURRENT : Work.INDEX)
                    : e.isScan() || c instanceof dev.schemagate.model.change.DataChange ? Work.SCAN
                    : e.getLock() == dev.schemagate.model.Lock.NONE ? Work.NONE : Work.CATALOG;
            String sql = c.getStatement().getText().trim();
            if (!sql.endsWith(";")) {
                sql += ";";
            }
            step(phase, "as written: " + c.describe(), sql, reverse.apply(c), lock.apply(c), e.isBlocking(), w);
        }
        if (columnMissing != null && in.kind == Intent.Kind.AS_WRITTEN
                && in.changes.get(0) instanceof dev.schemagate.model.change.AddColumn && in.table != null) {
            for (dev.schemagate.model.change.Change c : in.changes) {
                if (c instanceof dev.schemagate.model.change.AddColumn) {
                    String col = ((dev.schemagate.model.change.AddColumn) c).getColumnName();
                    check(groupPhase, "column " + in.tableName() + "." + col + " exists",
                            columnMissing.apply(in.table, java.util.List.of(col)), true);
                }
            }
        }
    }
}
