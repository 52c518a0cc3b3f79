package dev.schemagate.core.report;

import dev.schemagate.core.InputError;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.Mitigation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML for CI test tabs: per file, a passing test case when nothing in it blocks the gate (other findings
 * go to its system-out), or one failing test case per blocking finding; input errors are error cases, and
 * skipped files skipped cases.
 */
public final class JunitWriter implements ReportWriter {
    @Override
    public String write(Report r) {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (FileSummary f : r.getFiles()) {
            byFile.put(f.getPath(), new ArrayList<>());
        }
        for (Finding f : r.getFindings()) {
            byFile.computeIfAbsent(f.getFile() == null ? "(no file)" : f.getFile(), k -> new ArrayList<>()).add(f);
        }
        StringBuilder cases = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        for (FileSummary fs : r.getFiles()) {
            if (fs.getSkipped() != null && r.getErrors().stream().noneMatch(e -> fs.getPath().equals(e.getFile()))) {
                tests++;
                skipped++;
                cases.append("    <testcase classname=\"").append(x(className(fs.getPath()))).append("\" name=\"")
                        .append(x(fs.getPath())).append("\" file=\"").append(x(fs.getPath())).append("\">\n")
                        .append("      <skipped message=\"").append(x(fs.getSkipped())).append("\"/>\n    </testcase>\n");
            }
        }
        for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
            String file = e.getKey();
            if (r.getFiles().stream().anyMatch(fs -> fs.getPath().equals(file) && fs.getSkipped() != null)) {
                continue;
            }
            StringBuilder out = new StringBuilder();
            List<Finding> blocking = new ArrayList<>();
            for (Finding f : e.getValue()) {
                if (!f.isSuppressed() && f.getRisk().atLeast(r.getFailOn())) {
                    blocking.add(f);
                } else {
                    out.append(f.getFile()).append(':').append(f.getLine()).append(':').append(f.getColumn()).append(": ")
                            .append(f.isSuppressed() ? "suppressed" : f.getRisk().name()).append(' ').append(f.getRule())
                            .append(": ").append(f.getMessage()).append('\n');
                }
            }
            if (blocking.isEmpty()) {
                tests++;
                cases.append("    <testcase classname=\"").append(x(className(file))).append("\" name=\"").append(x(file))
                        .append("\" file=\"").append(x(file)).append("\"");
                if (out.length() == 0) {
                    cases.append("/>\n");
                } else {
                    cases.append(">\n      <system-out>").append(x(out.toString())).append("</system-out>\n    </testcase>\n");
                }
                continue;
            }
            for (Finding f : blocking) {
                tests++;
                failures++;
                StringBuilder body = new StringBuilder();
                body.append(f.getFile()).append(':').append(f.getLine()).append(':').append(f.getColumn()).append('\n');
                body.append(f.getMessage()).append('\n');
                if (f.getLock() != null) {
                    body.append("lock: ").append(f.getLock()).append('\n');
                }
                for (Mitigation m : f.getMitigations()) {
                    body.append("fix: ").append(m.getText()).append('\n');
                    if (m.getSql() != null) {
                        body.append(m.getSql()).append('\n');
                    }
                }
                cases.append("    <testcase classname=\"").append(x(className(file))).append("\" name=\"")
                        .append(x(f.getRule() + " at line " + f.getLine() + ":" + f.getColumn())).append("\" file=\"")
                        .append(x(file)).append("\" line=\"").append(f.getLine()).append("\">\n")
                        .append("      <failure type=\"").append(f.getRisk().name()).append("\" message=\"")
                        .append(x(f.getRisk().name() + " " + f.getRule() + ": " + f.getMessage())).append("\">")
                        .append(x(body.toString())).append("</failure>\n    </testcase>\n");
            }
        }
        int errors = 0;
        for (InputError e : r.getErrors()) {
            tests++;
            errors++;
            String name = e.getFile() == null ? "input" : e.getFile();
            cases.append("    <testcase classname=\"schemagate.input\" name=\"").append(x(name)).append("\">\n")
                    .append("      <error type=\"input\" message=\"").append(x(e.toString())).append("\"/>\n    </testcase>\n");
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String counts = " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\"";
        sb.append("<testsuites name=\"schemagate\"").append(counts).append(">\n");
        sb.append("  <testsuite name=\"schemagate check (fail-on ").append(r.getFailOn()).append(")\"").append(counts).append(">\n");
        sb.append(cases);
        sb.append("  </testsuite>\n</testsuites>\n");
        return sb.toString();
    }

    private static String className(String path) {
        return "schemagate." + path.replace('\\', '/').replaceAll("\\.sql$", "").replaceAll("[^A-Za-z0-9_/-]", "_").replace('/', '.');
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot carry are replaced. */
    static String x(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&apos;"); break;
                case '\n': case '\t': sb.append(c); break;
                case '\r': sb.append("&#13;"); break;
                default:
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.toString();
    }
}
