package dev.schemagate.live;

import dev.schemagate.core.Settings;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL and MariaDB through {@code information_schema}: tables (engine, collation), columns
 * ({@code COLUMN_TYPE}, nullability, default, extra, charset/collation), indexes ({@code STATISTICS}),
 * constraints and foreign keys, CHECK constraints, views and triggers, for the database the URL names (every
 * non-system database when it names none). DDL for the catalog comes from {@code SHOW CREATE TABLE}. Sizes:
 * {@code TABLES.TABLE_ROWS} (an estimate for InnoDB) and {@code DATA_LENGTH + INDEX_LENGTH}.
 */
public final class MysqlIntrospector implements Introspector {
    private static final String SYSTEM = "('mysql', 'information_schema', 'performance_schema', 'sys')";

    @Override
    public Introspection read(Connection c, boolean withStats) throws SQLException {
        String versionText = Jdbc.one(c, "SELECT version()");
        boolean maria = versionText.toLowerCase(Locale.ROOT).contains("mariadb");
        String version = versionText.replaceFirst("^(\\d+(?:\\.\\d+){0,2}).*$", "$1");
        String db = Jdbc.one(c, "SELECT database()");
        String where = db == null ? "TABLE_SCHEMA NOT IN " + SYSTEM : "TABLE_SCHEMA = " + SqliteIntrospector.literal(db);
        String prefix = db == null ? "CONCAT(TABLE_SCHEMA, '.', TABLE_NAME)" : "TABLE_NAME";
        Snapshot snap = new Snapshot();
        StringBuilder ddl = new StringBuilder("-- schema read from the live database by SchemaGate\n");
        Map<String, Settings.TableStats> stats = new LinkedHashMap<>();
        List<String[]> views = new ArrayList<>();
        for (List<String> r : Jdbc.rows(c, "SELECT " + prefix + ", TABLE_TYPE, ENGINE, TABLE_COLLATION, "
                + "TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH, TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE "
                + where + " ORDER BY 1")) {
            boolean view = r.get(1).contains("VIEW");
            String o = (view ? "view " : "table ") + r.get(0);
            snap.put(o, "engine", r.get(2)).put(o, "collation", r.get(3));
            if (withStats && !view) {
                stats.put(r.get(0), new Settings.TableStats(r.get(4) == null ? null : Long.parseLong(r.get(4)),
                        r.get(5) == null ? null : Long.parseLong(r.get(5)), null));
            }
            String qn = quote(r.get(6)) + "." + quote(r.get(7));
            if (view) {
                views.add(new String[] {qn});
            } else {
                List<List<String>> sc = Jdbc.rows(c, "SHOW CREATE TABLE " + qn);
                if (!sc.isEmpty()) {
                    ddl.append(sc.get(0).get(1)).append(";\n");
                }
            }
        }
        for (List<String> r : Jdbc.rows(c, "SELECT " + prefix + ", COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, "
                + "COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME, COLLATION_NAME, ORDINAL_POSITION, GENERATION_EXPRESSION "
                + "FROM information_schema.COLUMNS WHERE " + where + " ORDER BY 1, ORDINAL_POSITION")) {
            String o = "column " + r.get(0) + "." + r.get(1);
            snap.put(o, "type", r.get(2)).put(o, "nullable", r.get(3)).put(o, "default", r.get(4))
                    .put(o, "extra", r.get(5) == null || r.get(5).isEmpty() ? null : r.get(5))
                    .put(o, "charset", r.get(6)).put(o, "collation", r.get(7)).put(o, "position", r.get(8))
                    .put(o, "generated", r.get(9) == null || r.get(9).isEmpty() ? null : r.get(9));
        }
        Map<String, List<String>> idx = new LinkedHashMap<>();
        Map<String, String[]> idxInfo = new LinkedHashMap<>();
        for (List<String> r : Jdbc.rows(c, "SELECT " + prefix + ", INDEX_NAME, COLUMN_NAME, SUB_PART, "
                + "NON_UNIQUE, INDEX_TYPE FROM information_schema.STATISTICS WHERE " + where
                + " ORDER BY 1, INDEX_NAME, SEQ_IN_INDEX")) {
            String o = "index " + r.get(0) + "." + r.get(1);
            idx.computeIfAbsent(o, k -> new ArrayList<>()).add((r.get(2) == null ? "<expression>" : r.get(2))
                    + (r.get(3) == null ? "" : "(" + r.get(3) + ")"));
            idxInfo.put(o, new String[] {r.get(4), r.get(5)});
        }
        idx.forEach((o, cols) -> snap.put(o, "columns", String.join(", ", cols))
                .put(o, "unique", "0".equals(idxInfo.get(o)[0]) ? "true" : "false").put(o, "type", idxInfo.get(o)[1]));
        String fkPrefix = db == null ? "CONCAT(k.TABLE_SCHEMA, '.', k.TABLE_NAME)" : "k.TABLE_NAME";
        Map<String, List<String>> fks = new LinkedHashMap<>();
        Map<String, String> fkRules = new LinkedHashMap<>();
        for (List<String> r : Jdbc.rows(c, "SELECT " + fkPrefix + ", k.CONSTRAINT_NAME, k.COLUMN_NAME, "
                + "k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, rc.UPDATE_RULE, rc.DELETE_RULE "
                + "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS rc "
                + "ON rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
                + "AND rc.TABLE_NAME = k.TABLE_NAME WHERE " + where.replace("TABLE_SCHEMA", "k.TABLE_SCHEMA")
                + " ORDER BY 1, 2, k.ORDINAL_POSITION")) {
            String o = "foreign key " + r.get(0) + "." + r.get(1);
            fks.computeIfAbsent(o, k -> new ArrayList<>()).add(r.get(2) + "->" + r.get(3) + "." + r.get(4));
            fkRules.put(o, "on update " + r.get(5) + " on delete " + r.get(6));
        }
        fks.forEach((o, cols) -> snap.put(o, "definition", String.join(", ", cols) + " " + fkRules.get(o)));
        try {
            for (List<String> r : Jdbc.rows(c, "SELECT " + (db == null ? "CONCAT(tc.TABLE_SCHEMA, '.', tc.TABLE_NAME)"
                    : "tc.TABLE_NAME") + ", cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS cc "
                    + "JOIN information_schema.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND "
                    + "tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK' WHERE "
                    + where.replace("TABLE_SCHEMA", "tc.TABLE_SCHEMA") + " ORDER BY 1, 2")) {
                snap.put("check " + r.get(0) + "." + r.get(1), "definition", r.get(2));
            }
        } catch (SQLException e) {
            snap.put("check constraints", "not read", "this server has no information_schema.CHECK_CONSTRAINTS");
        }
        for (String[] v : views) {
            List<List<String>> sc = Jdbc.rows(c, "SHOW CREATE VIEW " + v[0]);
            if (!sc.isEmpty()) {
                String def = sc.get(0).get(1).replaceAll("DEFINER=\\S+ ", "");
                ddl.append(def).append(";\n");
            }
        }
        for (List<String> r : Jdbc.rows(c, "SELECT " + (db == null ? "CONCAT(EVENT_OBJECT_SCHEMA, '.', TRIGGER_NAME)"
                : "TRIGGER_NAME") + ", ACTION_TIMING, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_STATEMENT "
                + "FROM information_schema.TRIGGERS WHERE " + where.replace("TABLE_SCHEMA", "EVENT_OBJECT_SCHEMA")
                + " ORDER BY 1")) {
            snap.put("trigger " + r.get(0), "definition", r.get(1) + " " + r.get(2) + " ON " + r.get(3) + " "
                    + r.get(4).replaceAll("\\s+", " "));
        }
        for (List<String> r : Jdbc.rows(c, "SELECT " + (db == null ? "CONCAT(TABLE_SCHEMA, '.', TABLE_NAME)"
                : "TABLE_NAME") + ", VIEW_DEFINITION FROM information_schema.VIEWS WHERE " + where + " ORDER BY 1")) {
            snap.put("view " + r.get(0), "definition", r.get(1) == null ? null : r.get(1).replaceAll("\\s+", " "));
        }
        return new Introspection(maria ? Dialect.MARIADB : Dialect.MYSQL, version, versionText, ddl.toString(), snap, stats);
    }

    /** Always delimited: the reserved words of the server being read are not known in advance. */
    static String quote(String ident) {
        return Identifiers.delimit(Dialect.MYSQL, ident);
    }
}
