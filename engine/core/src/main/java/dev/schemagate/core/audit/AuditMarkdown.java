package dev.schemagate.core.audit;

import dev.schemagate.core.input.Layout;
import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;

/** The audit as Markdown, for people and pull requests. */
public final class AuditMarkdown {
    private AuditMarkdown() {
    }

    public static String render(Audit a) {
        StringBuilder sb = new StringBuilder("# Migration audit\n\n");
        sb.append("## Layouts\n\n| Folder | Tool | Dialects | Detected from | Files |\n|---|---|---|---|---|\n");
        for (Layout l : a.layouts) {
            sb.append("| ").append(cell(l.getRoot().isEmpty() ? "." : l.getRoot())).append(" | ").append(l.getTool()).append(" | ")
                    .append(String.join(", ", l.getDialects())).append(" | ").append(cell(l.getEvidence())).append(" | ")
                    .append(l.getFiles()).append(" |\n");
        }
        sb.append("\n## Totals\n\n| | |\n|---|---|\n");
        row(sb, "Up migrations", a.migrations.size());
        row(sb, "Not read (no reader for the dialect)", a.unread());
        row(sb, "Additive changes", a.total(ChangeType.ADDITIVE));
        row(sb, "Transformative changes", a.total(ChangeType.TRANSFORMATIVE));
        row(sb, "Destructive changes", a.destructive());
        row(sb, "Points of no return (destructive, not restored by the down migration)", a.pointsOfNoReturn());
        row(sb, "Changes SchemaGate could not see (uncertain)", a.uncertain());
        row(sb, "Migrations with a down migration", a.rollback("paired"));
        row(sb, "Migrations missing a down migration", a.rollback("missing"));
        row(sb, "Migrations with an empty down migration", a.rollback("empty"));
        for (Risk r : new Risk[] {Risk.CRITICAL, Risk.HIGH, Risk.MEDIUM, Risk.LOW}) {
            row(sb, "Findings " + r, a.count(r));
        }
        row(sb, "Suppressed findings", a.suppressed.size());
        row(sb, "Input errors", a.report.getErrors().size());
        sb.append("\n## Migrations\n\n")
                .append("| # | Migration | Tool | Dialect | Additive | Transformative | Destructive | Highest risk | Findings "
                        + "| Down | Tables | Columns | Indexes |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Audit.Migration m : a.migrations) {
            sb.append("| ").append(m.index).append(" | ").append(cell(m.path)).append(" | ").append(m.tool).append(" | ")
                    .append(m.dialect).append(" | ");
            if (m.unread != null) {
                sb.append("not read: ").append(cell(m.unread)).append(" | | | | | ").append(m.rollback).append(" | | | |\n");
                continue;
            }
            sb.append(m.changes.get(ChangeType.ADDITIVE)).append(" | ").append(m.changes.get(ChangeType.TRANSFORMATIVE))
                    .append(" | ").append(m.changes.get(ChangeType.DESTRUCTIVE)).append(" | ").append(m.maxRisk()).append(" | ")
                    .append(m.findings.size()).append(" | ").append(m.rollback).append(" | ").append(size(m.tables))
                    .append(" | ").append(size(m.columns)).append(" | ").append(size(m.indexes)).append(" |\n");
        }
        sb.append("\n## Destructive changes\n\n");
        int n = 0;
        for (Audit.Migration m : a.migrations) {
            for (Audit.Destructive d : m.destructive) {
                if (n++ == 0) {
                    sb.append("| Where | Change | Rolled back by the down migration | Point of no return | Data lost |\n")
                            .append("|---|---|---|---|---|\n");
                }
                sb.append("| ").append(cell(m.path + ":" + d.line)).append(" | ").append(cell(d.change)).append(" | ")
                        .append(d.rollback).append(" | ").append(d.isPointOfNoReturn() ? "yes" : "no").append(" | ")
                        .append(d.losesData ? "yes" : "no").append(" |\n");
            }
        }
        if (n == 0) {
            sb.append("None.\n");
        }
        sb.append("\n## Findings\n\n");
        n = 0;
        for (Audit.Migration m : a.migrations) {
            for (Finding f : m.findings) {
                n = finding(sb, f, n);
            }
        }
        for (Finding f : a.other) {
            n = finding(sb, f, n);
        }
        if (n == 0) {
            sb.append("None.\n");
        }
        sb.append("\n## Suppressions used\n\n");
        if (a.suppressed.isEmpty()) {
            sb.append("None.\n");
        } else {
            sb.append("| Where | Rule | Reason | Written at |\n|---|---|---|---|\n");
            for (Finding f : a.suppressed) {
                sb.append("| ").append(cell(f.getFile() + ":" + f.getLine())).append(" | ").append(f.getRule()).append(" | ")
                        .append(cell(f.getSuppression().getReason())).append(" | ")
                        .append(cell(String.valueOf(f.getSuppression().getLocation()))).append(" |\n");
            }
        }
        sb.append("\n## Waivers\n\n");
        if (a.waivers.isEmpty()) {
            sb.append("None.\n");
        } else {
            sb.append("| Rule | Scope | Reason | Approver | Expires | Findings |\n|---|---|---|---|---|---|\n");
            for (Audit.Waiver w : a.waivers) {
                sb.append("| ").append(w.rule).append(" | ").append(cell(w.scope)).append(" | ").append(cell(w.reason))
                        .append(" | ").append(cell(w.approver)).append(" | ").append(cell(w.expires)).append(" | ")
                        .append(w.matched).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static int finding(StringBuilder sb, Finding f, int n) {
        if (n == 0) {
            sb.append("| Where | Risk | Rule | Message |\n|---|---|---|---|\n");
        }
        sb.append("| ").append(cell(f.getFile() + ":" + f.getLine() + ":" + f.getColumn())).append(" | ")
                .append(f.isSuppressed() ? "suppressed " : "").append(f.getRisk()).append(" | ").append(f.getRule())
                .append(" | ").append(cell(f.getMessage())).append(" |\n");
        return n + 1;
    }

    private static String size(int n) {
        return n < 0 ? "" : Integer.toString(n);
    }

    private static void row(StringBuilder sb, String k, int v) {
        sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        String x = s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
        return x.length() > 300 ? x.substring(0, 299) + "…" : x;
    }
}
