package dev.schemagate.core;

import dev.schemagate.core.history.History;
import dev.schemagate.core.history.Pairing;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.FlywayPlaceholders;
import dev.schemagate.core.input.Sections;
import dev.schemagate.core.input.liquibase.LiquibaseSources;
import dev.schemagate.core.input.SourceFile;
import dev.schemagate.core.input.SourceReader;
import dev.schemagate.core.replay.Replayer;
import dev.schemagate.core.report.FileSummary;
import dev.schemagate.core.report.Report;
import dev.schemagate.model.ChangeType;
import dev.schemagate.model.DeepStack;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Risk;
import dev.schemagate.model.Statement;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.review.ReviewedTable;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ProceduralBlock;
import dev.schemagate.model.change.Reversibility;
import dev.schemagate.model.change.Unparsed;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.RuleInfo;
import dev.schemagate.model.finding.SuppressionIssue;
import dev.schemagate.model.spi.RulePack;
import dev.schemagate.model.spi.SqlDialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Predicate;

/**
 * The check pipeline: find and read files, split them into statements, map statements to changes (in
 * parallel), replay each dialect's migrations in order into its catalog, fire the rule packs, apply risk
 * overrides and suppressions, and assemble a {@link Report}. Dialects and rule packs are found with
 * {@link ServiceLoader}, so the core knows none of them.
 */
public final class Engine {
    public static final String VERSION = BuildInfo.version();

    private final Map<Dialect, SqlDialect> dialects = new EnumMap<>(Dialect.class);
    private final List<RulePack> packs = new ArrayList<>();

    public Engine() {
        this(loaded());
    }

    private Engine(Loaded l) {
        this(l.dialects, l.packs);
    }

    public Engine(List<SqlDialect> dialectList, List<RulePack> packList) {
        for (SqlDialect d : dialectList) {
            for (Dialect x : d.dialects()) {
                dialects.put(x, d);
            }
        }
        packs.addAll(packList);
        packs.sort(Comparator.comparing(RulePack::id));
    }

    private static final Object PRELOAD_LOCK = new Object();
    private static FutureTask<Loaded> preload;
    private static ClassLoader preloadLoader;

    private record Loaded(List<SqlDialect> dialects, List<RulePack> packs) {
    }

    /**
     * Starts finding the dialects and rule packs and building their rules (the Drools knowledge bases, the
     * biggest start-up cost) on a background thread, so that work overlaps command-line parsing and file reading.
     * The next {@code new Engine()} on the same context class loader takes the result; a failure there is
     * simply repeated on the caller's thread. Does nothing when a preload is already waiting.
     */
    public static void preload() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        FutureTask<Loaded> task = new FutureTask<>(() -> {
            List<RulePack> packs = load(RulePack.class);
            for (RulePack p : packs) {
                p.rules();
            }
            return new Loaded(load(SqlDialect.class), packs);
        });
        synchronized (PRELOAD_LOCK) {
            if (preload != null) {
                return;
            }
            preload = task;
            preloadLoader = cl;
        }
        Thread t = new Thread(task, "schemagate-preload");
        t.setDaemon(true);
        t.setContextClassLoader(cl);
        t.start();
    }

    private static Loaded loaded() {
        FutureTask<Loaded> task;
        synchronized (PRELOAD_LOCK) {
            task = preloadLoader == Thread.currentThread().getContextClassLoader() ? preload : null;
            preload = null;
            preloadLoader = null;
        }
        if (task != null) {
            try {
                return task.get();
            } catch (ExecutionException e) {
                // load again below: the same problem then surfaces on the caller's thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Loaded(load(SqlDialect.class), load(RulePack.class));
    }

    private static <T> List<T> load(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (T t : ServiceLoader.load(type)) {
            out.add(t);
        }
        return out;
    }

    /** Which discovered files are judged; the others are replayed for context only ({@code --changed-since}). */
    private Predicate<Path> judge = f -> true;

    /**
     * Judges only the discovered files {@code p} accepts: the others are replayed for context in their usual
     * order, as a prior schema ({@code --changed-since}). Returns this engine.
     */
    public Engine judgeOnly(Predicate<Path> p) {
        this.judge = p;
        return this;
    }

    /** Adds a rule pack (a policy pack compiled at run time). */
    public void addPack(RulePack p) {
        packs.add(p);
        packs.sort(Comparator.comparing(RulePack::id));
    }

    public List<RulePack> packs() {
        return packs;
    }

    public SqlDialect dialect(Dialect d) {
        return dialects.get(d);
    }

    /** Every rule of every pack, sorted by id. */
    public List<RuleInfo> rules() {
        Map<String, RuleInfo> all = new TreeMap<>();
        for (RulePack p : packs) {
            for (RuleInfo r : p.rules()) {
                all.putIfAbsent(r.getId(), r);
            }
        }
        return new ArrayList<>(all.values());
    }

    public RuleInfo rule(String id) {
        for (RuleInfo r : rules()) {
            if (r.getId().equals(id)) {
                return r;
            }
        }
        return null;
    }

    /** One migration to check, given as text (used by rule cases and tests). */
    public static final class Source {
        final Migration migration;
        final String text;
        final String error;
        final String warning;
        final String skip;
        final boolean judged;
        /** Statements read by a reader other than the dialect's splitter (Liquibase changelogs), or null. */
        List<Statement> statements;
        /** Changes already known for some of {@link #statements} (by index), e.g. a Liquibase customChange. */
        Map<Integer, List<Change>> preset = Map.of();
        /** Facts about the migration judged with its changes but never replayed (a changeSet without rollback). */
        final List<Change> facts = new ArrayList<>();
        /** Where in the file {@link #error} is (1-based), or 0 when it concerns the whole file. */
        int errorLine;
        int errorColumn;

        public Source(Migration migration, String text) {
            this(migration, text, null, null, null, true);
        }

        Source(Migration migration, String text, String error, String warning, String skip, boolean judged) {
            this.migration = migration;
            this.text = text;
            this.error = error;
            this.warning = warning;
            this.skip = skip;
            this.judged = judged;
        }

        /**
         * A migration whose statements a tool reader built (positions point into the tool's file); {@code preset}
         * gives the changes of statements that are not SQL, by index.
         */
        public static Source prebuilt(Migration m, List<Statement> statements, Map<Integer, List<Change>> preset) {
            Source s = new Source(m, "", null, null, null, true);
            s.statements = List.copyOf(statements);
            s.preset = Map.copyOf(preset);
            return s;
        }

        /** A migration that is not checked, with the reason (shown in the report's file list). */
        public static Source skipped(Migration m, String reason) {
            return new Source(m, null, null, null, reason, true);
        }

        /** A migration that could not be read, with the reason. */
        public static Source failed(Migration m, String error) {
            return new Source(m, null, error, null, null, true);
        }

        /** Adds facts judged with this migration's changes (see {@link Reversibility}). */
        public void addFacts(List<? extends Change> more) {
            facts.addAll(more);
        }

        /** A migration replayed for context only (a prior schema): its changes are never judged. */
        public static Source context(Migration m, String text) {
            return new Source(m, text, null, null, null, false);
        }

        /** The same migration, replayed for context only (never judged). */
        public Source asContext() {
            Source s = new Source(migration, text, error, warning, skip, false);
            s.statements = statements;
            s.preset = preset;
            s.errorLine = errorLine;
            s.errorColumn = errorColumn;
            return s;
        }

        public Migration migration() {
            return migration;
        }

        /** The text to split with the dialect's reader; empty when {@link #statements()} were built by a tool reader. */
        public String text() {
            return text;
        }

        /** Statements a tool reader built (Liquibase changelogs, code migrations), or null: split {@link #text()}. */
        public List<Statement> statements() {
            return statements;
        }

        /** Changes already known for some of {@link #statements()} (by index). */
        public Map<Integer, List<Change>> preset() {
            return preset;
        }

        /** Why the migration could not be read, or null. */
        public String error() {
            return error;
        }

        /** Why the migration is not checked, or null. */
        public String skip() {
            return skip;
        }
    }

    /** Checks files and folders (relative to {@code cwd}). */
    public Report check(List<String> inputs, Path cwd, Settings s) {
        return check(inputs, cwd, s, List.of(), null);
    }

    /** Checks files and folders after replaying {@code context} (e.g. a live database's schema), never judged. */
    public Report check(List<String> inputs, Path cwd, Settings s, List<Source> context) {
        return check(inputs, cwd, s, context, null);
    }

    /**
     * Checks files and folders after replaying {@code context} (never judged), and fills {@code history} (when not
     * null) with what replay saw.
     */
    public Report check(List<String> inputs, Path cwd, Settings s, List<Source> context, History history) {
        // discovery reads code migrations too (a Django layout parses every file for its dependencies)
        return DeepStack.call("schemagate-check", () -> check(Discovery.discover(inputs, cwd, s.getTool(),
                s.getDialect()), inputs, cwd, s, context, history));
    }

    /** Checks what discovery found. */
    public Report check(Discovery.Result found, List<String> inputs, Path cwd, Settings s, History history) {
        return check(found, inputs, cwd, s, List.of(), history);
    }

    /** Checks what discovery found, after replaying {@code context} (never judged). */
    public Report check(Discovery.Result found, List<String> inputs, Path cwd, Settings s, List<Source> context,
            History history) {
        return DeepStack.call("schemagate-check", () -> checkHere(found, inputs, cwd, s, context, history));
    }

    private Report checkHere(Discovery.Result found, List<String> inputs, Path cwd, Settings s, List<Source> context,
            History history) {
        List<InputError> errors = new ArrayList<>(found.errors);
        List<Source> sources = new ArrayList<>(context);
        Map<String, String> liquibaseProperties = LiquibaseSources.newProperties();
        Map<Path, FlywayPlaceholders.Config> flywayConfigs = new HashMap<>();
        for (String schema : s.getSchemaFiles()) {
            Discovery.Result sf = Discovery.discover(List.of(schema), cwd);
            errors.addAll(sf.errors);
            for (SourceFile f : sf.files) {
                sources.addAll(read(f, false, s, liquibaseProperties, flywayConfigs));
            }
        }
        for (SourceFile f : found.files) {
            sources.addAll(read(f, judge.test(f.getPath()), s, liquibaseProperties, flywayConfigs));
        }
        if (inputs.isEmpty()) {
            errors.add(new InputError(null, 0, 0, "no migration files given: pass files or folders to check"));
        } else if (found.files.isEmpty() && found.errors.isEmpty()) {
            errors.add(new InputError(String.join(" ", inputs), 0, 0, Discovery.looksFor(s.getTool()) != null
                    ? "no " + s.getTool() + " migrations found (--tool " + s.getTool() + " looks for "
                    + Discovery.looksFor(s.getTool()) + ")"
                    : "no migration files found (.sql files; for MongoDB JavaScript or TypeScript scripts without a"
                    + " migrate-mongo-config.js, add --dialect mongodb)"));
        }
        return run(sources, s, errors, history);
    }

    /**
     * Reads one discovered file the way check does: SQL text, the up or down section of a dbmate file, the changeSets
     * of a Liquibase changelog (with their rollbacks) or the operations of a code migration. {@code
     * liquibaseProperties} is shared by the changelogs of one run ({@link LiquibaseSources#newProperties()}),
     * {@code flywayConfigs} (may be null) keeps each folder's Flyway configuration for the other files of the run.
     */
    public List<Source> read(SourceFile f, boolean judged, Settings s, Map<String, String> liquibaseProperties,
            Map<Path, FlywayPlaceholders.Config> flywayConfigs) {
        return DeepStack.call("schemagate-read", () -> readHere(f, judged, s, liquibaseProperties, flywayConfigs));
    }

    /**
     * A Flyway migration's text as Flyway runs it: its placeholders replaced ({@link FlywayPlaceholders}), with the
     * dialect's default schema standing for {@code ${flyway:defaultSchema}}. Check and verify read it the same way.
     */
    public FlywayPlaceholders.Result flywayText(Path file, String text, Dialect d, Map<String, String> placeholders,
            Map<Path, FlywayPlaceholders.Config> flywayConfigs) {
        SqlDialect sd = dialects.get(d);
        return FlywayPlaceholders.apply(text, FlywayPlaceholders.forFile(file, placeholders, flywayConfigs),
                file.getFileName().toString(), sd == null ? null : sd.defaultSchema());
    }

    private List<Source> readHere(SourceFile f, boolean judged, Settings s, Map<String, String> liquibaseProperties,
            Map<Path, FlywayPlaceholders.Config> flywayConfigs) {
        Migration m = f.getMigration();
        if (f.getSkipReason() != null) {
            return List.of(new Source(m, null, null, null, f.getSkipReason(), judged));
        }
        SourceReader.Text t;
        try {
            t = SourceReader.read(f.getPath(), s.getMaxFileBytes());
        } catch (SourceReader.Unreadable e) {
            Source failed = new Source(m, null, e.getMessage(), null, null, judged);
            failed.errorLine = e.getLine();
            failed.errorColumn = e.getColumn();
            return List.of(failed);
        }
        switch (f.getPart()) {
            case DBMATE_UP:
            case DBMATE_DOWN:
                Sections.Part part = Sections.dbmate(t.text, f.getPart() == SourceFile.Part.DBMATE_UP);
                Migration pm = part.noTransaction ? new Migration(m.getPath(), m.getId(), m.getDialect(), m.getDirection(),
                        m.getTool(), Migration.TxMode.NONE) : m;
                return List.of(new Source(pm, part.text, null, t.warning, null, judged));
            case LIQUIBASE:
                Dialect d = s.getDialect() != null ? s.getDialect() : m.getDialect() != null ? m.getDialect() : Dialect.POSTGRES;
                return LiquibaseSources.read(f, t.text, d, judged, dialects.get(d), liquibaseProperties);
            case CODE:
                Dialect cd = s.getDialect() != null ? s.getDialect() : m.getDialect() != null ? m.getDialect() : Dialect.POSTGRES;
                return dev.schemagate.core.input.CodeSources.read(f, t.text, cd,
                        s.getDialect() != null || m.getDialect() != null, judged, dialects.get(cd));
            default:
                if ("flyway".equals(m.getTool())) {
                    Dialect fd = s.getDialect() != null ? s.getDialect() : m.getDialect() != null ? m.getDialect() : Dialect.POSTGRES;
                    FlywayPlaceholders.Result r = flywayText(f.getPath(), t.text, fd, s.getPlaceholders(), flywayConfigs);
                    String w = r.warning();
                    return List.of(new Source(m, r.text(), null, t.warning == null ? w : w == null ? t.warning
                            : t.warning + "; " + w, null, judged));
                }
                return List.of(new Source(m, t.text, null, t.warning, null, judged));
        }
    }

    /** Checks in-memory migrations, in the order given. */
    public Report run(List<Source> sources, Settings s, List<InputError> initialErrors) {
        return run(sources, s, initialErrors, null);
    }

    /** Checks in-memory migrations, in the order given, and fills {@code history} when it is not null. */
    public Report run(List<Source> sources, Settings s, List<InputError> initialErrors, History history) {
        return DeepStack.call("schemagate-check", () -> runHere(sources, s, initialErrors, history));
    }

    private Report runHere(List<Source> sources, Settings s, List<InputError> initialErrors, History history) {
        List<InputError> errors = new ArrayList<>(initialErrors);
        List<FileSummary> summaries = new ArrayList<>();
        Timing timing = new Timing();
        // 1. dialect per file, then split
        List<Parsed> parsed = new ArrayList<>();
        List<Parsed> downs = new ArrayList<>();
        List<Migration> downMigrations = new ArrayList<>();
        Map<Migration, Integer> downStatements = new java.util.IdentityHashMap<>();
        List<Up> ups = new ArrayList<>();
        Set<String> ownFile = new HashSet<>();
        for (Source src : sources) {
            Migration m = src.migration;
            if ("popx".equals(m.getTool()) && m.getDialect() != null) {
                ownFile.add(m.getId() + "\u0000" + m.getDirection() + "\u0000" + m.getDialect());
            }
        }
        for (Source src : sources) {
            Migration m = src.migration;
            Dialect d = s.getDialect() != null ? s.getDialect() : m.getDialect() != null ? m.getDialect() : Dialect.POSTGRES;
            String skip = src.skip;
            if (skip == null && "popx".equals(m.getTool()) && m.getDialect() == null
                    && ownFile.contains(m.getId() + "\u0000" + m.getDirection() + "\u0000" + d)) {
                // popx runs a dialect's own file (x.sqlite3.up.sql) instead of the shared one (x.up.sql)
                skip = "replaced by the " + d.id() + " file of the same migration";
            }
            if (skip == null && s.getDialect() != null && m.getDialect() != null && m.getDialect() != s.getDialect()
                    && !(m.getDialect().isMysqlFamily() && s.getDialect().isMysqlFamily())) {
                skip = m.getDialect().id() + " migration (its name or folder says so); check it with --dialect "
                        + m.getDialect().id();
            }
            SqlDialect sd = dialects.get(d);
            if (skip == null && m.getDirection() == Migration.Direction.DOWN) {
                // a down migration is read for pairing and the audit, never replayed or judged
                downMigrations.add(m);
                boolean empty = src.statements != null ? src.statements.isEmpty()
                        : src.text == null || Sections.blank(src.text);
                downStatements.put(m, empty ? 0 : -1);
                if (src.judged) {
                    summaries.add(new FileSummary(m.getPath(), m.getId(), d.id(), m.getTool(), 0, 0, 0, 0,
                            src.error != null ? src.error : DOWN_SKIP, null));
                }
                if (src.error != null) {
                    errors.add(new InputError(m.getPath(), src.errorLine, src.errorColumn, src.error));
                } else if (sd != null && !empty) {
                    Migration md = m.withDialect(d);
                    List<Statement> stmts = src.statements != null ? src.statements
                            : sd.split(md, src.text, (line, col, msg) -> { });
                    downs.add(new Parsed(src, md, sd, stmts, null));
                    downStatements.put(m, stmts.size());
                }
                continue;
            }
            if (skip == null && sd == null) {
                skip = "no reader for dialect " + d.id() + " in this build";
                errors.add(new InputError(m.getPath(), 0, 0, skip));
                if (src.judged && src.error == null) {
                    ups.add(new Up(src, m.withDialect(d), src.text == null || Sections.blank(src.text), skip));
                }
            }
            if (src.error != null) {
                errors.add(new InputError(m.getPath(), src.errorLine, src.errorColumn, src.error));
                summaries.add(new FileSummary(m.getPath(), m.getId(), d.id(), m.getTool(), 0, 0, 0, 0, src.error, null));
                continue;
            }
            if (skip != null) {
                if (src.judged) {
                    summaries.add(new FileSummary(m.getPath(), m.getId(), s.getDialect() == null && m.getDialect() == null && sd != null
                            ? "unknown" : d.id(), m.getTool(), 0, 0, 0, 0, skip, null));
                }
                continue;
            }
            Migration md = m.withDialect(d);
            List<String> problems = new ArrayList<>();
            List<Statement> stmts = src.statements != null ? src.statements
                    : sd.split(md, src.text, (line, col, msg) -> problems.add(line + ":" + col + ": " + msg));
            Parsed pp = new Parsed(src, md, sd, stmts, src.warning);
            parsed.add(pp);
            if (src.judged) {
                Up u = new Up(src, md, stmts.isEmpty(), null);
                u.parsed = pp;
                ups.add(u);
            }
        }
        timing.lap("split");
        if (history != null) {
            history.step("read", 1, 4);
        }
        // 2. map statements in parallel
        List<Parsed> toMap = new ArrayList<>(parsed);
        toMap.addAll(downs);
        mapAll(toMap, s.getThreads());
        timing.lap("map");
        int replayed = 0;
        // 3. replay per dialect, in file order
        Map<Dialect, Replayer> replayers = new EnumMap<>(Dialect.class);
        Map<String, String> target = new LinkedHashMap<>();
        List<Change> judged = new ArrayList<>();
        // facts about migrations (not schema changes): judged by the packs for every dialect only
        List<Change> facts = new ArrayList<>();
        Suppressions suppressions = new Suppressions();
        for (Parsed p : parsed) {
            Dialect d = p.migration.getDialect();
            Replayer r = replayers.computeIfAbsent(d, x -> new Replayer(p.dialect, new Catalog(p.dialect.defaultSchema()),
                    version(s, x, errors), s));
            r.replay(p.migration, p.statements, p.changes);
            if (history != null && (++replayed % 16 == 0 || replayed == parsed.size())) {
                history.step("replay", replayed, parsed.size());
            }
            if (!p.source.judged) {
                continue;
            }
            if (history != null) {
                List<Change> all = new ArrayList<>();
                p.changes.forEach(all::addAll);
                p.entry = History.Entry.of(p.migration, all, r.catalog());
            }
            target.putIfAbsent(d.id(), s.version(d));
            suppressions.addFile(p.statements);
            facts.addAll(p.source.facts);
            int modelled = 0;
            int fallback = 0;
            int unparsed = 0;
            Map<ChangeType, Integer> types = new EnumMap<>(ChangeType.class);
            for (List<Change> cs : p.changes) {
                judged.addAll(cs);
                for (Change c : cs) {
                    if (!(c instanceof Unparsed)) {
                        types.merge(c.getChangeType(), 1, Integer::sum);
                    }
                }
                boolean bad = cs.stream().anyMatch(c -> c instanceof Unparsed);
                if (bad) {
                    unparsed++;
                } else {
                    modelled++;
                    if (cs.stream().anyMatch(c -> "fallback".equals(c.option("reader")))) {
                        fallback++;
                    }
                }
            }
            summaries.add(new FileSummary(p.migration.getPath(), p.migration.getId(), d.id(), p.migration.getTool(),
                    p.statements.size(), modelled, fallback, unparsed, null, p.warning, types));
        }
        pair(ups, downs, downMigrations, downStatements, facts, history);
        timing.lap("replay");
        // 4. rules
        Predicate<String> enabled = enabledPredicate(s);
        List<Finding> findings = new ArrayList<>();
        List<ReviewedTable> reviewed = DesignReview.tables(parsedChanges(parsed), judged, replayers, s.getReview());
        for (RulePack pack : packs) {
            List<Change> mine = new ArrayList<>();
            for (Change c : judged) {
                if (pack.appliesTo(c.getDialect() == null ? "any" : c.getDialect().id())) {
                    mine.add(c);
                }
            }
            if (pack.dialects().contains("any")) {
                mine.addAll(facts);
            }
            if (!mine.isEmpty() || !reviewed.isEmpty()) {
                findings.addAll(pack.evaluate(mine, reviewed, List.of(), enabled));
            }
        }
        findings.replaceAll(f -> override(f, s));
        timing.lap("rules");
        if (history != null) {
            history.step("rules", 3, 4);
        }
        // 5. suppressions, and findings about them
        List<RuleInfo> rules = rules();
        Set<String> known = new HashSet<>();
        Set<String> unsuppressible = new HashSet<>();
        for (RuleInfo r : rules) {
            known.add(r.getId());
            if (!r.isSuppressible()) {
                unsuppressible.add(r.getId());
            }
        }
        List<SuppressionIssue> issues = suppressions.apply(findings, known, unsuppressible);
        List<dev.schemagate.model.finding.Waiver> waivers = new ArrayList<>(s.getWaivers());
        suppressions.waivers().stream().filter(w -> known.contains(w.getRule())).forEach(waivers::add);
        if (!waivers.isEmpty()) {
            issues.addAll(Waivers.apply(findings, waivers, s.getToday(),
                    w -> w.isInline() ? suppressions.migrationOf(w.getSource()) : null));
        }
        if (!issues.isEmpty()) {
            for (RulePack pack : packs) {
                if (pack.appliesTo("any")) {
                    for (Finding f : pack.evaluate(List.of(), issues, enabled)) {
                        findings.add(override(f, s));
                    }
                }
            }
        }
        findings = collapse(findings, rules);
        timing.lap("suppressions");
        // 6. order: files as given (a down migration read early is listed after its up migration)
        Map<String, Integer> sourceOrder = new HashMap<>();
        for (Source src : sources) {
            sourceOrder.putIfAbsent(src.migration.getPath(), sourceOrder.size());
        }
        summaries.sort(Comparator.comparingInt(fs -> sourceOrder.getOrDefault(fs.getPath(), Integer.MAX_VALUE)));
        order(findings, summaries);
        if (target.isEmpty() && s.getDialect() != null) {
            target.put(s.getDialect().id(), s.version(s.getDialect()));
        }
        timing.lap("order");
        timing.print();
        return new Report(VERSION, target, summaries, findings, errors, rules, s.getFailOn());
    }

    /** Sorts findings the way reports show them: file order of the summaries, then line, column, rule, message. */
    public static void order(List<Finding> findings, List<FileSummary> summaries) {
        Map<String, Integer> fileOrder = new HashMap<>();
        for (FileSummary fs : summaries) {
            fileOrder.putIfAbsent(fs.getPath(), fileOrder.size());
        }
        findings.sort(Comparator.<Finding>comparingInt(f -> fileOrder.getOrDefault(f.getFile(), Integer.MAX_VALUE))
                .thenComparing(Finding::getFile).thenComparingInt(Finding::getLine).thenComparingInt(Finding::getColumn)
                .thenComparing(Finding::getRule).thenComparing(Finding::getMessage));
    }

    /**
     * For rules with file scope, keeps the first unsuppressed finding of each file and notes the others on it.
     */
    static List<Finding> collapse(List<Finding> findings, List<RuleInfo> rules) {
        Set<String> fileScoped = new HashSet<>();
        for (RuleInfo r : rules) {
            if ("file".equals(r.getScope())) {
                fileScoped.add(r.getId());
            }
        }
        if (fileScoped.isEmpty()) {
            return findings;
        }
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (fileScoped.contains(f.getRule()) && !f.isSuppressed()) {
                groups.computeIfAbsent(f.getRule() + "\u0000" + f.getFile(), k -> new ArrayList<>()).add(f);
            } else {
                out.add(f);
            }
        }
        for (List<Finding> g : groups.values()) {
            // a total order: rules fire in no fixed order, several changes of one statement share its position, and
            // statements generated for one call of a code migration share the call's position
            g.sort(Comparator.comparingInt(Finding::getLine).thenComparingInt(Finding::getColumn)
                    .thenComparing(Finding::getStatement, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Finding::getMessage));
            Finding first = g.get(0);
            int more = g.size() - 1;
            for (Finding f : g) {
                more += f.getRepeats();
            }
            if (more > 0) {
                StringBuilder lines = new StringBuilder();
                for (int i = 1; i < g.size() && i <= 10; i++) {
                    lines.append(i > 1 ? ", " : "").append(g.get(i).getLine());
                }
                if (more > 10) {
                    lines.append(", …");
                }
                first = first.toBuilder().repeats(0).message(first.getMessage() + " (also " + more
                        + " more in this file: line" + (more > 1 ? "s " : " ") + lines + ")").build();
            }
            out.add(first);
        }
        return out;
    }

    private static Version version(Settings s, Dialect d, List<InputError> errors) {
        try {
            return Version.parse(s.version(d));
        } catch (IllegalArgumentException e) {
            errors.add(new InputError(null, 0, 0, "bad " + d.id() + " version: " + e.getMessage()));
            return Version.parse(d.defaultVersion());
        }
    }

    private static Finding override(Finding f, Settings s) {
        Risk r = s.getRiskOverrides().get(f.getRule());
        if (r == null && f.isUncertain() && s.getUncertainRisk() != null) {
            r = s.getUncertainRisk();
        }
        return r == null || r == f.getRisk() ? f : f.toBuilder().risk(r).build();
    }

    /** Rules on by default or included, minus excluded; patterns may end in {@code *}. */
    public Predicate<String> enabledPredicate(Settings s) {
        Set<String> offByDefault = new HashSet<>();
        for (RuleInfo r : rules()) {
            if (!r.isEnabledByDefault()) {
                offByDefault.add(r.getId());
            }
        }
        return id -> {
            if (!s.getOnlyRules().isEmpty()) {
                return s.getOnlyRules().contains(id);
            }
            if (matchesAny(s.getExclude(), id)) {
                return false;
            }
            if (matchesAny(s.getInclude(), id)) {
                return true;
            }
            return !offByDefault.contains(id);
        };
    }

    static boolean matchesAny(Set<String> patterns, String id) {
        for (String p : patterns) {
            if (p.equals(id) || (p.endsWith("*") && id.startsWith(p.substring(0, p.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Phase times on standard error when SCHEMAGATE_TIMING is set (for the benchmark notes). */
    private static final class Timing {
        private final boolean on = System.getenv("SCHEMAGATE_TIMING") != null;
        private final StringBuilder sb = new StringBuilder("schemagate timing (ms):");
        private long last = System.nanoTime();

        void lap(String phase) {
            if (on) {
                long now = System.nanoTime();
                sb.append(' ').append(phase).append('=').append((now - last) / 1_000_000);
                last = now;
            }
        }

        void print() {
            if (on) {
                System.err.println(sb);
            }
        }
    }

    /** Every replayed change of every file, in replay order (schema files and unchecked files too). */
    private static List<Change> parsedChanges(List<Parsed> parsed) {
        List<Change> out = new ArrayList<>();
        for (Parsed p : parsed) {
            if (p.changes != null) {
                p.changes.forEach(out::addAll);
            }
        }
        return out;
    }

    private static final class Parsed {
        final Source source;
        final Migration migration;
        final SqlDialect dialect;
        final List<Statement> statements;
        final String warning;
        List<List<Change>> changes;
        History.Entry entry;

        Parsed(Source source, Migration migration, SqlDialect dialect, List<Statement> statements, String warning) {
            this.source = source;
            this.migration = migration;
            this.dialect = dialect;
            this.statements = statements;
            this.warning = warning;
        }
    }

    private static void mapAll(List<Parsed> parsed, int threads) {
        int total = 0;
        for (Parsed p : parsed) {
            p.changes = new ArrayList<>(java.util.Collections.nCopies(p.statements.size(), (List<Change>) null));
            p.source.preset.forEach(p.changes::set);
            total += p.statements.size();
        }
        if (threads <= 1 || total < 64) {
            for (Parsed p : parsed) {
                mapRange(p, 0, p.statements.size());
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, DeepStack.threads("schemagate-map"));
        try {
            List<Future<?>> futures = new ArrayList<>();
            int chunk = 256;
            for (Parsed p : parsed) {
                for (int from = 0; from < p.statements.size(); from += chunk) {
                    int a = from;
                    int b = Math.min(p.statements.size(), from + chunk);
                    futures.add(pool.submit(() -> mapRange(p, a, b)));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading statements", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading statements failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Maps statements [a, b) of a file in one batch; a reader bug becomes an unparsed change, not a crash. */
    private static void mapRange(Parsed p, int a, int b) {
        if (!p.source.preset.isEmpty()) {
            for (int i = a; i < b; i++) {
                if (p.changes.get(i) == null) {
                    p.changes.set(i, mapOne(p.dialect, p.statements.get(i)));
                }
            }
            return;
        }
        // in batches of bounded text: a reader holds the parse trees of a whole batch at once, so a 50 MB file
        // mapped in one batch would hold them all
        int from = a;
        while (from < b) {
            int to = from;
            long chars = 0;
            while (to < b && (to == from || (to - from < MAP_BATCH && chars < MAP_BATCH_CHARS))) {
                chars += p.statements.get(to).length();
                to++;
            }
            mapBatch(p, from, to);
            from = to;
        }
    }

    /** At most this many statements, or statements of this many characters, go to a reader in one batch. */
    static final int MAP_BATCH = 256;
    static final long MAP_BATCH_CHARS = 256 * 1024;

    private static void mapBatch(Parsed p, int a, int b) {
        List<Statement> part = p.statements.subList(a, b);
        List<List<Change>> cs;
        try {
            cs = p.dialect.mapAll(part);
        } catch (RuntimeException | StackOverflowError e) {
            cs = null;
        }
        for (int i = a; i < b; i++) {
            List<Change> one = cs == null ? null : cs.get(i - a);
            p.changes.set(i, one == null || one.isEmpty() ? mapOne(p.dialect, p.statements.get(i)) : one);
        }
    }

    /** Maps a statement; a reader bug becomes an unparsed change rather than a crash. */
    private static List<Change> mapOne(SqlDialect d, Statement st) {
        try {
            List<Change> cs = d.map(st);
            if (cs == null || cs.isEmpty()) {
                return List.of(internal(st, "the reader returned no change", d));
            }
            return cs;
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(internal(st, "reader error: " + e, d));
        }
    }

    private static Change internal(Statement st, String msg, SqlDialect d) {
        Unparsed u = new Unparsed(st, null, msg, st.getLine(), st.getColumn());
        u.setDialect(d.dialects().get(0));
        return u;
    }

    static final String DOWN_SKIP = "down migration: check replays the up direction only";

    /** A judged up migration: read (with its parsed form) or not (no reader for its dialect). */
    private static final class Up {
        final Source source;
        final Migration migration;
        final boolean empty;
        final String unread;
        Parsed parsed;

        Up(Source source, Migration migration, boolean empty, String unread) {
            this.source = source;
            this.migration = migration;
            this.empty = empty;
            this.unread = unread;
        }
    }

    /**
     * Pairs each judged up migration with its down migration: a missing or empty down, where the tool expects one,
     * becomes a {@link Reversibility} fact on the up migration's first statement for the rules to judge. Fills the
     * history (when asked) in file order, with migrations no reader could read as well.
     */
    private static void pair(List<Up> ups, List<Parsed> downs, List<Migration> downMigrations,
                             Map<Migration, Integer> downStatements, List<Change> facts, History history) {
        Pairing pairing = new Pairing(downMigrations);
        Map<Migration, Parsed> downParsed = new java.util.IdentityHashMap<>();
        for (Parsed d : downs) {
            downParsed.put(d.source.migration, d);
        }
        for (Up u : ups) {
            Migration down = pairing.downOf(u.source.migration);
            int n = down == null ? 0 : downStatements.getOrDefault(down, 0);
            boolean expected = !u.empty && pairing.expectsDown(u.source.migration);
            History.Status status = down != null && n != 0 ? History.Status.PAIRED : !expected ? History.Status.NOT_EXPECTED
                    : down == null ? History.Status.MISSING : History.Status.EMPTY;
            if (history != null) {
                History.Entry e = u.parsed != null && u.parsed.entry != null ? u.parsed.entry
                        : History.Entry.unread(u.migration, u.unread);
                List<Change> dc = new ArrayList<>();
                Parsed dp = down == null ? null : downParsed.get(down);
                if (dp != null) {
                    dp.changes.forEach(dc::addAll);
                }
                e.setDown(down, status, n < 0 ? 1 : n, dc);
                history.add(e);
            }
            if (u.parsed == null || (status != History.Status.MISSING && status != History.Status.EMPTY)) {
                continue;
            }
            Statement first = u.parsed.statements.get(0);
            String downName = down == null ? null : down.getPath().substring(down.getPath().lastIndexOf('/') + 1);
            String advice = down == null
                    ? "no down migration: " + Pairing.howToWriteDown(u.migration)
                    : "the down migration " + downName + (down.getPath().equals(u.migration.getPath()) ? " section" : "")
                            + " is empty, so this migration cannot be rolled back; write the statements that undo it there";
            Reversibility r = new Reversibility(first, down == null ? Reversibility.Status.MISSING
                    : Reversibility.Status.EMPTY, u.migration.getTool(), down == null ? null : down.getPath(), advice);
            r.setDialect(u.migration.getDialect());
            facts.add(r);
        }
    }

    static boolean isUncertain(Change c) {
        return c instanceof Unparsed || c instanceof ProceduralBlock;
    }
}
