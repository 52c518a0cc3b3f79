package dev.schemagate.core.audit;

import dev.schemagate.core.history.History;
import dev.schemagate.core.input.Layout;
import dev.schemagate.core.report.Report;
import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.AlterColumnType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ColumnSpec;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.CreateType;
import dev.schemagate.model.change.DropColumn;
import dev.schemagate.model.change.DropIndex;
import dev.schemagate.model.change.DropTable;
import dev.schemagate.model.change.DropType;
import dev.schemagate.model.change.ProceduralBlock;
import dev.schemagate.model.change.Reversibility;
import dev.schemagate.model.change.Unparsed;
import dev.schemagate.model.finding.Finding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit of a migration history: per migration its changes by type, findings and risk, destructive changes
 * and whether its down migration restores them, the size of the schema after it; plus totals, the suppressions
 * used and the waivers applied. Built from a check run's {@link Report} and {@link History}.
 */
public final class Audit {
    /** A destructive change and what rolling it back can bring back. */
    public static final class Destructive {
        public final int line;
        public final String change;
        /** {@code restored}, {@code not restored}, {@code no down}, {@code down not read}. */
        public String rollback;
        /** Whether the change loses data even when the structure comes back. */
        public final boolean losesData;

        Destructive(int line, String change, String rollback, boolean losesData) {
            this.line = line;
            this.change = change;
            this.rollback = rollback;
            this.losesData = losesData;
        }

        /** A point of no return: rolling back the migration does not bring the structure back. */
        public boolean isPointOfNoReturn() {
            return !rollback.equals("restored");
        }
    }

    /** One up migration. */
    public static final class Migration {
        public final int index;
        public final String path;
        public final String id;
        public final String tool;
        public final String dialect;
        /** Why it was not read (no reader for its dialect), or null. */
        public final String unread;
        public final Map<ChangeType, Integer> changes = new EnumMap<>(ChangeType.class);
        /** Changes whose effect SchemaGate could not see (unparsed statements, procedural code). */
        public int uncertain;
        public final List<String> kinds = new ArrayList<>();
        public final List<Finding> findings = new ArrayList<>();
        public final List<Destructive> destructive = new ArrayList<>();
        public String rollback;
        public final String down;
        public final int tables;
        public final int columns;
        public final int indexes;

        Migration(int index, History.Entry e, String rollback) {
            this.index = index;
            this.path = e.getMigration().getPath();
            this.id = e.getMigration().getId();
            this.tool = e.getMigration().getTool();
            this.dialect = e.getMigration().getDialect() == null ? "unknown" : e.getMigration().getDialect().id();
            this.unread = e.getUnread();
            this.rollback = rollback;
            this.down = e.getDown() == null ? null : e.getDown().getPath();
            this.tables = e.getTables();
            this.columns = e.getColumns();
            this.indexes = e.getIndexes();
            for (ChangeType t : ChangeType.values()) {
                changes.put(t, 0);
            }
        }

        /** The highest risk of its findings that are not suppressed. */
        public Risk maxRisk() {
            Risk r = Risk.NONE;
            for (Finding f : findings) {
                if (!f.isSuppressed()) {
                    r = Risk.max(r, f.getRisk());
                }
            }
            return r;
        }

        public int count(Risk r) {
            int n = 0;
            for (Finding f : findings) {
                if (!f.isSuppressed() && f.getRisk() == r) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * A waiver granted by a policy (who approved skipping which rule, until when). Nothing adds waivers yet: policy
     * packs will, through {@link Audit#addWaiver}; the reports already list them.
     */
    public static final class Waiver {
        public final String rule;
        public final String scope;
        public final String reason;
        public final String approver;
        public final String expires;
        public final int matched;

        public Waiver(String rule, String scope, String reason, String approver, String expires, int matched) {
            this.rule = rule;
            this.scope = scope;
            this.reason = reason;
            this.approver = approver;
            this.expires = expires;
            this.matched = matched;
        }
    }

    public final List<Layout> layouts;
    public final List<Migration> migrations = new ArrayList<>();
    public final List<Finding> suppressed = new ArrayList<>();
    public final List<Waiver> waivers = new ArrayList<>();
    /** Findings on files that are not up migrations (e.g. a file that could not be listed). */
    public final List<Finding> other = new ArrayList<>();
    public final Report report;

    private Audit(Report report, List<Layout> layouts) {
        this.report = report;
        this.layouts = List.copyOf(layouts);
    }

    public void addWaiver(Waiver w) {
        waivers.add(w);
    }

    /** Builds the audit of a run. */
    public static Audit of(Report report, History history, List<Layout> layouts) {
        Audit a = new Audit(report, layouts);
        Map<String, List<Finding>> byFile = new HashMap<>();
        for (Finding f : report.getFindings()) {
            byFile.computeIfAbsent(f.getFile() + "\u0000" + f.getMigration(), k -> new ArrayList<>()).add(f);
            if (f.isSuppressed()) {
                a.suppressed.add(f);
            }
        }
        Map<String, Migration> seen = new LinkedHashMap<>();
        for (History.Entry e : history.getEntries()) {
            String key = e.getMigration().getPath() + "\u0000" + e.getMigration().getId();
            List<Finding> fs = byFile.getOrDefault(key, List.of());
            String rollback = e.getStatus() == History.Status.NOT_EXPECTED && e.getMigration().getTool().equals("liquibase")
                    && !e.getChanges().isEmpty() ? "generated by Liquibase"
                    : e.getStatus().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            Migration m = new Migration(a.migrations.size() + 1, e, rollback);
            if (seen.putIfAbsent(key, m) == null) {
                m.findings.addAll(fs);
            }
            for (Change c : e.getChanges()) {
                if (c instanceof Unparsed || c instanceof ProceduralBlock) {
                    m.uncertain++;
                    continue;
                }
                if (c instanceof Reversibility) {
                    continue;
                }
                ChangeType t = c.getChangeType();
                m.changes.merge(t, 1, Integer::sum);
                if (t != ChangeType.NONE && m.kinds.size() < 200) {
                    m.kinds.add(t.label() + ": " + c.describe());
                }
                if (t == ChangeType.DESTRUCTIVE) {
                    m.destructive.add(new Destructive(c.getLine(), c.describe(), rollbackOf(c, e), losesData(c)));
                }
            }
            a.migrations.add(m);
        }
        // findings in a file a migration runs from elsewhere (a Liquibase sqlFile) belong to the migration of that id
        Map<String, Migration> byId = new HashMap<>();
        Map<String, Integer> idCount = new HashMap<>();
        for (Migration m : a.migrations) {
            byId.put(m.id, m);
            idCount.merge(m.id, 1, Integer::sum);
        }
        for (Map.Entry<String, List<Finding>> f : byFile.entrySet()) {
            if (seen.containsKey(f.getKey())) {
                continue;
            }
            String id = f.getValue().get(0).getMigration();
            if (id != null && idCount.getOrDefault(id, 0) == 1) {
                byId.get(id).findings.addAll(f.getValue());
            } else {
                a.other.addAll(f.getValue());
            }
        }
        for (Migration m : a.migrations) {
            // a Liquibase changeSet without a rollback Liquibase can generate: found by the reader, reported by the rule
            if (m.tool.equals("liquibase") && m.findings.stream().anyMatch(f -> f.getRule().equals("core.missing-down"))) {
                m.rollback = "missing";
            }
        }
        a.other.sort(java.util.Comparator.comparing(Finding::getFile).thenComparingInt(Finding::getLine)
                .thenComparing(Finding::getRule));
        return a;
    }

    private static boolean losesData(Change c) {
        return !(c instanceof DropIndex);
    }

    /** Whether the paired down migration re-creates what a destructive change removed. */
    static String rollbackOf(Change c, History.Entry e) {
        if (e.getDown() == null || e.getStatus() == History.Status.EMPTY) {
            return "no down";
        }
        if (e.getDownChanges().isEmpty()) {
            return "down not read";
        }
        for (Change d : e.getDownChanges()) {
            if (restores(d, c)) {
                return "restored";
            }
        }
        return "not restored";
    }

    static boolean restores(Change d, Change c) {
        boolean sameTable = d.getTable() != null && c.getTable() != null
                && d.getTableName().equalsIgnoreCase(c.getTableName());
        if (c instanceof DropTable) {
            return d instanceof CreateTable && sameTable;
        }
        if (c instanceof DropColumn) {
            String col = ((DropColumn) c).getColumnName();
            if (d instanceof AddColumn && sameTable) {
                return ((AddColumn) d).getColumnName().equalsIgnoreCase(col);
            }
            if (d instanceof CreateTable && sameTable) {
                for (ColumnSpec s : ((CreateTable) d).getColumns()) {
                    if (s.getName().equalsIgnoreCase(col)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (c instanceof DropIndex) {
            return d instanceof CreateIndex && ((CreateIndex) d).getIndex().getName() != null
                    && ((CreateIndex) d).getIndex().getName().equalsIgnoreCase(((DropIndex) c).getIndexName());
        }
        if (c instanceof DropType) {
            return d instanceof CreateType && sameTable;
        }
        if (c instanceof AlterColumnType) {
            return d instanceof AlterColumnType && sameTable
                    && ((AlterColumnType) d).getColumnName().equalsIgnoreCase(((AlterColumnType) c).getColumnName());
        }
        return false;
    }

    // totals

    public int total(ChangeType t) {
        int n = 0;
        for (Migration m : migrations) {
            n += m.changes.get(t);
        }
        return n;
    }

    public int uncertain() {
        int n = 0;
        for (Migration m : migrations) {
            n += m.uncertain;
        }
        return n;
    }

    public int count(Risk r) {
        int n = 0;
        for (Migration m : migrations) {
            n += m.count(r);
        }
        for (Finding f : other) {
            if (!f.isSuppressed() && f.getRisk() == r) {
                n++;
            }
        }
        return n;
    }

    public int destructive() {
        return migrations.stream().mapToInt(m -> m.destructive.size()).sum();
    }

    public int pointsOfNoReturn() {
        return (int) migrations.stream().flatMap(m -> m.destructive.stream()).filter(Destructive::isPointOfNoReturn).count();
    }

    /** Up migrations whose rollback status is {@code s} (paired, missing, empty, not expected). */
    public int rollback(String s) {
        return (int) migrations.stream().filter(m -> m.rollback.equals(s)).count();
    }

    public int unread() {
        return (int) migrations.stream().filter(m -> m.unread != null).count();
    }

    /** Dialects with read migrations, in order of first appearance. */
    public List<String> readDialects() {
        List<String> out = new ArrayList<>();
        for (Migration m : migrations) {
            if (m.unread == null && m.tables >= 0 && !out.contains(m.dialect)) {
                out.add(m.dialect);
            }
        }
        return out;
    }
}
