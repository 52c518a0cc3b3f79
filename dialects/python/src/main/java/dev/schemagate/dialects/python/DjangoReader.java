package dev.schemagate.dialects.python;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.code.CodeLayout;
import dev.schemagate.model.code.CodeMigration;
import dev.schemagate.model.code.CodeOp;
import dev.schemagate.model.code.DialectBranch;
import dev.schemagate.model.spi.CodeMigrationReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Django: the {@code migrations/} packages of a project's apps ({@code NNNN_name.py} beside {@code __init__.py}),
 * ordered by their {@code dependencies} graph (ties by app and name), each {@code operations} list read into the
 * SQL Django's schema editor writes, and its automatic reverse.
 */
public final class DjangoReader implements CodeMigrationReader {
    private static final Pattern NAME = Pattern.compile("\\d{4}_\\w*\\.py");
    private static final Pattern ENGINE = Pattern.compile("[\"']ENGINE[\"']\\s*:\\s*[\"']django\\.db\\.backends\\.(\\w+)[\"']");
    private static final Pattern USER = Pattern.compile("(?m)^AUTH_USER_MODEL\\s*=\\s*[\"']([\\w]+\\.[\\w]+)[\"']");
    /** Table names and columns of the project last claimed (one Django project per run is the usual case). */
    private volatile DjangoTables tables = new DjangoTables();

    @Override
    public String tool() {
        return "django";
    }

    /** The Django app a migration file belongs to: the folder that holds its {@code migrations/} package. */
    static String app(Path file) {
        Path mig = file.getParent();
        Path app = mig == null ? null : mig.getParent();
        return app == null || app.getFileName() == null ? "app" : app.getFileName().toString();
    }

    @Override
    public CodeLayout claim(Path root, List<Path> files, Dialect forced) {
        Set<Path> packages = new HashSet<>();
        for (Path f : files) {
            if (f.getFileName().toString().equals("__init__.py") && f.getParent() != null
                    && f.getParent().getFileName().toString().equals("migrations")) {
                packages.add(f.getParent());
            }
        }
        List<Path> migs = new ArrayList<>();
        List<Path> markers = new ArrayList<>();
        for (Path f : files) {
            if (f.getParent() != null && packages.contains(f.getParent())) {
                String n = f.getFileName().toString();
                if (NAME.matcher(n).matches()) {
                    migs.add(f);
                } else if (n.equals("__init__.py") || n.endsWith(".pyc")) {
                    markers.add(f);
                }
            }
        }
        if (migs.isEmpty()) {
            return null;
        }
        tables = new DjangoTables();
        Dialect configured = null;
        String settingsFile = null;
        for (Path f : files) {
            String n = f.getFileName().toString();
            boolean settings = n.equals("settings.py") || f.getParent() != null
                    && f.getParent().getFileName().toString().equals("settings") && n.endsWith(".py");
            if (settings) {
                Matcher u = USER.matcher(PyParser.readFile(f));
                if (u.find()) {
                    tables.setUserModel(u.group(1));
                }
            }
            if (settings && configured == null) {
                Matcher m = ENGINE.matcher(PyParser.readFile(f));
                if (m.find()) {
                    configured = engine(m.group(1));
                    settingsFile = root.relativize(f).toString().replace('\\', '/');
                }
            }
        }
        List<CodeLayout.Problem> problems = new ArrayList<>();
        List<CodeLayout.File> out = order(migs, problems);
        Dialect d = forced != null ? forced : configured;
        String evidence = "migrations/__init__.py, NNNN_*.py"
                + (forced == null && configured != null ? "; dialect from DATABASES ENGINE in " + settingsFile
                : forced == null ? "; no literal DATABASES ENGINE in a settings file: PostgreSQL assumed, pass --dialect"
                : "");
        return new CodeLayout(out, d, evidence, markers, problems);
    }

    static Dialect engine(String backend) {
        switch (backend) {
            case "postgresql":
            case "postgresql_psycopg2":
                return Dialect.POSTGRES;
            case "mysql":
                return Dialect.MYSQL;
            case "sqlite3":
                return Dialect.SQLITE;
            default:
                return null;
        }
    }

    /** One dependency with its position: {@code ("app", "0002_x")}. */
    record Dep(String app, String name, int line, int column) {
    }

    private List<CodeLayout.File> order(List<Path> migs, List<CodeLayout.Problem> problems) {
        Map<String, Path> byId = new LinkedHashMap<>();
        Map<String, List<Dep>> raw = new HashMap<>();
        Map<String, List<String>> perApp = new HashMap<>();
        for (Path p : migs) {
            String n = p.getFileName().toString();
            String id = app(p) + "." + n.substring(0, n.length() - 3);
            if (byId.putIfAbsent(id, p) != null) {
                continue; // two apps with one label: the first wins, Django refuses this project anyway
            }
            perApp.computeIfAbsent(app(p), k -> new ArrayList<>()).add(id);
            raw.put(id, scan(p));
        }
        for (List<String> l : perApp.values()) {
            l.sort(null);
        }
        Map<String, List<String>> deps = new HashMap<>();
        for (var e : raw.entrySet()) {
            List<String> ok = new ArrayList<>();
            for (Dep d : e.getValue()) {
                List<String> appMigs = perApp.get(d.app());
                String target;
                if (d.name().equals("__first__")) {
                    target = appMigs == null ? null : appMigs.get(0);
                } else if (d.name().equals("__latest__")) {
                    target = appMigs == null ? null : appMigs.get(appMigs.size() - 1);
                } else {
                    target = d.app() + "." + d.name();
                }
                if (target != null && byId.containsKey(target)) {
                    ok.add(target);
                } else if (appMigs != null) {
                    problems.add(new CodeLayout.Problem(byId.get(e.getKey()), d.line(), d.column(), "dependency ("
                            + d.app() + ", " + d.name() + ") names no migration of app " + d.app()
                            + ": Django stops with NodeNotFoundError; fix the name in dependencies"));
                }
                // apps without migrations here (django.contrib, third-party packages) are outside the checked folder
            }
            deps.put(e.getKey(), ok);
        }
        List<String> ids = new ArrayList<>(byId.keySet());
        ids.sort(null);
        List<String> done = Graph.order(ids, deps);
        List<CodeLayout.File> out = new ArrayList<>();
        for (String id : done) {
            out.add(new CodeLayout.File(byId.get(id), id));
        }
        for (String id : ids) {
            if (!done.contains(id)) {
                problems.add(new CodeLayout.Problem(byId.get(id), 1, 1, "migration " + id + " is on a dependency "
                        + "cycle: Django cannot order it; it is checked last"));
                out.add(new CodeLayout.File(byId.get(id), id));
            }
        }
        return out;
    }

    /** The dependencies of a migration file; also notes its models' table names and columns for later files. */
    private List<Dep> scan(Path p) {
        String text = PyParser.readFile(p);
        PyNode cls = migrationClass(PyParser.parse(text).root());
        List<Dep> out = new ArrayList<>();
        if (cls == null) {
            return out;
        }
        PyNode deps = attribute(cls, "dependencies");
        if (deps != null) {
            for (PyNode d : deps.children()) {
                if (d.is("tuple") || d.is("list")) {
                    List<String> pair = PyExpr.strings(d, Map.of());
                    if (pair != null && pair.size() == 2) {
                        out.add(new Dep(pair.get(0), pair.get(1), d.line(), d.column()));
                    }
                }
            }
        }
        // the table names and columns other files refer to
        new DjangoOps(new SqlGen(Dialect.POSTGRES), Map.of(), app(p), tables).operations(attribute(cls, "operations"));
        return out;
    }

    static PyNode migrationClass(PyNode root) {
        for (PyNode s : root.children()) {
            PyNode def = s.is("decorated_definition") ? s.get("definition") : s;
            if (def != null && def.is("class_definition") && def.get("superclasses") != null
                    && def.get("superclasses").text().contains("Migration")) {
                return def;
            }
        }
        return null;
    }

    /** The value assigned to a class attribute ({@code operations = [...]}), or null. */
    static PyNode attribute(PyNode cls, String name) {
        PyNode body = cls.get("body");
        if (body == null) {
            return null;
        }
        for (PyNode s : body.children()) {
            PyNode a = s.is("expression_statement") && !s.children().isEmpty() ? s.children().get(0) : null;
            if (a != null && a.is("assignment") && a.get("left") != null && a.get("left").text().equals(name)) {
                return a.get("right");
            }
        }
        return null;
    }

    @Override
    public CodeMigration read(Migration m, String text) {
        return read(m, text, true);
    }

    /**
     * Django's name of the database: {@code connection.vendor} ({@code from django.db import connection}) or
     * {@code schema_editor.connection.vendor} in a RunPython function.
     */
    static boolean isVendor(PyNode n) {
        String d = PyExpr.dotted(n);
        return d != null && (d.equals("connection.vendor") || d.endsWith(".connection.vendor"));
    }

    /** Functions written at module level, by name. */
    private static Map<String, PyNode> functions(PyNode root) {
        Map<String, PyNode> out = new java.util.HashMap<>();
        for (PyNode s : root.children()) {
            PyNode def = s.is("decorated_definition") ? s.get("definition") : s;
            if (def != null && def.is("function_definition") && def.get("name") != null) {
                out.putIfAbsent(def.get("name").text(), def);
            }
        }
        return out;
    }

    @Override
    public CodeMigration read(Migration m, String text, boolean dialectNamed) {
        PyParser.Parsed parsed = PyParser.parse(text);
        List<CodeMigration.Problem> problems = PyParser.problems(parsed);
        PyNode cls = migrationClass(parsed.root());
        if (cls == null) {
            if (problems.isEmpty()) {
                problems.add(new CodeMigration.Problem(1, 1, "no class Migration(migrations.Migration) in this Django "
                        + "migration file"));
            }
            return new CodeMigration(List.of(), List.of(), false, Boolean.TRUE, "python", problems);
        }
        Map<String, PyExpr.Str> consts = PyParser.constants(parsed.root());
        PyNode atomic = attribute(cls, "atomic");
        Boolean tx = atomic != null && atomic.is("false") ? Boolean.FALSE : Boolean.TRUE;
        DjangoOps ops = new DjangoOps(new SqlGen(m.getDialect()), consts, app(Path.of(m.getPath())), tables);
        DialectTests tests = new DialectTests(DialectBranch.Tool.DJANGO, m.getDialect(), dialectNamed,
                DjangoReader::isVendor, consts);
        if (!ops.classBody(cls.get("body"), tests, functions(parsed.root()))) {
            problems.add(new CodeMigration.Problem(cls.line(), cls.column(), "no operations = [...] in this Django "
                    + "migration"));
        }
        List<CodeOp> down = ops.down();
        if (ops.irreversible != null) {
            return new CodeMigration(ops.up.list, List.of(), false, tx, "python", problems);
        }
        return new CodeMigration(ops.up.list, down, true, tx, "python", problems);
    }

    /** Why a migration's operations make it irreversible, or null (for reports and tests). */
    String irreversibleReason(Migration m, String text) {
        PyNode cls = migrationClass(PyParser.parse(text).root());
        if (cls == null) {
            return null;
        }
        DjangoOps ops = new DjangoOps(new SqlGen(m.getDialect()), Map.of(), app(Path.of(m.getPath())), tables);
        ops.operations(attribute(cls, "operations"));
        return ops.irreversible;
    }
}
