package dev.schemagate.live;

import dev.schemagate.core.Settings;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Identifiers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PostgreSQL (10 and later) through {@code pg_catalog}: schemas, tables (with partition keys), columns
 * ({@code format_type}, NOT NULL, defaults, identity, generated), constraints ({@code pg_get_constraintdef}),
 * indexes ({@code pg_get_indexdef}, validity), sequences, enums, domains, views, triggers, functions and
 * extensions. Sizes: {@code pg_class.reltuples} (the planner's estimate; unknown when never analysed) and
 * {@code pg_total_relation_size}. Objects that belong to extensions are left out.
 */
public final class PgIntrospector implements Introspector {
    public static final String USER_NS = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
            + "AND n.nspname NOT LIKE 'pg\\_temp\\_%'";
    private static final String NOT_EXT = "NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = %s AND dep.deptype = 'e')";

    @Override
    public Introspection read(Connection c, boolean withStats) throws SQLException {
        int num = Integer.parseInt(Jdbc.one(c, "SHOW server_version_num"));
        if (num < 100000) {
            throw new SQLException("PostgreSQL " + num / 10000 + "." + num / 100 % 100 + " is older than 10, which "
                    + "SchemaGate reads");
        }
        String version = num / 10000 + "." + num % 10000;
        String versionText = Jdbc.one(c, "SELECT version()");
        Snapshot snap = new Snapshot();
        StringBuilder ddl = new StringBuilder("-- schema read from the live database by SchemaGate\n");
        Map<String, Settings.TableStats> stats = new LinkedHashMap<>();

        for (List<String> r : Jdbc.rows(c, "SELECT n.nspname, quote_ident(n.nspname) FROM pg_namespace n WHERE " + USER_NS
                + " AND " + String.format(NOT_EXT, "n.oid") + " ORDER BY 1")) {
            snap.put("schema " + r.get(0), null, null);
            if (!r.get(0).equals("public")) {
                ddl.append("CREATE SCHEMA IF NOT EXISTS ").append(r.get(1)).append(";\n");
            }
        }
        for (List<String> r : Jdbc.rows(c, "SELECT extname, extversion, quote_ident(extname) FROM pg_extension ORDER BY 1")) {
            snap.put("extension " + r.get(0), "version", r.get(1));
            if (!r.get(0).equals("plpgsql")) {
                ddl.append("CREATE EXTENSION IF NOT EXISTS ").append(r.get(2)).append(";\n");
            }
        }
        for (List<String> r : Jdbc.rows(c, "SELECT n.nspname || '.' || t.typname, quote_ident(n.nspname) || '.' || "
                + "quote_ident(t.typname), string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) "
                + "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE " + USER_NS + " AND " + String.format(NOT_EXT, "t.oid") + " GROUP BY 1, 2 ORDER BY 1")) {
            snap.put("enum " + r.get(0), "labels", r.get(2));
            ddl.append("CREATE TYPE ").append(r.get(1)).append(" AS ENUM (").append(r.get(2)).append(");\n");
        }
        for (List<String> r : Jdbc.rows(c, "SELECT n.nspname || '.' || t.typname, quote_ident(n.nspname) || '.' || "
                + "quote_ident(t.typname), format_type(t.typbasetype, t.typtypmod), t.typnotnull::text, t.typdefault, "
                + "(SELECT string_agg(pg_get_constraintdef(k.oid), ' ' ORDER BY k.conname) FROM pg_constraint k "
                + "WHERE k.contypid = t.oid) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE t.typtype = 'd' AND " + USER_NS + " AND " + String.format(NOT_EXT, "t.oid") + " ORDER BY 1")) {
            String o = "domain " + r.get(0);
            snap.put(o, "type", r.get(2)).put(o, "not null", r.get(3)).put(o, "default", r.get(4)).put(o, "checks", r.get(5));
            ddl.append("CREATE DOMAIN ").append(r.get(1)).append(" AS ").append(r.get(2))
                    .append(r.get(4) == null ? "" : " DEFAULT " + r.get(4)).append("true".equals(r.get(3)) ? " NOT NULL" : "")
                    .append(r.get(5) == null ? "" : " " + r.get(5)).append(";\n");
        }
        for (List<String> r : Jdbc.rows(c, "SELECT n.nspname || '.' || s.relname, format_type(q.seqtypid, NULL), "
                + "q.seqstart::text, q.seqincrement::text, q.seqmin::text, q.seqmax::text, q.seqcycle::text "
                + "FROM pg_sequence q JOIN pg_class s ON s.oid = q.seqrelid JOIN pg_namespace n ON n.oid = s.relnamespace "
                + "WHERE " + USER_NS + " AND " + String.format(NOT_EXT, "s.oid") + " ORDER BY 1")) {
            String o = "sequence " + r.get(0);
            snap.put(o, "type", r.get(1)).put(o, "start", r.get(2)).put(o, "increment", r.get(3))
                    .put(o, "min", r.get(4)).put(o, "max", r.get(5)).put(o, "cycle", r.get(6));
        }
        // tables, views, materialized views
        Map<String, String> kinds = new TreeMap<>();
        for (List<String> r : Jdbc.rows(c, "SELECT n.nspname || '.' || c.relname, c.relkind::text, quote_ident(n.nspname) || '.' || "
                + "quote_ident(c.relname), c.reltuples::bigint::text, CASE WHEN c.relkind IN ('r', 'p', 'm') THEN "
                + "pg_total_relation_size(c.oid)::text END, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
                + "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END, "
                + "(SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent "
                + "JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid LIMIT 1), "
                + "CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, c.relpages::text "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm') AND "
                + USER_NS + " AND " + String.format(NOT_EXT, "c.oid") + " ORDER BY 1")) {
            String kind = switch (r.get(1)) {
                case "v" -> "view";
                case "m" -> "materialized view";
                default -> "table";
            };
            kinds.put(r.get(0), r.get(1) + "\u0000" + r.get(2));
            String o = kind + " " + r.get(0);
            snap.put(o, "partition key", r.get(5)).put(o, "definition", norm(r.get(6)))
                    .put(o, "partition of", r.get(8) == null ? null : r.get(7) + " " + r.get(8));
            if (withStats && r.get(4) != null) {
                long tuples = Long.parseLong(r.get(3));
                // reltuples is -1 (PG 14+) or 0 with relpages 0 (older) until the table is first analysed
                Long rowsEst = tuples < 0 || (tuples == 0 && !"0".equals(r.get(9)) && num < 140000) ? null : tuples;
                stats.put(r.get(0), new Settings.TableStats(rowsEst, Long.parseLong(r.get(4)), null));
            }
        }
        Map<String, StringBuilder> tableDdl = new LinkedHashMap<>();
        String generated = num >= 120000 ? "a.attgenerated::text" : "''";
        for (List<String> r : Jdbc.rows(c, "SELECT n.nspname || '.' || c.relname, a.attname, quote_ident(a.attname), "
                + "format_type(a.atttypid, a.atttypmod), a.attnotnull::text, pg_get_expr(d.adbin, d.adrelid), "
                + "a.attidentity::text, " + generated + ", row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)::text, "
                + "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
                + "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm') AND " + USER_NS
                + " AND " + String.format(NOT_EXT, "c.oid") + " ORDER BY 1, a.attnum")) {
            String o = "column " + r.get(0) + "." + r.get(1);
            boolean gen = "s".equals(r.get(7));
            String identity = switch (r.get(6) == null ? "" : r.get(6)) {
                case "a" -> "always";
                case "d" -> "by default";
                default -> null;
            };
            snap.put(o, "type", r.get(3)).put(o, "nullable", "true".equals(r.get(4)) ? "NO" : "YES")
                    .put(o, gen ? "generated" : "default", r.get(5)).put(o, "identity", identity)
                    .put(o, "position", r.get(8)).put(o, "collation", r.get(9));
            String k = kinds.get(r.get(0));
            if (k != null && (k.startsWith("r") || k.startsWith("p"))) {
                StringBuilder t = tableDdl.computeIfAbsent(r.get(0), x -> new StringBuilder());
                t.append(t.length() == 0 ? "\n  " : ",\n  ").append(r.get(2)).append(' ').append(r.get(3));
                if (r.get(9) != null) {
                    t.append(" COLLATE ").append(Identifiers.delimit(Dialect.POSTGRES, r.get(9)));
                }
                if (gen) {
                    t.append(" GENERATED ALWAYS AS (").append(r.get(5)).append(") STORED");
                } else if (identity != null) {
                    t.append(" GENERATED ").append(identity.toUpperCase(java.util.Locale.ROOT)).append(" AS IDENTITY");
                } else if (r.get(5) != null) {
                    t.append(" DEFAULT ").append(r.get(5));
                }
                if ("true".equals(r.get(4))) {
                    t.append(" NOT NULL");
                }
            }
        }
        for (Map.Entry<String, String> e : kinds.entrySet()) {
            String[] kv = e.getValue().split("\u0000", 2);
            if (kv[0].equals("r") || kv[0].equals("p")) {
                StringBuilder cols = tableDdl.getOrDefault(e.getKey(), new StringBuilder());
                ddl.append("CREATE TABLE ").append(kv[1]).append(" (").append(cols).append(cols.length() > 0 ? "\n" : "")
                        .append(")");
                String pk = snap.get("table " + e.getKey(), "partition key");
                if (pk != null) {
                    ddl.append(" PARTITION BY ").append(pk);
                }
                ddl.append(";\n");
            }
        }
        for (List<String> r : Jdbc.rows(c, "SELECT n.nspname || '.' || c.relname, con.conname, quote_ident(n.nspname) || '.' || "
                + "quote_ident(c.relname), quote_ident(con.conname), con.contype::text, pg_get_constraintdef(con.oid), "
                + "con.convalidated::text FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND "
                + USER_NS + " AND " + String.format(NOT_EXT, "c.oid") + (num >= 110000 ? " AND con.conparentid = 0" : "")
                + " ORDER BY 1, 2")) {
            String o = "constraint " + r.get(0) + "." + r.get(1);
            String type = switch (r.get(4)) {
                case "p" -> "primary key";
                case "u" -> "unique";
                case "f" -> "foreign key";
                case "c" -> "check";
                default -> "exclude";
            };
            snap.put(o, "type", type).put(o, "definition", r.get(5)).put(o, "validated", r.get(6));
            ddl.append("ALTER TABLE ").append(r.get(2)).append(" ADD CONSTRAINT ").append(r.get(3)).append(' ')
                    .append(r.get(5)).append(";\n");
        }
        for (List<String> r : Jdbc.rows(c, "SELECT n.nspname || '.' || ic.relname, tn.nspname || '.' || tc.relname, "
                + "pg_get_indexdef(i.indexrelid), i.indisvalid::text, EXISTS (SELECT 1 FROM pg_constraint k "
                + "WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))::text "
                + "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace "
                + "JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
                + "WHERE " + USER_NS + " AND " + String.format(NOT_EXT, "tc.oid") + " ORDER BY 1")) {
            String o = "index " + r.get(0);
            snap.put(o, "table", r.get(1)).put(o, "definition", r.get(2)).put(o, "valid", r.get(3));
            if (!"true".equals(r.get(4))) {
                ddl.append(r.get(2)).append(";\n");
            }
        }
        for (Map.Entry<String, String> e : kinds.entrySet()) {
            String[] kv = e.getValue().split("\u0000", 2);
            if (kv[0].equals("v") || kv[0].equals("m")) {
                String def = snap.get((kv[0].equals("v") ? "view " : "materialized view ") + e.getKey(), "definition");
                ddl.append(kv[0].equals("v") ? "CREATE VIEW " : "CREATE MATERIALIZED VIEW ").append(kv[1]).append(" AS ")
                        .append(def == null ? "SELECT 1" : strip(def)).append(";\n");
            }
        }
        for (List<String> r : Jdbc.rows(c, "SELECT n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) "
                + "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE NOT t.tgisinternal AND " + USER_NS + " ORDER BY 1")) {
            snap.put("trigger " + r.get(0), "definition", r.get(1));
        }
        if (num >= 110000) {
            for (List<String> r : Jdbc.rows(c, "SELECT n.nspname || '.' || p.proname || '(' || "
                    + "pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid) FROM pg_proc p "
                    + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p') AND " + USER_NS
                    + " AND " + String.format(NOT_EXT, "p.oid") + " ORDER BY 1")) {
                snap.put("function " + r.get(0), "definition", norm(r.get(1)));
            }
        }
        return new Introspection(Dialect.POSTGRES, version, versionText, ddl.toString(), snap, stats);
    }

    private static String norm(String s) {
        return s == null ? null : s.replaceAll("\\s+", " ").trim();
    }

    private static String strip(String def) {
        String d = def.trim();
        return d.endsWith(";") ? d.substring(0, d.length() - 1) : d;
    }
}
