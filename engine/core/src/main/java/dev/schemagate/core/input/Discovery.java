package dev.schemagate.core.input;

import dev.schemagate.core.InputError;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import java.io.IOException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds migration files under the paths a user gives and works out, from names and folders, what each one is:
 * its version, direction, dialect, migration tool, and how the tool runs it with respect to transactions.
 * Files are ordered as the tools order them (natural version order within each folder).
 */
public final class Discovery {
    private static final Pattern FLYWAY = Pattern.compile("^([VUBR])([0-9][0-9._]*)?__(.+)\\.sql$", Pattern.CASE_INSENSITIVE);
    private static final Pattern POPX = Pattern.compile(
            "^([0-9]{14,})_(.+?)(?:\\.(postgres|mysql|sqlite3?|cockroach))?(\\.autocommit)?\\.(up|down)\\.sql$");
    private static final Pattern GOLANG = Pattern.compile("^([0-9]+)_(.+)\\.(up|down)\\.sql$");
    private static final Pattern PRISMA_DIR = Pattern.compile("^[0-9]{14}_.+");
    private static final Pattern DIESEL_DIR = Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}_.+");

    /** Files found (in order) and the inputs that could not be used. */
    public static final class Result {
        public final List<SourceFile> files = new ArrayList<>();
        public final List<InputError> errors = new ArrayList<>();
    }

    private Discovery() {
    }

    public static Result discover(List<String> inputs, Path cwd) {
        Result r = new Result();
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
                for (Path f : found) {
                    if (seen.add(realPath(f))) { // a file reached twice through a linked folder is read once
                        r.files.add(describe(f, display(cwd, f)));
                    }
                }
            } else {
                r.files.add(describe(p, display(cwd, p)));
            }
        }
        return r;
    }

    /**
     * Collects the .sql files under {@code root}, following symbolic links. A link loop is walked once; a broken
     * link, a FIFO or device named .sql, and a folder that cannot be listed are input errors (never a silent skip).
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
                            if (!isSqlName(f) || hiddenOrBuild(root, f)) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (attrs.isRegularFile()) {
                                found.add(f);
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

    private static boolean isSqlName(Path f) {
        return f.getFileName() != null && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql");
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

    static String display(Path cwd, Path f) {
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
                    skip = "CockroachDB migration (file name says cockroach), a dialect SchemaGate does not read";
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
            id = kind + (m.group(2) == null ? "" : m.group(2)) + "__" + m.group(3);
            dir = kind == 'U' ? Migration.Direction.DOWN : Migration.Direction.UP;
            tx = Migration.TxMode.WRAPPED;
            Matcher v = Pattern.compile("_{2,3}(POSTGRESQL|POSTGRES|MYSQL|MARIADB|SQLITE)\\.sql$", Pattern.CASE_INSENSITIVE).matcher(name);
            if (v.find()) {
                dialect = Dialect.parse(v.group(1));
            }
        } else if (name.equals("migration.sql") && PRISMA_DIR.matcher(parent).matches()) {
            tool = "prisma";
            id = parent;
            tx = Migration.TxMode.IMPLICIT;
        } else if ((name.equals("up.sql") || name.equals("down.sql")) && DIESEL_DIR.matcher(parent).matches()) {
            tool = "diesel";
            id = parent;
            dir = name.equals("down.sql") ? Migration.Direction.DOWN : Migration.Direction.UP;
            tx = Migration.TxMode.WRAPPED;
        } else if (name.toLowerCase(Locale.ROOT).endsWith(".down.sql")) {
            dir = Migration.Direction.DOWN;
        }
        if (skip == null && dir == Migration.Direction.DOWN) {
            skip = "down migration: check replays the up direction only";
        }
        return new SourceFile(f, new Migration(display, id, dialect, dir, tool, tx), skip);
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
            if (d.equals("cockroachdb") || d.equals("cockroach")) {
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
