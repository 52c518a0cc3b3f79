package dev.schemagate.plan;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.SourceFile;
import dev.schemagate.core.input.liquibase.LiquibaseSources;
import dev.schemagate.core.replay.CatalogApplier;
import dev.schemagate.core.replay.Replayer;
import dev.schemagate.core.report.Report;
import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Risk;
import dev.schemagate.model.Statement;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.*;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.spi.SqlDialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Builds a {@link Plan} for one migration or a range: reads and replays the migration folder with the check
 * pipeline (so it knows the schema before each change and the risky findings), works out what each group of
 * statements means ({@link Intent}), decides from the facts whether it needs phases, asks the dialect's
 * {@link PlanSqlGenerator} for the SQL, and validates the generated queries and the application's queries with
 * Calcite against the schema at each phase.
 */
public final class Planner {
    /** What to plan. */
    public static final class Request {
        public final List<String> inputs = new ArrayList<>();
        public Path cwd = Path.of("").toAbsolutePath();
        public Settings settings = new Settings();
        public PlanThresholds thresholds = new PlanThresholds();
        /** First and last migration id to plan (inclusive); null: the last migration of the input. */
        public String from;
        public String to;
        /** Application queries (text of a .sql file) and its name for messages; null when none. */
        public String queries;
        public String queriesName;
    }

    /** The plan, and what went wrong reading the input. */
    public static final class Result {
        public final Plan plan;
        public final List<InputError> errors;

        Result(Plan plan, List<InputError> errors) {
            this.plan = plan;
            this.errors = errors;
        }
    }

    private final Engine engine;
    private final Map<Dialect, PlanSqlGenerator> generators = new HashMap<>();

    public Planner() {
        this(new Engine());
    }

    public Planner(Engine engine) {
        this.engine = engine;
        for (PlanSqlGenerator g : ServiceLoader.load(PlanSqlGenerator.class)) {
            generators.put(g.dialect(), g);
        }
    }

    /** A planner whose generator for {@code g.dialect()} is {@code g} (tests, and dialects added at run time). */
    public Planner(Engine engine, PlanSqlGenerator g) {
        this(engine);
        generators.put(g.dialect(), g);
    }

    public PlanSqlGenerator generator(Dialect d) {
        return generators.get(d);
    }

    public Result plan(Request r) {
        List<InputError> errors = new ArrayList<>();
        Settings s = r.settings;
        Discovery.Result found = Discovery.discover(r.inputs, r.cwd);
        errors.addAll(found.errors);
        List<SourceFile> files = new ArrayList<>();
        Dialect wanted = s.getDialect() != null ? s.getDialect() : onlyDialect(found);
        for (SourceFile f : found.files) {
            Dialect fd = f.getMigration().getDialect();
            boolean sameDialect = fd == null || fd == wanted || fd.isMysqlFamily() && wanted.isMysqlFamily();
            if (f.getSkipReason() == null && f.getMigration().getDirection() != Migration.Direction.DOWN && sameDialect) {
                files.add(f);
            }
        }
        if (files.isEmpty()) {
            errors.add(new InputError(String.join(" ", r.inputs), 0, 0, nothingToPlan(found, wanted)));
            return new Result(null, errors);
        }
        // read every file the way check does (SQL, dbmate sections, Liquibase changeSets, code migrations); the plan
        // covers up migrations only and writes its own rollback for every phase
        Settings readSettings = s;
        Map<String, String> liquibaseProperties = LiquibaseSources.newProperties();
        Map<java.nio.file.Path, dev.schemagate.core.input.FlywayPlaceholders.Config> flywayConfigs = new java.util.HashMap<>();
        List<Engine.Source> context = new ArrayList<>();
        for (String schema : s.getSchemaFiles()) {
            Discovery.Result sf = Discovery.discover(List.of(schema), r.cwd);
            errors.addAll(sf.errors);
            for (SourceFile f : sf.files) {
                for (Engine.Source src : engine.read(f, false, readSettings, liquibaseProperties, flywayConfigs)) {
                    if (usable(src, errors)) {
                        context.add(src);
                    }
                }
            }
        }
        List<Engine.Source> ups = new ArrayList<>();
        for (SourceFile f : files) {
            for (Engine.Source src : engine.read(f, true, readSettings, liquibaseProperties, flywayConfigs)) {
                if (usable(src, errors)) {
                    ups.add(src);
                }
            }
        }
        if (ups.isEmpty()) {
            errors.add(new InputError(String.join(" ", r.inputs), 0, 0, "no migration with statements to plan"));
            return new Result(null, errors);
        }
        int first = ups.size() - 1;
        int last = ups.size() - 1;
        if (r.from != null || r.to != null) {
            first = r.from == null ? 0 : indexOf(ups, r.from, false);
            last = r.to == null ? ups.size() - 1 : indexOf(ups, r.to, true);
            if (first < 0 || last < 0) {
                String id = first < 0 ? r.from : r.to;
                List<String> ids = new ArrayList<>();
                ups.forEach(u -> {
                    if (!ids.contains(u.migration().getId())) {
                        ids.add(u.migration().getId());
                    }
                });
                String shown = ids.size() <= 8 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 4)) + ", ... "
                        + String.join(", ", ids.subList(ids.size() - 4, ids.size())) + "; " + ids.size() + " in all";
                errors.add(new InputError(String.join(" ", r.inputs), 0, 0, "no " + wanted.id() + " migration with id '"
                        + id + "' (ids: " + shown + "); pass --from/--to with one of them"));
                return new Result(null, errors);
            }
            if (first > last) {
                errors.add(new InputError(null, 0, 0, "--from " + r.from + " comes after --to " + r.to));
                return new Result(null, errors);
            }
        }
        // sources in replay order: the schema files, then every migration up to the last one planned; the planned
        // ones are the last (last - first + 1)
        List<Engine.Source> loaded = new ArrayList<>(context);
        for (int i = 0; i <= last; i++) {
            loaded.add(i >= first ? ups.get(i) : ups.get(i).asContext());
        }
        int firstPlannedAt = context.size() + first;
        Migration firstPlanned = ups.get(first).migration();
        Dialect dialect = s.getDialect() != null ? s.getDialect() : firstPlanned.getDialect() != null
                ? firstPlanned.getDialect() : Dialect.POSTGRES;
        SqlDialect sd = engine.dialect(dialect);
        PlanSqlGenerator gen = generators.get(dialect);
        if (sd == null || gen == null) {
            errors.add(new InputError(firstPlanned.getPath(), 0, 0, "no " + (sd == null ? "reader"
                    : "plan generator") + " for dialect " + dialect.id() + " in this build; plans exist for: "
                    + String.join(", ", generators.keySet().stream().map(Dialect::id).sorted().toList())));
            return new Result(null, errors);
        }
        // 1. findings: the check pipeline over the same sources
        Settings checkSettings = s;
        if (s.getDialect() == null) {
            checkSettings = s;
            s.setDialect(dialect);
        }
        // the planner reads up migrations only, so it cannot pair their downs (dbmate keeps both in one file); the
        // plan writes its own rollback for every phase
        checkSettings.getExclude().add("core.missing-down");
        Report report = engine.run(loaded, checkSettings, List.of());
        errors.addAll(report.getErrors());
        // 2. replay, keeping the schema before the range and each planned change's table before it ran
        Version version = Version.parse(s.version(dialect));
        Catalog cat = new Catalog(sd.defaultSchema());
        Replayer rep = new Replayer(sd, cat, version, s);
        Catalog start = null;
        List<Change> planned = new ArrayList<>();
        Map<Change, TableDef> beforeOf = new HashMap<>();
        Map<Change, List<dev.schemagate.model.catalog.IndexDef>> indexesOf = new HashMap<>();
        Plan plan = new Plan();
        plan.dialect = dialect.id();
        plan.version = s.version(dialect);
        for (int at = 0; at < loaded.size(); at++) {
            Engine.Source l = loaded.get(at);
            boolean isPlanned = at >= firstPlannedAt;
            Migration m = l.migration().withDialect(dialect);
            List<Statement> stmts = l.statements() != null ? l.statements()
                    : sd.split(m, l.text(), (line, col, msg) -> { });
            List<List<Change>> changes = mapAll(sd, stmts, l.preset());
            if (isPlanned && start == null) {
                start = cat.copy();
            }
            Catalog walk = isPlanned ? cat.copy() : null;
            rep.replay(m, stmts, changes);
            if (isPlanned) {
                plan.migrations.add(m.getPath());
                CatalogApplier ap = new CatalogApplier(walk);
                for (List<Change> cs : changes) {
                    for (Change c : cs) {
                        TableDef t = c.getTable() == null ? null : walk.table(c.getTable());
                        beforeOf.put(c, t == null ? null : t.copy());
                        indexesOf.put(c, c.getTable() == null ? List.of() : walk.indexesOf(c.getTable()));
                        ap.apply(c, m.getPath(), 0);
                        planned.add(c);
                    }
                }
            }
        }
        if (start == null) {
            start = cat.copy();
        }
        // 3. intents, strategies, SQL
        List<Intent> intents = dialect == Dialect.MONGODB
                ? dev.schemagate.plan.mongodb.MongoIntents.build(planned, beforeOf, indexesOf)
                : new Intents(planned, beforeOf, indexesOf).build();
        Map<String, List<Finding>> findingsAt = new HashMap<>();
        for (Finding f : report.getFindings()) {
            if (!f.isSuppressed()) {
                findingsAt.computeIfAbsent(f.getFile() + ":" + f.getLine(), k -> new ArrayList<>()).add(f);
            }
        }
        for (Intent in : intents) {
            decide(plan, in, findingsAt, r.thresholds, version, gen);
        }
        finish(plan, intents, r.thresholds);
        gen.finish(plan, intents, r.thresholds);
        plan.operations = Runbook.build(plan, r.thresholds);
        if (plan.operations != null) {
            gen.operations(plan, plan.operations, r.thresholds);
        }
        // 4. validate generated SQL and the application's queries against the schema at each phase
        new PhaseValidation(sd, gen, start, plan).run(r.queries, r.queriesName, errors);
        return new Result(plan, errors);
    }

    /** The first (or, for {@code --to}, the last) migration whose id or file name is {@code id}; -1 when none. */
    private static int indexOf(List<Engine.Source> ups, String id, boolean last) {
        int found = -1;
        for (int i = 0; i < ups.size(); i++) {
            Migration m = ups.get(i).migration();
            String file = Path.of(m.getPath()).getFileName().toString();
            String lower = file.toLowerCase(Locale.ROOT);
            String want = id.toLowerCase(Locale.ROOT);
            if (id.equals(m.getId()) || file.equals(id) || lower.startsWith("v" + want + "__")
                    || lower.startsWith(want + "_") || lower.equals(want + ".sql") || lower.startsWith(want + ".")) {
                found = i;
                if (!last) {
                    return i;
                }
            }
        }
        return found;
    }

    /**
     * The dialect to plan without {@code --dialect}: the one every file to read was found in (a {@code sqlite3/} folder,
     * a MongoDB script, a Flyway {@code mysql/} location...), MySQL for MySQL and MariaDB files together, PostgreSQL
     * when any file has no dialect of its own (like check) or the files disagree (the error then names the others).
     */
    private static Dialect onlyDialect(Discovery.Result found) {
        java.util.EnumSet<Dialect> seen = java.util.EnumSet.noneOf(Dialect.class);
        for (SourceFile f : found.files) {
            if (f.getSkipReason() == null) {
                Dialect fd = f.getMigration().getDialect();
                if (fd == null) {
                    return Dialect.POSTGRES;
                }
                seen.add(fd);
            }
        }
        if (seen.size() == 1) {
            return seen.iterator().next();
        }
        return !seen.isEmpty() && seen.stream().allMatch(Dialect::isMysqlFamily) ? Dialect.MYSQL : Dialect.POSTGRES;
    }

    /** Why nothing can be planned: no files at all, or only files of another dialect (the error names them). */
    private static String nothingToPlan(Discovery.Result found, Dialect wanted) {
        java.util.TreeMap<String, Integer> other = new java.util.TreeMap<>();
        for (SourceFile f : found.files) {
            Dialect fd = f.getMigration().getDialect();
            if (fd != null && fd != wanted && f.getSkipReason() == null) {
                other.merge(fd.id(), 1, Integer::sum);
            }
        }
        if (other.isEmpty()) {
            return "no migration files found to plan";
        }
        StringBuilder sb = new StringBuilder("no " + wanted.id() + " migrations to plan; found ");
        other.forEach((d, n) -> sb.append(n).append(' ').append(d).append(n == 1 ? " file, " : " files, "));
        sb.setLength(sb.length() - 2);
        if (other.containsKey(Dialect.MONGODB.id())) {
            sb.append(": pass --dialect mongodb to plan those");
        }
        other.remove(Dialect.MONGODB.id());
        if (!other.isEmpty()) {
            sb.append("; pass --dialect ").append(other.firstKey()).append(" to plan those");
        }
        return sb.toString();
    }

    /** A block of a code migration (Python, JavaScript, TypeScript) whose effect is known only at run time. */
    private static boolean codeLanguage(Change c) {
        return c instanceof ProceduralBlock && List.of("python", "javascript", "typescript")
                .contains(((ProceduralBlock) c).getLanguage());
    }

    /** Whether a read migration is an up migration with text or statements; a file that could not be read is an error. */
    private static boolean usable(Engine.Source src, List<InputError> errors) {
        if (src.error() != null) {
            errors.add(new InputError(src.migration().getPath(), 0, 0, src.error()));
            return false;
        }
        return src.skip() == null && src.migration().getDirection() != Migration.Direction.DOWN;
    }

    static List<List<Change>> mapAll(SqlDialect sd, List<Statement> stmts) {
        return mapAll(sd, stmts, Map.of());
    }

    /** Maps statements, taking the changes a tool reader already built ({@code preset}, by index) as they are. */
    static List<List<Change>> mapAll(SqlDialect sd, List<Statement> stmts, Map<Integer, List<Change>> preset) {
        List<List<Change>> cs;
        try {
            cs = sd.mapAll(stmts);
        } catch (RuntimeException e) {
            cs = null;
        }
        List<List<Change>> out = new ArrayList<>();
        for (int i = 0; i < stmts.size(); i++) {
            List<Change> one = preset.containsKey(i) ? preset.get(i) : cs == null ? null : cs.get(i);
            if (one == null || one.isEmpty()) {
                try {
                    one = sd.map(stmts.get(i));
                } catch (RuntimeException e) {
                    one = List.of(new Unparsed(stmts.get(i), null, "reader error: " + e, stmts.get(i).getLine(),
                            stmts.get(i).getColumn()));
                }
            }
            for (Change c : one) {
                if (c.getDialect() == null) {
                    c.setDialect(sd.dialects().get(0));
                }
            }
            out.add(one);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void decide(Plan plan, Intent in, Map<String, List<Finding>> findingsAt, PlanThresholds th,
                               Version version, PlanSqlGenerator gen) {
        Plan.ChangePlan cp = new Plan.ChangePlan();
        cp.index = plan.changes.size() + 1;
        Change c0 = in.first();
        cp.file = c0.getFile();
        cp.line = c0.getLine();
        cp.table = in.table == null ? null : in.table.toString();
        List<String> seen = new ArrayList<>();
        ChangeType type = ChangeType.NONE;
        Risk findingLoss = Risk.NONE;
        for (Change c : in.changes) {
            String st = codeLanguage(c) ? "-- " + ((ProceduralBlock) c).getLanguage() + " at line " + c.getLine()
                    + (c.getStatement().getText().isBlank() ? "" : ": " + SqlText.oneLine(c.getStatement().getText()))
                    : SqlText.oneLine(c.getStatement().getText()) + ";";
            if (!seen.contains(st)) {
                seen.add(st);
                cp.statements.add(st);
            }
            type = ChangeType.worst(type, c.getChangeType());
            for (Finding f : findingsAt.getOrDefault(c.getFile() + ":" + c.getLine(), List.of())) {
                String id = f.getRule() + " (" + f.getRisk() + ")";
                if (!cp.findings.contains(id)) {
                    cp.findings.add(id);
                    cp.findingRisk = Risk.max(cp.findingRisk, f.getRisk());
                    if (f.getDataLossRisk() != null) {
                        findingLoss = Risk.max(findingLoss, f.getDataLossRisk());
                    }
                    if (f.getChangeType() != null) {
                        type = ChangeType.worst(type, f.getChangeType());
                    }
                }
            }
        }
        boolean rebuild = in.kind == Intent.Kind.REBUILD_TABLE;
        // a rebuild's size is the old table's (its first change creates the empty replacement)
        ChangeContext ctx = rebuild ? in.changes.get(2).getCtx() : c0.getCtx();
        cp.rows = ctx == null ? null : ctx.isTableCreatedInMigration() ? Long.valueOf(0) : ctx.getRows();
        cp.bytes = ctx == null || ctx.isTableCreatedInMigration() ? null : ctx.getBytes();
        cp.rowsSource = cp.rows == null ? "unknown (no --stats entry)" : ctx.isTableCreatedInMigration()
                ? "new table (empty)" : "from --stats";
        Double wps = ctx == null ? null : ctx.getWritesPerSecond();
        analyse(cp, in, type, findingLoss);
        // strategy
        boolean small = cp.rows != null && cp.rows < th.smallTableRows;
        boolean large = cp.rows == null || cp.rows >= th.multiPhaseRows;
        String unsupported = in.kind == Intent.Kind.MANUAL || in.kind == Intent.Kind.AS_WRITTEN ? null : gen.unsupported(in);
        if (unsupported != null) {
            cp.strategy = Plan.Strategy.MANUAL;
            cp.strategyWhy = unsupported;
            in.reason = unsupported;
        } else if (in.kind == Intent.Kind.MANUAL) {
            cp.strategy = Plan.Strategy.MANUAL;
            cp.strategyWhy = in.reason;
        } else if (in.kind == Intent.Kind.AS_WRITTEN) {
            cp.strategy = in.metadataOnly ? Plan.Strategy.METADATA_ONLY : Plan.Strategy.SINGLE_PHASE;
            cp.strategyWhy = in.reason;
        } else if (in.breaking()) {
            cp.strategy = Plan.Strategy.MULTI_PHASE;
            cp.strategyWhy = "breaking change: the running application reads " + (in.renamedFrom != null
                    ? "the old column name" : "what this removes") + ", so old and new schema must work side by side"
                    + " until every application instance is upgraded";
        } else if (small && !in.breaking()) {
            cp.strategy = Plan.Strategy.SINGLE_PHASE;
            cp.strategyWhy = "small table (" + Durations.count(cp.rows) + " rows, under small_table_rows "
                    + Durations.count(th.smallTableRows) + "), no application change: the statements run as written and"
                    + " any lock lasts milliseconds";
        } else if (!large && blockingSeconds(in, cp.rows, th) < th.maxBlockingSeconds) {
            cp.strategy = Plan.Strategy.SINGLE_PHASE;
            cp.strategyWhy = Durations.count(cp.rows) + " rows (between small_table_rows and multi_phase_rows) and the"
                    + " blocking part is estimated under max_blocking_seconds " + PlanThresholds.num(th.maxBlockingSeconds)
                    + " s: the statements run as written";
        } else {
            cp.strategy = Plan.Strategy.MULTI_PHASE;
            cp.strategyWhy = cp.rows == null ? "row count unknown (pass --stats): planned as a large table"
                    : Durations.count(cp.rows) + " rows" + (cp.rows >= th.multiPhaseRows ? " (at or above multi_phase_rows "
                    + Durations.count(th.multiPhaseRows) + ")" : "") + ": a blocking statement would stop reads or writes"
                    + " for the whole scan, so each step takes only short or weak locks";
        }
        PlanBuilder b = new PlanBuilder(plan, th, version, cp.index, cp.rows, wps);
        int stepsBefore = plan.steps.size();
        if (cp.strategy == Plan.Strategy.MULTI_PHASE) {
            gen.phased(in, b);
        } else {
            gen.asWritten(in, b);
        }
        cp.appChange = in.breaking() || !in.columns.isEmpty() && cp.strategy == Plan.Strategy.MULTI_PHASE;
        cp.alternative = b.alternative();
        // duration and downtime from the steps
        double secs = 0;
        double blocking = 0;
        String worst = null;
        for (int i = stepsBefore; i < plan.steps.size(); i++) {
            Plan.Step st = plan.steps.get(i);
            secs += st.seconds;
            if (st.blocking && st.seconds > blocking) {
                blocking = st.seconds;
                worst = st.title;
            }
        }
        for (Plan.Backfill bf : plan.backfills) {
            if (bf.change == cp.index) {
                secs += bf.seconds;
            }
        }
        cp.seconds = secs;
        cp.pointOfNoReturn = plan.steps.subList(stepsBefore, plan.steps.size()).stream()
                .anyMatch(st -> st.phase == 4 && st.title.contains("POINT OF NO RETURN"));
        if (cp.strategy == Plan.Strategy.MANUAL) {
            Effect e = c0.getEffect();
            cp.downtime = e != null && e.isBlocking() && ctx != null && !ctx.isTableCreatedInMigration();
            cp.downtimeWhy = cp.downtime ? "the statement as written takes " + e.getLock().getName() + " on "
                    + cp.table + " and SchemaGate could not plan a way around it" : "not known: review by hand";
        } else if (blocking >= th.maxBlockingSeconds) {
            cp.downtime = true;
            cp.downtimeWhy = "\"" + worst + "\" blocks the table for " + Durations.text(blocking) + " (above "
                    + "max_blocking_seconds " + PlanThresholds.num(th.maxBlockingSeconds) + " s)";
        } else if (cp.rows == null && plan.steps.subList(stepsBefore, plan.steps.size()).stream()
                .anyMatch(st -> st.blocking && st.estimate.startsWith("unknown"))) {
            cp.downtime = true;
            cp.downtimeWhy = "a step blocks the table for a time that depends on its unknown size (pass --stats)";
        } else {
            cp.downtime = false;
            cp.downtimeWhy = "every blocking lock is held for milliseconds (catalog-only changes); scans, index builds and"
                    + " backfills run under locks that let reads and writes continue";
        }
        // maintenance window
        List<String> why = new ArrayList<>();
        if (th.maintenanceWindowForRenames && !rebuild && (in.renamedFrom != null || in.changes.stream()
                .anyMatch(c -> c instanceof RenameColumn || c instanceof RenameTable))) {
            why.add("rename (maintenance_window_for_renames)");
        }
        if (th.maintenanceWindowForTableSplits && in.tableSplit) {
            why.add("table split (maintenance_window_for_table_splits)");
        }
        // the plan replaces a rebuild as written by the 12 steps done right: the findings on the statements do not apply
        Risk effective = cp.strategy == Plan.Strategy.MULTI_PHASE || rebuild && cp.strategy != Plan.Strategy.MANUAL
                ? cp.dataLossRisk : Risk.max(cp.dataLossRisk, cp.findingRisk);
        if (effective.atLeast(th.maintenanceWindowRisk)) {
            why.add("risk " + effective + (cp.strategy == Plan.Strategy.MULTI_PHASE ? " (data loss)" : " (as written)")
                    + " at or above maintenance_window_risk " + th.maintenanceWindowRisk);
        }
        if (cp.downtime) {
            why.add("the plan itself blocks the table");
        }
        cp.maintenanceWindow = !why.isEmpty();
        cp.maintenanceWhy = why.isEmpty() ? "not needed" : String.join("; ", why)
                + (cp.strategy == Plan.Strategy.MULTI_PHASE && !cp.downtime
                ? ": schedule the point-of-no-return phase in it; the earlier phases run online" : "");
        plan.changes.add(cp);
        plan.risk = Risk.max(plan.risk, effective);
        plan.totalSeconds += cp.seconds;
        if (cp.maintenanceWindow) {
            plan.maintenanceWindow = true;
            plan.maintenanceReasons.add("change " + cp.index + ": " + String.join("; ", why));
        }
        if (cp.strategy == Plan.Strategy.MANUAL) {
            plan.problems.add("change " + cp.index + " (" + cp.file + ":" + cp.line + ") is not planned: " + in.reason);
        }
    }

    /** Seconds the intent's statements as written would block their table. */
    private static double blockingSeconds(Intent in, Long rows, PlanThresholds th) {
        double s = 0;
        for (Change c : in.changes) {
            Effect e = c.getEffect();
            if (e == null || !e.isBlocking() || rows == null) {
                continue;
            }
            if (e.isRewrite()) {
                s += rows / th.rewriteRowsPerSecond;
            } else if (e.isScan() || c instanceof CreateIndex) {
                s += c instanceof CreateIndex ? rows / th.indexRowsPerSecond : rows / th.scanRowsPerSecond;
            } else if (c instanceof DataChange) {
                s += rows / th.backfillRowsPerSecond;
            }
        }
        return s;
    }

    private static void analyse(Plan.ChangePlan cp, Intent in, ChangeType type, Risk findingLoss) {
        String t = in.tableName();
        switch (in.kind) {
            case NEW_COLUMNS: {
                List<String> names = new ArrayList<>();
                in.columns.forEach(c -> names.add(c.name));
                boolean derived = in.columns.stream().anyMatch(c -> !c.sources.isEmpty());
                if (in.renamedFrom != null) {
                    cp.title = "rename " + t + "." + in.renamedFrom + " to " + names.get(0);
                    cp.changeType = ChangeType.TRANSFORMATIVE;
                    cp.dataLossRisk = Risk.LOW;
                    cp.dataLossWhy = "values are copied unchanged and kept equal in both columns by a trigger; the old "
                            + "column is dropped only in the contract phase, after 01_backup.sh saved it";
                } else if (!in.dropped.isEmpty()) {
                    cp.title = "replace " + t + "." + String.join(", ", in.dropped) + " with " + String.join(", ", names);
                    cp.changeType = ChangeType.TRANSFORMATIVE;
                    cp.dataLossRisk = Risk.MEDIUM;
                    cp.dataLossWhy = "the new values are computed by an expression that need not reproduce every old value "
                            + "(edge cases such as single words, extra spaces, NULL or empty strings); "
                            + String.join(", ", in.dropped) + " is kept and synchronised until the contract phase, and "
                            + "backed up by 01_backup.sh before it is dropped";
                } else {
                    boolean required = in.columns.stream().anyMatch(c -> c.notNull);
                    cp.title = "add " + (required ? "required " : "") + "column" + (names.size() > 1 ? "s " : " ") + t + "."
                            + String.join(", ", names) + (derived ? " computed from existing columns" : "");
                    cp.changeType = ChangeType.ADDITIVE;
                    cp.dataLossRisk = Risk.NONE;
                    cp.dataLossWhy = "only adds columns; existing values are read, never changed or removed";
                }
                break;
            }
            case SET_NOT_NULL:
                cp.title = "make " + t + "." + in.column + " NOT NULL";
                cp.changeType = ChangeType.TRANSFORMATIVE;
                cp.dataLossRisk = Risk.NONE;
                cp.dataLossWhy = "no value changes; the constraint fails (and nothing is changed) if a NULL remains";
                break;
            case ADD_INDEX:
                cp.title = in.first().describe();
                cp.changeType = ChangeType.ADDITIVE;
                cp.dataLossRisk = Risk.NONE;
                cp.dataLossWhy = "an index holds no data of its own";
                break;
            case ADD_CONSTRAINT:
                cp.title = in.first().describe();
                cp.changeType = ChangeType.TRANSFORMATIVE;
                cp.dataLossRisk = Risk.NONE;
                cp.dataLossWhy = "no value changes; writes that break the constraint are rejected from then on";
                break;
            case BATCHED_DATA:
                cp.title = (in.delete ? "delete rows of " : "update rows of ") + t + " in batches";
                cp.changeType = in.delete ? ChangeType.DESTRUCTIVE : ChangeType.TRANSFORMATIVE;
                cp.dataLossRisk = in.delete ? Risk.HIGH : Risk.MEDIUM;
                cp.dataLossWhy = in.delete ? "deleted rows are gone; 01_backup.sh copies the table first"
                        : "overwritten values are gone unless restored from the backup 01_backup.sh takes";
                break;
            case DROP_COLUMN:
                cp.title = "drop column " + t + "." + in.column;
                cp.changeType = ChangeType.DESTRUCTIVE;
                cp.dataLossRisk = Risk.HIGH;
                cp.dataLossWhy = "the column's values are deleted; only the backup 01_backup.sh takes can bring them back";
                break;
            case REBUILD_TABLE:
                cp.title = "rebuild table " + t + " with a new definition" + (in.set.isEmpty() ? "" : " (converting "
                        + String.join(", ", in.set.keySet()) + ")");
                cp.changeType = ChangeType.TRANSFORMATIVE;
                cp.dataLossRisk = in.set.isEmpty() ? Risk.LOW : Risk.MEDIUM;
                cp.dataLossWhy = in.set.isEmpty() ? "rows are copied unchanged into the new definition; a row the new"
                        + " constraints reject stops the copy" : "values of " + String.join(", ", in.set.keySet())
                        + " pass through the migration's conversion expressions, which need not keep every value (text"
                        + " that is not a number, rounding); 01_backup.sh saves the table first";
                break;
            case CHANGE_TYPE: {
                AlterColumnType a = (AlterColumnType) in.first();
                ColumnDef oc = in.before == null ? null : in.before.column(in.column);
                String from = oc == null || oc.getType() == null ? "?" : oc.getType().getWritten() != null
                        ? oc.getType().getWritten() : oc.getType().display();
                from = from.toLowerCase(Locale.ROOT).matches("(big|small)?serial[248]?") ? (from.toLowerCase(Locale.ROOT)
                        .startsWith("big") || from.endsWith("8") ? "bigint" : from.toLowerCase(Locale.ROOT)
                        .startsWith("small") || from.endsWith("2") ? "smallint" : "integer") + " (" + from + ")" : from;
                boolean widening = a.getTypeChange() == TypeChange.WIDENING || a.getTypeChange() == TypeChange.BINARY_COERCIBLE;
                cp.title = "change type of " + t + "." + in.column + " from " + from + " to " + in.newType;
                cp.changeType = widening ? ChangeType.TRANSFORMATIVE : ChangeType.worst(ChangeType.TRANSFORMATIVE, type);
                cp.dataLossRisk = widening && a.getUsing() == null ? Risk.NONE : Risk.MEDIUM;
                cp.dataLossWhy = cp.dataLossRisk == Risk.NONE ? "every " + from + " value fits " + in.newType + " unchanged;"
                        + " the old column stays until the swap in the contract phase" : "values pass through "
                        + (a.getUsing() != null ? "the USING expression " + SqlText.oneLine(a.getUsing()) : "a cast to "
                        + in.newType) + ", which can fail or change a value (text that is not a number, rounding,"
                        + " cut strings); a check counts rows whose converted value differs before the swap, and the old"
                        + " column is copied before it is dropped";
                break;
            }
            case IDENTITY_COLUMN:
                cp.title = "add " + (in.identity != null ? "identity" : "serial") + " column " + t + "." + in.column;
                cp.changeType = ChangeType.ADDITIVE;
                cp.dataLossRisk = Risk.NONE;
                cp.dataLossWhy = "only adds a column; existing values are read, never changed or removed";
                break;
            case RENAME_TABLE:
                cp.title = "rename table " + t + " to " + in.newTable.getName();
                cp.changeType = ChangeType.TRANSFORMATIVE;
                cp.dataLossRisk = Risk.NONE;
                cp.dataLossWhy = "only the name changes; no row is read or written";
                break;
            case DROP_TABLE:
                cp.title = "drop table " + t;
                cp.changeType = ChangeType.DESTRUCTIVE;
                cp.dataLossRisk = Risk.HIGH;
                cp.dataLossWhy = "every row is deleted; only the backup 01_backup.sh takes can bring them back";
                break;
            case MANUAL:
                cp.title = in.first().describe();
                cp.changeType = type;
                boolean unread = in.changes.stream().anyMatch(c -> c instanceof Unparsed || c instanceof ProceduralBlock);
                cp.dataLossRisk = unread ? Risk.CRITICAL : Risk.max(findingLoss, Risk.HIGH);
                cp.dataLossWhy = unread ? "SchemaGate could not read what the statement does: rated CRITICAL until a "
                        + "person has reviewed it" : "SchemaGate does not generate a safe plan for this change; rated at "
                        + "least HIGH until a person has planned it";
                break;
            default:
                cp.title = in.changes.size() == 1 ? in.first().describe() : in.first().describe() + " (and "
                        + (in.changes.size() - 1) + " more)";
                cp.changeType = type;
                cp.dataLossRisk = type == ChangeType.DESTRUCTIVE ? Risk.max(findingLoss, Risk.HIGH) : findingLoss;
                cp.dataLossWhy = cp.dataLossRisk == Risk.NONE ? "nothing existing is changed or removed"
                        : "from the check findings on these statements";
                break;
        }
        boolean own = in.kind == Intent.Kind.NEW_COLUMNS || in.kind == Intent.Kind.REBUILD_TABLE
                || in.kind == Intent.Kind.CHANGE_TYPE || in.kind == Intent.Kind.RENAME_TABLE
                || in.kind == Intent.Kind.IDENTITY_COLUMN;
        if (!own) {
            cp.changeType = ChangeType.worst(cp.changeType, type);
        }
        cp.dataLossRisk = Risk.max(cp.dataLossRisk, own ? Risk.NONE : findingLoss);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Read path, deployment sequence, rollback window, mitigations, checklist and assumptions for the whole plan. */
    private static void finish(Plan plan, List<Intent> intents, PlanThresholds th) {
        plan.thresholds.putAll(th.keys());
        plan.lockTimeout = th.lockTimeout;
        plan.statementTimeout = th.statementTimeout;
        plan.batchSleepMs = th.batchSleepMs;
        plan.backfillRowsPerSecond = th.backfillRowsPerSecond;
        Map<String, List<String>> touched = new LinkedHashMap<>();
        Map<String, TableDef> befores = new LinkedHashMap<>();
        List<String> skip = new ArrayList<>();
        for (Intent in : intents) {
            if (in.before == null || in.table == null) {
                continue;
            }
            String t = in.table.toString();
            if (in.kind == Intent.Kind.DROP_TABLE || in.kind == Intent.Kind.DROP_COLUMN || in.kind == Intent.Kind.BATCHED_DATA
                    || in.kind == Intent.Kind.REBUILD_TABLE || !in.dropped.isEmpty()) {
                if (!plan.backups.contains(t)) {
                    plan.backups.add(t);
                }
            }
            befores.putIfAbsent(t, in.before);
            List<String> tc = touched.computeIfAbsent(t, k -> new ArrayList<>());
            tc.addAll(in.dropped);
            in.columns.forEach(c -> tc.add(c.name));
            tc.addAll(in.set.keySet());
            if (in.column != null && (in.kind == Intent.Kind.DROP_COLUMN || in.kind == Intent.Kind.CHANGE_TYPE
                    || in.kind == Intent.Kind.IDENTITY_COLUMN)) {
                tc.add(in.column);
            }
            if (in.kind == Intent.Kind.DROP_TABLE || in.kind == Intent.Kind.MANUAL || in.delete
                    || in.kind == Intent.Kind.RENAME_TABLE) {
                skip.add(t);
            }
        }
        for (Map.Entry<String, TableDef> e : befores.entrySet()) {
            if (skip.contains(e.getKey())) {
                continue;
            }
            List<String> cols = new ArrayList<>();
            dev.schemagate.model.catalog.ConstraintDef pk = e.getValue().primaryKey();
            cols.add(pk != null && pk.getColumns().size() == 1 ? pk.getColumns().get(0) : "");
            for (String c : e.getValue().columnNames()) {
                if (touched.get(e.getKey()).stream().noneMatch(c::equalsIgnoreCase)) {
                    cols.add(c);
                }
            }
            if (cols.size() > 1) {
                plan.canary.put(e.getKey(), cols);
            }
        }
        boolean contract = plan.pointOfNoReturn;
        boolean sync = plan.steps.stream().anyMatch(s -> s.phase == 1 && s.title.startsWith("keep"));
        boolean newCols = intents.stream().anyMatch(i -> i.kind == Intent.Kind.NEW_COLUMNS && plan.changes.stream()
                .anyMatch(c -> c.strategy == Plan.Strategy.MULTI_PHASE));
        boolean breaking = intents.stream().anyMatch(Intent::breaking);
        List<String> flags = new ArrayList<>();
        for (Intent in : intents) {
            if (in.kind == Intent.Kind.NEW_COLUMNS && (in.renamedFrom != null || !in.dropped.isEmpty())) {
                flags.add("read_" + in.tableName() + "_" + in.columns.get(0).name);
            }
        }
        String flag = flags.isEmpty() ? null : "`" + String.join("`, `", flags) + "`";
        plan.readPath.put(0, List.of("app v1 (today) reads and writes the current schema."));
        if (plan.hasPhase(1)) {
            List<String> p1 = new ArrayList<>();
            p1.add("app v1 keeps working: phase 1 only adds" + (sync ? "; a trigger fills the new columns from what v1"
                    + " writes" : "") + ".");
            if (breaking) {
                p1.add("deploy app v2: writes both the old and the new columns (dual-write), still reads the old ones"
                        + (flag != null ? "; feature flag " + flag + " (off) guards reads of the new columns" : "") + ".");
            } else if (newCols) {
                p1.add("deploy app v2: writes the new columns itself on insert and update (the trigger covers what v1"
                        + " still writes); reads them only where not NULL.");
            }
            plan.readPath.put(1, p1);
        }
        if (plan.hasPhase(2)) {
            plan.readPath.put(2, new ArrayList<>(List.of("after the backfill and its validation every row has the new values: "
                    + (flag != null ? "turn " + flag + " on for a share of traffic, then all (dual-read: new column"
                    + " first, old as fallback)" : "app v2 may read the new columns") + ".")));
        }
        if (plan.hasPhase(3) || (newCols || breaking) && plan.hasPhase(2)) {
            plan.readPath.computeIfAbsent(plan.hasPhase(3) ? 3 : 2, k -> new ArrayList<>()).add((plan.hasPhase(3)
                    ? "constraints now guarantee the new columns; " : "") + "deploy app v3: reads and writes only the new"
                    + " schema" + (contract ? "; the old columns are still kept in sync for rollback" : "") + ".");
        }
        if (contract) {
            plan.readPath.put(4, List.of("after the contract phase only app v3 (or later) works: v1 and v2 read what"
                    + " was removed."));
        } else if (plan.hasPhase(4)) {
            plan.readPath.put(4, List.of("the database no longer computes the new columns: app v2 and later write them;"
                    + " app v1 would get the column default."));
        }
        boolean renamesOnly = breaking && intents.stream().allMatch(i -> !i.breaking() || i.kind == Intent.Kind.RENAME_TABLE)
                && !newCols;
        for (Intent in : intents) {
            if (in.kind == Intent.Kind.RENAME_TABLE && plan.steps.stream().anyMatch(st -> st.phase == 1
                    && st.title.startsWith("rename " + in.tableName() + " to "))) {
                tableRenameReadPath(plan, in, renamesOnly);
            }
            if (in.kind == Intent.Kind.CHANGE_TYPE && plan.steps.stream().anyMatch(st -> st.phase == 4
                    && st.title.startsWith("swap " + in.tableName() + "." + in.column))) {
                typeChangeReadPath(plan, in, intents.stream().noneMatch(i -> i.kind == Intent.Kind.NEW_COLUMNS
                        || i.breaking()));
            }
        }
        // deployment sequence
        int step = 1;
        plan.deployment.add(step++ + ". Run 01_backup.sh and the canary snapshot (" + (plan.dialect.equals("postgres") ? "canary.sql, stage before"
                : plan.script("canary.sql", "stage", "before")) + ").");
        for (int p : plan.phases()) {
            String what = p == 2 ? "Run phase 2: " + plan.backfillScript() + " (batched, resumable), then " + plan.phaseScript("04_validate.sql", 2) + "."
                    : "Run phase " + p + " (" + Plan.PHASE_NAMES[p].toLowerCase(Locale.ROOT) + "): " + plan.phaseScript("02_forward.sql", p)
                    + ", then " + plan.phaseScript("04_validate.sql", p) + ".";
            if (p == 4 && contract) {
                plan.deployment.add(step++ + ". Wait the rollback window (" + th.rollbackWindowDays + " days)" + (newCols
                        || breaking || intents.stream().noneMatch(i -> i.kind == Intent.Kind.CHANGE_TYPE) ? " with app v3"
                        + " only; confirm nothing reads the old columns (pg_stat_statements, logs)." : "; confirm every"
                        + " application instance handles values of the changed column types (drivers, JSON, caches)."));
                plan.deployment.add(step++ + ". Run 01_backup.sh again (the last copy of what phase 4 removes).");
            } else if (p == 4) {
                plan.deployment.add(step++ + ". Make sure every instance runs app v2 or later (" + (renamesOnly
                        ? "nothing may use the old table name once its view is gone: check pg_stat_statements)."
                        : "they write the new columns themselves)."));
            }
            plan.deployment.add(step++ + ". " + what);
            if (p == 1 && (newCols || breaking)) {
                plan.deployment.add(step++ + ". Deploy app v2 (" + (renamesOnly ? "uses the new table name" : breaking
                        ? "dual-write" : "writes the new columns")
                        + (flag != null ? ", flag " + flag + " off" : "") + ").");
            }
            if (p == 2 && flag != null) {
                plan.deployment.add(step++ + ". Turn " + flag + " on gradually (dual-read); watch error rates.");
            }
            if ((p == 3 || p == 2 && !plan.hasPhase(3)) && (newCols || breaking)) {
                plan.deployment.add(step++ + ". Deploy app v3 (new schema only).");
            }
        }
        plan.deployment.add(step + ". Run " + (plan.dialect.equals("postgres") ? "canary.sql (stage after)"
                : plan.script("canary.sql", "stage", "after")) + ": row counts and checksums of the untouched columns"
                + " must match.");
        plan.rollbackWindow = contract ? th.rollbackWindowDays + " days between phase 3 and phase 4 (rollback_window_days):"
                + " until phase 4 runs, every phase can be undone with 05_rollback.sql; phase 4 is the point of no return"
                : "no point of no return: nothing is removed, every phase can be undone with 05_rollback.sql at any time";
        // mitigations
        if (plan.hasPhase(1) || plan.hasPhase(3)) {
            plan.mitigations.add("A DDL statement waits behind long transactions and queues every query behind it -> "
                    + "each script sets lock_timeout " + th.lockTimeout + " and can simply be re-run after a timeout.");
        }
        if (!plan.backfills.isEmpty()) {
            plan.mitigations.add("Backfill overloads the primary or replicas -> batches of " + plan.backfills.get(0).batchSize
                    + " rows, a pause of " + th.batchSleepMs + " ms between batches, statement_timeout "
                    + th.statementTimeout + " per batch; stop it at any time and resume from the checkpoint.");
            plan.mitigations.add("A backfill run twice or interrupted -> it only touches rows not yet done and records "
                    + "the last key in " + (plan.dialect.equals("postgres") ? "schemagate.backfill_checkpoint"
                    : "schemagate_backfill_checkpoint") + ".");
        }
        if (plan.steps.stream().anyMatch(s -> s.sql.contains("CONCURRENTLY"))) {
            plan.mitigations.add("A concurrent index build fails and leaves an INVALID index -> 04_validate.sql checks "
                    + "indisvalid; the phase rollback drops it and the step can be re-run.");
        }
        if (plan.steps.stream().anyMatch(s -> s.sql.contains("NOT VALID"))) {
            plan.mitigations.add("Existing rows violate a new constraint -> it is added NOT VALID (no scan, new writes "
                    + "checked at once) and validated separately; 02_forward.sql counts violations first and stops if there are any.");
        }
        if (contract) {
            plan.mitigations.add("Dropping data still in use -> phase 4 runs only after the rollback window with app v3"
                    + " everywhere, and after 01_backup.sh copied the removed columns and tables.");
        }
        if (sync) {
            plan.mitigations.add("Old and new app versions writing at the same time -> a trigger keeps old and new "
                    + "columns in sync until the contract phase; feature flags switch reads without a deploy.");
        }
        for (Plan.ChangePlan cp : plan.changes) {
            if (cp.dataLossRisk == Risk.MEDIUM && cp.title.startsWith("replace")) {
                plan.mitigations.add("Change " + cp.index + ": values the expression cannot split correctly -> "
                        + plan.phaseScript("04_validate.sql", 2) + " counts rows whose new values do not rebuild the old one; review "
                        + "them before app v3 and before phase 4.");
            }
        }
        if (plan.changes.stream().anyMatch(cp -> cp.rows == null)) {
            plan.mitigations.add("Unknown table sizes -> estimates marked unknown; pass --stats (rows, bytes, writes per"
                    + " second) for real durations.");
        }
        // checklist
        plan.checklist.add("Backup taken (01_backup.sh) and restore tested");
        plan.checklist.add("Plan rehearsed on a staging copy, including 05_rollback.sql for every phase");
        plan.checklist.add("Canary snapshot taken (" + plan.script("canary.sql", "stage", "before") + ")");
        for (int p : plan.phases()) {
            plan.checklist.add("Phase " + p + " (" + Plan.PHASE_NAMES[p] + ") run and " + plan.phaseScript("04_validate.sql", p)
                    + " passed" + (p == 4 && contract ? " (POINT OF NO RETURN)" : ""));
            if (p == 1 && (newCols || breaking)) {
                plan.checklist.add(renamesOnly ? "App v2 deployed (uses the new table name)" : breaking
                        ? "App v2 deployed (dual-write)" : "App v2 deployed (writes the new columns)");
            }
            if ((p == 3 || p == 2 && !plan.hasPhase(3)) && (newCols || breaking)) {
                plan.checklist.add("App v3 deployed; error rates watched for 48 hours");
            }
        }
        if (contract) {
            plan.checklist.add("Rollback window of " + th.rollbackWindowDays + " days passed before phase 4");
        }
        plan.checklist.add("Canary compared (" + plan.script("canary.sql", "stage", "after") + ")");
        // assumptions
        plan.assumptions.add("backfill: " + PlanThresholds.num(th.backfillRowsPerSecond) + " rows/s plus "
                + th.batchSleepMs + " ms pause per batch (backfill_rows_per_second, batch_sleep_ms)");
        plan.assumptions.add("scan (VALIDATE, counts): " + PlanThresholds.num(th.scanRowsPerSecond) + " rows/s (scan_rows_per_second)");
        plan.assumptions.add("index build: " + PlanThresholds.num(th.indexRowsPerSecond) + " rows/s" + (plan.dialect.equals("postgres")
                ? "; CONCURRENTLY takes two passes plus a scan" : "") + " (index_rows_per_second)");
        plan.assumptions.add("table rewrite: " + PlanThresholds.num(th.rewriteRowsPerSecond) + " rows/s (rewrite_rows_per_second)");
    }

    /**
     * What the application sees during a shadow-column type change: the same column name throughout, the old type
     * until the swap, the new one after it; nothing reads the shadow column.
     */
    private static void typeChangeReadPath(Plan plan, Intent in, boolean only) {
        if (only) {
            plan.readPath.keySet().removeIf(p -> p > 0);
        }
        String c = in.tableName() + "." + in.column;
        String sh = in.tableName() + "." + in.shadow;
        plan.readPath.computeIfAbsent(1, k -> new ArrayList<>()).add("change " + c + ": no application change is needed:"
                + " every app version reads and writes " + c + " with its old type; the trigger copies each written value,"
                + " converted, into " + sh + ", which no application reads or writes.");
        plan.readPath.computeIfAbsent(2, k -> new ArrayList<>()).add("change " + c + ": the backfill converts the"
                + " existing rows into " + sh + "; the application still uses " + c + " only.");
        plan.readPath.computeIfAbsent(3, k -> new ArrayList<>()).add("change " + c + ": NOT NULL and indexes are built"
                + " on " + sh + "; before the swap, make sure every app version can handle " + in.newType + " values in "
                + c + " (e.g. 64-bit integers in the driver and in JSON).");
        plan.readPath.put(4, new ArrayList<>(List.of("change " + c + ": after the swap " + c + " has type " + in.newType
                + " under the same name; statements keep working (a statement prepared before the swap is re-planned"
                + " by the server), " + sh + " no longer exists.")));
    }

    /** Which application version uses which name while a table is renamed behind a view under its old name. */
    private static void tableRenameReadPath(Plan plan, Intent in, boolean only) {
        if (only) {
            plan.readPath.keySet().removeIf(p -> p > 0);
        }
        String o = in.tableName();
        String n = in.newTable.getName();
        plan.readPath.computeIfAbsent(1, k -> new ArrayList<>()).add("table " + o + " is now " + n + "; app v1 keeps"
                + " reading and writing " + o + ", now a simple view over " + n + " (automatically updatable: SELECT,"
                + " INSERT, UPDATE, DELETE, RETURNING, ON CONFLICT and FOR UPDATE work; TRUNCATE, COPY ... FROM, ALTER TABLE and"
                + " LOCK TABLE on the old name do not). Deploy app v2: reads and writes " + n + ".");
        plan.readPath.computeIfAbsent(4, k -> new ArrayList<>()).add("view " + o + " is gone: only app v2 (or later),"
                + " which uses " + n + ", works.");
    }

    /** Groups planned changes into intents. */
    private static final class Intents {
        private final List<Change> planned;
        private final Map<Change, TableDef> beforeOf;
        private final Map<Change, List<dev.schemagate.model.catalog.IndexDef>> indexesOf;
        private final List<Intent> out = new ArrayList<>();
        private final Map<String, Intent> newColumns = new LinkedHashMap<>();

        Intents(List<Change> planned, Map<Change, TableDef> beforeOf,
                Map<Change, List<dev.schemagate.model.catalog.IndexDef>> indexesOf) {
            this.planned = planned;
            this.beforeOf = beforeOf;
            this.indexesOf = indexesOf;
        }

        private static boolean existing(Change c) {
            ChangeContext x = c.getCtx();
            return x != null && x.isTableKnown() && !x.isTableCreatedInMigration();
        }

        private Intent single(Intent.Kind k, Change c) {
            Intent in = new Intent(k, c.getTable());
            in.changes.add(c);
            in.before = beforeOf.get(c);
            in.beforeIndexes.addAll(indexesOf.getOrDefault(c, List.of()));
            out.add(in);
            return in;
        }

        private Intent asWritten(Change c, String reason, boolean metadataOnly) {
            Intent in = single(Intent.Kind.AS_WRITTEN, c);
            in.reason = reason;
            in.metadataOnly = metadataOnly;
            return in;
        }

        private static String key(Change c) {
            return c.getTable() == null ? "" : c.getTable().toString().toLowerCase(Locale.ROOT);
        }

        /** Table keys of a split: the new table filled by INSERT ... SELECT from a table that loses columns. */
        private java.util.Set<String> tableSplits() {
            java.util.Set<String> created = new java.util.HashSet<>();
            java.util.Set<String> out = new java.util.HashSet<>();
            List<DataChange> copies = new ArrayList<>();
            for (Change c : planned) {
                if (c instanceof CreateTable) {
                    created.add(key(c));
                } else if (c instanceof DataChange && ((DataChange) c).isFromQuery() && created.contains(key(c))) {
                    copies.add((DataChange) c);
                }
            }
            for (Change c : planned) {
                if (c instanceof DropColumn && existing(c)) {
                    java.util.regex.Pattern from = java.util.regex.Pattern.compile("(?i)\\bfrom\\s+(\\w+\\.)?\"?"
                            + java.util.regex.Pattern.quote(c.getTableName()) + "\"?(\\s|$|;|\\))");
                    for (DataChange d : copies) {
                        if (from.matcher(d.getStatement().getText()).find()) {
                            out.add(key(c));
                            out.add(key(d));
                        }
                    }
                }
            }
            return out;
        }

        /**
         * Table rebuilds the dialect recognised during replay (the RenameTable that completes one carries the
         * {@code sqlite.rebuild} fact): the create, copy, drop, rename and the indexes created on it afterwards become
         * one REBUILD_TABLE intent. Returns the changes it took.
         */
        private java.util.Set<Change> rebuilds() {
            java.util.Set<Change> taken = new java.util.HashSet<>();
            for (int i = 0; i < planned.size(); i++) {
                if (!(planned.get(i) instanceof RenameTable) || planned.get(i).option("sqlite.rebuild") == null) {
                    continue;
                }
                RenameTable rt = (RenameTable) planned.get(i);
                String tmp = rt.getTable().getName();
                String target = rt.getNewName().getName();
                CreateTable create = null;
                DataChange copy = null;
                DropTable drop = null;
                for (int j = 0; j < i; j++) {
                    Change c = planned.get(j);
                    if (c instanceof CreateTable && c.getTableName().equalsIgnoreCase(tmp)) {
                        create = (CreateTable) c;
                    } else if (c instanceof DataChange && c.getTableName().equalsIgnoreCase(tmp)
                            && c.option("sqlite.select_columns") != null && c.option("sqlite.insert_columns") != null) {
                        copy = (DataChange) c;
                    } else if (c instanceof DropTable && c.getTableName().equalsIgnoreCase(target)) {
                        drop = (DropTable) c;
                    }
                }
                if (create == null || copy == null || drop == null || !existing(drop)) {
                    continue;
                }
                String[] into = copy.option("sqlite.insert_columns").split(",");
                String[] from = copy.option("sqlite.select_columns").split("\u0001");
                if (into.length != from.length) {
                    continue;
                }
                Intent in = new Intent(Intent.Kind.REBUILD_TABLE, drop.getTable());
                in.before = beforeOf.get(drop);
                in.beforeIndexes.addAll(indexesOf.getOrDefault(drop, List.of()));
                in.rebuildAs = tmp;
                in.rebuildCreate = create.getStatement().getText().trim();
                for (int k = 0; k < into.length; k++) {
                    String col = into[k].trim();
                    String expr = from[k].trim();
                    in.copy.put(col, expr);
                    if (!expr.equalsIgnoreCase(col) && !expr.equalsIgnoreCase("\"" + col + "\"")) {
                        in.set.put(col, expr);
                    }
                }
                in.changes.add(create);
                in.changes.add(copy);
                in.changes.add(drop);
                in.changes.add(rt);
                for (int j = i + 1; j < planned.size(); j++) {
                    Change c = planned.get(j);
                    if (c instanceof CreateIndex && c.getTableName().equalsIgnoreCase(target)) {
                        in.changes.add(c);
                        in.rebuildAfter.add(c.getStatement().getText().trim());
                    }
                }
                taken.addAll(in.changes);
                out.add(in);
            }
            return taken;
        }

        List<Intent> build() {
            java.util.Set<String> splits = tableSplits();
            java.util.Set<Change> rebuilt = rebuilds();
            for (Change c : planned) {
                if (rebuilt.contains(c)) {
                    continue;
                }
                if (c instanceof TransactionControl || c instanceof SetSetting
                        || c instanceof OtherDdl && "META".equals(((OtherDdl) c).getAction())) {
                    continue;
                }
                if (c instanceof Unparsed || c instanceof ProceduralBlock) {
                    Intent in = single(Intent.Kind.MANUAL, c);
                    in.reason = c instanceof Unparsed ? "SchemaGate could not read this statement ("
                            + ((Unparsed) c).describe() + ")" : ((ProceduralBlock) c).getReason() != null
                            && codeLanguage(c) ? ((ProceduralBlock) c).getLanguage() + " code the plan cannot turn into SQL: "
                            + ((ProceduralBlock) c).getReason() : "procedural code: what it does is not modelled";
                    continue;
                }
                if (!existing(c)) {
                    asWritten(c, c.getCtx() != null && c.getCtx().isTableCreatedInMigration()
                            ? "the table is created in this migration: empty and unused, nothing to protect"
                            : c instanceof CreateTable ? "a new table: nothing reads it yet"
                            : "no existing table is involved", false);
                    continue;
                }
                Effect e = c.getEffect();
                boolean cheap = e == null || !e.isRewrite() && !e.isScan();
                String lock = e == null ? "none" : e.getLock().getName();
                if (c instanceof AddColumn) {
                    ColumnSpec s = ((AddColumn) c).getColumn();
                    if (s.isPrimaryKey() || s.isUnique() || s.isForeignKey() || s.getCheck() != null || s.isSerial()
                            || s.isIdentity() || s.isGeneratedColumn() || s.isVolatileDefault()) {
                        if (cheap) {
                            asWritten(c, "the column is added without a table rewrite or scan", true);
                        } else if ((s.isSerial() || s.isIdentity()) && c.getDialect() == dev.schemagate.model.Dialect.POSTGRES
                                && !s.isForeignKey() && s.getCheck() == null && !s.isGeneratedColumn()
                                && !(s.isPrimaryKey() && beforeOf.get(c) != null && beforeOf.get(c).primaryKey() != null)) {
                            Intent in = single(Intent.Kind.IDENTITY_COLUMN, c);
                            in.column = s.getName();
                            String w = s.getType() != null && s.getType().getWritten() != null ? s.getType().getWritten()
                                    : s.getTypeName();
                            String lw = w.toLowerCase(Locale.ROOT);
                            in.newType = lw.startsWith("bigserial") || lw.equals("serial8") ? "bigint"
                                    : lw.startsWith("smallserial") || lw.equals("serial2") ? "smallint"
                                    : lw.startsWith("serial") ? "integer" : w;
                            java.util.regex.Matcher im = java.util.regex.Pattern.compile(
                                    "(?i)GENERATED\\s+(ALWAYS|BY\\s+DEFAULT)\\s+AS\\s+IDENTITY").matcher(c.getStatement().getText());
                            in.identity = !s.isIdentity() ? null : im.find() ? im.group(1).toUpperCase(Locale.ROOT)
                                    .replaceAll("\\s+", " ") : "BY DEFAULT";
                        } else {
                            Intent in = single(Intent.Kind.MANUAL, c);
                            in.reason = "adding this column " + (e.isRewrite() ? "rewrites" : "scans") + " the table under "
                                    + lock + " (" + (s.isSerial() || s.isIdentity() ? "identity/serial" : s.isVolatileDefault()
                                    ? "volatile default" : s.isGeneratedColumn() ? "generated column" : "inline constraint")
                                    + "); add it plain, fill it in batches and add the constraint NOT VALID by hand";
                        }
                        continue;
                    }
                    Intent in = newColumns.computeIfAbsent(key(c), k -> {
                        Intent x = single(Intent.Kind.NEW_COLUMNS, c);
                        return x;
                    });
                    if (!in.changes.contains(c)) {
                        in.changes.add(c);
                    }
                    Intent.NewColumn nc = new Intent.NewColumn();
                    nc.name = s.getName();
                    nc.type = s.getType() != null && s.getType().getWritten() != null ? s.getType().getWritten() : s.getTypeName();
                    nc.defaultExpr = s.getDefaultExpr();
                    nc.notNull = s.isNotNull();
                    in.columns.add(nc);
                    continue;
                }
                Intent nci = newColumns.get(key(c));
                if (c instanceof SetNotNull) {
                    Intent.NewColumn nc = column(nci, ((SetNotNull) c).getColumnName());
                    if (nc != null) {
                        nc.notNull = true;
                        nci.changes.add(c);
                    } else if (((SetNotNull) c).isProvenByCheck() || ((SetNotNull) c).isAlreadyNotNull()) {
                        asWritten(c, "a validated CHECK already proves the column has no NULLs: no scan", true);
                    } else {
                        single(Intent.Kind.SET_NOT_NULL, c).column = ((SetNotNull) c).getColumnName();
                    }
                    continue;
                }
                if (c instanceof SetDefault) {
                    Intent.NewColumn nc = column(nci, ((SetDefault) c).getColumnName());
                    if (nc != null && ((SetDefault) c).getVolatility() != Volatility.VOLATILE) {
                        nc.defaultExpr = ((SetDefault) c).getDefaultExpr();
                        nci.changes.add(c);
                    } else {
                        asWritten(c, "a new default only changes the catalog", true);
                    }
                    continue;
                }
                if (c instanceof DataChange) {
                    dataChange((DataChange) c, nci);
                    continue;
                }
                if (c instanceof DropColumn) {
                    String col = ((DropColumn) c).getColumnName();
                    if (nci != null && nci.columns.stream().anyMatch(n -> n.sources.stream().anyMatch(col::equalsIgnoreCase))) {
                        nci.dropped.add(col);
                        nci.changes.add(c);
                    } else {
                        single(Intent.Kind.DROP_COLUMN, c).column = col;
                    }
                    continue;
                }
                if (c instanceof RenameColumn) {
                    rename((RenameColumn) c);
                    continue;
                }
                if (c instanceof CreateIndex) {
                    CreateIndex ci = (CreateIndex) c;
                    if (ci.isConcurrently() && !c.isInTransaction()) {
                        asWritten(c, "already built CONCURRENTLY outside a transaction: reads and writes continue", false);
                    } else if (ci.getIndex().getName() == null) {
                        Intent in = single(Intent.Kind.MANUAL, c);
                        in.reason = "an index without a name cannot be checked or rolled back by name; name it";
                    } else {
                        single(Intent.Kind.ADD_INDEX, c);
                    }
                    continue;
                }
                if (c instanceof AddConstraint) {
                    ConstraintSpec cs = ((AddConstraint) c).getConstraint();
                    if (cs.isNotValid() || cs.isUsingIndex() || cs.isNotEnforced()) {
                        asWritten(c, "added without checking existing rows: the lock is held for milliseconds", true);
                    } else if (cs.getName() == null || cs.isExclude()) {
                        Intent in = single(Intent.Kind.MANUAL, c);
                        in.reason = cs.isExclude() ? "an EXCLUDE constraint cannot be added NOT VALID or from an index"
                                : "an unnamed constraint cannot be validated or rolled back by name; name it";
                    } else {
                        single(Intent.Kind.ADD_CONSTRAINT, c);
                    }
                    continue;
                }
                if (c instanceof DropTable) {
                    single(Intent.Kind.DROP_TABLE, c);
                    continue;
                }
                if (c instanceof AlterColumnType && "false".equals(c.option("nullable")) && sameType((AlterColumnType) c)) {
                    // MySQL MODIFY/CHANGE with the full column definition, where only NOT NULL is new
                    AlterColumnType a = (AlterColumnType) c;
                    Intent.NewColumn nc = column(nci, a.getColumnName());
                    if (nc != null) {
                        nc.notNull = true;
                        nci.changes.add(c);
                    } else {
                        single(Intent.Kind.SET_NOT_NULL, c).column = a.getColumnName();
                    }
                    continue;
                }
                if (c instanceof ValidateConstraint || c instanceof CreateTable || c instanceof CreateType
                        || c instanceof DropNotNull || c instanceof DropDefault || c instanceof RenameConstraint
                        || c instanceof Maintenance && cheap) {
                    asWritten(c, c instanceof ValidateConstraint ? "VALIDATE CONSTRAINT scans under SHARE UPDATE EXCLUSIVE:"
                            + " reads and writes continue" : "only the catalog changes", c instanceof ValidateConstraint
                            ? false : cheap);
                    continue;
                }
                if (cheap && !(c instanceof RenameTable) && !(c instanceof DropIndex) && !(c instanceof TruncateTable)) {
                    asWritten(c, "no rewrite and no scan on PostgreSQL " + (c.getCtx() == null ? "" : c.getCtx().getVersion())
                            + ": " + lock + " is held for milliseconds", true);
                    continue;
                }
                if (c instanceof AlterColumnType && (c.getDialect() == dev.schemagate.model.Dialect.MYSQL
                        || c.getDialect() == dev.schemagate.model.Dialect.MARIADB) && beforeOf.get(c) != null
                        && beforeOf.get(c).column(((AlterColumnType) c).getColumnName()) != null
                        && c.getStatement().getText().toUpperCase(Locale.ROOT).split("\\b(MODIFY|CHANGE)\\b").length == 2) {
                    // one MODIFY/CHANGE that copies the table: the MySQL generator plans the copy (or gh-ost/pt-osc)
                    single(Intent.Kind.TYPE_BY_COPY, c).column = ((AlterColumnType) c).getColumnName();
                    continue;
                }
                if (c instanceof AlterColumnType && typeChange((AlterColumnType) c)) {
                    continue;
                }
                if (c instanceof RenameTable && c.getDialect() == dev.schemagate.model.Dialect.POSTGRES
                        && c.option("sqlite.rebuild") == null) {
                    single(Intent.Kind.RENAME_TABLE, c).newTable = ((RenameTable) c).getNewName();
                    continue;
                }
                Intent in = single(Intent.Kind.MANUAL, c);
                in.reason = c instanceof RenameTable ? "renaming a table breaks every running query on it; SchemaGate does "
                        + "not generate the view-based transition yet" : c instanceof AlterColumnType
                        ? "this type change rewrites the table under " + lock + "; the shadow-column transition is not"
                        + " generated yet" : c.describe() + " (" + lock + (e != null && e.isRewrite() ? ", rewrite" : "")
                        + (e != null && e.isScan() ? ", scan" : "") + ") has no generated phased form";
            }
            finishNewColumns();
            for (Intent in : out) {
                in.tableSplit = in.changes.stream().anyMatch(c -> splits.contains(key(c))
                        && (c instanceof DropColumn || c instanceof CreateTable || c instanceof DataChange));
            }
            return out;
        }

        /**
         * A type change that rewrites the table becomes a CHANGE_TYPE intent (shadow column, trigger, backfill, swap);
         * one SchemaGate cannot move to a shadow column becomes MANUAL with the reason. Returns false for MySQL and
         * SQLite statements (their generators have their own forms).
         */
        private boolean typeChange(AlterColumnType a) {
            if (a.getDialect() != null && a.getDialect() != dev.schemagate.model.Dialect.POSTGRES) {
                return false;
            }
            TableDef before = beforeOf.get(a);
            ColumnDef old = before == null ? null : before.column(a.getColumnName());
            String reason = old == null || old.getType() == null ? "the column's definition is unknown (no earlier "
                    + "migration or --schema creates it), so no shadow column can be planned"
                    : a.getNewType() == null ? "the new type is not readable"
                    : old.isIdentity() || old.isGenerated() ? "the column is an identity or generated column: its "
                    + "identity or expression cannot move to a shadow column; change it by hand (or drop the identity,"
                    + " change the type, add it back)" : null;
            if (reason != null) {
                single(Intent.Kind.MANUAL, a).reason = "this type change rewrites the table; " + reason;
                return true;
            }
            Intent in = single(Intent.Kind.CHANGE_TYPE, a);
            in.column = old.getName();
            in.newType = a.getNewType().getWritten() != null ? a.getNewType().getWritten() : a.getNewType().display();
            in.convert = a.getUsing() != null ? a.getUsing().trim() : "CAST(" + old.getName() + " AS " + in.newType + ")";
            String shadow = old.getName() + "_sg_new";
            in.shadow = shadow.length() > 63 ? shadow.substring(0, 63) : shadow;
            Intent.NewColumn nc = new Intent.NewColumn();
            nc.name = in.shadow;
            nc.type = in.newType;
            nc.notNull = !old.isNullable() || a.isNotNull();
            nc.expr = in.convert;
            nc.sources.add(old.getName());
            in.columns.add(nc);
            return true;
        }

        /** A MODIFY/CHANGE that keeps the column's type: the type of the column before, or of the column added. */
        private boolean sameType(AlterColumnType a) {
            if (a.getNewType() == null) {
                return false;
            }
            String t = a.getNewType().getWritten() != null ? a.getNewType().getWritten() : a.getNewType().display();
            Intent nci = newColumns.get(key(a));
            Intent.NewColumn nc = column(nci, a.getColumnName());
            if (nc != null) {
                return nc.type != null && nc.type.replace(" ", "").equalsIgnoreCase(t.replace(" ", ""));
            }
            ColumnDef before = a.getBefore() != null ? a.getBefore() : beforeOf.get(a) == null ? null
                    : beforeOf.get(a).column(a.getColumnName());
            return before != null && before.getType() != null && before.getType().sameAs(a.getNewType())
                    && before.isNullable();
        }

        private static Intent.NewColumn column(Intent in, String name) {
            if (in == null || in.renamedFrom != null) {
                return null;
            }
            for (Intent.NewColumn nc : in.columns) {
                if (nc.name.equalsIgnoreCase(name)) {
                    return nc;
                }
            }
            return null;
        }

        private void dataChange(DataChange c, Intent nci) {
            String op = c.getOperation() == null ? "" : c.getOperation().toUpperCase(Locale.ROOT);
            if (op.equals("INSERT")) {
                asWritten(c, "adds rows: no existing row is locked or changed", false);
                return;
            }
            SqlText.DataStatement ds = SqlText.data(c.getStatement().getText());
            TableDef before = beforeOf.get(c);
            if (ds == null || before == null) {
                Intent in = single(Intent.Kind.MANUAL, c);
                in.reason = "only single-table UPDATE ... SET ... [WHERE ...] and DELETE FROM ... [WHERE ...] are batched;"
                        + " this statement has another shape (joins, RETURNING, CTEs)";
                return;
            }
            List<String> cols = before.columnNames();
            if (!ds.delete() && nci != null && ds.set().keySet().stream().allMatch(k -> column(nci, k) != null)) {
                for (Map.Entry<String, String> e : ds.set().entrySet()) {
                    Intent.NewColumn nc = column(nci, e.getKey());
                    String value = e.getValue();
                    if (ds.where() != null) {
                        String otherwise = nc.expr != null ? nc.expr : nc.defaultExpr != null ? nc.defaultExpr : "NULL";
                        value = "CASE WHEN " + ds.where() + " THEN " + value + " ELSE " + otherwise + " END";
                    }
                    nc.expr = value;
                    nc.sources.clear();
                    nc.sources.addAll(SqlText.columnsUsed(value, cols));
                }
                nci.changes.add(c);
                return;
            }
            Intent in = single(Intent.Kind.BATCHED_DATA, c);
            in.set.putAll(ds.set());
            in.where = ds.where();
            in.delete = ds.delete();
        }

        private void rename(RenameColumn c) {
            TableDef before = beforeOf.get(c);
            ColumnDef old = before == null ? null : before.column(c.getColumnName());
            if (old == null || old.isGenerated() || old.isIdentity()) {
                Intent in = single(Intent.Kind.MANUAL, c);
                in.reason = old == null ? "the column's definition is unknown (no earlier migration or --schema creates it)"
                        : "renaming an identity or generated column through a copy is not generated";
                return;
            }
            Intent in = single(Intent.Kind.NEW_COLUMNS, c);
            Intent.NewColumn nc = new Intent.NewColumn();
            nc.name = c.getNewName();
            nc.type = old.getType().getWritten() != null ? old.getType().getWritten() : old.getType().display();
            nc.defaultExpr = old.getDefaultExpr();
            nc.notNull = !old.isNullable();
            nc.expr = old.getName();
            nc.sources.add(old.getName());
            in.columns.add(nc);
            in.renamedFrom = old.getName();
            in.dropped.add(old.getName());
        }

        /** New columns with nothing to fill and nothing to enforce are metadata-only adds. */
        private void finishNewColumns() {
            for (Intent in : new ArrayList<>(out)) {
                if (in.kind != Intent.Kind.NEW_COLUMNS || in.renamedFrom != null) {
                    continue;
                }
                for (Intent.NewColumn nc : in.columns) {
                    if (nc.notNull && nc.expr == null && nc.defaultExpr == null) {
                        Intent m = new Intent(Intent.Kind.MANUAL, in.table);
                        m.changes.addAll(in.changes);
                        m.before = in.before;
                        m.reason = "required column " + nc.name + " has no default and no UPDATE fills it: on a table"
                                + " with rows ADD COLUMN ... NOT NULL fails; give it a default or a backfill UPDATE";
                        out.set(out.indexOf(in), m);
                        break;
                    }
                }
                if (!out.contains(in)) {
                    continue;
                }
                boolean simple = in.dropped.isEmpty() && in.changes.stream().allMatch(c -> c instanceof AddColumn);
                boolean cheap = in.changes.stream().allMatch(c -> c.getEffect() == null
                        || !c.getEffect().isRewrite() && !c.getEffect().isScan());
                if (simple && cheap) {
                    Intent w = new Intent(Intent.Kind.AS_WRITTEN, in.table);
                    w.changes.addAll(in.changes);
                    w.before = in.before;
                    w.beforeIndexes.addAll(in.beforeIndexes);
                    boolean required = in.columns.stream().anyMatch(c -> c.notNull);
                    Change c0 = in.first();
                    w.metadataOnly = true;
                    w.reason = (required ? "NOT NULL with a constant default" : "a nullable column"
                            + (in.columns.stream().anyMatch(c -> c.defaultExpr != null) ? " with a constant default" : ""))
                            + ": on " + c0.getDialect().id() + " " + (c0.getCtx() == null ? "" : c0.getCtx().getVersion())
                            + " ADD COLUMN only writes the catalog (no rewrite, no scan); existing rows read the default "
                            + "without being touched, and " + c0.getEffect().getLock().getName() + " is held for milliseconds";
                    out.set(out.indexOf(in), w);
                }
            }
        }
    }

    /** Start catalog, for callers that want to validate more SQL against the schema before the plan. */
    static QualifiedName name(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? QualifiedName.of(table) : new QualifiedName(table.substring(0, dot), table.substring(dot + 1));
    }
}
