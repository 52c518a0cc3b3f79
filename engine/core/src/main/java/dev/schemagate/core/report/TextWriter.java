package dev.schemagate.core.report;

import dev.schemagate.core.InputError;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.Mitigation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The report for people: one block per finding, then what was read, the counts and the gate decision. */
public final class TextWriter implements ReportWriter {
    private final boolean quiet;

    /** @param quiet leave out suppressed findings and the mitigation details */
    public TextWriter(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public String write(Report r) {
        StringBuilder sb = new StringBuilder();
        for (InputError e : r.getErrors()) {
            sb.append("error: ").append(e).append('\n');
        }
        for (FileSummary f : r.getFiles()) {
            if (f.getSkipped() != null && r.getErrors().stream().noneMatch(e -> f.getPath().equals(e.getFile()))) {
                sb.append("skipped: ").append(f.getPath()).append(": ").append(f.getSkipped()).append('\n');
            }
            if (f.getWarning() != null) {
                sb.append("warning: ").append(f.getPath()).append(": ").append(f.getWarning()).append('\n');
            }
        }
        if (sb.length() > 0) {
            sb.append('\n');
        }
        for (Finding f : r.getFindings()) {
            if (f.isSuppressed()) {
                if (!quiet) {
                    dev.schemagate.model.finding.Suppression sup = f.getSuppression();
                    boolean waiver = "waiver".equals(sup.getKind());
                    sb.append(location(f)).append(waiver ? ": waived " : ": suppressed ").append(f.getRule()).append(" (")
                            .append(sup.getReason() == null ? "no reason" : sup.getReason())
                            .append(waiver ? "; approved by " + sup.getApprover() + (sup.getExpires() == null ? ""
                                    : ", expires " + sup.getExpires()) + ", " + sup.getLocation() : "")
                            .append(")\n\n");
                }
                continue;
            }
            sb.append(location(f)).append(": ").append(f.getRisk()).append(' ').append(f.getRule()).append('\n');
            sb.append("  ").append(f.getMessage()).append('\n');
            List<String> facts = new ArrayList<>();
            if (f.getChangeType() != null && f.getChangeType() != dev.schemagate.model.ChangeType.NONE) {
                facts.add(f.getChangeType().label());
            }
            if (f.getLock() != null) {
                facts.add("lock " + f.getLock());
            }
            if (Boolean.TRUE.equals(f.getRewrite())) {
                facts.add("rewrites the table");
            } else if (Boolean.TRUE.equals(f.getScan())) {
                facts.add("scans the table");
            }
            if (f.getDataLossRisk() != null && f.getDataLossRisk() != Risk.NONE) {
                facts.add("data loss " + f.getDataLossRisk());
            }
            if (!facts.isEmpty()) {
                sb.append("  ").append(String.join(" · ", facts)).append('\n');
            }
            if (!quiet) {
                for (Mitigation m : f.getMitigations()) {
                    sb.append("  fix: ").append(m.getText()).append('\n');
                    if (m.getSql() != null) {
                        for (String line : m.getSql().split("\n", -1)) {
                            sb.append("       ").append(line).append('\n');
                        }
                    }
                }
                if (!f.getPeers().isEmpty()) {
                    sb.append("  same as: ").append(String.join(", ", f.getPeers())).append('\n');
                }
            }
            sb.append('\n');
        }
        summary(r, sb);
        return sb.toString();
    }

    private static String location(Finding f) {
        return f.getFile() + ":" + f.getLine() + ":" + f.getColumn();
    }

    /** The migration tools and dialects the files were read as, e.g. {@code Detected: flyway (postgres 8 files).} */
    private static void detected(Report r, StringBuilder sb) {
        Map<String, Map<String, java.util.Set<String>>> tools = new java.util.LinkedHashMap<>();
        for (FileSummary f : r.getFiles()) {
            tools.computeIfAbsent(f.getTool(), k -> new java.util.LinkedHashMap<>())
                    .computeIfAbsent(f.getDialect(), k -> new java.util.HashSet<>()).add(f.getPath());
        }
        if (tools.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Map<String, java.util.Set<String>>> t : tools.entrySet()) {
            List<String> ds = new ArrayList<>();
            t.getValue().forEach((d, files) -> ds.add(d + " " + files.size()));
            parts.add(t.getKey() + " (" + String.join(", ", ds) + (ds.size() == 1 && ds.get(0).endsWith(" 1") ? " file)" : " files)"));
        }
        sb.append("Detected: ").append(String.join("; ", parts)).append(".\n");
    }

    private static void summary(Report r, StringBuilder sb) {
        int files = 0;
        int stmts = 0;
        int modelled = 0;
        int unparsed = 0;
        int skipped = 0;
        for (FileSummary f : r.getFiles()) {
            if (f.getSkipped() != null) {
                skipped++;
                continue;
            }
            files++;
            stmts += f.getStatements();
            modelled += f.getModelled();
            unparsed += f.getUnparsed();
        }
        sb.append("Checked ").append(files).append(files == 1 ? " file, " : " files, ").append(stmts)
                .append(stmts == 1 ? " statement" : " statements").append(" (").append(modelled).append(" modelled, ")
                .append(unparsed).append(" unparsed)");
        if (skipped > 0) {
            sb.append(", ").append(skipped).append(" skipped");
        }
        if (!r.getTarget().isEmpty()) {
            List<String> t = new ArrayList<>();
            for (Map.Entry<String, String> e : r.getTarget().entrySet()) {
                t.add(e.getKey() + " " + e.getValue());
            }
            sb.append(" for ").append(String.join(", ", t));
        }
        sb.append(".\n");
        detected(r, sb);
        Map<Risk, Integer> c = r.counts();
        sb.append("Findings: ");
        List<String> parts = new ArrayList<>();
        for (Risk k : new Risk[] {Risk.CRITICAL, Risk.HIGH, Risk.MEDIUM, Risk.LOW, Risk.NONE}) {
            if (c.get(k) > 0 || k.ordinal() >= Risk.LOW.ordinal()) {
                parts.add(c.get(k) + " " + k);
            }
        }
        sb.append(String.join(", ", parts));
        if (r.suppressedCount() > 0) {
            sb.append("; ").append(r.suppressedCount()).append(" suppressed");
        }
        sb.append(".\n");
        int blocking = r.getBlocking().size();
        if (!r.getErrors().isEmpty()) {
            sb.append("ERROR: ").append(r.getErrors().size()).append(r.getErrors().size() == 1 ? " input error" : " input errors")
                    .append(" (exit 2); fix the input and run again.\n");
        } else if (blocking > 0) {
            sb.append("FAILED: ").append(blocking).append(blocking == 1 ? " finding" : " findings").append(" at or above ")
                    .append(r.getFailOn()).append(" (--fail-on ").append(r.getFailOn()).append(").\n");
        } else {
            sb.append("PASSED: nothing at or above ").append(r.getFailOn()).append(".\n");
        }
    }
}
