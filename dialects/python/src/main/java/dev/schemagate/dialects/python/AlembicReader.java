package dev.schemagate.dialects.python;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.spi.CodeMigrationReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alembic: a {@code versions/} folder next to {@code env.py} (found directly or through {@code alembic.ini}'s
 * {@code script_location}), its revision files ordered by their {@code down_revision} chain, each file's
 * {@code upgrade()} and {@code downgrade()} read into operations.
 */
public final class AlembicReader implements CodeMigrationReader {
    private static final Pattern URL = Pattern.compile("(?m)^\\s*sqlalchemy\\.url\\s*=\\s*(\\S+)");
    private static final Pattern SCRIPT = Pattern.compile("(?m)^\\s*script_location\\s*=\\s*(\\S+)");

    @Override
    public String tool() {
        return "alembic";
    }

    @Override
    public CodeLayout claim(Path root, List<Path> files, Dialect forced) {
        List<Path> inis = new ArrayList<>();
        List<Path> envs = new ArrayList<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.equals("alembic.ini")) {
                inis.add(f);
            } else if (n.equals("env.py") && Files.isDirectory(f.resolveSibling("versions"))) {
                envs.add(f);
            }
        }
        if (envs.isEmpty() && inis.isEmpty()) {
            return null;
        }
        List<Path> markers = new ArrayList<>();
        List<CodeLayout.Problem> problems = new ArrayList<>();
        Dialect configured = null;
        String evidence = null;
        for (Path ini : inis) {
            markers.add(ini);
            String text = PyParser.readFile(ini);
            Matcher u = URL.matcher(text);
            if (u.find() && configured == null) {
                configured = dialectOfUrl(u.group(1));
                if (configured != null) {
                    evidence = "alembic.ini sqlalchemy.url";
                }
            }
            Matcher s = SCRIPT.matcher(text);
            if (s.find()) {
                Path env;
                try {
                    env = ini.getParent().resolve(s.group(1).replace("%(here)s/", "").replace("%(here)s", "."))
                            .normalize().resolve("env.py");
                } catch (java.nio.file.InvalidPathException e) {
                    // a folder name no file system can hold (a NUL character): say where; env.py is looked for
                    // next to versions/ as without alembic.ini
                    String before = text.substring(0, s.start(1));
                    problems.add(new CodeLayout.Problem(ini, (int) before.chars().filter(c -> c == '\n').count() + 1,
                            s.start(1) - before.lastIndexOf('\n'), "script_location is not a folder name a file "
                                    + "system can hold (" + e.getReason() + "): fix it in alembic.ini"));
                    env = null;
                }
                if (env != null && Files.isRegularFile(env) && !envs.contains(env)) {
                    envs.add(env);
                }
            }
        }
        if (envs.isEmpty()) {
            return null;
        }
        List<CodeLayout.File> out = new ArrayList<>();
        StringBuilder ev = new StringBuilder(inis.isEmpty() ? "env.py" : "alembic.ini, env.py");
        Dialect dialect = forced != null ? forced : configured;
        for (Path env : envs) {
            markers.add(env);
            Path versions = env.resolveSibling("versions");
            // one folder per dialect (versions/postgresql, versions/sqlite): the one of the dialect is read
            Map<Dialect, Path> perDialect = new TreeMap<>();
            for (Path f : files) {
                if (f.getParent() != null && f.getParent().getParent() != null
                        && f.getParent().getParent().equals(versions)) {
                    Dialect d = Dialect.parse(folderDialect(f.getParent().getFileName().toString()));
                    if (d != null) {
                        perDialect.putIfAbsent(d, f.getParent());
                    }
                }
            }
            Path dir = versions;
            if (!perDialect.isEmpty()) {
                Dialect pick = dialect != null && perDialect.containsKey(dialect) ? dialect
                        : perDialect.containsKey(Dialect.POSTGRES) ? Dialect.POSTGRES : perDialect.keySet().iterator().next();
                dir = perDialect.get(pick);
                if (dialect == null) {
                    dialect = pick;
                    evidence = "versions/" + dir.getFileName() + "/";
                }
                List<String> others = new ArrayList<>();
                for (var e : perDialect.entrySet()) {
                    if (e.getKey() != pick) {
                        others.add("versions/" + e.getValue().getFileName() + " (--dialect " + e.getKey().id() + ")");
                    }
                }
                if (!others.isEmpty()) {
                    ev.append(", one folder per dialect; not read in this run: ").append(String.join(", ", others));
                }
            }
            List<Path> revs = new ArrayList<>();
            for (Path f : files) {
                if (dir.equals(f.getParent()) && f.getFileName().toString().endsWith(".py")
                        && !f.getFileName().toString().equals("__init__.py")) {
                    revs.add(f);
                } else if (f.startsWith(env.getParent()) && isSupport(f.getFileName().toString())) {
                    markers.add(f);
                }
            }
            order(revs, out, problems);
        }
        if (dialect == null) {
            ev.append("; the dialect is not named (sqlalchemy.url is not a literal URL): PostgreSQL assumed, pass "
                    + "--dialect");
        } else if (evidence != null && forced == null) {
            ev.append("; dialect from ").append(evidence);
        }
        return new CodeLayout(out, dialect, ev.toString(), markers, problems);
    }

    /** Files of an Alembic folder that are no migrations: the template, package markers, byte code, notes. */
    private static boolean isSupport(String n) {
        return n.equals("script.py.mako") || n.equals("__init__.py") || n.endsWith(".pyc") || n.equals("README")
                || n.endsWith(".md");
    }

    static String folderDialect(String n) {
        switch (n.toLowerCase(Locale.ROOT)) {
            case "postgresql":
            case "postgres":
            case "pg":
                return "postgres";
            case "sqlite":
                return "sqlite";
            case "mysql":
                return "mysql";
            case "mariadb":
                return "mariadb";
            default:
                return null;
        }
    }

    static Dialect dialectOfUrl(String url) {
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')) : "";
        String base = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        switch (base.toLowerCase(Locale.ROOT)) {
            case "postgresql":
            case "postgres":
                return Dialect.POSTGRES;
            case "mysql":
                return Dialect.MYSQL;
            case "mariadb":
                return Dialect.MARIADB;
            case "sqlite":
                return Dialect.SQLITE;
            default:
                return null;
        }
    }

    /** Module-level facts of a revision file. */
    record Revision(Path path, String id, List<String> down, int line, int column, int downLine, int downColumn,
                    String gaveUp) {
    }

    /** Orders revision files by their down_revision graph (merges included), ties by file name. */
    private static void order(List<Path> revs, List<CodeLayout.File> out, List<CodeLayout.Problem> problems) {
        Map<String, Revision> byId = new LinkedHashMap<>();
        List<Revision> all = new ArrayList<>();
        for (Path p : revs) {
            Revision r = header(p);
            all.add(r);
            if (r.id() == null) {
                problems.add(new CodeLayout.Problem(p, 1, 1, r.gaveUp() != null ? r.gaveUp()
                        + "; its place in the chain is unknown; it is checked last"
                        : "no literal revision = \"...\" in this Alembic file: its place in the chain is unknown; it is "
                        + "checked last"));
                continue;
            }
            if (byId.putIfAbsent(r.id(), r) != null) {
                problems.add(new CodeLayout.Problem(p, r.line(), r.column(), "revision " + r.id() + " is also declared in "
                        + byId.get(r.id()).path().getFileName() + ": Alembic refuses duplicate revisions"));
            }
        }
        Map<String, List<String>> deps = new HashMap<>();
        for (Revision r : all) {
            if (r.id() == null) {
                continue;
            }
            List<String> ok = new ArrayList<>();
            for (String d : r.down()) {
                if (byId.containsKey(d)) {
                    ok.add(d);
                } else {
                    problems.add(new CodeLayout.Problem(r.path(), r.downLine(), r.downColumn(), "down_revision " + d
                            + " is not a revision of this folder: the chain is broken here (a deleted or misspelt "
                            + "revision); fix down_revision to name the previous revision"));
                }
            }
            deps.put(r.id(), ok);
        }
        List<String> ids = new ArrayList<>(byId.keySet());
        ids.sort((a, b) -> byId.get(a).path().getFileName().toString().compareTo(byId.get(b).path().getFileName().toString()));
        List<String> done = Graph.order(ids, deps);
        for (String id : done) {
            out.add(new CodeLayout.File(byId.get(id).path(), id));
        }
        for (String id : ids) {
            if (!done.contains(id)) {
                Revision r = byId.get(id);
                problems.add(new CodeLayout.Problem(r.path(), r.downLine(), r.downColumn(), "revision " + id
                        + " is part of a down_revision cycle: Alembic cannot order it; it is checked last"));
                out.add(new CodeLayout.File(r.path(), id));
            }
        }
        for (Revision r : all) {
            if (r.id() == null) {
                String n = r.path().getFileName().toString();
                out.add(new CodeLayout.File(r.path(), n.substring(0, n.length() - 3)));
            }
        }
    }

    static Revision header(Path p) {
        // the revision identifiers come before the first function: parse only that part of the file
        String text = PyParser.readFile(p);
        java.util.regex.Matcher def = Pattern.compile("(?m)^(?:async\\s+)?def\\s").matcher(text);
        PyParser.Parsed parsed = PyParser.parse(def.find() ? text.substring(0, def.start()) : text);
        PyNode root = parsed.root();
        String id = null;
        List<String> down = List.of();
        int line = 1;
        int col = 1;
        int dl = 1;
        int dc = 1;
        for (PyNode s : root.children()) {
            PyNode a = s.is("expression_statement") && !s.children().isEmpty() ? s.children().get(0) : null;
            if (a == null || !a.is("assignment") || a.get("left") == null || a.get("right") == null) {
                continue;
            }
            String name = a.get("left").text();
            if (name.equals("revision")) {
                Object v = PyExpr.literal(a.get("right"), Map.of());
                if (v instanceof String str) {
                    id = str;
                    line = a.line();
                    col = a.column();
                }
            } else if (name.equals("down_revision")) {
                List<String> d = PyExpr.strings(a.get("right"), Map.of());
                down = d == null ? List.of() : d;
                dl = a.get("right").line();
                dc = a.get("right").column();
            }
        }
        return new Revision(p, id, down, line, col, dl, dc,
                PyParser.gaveUp(parsed) ? parsed.errors().get(0).message() : null);
    }

    @Override
    public CodeMigration read(Migration m, String text) {
        return read(m, text, true);
    }

    @Override
    public CodeMigration read(Migration m, String text, boolean dialectNamed) {
        PyParser.Parsed parsed = PyParser.parse(text);
        SqlGen g = new SqlGen(m.getDialect());
        Map<String, PyExpr.Str> consts = PyParser.constants(parsed.root());
        PyNode up = null;
        PyNode down = null;
        for (PyNode s : parsed.root().children()) {
            PyNode def = s.is("decorated_definition") ? s.get("definition") : s;
            if (def != null && def.is("function_definition") && def.get("name") != null) {
                String n = def.get("name").text();
                if (n.equals("upgrade")) {
                    up = def;
                } else if (n.equals("downgrade")) {
                    down = def;
                }
            }
        }
        List<CodeMigration.Problem> problems = PyParser.problems(parsed);
        List<CodeOp> upOps = up == null ? List.of() : new AlembicOps(g, consts, m.getDialect(), dialectNamed).walk(up.get("body"));
        if (up == null && problems.isEmpty()) {
            problems.add(new CodeMigration.Problem(1, 1, "no upgrade() function in this Alembic revision file"));
        }
        List<CodeOp> downOps = down == null ? List.of() : new AlembicOps(g, consts, m.getDialect(), dialectNamed).walk(down.get("body"));
        return new CodeMigration(upOps, downOps, down != null, Boolean.TRUE, "python", problems);
    }
}
