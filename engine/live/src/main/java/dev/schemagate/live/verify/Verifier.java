package dev.schemagate.live.verify;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.FlywayPlaceholders;
import dev.schemagate.core.input.SourceFile;
import dev.schemagate.core.input.Sections;
import dev.schemagate.core.input.SourceReader;
import dev.schemagate.core.report.FileSummary;
import dev.schemagate.core.report.Report;
import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.live.Introspector;
import dev.schemagate.live.LiveException;
import dev.schemagate.live.Snapshot;
import dev.schemagate.live.mongo.MongoTarget;
import dev.schemagate.live.scratch.MongoScratch;
import dev.schemagate.live.scratch.ScratchServer;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Risk;
import dev.schemagate.model.Statement;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.finding.FindingBuilder;
import dev.schemagate.model.finding.RuleInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code schemagate verify}: applies a migration history to a throwaway database and, for each migration under
 * test, runs up, down and up again, comparing catalog snapshots: after down the schema must equal the one before
 * up; after the second up it must equal the first. With {@code rows}, the tables a migration touches are first
 * filled with generated rows and each up statement is timed and (PostgreSQL) traced for locks and rewrites; the
 * static findings for those statements are then confirmed or overridden by what was measured.
 */
public final class Verifier {
    /** At most this many differences are reported one by one per migration step; the rest are counted. */
    static final int MAX_DIFFS = 25;

    /** What to verify and how. */
    public static final class Options {
        public Dialect dialect = Dialect.POSTGRES;
        /** Rows to seed into touched tables; null for no measurement. */
        public Integer rows;
        /** Migration id from which migrations are under test; null for all. */
        public String from;
    }

    private final Engine engine;
    private final ScratchServer server;
    private final Options options;
    private final List<Finding> findings = new ArrayList<>();
    private final List<InputError> errors = new ArrayList<>();
    private final Map<String, Runner.Measured> measured = new LinkedHashMap<>();
    private final Map<String, String> seedNotes = new TreeMap<>();
    private String stopped;
    private final List<String> notes = new ArrayList<>();
    private String timing;

    public Verifier(Engine engine, ScratchServer server, Options options) {
        this.engine = engine;
        this.server = server;
        this.mongo = null;
        this.options = options;
    }

    /** Verifies MongoDB migrations on a MongoDB server (a private mongod or the in-process substitute). */
    public Verifier(Engine engine, MongoScratch mongo, Options options) {
        this.engine = engine;
        this.server = null;
        this.mongo = mongo;
        this.options = options;
    }

    private final MongoScratch mongo;
    /** The MongoDB database of the current pass (statements are read through it, so it knows their operations). */
    private MongoTarget mongoTarget;
    private final Map<String, MongoTarget.NotRun> notRun = new TreeMap<>();
    /** Collections created before a round trip because migrations use them without creating them. */
    private final Set<String> implicit = new java.util.TreeSet<>();

    /** Verifies the migrations under {@code paths}; the report also carries the static findings. */
    public Report verify(List<String> paths, Path cwd, Settings settings) {
        return verify(paths, cwd, settings, List.of());
    }

    /** As {@link #verify(List, Path, Settings)}, with context (a live schema) for the static check. */
    public Report verify(List<String> paths, Path cwd, Settings settings, List<Engine.Source> context) {
        settings.setDialect(options.dialect);
        placeholders = settings.getPlaceholders();
        Report statik = engine.check(paths, cwd, settings, context);
        if (engine.dialect(options.dialect) == null) {
            // no static reader for this dialect in this build: verify still runs, with measured facts only
            notes.add("the static rules for " + options.dialect.id() + " are not in this build; this report has what "
                    + "verify measured only");
            statik = new Report(statik.getToolVersion(), statik.getTarget(), statik.getFiles(), statik.getFindings(),
                    statik.getErrors().stream().filter(e -> !e.getMessage().startsWith("no reader for dialect")).toList(),
                    statik.getRules(), statik.getFailOn());
        }
        Discovery.Result found = Discovery.discover(paths, cwd, settings.getTool(), options.dialect);
        List<SourceFile> files = new ArrayList<>();
        for (SourceFile f : found.files) {
            if (f.getPart() == SourceFile.Part.LIQUIBASE) {
                notes.add(f.getMigration().getPath() + ": Liquibase changelogs are checked statically, not applied by verify "
                        + "(run liquibase update-testing-rollback against a scratch database)");
                continue;
            }
            Dialect d = f.getMigration().getDialect();
            boolean other = d != null && d != options.dialect && !(d.isMysqlFamily() && options.dialect.isMysqlFamily());
            boolean down = f.getMigration().getDirection() == Migration.Direction.DOWN;
            if (!other && (f.getSkipReason() == null || down)) {
                files.add(f);
            }
        }
        List<MigrationPairs.Pair> pairs = MigrationPairs.pair(files);
        boolean projectHasDowns = pairs.stream().anyMatch(p -> p.down() != null);
        int fromIndex = 0;
        if (options.from != null) {
            fromIndex = -1;
            for (int i = 0; i < pairs.size(); i++) {
                if (pairs.get(i).up().getMigration().getId().equals(options.from)
                        || MigrationPairs.key(pairs.get(i).up().getMigration()).endsWith("\u0000" + options.from)) {
                    fromIndex = i;
                    break;
                }
            }
            if (fromIndex < 0) {
                errors.add(new InputError(null, 0, 0, "--from " + options.from + ": no up migration has this id"));
                fromIndex = pairs.size();
            }
        }
        if (!pairs.isEmpty()) {
            boolean userScratch = server instanceof dev.schemagate.live.scratch.UserScratch;
            if (mongo != null) {
                long t0 = System.nanoTime();
                try {
                    roundTrips(new MongoVerifyTarget(mongoPass()), pairs, fromIndex, projectHasDowns);
                    long t1 = System.nanoTime();
                    if (options.rows != null) {
                        measure(new MongoVerifyTarget(mongoPass()), pairs, fromIndex);
                    }
                    timing(pairs, fromIndex, t0, t1, System.nanoTime());
                    if (!implicit.isEmpty()) {
                        notes.add("created " + implicit.size() + " collection" + (implicit.size() == 1 ? "" : "s")
                                + " that migrations use but none creates (MongoDB creates them on the first write), "
                                + "before the round trips: " + String.join(", ", implicit));
                    }
                } catch (SQLException | com.mongodb.MongoException e) {
                    errors.add(new InputError(null, 0, 0, describe() + ": " + String.valueOf(e.getMessage()).lines()
                            .findFirst().orElse("")));
                }
                return assemble(statik);
            }
            if (userScratch && options.rows != null) {
                notes.add("with --scratch-url, --rows measures only: the round trips need a second empty database; "
                        + "run verify again without --rows for them");
            }
            try {
                long t0 = System.nanoTime();
                if (!(userScratch && options.rows != null)) {
                    try (Connection c = server.freshDatabase()) {
                        roundTrips(Target.sql(c, options.dialect), pairs, fromIndex, projectHasDowns);
                    }
                }
                long t1 = System.nanoTime();
                if (options.rows != null) {
                    // measured on a database of its own, so generated rows never decide a round trip
                    try (Connection c = server.freshDatabase()) {
                        measure(Target.sql(c, options.dialect), pairs, fromIndex);
                    }
                }
                timing(pairs, fromIndex, t0, t1, System.nanoTime());
            } catch (LiveException e) {
                errors.add(new InputError(null, 0, 0, e.getMessage()));
            } catch (SQLException e) {
                errors.add(new InputError(null, 0, 0, describe() + ": " + Seeder.firstLine(e)));
            }
        }
        return assemble(statik);
    }

    private void timing(List<MigrationPairs.Pair> pairs, int fromIndex, long t0, long t1, long t2) {
        int tested = Math.max(0, pairs.size() - fromIndex);
        long withDown = pairs.subList(Math.min(fromIndex, pairs.size()), pairs.size()).stream()
                .filter(p -> p.down() != null || (mongo != null && hasInlineDown(p.up()))).count();
        timing = tested + " migrations under test (" + withDown + " with a down migration): round trips "
                + (t1 - t0) / 1_000_000 + " ms" + (options.rows == null ? ""
                : ", seeding and measuring " + (t2 - t1) / 1_000_000 + " ms");
    }

    /** A fresh MongoDB database for one pass; statements read from now on belong to it. */
    private MongoTarget mongoPass() {
        collectNotRun();
        mongoTarget = new MongoTarget(mongo.freshDatabase(), mongo.admin(), mongo.isInProcess());
        return mongoTarget;
    }

    private void collectNotRun() {
        if (mongoTarget != null) {
            for (MongoTarget.NotRun n : mongoTarget.notRun()) {
                notRun.putIfAbsent(key(n.statement()), n);
            }
        }
    }

    private boolean hasInlineDown(SourceFile up) {
        try {
            return dev.schemagate.dialects.mongodb.MongoScript.down(up.getMigration().getPath(),
                    SourceReader.read(up.getPath()).text) != null;
        } catch (SourceReader.Unreadable e) {
            return false;
        }
    }

    /** A down migration written in the up migration's own file (migrate-mongo's down()), or null. */
    private List<Statement> inlineDown(SourceFile up) {
        if (mongoTarget == null) {
            return null;
        }
        try {
            return mongoTarget.down(up.getMigration(), SourceReader.read(up.getPath()).text);
        } catch (SourceReader.Unreadable e) {
            return null;
        }
    }

    private String describe() {
        return mongo != null ? mongo.describe() : server.describe();
    }

    private void roundTrips(Target t, List<MigrationPairs.Pair> pairs, int fromIndex, boolean projectHasDowns)
            throws SQLException {
        for (int i = 0; i < pairs.size() && stopped == null; i++) {
            MigrationPairs.Pair p = pairs.get(i);
            List<Statement> up = read(p.up());
            if (up == null) {
                stopped = p.up().getMigration().getPath();
                break;
            }
            boolean test = i >= fromIndex;
            if (test) {
                implicit.addAll(t.prepare(up));
            }
            Snapshot s0 = test ? t.snapshot() : null;
            Runner.Applied a = t.apply(p.up().getMigration(), up, false);
            if (!a.ok()) {
                fail(VerifyRules.APPLY_FAILED, a, "does not apply: " + a.error() + later(pairs, i));
                stopped = p.up().getMigration().getPath();
                break;
            }
            if (!test) {
                continue;
            }
            Snapshot s1 = t.snapshot();
            List<Statement> inline = p.down() == null ? inlineDown(p.up()) : null;
            if (p.down() == null && inline == null) {
                if (projectHasDowns) {
                    findings.add(noDown(p.up(), up));
                }
                continue;
            }
            List<Statement> down = inline != null ? inline : read(p.down());
            if (down == null) {
                continue;
            }
            Migration downFile = p.down() != null ? p.down().getMigration() : p.up().getMigration();
            Runner.Applied d = t.apply(downFile, down, false);
            Snapshot s2 = t.snapshot();
            if (!d.ok()) {
                fail(VerifyRules.DOWN_FAILED, d, "fails right after its up migration: " + d.error());
                if (!s2.diff(s1).isEmpty()) {
                    stopped = downFile.getPath();
                    add(VerifyRules.DOWN_FAILED, down.get(0), "the failed down migration left the schema half changed, "
                            + "so the migrations after it were not verified", null);
                }
                continue;
            }
            report(VerifyRules.DOWN_NOT_INVERSE, s0.diff(s2), down, downFile, "after the down migration, ");
            Runner.Applied again = t.apply(p.up().getMigration(), up, false);
            if (!again.ok()) {
                // when the schema is still the one after the first up (the down changed nothing and the failed
                // second up was rolled back), the later migrations can still be verified on it
                boolean goOn = t.snapshot().diff(s1).isEmpty();
                fail(VerifyRules.UP_NOT_REPEATABLE, again, "fails when applied again after its down migration: "
                        + again.error() + (goOn ? "" : later(pairs, i)));
                if (!goOn) {
                    stopped = p.up().getMigration().getPath();
                    break;
                }
                continue;
            }
            Snapshot s3 = t.snapshot();
            report(VerifyRules.UP_NOT_REPEATABLE, s1.diff(s3), up, p.up().getMigration(), "applied again after its down migration, ");
        }
    }

    /** Applies the ups once more on a fresh database, seeding touched tables and measuring each statement. */
    private void measure(Target t, List<MigrationPairs.Pair> pairs, int fromIndex) throws SQLException {
        for (int i = 0; i < pairs.size(); i++) {
            MigrationPairs.Pair p = pairs.get(i);
            List<Statement> up = read(p.up());
            if (up == null) {
                break;
            }
            boolean test = i >= fromIndex;
            if (test) {
                t.prepare(up);
                for (String table : t.touched(t.snapshot(), up)) {
                    t.seed(table, options.rows);
                }
            }
            Runner.Applied a = t.apply(p.up().getMigration(), up, test);
            if (test) {
                for (Runner.Measured m : a.measured()) {
                    measured.put(key(m.statement()), m);
                }
            }
            if (!a.ok()) {
                Statement st = a.failed();
                boolean known = findings.stream().anyMatch(f -> f.getRule().equals(VerifyRules.APPLY_FAILED.getId())
                        && f.getFile().equals(st.getFile()) && f.getLine() == st.getLine());
                if (known || !test) {
                    break;
                }
                // it fails because its tables hold rows: apply it to empty tables and measure the rest
                t.empty();
                Runner.Applied retry = t.apply(p.up().getMigration(), up, false);
                add(VerifyRules.FAILS_ON_ROWS, st, st.getMigration().getId() + " fails once its tables hold rows ("
                        + options.rows + " generated per touched table): " + a.error() + (retry.ok()
                        ? "; it applies to empty tables, so measuring went on from there"
                        : "; it fails on empty tables too, so the statements after it were not measured"), null);
                if (!retry.ok()) {
                    break;
                }
            }
        }
        seedNotes.putAll(t.seedNotes());
        long seeded = t.seedNotes().values().stream().filter(n -> n.startsWith("seeded")).count();
        notes.add("measured " + measured.size() + " statements; seeded " + seeded + " of " + t.seedNotes().size()
                + " touched tables with generated rows");
    }

    private static String later(List<MigrationPairs.Pair> pairs, int i) {
        int n = pairs.size() - i - 1;
        return n == 0 ? "" : "; " + n + " later migration" + (n == 1 ? " was" : "s were") + " not verified";
    }

    private Finding noDown(SourceFile up, List<Statement> stmts) {
        FindingBuilder b = builder(VerifyRules.NO_DOWN, stmts.isEmpty() ? null : stmts.get(0), up.getMigration());
        return b.message(up.getMigration().getId() + " has no down migration, while other migrations here do").build();
    }

    /** Flyway placeholder values from the settings ({@code placeholders:}). */
    private java.util.Map<String, String> placeholders = java.util.Map.of();
    /** The Flyway configuration of each folder, read once per run. */
    private final java.util.Map<Path, FlywayPlaceholders.Config> flywayConfigs = new java.util.HashMap<>();

    private List<Statement> read(SourceFile f) {
        try {
            String text = SourceReader.read(f.getPath()).text;
            if (f.getPart() == SourceFile.Part.DBMATE_UP || f.getPart() == SourceFile.Part.DBMATE_DOWN) {
                text = Sections.dbmate(text, f.getPart() == SourceFile.Part.DBMATE_UP).text;
            }
            Migration m = f.getMigration().withDialect(options.dialect);
            if ("flyway".equals(m.getTool())) {
                // the same text Flyway would run (and check read): placeholders replaced
                text = engine.flywayText(f.getPath(), text, options.dialect, placeholders, flywayConfigs).text();
            }
            if (mongoTarget != null) {
                return mongoTarget.up(m, text);
            }
            return Scripts.split(m, text, options.dialect, engine.dialect(options.dialect));
        } catch (SourceReader.Unreadable e) {
            errors.add(new InputError(f.getMigration().getPath(), 0, 0, e.getMessage()));
            return null;
        }
    }

    private void fail(RuleInfo rule, Runner.Applied a, String what) {
        Statement st = a.failed();
        add(rule, st, st.getMigration().getId() + " " + what, null);
    }

    private void add(RuleInfo rule, Statement at, String message, String table) {
        findings.add(builder(rule, at, at.getMigration()).message(message).table(table).build());
    }

    private FindingBuilder builder(RuleInfo rule, Statement at, Migration m) {
        FindingBuilder b = new FindingBuilder().rule(rule.getId()).dialect(options.dialect.id()).risk(rule.getRisk());
        b.mitigation(rule.getMitigations().get(0), null);
        if (at != null) {
            b.at(at);
        } else {
            b.position(m.getPath(), 1, 1).migration(m.getId());
        }
        return b;
    }

    /** One finding per difference (up to {@link #MAX_DIFFS}), at the statement that names the object. */
    private void report(RuleInfo rule, List<Snapshot.Difference> diffs, List<Statement> stmts, Migration file,
                        String prefix) {
        for (int k = 0; k < diffs.size() && k < MAX_DIFFS; k++) {
            Snapshot.Difference d = diffs.get(k);
            Statement at = locate(stmts, d.object());
            String msg = prefix + d;
            if (k == MAX_DIFFS - 1 && diffs.size() > MAX_DIFFS) {
                msg += " (and " + (diffs.size() - MAX_DIFFS) + " more differences)";
            }
            findings.add(builder(rule, at, file).message(msg)
                    .table(tableOf(d.object())).build());
        }
    }

    /** The table (or the object itself) a snapshot object belongs to. */
    static String tableOf(String object) {
        String[] kv = object.split(" ", 2);
        String name = kv.length > 1 ? kv[1] : kv[0];
        if (object.startsWith("column ") || object.startsWith("constraint ") || object.startsWith("trigger ")) {
            return name.substring(0, name.lastIndexOf('.'));
        }
        return name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
    }

    /** The first statement that names the object (or its table); else the file's first statement. */
    static Statement locate(List<Statement> stmts, String object) {
        String name = object.contains(" ") ? object.substring(object.lastIndexOf(' ') + 1) : object;
        name = name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
        String[] parts = name.split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
            String want = parts[i].toLowerCase(Locale.ROOT);
            for (Statement s : stmts) {
                for (Token t : Lexer.lex(s.getText(), Lexer.Options.postgres())) {
                    if ((t.kind == Token.Kind.WORD || t.kind == Token.Kind.QUOTED_IDENT)
                            && t.identifier().toLowerCase(Locale.ROOT).equals(want)) {
                        return s;
                    }
                }
            }
        }
        return stmts.isEmpty() ? null : stmts.get(0);
    }

    /** Existing tables the statements name, as the seeder wants them (schema-qualified on PostgreSQL). */
    static List<String> touched(Snapshot s, List<Statement> stmts) {
        Set<String> words = new LinkedHashSet<>();
        for (Statement st : stmts) {
            for (Token t : Lexer.lex(st.getText(), Lexer.Options.postgres())) {
                if (t.kind == Token.Kind.WORD || t.kind == Token.Kind.QUOTED_IDENT) {
                    words.add(t.identifier().toLowerCase(Locale.ROOT));
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String o : s.objects().keySet()) {
            if (o.startsWith("table ")) {
                String name = o.substring(6);
                String last = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
                if (words.contains(last.toLowerCase(Locale.ROOT))) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    private static String key(Statement s) {
        return s.getFile() + ":" + s.getLine() + ":" + s.getColumn();
    }

    private Report assemble(Report statik) {
        List<Finding> all = new ArrayList<>();
        Set<String> withStatic = new LinkedHashSet<>();
        for (Finding f : statik.getFindings()) {
            String k = f.getFile() + ":" + f.getLine() + ":" + f.getColumn();
            Runner.Measured m = measured.get(k);
            if (m != null && !f.isSuppressed()) {
                withStatic.add(k);
                all.add(Measurements.annotate(f, m, context()));
            } else {
                all.add(f);
            }
        }
        for (Map.Entry<String, Runner.Measured> e : measured.entrySet()) {
            if (!withStatic.contains(e.getKey())) {
                Finding f = Measurements.unflagged(e.getValue(), context(), options.dialect.id(), seeded());
                if (f != null) {
                    all.add(f);
                }
            }
        }
        for (Map.Entry<String, String> e : seedNotes.entrySet()) {
            if (e.getValue().startsWith("not seeded")) {
                Statement at = firstNaming(e.getKey());
                if (at != null) {
                    all.add(builder(VerifyRules.SEED_FAILED, at, at.getMigration()).table(e.getKey())
                            .message(e.getKey() + " " + e.getValue() + "; its statements were measured without "
                                    + "these rows").uncertain(true).build());
                }
            }
        }
        collectNotRun();
        for (MongoTarget.NotRun n : notRun.values()) {
            all.add(builder(VerifyRules.NOT_RUN, n.statement(), n.statement().getMigration()).message(n.reason())
                    .uncertain(true).build());
        }
        all.addAll(findings);
        List<FileSummary> files = new ArrayList<>();
        for (FileSummary fs : statik.getFiles()) {
            if (fs.getSkipped() != null && fs.getSkipped().startsWith("down migration")) {
                fs = new FileSummary(fs.getPath(), fs.getMigration(), fs.getDialect(), fs.getTool(), 0, 0, 0, 0,
                        "down migration: not checked statically; verify ran it after its up migration", fs.getWarning());
            }
            files.add(fs);
        }
        Engine.order(all, files);
        List<InputError> errs = new ArrayList<>(statik.getErrors());
        errs.addAll(errors);
        List<RuleInfo> rules = new ArrayList<>(statik.getRules());
        for (RuleInfo v : VerifyRules.ALL) {
            if (rules.stream().noneMatch(x -> x.getId().equals(v.getId()))) {
                rules.add(v);
            }
        }
        rules.sort(Comparator.comparing(RuleInfo::getId));
        Map<String, String> target = new LinkedHashMap<>();
        target.put(options.dialect.id(), describe());
        return new Report(statik.getToolVersion(), target, files, all, errs, rules, statik.getFailOn());
    }

    private Set<String> seeded() {
        Set<String> s = new LinkedHashSet<>();
        seedNotes.forEach((t, n) -> {
            if (!n.startsWith("not seeded")) {
                s.add(t);
            }
        });
        return s;
    }

    private Statement firstNaming(String table) {
        for (Runner.Measured m : measured.values()) {
            if (touched(new Snapshot().put("table " + table, null, null), List.of(m.statement())).size() == 1) {
                return m.statement();
            }
        }
        return null;
    }

    private String context() {
        return describe() + (options.rows == null ? "" : " with " + options.rows + " generated rows per touched table");
    }

    /** Why verification stopped early (the file it stopped at), or null. */
    public String stoppedAt() {
        return stopped;
    }

    /** Things to tell the user beside the report (on standard error), timings last. */
    public List<String> notes() {
        List<String> out = new ArrayList<>(notes);
        if (timing != null) {
            out.add(timing);
        }
        return out;
    }

    /** Seeding result per table. */
    public Map<String, String> seedNotes() {
        return seedNotes;
    }

    /** Measurements of the up statements (first application), by file:line:column. */
    public Map<String, Runner.Measured> measurements() {
        return measured;
    }
}
