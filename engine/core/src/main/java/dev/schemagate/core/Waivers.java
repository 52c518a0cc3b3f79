package dev.schemagate.core;

import dev.schemagate.model.Migration;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.Suppression;
import dev.schemagate.model.finding.SuppressionIssue;
import dev.schemagate.model.finding.Waiver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Applies waivers (from policy files and {@code schemagate:waive} comments) to findings: a waiver that has not
 * expired marks every finding it covers as waived, with its approver, reason and expiry date; an expired waiver
 * waives nothing. Returns the issues the core rules report: expired waivers and waivers that matched nothing.
 * Waivers may cover rules that {@code schemagate:ignore} may not (policy rules that need a waiver), but never
 * findings about suppressions or waivers themselves.
 */
public final class Waivers {
    private Waivers() {
    }

    /** How one waiver fared in a run (for reports and the audit). */
    public enum Status { APPLIED, UNUSED, EXPIRED }

    public static List<SuppressionIssue> apply(List<Finding> findings, List<Waiver> waivers, LocalDate today,
                                               Function<Waiver, Migration> origin) {
        List<SuppressionIssue> issues = new ArrayList<>();
        for (Waiver w : waivers) {
            if (w.isExpired(today)) {
                issues.add(issue(SuppressionIssue.Kind.WAIVER_EXPIRED, w, origin, "expired " + w.getExpires()));
                continue;
            }
            boolean used = false;
            for (int i = 0; i < findings.size(); i++) {
                Finding f = findings.get(i);
                if (f.isSuppressed() || !covers(w, f)) {
                    continue;
                }
                used = true;
                findings.set(i, f.toBuilder().suppression(new Suppression("waiver", w.getReason(), w.getApprover(),
                        w.getExpires() == null ? null : w.getExpires().toString(), w.location())).build());
            }
            if (!used) {
                issues.add(issue(SuppressionIssue.Kind.WAIVER_UNUSED, w, origin, "matches no finding"));
            }
        }
        return issues;
    }

    /** Whether the waiver's rule and target cover the finding. */
    public static boolean covers(Waiver w, Finding f) {
        String rule = f.getRule();
        if (rule.startsWith("core.suppression-") || rule.startsWith("core.waiver-")) {
            return false;
        }
        boolean ruleOk = w.getRule().endsWith("*") ? rule.startsWith(w.getRule().substring(0, w.getRule().length() - 1))
                : w.getRule().equals(rule);
        if (!ruleOk) {
            return false;
        }
        if (w.isInline()) {
            if (!w.getFile().equals(f.getFile())) {
                return false;
            }
        } else if (w.getFile() != null && !Glob.matchesPath(w.getFile(), f.getFile())) {
            return false;
        }
        if (w.getFromLine() != null && (f.getLine() < w.getFromLine() || f.getLine() > w.getToLine())) {
            return false;
        }
        return w.getTable() == null || Glob.matchesName(w.getTable(), f.getTable());
    }

    private static SuppressionIssue issue(SuppressionIssue.Kind kind, Waiver w, Function<Waiver, Migration> origin,
                                          String note) {
        Migration m = origin.apply(w);
        if (m == null) {
            m = new Migration(w.getSource(), w.getSource(), null, Migration.Direction.UP, "policy", Migration.TxMode.NONE);
        }
        return new SuppressionIssue(kind, w.getRule(), m, w.getSourceLine(), w.getSourceColumn(),
                (w.isInline() ? "schemagate:waive " : "waiver ") + w.getRule() + " (" + note + ")");
    }
}
