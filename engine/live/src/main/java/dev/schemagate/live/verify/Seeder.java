package dev.schemagate.live.verify;

import dev.schemagate.live.Jdbc;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Identifiers;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Fills tables with generated rows that satisfy their declared constraints: a value of the column's type for
 * every column SchemaGate may set (identity, serial, auto-increment and generated columns are left to the
 * database), values derived from the row number so UNIQUE and PRIMARY KEY hold, enum labels in turn, and foreign
 * keys pointing at rows of the referenced table, which is filled first. On PostgreSQL, {@code CHECK (col IN (...))}
 * supplies the column's values; other CHECK constraints are not solved: a table whose CHECK rejects the generated
 * rows is reported as not seeded.
 */
final class Seeder {
    private static final int BATCH = 1000;
    private static final java.util.regex.Pattern IN_LIST = java.util.regex.Pattern.compile(
            "\\(*(\"?[A-Za-z_][A-Za-z0-9_]*\"?)\\)*(?:::[a-z ]+)?\\s*=\\s*ANY\\s*\\(\\(?ARRAY\\[([^\\]]*)\\]");
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'((?:[^']|'')*)'");

    private record Col(String name, String type, boolean nullable, List<String> labels) {
    }

    private record Fk(List<String> cols, String parent, List<String> parentCols) {
    }

    private final Connection c;
    private final Dialect dialect;
    private final Set<String> busy = new HashSet<>();
    /** Result per table: rows added, or why not. */
    final Map<String, String> notes = new LinkedHashMap<>();

    Seeder(Connection c, Dialect dialect) {
        this.c = c;
        this.dialect = dialect;
    }

    /** Tops {@code table} (schema-qualified for PostgreSQL) up to {@code n} rows, its parents first. */
    void seed(String table, int n) {
        if (notes.containsKey(table) || !busy.add(table)) {
            return;
        }
        try {
            long have = Long.parseLong(Jdbc.one(c, "SELECT count(*) FROM " + quoteTable(table)));
            if (have >= n) {
                notes.put(table, "already had " + have + " rows");
                return;
            }
            List<Col> cols = columns(table);
            List<Fk> fks = foreignKeys(table);
            Map<String, List<List<String>>> parentRows = new LinkedHashMap<>();
            for (Fk fk : fks) {
                if (!fk.parent.equalsIgnoreCase(table)) {
                    seed(fk.parent, n);
                }
                parentRows.put(fk.parent + fk.cols, Jdbc.rows(c, "SELECT " + String.join(", ", fk.parentCols.stream()
                        .map(this::quote).toList()) + " FROM " + quoteTable(fk.parent) + " LIMIT 100000"));
            }
            Map<String, Fk> fkOf = new LinkedHashMap<>();
            for (Fk fk : fks) {
                for (String col : fk.cols) {
                    fkOf.putIfAbsent(col.toLowerCase(Locale.ROOT), fk);
                }
            }
            StringBuilder sql = new StringBuilder("INSERT INTO ").append(quoteTable(table)).append(" (");
            StringBuilder vals = new StringBuilder();
            for (int i = 0; i < cols.size(); i++) {
                sql.append(i > 0 ? ", " : "").append(quote(cols.get(i).name));
                vals.append(i > 0 ? ", " : "").append(dialect == Dialect.POSTGRES ? "CAST(? AS " + cols.get(i).type + ")" : "?");
            }
            if (cols.isEmpty()) {
                notes.put(table, "not seeded: no column SchemaGate may set");
                return;
            }
            sql.append(") VALUES (").append(vals).append(')');
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            long added = 0;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (long r = have + 1; r <= n; r++) {
                    long i = 1_000_000L + r;
                    for (int k = 0; k < cols.size(); k++) {
                        Col col = cols.get(k);
                        Fk fk = fkOf.get(col.name.toLowerCase(Locale.ROOT));
                        Object v;
                        if (fk != null) {
                            List<List<String>> pr = parentRows.get(fk.parent + fk.cols);
                            if (fk.parent.equalsIgnoreCase(table) || pr.isEmpty()) {
                                if (!col.nullable && !pr.isEmpty()) {
                                    v = pr.get(0).get(fk.cols.indexOf(col.name));
                                } else {
                                    v = null;
                                }
                            } else {
                                v = pr.get((int) (r % pr.size())).get(indexIgnoreCase(fk.cols, col.name));
                            }
                        } else {
                            v = value(col, i);
                        }
                        set(ps, k + 1, v);
                    }
                    ps.addBatch();
                    if (++added % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
                c.commit();
                notes.put(table, "seeded " + added + " rows (" + n + " in all)");
            } catch (SQLException e) {
                c.rollback();
                notes.put(table, "not seeded: " + firstLine(e));
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            notes.put(table, "not seeded: " + firstLine(e));
        } finally {
            busy.remove(table);
        }
    }

    /**
     * Removes every row of the tables this seeder filled (so a migration that fails on rows can be applied to
     * empty tables and measuring can go on), and forgets them so the next migration fills them again.
     */
    void empty() throws SQLException {
        List<String> filled = new ArrayList<>();
        notes.forEach((t, n) -> {
            if (n.startsWith("seeded")) {
                filled.add(t);
            }
        });
        if (filled.isEmpty()) {
            return;
        }
        // tables a later migration dropped or renamed are gone
        filled.removeIf(t -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.executeQuery("SELECT 1 FROM " + quoteTable(t) + " WHERE 1 = 0").close();
                return false;
            } catch (SQLException e) {
                notes.remove(t);
                return true;
            }
        });
        if (filled.isEmpty()) {
            return;
        }
        try (java.sql.Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRES) {
                s.execute("TRUNCATE " + String.join(", ", filled.stream().map(this::quoteTable).toList()) + " CASCADE");
            } else {
                s.execute(dialect == Dialect.SQLITE ? "PRAGMA foreign_keys = OFF" : "SET FOREIGN_KEY_CHECKS = 0");
                for (String t : filled) {
                    s.execute("DELETE FROM " + quoteTable(t));
                }
                s.execute(dialect == Dialect.SQLITE ? "PRAGMA foreign_keys = ON" : "SET FOREIGN_KEY_CHECKS = 1");
            }
        }
        filled.forEach(notes::remove);
    }

    private static int indexIgnoreCase(List<String> l, String s) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).equalsIgnoreCase(s)) {
                return i;
            }
        }
        return 0;
    }

    /** The first line of the root cause (a batch failure's own message only says the batch was aborted). */
    static String firstLine(SQLException e) {
        SQLException cause = e;
        while (cause.getNextException() != null) {
            cause = cause.getNextException();
        }
        String m = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private void set(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof Double d) {
            ps.setDouble(i, d);
        } else if (v instanceof byte[] b) {
            ps.setBytes(i, b);
        } else {
            ps.setString(i, v.toString());
        }
    }

    /** A value of the column's type for generated row {@code i}; strings for PostgreSQL, which casts them. */
    Object value(Col col, long i) {
        String t = col.type.toLowerCase(Locale.ROOT);
        boolean pg = dialect == Dialect.POSTGRES;
        if (!col.labels.isEmpty()) {
            return col.labels.get((int) (i % col.labels.size()));
        }
        if (t.endsWith("[]")) {
            return pg ? "{}" : "[]";
        }
        if (t.contains("bool") || t.equals("bit(1)") || t.equals("tinyint(1)")) {
            return pg ? String.valueOf(i % 2 == 0) : (Object) (i % 2);
        }
        if (t.startsWith("smallint") || t.startsWith("int2") || t.startsWith("tinyint")) {
            long v = t.startsWith("tinyint") ? i % 100 : i % 30000;
            return pg ? String.valueOf(v) : (Object) v;
        }
        if (t.contains("interval")) {
            return i + " seconds";
        }
        if (t.contains("int") && !t.contains("point")) {
            return pg ? String.valueOf(i) : (Object) i;
        }
        if (t.startsWith("numeric") || t.startsWith("decimal")) {
            int p = 9;
            int s = 0;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)").matcher(t);
            if (m.find()) {
                p = Integer.parseInt(m.group(1));
                s = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            }
            long mod = (long) Math.pow(10, Math.max(0, Math.min(p - s, 12)));
            long v = mod <= 1 ? 0 : i % mod;
            return pg ? String.valueOf(v) : (Object) v;
        }
        if (t.contains("real") || t.contains("double") || t.contains("float")) {
            return pg ? (i + 0.5) + "" : (Object) (i + 0.5);
        }
        if (t.contains("timestamp") || t.contains("datetime")) {
            return LocalDateTime.of(2001, 1, 1, 0, 0).plusSeconds(i).toString().replace('T', ' ');
        }
        if (t.startsWith("date")) {
            return LocalDate.of(2001, 1, 1).plusDays(i % 30000).toString();
        }
        if (t.startsWith("time")) {
            long s = i % 86400;
            return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        if (t.equals("year")) {
            return String.valueOf(1901 + i % 254);
        }
        if (t.equals("uuid")) {
            return new UUID(0, i).toString();
        }
        if (t.contains("json")) {
            return "{\"n\": " + i + "}";
        }
        if (t.equals("bytea")) {
            return String.format(Locale.ROOT, "\\x%016x", i);
        }
        if (t.contains("blob") || t.contains("binary")) {
            return Long.toString(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        if (t.equals("inet") || t.equals("cidr")) {
            return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
        }
        if (t.equals("macaddr")) {
            return String.format(Locale.ROOT, "08:00:2b:%02x:%02x:%02x", i >> 16 & 255, i >> 8 & 255, i & 255);
        }
        if (t.contains("char") || t.contains("text") || t.contains("clob") || t.equals("string") || t.equals("citext")
                || t.isEmpty()) {
            String s = "r" + i;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+)\\)").matcher(t);
            if (m.find()) {
                int len = Integer.parseInt(m.group(1));
                if (s.length() > len) {
                    s = Long.toString(i, 36);
                    s = s.substring(Math.max(0, s.length() - len));
                }
            }
            return s;
        }
        if (dialect == Dialect.SQLITE) {
            return "r" + i;
        }
        return col.nullable ? null : "r" + i;
    }

    private List<Col> columns(String table) throws SQLException {
        List<Col> out = new ArrayList<>();
        switch (dialect) {
            case POSTGRES -> {
                for (List<String> r : Jdbc.rows(c, "SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                        + "a.attnotnull::text, (a.attidentity <> '' OR a.attgenerated <> '' OR coalesce(pg_get_expr(d.adbin, "
                        + "d.adrelid), '') LIKE 'nextval(%')::text, (SELECT string_agg(e.enumlabel, E'\\x01' ORDER BY "
                        + "e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = coalesce(nullif(t.typbasetype, 0), t.oid)) "
                        + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d "
                        + "ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = " + literal(quoteTable(table))
                        + "::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                    if (!"true".equals(r.get(3))) {
                        out.add(new Col(r.get(0), r.get(1), !"true".equals(r.get(2)),
                                r.get(4) == null ? List.of() : List.of(r.get(4).split("\u0001"))));
                    }
                }
                // CHECK (col IN ('a', 'b')), which PostgreSQL keeps as col = ANY (ARRAY['a'::text, ...]): use its values
                for (List<String> r : Jdbc.rows(c, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c' "
                        + "AND conrelid = " + literal(quoteTable(table)) + "::regclass")) {
                    java.util.regex.Matcher m = IN_LIST.matcher(r.get(0));
                    while (m.find()) {
                        String col = m.group(1).replace("\"", "");
                        List<String> values = new ArrayList<>();
                        java.util.regex.Matcher v = QUOTED.matcher(m.group(2));
                        while (v.find()) {
                            values.add(v.group(1).replace("''", "'"));
                        }
                        out.replaceAll(x -> x.name.equalsIgnoreCase(col) && x.labels.isEmpty() && !values.isEmpty()
                                ? new Col(x.name, x.type, x.nullable, values) : x);
                    }
                }
            }
            case SQLITE -> {
                for (List<String> r : Jdbc.rows(c, "SELECT name, type, \"notnull\", hidden FROM pragma_table_xinfo("
                        + literal(table) + ") ORDER BY cid")) {
                    if ("0".equals(r.get(3))) {
                        out.add(new Col(r.get(0), sqliteType(r.get(1)), !"1".equals(r.get(2)), List.of()));
                    }
                }
            }
            default -> {
                for (List<String> r : Jdbc.rows(c, "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, EXTRA "
                        + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = database() AND TABLE_NAME = "
                        + literal(table) + " ORDER BY ORDINAL_POSITION")) {
                    String extra = r.get(3) == null ? "" : r.get(3).toLowerCase(Locale.ROOT);
                    if (extra.contains("auto_increment") || extra.contains("generated")) {
                        continue;
                    }
                    List<String> labels = new ArrayList<>();
                    String type = r.get(1);
                    if (type.startsWith("enum(") || type.startsWith("set(")) {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'((?:[^']|'')*)'").matcher(type);
                        while (m.find()) {
                            labels.add(m.group(1).replace("''", "'"));
                        }
                    }
                    out.add(new Col(r.get(0), type, "YES".equals(r.get(2)), labels));
                }
            }
        }
        return out;
    }

    /** SQLite's type affinity rules, reduced to the value kinds {@link #value} knows. */
    private static String sqliteType(String declared) {
        String t = declared == null ? "" : declared.toLowerCase(Locale.ROOT);
        if (t.contains("int")) {
            return "integer";
        }
        if (t.contains("char") || t.contains("clob") || t.contains("text")) {
            return t.contains("(") ? t : "text";
        }
        if (t.contains("blob") || t.isEmpty()) {
            return t.isEmpty() ? "text" : "blob";
        }
        if (t.contains("real") || t.contains("floa") || t.contains("doub")) {
            return "real";
        }
        return t;
    }

    private List<Fk> foreignKeys(String table) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = null;
        String name = table;
        if (dialect == Dialect.POSTGRES && table.contains(".")) {
            schema = table.substring(0, table.indexOf('.'));
            name = table.substring(table.indexOf('.') + 1);
        }
        Map<String, Fk> fks = new LinkedHashMap<>();
        try (ResultSet rs = md.getImportedKeys(dialect.isMysqlFamily() ? c.getCatalog() : null, schema, name)) {
            while (rs.next()) {
                String parent = rs.getString("PKTABLE_NAME");
                if (dialect == Dialect.POSTGRES) {
                    parent = rs.getString("PKTABLE_SCHEM") + "." + parent;
                }
                String key = rs.getString("FK_NAME") + "\u0000" + parent;
                String p = parent;
                Fk fk = fks.computeIfAbsent(key, k -> new Fk(new ArrayList<>(), p, new ArrayList<>()));
                fk.cols.add(rs.getString("FKCOLUMN_NAME"));
                fk.parentCols.add(rs.getString("PKCOLUMN_NAME"));
            }
        }
        return new ArrayList<>(fks.values());
    }

    String quote(String ident) {
        return Identifiers.delimit(dialect, ident);
    }

    String quoteTable(String table) {
        if (dialect == Dialect.POSTGRES && table.contains(".")) {
            return quote(table.substring(0, table.indexOf('.'))) + "." + quote(table.substring(table.indexOf('.') + 1));
        }
        return quote(table);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
