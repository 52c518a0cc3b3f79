package dev.schemagate.fuzz;

import dev.schemagate.core.Engine;
import dev.schemagate.core.InputError;
import dev.schemagate.core.Settings;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.SourceReader;
import dev.schemagate.core.report.Report;
import dev.schemagate.core.report.ReportWriter;
import dev.schemagate.core.report.TextWriter;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Unparsed;
import dev.schemagate.model.finding.Finding;
import dev.schemagate.model.spi.SqlDialect;
import dev.schemagate.policies.ConfigFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based fuzzing of every reader. Each input is built from a corpus seed plus mutations, all drawn from one
 * 64-bit number (jqwik's fixed property seed in the normal build; {@code -Dfuzz.seed} varies the long run), so a
 * failure is replayed by its number. Tries per target: {@code -Dfuzz.tries} (300 in the normal build; the long run
 * uses 100,000). Properties: no exception escapes a reader, nothing hangs past the per-statement parse timeout,
 * nothing runs out of memory (the fork has 512 MB), and every statement is either modelled or an {@link Unparsed}
 * change with a position inside the file.
 */
@AddLifecycleHook(value = Harness.Resume.class, propagateTo = PropagationMode.ALL_DESCENDANTS)
class ReaderFuzzTest {
    private static final String PROPERTY_SEED = "20261130";
    private static final Engine ENGINE = new Engine(Harness.dialects(), new Engine().packs());

    /**
     * The input numbers: uniform over all 64-bit values, without jqwik's edge cases. jqwik's default for longs favours
     * small values and edge cases, and its sequence repeats itself: 100,000 tries were 61,448 distinct numbers, so
     * every long run before this counted about 39% of its inputs twice or more (finding 24).
     */
    @Provide
    Arbitrary<Long> numbers() {
        return Arbitraries.longs().withDistribution(RandomDistribution.uniform()).withoutEdgeCases();
    }

    private static Random random(long n) {
        return new Random(n ^ Harness.SALT);
    }

    /** The splitter and the statement reader of every dialect, on the same input. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void every_dialect_splits_and_reads_hostile_sql(@ForAll("numbers") long n) {
        if (!Harness.inBudget()) {
            return;
        }
        String text = Mutator.sql(random(n), 4000);
        for (SqlDialect d : Harness.dialects()) {
            Harness.count("split+map " + Harness.name(d), n);
            checkDialect(d, text);
        }
    }

    static void checkDialect(SqlDialect d, String text) {
        String name = Harness.name(d);
        Migration m = new Migration("fuzz.sql", "fuzz", d.dialects().get(0), Migration.Direction.UP, "plain",
                Migration.TxMode.UNKNOWN);
        int lines = Harness.lineCount(text);
        List<String> problems = new ArrayList<>();
        List<Statement> stmts = Harness.within(10 * Harness.STATEMENT_TIMEOUT_MS, name + " split", text,
                () -> d.split(m, text, (l, c, msg) -> problems.add(l + ":" + c + ": " + msg)));
        if (stmts == null) {
            throw Harness.failure(name + " split returned null", text, null);
        }
        for (Statement st : stmts) {
            inside(name + " statement start", st.getLine(), st.getColumn(), lines, text);
            inside(name + " statement end", st.getEndLine(), st.getEndColumn(), lines, text);
            if (st.getText() == null) {
                throw Harness.failure(name + " statement without text", text, null);
            }
            if (st.getSplitError() != null) {
                inside(name + " split error", st.getErrorLine(), st.getErrorColumn(), lines, text);
            }
        }
        for (String p : problems) {
            String[] lc = p.split(":", 3);
            inside(name + " split problem", Integer.parseInt(lc[0]), Integer.parseInt(lc[1]), lines, text);
        }
        // the parse limit is CPU time, with wall time stopping a statement at WALL_FACTOR times it: a hang is a
        // statement past that, not a 2 s parse that took 6 s of wall time on a loaded machine (findings 25, 27)
        long timeout = Harness.STATEMENT_TIMEOUT_MS * dev.schemagate.dialects.common.JSqlRunner.WALL_FACTOR
                * (stmts.size() + 2);
        List<List<Change>> all = Harness.within(timeout, name + " mapAll", text, () -> d.mapAll(stmts));
        if (all == null || all.size() != stmts.size()) {
            throw Harness.failure(name + " mapAll gave " + (all == null ? "null" : all.size() + " results for "
                    + stmts.size() + " statements"), text, null);
        }
        for (int i = 0; i < all.size(); i++) {
            List<Change> cs = all.get(i);
            if (cs == null || cs.isEmpty()) {
                // null: the reader threw and mapAll swallowed it; empty: the statement vanished
                Throwable why = null;
                try {
                    d.map(stmts.get(i));
                } catch (RuntimeException | StackOverflowError e) {
                    why = e;
                }
                throw Harness.failure(name + " reader lost statement " + (i + 1) + " ("
                        + (cs == null ? "it threw: " + why : "no change") + ")", text, why);
            }
            for (Change c : cs) {
                if (c instanceof Unparsed u) {
                    inside(name + " unparsed position", u.getErrorLine(), Math.max(1, u.getErrorColumn()), lines, text);
                    if (u.getReason() == null || u.getReason().isBlank()) {
                        throw Harness.failure(name + " unparsed change without a reason", text, null);
                    }
                }
                inside(name + " change line", c.getLine(), 1, lines, text);
            }
        }
    }

    private static void inside(String what, int line, int col, int lines, String text) {
        if (line < 1 || line > lines || col < 1) {
            throw Harness.failure(what + " at " + line + ":" + col + " is outside the file (" + lines + " lines)",
                    text, null);
        }
    }

    /** The whole check (split, map, replay into the catalog, every rule pack, every report format) per dialect. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void whole_check_never_crashes(@ForAll("numbers") long n) {
        if (!Harness.inBudget()) {
            return;
        }
        Random r = random(n);
        String text = Mutator.sql(r, 1500);
        for (SqlDialect d : Harness.dialects()) {
            Harness.count("check pipeline " + Harness.name(d), n);
            Dialect dialect = d.dialects().get(0);
            Migration m = new Migration("V1__fuzz.sql", "V1__fuzz", dialect, Migration.Direction.UP, "flyway",
                    Migration.TxMode.WRAPPED);
            Settings s = new Settings().setDialect(dialect).setThreads(1);
            Report report = Harness.within(30_000, Harness.name(d) + " check", text,
                    () -> ENGINE.run(List.of(new Engine.Source(m, text)), s, List.of()));
            int lines = Harness.lineCount(text);
            for (Finding f : report.getFindings()) {
                if (f.getFile() != null && f.getLine() > 0) {
                    inside(Harness.name(d) + " finding " + f.getRule(), f.getLine(), Math.max(1, f.getColumn()), lines, text);
                }
            }
            for (String fmt : List.of("json", "sarif", "junit", "github", "gitlab")) {
                Harness.within(30_000, Harness.name(d) + " " + fmt, text, () -> ReportWriter.forFormat(fmt).write(report));
            }
            Harness.within(30_000, Harness.name(d) + " text", text, () -> new TextWriter(false).write(report));
        }
    }

    /** Byte decoding: BOMs, UTF-16, Latin-1, binary. Either text or a clear refusal, nothing else. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void source_decoding_never_crashes(@ForAll("numbers") long n) {
        if (!Harness.inBudget()) {
            return;
        }
        Harness.count("source decoding", n);
        byte[] b = Mutator.bytes(random(n));
        String shown = new String(b, StandardCharsets.ISO_8859_1);
        Harness.within(5_000, "decode", shown, () -> {
            try {
                SourceReader.Text t = SourceReader.decode(b);
                if (t.text == null) {
                    throw new AssertionError("decoded to null");
                }
            } catch (SourceReader.Unreadable e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    throw new AssertionError("refusal without a message");
                }
            }
            return null;
        });
    }

    /** File-name and folder rules of Discovery (Flyway, golang-migrate, popx, Prisma, diesel, plain). */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void file_names_never_crash_discovery(@ForAll("numbers") long n) {
        if (!Harness.inBudget()) {
            return;
        }
        Harness.count("discovery file names", n);
        Random r = random(n);
        String[] shapes = {"V1__x.sql", "V1.2_3__add_things__postgres.sql", "20240101120000_x.mysql.autocommit.up.sql",
            "001_init.down.sql", "migration.sql", "up.sql", "R__view.sql", "U2__undo.sql", "x.sql"};
        String name = Mutator.mutate(r, shapes[r.nextInt(shapes.length)], 80).replace("/", "_").replace("\u0000", "");
        String dir = Mutator.mutate(r, r.nextBoolean() ? "20240101120000_init" : "2024-01-01-120000_create", 60)
                .replace("/", "_").replace("\u0000", "");
        Harness.within(5_000, "discovery", dir + "/" + name, () -> {
            Path p;
            try {
                p = Path.of("db", dir.isEmpty() ? "d" : dir, name.isEmpty() ? "n" : name);
            } catch (java.nio.file.InvalidPathException e) {
                return null; // not a name a file system can hold
            }
            Discovery.describe(p, p.toString());
            return null;
        });
    }

    /**
     * schemagate.yaml (its settings, and its policy references) and the --stats file: broken YAML gives input errors
     * with positions, never an exception.
     */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void settings_and_stats_files_never_crash(@ForAll("numbers") long n) throws Exception {
        if (!Harness.inBudget()) {
            return;
        }
        Harness.count("config+stats loader", n);
        String yaml = Mutator.yaml(random(n));
        Path f = Files.createTempFile("fuzz", ".yaml");
        try {
            Files.write(f, yaml.getBytes(StandardCharsets.UTF_8));
            Map<String, java.util.concurrent.Callable<List<InputError>>> loaders = new java.util.LinkedHashMap<>();
            loaders.put("config loader", () -> ConfigFile.load(f, "fuzz.yaml", new Settings()));
            loaders.put("stats loader", () -> ConfigFile.loadStats(f, "fuzz.yaml", new Settings()));
            loaders.put("policy references", () -> { // policies: and env:, read apart from the settings
                List<InputError> refErrors = new ArrayList<>();
                ConfigFile.policyRefs(f, "fuzz.yaml", refErrors);
                return refErrors;
            });
            for (Map.Entry<String, java.util.concurrent.Callable<List<InputError>>> loader : loaders.entrySet()) {
                List<InputError> errs = Harness.within(10_000, loader.getKey(), yaml, loader.getValue());
                for (InputError e : errs) {
                    if (e.getMessage() == null || e.getMessage().isBlank() || e.getLine() < 0
                            || e.getLine() > Harness.lineCount(yaml) + 1) {
                        throw Harness.failure("config error without a usable message or position: " + e, yaml, null);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /**
     * The tool-format readers through discovery and the whole check: a Liquibase, Sqitch, dbmate, Prisma, diesel,
     * popx, Flyway, migrate-mongo, mongosh or Liquibase-MongoDB folder with one of its files mutated. No exception, no
     * hang, no reader failure swallowed into a report, and findings and input errors with positions inside the file.
     */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void tool_layouts_never_crash(@ForAll("numbers") long n) throws Exception {
        if (!Harness.inBudget()) {
            return;
        }
        Random r = random(n);
        List<Path> layouts = Seeds.layouts();
        Path layout = layouts.get(r.nextInt(layouts.size()));
        Harness.count("tool layouts (discovery+check)", n);
        Path dir = Files.createTempDirectory("fuzz-layout");
        try {
            List<Path> files = CodeFuzz.files(layout);
            CodeFuzz.copy(layout, files, dir);
            Path victim = dir.resolve(layout.relativize(files.get(r.nextInt(files.size()))).toString());
            String text = Mutator.mutate(r, Files.readString(victim), 4000);
            Files.write(victim, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes ?
            String shown = layout.getFileName() + "/" + dir.relativize(victim) + ":\n" + text;
            Report report = Harness.within(60_000, "check " + layout.getFileName(), shown,
                    () -> ENGINE.check(List.of(dir.toString()), dir, new Settings().setThreads(1)));
            sound(report.getFindings(), report.getErrors(), dir.relativize(victim).toString().replace('\\', '/'),
                    Harness.lineCount(text) + 1, shown);
        } finally {
            CodeFuzz.delete(dir);
        }
    }

    /**
     * Tool configuration values ({@link ConfigFuzz}): one value of a project's configuration file replaced by a
     * hostile one. Code-migration projects go through discovery (where their configuration is read; the other
     * targets check their migrations), SQL and MongoDB layouts through the whole check (Liquibase reads its includes
     * there). Properties: no exception, no hang, no reader failure swallowed into a report, and every input error has
     * a message and a position inside the file it names.
     */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void config_values_never_crash(@ForAll("numbers") long n) throws Exception {
        if (!Harness.inBudget()) {
            return;
        }
        Random r = random(n);
        List<ConfigFuzz.Seed> seeds = ConfigFuzz.seeds();
        ConfigFuzz.Seed seed = seeds.get(r.nextInt(seeds.size()));
        Harness.count("tool config values", n);
        Path dir = Files.createTempDirectory("fuzz-config");
        try {
            List<String> configs = seed.copyTo(dir);
            String victim = configs.get(r.nextInt(configs.size()));
            Path file = dir.resolve(victim);
            String text = ConfigFuzz.replaceValue(r, Files.readString(file), victim);
            Files.write(file, text.getBytes(StandardCharsets.UTF_8)); // a lone surrogate becomes ?
            String seen = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            String shown = seed.name() + "/" + victim + ":\n" + seen;
            List<InputError> errors;
            List<Finding> findings;
            if (seed.code()) {
                Discovery.Result res = Harness.within(20_000, "discovery " + seed.name(), shown,
                        () -> Discovery.discover(List.of(dir.toString()), dir));
                errors = res.errors;
                findings = List.of();
            } else {
                Report report = Harness.within(60_000, "check " + seed.name(), shown,
                        () -> ENGINE.check(List.of(dir.toString()), dir, new Settings().setThreads(1)));
                errors = report.getErrors();
                findings = report.getFindings();
            }
            sound(findings, errors, victim, Harness.lineCount(seen) + 1, shown);
        } finally {
            CodeFuzz.delete(dir);
        }
    }

    /** Alembic projects ({@code alembic.ini}, {@code env.py}, {@code versions/}) through discovery and the check. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void alembic_projects_never_crash(@ForAll("numbers") long n) throws Exception {
        codeProject("alembic", n);
    }

    /** Django apps ({@code migrations/__init__.py}, {@code migrations/0001_*.py}) through discovery and the check. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void django_projects_never_crash(@ForAll("numbers") long n) throws Exception {
        codeProject("django", n);
    }

    /** Knex projects ({@code knexfile.js} and {@code migrations/*.js}, or a bare {@code knex_migrations/}). */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void knex_projects_never_crash(@ForAll("numbers") long n) throws Exception {
        codeProject("knex", n);
    }

    /** TypeORM projects ({@code *.ts} classes that implement {@code MigrationInterface}, per dialect folder). */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void typeorm_projects_never_crash(@ForAll("numbers") long n) throws Exception {
        codeProject("typeorm", n);
    }

    /**
     * One code-migration project with one file mutated, checked like {@code schemagate check DIR}. Properties: no
     * exception escapes and no reader failure is swallowed into a report (each would be exit 3 or a "reader failed"
     * message), nothing hangs, findings in the mutated file lie inside it, a mutated migration that still looks like
     * one is never dropped silently (it is in the report's file list or named by a finding or an input error), an
     * empty result is never a pass, and every eighth input is checked twice and must give the same JSON bytes. The
     * normal build runs {@code fuzz.code.tries} inputs per tool (the native parsers make each input cost a whole check).
     */
    private static void codeProject(String tool, long n) throws Exception {
        String target = tool + " projects (discovery+check)";
        if (!Harness.inBudget(target) || !Harness.below(target, Long.getLong("fuzz.code.tries", Long.MAX_VALUE))) {
            return;
        }
        Random r = random(n);
        CodeFuzz.Tool t = CodeFuzz.TOOLS.get(tool);
        List<Path> projects = CodeFuzz.projects(t);
        Path project = projects.get(r.nextInt(projects.size()));
        Harness.count(target, n);
        Path dir = Files.createTempDirectory("fuzz-" + tool);
        try {
            List<Path> files = CodeFuzz.files(project);
            CodeFuzz.copy(project, files, dir);
            List<String> rel = files.stream().map(f -> project.relativize(f).toString().replace('\\', '/')).toList();
            List<String> migrations = rel.stream().filter(t.isMigration()).toList();
            String victim = !migrations.isEmpty() && r.nextInt(8) != 0 ? migrations.get(r.nextInt(migrations.size()))
                    : rel.get(r.nextInt(rel.size()));
            Path file = dir.resolve(victim);
            String text = CodeFuzz.mutate(r, Files.readString(file), t.python());
            CodeFuzz.Encoded enc = CodeFuzz.encode(r, text);
            Files.write(file, enc.bytes());
            // what the readers see: flipped bytes can break the very words that make a file a migration
            String seen = dev.schemagate.model.code.CodeText.decode(enc.bytes());
            String shown = tool + " " + project.getFileName() + "/" + victim + " (" + enc.label() + "):\n" + seen;
            // the determinism check compares two runs: a generous parse time limit keeps a loaded machine's slowness
            // (a statement past the 2 s limit in one run only) out of the comparison; hangs are still caught above
            boolean twice = (n & 7) == 0;
            Settings s = new Settings().setThreads(1);
            if (twice) {
                s.setParseTimeoutMs(30_000);
            }
            Report report = Harness.within(60_000, "check " + tool, shown, () -> ENGINE.check(List.of(dir.toString()), dir, s));
            int lines = Harness.lineCount(seen) + 1;
            boolean named = false;
            for (Finding f : report.getFindings()) {
                if (f.getLine() < 0 || f.getColumn() < 0 || (victim.equals(f.getFile()) && f.getLine() > lines)) {
                    throw Harness.failure("finding " + f.getRule() + " at " + f.getFile() + ":" + f.getLine() + ":"
                            + f.getColumn() + " (" + lines + " lines)", shown, null);
                }
                swallowed(f.getMessage(), shown);
                named |= victim.equals(f.getFile());
            }
            for (InputError e : report.getErrors()) {
                swallowed(e.getMessage(), shown);
                named |= victim.equals(e.getFile());
            }
            for (dev.schemagate.core.report.FileSummary f : report.getFiles()) {
                named |= victim.equals(f.getPath());
            }
            boolean stillMigration = baseline(project).contains(victim)
                    && (t.marker() == null || t.marker().test(seen));
            if (stillMigration && !named) {
                throw Harness.failure(victim + " was dropped without a word (not in the report's files, findings or errors)",
                        shown, null);
            }
            if (report.getFiles().isEmpty() && report.getErrors().isEmpty() && report.getFindings().isEmpty()) {
                throw Harness.failure("nothing was read and nothing was said", shown, null);
            }
            if (twice) {
                String once = ReportWriter.forFormat("json").write(report);
                String again = Harness.within(60_000, "check " + tool + " again", shown, () -> ReportWriter
                        .forFormat("json").write(ENGINE.check(List.of(dir.toString()), dir, s)));
                if (!once.equals(again) && !(atTimeLimit(once) || atTimeLimit(again))) {
                    String[] a = once.split("\n");
                    String[] b = again.split("\n");
                    int k = 0;
                    while (k < a.length && k < b.length && a[k].equals(b[k])) {
                        k++;
                    }
                    // both reports next to the input: the first differing line rarely says why (finding 30)
                    Path kept = Path.of("target", "fuzz-failures", Integer.toHexString(shown.hashCode()));
                    Files.createDirectories(kept.getParent());
                    Files.writeString(Path.of(kept + "-first.json"), once);
                    Files.writeString(Path.of(kept + "-second.json"), again);
                    throw Harness.failure("two checks of the same folder gave different JSON, from line " + (k + 1) + ": "
                            + (k < a.length ? a[k] : "(end)") + " | " + (k < b.length ? b[k] : "(end)") + " (both reports: "
                            + kept.toAbsolutePath() + "-first.json and -second.json)", shown, null);
                }
            }
        } finally {
            CodeFuzz.delete(dir);
        }
    }

    /** The Alembic reader alone on mutated Alembic migrations (no project, no check): see {@link #codeReader}. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void alembic_reader_never_crashes(@ForAll("numbers") long n) throws Exception {
        codeReader("alembic", n);
    }

    /** The Django reader alone on mutated Django migrations. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void django_reader_never_crashes(@ForAll("numbers") long n) throws Exception {
        codeReader("django", n);
    }

    /** The Knex reader alone on mutated Knex migrations. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void knex_reader_never_crashes(@ForAll("numbers") long n) throws Exception {
        codeReader("knex", n);
    }

    /** The TypeORM reader alone on mutated TypeORM migrations. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void typeorm_reader_never_crashes(@ForAll("numbers") long n) throws Exception {
        codeReader("typeorm", n);
    }

    /**
     * One tool's reader on one mutated migration of that tool, as the engine calls it (on a deep-stack thread, the
     * text decoded like the engine does). Properties: no exception, no hang, every operation and problem lies inside
     * the file, and every eighth input read twice gives the same operations and problems. The project targets above
     * cover discovery and the whole check but cost a check per input (1 to 5 per second for Python); this one runs
     * the part hostile text reaches first, fast enough for 100,000 inputs.
     */
    private static void codeReader(String tool, long n) throws Exception {
        String target = tool + " reader";
        if (!Harness.inBudget(target) || !Harness.below(target, Long.getLong("fuzz.code.tries", Long.MAX_VALUE))) {
            return;
        }
        Random r = random(n);
        CodeFuzz.Tool t = CodeFuzz.TOOLS.get(tool);
        List<CodeFuzz.Seed> seeds = CodeFuzz.migrations(t);
        CodeFuzz.Seed seed = seeds.get(r.nextInt(seeds.size()));
        Harness.count(target, n);
        String text = CodeFuzz.mutate(r, seed.text(), t.python());
        CodeFuzz.Encoded enc = CodeFuzz.encode(r, text);
        String seen = dev.schemagate.model.code.CodeText.decode(enc.bytes());
        String shown = tool + " reader " + seed.path() + " (" + enc.label() + "):\n" + seen;
        if (dump(tool, n, seen)) {
            return;
        }
        dev.schemagate.model.spi.CodeMigrationReader reader = dev.schemagate.core.input.CodeSources.readers().get(tool);
        Migration m = new Migration(seed.path(), "fuzz", Dialect.POSTGRES, Migration.Direction.UP, tool,
                Migration.TxMode.UNKNOWN);
        java.util.concurrent.Callable<dev.schemagate.model.code.CodeMigration> read = () -> dev.schemagate.model.DeepStack
                .call("fuzz-" + tool, () -> reader.read(m, seen, true));
        dev.schemagate.model.code.CodeMigration cm = Harness.within(60_000, tool + " reader", shown, read);
        if (cm == null) {
            throw Harness.failure(tool + " reader returned null", shown, null);
        }
        int lines = Harness.lineCount(seen) + 1;
        for (List<dev.schemagate.model.code.CodeOp> ops : List.of(cm.getUp(), cm.getDown())) {
            for (dev.schemagate.model.code.CodeOp op : ops) {
                if (op.line() < 0 || op.column() < 0 || op.line() > lines || op.endLine() > lines
                        || op.shape() == null || op.shape() != dev.schemagate.model.code.CodeOp.Shape.UNCERTAIN
                        && op.sql() == null) {
                    throw Harness.failure("operation outside the file or without SQL: " + op + " (" + lines + " lines)",
                            shown, null);
                }
            }
        }
        for (dev.schemagate.model.code.CodeMigration.Problem p : cm.getProblems()) {
            if (p.line() < 0 || p.column() < 0 || p.line() > lines || p.message() == null || p.message().isBlank()) {
                throw Harness.failure("problem outside the file or without a message: " + p + " (" + lines + " lines)",
                        shown, null);
            }
        }
        if ((n & 7) == 0) {
            String once = describe(cm);
            String again = describe(Harness.within(60_000, tool + " reader again", shown, read));
            if (!once.equals(again) && !(atTimeLimit(once) || atTimeLimit(again))) {
                throw Harness.failure("two reads of the same text differ:\n" + once + "\n----\n" + again, shown, null);
            }
        }
    }

    /**
     * With {@code fuzz.dump} set to a folder, a reader target writes each input it makes there (UTF-8, as the reader
     * would get it, named by target and input number) instead of reading it: {@code .ci/fuzz-native} feeds them to
     * tree-sitter built with AddressSanitizer, which sees memory errors the JVM sees only when it dies of one.
     */
    private static boolean dump(String tool, long n, String text) throws java.io.IOException {
        String dir = System.getProperty("fuzz.dump", "");
        if (dir.isBlank()) {
            return false;
        }
        java.nio.file.Path out = java.nio.file.Path.of(dir, tool + "-" + Long.toUnsignedString(n) + ".txt");
        java.nio.file.Files.write(out, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return true;
    }

    /**
     * A Python file the parser gave up on at its CPU-time limit: the one outcome that may differ between two reads.
     * tree-sitter's error recovery offers no deterministic measure of its work (its progress callback came 996 times in
     * 9.4 s of recovery on an 80 KB file and 14,740 times in 0.8 s on a valid 1 MB one), so a file that needs about the
     * limit is parsed in one run and given up on in the next (finding 21). Both are CRITICAL; only the message differs.
     */
    private static boolean atTimeLimit(String result) {
        return result.contains(dev.schemagate.dialects.python.PyParser.GAVE_UP);
    }

    private static String describe(dev.schemagate.model.code.CodeMigration cm) {
        return cm == null ? "null" : cm.getUp() + "\n" + cm.getDown() + "\n" + cm.hasDown() + " " + cm.getTransactional()
                + "\n" + cm.getProblems();
    }

    private static final java.util.Map<Path, java.util.Set<String>> BASELINE = new java.util.HashMap<>();

    /** The files the check of the unmutated project names (a tool may leave some out by design, e.g. another dialect's). */
    private static synchronized java.util.Set<String> baseline(Path project) throws Exception {
        java.util.Set<String> known = BASELINE.get(project);
        if (known == null) {
            Path dir = Files.createTempDirectory("fuzz-baseline");
            try {
                CodeFuzz.copy(project, CodeFuzz.files(project), dir);
                Report report = ENGINE.check(List.of(dir.toString()), dir, new Settings().setThreads(1));
                known = new java.util.TreeSet<>();
                for (dev.schemagate.core.report.FileSummary f : report.getFiles()) {
                    known.add(f.getPath());
                }
                BASELINE.put(project, known);
            } finally {
                CodeFuzz.delete(dir);
            }
        }
        return known;
    }

    /**
     * What a report must hold whatever the input: no reader crash reported as a finding or input error, findings at
     * real positions, and input errors with a message and a position inside {@code victim} (relative, forward
     * slashes; {@code lines} its line count plus one) when they name it.
     */
    private static void sound(List<Finding> findings, List<InputError> errors, String victim, int lines, String shown) {
        for (Finding f : findings) {
            swallowed(f.getMessage(), shown);
            if (f.getLine() < 0 || f.getColumn() < 0) {
                throw Harness.failure("finding " + f.getRule() + " at " + f.getLine() + ":" + f.getColumn(), shown, null);
            }
        }
        for (InputError e : errors) {
            swallowed(e.getMessage(), shown);
            if (e.getMessage() == null || e.getMessage().isBlank() || e.getLine() < 0 || e.getColumn() < 0
                    || (victim.equals(e.getFile()) && e.getLine() > lines)) {
                throw Harness.failure("input error without a usable message or position: " + e.getFile() + ":"
                        + e.getLine() + ":" + e.getColumn() + " " + e.getMessage(), shown, null);
            }
        }
    }

    /** A reader crash the engine caught and reported is still a crash to the fuzzer. */
    private static void swallowed(String message, String shown) {
        if (message != null && (message.contains("reader failed") || message.contains("reader error:")
                || message.contains("the reader returned no change") || message.contains("layout reader failed"))) {
            throw Harness.failure("a reader crashed and the engine reported it: " + message, shown, null);
        }
    }

    /** Policy packs: broken YAML and bad rules are input errors with positions, never an exception. */
    @Property(seed = PROPERTY_SEED, shrinking = ShrinkingMode.OFF)
    void policy_packs_never_crash(@ForAll("numbers") long n) throws Exception {
        if (!Harness.inBudget()) {
            return;
        }
        Harness.count("policy pack loader", n);
        Random r = random(n);
        List<String> seeds = Seeds.policies();
        String yaml = Mutator.mutate(r, seeds.get(r.nextInt(seeds.size())), 6000);
        Path f = Files.createTempFile("fuzz-policy", ".yaml");
        try {
            Files.write(f, yaml.getBytes(StandardCharsets.UTF_8));
            List<InputError> errs = new ArrayList<>();
            Harness.within(20_000, "policy loader", yaml,
                    () -> dev.schemagate.policies.PolicyLoader.load(f, "fuzz.yaml", errs));
            for (InputError e : errs) {
                if (e.getMessage() == null || e.getMessage().isBlank() || e.getLine() < 0) {
                    throw Harness.failure("policy error without a usable message or position: " + e, yaml, null);
                }
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @AfterContainer
    static void printSummary() {
        System.out.println("fuzz inputs per target (seed " + Harness.SALT + "):\n" + Harness.summary());
    }
}
