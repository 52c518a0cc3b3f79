package dev.schemagate.core.input.liquibase;

import dev.schemagate.core.Engine;
import dev.schemagate.core.input.SourceFile;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ProceduralBlock;
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
            "stop", "sqlFile");
    private static final Pattern CHANGESET = Pattern.compile("^\\s*--\\s*changeset\\s+(\\S+?):(\\S+)(.*)$");
    private static final Pattern ROLLBACK = Pattern.compile("^(\\s*--\\s*rollback\\s?)(.*)$");
    private static final Pattern SQL_DBMS = Pattern.compile("\\bdbms:(\\S+)");

    private LiquibaseSources() {
    }

    /** The up migration (and, when changeSets have rollbacks, the down migration) of one changelog file. */
    public static List<Engine.Source> read(SourceFile f, String text, Dialect d, boolean judged,
                                           dev.schemagate.model.spi.SqlDialect sql, Map<String, String> props) {
        Migration m = f.getMigration().withDialect(d);
        String name = f.getPath().getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sql")) {
            return formattedSql(m, text, d, judged);
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
        Reader r = new Reader(f, m, d, sql, props);
        r.changelog(root);
        List<Engine.Source> out = new ArrayList<>();
        Engine.Source up = Engine.Source.prebuilt(m, r.up, r.preset);
        up.addFacts(r.facts);
        out.add(up);
        if (!r.down.isEmpty()) {
            Migration dm = new Migration(m.getPath(), m.getId(), d, Migration.Direction.DOWN, m.getTool(), m.getTxMode());
            out.add(Engine.Source.prebuilt(dm, r.down, Map.of()));
        }
        return out;
    }

    /**
     * A formatted SQL changelog is SQL with {@code --changeset} comments: the up migration is the file with the
     * changeSets for other dialects emptied; the down migration is the {@code --rollback} lines, at their place.
     */
    static List<Engine.Source> formattedSql(Migration m, String text, Dialect d, boolean judged) {
        String[] lines = text.split("\n", -1);
        StringBuilder up = new StringBuilder();
        StringBuilder down = new StringBuilder();
        boolean keep = true;
        boolean hasRollback = false;
        List<Statement> unguarded = new ArrayList<>();
        int csLine = 0;
        String csHeader = null;
        boolean csHasRollback = false;
        boolean csHasSql = false;
        for (int i = 0; i <= lines.length; i++) {
            String l = i < lines.length ? lines[i] : null;
            Matcher cs = l == null ? null : CHANGESET.matcher(l);
            if (l == null || cs.matches()) {
                if (csHeader != null && keep && csHasSql && !csHasRollback) {
                    unguarded.add(new Statement(m, 0, csLine, 1, csLine, csHeader.length(), csHeader.strip(), List.of()));
                }
                if (l == null) {
                    break;
                }
                Matcher dbms = SQL_DBMS.matcher(cs.group(3));
                keep = !dbms.find() || dbmsMatches(dbms.group(1), d);
                csLine = i + 1;
                csHeader = l;
                csHasRollback = false;
                csHasSql = false;
            }
            Matcher rb = ROLLBACK.matcher(l);
            if (rb.matches()) {
                csHasRollback = true;
                if (keep) {
                    hasRollback = true;
                    down.append(" ".repeat(rb.group(1).length())).append(rb.group(2));
                }
            } else if (keep && !l.strip().startsWith("--") && !l.isBlank()) {
                csHasSql = true;
            }
            up.append(keep ? l : "");
            if (i < lines.length - 1) {
                up.append('\n');
                down.append('\n');
            }
        }
        List<Engine.Source> out = new ArrayList<>();
        Engine.Source s = new Engine.Source(m, up.toString());
        List<Change> facts = new ArrayList<>();
        for (Statement st : unguarded) {
            facts.add(noRollback(st, m, d, "a changeSet of SQL has no --rollback"));
        }
        s.addFacts(facts);
        out.add(s);
        if (hasRollback) {
            out.add(new Engine.Source(new Migration(m.getPath(), m.getId(), d, Migration.Direction.DOWN, m.getTool(),
                    m.getTxMode()), down.toString()));
        }
        return out;
    }

    static Reversibility noRollback(Statement st, Migration m, Dialect d, String why) {
        Reversibility r = new Reversibility(st, Reversibility.Status.MISSING, "liquibase", null,
                "no rollback for the changeSet at " + m.getPath() + ":" + st.getLine() + ": " + why
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
        final SourceFile file;
        final Migration m;
        final Dialect d;
        final dev.schemagate.model.spi.SqlDialect sql;
        final Map<String, String> props;
        final List<Statement> up = new ArrayList<>();
        final Map<Integer, List<Change>> preset = new HashMap<>();
        final List<Statement> down = new ArrayList<>();
        final List<Change> facts = new ArrayList<>();
        final Migration downMigration;

        Reader(SourceFile file, Migration m, Dialect d, dev.schemagate.model.spi.SqlDialect sql, Map<String, String> props) {
            this.file = file;
            this.m = m;
            this.d = d;
            this.sql = sql;
            this.props = props;
            this.downMigration = new Migration(m.getPath(), m.getId(), d, Migration.Direction.DOWN, m.getTool(), m.getTxMode());
        }

        void changelog(Node root) {
            for (Node n : root.children) {
                if (n.name.equals("property") && n.attr("name") != null
                        && (n.attr("dbms") == null || dbmsMatches(n.attr("dbms"), d))) {
                    props.putIfAbsent(n.attr("name"), n.attr("value") == null ? "" : n.attr("value"));
                }
            }
            List<List<Statement>> rollbacks = new ArrayList<>();
            for (Node n : root.children) {
                if (!n.name.equals("changeSet")) {
                    continue;
                }
                n.substitute(props);
                if (n.attr("dbms") != null && !dbmsMatches(n.attr("dbms"), d)) {
                    continue;
                }
                rollbacks.add(changeSet(n));
            }
            for (int i = rollbacks.size() - 1; i >= 0; i--) {
                for (Statement st : rollbacks.get(i)) {
                    down.add(reindex(st, down.size(), downMigration));
                }
            }
        }

        /** Adds a changeSet's changes to the up migration; returns its rollback statements. */
        List<Statement> changeSet(Node cs) {
            boolean allAuto = true;
            Node firstManual = null;
            int before = up.size();
            for (Node c : cs.children) {
                if (METADATA.contains(c.name)) {
                    continue;
                }
                if (!AUTO_ROLLBACK.contains(c.name) && firstManual == null) {
                    allAuto = false;
                    firstManual = c;
                }
                change(c, up, preset, m);
            }
            List<Statement> rb = new ArrayList<>();
            Map<Integer, List<Change>> rbPreset = new HashMap<>();
            Node rollback = cs.child("rollback");
            String rollbackText = cs.attr("rollback");
            if (rollback != null) {
                if (rollback.children.isEmpty()) {
                    sqlText(rollback, rollback.content(), rb, downMigration);
                } else {
                    for (Node c : rollback.children) {
                        change(c, rb, rbPreset, downMigration);
                    }
                }
            } else if (rollbackText != null) {
                sqlText(cs, rollbackText, rb, downMigration);
            }
            boolean hasRollback = rollback != null || rollbackText != null;
            if (!hasRollback && !allAuto && up.size() > before) {
                Statement anchor = up.get(before);
                for (int i = before; i < up.size(); i++) {
                    if (up.get(i).getLine() >= firstManual.line) {
                        anchor = up.get(i);
                        break;
                    }
                }
                facts.add(noRollback(anchor, m, d, "it has " + firstManual.name));
            } else if (hasRollback && rb.isEmpty() && !allAuto && up.size() > before) {
                Reversibility r = new Reversibility(up.get(before), Reversibility.Status.EMPTY, "liquibase", m.getPath(),
                        "the rollback block of the changeSet at " + m.getPath() + ":" + cs.line + " is empty: it cannot be "
                                + "rolled back; write the statements that undo it there (or drop the empty block if "
                                + "Liquibase can generate them)");
                r.setDialect(d);
                facts.add(r);
            }
            return rb;
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
            String generated = Generator.sql(c, d);
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
                    return "Liquibase sqlFile " + c.attr("path") + " runs SQL kept in another file; check that file too";
                case "executeCommand":
                    return "Liquibase executeCommand runs " + c.attr("executable") + " outside the database";
                default:
                    return "Liquibase " + c.name + " changes data from a file or program SchemaGate does not read";
            }
        }

        /** SQL written in the changelog, split by the dialect, positioned where it is written. */
        void sqlText(Node at, String text, List<Statement> out, Migration mig) {
            if (text == null || text.isBlank()) {
                return;
            }
            // the text starts on the element's line in XML (after the tag) and on the next lines in YAML block scalars
            int line = at.line;
            int col = at.column;
            String pad = "\n".repeat(Math.max(0, line - 1)) + " ".repeat(Math.max(0, col - 1));
            for (Statement st : sql.split(mig, pad + text, (l, c, msg) -> { })) {
                out.add(new Statement(mig, out.size(), st.getLine(), st.getColumn(), st.getEndLine(), st.getEndColumn(),
                        st.getText(), st.getComments()));
            }
        }

        private static Statement reindex(Statement st, int index, Migration mig) {
            return new Statement(mig, index, st.getLine(), st.getColumn(), st.getEndLine(), st.getEndColumn(), st.getText(),
                    st.getComments());
        }
    }

    /** Properties collected while reading a history (Liquibase properties are global). */
    public static Map<String, String> newProperties() {
        return new LinkedHashMap<>();
    }
}
