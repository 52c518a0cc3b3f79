package dev.schemagate.core.input.liquibase;

import dev.schemagate.core.Engine;
import dev.schemagate.core.input.SourceFile;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ProceduralBlock;
import dev.schemagate.model.change.Unparsed;
import dev.schemagate.model.change.Reversibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Liquibase changelog into migrations the engine checks like any other: the changeSets that run on the
 * dialect ({@code dbms} filters, {@code ${property}} substitution) become an up migration, their rollback blocks a
 * down migration. Each change element becomes the SQL Liquibase would generate for it, as a statement positioned
 * at the element, so the dialect's own reader maps it into the change model and findings point into the
 * changelog. A change whose effect cannot be seen ({@code customChange}, {@code executeCommand}, ...) is
 * procedural code (an uncertain finding); a changeSet without a rollback that Liquibase cannot generate one for
 * is a {@link Reversibility} fact.
 */
public final class LiquibaseSources {
    /** Change types Liquibase can roll back by itself. */
    private static final Set<String> AUTO_ROLLBACK = Set.of("createTable", "addColumn", "createIndex", "renameColumn",
            "renameTable", "renameView", "renameSequence", "addNotNullConstraint", "dropNotNullConstraint",
            "addForeignKeyConstraint", "addUniqueConstraint", "addPrimaryKey", "addDefaultValue", "createView",
            "createSequence", "addLookupTable", "addAutoIncrement", "tagDatabase", "createProcedure", "addCheckConstraint");
    /** Elements that change nothing: metadata, or parts read with their changeSet. */
    private static final Set<String> METADATA = Set.of("comment", "preConditions", "validCheckSum", "rollback",
            "tagDatabase", "output", "empty", "modifySql");
    /** Elements whose effect cannot be read statically. */
    private static final Set<String> OPAQUE = Set.of("customChange", "executeCommand", "loadData", "loadUpdateData",
            "sqlFile",
            "stop");
    private static final Pattern CHANGESET = Pattern.compile("^\\s*--\\s*changeset\\s+(\\S+?):(\\S+)(.*)$");
    private static final Pattern ROLLBACK = Pattern.compile("^(\\s*--\\s*rollback\\s?)(.*)$");
    private static final Pattern SQL_DBMS = Pattern.compile("\\bdbms:(\\S+)");

    private LiquibaseSources() {
    }

    /**
     * One up migration per changeSet that runs on the dialect (id {@code author:id}), and a down migration for each
     * changeSet with a rollback.
     */
    public static List<Engine.Source> read(SourceFile f, String text, Dialect d, boolean judged,
                                           dev.schemagate.model.spi.SqlDialect sql, Map<String, String> props) {
        Migration m = f.getMigration().withDialect(d);
        String name = f.getPath().getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sql") && !ChangelogFiles.isFormattedSql(text)) {
            return List.of(new Engine.Source(m, text));
        }
        if (name.endsWith(".sql")) {
            return formattedSql(m, text, d);
        }
        if (sql == null) {
            return List.of(new Engine.Source(m, ""));
        }
        Node root;
        try {
            root = ChangelogParser.parse(name, text);
        } catch (ChangelogParser.Invalid e) {
            return List.of(Engine.Source.failed(m, (e.line > 0 ? "line " + e.line + ", column " + e.column + ": " : "")
                    + e.getMessage()));
        }
        Reader r = new Reader(f.getPath(), m, d, sql, props);
        r.changelog(root);
        if (r.out.isEmpty()) {
            return List.of(Engine.Source.skipped(m, "Liquibase changelog with no changeSet that runs on " + d.id()
                    + (root.children("include").isEmpty() && root.children("includeAll").isEmpty() ? ""
                            : " (it includes the others)")));
        }
        return r.out;
    }

    private static Migration changeSetMigration(Migration file, String id, Dialect d, Migration.Direction dir, boolean tx) {
        return new Migration(file.getPath(), id, d, dir, "liquibase", tx ? Migration.TxMode.WRAPPED : Migration.TxMode.NONE);
    }

    /**
     * A formatted SQL changelog is SQL with {@code --changeset author:id} comments: each changeSet is the file with
     * every other line emptied (so positions hold); its down migration is its {@code --rollback} lines, in place.
     */
    static List<Engine.Source> formattedSql(Migration m, String text, Dialect d) {
        String[] lines = text.split("\n", -1);
        List<int[]> sets = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher cs = CHANGESET.matcher(lines[i]);
            if (cs.matches()) {
                if (!sets.isEmpty()) {
                    sets.get(sets.size() - 1)[1] = i;
                }
                Matcher dbms = SQL_DBMS.matcher(cs.group(3));
                boolean keep = !dbms.find() || dbmsMatches(dbms.group(1), d);
                sets.add(new int[] {i, lines.length, keep ? 1 : 0, cs.group(3).contains("runInTransaction:false") ? 0 : 1});
                ids.add(cs.group(1) + ":" + cs.group(2));
                headers.add(lines[i]);
            }
        }
        List<Engine.Source> out = new ArrayList<>();
        for (int k = 0; k < sets.size(); k++) {
            int[] set = sets.get(k);
            if (set[2] == 0) {
                continue;
            }
            StringBuilder up = new StringBuilder();
            StringBuilder down = new StringBuilder();
            boolean hasRollback = false;
            boolean hasSql = false;
            for (int i = 0; i < lines.length; i++) {
                String l = i >= set[0] && i < set[1] ? lines[i] : "";
                Matcher rb = ROLLBACK.matcher(l);
                if (rb.matches()) {
                    hasRollback = true;
                    down.append(" ".repeat(rb.group(1).length())).append(rb.group(2));
                    up.append(l);
                } else {
                    up.append(l);
                    if (!l.isBlank() && !l.strip().startsWith("--")) {
                        hasSql = true;
                    }
                }
                if (i < lines.length - 1) {
                    up.append('\n');
                    down.append('\n');
                }
            }
            Migration cm = changeSetMigration(m, ids.get(k), d, Migration.Direction.UP, set[3] == 1);
            Engine.Source s = new Engine.Source(cm, up.toString());
            if (hasSql && !hasRollback) {
                String h = headers.get(k);
                Statement st = new Statement(cm, 0, set[0] + 1, 1, set[0] + 1, Math.max(1, h.length()), h.strip(), List.of());
                s.addFacts(List.of(noRollback(st, d, "a changeSet of SQL has no --rollback")));
            }
            out.add(s);
            if (hasRollback) {
                out.add(new Engine.Source(changeSetMigration(m, ids.get(k), d, Migration.Direction.DOWN, set[3] == 1), down.toString()));
            }
        }
        if (out.isEmpty()) {
            out.add(new Engine.Source(m, ""));
        }
        return out;
    }

    static Reversibility noRollback(Statement st, Dialect d, String why) {
        Reversibility r = new Reversibility(st, Reversibility.Status.MISSING, "liquibase", null,
                "no rollback for changeSet " + st.getMigration().getId() + ": " + why
                        + ", and Liquibase cannot generate one; add a rollback block with the statements that undo it");
        r.setDialect(d);
        return r;
    }

    /** Whether a Liquibase {@code dbms} list ("postgresql,!mysql", "all", "none") includes the dialect. */
    static boolean dbmsMatches(String list, Dialect d) {
        String me = liquibaseName(d);
        boolean anyPositive = false;
        boolean matched = false;
        for (String raw : list.split(",")) {
            String x = raw.trim().toLowerCase(Locale.ROOT);
            if (x.isEmpty()) {
                continue;
            }
            if (x.startsWith("!")) {
                if (x.substring(1).equals(me)) {
                    return false;
                }
                continue;
            }
            anyPositive = true;
            if (x.equals("all") || x.equals(me)) {
                matched = true;
            }
            if (x.equals("none")) {
                return false;
            }
        }
        return !anyPositive || matched;
    }

    static String liquibaseName(Dialect d) {
        switch (d) {
            case POSTGRES: return "postgresql";
            case MYSQL: return "mysql";
            case MARIADB: return "mariadb";
            case SQLITE: return "sqlite";
            case MONGODB: return "mongodb";
            default: return d.id();
        }
    }

    /** Walks one XML/YAML/JSON changelog. */
    private static final class Reader {
        final java.nio.file.Path file;
        final Migration m;
        final Dialect d;
        final dev.schemagate.model.spi.SqlDialect sql;
        final Map<String, String> props;
        final List<Engine.Source> out = new ArrayList<>();

        Reader(java.nio.file.Path file, Migration m, Dialect d, dev.schemagate.model.spi.SqlDialect sql,
               Map<String, String> props) {
            this.file = file;
            this.m = m;
            this.d = d;
            this.sql = sql;
            this.props = props;
        }

        void changelog(Node root) {
            for (Node n : root.children) {
                if (n.name.equals("property") && n.attr("name") != null
                        && (n.attr("dbms") == null || dbmsMatches(n.attr("dbms"), d))) {
                    props.putIfAbsent(n.attr("name"), n.attr("value") == null ? "" : n.attr("value"));
                }
            }
            for (Node n : root.children) {
                if (!n.name.equals("changeSet")) {
                    continue;
                }
                n.substitute(props);
                if (n.attr("dbms") != null && !dbmsMatches(n.attr("dbms"), d)) {
                    continue;
                }
                changeSet(n);
            }
        }

        /** One changeSet: its up migration, its rollback as a down migration, and whether it can be rolled back. */
        void changeSet(Node cs) {
            String id = cs.attr("author") + ":" + cs.attr("id");
            boolean tx = !"false".equalsIgnoreCase(cs.attr("runInTransaction"));
            Migration up = changeSetMigration(m, id, d, Migration.Direction.UP, tx);
            Migration down = changeSetMigration(m, id, d, Migration.Direction.DOWN, tx);
            List<Statement> stmts = new ArrayList<>();
            Map<Integer, List<Change>> preset = new HashMap<>();
            boolean allAuto = true;
            Node firstManual = null;
            for (Node c : cs.children) {
                if (METADATA.contains(c.name)) {
                    continue;
                }
                if (!AUTO_ROLLBACK.contains(c.name) && firstManual == null) {
                    allAuto = false;
                    firstManual = c;
                }
                change(c, stmts, preset, up);
            }
            List<Statement> rb = new ArrayList<>();
            Map<Integer, List<Change>> rbPreset = new HashMap<>();
            Node rollback = cs.child("rollback");
            String rollbackText = cs.attr("rollback");
            if (rollback != null) {
                if (rollback.children.isEmpty()) {
                    sqlText(rollback, rollback.content(), rb, down);
                } else {
                    for (Node c : rollback.children) {
                        change(c, rb, rbPreset, down);
                    }
                }
            } else if (rollbackText != null) {
                sqlText(cs, rollbackText, rb, down);
            }
            Engine.Source src = Engine.Source.prebuilt(up, stmts, preset);
            boolean hasRollback = rollback != null || rollbackText != null;
            if (!hasRollback && !allAuto && !stmts.isEmpty()) {
                Statement anchor = stmts.get(0);
                for (Statement st : stmts) {
                    if (st.getLine() >= firstManual.line) {
                        anchor = st;
                        break;
                    }
                }
                src.addFacts(List.of(noRollback(anchor, d, "it has " + firstManual.name)));
            } else if (hasRollback && rb.isEmpty() && !allAuto && !stmts.isEmpty()) {
                Reversibility r = new Reversibility(stmts.get(0), Reversibility.Status.EMPTY, "liquibase", m.getPath(),
                        "the rollback block of changeSet " + id + " is empty, so it cannot be rolled back; write the "
                                + "statements that undo it there (or remove the block if Liquibase can generate them)");
                r.setDialect(d);
                src.addFacts(List.of(r));
            }
            out.add(src);
            if (!rb.isEmpty()) {
                out.add(Engine.Source.prebuilt(down, rb, rbPreset));
            }
        }

        /** Adds the statements of one change element. */
        void change(Node c, List<Statement> out, Map<Integer, List<Change>> pre, Migration mig) {
            if (METADATA.contains(c.name)) {
                return;
            }
            if (c.attr("dbms") != null && !dbmsMatches(c.attr("dbms"), d)) {
                return;
            }
            if (c.name.equals("sql")) {
                sqlText(c, c.content(), out, mig);
                return;
            }
            if (c.name.equals("sqlFile") && sqlFile(c, out, mig)) {
                return;
            }
            String generated;
            try {
                generated = Generator.sql(c, d);
            } catch (Generator.Missing e) {
                Statement st = new Statement(mig, out.size(), c.line, c.column, c.line, c.column, "-- liquibase " + c.name,
                        List.of());
                Unparsed u = new Unparsed(st, null, "Liquibase " + c.name + " has " + e.getMessage()
                        + ": SchemaGate cannot tell what it changes; fix the changelog", c.line, c.column);
                u.setDialect(d);
                pre.put(out.size(), List.of(u));
                out.add(st);
                return;
            }
            if (generated != null) {
                for (String g : generated.split("\u0000")) {
                    out.add(new Statement(mig, out.size(), c.line, c.column, c.line, c.column, g, List.of()));
                }
                return;
            }
            Statement st = new Statement(mig, out.size(), c.line, c.column, c.line, c.column, "-- liquibase " + c.name,
                    List.of());
            String what = OPAQUE.contains(c.name) ? opaqueReason(c)
                    : "Liquibase change type " + c.name + " is not one SchemaGate reads; its effect is unknown";
            ProceduralBlock pb = new ProceduralBlock(st, null, "liquibase " + c.name, what);
            pb.setDialect(d);
            pre.put(out.size(), List.of(pb));
            out.add(st);
        }

        private String opaqueReason(Node c) {
            switch (c.name) {
                case "customChange":
                    return "Liquibase customChange runs Java class " + c.attr("class")
                            + "; what it changes cannot be seen in the changelog";
                case "sqlFile":
                    return "Liquibase sqlFile " + c.attr("path") + " cannot be read (not found next to the changelog "
                            + "or above it); what it runs is unknown";
                case "executeCommand":
                    return "Liquibase executeCommand runs " + c.attr("executable") + " outside the database";
                default:
                    return "Liquibase " + c.name + " changes data from a file or program SchemaGate does not read";
            }
        }

        /**
         * The statements of a {@code sqlFile}, positioned in that file (findings point into it). Returns false when
         * the file cannot be read; the change is then reported as uncertain.
         */
        boolean sqlFile(Node c, List<Statement> out, Migration mig) {
            String path = c.attr("path");
            if (path == null) {
                return false;
            }
            java.nio.file.Path p = ChangelogFiles.resolve(file, path, c.flag("relativeToChangelogFile"));
            if (p == null) {
                return false;
            }
            String text;
            try {
                text = dev.schemagate.core.input.SourceReader.read(p).text;
            } catch (dev.schemagate.core.input.SourceReader.Unreadable e) {
                return false;
            }
            String shown = java.nio.file.Path.of(mig.getPath()).resolveSibling(file.getParent().relativize(p).toString())
                    .normalize().toString().replace('\\', '/');
            Migration fm = new Migration(shown, mig.getId(), d, mig.getDirection(), mig.getTool(), mig.getTxMode());
            for (Statement st : sql.split(fm, text, (l, col, msg) -> { })) {
                out.add(new Statement(fm, out.size(), st.getLine(), st.getColumn(), st.getEndLine(), st.getEndColumn(),
                        st.getText(), st.getComments()));
            }
            return true;
        }

        /** SQL written in the changelog, split by the dialect, positioned where it is written. */
        void sqlText(Node at, String text, List<Statement> out, Migration mig) {
            if (text == null || text.isBlank()) {
                return;
            }
            String pad = "\n".repeat(Math.max(0, at.line - 1)) + " ".repeat(Math.max(0, at.column - 1));
            for (Statement st : sql.split(mig, pad + text, (l, c, msg) -> { })) {
                out.add(new Statement(mig, out.size(), st.getLine(), st.getColumn(), st.getEndLine(), st.getEndColumn(),
                        st.getText(), st.getComments()));
            }
        }
    }

    /** Properties collected while reading a history (Liquibase properties are global). */
    public static Map<String, String> newProperties() {
        return new LinkedHashMap<>();
    }
}
