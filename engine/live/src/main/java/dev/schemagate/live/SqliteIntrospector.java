package dev.schemagate.live;

import dev.schemagate.core.Settings;
import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQLite through {@code sqlite_schema} and the table pragmas: tables (STRICT, WITHOUT ROWID), columns
 * ({@code table_xinfo}: declared type, NOT NULL, default, primary-key position, generated), CHECK clauses
 * (read from the stored CREATE TABLE text), indexes, foreign keys, views and triggers. Sizes: {@code count(*)}
 * per table (SQLite keeps no estimate; fine for the small files SQLite is used for) and bytes from the
 * {@code dbstat} table where the library has it.
 */
public final class SqliteIntrospector implements Introspector {
    @Override
    public Introspection read(Connection c, boolean withStats) throws SQLException {
        String version = Jdbc.one(c, "SELECT sqlite_version()");
        Snapshot snap = new Snapshot();
        StringBuilder ddl = new StringBuilder("-- schema read from the live database by SchemaGate\n");
        Map<String, Settings.TableStats> stats = new LinkedHashMap<>();
        Map<String, Long> bytes = withStats ? dbstat(c) : Map.of();
        List<List<String>> objs = Jdbc.rows(c, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                + "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 "
                + "WHEN 'view' THEN 2 ELSE 3 END, name");
        for (List<String> o : objs) {
            String type = o.get(0);
            String name = o.get(1);
            String sql = o.get(3);
            if (sql != null) {
                ddl.append(sql).append(";\n");
            }
            switch (type) {
                case "table" -> table(c, snap, name, sql);
                case "index" -> snap.put("index " + name, "table", o.get(2)).put("index " + name, "definition",
                        sql == null ? "(automatic)" : norm(sql));
                case "view" -> snap.put("view " + name, "definition", norm(sql));
                case "trigger" -> snap.put("trigger " + name, "definition", norm(sql));
                default -> snap.put(type + " " + name, "definition", norm(sql));
            }
            if (withStats && type.equals("table")) {
                long n = Long.parseLong(Jdbc.one(c, "SELECT count(*) FROM " + quote(name)));
                stats.put(name, new Settings.TableStats(n, bytes.get(name), null));
            }
        }
        return new Introspection(Dialect.SQLITE, version, "SQLite " + version, ddl.toString(), snap, stats);
    }

    private static void table(Connection c, Snapshot snap, String name, String sql) throws SQLException {
        String t = "table " + name;
        String upper = sql == null ? "" : sql.toUpperCase(java.util.Locale.ROOT);
        String tail = upper.substring(Math.max(0, upper.lastIndexOf(')')));
        snap.put(t, "strict", String.valueOf(tail.contains("STRICT")))
                .put(t, "without rowid", String.valueOf(tail.contains("WITHOUT")));
        List<String> checks = checks(sql);
        if (!checks.isEmpty()) {
            snap.put(t, "checks", String.join("; ", checks));
        }
        int pos = 0;
        for (List<String> r : Jdbc.rows(c, "SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                + "FROM pragma_table_xinfo(" + literal(name) + ") ORDER BY cid")) {
            String o = "column " + name + "." + r.get(0);
            String hidden = r.get(5);
            snap.put(o, "type", r.get(1)).put(o, "nullable", "1".equals(r.get(2)) ? "NO" : "YES")
                    .put(o, "default", r.get(3)).put(o, "primary key position", "0".equals(r.get(4)) ? null : r.get(4))
                    .put(o, "generated", "2".equals(hidden) ? "virtual" : "3".equals(hidden) ? "stored" : null)
                    .put(o, "position", String.valueOf(++pos));
        }
        for (List<String> r : Jdbc.rows(c, "SELECT name, \"unique\", origin, partial FROM pragma_index_list("
                + literal(name) + ") ORDER BY name")) {
            String o = "index " + r.get(0);
            List<String> cols = new ArrayList<>();
            for (List<String> k : Jdbc.rows(c, "SELECT coalesce(name, '<expression>') FROM pragma_index_info("
                    + literal(r.get(0)) + ") ORDER BY seqno")) {
                cols.add(k.get(0));
            }
            snap.put(o, "table", name).put(o, "columns", String.join(", ", cols))
                    .put(o, "unique", "1".equals(r.get(1)) ? "true" : "false")
                    .put(o, "origin", switch (r.get(2)) {
                        case "pk" -> "primary key";
                        case "u" -> "unique constraint";
                        default -> "create index";
                    }).put(o, "partial", "1".equals(r.get(3)) ? "true" : null);
        }
        Map<String, List<String>> fks = new LinkedHashMap<>();
        for (List<String> r : Jdbc.rows(c, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                + "FROM pragma_foreign_key_list(" + literal(name) + ") ORDER BY id, seq")) {
            fks.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r.get(2) + "->" + r.get(1) + "." + r.get(3)
                    + " on update " + r.get(4) + " on delete " + r.get(5));
        }
        for (List<String> fk : fks.values()) {
            String def = String.join(", ", fk);
            snap.put("foreign key " + name + "(" + def.substring(0, def.indexOf("->")) + ")", "definition", def);
        }
    }

    /** CHECK clauses of a CREATE TABLE text, whitespace collapsed, in order. */
    static List<String> checks(String sql) {
        List<String> out = new ArrayList<>();
        if (sql == null) {
            return out;
        }
        List<Token> ts = Lexer.lex(sql, Lexer.Options.sqlite());
        ts.removeIf(Token::isComment);
        for (int i = 0; i < ts.size(); i++) {
            if (ts.get(i).is("CHECK") && i + 1 < ts.size() && ts.get(i + 1).isOp("(")) {
                int depth = 0;
                int j = i + 1;
                for (; j < ts.size(); j++) {
                    if (ts.get(j).isOp("(")) {
                        depth++;
                    } else if (ts.get(j).isOp(")") && --depth == 0) {
                        break;
                    }
                }
                StringBuilder sb = new StringBuilder("CHECK ");
                for (int k = i + 1; k <= Math.min(j, ts.size() - 1); k++) {
                    sb.append(ts.get(k).text()).append(' ');
                }
                out.add(sb.toString().trim());
                i = j;
            }
        }
        return out;
    }

    private static Map<String, Long> dbstat(Connection c) {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            for (List<String> r : Jdbc.rows(c, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name")) {
                m.put(r.get(0), Long.parseLong(r.get(1)));
            }
        } catch (SQLException | RuntimeException e) {
            return Map.of();
        }
        return m;
    }

    static String quote(String ident) {
        return Identifiers.delimit(Dialect.SQLITE, ident);
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String norm(String s) {
        return s == null ? null : s.replaceAll("\\s+", " ").trim();
    }
}
