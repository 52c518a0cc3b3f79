package dev.schemagate.plan;

import dev.schemagate.core.InputError;
import dev.schemagate.core.replay.CatalogApplier;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Unparsed;
import dev.schemagate.model.spi.SqlDialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out the schema after each phase by reading the generated forward SQL with the dialect's own reader and
 * replaying it, then validates with Calcite: each phase's validation queries against the schema after that phase,
 * each backfill batch against the schema after phase 1, and every application query before the plan and after each
 * phase. Generated SQL that fails is a plan problem: the plan says so instead of writing a broken script silently.
 */
final class PhaseValidation {
    private final SqlDialect dialect;
    private final PlanSqlGenerator gen;
    private final Catalog start;
    private final Plan plan;

    PhaseValidation(SqlDialect dialect, PlanSqlGenerator gen, Catalog start, Plan plan) {
        this.dialect = dialect;
        this.gen = gen;
        this.start = start;
        this.plan = plan;
    }

    void run(String queries, String queriesName, List<InputError> errors) {
        Map<String, Catalog> stages = new LinkedHashMap<>();
        Map<String, Integer> stagePhase = new LinkedHashMap<>();
        stagePhase.put("before", 0);
        stages.put("before", start);
        Catalog cur = start.copy();
        Map<Integer, Catalog> after = new LinkedHashMap<>();
        for (int p = 1; p <= 4; p++) {
            for (Plan.Step s : plan.steps(p)) {
                apply(cur, s);
            }
            after.put(p, cur.copy());
            if (plan.hasPhase(p)) {
                stages.put("after phase " + p, after.get(p));
                stagePhase.put("after phase " + p, p);
            }
        }
        Map<Integer, QueryValidator> validators = new LinkedHashMap<>();
        for (Plan.Check c : plan.checks) {
            String own = gen.checkQuery(c.sql, after.get(c.phase));
            if (own != null) {
                if (!own.isEmpty()) {
                    c.validation = own;
                    plan.problems.add("validation query \"" + c.name + "\" (phase " + c.phase + ") does not validate: "
                            + own);
                }
                continue;
            }
            QueryValidator v = validators.computeIfAbsent(c.phase, p -> new QueryValidator(after.get(p), filled(p)));
            QueryValidator.Result r = v.validate(c.sql);
            if (r.verdict() != QueryValidator.Verdict.OK) {
                c.validation = r.message();
                if (r.breaks()) {
                    plan.problems.add("validation query \"" + c.name + "\" (phase " + c.phase + ") does not validate: "
                            + r.message());
                }
            }
        }
        for (Plan.Backfill b : plan.backfills) {
            b.sample = gen.backfillSample(b);
            String own = gen.checkQuery(b.sample, after.get(1));
            if (own != null) {
                if (!own.isEmpty()) {
                    b.validation = own;
                    plan.problems.add("backfill " + b.job + " does not validate against the schema after phase 1: " + own);
                }
                continue;
            }
            QueryValidator.Result r = validators.computeIfAbsent(1, p -> new QueryValidator(after.get(1), filled(1))).validate(b.sample);
            if (r.verdict() != QueryValidator.Verdict.OK) {
                b.validation = r.message();
                if (r.breaks()) {
                    plan.problems.add("backfill " + b.job + " does not validate against the schema after phase 1: "
                            + r.message());
                }
            }
        }
        if (queries != null && gen.checkQuery("", start) != null) {
            errors.add(new InputError(queriesName, 0, 0, "--queries takes SQL; application queries are not checked for "
                    + plan.dialect + " plans (leave the option out)"));
        } else if (queries != null) {
            Map<String, QueryValidator> vs = new LinkedHashMap<>();
            stages.forEach((k, c) -> vs.put(k, new QueryValidator(c, filled(stagePhase.get(k)))));
            Migration m = new Migration(queriesName, "queries", plan.dialect == null ? null
                    : dev.schemagate.model.Dialect.POSTGRES, Migration.Direction.UP, "queries", Migration.TxMode.NONE);
            for (Statement st : dialect.split(m, queries, (line, col, msg) -> errors.add(new InputError(queriesName, line,
                    col, msg)))) {
                if (st.getText().isBlank()) {
                    continue;
                }
                Plan.QueryCheck q = new Plan.QueryCheck();
                q.line = st.getLine();
                q.sql = SqlText.oneLine(st.getText());
                for (Map.Entry<String, QueryValidator> e : vs.entrySet()) {
                    QueryValidator.Result r = e.getValue().validate(st.getText());
                    String res = r.verdict() == QueryValidator.Verdict.OK ? null
                            : (r.breaks() ? "breaks: " : "not checked: ") + r.message();
                    q.results.put(e.getKey(), res);
                    if (r.breaks() && q.breaksAt == null) {
                        q.breaksAt = e.getKey();
                    }
                }
                plan.queries.add(q);
            }
        }
    }

    /** Trigger-filled columns in force after phase p: from phase 1 until the contract phase drops the triggers. */
    private Map<String, List<String>> filled(int p) {
        return p >= 1 && p < 4 ? plan.triggerFilled : Map.of();
    }

    private void apply(Catalog cat, Plan.Step s) {
        Migration m = new Migration("plan", "plan", null, Migration.Direction.UP, "plan", Migration.TxMode.NONE);
        List<Statement> stmts = dialect.split(m, s.sql, (line, col, msg) -> { });
        CatalogApplier ap = new CatalogApplier(cat);
        for (List<Change> cs : Planner.mapAll(dialect, stmts)) {
            for (Change c : cs) {
                if (c instanceof Unparsed) {
                    plan.problems.add("generated step \"" + s.title + "\" is not readable by SchemaGate's own reader: "
                            + ((Unparsed) c).describe());
                    continue;
                }
                ap.apply(c, "plan", 0);
            }
        }
        views(cat, s.sql);
    }

    private static final java.util.regex.Pattern CREATE_VIEW = java.util.regex.Pattern.compile(
            "(?i)CREATE\\s+(?:OR\\s+REPLACE\\s+)?VIEW\\s+([\\w.\"]+)\\s+AS\\s+SELECT\\s+\\*\\s+FROM\\s+([\\w.\"]+)\\s*;");
    private static final java.util.regex.Pattern DROP_VIEW = java.util.regex.Pattern.compile(
            "(?i)DROP\\s+VIEW\\s+(?:IF\\s+EXISTS\\s+)?([\\w.\"]+)\\s*;");

    /**
     * The catalog does not model views; a plan's {@code CREATE VIEW v AS SELECT * FROM t} (the old name of a renamed
     * table) is put in it as a copy of t's columns, so queries through the view validate; DROP VIEW removes it.
     */
    private static void views(Catalog cat, String sql) {
        java.util.regex.Matcher d = DROP_VIEW.matcher(sql);
        while (d.find()) {
            dev.schemagate.model.catalog.TableDef v = cat.table(Planner.name(d.group(1).replace("\"", "")));
            if (v != null && v.getKind() == dev.schemagate.model.catalog.TableDef.Kind.VIEW) {
                cat.dropTable(v.getName());
            }
        }
        java.util.regex.Matcher m = CREATE_VIEW.matcher(sql);
        while (m.find()) {
            dev.schemagate.model.catalog.TableDef base = cat.table(Planner.name(m.group(2).replace("\"", "")));
            if (base != null) {
                dev.schemagate.model.catalog.TableDef v = new dev.schemagate.model.catalog.TableDef(
                        Planner.name(m.group(1).replace("\"", "")));
                base.getColumns().forEach(v::putColumn);
                v.setKind(dev.schemagate.model.catalog.TableDef.Kind.VIEW);
                cat.putTable(v);
            }
        }
    }
}
