package dev.schemagate.core.input;

import dev.schemagate.core.InputError;
import dev.schemagate.core.input.liquibase.ChangelogFiles;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds migration files under the paths a user gives and works out what each one is: its version, direction,
 * dialect, migration tool, and how the tool runs it with respect to transactions. Files are ordered as the tools
 * order them.
 *
 * <p>A folder is first searched for tool marker files, each of which claims the folder it sits in: a
 * {@code migrate-mongo-config.js} (migrate-mongo), a {@code sqitch.plan} (Sqitch, in plan order) and Liquibase
 * changelogs (in include order, from the changelogs no other changelog includes). Every other {@code .sql} file is
 * described by its name and folder: Flyway, ory/popx, golang-migrate, Prisma (whose {@code migration_lock.toml}
 * names the dialect), diesel, dbmate (one file with {@code -- migrate:up} and {@code -- migrate:down} sections,
 * given as two parts) or a plain file.
 */
public final class Discovery {
    private static final Pattern FLYWAY = Pattern.compile("^([VUBR])([0-9][0-9._]*)?__(.+)\\.sql$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FLYWAY_DIALECT = Pattern.compile("_{2,3}(POSTGRESQL|POSTGRES|MYSQL|MARIADB|SQLITE)\\.sql$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POPX = Pattern.compile(
            "^([0-9]{14,})_(.+?)(?:\\.(postgres|mysql|sqlite3?|cockroach))?(\\.autocommit)?\\.(up|down)\\.sql$");
    private static final Pattern GOLANG = Pattern.compile("^([0-9]+)_(.+)\\.(up|down)\\.sql$");
    private static final Pattern DBMATE = Pattern.compile("^([0-9]+)_(.+)\\.sql$");
    private static final Pattern DBMATE_UP = Pattern.compile("(?m)^--\\s*migrate:up\\b");
    private static final Pattern PRISMA_DIR = Pattern.compile("^[0-9]{14}_.+");
    private static final Pattern DIESEL_DIR = Pattern.compile("^([0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}|[0-9]{14})_.+");
    private static final Pattern PRISMA_PROVIDER = Pattern.compile("(?m)^\\s*provider\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern MONGO_CONFIG = Pattern.compile("^migrate-mongo-config\\.(js|cjs|mjs|ts)$");
    private static final Pattern MONGO_DIR = Pattern.compile("migrationsDir\\s*:\\s*[\"'`]([^\"'`]+)[\"'`]");
    private static final Pattern SQITCH_ENGINE = Pattern.compile("(?m)^\\s*engine\\s*=\\s*(\\S+)");

    /** Each tool {@code --tool} accepts, in the order help lists them, with what its migrations look like. */
    private static final Map<String, String> TOOL_FILES = toolFiles(
            "flyway", "V<version>__<description>.sql files",
            "liquibase", "changelogs with databaseChangeLog, or --liquibase formatted sql files",
            "prisma", "<timestamp>_<name>/migration.sql folders",
            "golang-migrate", "<version>_<name>.up.sql files",
            "dbmate", ".sql files with -- migrate:up",
            "diesel", "<timestamp>_<name>/up.sql folders",
            "sqitch", "a sqitch.plan",
            "popx", "<version>_<name>[.<dialect>].up.sql files",
            "migrate-mongo", "a migrate-mongo-config.js",
            "plain", ".sql files",
            "alembic", "versions/*.py beside env.py, or alembic.ini",
            "django", "<app>/migrations/NNNN_*.py beside __init__.py",
            "knex", "a knexfile, or .js/.ts files in a migrations folder that export up() and call knex.schema;"
                    + " compiled output works when it keeps that shape",
            "typeorm", "a data source or ormconfig, or <timestamp>-Name.ts classes that implement"
                    + " MigrationInterface (compiled JavaScript loses 'implements': check the TypeScript sources)");

    /** The tools {@code --tool} accepts. */
    public static final List<String> TOOLS = List.copyOf(TOOL_FILES.keySet());

    private static Map<String, String> toolFiles(String... pairs) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** What {@code tool}'s migrations look like (for "--tool X found nothing"), or null for an unknown tool. */
    public static String looksFor(String tool) {
        return tool == null ? null : TOOL_FILES.get(tool);
    }

    /** Files found (in order), the layouts they follow, and the inputs that could not be used. */
    public static final class Result {
        public final List<SourceFile> files = new ArrayList<>();
        public final List<InputError> errors = new ArrayList<>();
        public final List<Layout> layouts = new ArrayList<>();
    }

    private Discovery() {
    }

    public static Result discover(List<String> inputs, Path cwd) {
        return discover(inputs, cwd, null);
    }

    /**
     * Discovers migrations; {@code tool} (one of {@link #TOOLS}, or null to detect) makes every folder follow that
     * tool's conventions.
     */
    public static Result discover(List<String> inputs, Path cwd, String tool) {
        return discover(inputs, cwd, tool, null);
    }

    /**
     * As {@link #discover(List, Path, String)}; with {@code dialect} mongodb, JavaScript and TypeScript scripts
     * outside a migrate-mongo layout are read as mongosh scripts too.
     */
    public static Result discover(List<String> inputs, Path cwd, String tool, Dialect dialect) {
        Result r = new Result();
        if (tool != null && !TOOLS.contains(tool)) {
            r.errors.add(new InputError(null, 0, 0, "unknown tool '" + tool + "' (use one of " + String.join(", ", TOOLS) + ")"));
            return r;
        }
        for (String in : inputs) {
            Path p = cwd.resolve(in).normalize();
            if (!Files.exists(p)) {
                r.errors.add(new InputError(in, 0, 0, Files.isSymbolicLink(p)
                        ? "broken symbolic link (its target is missing, or the links form a loop)"
                        : Path.of(in).isAbsolute() ? "no such file or directory"
                        : "no such file or directory (check the path, relative to " + cwd.toAbsolutePath() + ")"));
                continue;
            }
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                walk(p, in, cwd, found, r.errors);
                found.sort((a, b) -> NaturalOrder.INSTANCE.compare(unix(p.relativize(a)), unix(p.relativize(b))));
                Set<Object> seen = new HashSet<>();
                List<Path> once = new ArrayList<>();
                for (Path f : found) {
                    if (seen.add(realPath(f))) { // a file reached twice through a linked folder is read once
                        once.add(f);
                    }
                }
                new Folder(p, cwd, tool, dialect, r).run(once);
            } else {
                Folder one = new Folder(p.getParent() == null ? p : p.getParent(), cwd, tool, dialect, r);
                SourceFile mongo = MongoFiles.describe(p, display(cwd, p));
                if (mongo != null) {
                    r.files.add(mongo);
                } else if (ChangelogFiles.isChangelog(p)) {
                    one.liquibase(List.of(p));
                } else {
                    one.perFile(List.of(p));
                }
            }
        }
        return r;
    }

    /**
     * Collects the regular files under {@code root}, following symbolic links. A link loop is walked once; a broken
     * link or a FIFO or device with a migration's name (.sql, changelogs, scripts, sqitch.plan), and a folder that
     * cannot be listed, are input errors (never a silent skip).
     */
    private static void walk(Path root, String in, Path cwd, List<Path> found, List<InputError> errors) {
        List<InputError> mine = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return !dir.equals(root) && hiddenOrBuild(root, dir) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            if (hiddenOrBuild(root, f)) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (attrs.isRegularFile()) {
                                found.add(f);
                            } else if (!isSqlName(f)) {
                                return FileVisitResult.CONTINUE;
                            } else if (attrs.isSymbolicLink()) {
                                mine.add(new InputError(display(cwd, f), 0, 0,
                                        "broken symbolic link (its target is missing, or the links form a loop), so this migration is not checked"));
                            } else if (!attrs.isDirectory()) {
                                mine.add(new InputError(display(cwd, f), 0, 0,
                                        "not a regular file (a FIFO, socket or device), so this migration is not checked"));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            if (e instanceof FileSystemLoopException) {
                                return FileVisitResult.CONTINUE; // a link back to a folder already being read
                            }
                            if (!isSqlName(f) && !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)
                                    && !Files.isSymbolicLink(f)) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (hiddenOrBuild(root, f)) {
                                return FileVisitResult.CONTINUE;
                            }
                            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                                    : e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                                    ? fse.getReason() : e.getClass().getSimpleName();
                            mine.add(new InputError(display(cwd, f), 0, 0, "cannot read (" + why
                                    + "), so what it holds is not checked"));
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException | java.io.UncheckedIOException e) {
            mine.add(new InputError(in, 0, 0, "cannot list directory: " + e.getMessage()));
        }
        mine.sort(Comparator.comparing(InputError::getFile, NaturalOrder.INSTANCE));
        errors.addAll(mine);
    }

    private static Object realPath(Path f) {
        try {
            return f.toRealPath();
        } catch (IOException e) {
            return f.toAbsolutePath().normalize();
        }
    }

    /** Names a migration could have: an entry with one that cannot be read is reported. */
    private static boolean isSqlName(Path f) {
        String n = f.getFileName() == null ? "" : f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.equals("sqitch.plan") || n.matches(".*\\.(sql|xml|ya?ml|json|js|cjs|mjs|ts|py)$");
    }

    /** Discovery of one input folder. */
    private static final class Folder {
        final Path root;
        final Path cwd;
        final String tool;
        final Dialect dialect;
        final Result r;
        final Set<Path> used = new HashSet<>();
        final Set<String> sniffed = new TreeSet<>();

        Folder(Path root, Path cwd, String tool, Dialect dialect, Result r) {
            this.root = root;
            this.cwd = cwd;
            this.tool = tool;
            this.dialect = dialect;
            this.r = r;
        }

        void run(List<Path> all) {
            List<Path> claimedDirs = new ArrayList<>();
            if (tool == null || tool.equals("migrate-mongo")) {
                for (Path f : all) {
                    if (MONGO_CONFIG.matcher(f.getFileName().toString()).matches()) {
                        migrateMongo(f, all);
                        claimedDirs.add(f.getParent());
                    }
                }
            }
            for (var e : CodeSources.readers().entrySet()) {
                if (tool == null || tool.equals(e.getKey())) {
                    code(e.getValue(), all, claimedDirs);
                }
            }
            mongoFiles(all, claimedDirs);
            if (tool == null || tool.equals("sqitch")) {
                for (Path f : all) {
                    if (f.getFileName().toString().equals("sqitch.plan")) {
                        sqitch(f);
                        claimedDirs.add(f.getParent());
                    }
                }
            }
            if (tool == null || tool.equals("liquibase")) {
                List<Path> changelogs = new ArrayList<>();
                for (Path f : all) {
                    if (!used.contains(f) && !under(f, claimedDirs) && ChangelogFiles.isChangelog(f)) {
                        changelogs.add(f);
                    }
                }
                if (!changelogs.isEmpty()) {
                    Set<Path> dirs = liquibase(changelogs);
                    claimedDirs.addAll(dirs);
                }
            }
            List<Path> rest = new ArrayList<>();
            for (Path f : all) {
                if (used.contains(f) || !f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")) {
                    continue;
                }
                if (under(f, claimedDirs)) {
                    r.files.add(new SourceFile(f, new Migration(display(cwd, f), f.getFileName().toString(), null,
                            Migration.Direction.UP, "plain", Migration.TxMode.UNKNOWN),
                            "not part of the migration history (no changelog or plan next to it names this file)"));
                    continue;
                }
                rest.add(f);
            }
            perFile(rest);
        }

        private boolean under(Path f, List<Path> dirs) {
            for (Path d : dirs) {
                if (f.startsWith(d)) {
                    return true;
                }
            }
            return false;
        }

        /** migrate-mongo: the config names the migrations folder; the mongodb dialect reads the scripts. */
        void migrateMongo(Path config, List<Path> all) {
            String text = peek(config, 1 << 16);
            Matcher m = MONGO_DIR.matcher(text);
            boolean named = m.find();
            Path dir;
            try {
                dir = config.getParent().resolve(named ? m.group(1) : "migrations").normalize();
            } catch (java.nio.file.InvalidPathException e) {
                // migrationsDir names no possible folder (a NUL character): say where, and claim no script
                String before = text.substring(0, m.start(1));
                int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
                r.errors.add(new InputError(display(cwd, config), line, m.start(1) - before.lastIndexOf('\n'),
                        "migrationsDir is not a folder name a file system can hold (" + e.getReason()
                                + "): fix it in the config"));
                dir = null;
            }
            int n = 0;
            for (Path f : all) {
                String name = f.getFileName().toString();
                if (dir != null && f.getParent().equals(dir) && (name.endsWith(".js") || name.endsWith(".cjs") || name.endsWith(".mjs")
                        || name.endsWith(".ts"))) {
                    String id = name.replaceFirst("(\\.(js|cjs|mjs|ts))+$", "");
                    r.files.add(new SourceFile(f, new Migration(display(cwd, f), id, Dialect.MONGODB, Migration.Direction.UP,
                            "migrate-mongo", Migration.TxMode.NONE), null));
                    used.add(f);
                    n++;
                }
            }
            used.add(config);
            r.layouts.add(new Layout(display(cwd, config.getParent()), "migrate-mongo", List.of("mongodb"),
                    config.getFileName() + ", scripts in " + (dir == null ? "(no valid folder)" : display(config.getParent(), dir) + "/"), n));
        }

        /**
         * MongoDB files outside a migrate-mongo layout: golang-migrate JSON command files, Liquibase-MongoDB
         * changelogs, and (with the mongodb dialect) mongosh scripts.
         */
        void mongoFiles(List<Path> all, List<Path> claimedDirs) {
            List<SourceFile> found = new ArrayList<>();
            for (Path f : all) {
                if (!used.contains(f) && !under(f, claimedDirs) && MongoFiles.isCandidate(f, root, dialect)) {
                    SourceFile sf = MongoFiles.describe(f, display(cwd, f));
                    if (sf != null) {
                        found.add(sf);
                        used.add(f);
                    }
                }
            }
            r.files.addAll(found);
            summarise(found);
        }

        /** A code migration tool's layout (Alembic, Django, Knex, TypeORM): the reader names its files in run order. */
        void code(dev.schemagate.model.spi.CodeMigrationReader reader, List<Path> all, List<Path> claimedDirs) {
            List<Path> free = new ArrayList<>();
            for (Path f : all) {
                if (!used.contains(f) && !under(f, claimedDirs)) {
                    free.add(f);
                }
            }
            dev.schemagate.model.code.CodeLayout layout;
            try {
                layout = reader.claim(root, free, dialect);
            } catch (RuntimeException e) {
                r.errors.add(new InputError(display(cwd, root), 0, 0, "the " + reader.tool() + " layout reader failed ("
                        + e.getClass().getSimpleName() + "); its migrations are not checked"));
                return;
            }
            if (layout == null || layout.getFiles().isEmpty()) {
                return;
            }
            Set<Path> dirs = new TreeSet<>();
            for (dev.schemagate.model.code.CodeLayout.File cf : layout.getFiles()) {
                Path f = cf.path();
                used.add(f);
                dirs.add(f.getParent());
                r.files.add(new SourceFile(f, new Migration(display(cwd, f), cf.id(),
                        cf.dialect() != null ? cf.dialect() : layout.getDialect(),
                        Migration.Direction.UP, reader.tool(), Migration.TxMode.UNKNOWN), null, SourceFile.Part.CODE));
            }
            used.addAll(layout.getMarkers());
            claimedDirs.addAll(dirs);
            for (dev.schemagate.model.code.CodeLayout.Problem p : layout.getProblems()) {
                r.errors.add(new InputError(display(cwd, p.path()), p.line(), p.column(), p.message()));
            }
            Set<String> dialects = new TreeSet<>();
            for (dev.schemagate.model.code.CodeLayout.File cf : layout.getFiles()) {
                Dialect fd = cf.dialect() != null ? cf.dialect() : layout.getDialect();
                dialects.add(fd == null ? "unknown" : fd.id());
            }
            r.layouts.add(new Layout(display(cwd, root), reader.tool(), List.copyOf(dialects), layout.getEvidence(),
                    layout.getFiles().size()));
        }

        /** Sqitch: changes in sqitch.plan order, deploy/NAME.sql up and revert/NAME.sql down. */
        void sqitch(Path plan) {
            Path dir = plan.getParent();
            Dialect d = null;
            String engine = "";
            for (Path conf : List.of(dir.resolve("sqitch.conf"))) {
                Matcher m = SQITCH_ENGINE.matcher(peek(conf, 1 << 16));
                if (m.find()) {
                    engine = m.group(1).replace("\"", "");
                    d = Dialect.parse(engine);
                }
            }
            String text;
            try {
                text = SourceReader.read(plan).text;
            } catch (SourceReader.Unreadable e) {
                r.errors.add(new InputError(display(cwd, plan), 0, 0, e.getMessage()));
                return;
            }
            used.add(plan);
            String[] lines = text.split("\r?\n", -1);
            int n = 0;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("%") || line.startsWith("#") || line.startsWith("@")) {
                    continue;
                }
                String name = line.split("\\s+")[0];
                if (!seen.add(name)) {
                    r.errors.add(new InputError(display(cwd, plan), i + 1, 1, "reworked change '" + name
                            + "': SchemaGate reads the latest deploy/" + name + ".sql once"));
                    continue;
                }
                Path up;
                Path down;
                Path verify;
                try {
                    up = dir.resolve("deploy").resolve(name + ".sql");
                    down = dir.resolve("revert").resolve(name + ".sql");
                    verify = dir.resolve("verify").resolve(name + ".sql");
                } catch (java.nio.file.InvalidPathException e) {
                    r.errors.add(new InputError(display(cwd, plan), i + 1, 1, "sqitch.plan names change '" + name
                            + "', which is not a file name a file system can hold (" + e.getReason() + ")"));
                    continue;
                }
                if (!Files.isRegularFile(up)) {
                    r.errors.add(new InputError(display(cwd, plan), i + 1, 1, "sqitch.plan names change '" + name
                            + "' but " + display(cwd, up) + " does not exist"));
                    continue;
                }
                n++;
                add(up, name, d, Migration.Direction.UP, "sqitch", Migration.TxMode.NONE, null);
                if (Files.isRegularFile(down)) {
                    add(down, name, d, Migration.Direction.DOWN, "sqitch", Migration.TxMode.NONE, null);
                }
                if (Files.isRegularFile(verify)) {
                    add(verify, name, d, Migration.Direction.UP, "sqitch", Migration.TxMode.NONE,
                            "Sqitch verify script: it checks a deploy, it changes nothing");
                }
            }
            r.layouts.add(new Layout(display(cwd, dir), "sqitch", List.of(d == null ? "unknown" : d.id()),
                    "sqitch.plan" + (engine.isEmpty() ? "" : ", engine " + engine + " in sqitch.conf"), n));
        }

        private void add(Path f, String id, Dialect d, Migration.Direction dir, String tool, Migration.TxMode tx, String skip) {
            used.add(f);
            r.files.add(new SourceFile(f, new Migration(display(cwd, f), id, d, dir, tool, tx), skip));
        }

        /** Liquibase: every changelog no other includes is a root; files come in include order. */
        Set<Path> liquibase(List<Path> changelogs) {
            ChangelogFiles.Ordered o = ChangelogFiles.order(changelogs);
            Set<Path> dirs = new TreeSet<>();
            Set<String> dialects = new TreeSet<>();
            for (InputError e : o.errors(cwd)) {
                r.errors.add(e);
            }
            for (Path f : o.files) {
                used.add(f);
                Dialect d = dialectFromPath(f);
                dialects.add(d == null ? "unknown" : d.id());
                r.files.add(new SourceFile(f, new Migration(display(cwd, f), f.getFileName().toString(), d,
                        Migration.Direction.UP, "liquibase", Migration.TxMode.WRAPPED), null, SourceFile.Part.LIQUIBASE));
            }
            for (Path sqlFile : o.sqlFiles) {
                used.add(sqlFile);
                used.add(sqlFile.normalize());
            }
            for (Path rootLog : o.roots) {
                dirs.add(rootLog.getParent());
            }
            if (!o.files.isEmpty()) {
                r.layouts.add(new Layout(display(cwd, o.roots.get(0).getParent()), "liquibase", List.copyOf(dialects),
                        "changelog " + o.roots.get(0).getFileName(), o.files.size()));
            }
            return dirs;
        }

        /** Files described by their names. */
        void perFile(List<Path> files) {
            List<SourceFile> out = new ArrayList<>();
            for (Path f : files) {
                String name = f.getFileName().toString();
                String other = otherDatabaseFolder(f, root);
                Matcher dm = DBMATE.matcher(name);
                boolean dbmate = "dbmate".equals(tool) || (tool == null && dm.matches() && !POPX.matcher(name).matches()
                        && !GOLANG.matcher(name).matches() && DBMATE_UP.matcher(peek(f, 1 << 16)).find());
                if (dbmate) {
                    String id = dm.matches() ? dm.group(1) : name;
                    Dialect d = dialectFromPath(f);
                    Migration up = new Migration(display(cwd, f), id, d, Migration.Direction.UP, "dbmate", Migration.TxMode.WRAPPED);
                    out.add(new SourceFile(f, up, other, SourceFile.Part.DBMATE_UP));
                    out.add(new SourceFile(f, new Migration(display(cwd, f), id, d, Migration.Direction.DOWN, "dbmate",
                            Migration.TxMode.WRAPPED), other, SourceFile.Part.DBMATE_DOWN));
                    continue;
                }
                SourceFile sf = describe(f, display(cwd, f));
                if (other != null && sf.getSkipReason() == null) {
                    sf = sf.skipped(other);
                }
                if (tool != null && !tool.equals(sf.getMigration().getTool())) {
                    Migration m = sf.getMigration();
                    sf = sf.withMigration(new Migration(m.getPath(), m.getId(), m.getDialect(), m.getDirection(), tool,
                            m.getTxMode()));
                }
                out.add(sf);
            }
            out = flywayOrder(sniffDialects(out));
            r.files.addAll(out);
            summarise(out);
        }

        /**
         * In a folder where no name says the dialect, the SQL may: MySQL backticks and ENGINE=, SQLite PRAGMA and
         * AUTOINCREMENT, PostgreSQL casts and dollar quotes. The dialect most files point to is the folder's.
         */
        private List<SourceFile> sniffDialects(List<SourceFile> files) {
            Map<Path, List<Integer>> byDir = new LinkedHashMap<>();
            Set<Path> named = new HashSet<>();
            for (int i = 0; i < files.size(); i++) {
                SourceFile f = files.get(i);
                byDir.computeIfAbsent(f.getPath().getParent(), k -> new ArrayList<>()).add(i);
                if (f.getMigration().getDialect() != null || f.getSkipReason() != null) {
                    named.add(f.getPath().getParent());
                }
            }
            List<SourceFile> out = new ArrayList<>(files);
            for (Map.Entry<Path, List<Integer>> e : byDir.entrySet()) {
                if (named.contains(e.getKey())) {
                    continue;
                }
                Map<Dialect, Integer> votes = new java.util.EnumMap<>(Dialect.class);
                int sampled = 0;
                for (int i : e.getValue()) {
                    if (sampled++ >= 40) {
                        break;
                    }
                    Dialect d = DialectSniffer.sniff(peek(files.get(i).getPath(), 1 << 16));
                    if (d != null) {
                        votes.merge(d, 1, Integer::sum);
                    }
                }
                Dialect best = null;
                for (Map.Entry<Dialect, Integer> v : votes.entrySet()) {
                    if (best == null || v.getValue() > votes.get(best)) {
                        best = v.getKey();
                    }
                }
                if (best == null) {
                    continue;
                }
                sniffed.add(best.id());
                for (int i : e.getValue()) {
                    Migration m = files.get(i).getMigration();
                    out.set(i, files.get(i).withMigration(m.withDialect(best)));
                }
            }
            return out;
        }

        private void summarise(List<SourceFile> files) {
            Map<String, Set<String>> dialects = new LinkedHashMap<>();
            Map<String, Set<Path>> paths = new HashMap<>();
            for (SourceFile f : files) {
                Migration m = f.getMigration();
                dialects.computeIfAbsent(m.getTool(), k -> new TreeSet<>()).add(m.getDialect() == null ? "unknown"
                        : m.getDialect().id());
                paths.computeIfAbsent(m.getTool(), k -> new HashSet<>()).add(f.getPath());
            }
            List<String> tools = new ArrayList<>(dialects.keySet());
            tools.sort(Comparator.naturalOrder());
            for (String t : tools) {
                String evidence = tool != null ? "--tool " + tool : EVIDENCE.getOrDefault(t, "file names");
                if (!sniffed.isEmpty()) {
                    evidence += "; dialect " + String.join(", ", sniffed) + " from the SQL itself";
                }
                r.layouts.add(new Layout(display(cwd, root), t, List.copyOf(dialects.get(t)), evidence, paths.get(t).size()));
            }
        }
    }

    private static final Map<String, String> EVIDENCE = Map.of(
            "flyway", "file names V<version>__<description>.sql",
            "popx", "file names <version>_<name>[.<dialect>].(up|down).sql",
            "golang-migrate", "file names <version>_<name>.(up|down).sql",
            "prisma", "folders <timestamp>_<name>/migration.sql",
            "diesel", "folders <timestamp>_<name>/up.sql and down.sql",
            "dbmate", "-- migrate:up and -- migrate:down sections",
            "plain", "no tool's naming convention: files in name order");

    /**
     * Flyway order inside each folder: versioned migrations by version, then repeatable ones; a baseline
     * migration ({@code B}) stands in for the versioned migrations up to its version only when none of those exist.
     */
    static List<SourceFile> flywayOrder(List<SourceFile> in) {
        Map<Path, List<Integer>> byDir = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).getMigration().getTool().equals("flyway")) {
                byDir.computeIfAbsent(in.get(i).getPath().getParent(), k -> new ArrayList<>()).add(i);
            }
        }
        List<SourceFile> out = new ArrayList<>(in);
        for (List<Integer> idx : byDir.values()) {
            List<SourceFile> group = new ArrayList<>();
            for (int i : idx) {
                group.add(in.get(i));
            }
            List<String> versions = new ArrayList<>();
            for (SourceFile f : group) {
                if (kind(f) == 'V') {
                    versions.add(version(f));
                }
            }
            List<SourceFile> sorted = new ArrayList<>();
            for (SourceFile f : group) {
                if (kind(f) == 'B') {
                    String bv = version(f);
                    boolean covered = versions.stream().anyMatch(v -> NaturalOrder.INSTANCE.compare(v, bv) <= 0);
                    sorted.add(covered ? f.skipped("Flyway baseline migration: Flyway runs it only on an empty database, "
                            + "instead of the versioned migrations up to " + bv + ", which are checked here") : f);
                }
            }
            for (SourceFile f : group) {
                if (kind(f) == 'V' || kind(f) == 'U') {
                    sorted.add(f);
                }
            }
            for (SourceFile f : group) {
                if (kind(f) == 'R') {
                    sorted.add(f);
                }
            }
            for (int k = 0; k < idx.size(); k++) {
                out.set(idx.get(k), sorted.get(k));
            }
        }
        return out;
    }

    private static char kind(SourceFile f) {
        return Character.toUpperCase(f.getPath().getFileName().toString().charAt(0));
    }

    private static String version(SourceFile f) {
        Matcher m = FLYWAY.matcher(f.getPath().getFileName().toString());
        return m.matches() && m.group(2) != null ? m.group(2).replace('_', '.') : "";
    }

    /** The first {@code max} bytes of a file as text, or "" when it cannot be read. */
    public static String peek(Path f, int max) {
        if (!Files.isRegularFile(f)) {
            return ""; // a FIFO or device would block the read; SourceReader reports it
        }
        try (InputStream in = Files.newInputStream(f)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean hiddenOrBuild(Path root, Path f) {
        for (Path part : root.relativize(f)) {
            String s = part.toString();
            if (s.startsWith(".") || s.equals("node_modules") || s.equals("target")) {
                return true;
            }
        }
        return false;
    }

    private static String unix(Path p) {
        return p.toString().replace('\\', '/');
    }

    /** A path as reports show it: relative to {@code cwd} when under it, with forward slashes. */
    public static String display(Path cwd, Path f) {
        Path abs = f.toAbsolutePath().normalize();
        Path base = cwd.toAbsolutePath().normalize();
        return abs.startsWith(base) ? unix(base.relativize(abs)) : unix(abs);
    }

    /** Works out what a file's name and location say about it. */
    public static SourceFile describe(Path f, String display) {
        String name = f.getFileName().toString();
        String parent = f.getParent() == null || f.getParent().getFileName() == null ? ""
                : f.getParent().getFileName().toString();
        Dialect dialect = dialectFromPath(f);
        String id = name;
        Migration.Direction dir = Migration.Direction.UP;
        String tool = "plain";
        Migration.TxMode tx = Migration.TxMode.UNKNOWN;
        String skip = null;
        Matcher m;
        if ((m = POPX.matcher(name)).matches()) {
            tool = "popx";
            id = m.group(1) + "_" + m.group(2);
            dir = m.group(5).equals("down") ? Migration.Direction.DOWN : Migration.Direction.UP;
            tx = m.group(4) != null ? Migration.TxMode.NONE : Migration.TxMode.WRAPPED;
            if (m.group(3) != null) {
                if (m.group(3).equals("cockroach")) {
                    skip = "CockroachDB migration (its file name says cockroach), a database SchemaGate does not read";
                } else {
                    dialect = Dialect.parse(m.group(3));
                }
            }
        } else if ((m = GOLANG.matcher(name)).matches()) {
            tool = "golang-migrate";
            id = m.group(1);
            dir = m.group(3).equals("down") ? Migration.Direction.DOWN : Migration.Direction.UP;
            // its sqlite3 driver wraps each migration in a transaction (x-no-tx-wrap turns that off)
            tx = dialect == Dialect.SQLITE ? Migration.TxMode.WRAPPED : Migration.TxMode.IMPLICIT;
        } else if ((m = FLYWAY.matcher(name)).matches()) {
            tool = "flyway";
            char kind = Character.toUpperCase(m.group(1).charAt(0));
            String version = m.group(2) == null ? "" : m.group(2);
            id = kind + version + "__" + m.group(3);
            dir = kind == 'U' ? Migration.Direction.DOWN : Migration.Direction.UP;
            tx = Migration.TxMode.WRAPPED;
            Matcher v = FLYWAY_DIALECT.matcher(name);
            if (v.find()) {
                dialect = Dialect.parse(v.group(1));
            }
        } else if (name.equals("migration.sql") && PRISMA_DIR.matcher(parent).matches()) {
            tool = "prisma";
            id = parent;
            tx = Migration.TxMode.IMPLICIT;
            if (dialect == null) {
                dialect = prismaProvider(f.getParent().getParent());
            }
        } else if (name.equals("down.sql") && PRISMA_DIR.matcher(parent).matches()
                && Files.isRegularFile(f.resolveSibling("migration.sql"))) {
            tool = "prisma";
            id = parent;
            dir = Migration.Direction.DOWN;
            tx = Migration.TxMode.IMPLICIT;
            if (dialect == null) {
                dialect = prismaProvider(f.getParent().getParent());
            }
        } else if ((name.equals("up.sql") || name.equals("down.sql")) && DIESEL_DIR.matcher(parent).matches()) {
            tool = "diesel";
            id = parent;
            dir = name.equals("down.sql") ? Migration.Direction.DOWN : Migration.Direction.UP;
            tx = Migration.TxMode.WRAPPED;
        } else if (name.toLowerCase(Locale.ROOT).endsWith(".down.sql")) {
            dir = Migration.Direction.DOWN;
            id = name.substring(0, name.length() - ".down.sql".length());
        } else if (name.toLowerCase(Locale.ROOT).endsWith(".up.sql")) {
            id = name.substring(0, name.length() - ".up.sql".length());
        }
        return new SourceFile(f, new Migration(display, id, dialect, dir, tool, tx), skip);
    }

    /**
     * Folder names of databases SchemaGate does not read, as projects name one folder per database
     * ({@code db/migration/h2/}, {@code db/clickhouse/}), with the database's own name.
     */
    private static final Map<String, String> OTHER_DATABASES = Map.ofEntries(
            Map.entry("cockroach", "CockroachDB"), Map.entry("cockroachdb", "CockroachDB"),
            Map.entry("clickhouse", "ClickHouse"), Map.entry("mssql", "SQL Server"), Map.entry("sqlserver", "SQL Server"),
            Map.entry("sql_server", "SQL Server"), Map.entry("sql-server", "SQL Server"), Map.entry("oracle", "Oracle"),
            Map.entry("h2", "H2"), Map.entry("hsqldb", "HSQLDB"), Map.entry("db2", "Db2"), Map.entry("derby", "Derby"),
            Map.entry("snowflake", "Snowflake"), Map.entry("redshift", "Redshift"), Map.entry("bigquery", "BigQuery"),
            Map.entry("duckdb", "DuckDB"), Map.entry("firebird", "Firebird"), Map.entry("informix", "Informix"),
            Map.entry("sybase", "Sybase"), Map.entry("spanner", "Spanner"), Map.entry("cassandra", "Cassandra"));

    /**
     * Why a file in a folder named for a database SchemaGate does not read is not checked, or null. Only folders from
     * the checked folder {@code root} down count: a checkout under {@code ~/oracle/} is not an Oracle project.
     */
    static String otherDatabaseFolder(Path f, Path root) {
        Path top = root.toAbsolutePath().normalize();
        for (Path p = f.toAbsolutePath().normalize().getParent(); p != null && p.getFileName() != null && p.startsWith(top);
                p = p.getParent()) {
            String d = p.getFileName().toString().toLowerCase(Locale.ROOT);
            String db = OTHER_DATABASES.get(d);
            if (db != null) {
                return db + " migration (its folder says " + p.getFileName() + "), a database SchemaGate does not read";
            }
            if (Dialect.parse(d) != null && !d.equals("pg")) {
                return null; // the nearest folder naming a database decides: mysql/h2-compat/ is MySQL
            }
        }
        return null;
    }

    /** The dialect named by {@code provider = "..."} in a Prisma {@code migration_lock.toml}, or null. */
    static Dialect prismaProvider(Path migrationsDir) {
        if (migrationsDir == null) {
            return null;
        }
        Path lock = migrationsDir.resolve("migration_lock.toml");
        if (!Files.isRegularFile(lock)) {
            return null;
        }
        Matcher m = PRISMA_PROVIDER.matcher(peek(lock, 1 << 14));
        return m.find() ? Dialect.parse(m.group(1)) : null;
    }

    /** A dialect named by a folder on the path (postgres/, MYSQL/, sqlite3/, ...) or by the file name. */
    static Dialect dialectFromPath(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String part : name.split("[._]")) {
            if (part.equals("postgres") || part.equals("postgresql") || part.equals("mysql") || part.equals("mariadb")
                    || part.equals("sqlite") || part.equals("sqlite3")) {
                return Dialect.parse(part);
            }
        }
        for (Path p = f.getParent(); p != null && p.getFileName() != null; p = p.getParent()) {
            String d = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (OTHER_DATABASES.containsKey(d)) {
                return null;
            }
            Dialect x = Dialect.parse(d);
            if (x != null && !d.equals("pg")) {
                return x;
            }
        }
        return null;
    }
}
