package dev.schemagate.core.cases;

import dev.schemagate.core.Engine;
import dev.schemagate.core.Settings;
import dev.schemagate.core.SettingsKeys;
import dev.schemagate.core.input.CodeSources;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.SourceFile;
import dev.schemagate.core.report.Report;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.Mitigation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs rule cases through the real pipeline (reader, replay, rules), with only the case's rule enabled, and
 * says in words what went wrong when a case does not hold. Used by every pack's test suite and by
 * {@code schemagate policy test}.
 */
public final class CaseRunner {
    /** The outcome of one case. */
    public static final class Result {
        public final String file;
        public final String rule;
        public final String name;
        public final boolean passed;
        public final String message;

        Result(String file, String rule, String name, boolean passed, String message) {
            this.file = file;
            this.rule = rule;
            this.name = name;
            this.passed = passed;
            this.message = message;
        }

        @Override
        public String toString() {
            return (passed ? "ok   " : "FAIL ") + rule + " " + name + (passed ? "" : ": " + message);
        }
    }

    private final Engine engine;

    public CaseRunner(Engine engine) {
        this.engine = engine;
    }

    public List<Result> run(CaseFile f) {
        List<Result> out = new ArrayList<>();
        for (RuleCase c : f.cases) {
            out.add(run(f, c));
        }
        return out;
    }

    public Result run(CaseFile f, RuleCase c) {
        Report r;
        try {
            r = report(f, c);
        } catch (IllegalArgumentException e) {
            return new Result(f.source, f.rule, c.name, false, "bad config: " + e.getMessage());
        }
        if (!r.getErrors().isEmpty()) {
            return new Result(f.source, f.rule, c.name, false, "input errors: " + r.getErrors());
        }
        List<Finding> mine = r.getFindings().stream().filter(x -> x.getRule().equals(f.rule)).toList();
        List<Finding> active = mine.stream().filter(x -> !x.isSuppressed()).toList();
        if (!c.fail) {
            if (active.isEmpty()) {
                return new Result(f.source, f.rule, c.name, true, null);
            }
            return new Result(f.source, f.rule, c.name, false, "expected no finding of " + f.rule
                    + " (use fail: if this case should fail), got: " + describe(active));
        }
        boolean wantsSuppressed = c.expect.stream().anyMatch(x -> Boolean.TRUE.equals(x.suppressed));
        if ((wantsSuppressed ? mine : active).isEmpty()) {
            List<Finding> others = r.getFindings();
            return new Result(f.source, f.rule, c.name, false, "expected a finding of " + f.rule
                    + " (use pass: if this case should pass), got none"
                    + (others.isEmpty() ? "" : "; other findings: " + describe(others)));
        }
        for (RuleCase.Expectation x : c.expect) {
            if (mine.stream().noneMatch(fd -> matches(fd, x))) {
                return new Result(f.source, f.rule, c.name, false, "no finding matches " + x + "; got: " + describe(mine));
            }
        }
        return new Result(f.source, f.rule, c.name, true, null);
    }

    /** Runs the case and returns the whole report (used by docs to show messages). */
    public Report report(CaseFile f, RuleCase c) {
        Settings s = new Settings();
        Dialect d = Dialect.parse(f.dialect != null ? f.dialect : dialectOf(f.rule));
        if (d == null) {
            d = Dialect.POSTGRES; // a policy rule (acme.*) whose cases file names no dialect
        }
        s.setDialect(d);
        s.setThreads(1);
        if (f.version != null) {
            s.setVersion(d, f.version);
        }
        SettingsKeys.apply(s, f.config);
        SettingsKeys.apply(s, c.config);
        s.getOnlyRules().add(f.rule);
        s.getOnlyRules().addAll(c.alsoEnable);
        List<Engine.Source> sources = new ArrayList<>();
        String schema = c.givenSchema != null ? c.givenSchema : f.givenSchema;
        if (schema != null && !schema.isBlank()) {
            sources.add(Engine.Source.context(new Migration("given_schema.sql", "given_schema", d, Migration.Direction.UP,
                    "plain", Migration.TxMode.NONE), schema));
        }
        for (Map.Entry<String, String> e : c.files.entrySet()) {
            String name = e.getKey() != null ? e.getKey() : f.fileName != null ? f.fileName : "migration.sql";
            if (f.tool != null) {
                // a code migration (Alembic, Django, ...): read by its tool's reader, as discovery would
                Migration cm = new Migration(name, name, d, Migration.Direction.UP, f.tool, Migration.TxMode.UNKNOWN);
                sources.addAll(CodeSources.read(new SourceFile(Path.of(name), cm, null, SourceFile.Part.CODE),
                        e.getValue(), d, true, true, engine.dialect(d)));
                continue;
            }
            Migration m = Discovery.describe(Path.of(name), name).getMigration().withDialect(d);
            sources.add(new Engine.Source(m, e.getValue()));
        }
        return engine.run(sources, s, List.of());
    }

    static String dialectOf(String rule) {
        int dot = rule.indexOf('.');
        String p = dot < 0 ? rule : rule.substring(0, dot);
        switch (p) {
            case "pg": return "postgres";
            case "mongo": return "mongodb";
            case "core": return "postgres";
            default: return p;
        }
    }

    private static boolean matches(Finding f, RuleCase.Expectation x) {
        if (x.line != null && f.getLine() != x.line) {
            return false;
        }
        if (x.column != null && f.getColumn() != x.column) {
            return false;
        }
        if (x.risk != null && !f.getRisk().name().equalsIgnoreCase(x.risk)) {
            return false;
        }
        if (x.messageContains != null && !f.getMessage().contains(x.messageContains)) {
            return false;
        }
        if (x.lock != null && (f.getLock() == null || !f.getLock().equalsIgnoreCase(x.lock))) {
            return false;
        }
        if (x.rewrite != null && !x.rewrite.equals(f.getRewrite())) {
            return false;
        }
        if (x.scan != null && !x.scan.equals(f.getScan())) {
            return false;
        }
        if (x.changeType != null && !f.getChangeType().label().equalsIgnoreCase(x.changeType)) {
            return false;
        }
        if (x.suppressed != null && f.isSuppressed() != x.suppressed) {
            return false;
        }
        if (x.sqlContains != null) {
            boolean any = false;
            for (Mitigation m : f.getMitigations()) {
                if (m.getSql() != null && m.getSql().contains(x.sqlContains)) {
                    any = true;
                }
            }
            return any;
        }
        return true;
    }

    private static String describe(List<Finding> fs) {
        return fs.stream().map(f -> f.getRule() + "@" + f.getLine() + ":" + f.getColumn() + " " + f.getRisk()
                + (f.isSuppressed() ? " (suppressed)" : "") + " lock=" + f.getLock() + " rewrite=" + f.getRewrite()
                + " scan=" + f.getScan() + " '" + f.getMessage() + "'"
                + f.getMitigations().stream().filter(m -> m.getSql() != null).map(m -> " sql='" + m.getSql() + "'")
                        .collect(Collectors.joining()))
                .collect(Collectors.joining("; "));
    }
}
