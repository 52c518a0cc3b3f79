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
 */
public final class Suppressions {
    private static final Pattern DIRECTIVE = Pattern.compile("(?is)^\\s*schemagate:(ignore-file|ignore)(?![\\w-])(.*)$");

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

    /**
     * Marks the findings covered by a valid directive as suppressed (unless their rule is not suppressible) and
     * returns the problems found with the directives themselves.
     */
    public List<SuppressionIssue> apply(List<Finding> findings, Set<String> knownRules, Set<String> unsuppressible) {
        List<SuppressionIssue> issues = new ArrayList<>();
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
