package dev.schemagate.core.report;

import dev.schemagate.core.InputError;
import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A short pull-request comment in GitHub-flavoured Markdown: the verdict and worst risk, what the checked
 * migrations change (files, changes by type), a table of the top findings, input errors, and the command
 * that prints the rollout plan. Long enough to act on, short enough for a PR thread.
 */
public final class MarkdownSummaryWriter implements ReportWriter {
    /** Rows in the findings table; the rest are counted. */
    static final int TOP = 10;
    private static final int MESSAGE_WIDTH = 160;

    private final List<String> paths;

    /** @param paths the checked paths, repeated in the plan command; empty gives a placeholder */
    public MarkdownSummaryWriter(List<String> paths) {
        this.paths = List.copyOf(paths);
    }

    @Override
    public String write(Report r) {
        StringBuilder sb = new StringBuilder();
        List<Finding> open = r.getFindings().stream().filter(f -> !f.isSuppressed()).toList();
        Risk worst = open.stream().map(Finding::getRisk).reduce(Risk.NONE, Risk::max);
        int blocking = r.getBlocking().size();
        boolean errors = !r.getErrors().isEmpty();
        String verdict = errors ? "⚠️ input errors" : blocking > 0 ? "❌ failed" : "✅ passed";
        sb.append("### SchemaGate: ").append(verdict).append(" · worst risk **").append(worst).append("**\n\n");

        int files = 0;
        int statements = 0;
        Map<ChangeType, Integer> types = new EnumMap<>(ChangeType.class);
        for (FileSummary f : r.getFiles()) {
            if (f.getSkipped() == null) {
                files++;
                statements += f.getStatements();
                f.getChangeTypes().forEach((t, n) -> types.merge(t, n, Integer::sum));
            }
        }
        sb.append("**What changed:** ").append(plural(files, "migration file")).append(", ")
                .append(plural(statements, "statement"));
        List<String> byType = new ArrayList<>();
        for (ChangeType t : new ChangeType[] {ChangeType.DESTRUCTIVE, ChangeType.TRANSFORMATIVE, ChangeType.ADDITIVE}) {
            if (types.getOrDefault(t, 0) > 0) {
                byType.add(types.get(t) + " " + t.label().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (!byType.isEmpty()) {
            sb.append(" (").append(String.join(", ", byType)).append(" changes)");
        }
        sb.append(target(r)).append(".\n\n");

        sb.append("**Gate:** fail-on ").append(r.getFailOn()).append(": ").append(plural(blocking, "blocking finding"));
        int below = open.size() - blocking;
        if (below > 0) {
            sb.append(", ").append(below).append(" below the threshold");
        }
        if (r.suppressedCount() > 0) {
            sb.append(", ").append(r.suppressedCount()).append(" suppressed");
        }
        sb.append(".\n\n");

        if (!open.isEmpty()) {
            List<Finding> top = new ArrayList<>(open);
            // worst first; report order (file, line, rule) within a risk level
            top.sort(Comparator.comparing(Finding::getRisk).reversed());
            sb.append("| Risk | Rule | Where | What |\n|---|---|---|---|\n");
            for (Finding f : top.subList(0, Math.min(TOP, top.size()))) {
                sb.append("| ").append(f.getRisk()).append(f.getRisk().atLeast(r.getFailOn()) ? " ⛔" : "")
                        .append(" | `").append(f.getRule()).append("` | `").append(code(where(f)).replace("|", "\\|")).append("` | ")
                        .append(cell(f.getMessage())).append(" |\n");
            }
            if (top.size() > TOP) {
                sb.append("\n").append(top.size() - TOP).append(" more in the full report.\n");
            }
            sb.append('\n');
        }
        if (errors) {
            sb.append("**Input errors** (exit 2):\n\n");
            for (InputError e : r.getErrors()) {
                sb.append("- `").append(code(e.toString())).append("`\n");
            }
            sb.append('\n');
        }
        sb.append("Rollout plan (order, locks, safe rewrites): `schemagate plan ")
                .append(code(paths.isEmpty() ? "PATH" : String.join(" ", paths))).append("`\n");
        return sb.toString();
    }

    private static String target(Report r) {
        if (r.getTarget().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        r.getTarget().forEach((d, v) -> parts.add(d + (v == null ? "" : " " + v)));
        return " for " + String.join(", ", parts);
    }

    private static String where(Finding f) {
        return f.getFile() == null ? "" : f.getFile() + (f.getLine() > 0 ? ":" + f.getLine() : "");
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** Text inside a table cell: one line, pipes escaped, Markdown and HTML kept literal, cut to a sane width. */
    static String cell(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        if (t.length() > MESSAGE_WIDTH) {
            t = t.substring(0, MESSAGE_WIDTH - 1).strip() + "…";
        }
        StringBuilder sb = new StringBuilder();
        for (char c : t.toCharArray()) {
            if ("\\`*_[]<>|#~".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Text inside a code span: one line, no backticks. */
    static String code(String s) {
        return s.replaceAll("\\s+", " ").replace('`', '\'');
    }
}
