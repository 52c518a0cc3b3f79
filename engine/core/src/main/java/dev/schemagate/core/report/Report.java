package dev.schemagate.core.report;

import dev.schemagate.core.InputError;
import dev.schemagate.model.Risk;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.RuleInfo;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a check: per-file summaries, findings in a stable order (file order, line, column, rule), input
 * errors, the rules that ran, and the gate decision. Exit codes: 0 passed, 1 policy failed, 2 usage or input error.
 */
public final class Report {
    public static final int EXIT_PASSED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INPUT_ERROR = 2;

    private final String toolVersion;
    private final Map<String, String> target;
    private final List<FileSummary> files;
    private final List<Finding> findings;
    private final List<InputError> errors;
    private final List<RuleInfo> rules;
    private final Risk failOn;

    public Report(String toolVersion, Map<String, String> target, List<FileSummary> files, List<Finding> findings,
                  List<InputError> errors, List<RuleInfo> rules, Risk failOn) {
        this.toolVersion = toolVersion;
        this.target = target;
        this.files = List.copyOf(files);
        this.findings = List.copyOf(findings);
        this.errors = List.copyOf(errors);
        this.rules = List.copyOf(rules);
        this.failOn = failOn;
    }

    public String getToolVersion() {
        return toolVersion;
    }

    /** Dialect and server version per dialect that was checked, e.g. {postgres=17}. */
    public Map<String, String> getTarget() {
        return target;
    }

    public List<FileSummary> getFiles() {
        return files;
    }

    public List<Finding> getFindings() {
        return findings;
    }

    public List<InputError> getErrors() {
        return errors;
    }

    public List<RuleInfo> getRules() {
        return rules;
    }

    public Risk getFailOn() {
        return failOn;
    }

    /** Findings that count against the gate: not suppressed and at or above the threshold. */
    public List<Finding> getBlocking() {
        return findings.stream().filter(f -> !f.isSuppressed() && f.getRisk().atLeast(failOn)).toList();
    }

    public boolean isFailed() {
        return !getBlocking().isEmpty();
    }

    public int exitCode() {
        if (!errors.isEmpty()) {
            return EXIT_INPUT_ERROR;
        }
        return isFailed() ? EXIT_FAILED : EXIT_PASSED;
    }

    /** Unsuppressed findings per risk level. */
    public Map<Risk, Integer> counts() {
        Map<Risk, Integer> m = new EnumMap<>(Risk.class);
        for (Risk r : Risk.values()) {
            m.put(r, 0);
        }
        for (Finding f : findings) {
            if (!f.isSuppressed()) {
                m.merge(f.getRisk(), 1, Integer::sum);
            }
        }
        return m;
    }

    public int suppressedCount() {
        return (int) findings.stream().filter(Finding::isSuppressed).count();
    }

    public RuleInfo rule(String id) {
        for (RuleInfo r : rules) {
            if (r.getId().equals(id)) {
                return r;
            }
        }
        return null;
    }
}
