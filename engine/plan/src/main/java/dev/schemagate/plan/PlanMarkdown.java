package dev.schemagate.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code plan.md}: the plan for people, in the order a reviewer reads it. */
public final class PlanMarkdown {
    private PlanMarkdown() {
    }

    private static String label(Plan.Strategy s) {
        switch (s) {
            case METADATA_ONLY: return "metadata-only, no phases";
            case SINGLE_PHASE: return "single phase";
            case MULTI_PHASE: return "multi-phase";
            default: return "NOT PLANNED (manual)";
        }
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void sql(StringBuilder sb, String sql) {
        sb.append("```sql\n").append(sql.strip()).append("\n```\n\n");
    }

    public static String write(Plan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Migration plan: ").append(String.join(", ", plan.migrations)).append("\n\n");
        sb.append(dialectName(plan.dialect)).append(' ').append(plan.version)
                .append(" · risk with this plan **").append(plan.risk).append("** · estimated duration ")
                .append(Durations.text(plan.totalSeconds)).append(" of database work (plus application deploys and the "
                        + "rollback window) · maintenance window: ")
                .append(plan.maintenanceWindow ? "**recommended**" : "not needed").append("\n\n");
        if (!plan.problems.isEmpty()) {
            sb.append("> **Needs a person:** ").append(plan.problems.size()).append(" item(s) below (see *Problems*).\n\n");
        }
        // summary
        sb.append("| # | Change | Type | Data loss | Check findings (as written) | Rows | Strategy | Downtime |\n|---|---|---|---|---|---|---|---|\n");
        for (Plan.ChangePlan c : plan.changes) {
            sb.append("| ").append(c.index).append(" | ").append(c.title.replace("|", "\\|")).append(" | ")
                    .append(c.changeType.label()).append(" | ").append(c.dataLossRisk).append(" | ")
                    .append(c.findingRisk).append(" | ").append(c.rows == null ? "unknown" : Durations.count(c.rows))
                    .append(" | ").append(label(c.strategy)).append(" | ").append(c.downtime ? "yes" : downtimeUnknown(c) ? "unknown"
                    : "no").append(" |\n");
        }
        sb.append('\n');
        // analysis
        sb.append("## Schema change analysis\n\n");
        for (Plan.ChangePlan c : plan.changes) {
            sb.append("### Change ").append(c.index).append(": ").append(c.title).append("\n\n");
            sb.append("`").append(c.file).append(":").append(c.line).append("`\n\n");
            sql(sb, String.join("\n", c.statements));
            sb.append("- **Change type**: ").append(c.changeType.label()).append('\n');
            sb.append("- **Data loss risk**: ").append(c.dataLossRisk).append(" — ").append(c.dataLossWhy).append('\n');
            sb.append("- **Check findings**: ").append(c.findings.isEmpty() ? "none" : String.join(", ", c.findings))
                    .append('\n');
            // without a row count the source says it already: "unknown (no --stats entry)"
            sb.append("- **Table size**: ").append(c.rows == null ? c.rowsSource
                    : Durations.count(c.rows) + " rows (" + c.rowsSource + ")").append('\n');
            sb.append("- **Strategy**: ").append(label(c.strategy)).append(" — ").append(c.strategyWhy).append('\n');
            sb.append("- **Estimated duration**: ").append(c.rows == null && c.seconds == 0 ? "unknown without a row count"
                    : Durations.text(c.seconds)).append('\n');
            sb.append("- **Downtime required**: ").append(c.downtime ? "Yes" : downtimeUnknown(c) ? "Unknown" : "No").append(" — ").append(c.downtimeWhy)
                    .append('\n');
            sb.append("- **Maintenance window**: ").append(c.maintenanceWindow ? "recommended — " : "").append(c.maintenanceWhy)
                    .append(c.alternative == null ? "" : "\n- **Alternative**: " + c.alternative).append("\n\n");
        }
        // phases
        sb.append("## Migration strategy\n\n");
        sb.append("Each phase is deployable on its own and has its rollback; the application deploys in between are in "
                + "*Deployment sequence*. Scripts: `scripts/" + plan.phaseScript("02_forward.sql", "N") + "`, `scripts/" + plan.backfillScript() + "`, "
                + "`scripts/" + plan.phaseScript("04_validate.sql", "N") + "`, `scripts/" + plan.phaseScript("05_rollback.sql", "N") + "`.\n\n");
        for (int p : plan.phases()) {
            sb.append("### Phase ").append(p).append(": ").append(Plan.PHASE_NAMES[p])
                    .append(p == 4 && plan.pointOfNoReturn ? " — POINT OF NO RETURN" : "").append("\n\n");
            if (p == 4 && plan.pointOfNoReturn) {
                sb.append(plan.pointOfNoReturnNote != null ? plan.pointOfNoReturnNote : "After this phase the old"
                        + " application versions no longer work and the removed data exists only in the copies this phase"
                        + " and `01_backup.sh` made.").append("\n\n");
            }
            int i = 0;
            for (Plan.Check c : plan.checks(p)) {
                if (c.pre) {
                    sb.append("Before it (" + (plan.dialect.equals("postgres") ? "02_forward.sql" : plan.phaseScript("02_forward.sql", p))
                            + " stops if this is not 0): ").append(c.name).append("\n\n");
                    sql(sb, c.sql);
                }
            }
            for (Plan.Step s : plan.steps(p)) {
                i++;
                sb.append("**").append(p).append('.').append(i).append(" ").append(s.title).append("** (change ")
                        .append(s.change).append(") — lock ").append(s.lock).append(s.blocking ? ", blocks" : ", does not block")
                        .append("; ").append(s.estimate).append("\n\n");
                sql(sb, s.sql);
            }
            if (p == 2) {
                for (Plan.Backfill b : plan.backfills) {
                    long batches = b.rows == null ? 0 : (b.rows + b.batchSize - 1) / b.batchSize;
                    sb.append("**Backfill `").append(b.job).append("`** (change ").append(b.change).append(") — ")
                            .append(b.delete ? "deletes from " : "updates ").append(b.table).append(" in batches of ")
                            .append(b.batchSize).append(" keys of ").append(b.key).append(b.rows == null
                            ? ", row count unknown" : ", about " + Durations.count(batches) + " batches, "
                            + Durations.text(b.seconds)).append(". Only rows not yet done are touched (`")
                            .append(b.notDone).append("`); the checkpoint table makes it resumable; `"
                            + (plan.dialect.equals("postgres") ? "-v dry_run=on" : plan.dialect.equals("sqlite") ? "--dry-run"
                            : plan.dialect.equals("mongodb") ? "DRY_RUN=1"
                            : "SET @dry_run=1") + "` "
                            + "counts the rows and estimates the time without changing anything. One batch:\n\n");
                    sql(sb, b.sample == null ? "" : b.sample);
                }
            }
            List<Plan.Check> post = new ArrayList<>();
            for (Plan.Check c : plan.checks(p)) {
                if (!c.pre) {
                    post.add(c);
                }
            }
            if (!post.isEmpty()) {
                sb.append("Validation after phase ").append(p).append(" (each returns the number of violations; 0 passes):\n\n");
                StringBuilder q = new StringBuilder();
                for (Plan.Check c : post) {
                    q.append("-- ").append(c.name).append(c.warning ? " [warning only]" : "").append('\n')
                            .append(c.sql).append(";\n");
                }
                sql(sb, q.toString());
            }
        }
        // read path
        sb.append("## Read-path compatibility\n\n");
        for (Map.Entry<Integer, List<String>> e : plan.readPath.entrySet()) {
            sb.append("- **").append(e.getKey() == 0 ? "Before phase 1" : "After phase " + e.getKey()).append("**: ")
                    .append(String.join(" ", e.getValue())).append('\n');
        }
        sb.append("\n## Deployment sequence\n\n");
        for (String d : plan.deployment) {
            sb.append(d).append('\n');
        }
        // rollback
        sb.append("\n## Rollback\n\n**Safe rollback window**: ").append(plan.rollbackWindow).append(".\n\n");
        for (int p = 4; p >= 1; p--) {
            if (!plan.hasPhase(p)) {
                continue;
            }
            sb.append("**Phase ").append(p).append(" rollback** (`").append(plan.phaseScript("05_rollback.sql", p)).append("`)")
                    .append(p == 4 && plan.pointOfNoReturn ? plan.contractRollbackNote != null ? ": "
                            + plan.contractRollbackNote : ": restores the copies phase 4 kept; values written after"
                            + " phase 4 are not in them" : "")
                    .append(p == 2 ? ": the backfill wrote only what the phase 1 rollback removes; its checkpoint is"
                            + " reset" : "").append("\n\n");
            List<Plan.Step> steps = new ArrayList<>(plan.steps(p));
            java.util.Collections.reverse(steps);
            StringBuilder r = new StringBuilder();
            for (Plan.Step s : steps) {
                r.append(s.rollback).append('\n');
            }
            if (r.length() > 0) {
                sql(sb, r.toString());
            }
        }
        // performance
        sb.append("## Performance\n\n| Step | Lock | Blocks reads/writes | Estimate |\n|---|---|---|---|\n");
        for (int p : plan.phases()) {
            int i = 0;
            for (Plan.Step s : plan.steps(p)) {
                i++;
                sb.append("| ").append(p).append('.').append(i).append(' ').append(s.title.replace("|", "\\|"))
                        .append(" | ").append(s.lock).append(" | ").append(s.blocking ? "yes, briefly unless the estimate"
                        + " says otherwise" : "no").append(" | ").append(s.estimate).append(" |\n");
            }
            if (p == 2) {
                for (Plan.Backfill b : plan.backfills) {
                    sb.append("| backfill ").append(b.job).append(" | ROW EXCLUSIVE on the rows of one batch | no | ")
                            .append(b.rows == null ? "unknown (no row count)" : Durations.text(b.seconds) + " for "
                            + Durations.count(b.rows) + " rows").append(" |\n");
                }
            }
        }
        String timeout = plan.dialect.equals("postgres") ? " and statement_timeout " + plan.statementTimeout + " per batch"
                : plan.dialect.equals("mariadb") ? " and max_statement_time " + plan.statementTimeout + " per batch"
                : plan.dialect.equals("mysql") ? " (MySQL has no statement timeout for UPDATE: the batch size bounds it)"
                : plan.dialect.equals("mongodb") ? " and maxTimeMS " + plan.statementTimeout + " per batch, write concern majority"
                : " (SQLite has no statement timeout: the batch size bounds it)";
        String log = plan.dialect.equals("postgres") ? "WAL" : plan.dialect.equals("sqlite") ? "WAL or journal"
                : plan.dialect.equals("mongodb") ? "oplog"
                : "redo log and binlog";
        sb.append("\nBackfill load: one batch at a time, each a short transaction that writes its rows (" + log + " and"
                + " replica traffic in proportion), a pause of ").append(plan.batchSleepMs).append(" ms between batches")
                .append(timeout).append(".\n\nThroughput assumptions (set them in the policy to match your hardware):\n\n");
        for (String a : plan.assumptions) {
            sb.append("- ").append(a).append('\n');
        }
        // generated SQL validation
        sb.append("\n## Generated SQL checked with Calcite\n\n");
        long bad = plan.checks.stream().filter(c -> c.validation != null).count()
                + plan.backfills.stream().filter(b -> b.validation != null).count();
        sb.append(plan.checks.size()).append(" validation queries and ").append(plan.backfills.size())
                .append(" backfill statements were validated against the schema of their phase");
        if (bad == 0) {
            sb.append(": all valid.\n");
        } else {
            sb.append("; not valid or not fully checked:\n\n");
            for (Plan.Check c : plan.checks) {
                if (c.validation != null) {
                    sb.append("- check \"").append(c.name).append("\": ").append(c.validation).append('\n');
                }
            }
            for (Plan.Backfill b : plan.backfills) {
                if (b.validation != null) {
                    sb.append("- backfill ").append(b.job).append(": ").append(b.validation).append('\n');
                }
            }
        }
        if (!plan.queries.isEmpty()) {
            List<String> stages = new ArrayList<>(plan.queries.get(0).results.keySet());
            long broken = plan.queries.stream().filter(q -> q.breaksAt != null).count();
            sb.append("\n## Application queries\n\n").append(broken).append(" of ").append(plan.queries.size())
                    .append(" queries break at some stage.\n\n| Line | Query |");
            stages.forEach(st -> sb.append(' ').append(st).append(" |"));
            sb.append("\n|---|---|");
            stages.forEach(st -> sb.append("---|"));
            sb.append('\n');
            for (Plan.QueryCheck q : plan.queries) {
                String text = q.sql.length() > 80 ? q.sql.substring(0, 77) + "..." : q.sql;
                sb.append("| ").append(q.line).append(" | `").append(text.replace("|", "\\|").replace("`", "'")).append("` |");
                for (String st : stages) {
                    String r = q.results.get(st);
                    sb.append(' ').append(r == null ? "ok" : r.startsWith("breaks") ? "**BREAKS**" : "not checked").append(" |");
                }
                sb.append('\n');
            }
            sb.append('\n');
            for (Plan.QueryCheck q : plan.queries) {
                if (q.breaksAt != null) {
                    sb.append("- line ").append(q.line).append(" breaks ").append(q.breaksAt).append(": ")
                            .append(q.results.get(q.breaksAt).substring("breaks: ".length())).append('\n');
                }
            }
        }
        sb.append(Runbook.markdown(plan));
        sb.append("\n## Risk mitigation\n\n");
        int n = 0;
        for (String m : plan.mitigations) {
            sb.append(++n).append(". ").append(m).append('\n');
        }
        for (Plan.ChangePlan c : plan.changes) {
            if (c.maintenanceWindow) {
                sb.append(++n).append(". Change ").append(c.index).append(": ").append(c.maintenanceWhy.toLowerCase(Locale.ROOT)
                        .startsWith("not") ? "" : "maintenance window recommended (" + c.maintenanceWhy + ")").append('\n');
            }
        }
        sb.append("\n## Deployment checklist\n\n");
        for (String c : plan.checklist) {
            sb.append("- [ ] ").append(c).append('\n');
        }
        if (!plan.problems.isEmpty()) {
            sb.append("\n## Problems\n\n");
            for (String p : plan.problems) {
                sb.append("- ").append(p).append('\n');
            }
        }
        if ("mongodb".equals(plan.dialect)) { // mongosh scripts: no SQL, no Calcite, no row locks
            return dev.schemagate.plan.mongodb.MongoWords.markdown(sb.toString());
        }
        return sb.toString();
    }

    /** The deployment sequence as a Markdown table (the scripts folder's README). */
    public static String deploymentTable(Plan plan) {
        StringBuilder sb = new StringBuilder("| Step | Command |\n|---|---|\n");
        for (String d : plan.deployment) {
            int dot = d.indexOf(". ");
            sb.append("| ").append(d, 0, dot).append(" | ").append(d.substring(dot + 2).replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    /** The product name of a dialect id, as people write it. */
    public static String dialectName(String id) {
        switch (id) {
            case "postgres": return "PostgreSQL";
            case "mysql": return "MySQL";
            case "mariadb": return "MariaDB";
            case "sqlite": return "SQLite";
            case "mongodb": return "MongoDB";
            default: return cap(id);
        }
    }

    /** A change left to a person whose statement as written is not known to block: whether it needs downtime is open. */
    private static boolean downtimeUnknown(Plan.ChangePlan c) {
        return !c.downtime && c.strategy == Plan.Strategy.MANUAL;
    }
}
