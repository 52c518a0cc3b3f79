package dev.schemagate.core.input.liquibase;

import dev.schemagate.core.InputError;
import dev.schemagate.core.input.Discovery;
import dev.schemagate.core.input.NaturalOrder;
import dev.schemagate.core.input.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds Liquibase changelogs and puts them in the order Liquibase runs them: from each changelog that no other
 * includes (a master changelog), depth first through {@code include} and {@code includeAll}.
 */
public final class ChangelogFiles {
    private static final Pattern FORMATTED_SQL = Pattern.compile("^\\s*--\\s*liquibase\\s+formatted\\s+sql",
            Pattern.CASE_INSENSITIVE);

    /** Changelogs in run order, the roots they were reached from, and includes that could not be followed. */
    public static final class Ordered {
        public final List<Path> files = new ArrayList<>();
        public final List<Path> roots = new ArrayList<>();
        /** Files the changelogs run with {@code sqlFile}: part of the history, read with their changeSet. */
        public final Set<Path> sqlFiles = new LinkedHashSet<>();
        final List<Object[]> problems = new ArrayList<>();

        /** The problems as input errors with paths relative to {@code cwd}. */
        public List<InputError> errors(Path cwd) {
            List<InputError> out = new ArrayList<>();
            for (Object[] p : problems) {
                out.add(new InputError(Discovery.display(cwd, (Path) p[0]), (Integer) p[1], (Integer) p[2], (String) p[3]));
            }
            return out;
        }
    }

    private ChangelogFiles() {
    }

    /** Whether a file is a Liquibase changelog: XML/YAML/JSON with databaseChangeLog, or formatted SQL. */
    public static boolean isChangelog(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".sql")) {
            return FORMATTED_SQL.matcher(Discovery.peek(f, 256)).find();
        }
        if (n.endsWith(".xml") || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) {
            return Discovery.peek(f, 4096).contains("databaseChangeLog");
        }
        return false;
    }

    static boolean isFormattedSql(String text) {
        return FORMATTED_SQL.matcher(text).find();
    }

    /** Orders the changelogs found in a folder. */
    public static Ordered order(List<Path> changelogs) {
        Ordered o = new Ordered();
        Set<Path> included = new LinkedHashSet<>();
        List<List<Path>> includesOf = new ArrayList<>();
        for (Path f : changelogs) {
            List<Path> inc = includes(f, null);
            includesOf.add(inc);
            included.addAll(inc);
        }
        for (Path f : changelogs) {
            if (!included.contains(f.normalize())) {
                o.roots.add(f);
            }
        }
        if (o.roots.isEmpty() && !changelogs.isEmpty()) {
            o.roots.add(changelogs.get(0));
        }
        Set<Path> seen = new LinkedHashSet<>();
        for (Path r : o.roots) {
            visit(r, o, seen);
        }
        return o;
    }

    private static void visit(Path f, Ordered o, Set<Path> seen) {
        if (!seen.add(f.normalize())) {
            return;
        }
        o.files.add(f);
        for (Path inc : includes(f, o)) {
            visit(inc, o, seen);
        }
    }

    /** The changelogs a changelog includes, in order; problems go to {@code o} when it is not null. */
    static List<Path> includes(Path f, Ordered o) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sql")) {
            return List.of();
        }
        Node root;
        try {
            root = ChangelogParser.parse(name, SourceReader.read(f).text);
        } catch (ChangelogParser.Invalid e) {
            return List.of();
        } catch (SourceReader.Unreadable e) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        if (o != null) {
            sqlFiles(f, root, o.sqlFiles);
        }
        for (Node n : root.children) {
            if (n.name.equals("include")) {
                String file = n.attr("file");
                Path p = file == null ? null : resolve(f, file, n.flag("relativeToChangelogFile"));
                if (p == null || !Files.isRegularFile(p)) {
                    problem(o, f, n, "included changelog '" + file + "' not found (looked next to the changelog and in "
                            + "the folders above it)");
                } else {
                    out.add(p.normalize());
                }
            } else if (n.name.equals("includeAll")) {
                String dir = n.attr("path");
                Path d = dir == null ? null : resolve(f, dir, n.flag("relativeToChangelogFile"));
                if (d == null || !Files.isDirectory(d)) {
                    problem(o, f, n, "includeAll folder '" + dir + "' not found");
                    continue;
                }
                List<Path> all = new ArrayList<>();
                try (Stream<Path> s = Files.walk(d)) {
                    s.filter(Files::isRegularFile).filter(x -> {
                        String xn = x.getFileName().toString().toLowerCase(Locale.ROOT);
                        return xn.endsWith(".sql") || isChangelog(x);
                    }).forEach(all::add);
                } catch (IOException e) {
                    problem(o, f, n, "cannot list includeAll folder '" + dir + "': " + e.getMessage());
                }
                all.sort((a, b) -> NaturalOrder.INSTANCE.compare(d.relativize(a).toString(), d.relativize(b).toString()));
                for (Path x : all) {
                    out.add(x.normalize());
                }
            }
        }
        return out;
    }

    private static void sqlFiles(Path changelog, Node n, Set<Path> into) {
        if (n.name.equals("sqlFile") && n.attr("path") != null) {
            Path p = resolve(changelog, n.attr("path"), n.flag("relativeToChangelogFile"));
            if (p != null) {
                into.add(p);
            }
        }
        for (Node c : n.children) {
            sqlFiles(changelog, c, into);
        }
    }

    private static void problem(Ordered o, Path f, Node n, String msg) {
        if (o != null) {
            o.problems.add(new Object[] {f, n.line, n.column, msg});
        }
    }

    /**
     * Next to the changelog, or (classpath-style) relative to one of the folders above it; null when {@code file}
     * is no name a file system can hold (a NUL character), which callers report as not found.
     */
    static Path resolve(Path changelog, String file, boolean relative) {
        Path dir = changelog.toAbsolutePath().getParent();
        Path p;
        try {
            p = dir.resolve(file).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        if (relative || Files.exists(p)) {
            return p;
        }
        for (Path up = dir.getParent(); up != null; up = up.getParent()) {
            Path q = up.resolve(file).normalize();
            if (Files.exists(q)) {
                return q;
            }
        }
        return p;
    }
}
