package dev.schemagate.core;

import dev.schemagate.model.Comment;
import dev.schemagate.model.Statement;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.Suppression;
import dev.schemagate.model.finding.SuppressionIssue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppressions: {@code -- schemagate:ignore RULE[, RULE] -- reason} before a statement (or at the end of
 * the statement's last line) covers that statement; {@code -- schemagate:ignore-file RULE -- reason} covers the
 * whole file. The reason is required. Suppressed findings stay in the report, marked as suppressed; a
 * suppression without a reason does not apply; unknown rule ids and suppressions that matched nothing are
 * reported through {@link SuppressionIssue}s.
 *
 * <p>{@code -- schemagate:waive RULE[, RULE] approver=NAME expires=YYYY-MM-DD -- reason} is a signed waiver for the
 * statement: it also needs an approver and an expiry date, is applied with the policy waivers (see
 * {@link Waivers}), stops applying after its date, and is reported when it is expired, malformed or unused.
 */
public final class Suppressions {
    private static final Pattern DIRECTIVE = Pattern.compile("(?is)^\\s*schemagate:(ignore-file|ignore|waive)(?![\\w-])(.*)$");

    /** One parsed directive. */
    static final class Directive {
        final Statement statement;
        final Comment comment;
        final boolean fileScope;
        final List<String> rules;
        final String reason;
        final boolean[] used;

        Directive(Statement statement, Comment comment, boolean fileScope, List<String> rules, String reason) {
            this.statement = statement;
            this.comment = comment;
            this.fileScope = fileScope;
            this.rules = rules;
            this.reason = reason;
            this.used = new boolean[rules.size()];
        }

        boolean covers(Finding f) {
            if (!statement.getFile().equals(f.getFile())) {
                return false;
            }
            return fileScope || (f.getLine() >= statement.getLine() && f.getLine() <= statement.getEndLine());
        }
    }

    private final List<Directive> directives = new ArrayList<>();
    private final List<dev.schemagate.model.finding.Waiver> waivers = new ArrayList<>();
    private final List<SuppressionIssue> waiverProblems = new ArrayList<>();

    /** Reads the directives of one file's statements (in order). */
    public void addFile(List<Statement> statements) {
        for (int i = 0; i < statements.size(); i++) {
            Statement st = statements.get(i);
            for (Comment c : st.getComments()) {
                Matcher m = DIRECTIVE.matcher(c.getText());
                if (!m.matches()) {
                    continue;
                }
                boolean file = m.group(1).equalsIgnoreCase("ignore-file");
                String rest = m.group(2);
                if (m.group(1).equalsIgnoreCase("waive")) {
                    Statement target = i > 0 && c.getLine() == statements.get(i - 1).getEndLine() ? statements.get(i - 1) : st;
                    addWaiver(target, c, rest);
                    continue;
                }
                int sep = rest.indexOf("--");
                String ids = (sep < 0 ? rest : rest.substring(0, sep)).trim();
                String reason = sep < 0 ? null : rest.substring(sep + 2).trim();
                if (reason != null && reason.isEmpty()) {
                    reason = null;
                }
                List<String> rules = ids.isEmpty() ? List.of() : Arrays.asList(ids.split("[\\s,]+"));
                Statement target = st;
                if (i > 0 && c.getLine() == statements.get(i - 1).getEndLine()) {
                    target = statements.get(i - 1);
                }
                directives.add(new Directive(target, c, file, rules, reason));
            }
        }
    }

    private void addWaiver(Statement st, Comment c, String rest) {
        int sep = rest.indexOf("--");
        String head = (sep < 0 ? rest : rest.substring(0, sep)).trim();
        String reason = sep < 0 ? "" : rest.substring(sep + 2).trim();
        List<String> rules = new ArrayList<>();
        String approver = null;
        String expires = null;
        List<String> problems = new ArrayList<>();
        for (String tok : head.isEmpty() ? new String[0] : head.split("[\\s,]+")) {
            int eq = tok.indexOf('=');
            if (eq < 0) {
                rules.add(tok);
            } else if (tok.substring(0, eq).equalsIgnoreCase("approver")) {
                approver = tok.substring(eq + 1);
            } else if (tok.substring(0, eq).equalsIgnoreCase("expires")) {
                expires = tok.substring(eq + 1);
            } else {
                problems.add("unknown key '" + tok.substring(0, eq) + "' (use approver= and expires=)");
            }
        }
        if (rules.isEmpty()) {
            problems.add("no rule id");
        }
        if (approver == null || approver.isEmpty()) {
            problems.add("no approver=NAME");
        }
        java.time.LocalDate date = null;
        if (expires == null || expires.isEmpty()) {
            problems.add("no expires=YYYY-MM-DD");
        } else {
            try {
                date = java.time.LocalDate.parse(expires);
            } catch (java.time.format.DateTimeParseException e) {
                problems.add("expires=" + expires + " is not a date written YYYY-MM-DD");
            }
        }
        if (reason.isEmpty()) {
            problems.add("no reason after --");
        }
        if (!problems.isEmpty()) {
            waiverProblems.add(new SuppressionIssue(SuppressionIssue.Kind.WAIVER_INVALID, String.join(", ", rules),
                    st.getMigration(), c.getLine(), c.getColumn(), c.getText() + " [" + String.join("; ", problems) + "]"));
            return;
        }
        for (String r : rules) {
            waivers.add(new dev.schemagate.model.finding.Waiver(r, st.getFile(), st.getLine(), st.getEndLine(), null,
                    approver, reason, date, st.getFile(), c.getLine(), c.getColumn(), true));
        }
        lastWaiverMigration.put(st.getFile(), st.getMigration());
    }

    private final java.util.Map<String, dev.schemagate.model.Migration> lastWaiverMigration = new java.util.HashMap<>();

    /** The valid {@code schemagate:waive} comments read so far, as waivers. */
    public List<dev.schemagate.model.finding.Waiver> waivers() {
        return waivers;
    }

    /** The migration an inline waiver was read from (for positions of findings about it). */
    public dev.schemagate.model.Migration migrationOf(String file) {
        return lastWaiverMigration.get(file);
    }

    /**
     * Marks the findings covered by a valid directive as suppressed (unless their rule is not suppressible) and
     * returns the problems found with the directives themselves.
     */
    public List<SuppressionIssue> apply(List<Finding> findings, Set<String> knownRules, Set<String> unsuppressible) {
        List<SuppressionIssue> issues = new ArrayList<>(waiverProblems);
        for (dev.schemagate.model.finding.Waiver w : waivers) {
            if (!knownRules.contains(w.getRule())) {
                issues.add(new SuppressionIssue(SuppressionIssue.Kind.UNKNOWN_RULE, w.getRule(), migrationOf(w.getSource()),
                        w.getSourceLine(), w.getSourceColumn(), "schemagate:waive " + w.getRule()));
            }
        }
        for (Directive d : directives) {
            if (d.rules.isEmpty()) {
                issues.add(issue(SuppressionIssue.Kind.UNKNOWN_RULE, "", d));
                continue;
            }
            if (d.reason == null) {
                issues.add(issue(SuppressionIssue.Kind.MISSING_REASON, String.join(", ", d.rules), d));
            }
            for (String r : d.rules) {
                if (!knownRules.contains(r)) {
                    issues.add(issue(SuppressionIssue.Kind.UNKNOWN_RULE, r, d));
                }
            }
        }
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.isSuppressed() || unsuppressible.contains(f.getRule())) {
                continue;
            }
            for (Directive d : directives) {
                int k = d.rules.indexOf(f.getRule());
                if (k >= 0 && d.covers(f)) {
                    d.used[k] = true;
                    if (d.reason != null) {
                        String where = d.statement.getFile() + ":" + d.comment.getLine();
                        findings.set(i, f.toBuilder().suppression(new Suppression("inline", d.reason, null, null, where)).build());
                        break;
                    }
                }
            }
        }
        for (Directive d : directives) {
            for (int k = 0; k < d.rules.size(); k++) {
                if (!d.used[k] && knownRules.contains(d.rules.get(k))) {
                    issues.add(issue(SuppressionIssue.Kind.UNUSED, d.rules.get(k), d));
                }
            }
        }
        return issues;
    }

    private static SuppressionIssue issue(SuppressionIssue.Kind kind, String rule, Directive d) {
        return new SuppressionIssue(kind, rule, d.statement.getMigration(), d.comment.getLine(), d.comment.getColumn(),
                d.comment.getText());
    }
}
