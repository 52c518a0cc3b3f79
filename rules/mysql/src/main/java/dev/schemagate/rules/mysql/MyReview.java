package dev.schemagate.rules.mysql;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Identifiers;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.review.ReviewedTable;
import dev.schemagate.rules.common.CatalogReview;
import dev.schemagate.rules.common.CatalogReview.Hit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL and MariaDB facts about a table of the replayed schema, for the design-review rules: InnoDB's clustered
 * primary key (appended to every secondary index), the type rules foreign keys must follow, AUTO_INCREMENT ranges,
 * TIMESTAMP's range, character sets, and the fixes as MySQL statements. Types are read from their canonical written
 * form ({@code int unsigned}, {@code varchar(40) character set utf8mb3 collate utf8mb3_bin}).
 */
public final class MyReview {
    private static final List<String> INTS = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final long[] SIGNED_MAX = {127L, 32_767L, 8_388_607L, 2_147_483_647L, Long.MAX_VALUE};
    private static final long[] UNSIGNED_MAX = {255L, 65_535L, 16_777_215L, 4_294_967_295L, -1L};
    private static final List<String> TEXTS = List.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "enum", "set");
    private static final Pattern CHARSET = Pattern.compile(" character set (\\w+)");
    private static final Pattern COLLATE = Pattern.compile(" collate (\\w+)");
    private static final Pattern MONEY = Pattern.compile("(?i)(^|_)(price|prices|amount|amt|cost|costs|total|subtotal"
            + "|balance|fee|fees|salary|wage|tax|vat|money|revenue|payment|paid|refund|credit|debit|discount|charge"
            + "|invoice|budget|currency|cents)($|_)");

    private MyReview() {
    }

    static boolean mariadb(ReviewedTable t) {
        return t.getAnchor() != null && t.getAnchor().getDialect() == Dialect.MARIADB;
    }

    static String q(String ident) {
        return Identifiers.quote(Dialect.MYSQL, ident);
    }

    static String table(ReviewedTable t) {
        return (t.getName().getSchema() == null ? "" : q(t.getName().getSchema()) + ".") + q(t.getTableName());
    }

    // ------------------------------------------------------------------ primary keys

    /** Why a table without a primary key hurts on InnoDB, and what stands in for it. */
    public static String missingKeyMessage(ReviewedTable t) {
        List<String> cand = CatalogReview.primaryKeyCandidate(t);
        String base = t.getName() + " has no primary key";
        if (!cand.isEmpty()) {
            return base + ": InnoDB clusters it on the unique index over NOT NULL (" + String.join(", ", cand)
                    + "), so rows have a key, but Group Replication and sql_require_primary_key refuse the table and tools"
                    + " that need an explicit key skip it; make that index the primary key";
        }
        return base + " and no unique index on NOT NULL columns: InnoDB clusters the rows on a hidden 6-byte row id drawn"
                + " from one counter shared by every such table, row-based replicas find each updated or deleted row by"
                + " scanning the table (replication lag on large tables), gh-ost and pt-online-schema-change refuse it,"
                + " and Group Replication rejects its writes";
    }

    /** The statement that gives the table a primary key. */
    public static String addPrimaryKey(ReviewedTable t) {
        List<String> cand = CatalogReview.primaryKeyCandidate(t);
        if (!cand.isEmpty()) {
            List<String> cols = new ArrayList<>();
            for (String c : cand) {
                cols.add(q(c));
            }
            return "ALTER TABLE " + table(t) + " ADD PRIMARY KEY (" + String.join(", ", cols) + "), ALGORITHM=INPLACE, LOCK=NONE;";
        }
        if (mariadb(t)) {
            return "ALTER TABLE " + table(t) + " ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;"
                    + "\n-- a new AUTO_INCREMENT column rebuilds the table and blocks writes: on a large table run it through"
                    + " pt-online-schema-change";
        }
        return "-- MySQL 8.0.30+: the same invisible key sql_generate_invisible_primary_key would have created\n"
                + "ALTER TABLE " + table(t) + " ADD COLUMN my_row_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT INVISIBLE PRIMARY KEY FIRST;"
                + "\n-- a new AUTO_INCREMENT column rebuilds the table and blocks writes: on a large table run it through"
                + " pt-online-schema-change";
    }

    // ------------------------------------------------------------------ indexes

    private static boolean isPrimary(ReviewedTable t, IndexDef i) {
        ConstraintDef pk = t.getTable().primaryKey();
        return pk != null && (pk.getName().equalsIgnoreCase(i.getName())
                || (pk.getUsingIndex() != null && pk.getUsingIndex().equalsIgnoreCase(i.getName())));
    }

    private static String display(ReviewedTable t, IndexDef i) {
        return isPrimary(t, i) ? "PRIMARY" : i.getName();
    }

    private static List<String> lower(List<String> l) {
        List<String> out = new ArrayList<>();
        for (String s : l) {
            out.add(s.toLowerCase(Locale.ROOT).replaceAll("\\s+", ""));
        }
        return out;
    }

    /** BTREE unless FULLTEXT or SPATIAL: InnoDB builds a B-tree for USING HASH. */
    private static String kind(IndexDef i) {
        String m = i.getMethod() == null ? "btree" : i.getMethod().toLowerCase(Locale.ROOT);
        return m.equals("hash") ? "btree" : m;
    }

    /** What InnoDB stores in a secondary index: its columns, then the primary-key columns it does not have. */
    private static List<String> stored(ReviewedTable t, IndexDef i) {
        List<String> out = new ArrayList<>(lower(i.getColumns()));
        ConstraintDef pk = t.getTable().primaryKey();
        if (pk != null && !isPrimary(t, i)) {
            for (String c : lower(pk.getColumns())) {
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static boolean prefix(List<String> a, List<String> b) {
        return a.size() <= b.size() && b.subList(0, a.size()).equals(a);
    }

    /**
     * Indexes another makes unnecessary on InnoDB: a duplicate (same columns and kind), a non-unique index whose
     * columns lead another index, or one whose columns lead what InnoDB stores in another secondary index (the
     * primary key appended), so {@code (a, id)} duplicates {@code (a)} when {@code id} is the primary key. The primary
     * key is never reported; a unique index only when another enforces the same columns.
     */
    public static List<Hit> redundantIndexes(ReviewedTable t) {
        List<Hit> out = new ArrayList<>();
        List<IndexDef> idx = t.getIndexes();
        Set<String> reported = new LinkedHashSet<>();
        for (IndexDef a : idx) {
            if (isPrimary(t, a) || a.getColumns().isEmpty() || a.isPartial()) {
                continue;
            }
            List<String> ac = lower(a.getColumns());
            for (IndexDef b : idx) {
                if (a == b || b.isPartial() || reported.contains(b.getName().toLowerCase(Locale.ROOT))
                        || !kind(a).equals(kind(b))) {
                    continue;
                }
                List<String> bc = lower(b.getColumns());
                String why;
                if (a.isUnique()) {
                    if (!b.isUnique() || !new java.util.HashSet<>(ac).equals(new java.util.HashSet<>(bc))) {
                        continue;
                    }
                    boolean aKeeps = !isPrimary(t, b) && a.getName().compareToIgnoreCase(b.getName()) < 0;
                    if (aKeeps) {
                        continue;
                    }
                    why = "enforces the same uniqueness as " + display(t, b) + " (" + String.join(", ", b.getColumns()) + ")";
                } else if (!kind(a).equals("btree")) {
                    if (!ac.equals(bc) || (!b.isUnique() && a.getName().compareToIgnoreCase(b.getName()) < 0)) {
                        continue;
                    }
                    why = "duplicates " + display(t, b);
                } else if (prefix(ac, bc)) {
                    if (!b.isUnique() && !ac.equals(bc) && bc.equals(stored(t, a))) {
                        continue; // b is a plus the primary key: b is the one reported
                    }
                    if (ac.equals(bc) && !b.isUnique() && a.getName().compareToIgnoreCase(b.getName()) < 0) {
                        continue; // two identical plain indexes: report the later name only
                    }
                    why = ac.equals(bc) ? "duplicates " + display(t, b) + " (" + String.join(", ", b.getColumns()) + ")"
                            : "is a left prefix of " + display(t, b) + " (" + String.join(", ", b.getColumns())
                            + "), which serves the same lookups";
                } else if (prefix(ac, stored(t, b))) {
                    if (!b.isUnique() && prefix(bc, stored(t, a)) && ac.size() < bc.size()) {
                        continue; // the pair (a) / (a, id): report the one that spells out the primary key
                    }
                    why = "is what InnoDB already stores in " + display(t, b) + " (" + String.join(", ", b.getColumns())
                            + "): every secondary index ends with the primary key ("
                            + String.join(", ", t.getTable().primaryKey().getColumns()) + ")";
                } else {
                    continue;
                }
                out.add(new Hit("Index " + a.getName() + " (" + String.join(", ", a.getColumns()) + ") on " + t.getName()
                        + " " + why + ": every INSERT, DELETE and update of its columns maintains both, and both take buffer"
                        + " pool memory", a.getColumns(), a.getName()));
                reported.add(a.getName().toLowerCase(Locale.ROOT));
                break;
            }
        }
        return out;
    }

    /** Hide the index first (the optimizer stops using it, the server keeps maintaining it), then drop it online. */
    public static String dropIndex(ReviewedTable t, String index) {
        String hide = mariadb(t) ? "ALTER TABLE " + table(t) + " ALTER INDEX " + q(index) + " IGNORED;  -- MariaDB 10.6+"
                : "ALTER TABLE " + table(t) + " ALTER INDEX " + q(index) + " INVISIBLE;  -- MySQL 8.0+";
        return hide + "\n-- watch slow queries for a while, then:\nALTER TABLE " + table(t) + " DROP INDEX " + q(index)
                + ", ALGORITHM=INPLACE, LOCK=NONE;";
    }

    // ------------------------------------------------------------------ foreign keys

    private static String charset(ColumnType c, TableDef owner) {
        Matcher m = CHARSET.matcher(c.getWritten());
        if (m.find()) {
            return norm(m.group(1));
        }
        String co = collation(c, null);
        if (co != null && co.indexOf('_') > 0) {
            return norm(co.substring(0, co.indexOf('_')));
        }
        String t = owner == null ? null : owner.getOptions().get("charset");
        return t == null ? null : norm(t);
    }

    private static String collation(ColumnType c, TableDef owner) {
        Matcher m = COLLATE.matcher(c.getWritten());
        if (m.find()) {
            return m.group(1).toLowerCase(Locale.ROOT);
        }
        return owner == null ? null : owner.getOptions().get("collate");
    }

    private static String norm(String cs) {
        String c = cs.toLowerCase(Locale.ROOT);
        return c.equals("utf8") ? "utf8mb3" : c;
    }

    static boolean unsigned(ColumnType c) {
        return c.getWritten().contains(" unsigned");
    }

    /** Why two key columns do not match for a MySQL foreign key, or null when they do. */
    static String mismatch(ColumnDef mine, TableDef mineT, ColumnDef theirs, TableDef theirsT) {
        ColumnType a = mine.getType();
        ColumnType b = theirs.getType();
        boolean textA = TEXTS.contains(a.getName());
        boolean textB = TEXTS.contains(b.getName());
        if (textA && textB) {
            String ca = charset(a, mineT);
            String cb = charset(b, theirsT);
            if (ca != null && cb != null && !ca.equals(cb)) {
                return "character set " + ca + " against " + cb;
            }
            String la = collation(a, mineT);
            String lb = collation(b, theirsT);
            if (la != null && lb != null && !la.equals(lb)) {
                return "collation " + la + " against " + lb;
            }
            return null; // lengths may differ
        }
        if (!a.getName().equals(b.getName())) {
            return a.getName() + " against " + b.getName();
        }
        if (INTS.contains(a.getName()) && unsigned(a) != unsigned(b)) {
            return (unsigned(a) ? "unsigned" : "signed") + " against " + (unsigned(b) ? "unsigned" : "signed");
        }
        if (a.getName().equals("decimal") && (a.getPrecision() != b.getPrecision() || a.getScale() != b.getScale())) {
            return a.display() + " against " + b.display();
        }
        return null;
    }

    /** Foreign-key columns whose type, sign, character set or collation is not the referenced column's. */
    public static List<Hit> foreignKeyMismatches(ReviewedTable t) {
        List<Hit> out = new ArrayList<>();
        for (ConstraintDef fk : t.constraintsOf(ConstraintKind.FOREIGN_KEY)) {
            TableDef ref = t.getCatalog().table(fk.getRefTable());
            List<String> refCols = CatalogReview.referencedColumns(t, fk);
            if (ref == null || refCols.size() != fk.getColumns().size()) {
                continue;
            }
            for (int i = 0; i < refCols.size(); i++) {
                ColumnDef mine = t.column(fk.getColumns().get(i));
                ColumnDef theirs = ref.column(refCols.get(i));
                String why = mine == null || theirs == null ? null : mismatch(mine, t.getTable(), theirs, ref);
                if (why != null) {
                    out.add(new Hit(t.getName() + "." + mine.getName() + " (" + mine.getType().getWritten() + ") references "
                            + ref.getName() + "." + theirs.getName() + " (" + theirs.getType().getWritten() + "): " + why,
                            List.of(mine.getName(), theirs.getType().getWritten()), fk.getName()));
                }
            }
        }
        return out;
    }

    public static String mismatchMessage(ReviewedTable t, Hit h) {
        return h.message + ". MySQL and MariaDB refuse to create such a foreign key, and to MODIFY either column into"
                + " this state, while foreign_key_checks=1 (MySQL 8.0 ERROR 3780, before that errno 150): the statement"
                + " that produced it fails on the server unless checks were off, and then every key check and join"
                + " compares through a conversion and the next ALTER of either column fails";
    }

    /** MODIFY the referencing column to the referenced column's exact type, keeping its nullability. */
    public static String retype(ReviewedTable t, Hit h) {
        ColumnDef c = t.column(h.columns.get(0));
        return "SET SESSION foreign_key_checks = 0;  -- the key stays; MySQL refuses the MODIFY otherwise (ERROR 3780)\n"
                + "ALTER TABLE " + table(t) + " MODIFY " + q(h.columns.get(0)) + " " + h.columns.get(1).toUpperCase(Locale.ROOT)
                + (c != null && !c.isNullable() ? " NOT NULL" : "") + ";  -- copies the table: gh-ost cannot (foreign keys),"
                + " use pt-online-schema-change on a large table\nSET SESSION foreign_key_checks = 1;";
    }

    // ------------------------------------------------------------------ AUTO_INCREMENT

    /** The AUTO_INCREMENT column (replay gives it a sequence default), or null. */
    static ColumnDef autoIncrement(ReviewedTable t) {
        for (ColumnDef c : t.getTable().getColumns()) {
            if (c.getDefaultExpr() != null && c.getDefaultExpr().startsWith("nextval(")) {
                return c;
            }
        }
        return null;
    }

    /** The largest value the column's integer type holds, or -1 for bigint and non-integers. */
    static long maxValue(ColumnType type) {
        int i = INTS.indexOf(type.getName());
        if (i < 0 || i == INTS.size() - 1) {
            return -1;
        }
        return unsigned(type) ? UNSIGNED_MAX[i] : SIGNED_MAX[i];
    }

    /** The AUTO_INCREMENT column when it is narrower than BIGINT, else null. */
    public static ColumnDef smallAutoIncrement(ReviewedTable t) {
        ColumnDef c = autoIncrement(t);
        return c != null && maxValue(c.getType()) > 0 ? c : null;
    }

    /** The stats show the key's range at least half used (rows are a lower bound of the next AUTO_INCREMENT value). */
    public static boolean filling(ReviewedTable t) {
        ColumnDef c = smallAutoIncrement(t);
        Long rows = t.getRows();
        return c != null && rows != null && rows >= maxValue(c.getType()) / 2;
    }

    public static String autoIncrementMessage(ReviewedTable t) {
        ColumnDef c = smallAutoIncrement(t);
        long max = maxValue(c.getType());
        Long rows = t.getRows();
        String used = rows == null ? "" : String.format("; the stats show %,d rows, so at least %.0f%% of the range is used",
                rows, Math.min(100.0, 100.0 * rows / max));
        return t.getName() + "." + c.getName() + " is AUTO_INCREMENT " + c.getType().getWritten() + String.format(
                " (at most %,d)", max) + used + ": values are never reused (rolled-back inserts, INSERT IGNORE and"
                + " ON DUPLICATE KEY UPDATE burn them too), and at the limit every INSERT fails with a duplicate-key error;"
                + " widening it later copies the table and every table whose foreign key references it";
    }

    public static String widen(ReviewedTable t) {
        ColumnDef c = smallAutoIncrement(t);
        return "ALTER TABLE " + table(t) + " MODIFY " + q(c.getName()) + " BIGINT UNSIGNED NOT NULL AUTO_INCREMENT;"
                + "  -- copies the table: on a large table run it with gh-ost or pt-online-schema-change, and widen the"
                + " referencing columns in the same window";
    }

    // ------------------------------------------------------------------ column types

    /** TIMESTAMP columns (the dialect lets a change rule judge nothing about them, so every one is reported). */
    public static List<ColumnDef> timestampColumns(ReviewedTable t) {
        List<ColumnDef> out = new ArrayList<>();
        for (ColumnDef c : t.getTable().getColumns()) {
            if (c.getType().getName().equals("timestamp")) {
                out.add(c);
            }
        }
        return out;
    }

    /** The last TIMESTAMP value the server stores: 2106 on MariaDB 11.5+ (64-bit builds), else 2038. */
    public static String timestampLimit(ReviewedTable t) {
        dev.schemagate.model.Version v = t.getAnchor() == null || t.getAnchor().getCtx() == null ? null
                : t.getAnchor().getCtx().getVersion();
        return mariadb(t) && v != null && v.atLeast("11.5") ? "2106-02-07 06:28:15 UTC" : "2038-01-19 03:14:07 UTC";
    }

    public static String toDatetime(ReviewedTable t, ColumnDef c) {
        String p = c.getType().hasPrecision() ? "(" + c.getType().getPrecision() + ")" : "";
        String def = c.getDefaultExpr() == null ? "" : " DEFAULT " + c.getDefaultExpr();
        return "ALTER TABLE " + table(t) + " MODIFY " + q(c.getName()) + " DATETIME" + p + (c.isNullable() ? " NULL" : " NOT NULL")
                + def + ";  -- copies the table; store UTC (SET time_zone = '+00:00' in the application's sessions)";
    }

    /** Text columns (and the table default) in utf8mb3, the 3-byte UTF-8 that cannot store characters past U+FFFF. */
    public static List<String> utf8mb3Columns(ReviewedTable t) {
        List<String> out = new ArrayList<>();
        for (ColumnDef c : t.getTable().getColumns()) {
            if (TEXTS.contains(c.getType().getName()) && "utf8mb3".equals(charset(c.getType(), t.getTable()))) {
                out.add(c.getName());
            }
        }
        return out;
    }

    public static boolean utf8mb3Default(ReviewedTable t) {
        String cs = t.getTable().getOptions().get("charset");
        return cs != null && norm(cs).equals("utf8mb3");
    }

    public static String toUtf8mb4(ReviewedTable t) {
        String coll = mariadb(t) ? "utf8mb4_unicode_520_ci" : "utf8mb4_0900_ai_ci";
        return "ALTER TABLE " + table(t) + " CONVERT TO CHARACTER SET utf8mb4 COLLATE " + coll + ";"
                + "  -- copies the table (gh-ost on a large one); convert the tables its foreign keys join in the same window";
    }

    /** FLOAT and DOUBLE columns whose names say they hold money. */
    public static List<ColumnDef> floatMoney(ReviewedTable t) {
        List<ColumnDef> out = new ArrayList<>();
        for (ColumnDef c : t.getTable().getColumns()) {
            String n = c.getType().getName();
            if ((n.equals("float") || n.equals("double")) && MONEY.matcher(c.getName()).find()) {
                out.add(c);
            }
        }
        return out;
    }

    public static String toDecimal(ReviewedTable t, ColumnDef c) {
        return "ALTER TABLE " + table(t) + " MODIFY " + q(c.getName()) + " DECIMAL(19,4)" + (c.isNullable() ? " NULL" : " NOT NULL")
                + ";  -- copies the table, and rounds every stored value to 4 decimals: compare SUM() before and after";
    }

    // ------------------------------------------------------------------ nullability

    /** CHECK constraints are enforced: MySQL 8.0.16+ (earlier ones parse and ignore them), MariaDB 10.2.1+. */
    public static boolean checksEnforced(ReviewedTable t) {
        dev.schemagate.model.Version v = t.getAnchor() == null || t.getAnchor().getCtx() == null ? null
                : t.getAnchor().getCtx().getVersion();
        return v == null || v.atLeast(mariadb(t) ? "10.2.1" : "8.0.16");
    }

    public static List<Hit> nullableButProvenFilled(ReviewedTable t) {
        return checksEnforced(t) ? CatalogReview.nullableButProvenFilled(t) : List.of();
    }

    public static String setNotNull(ReviewedTable t, Hit h) {
        ColumnDef c = t.column(h.columns.get(0));
        String def = c == null || c.getDefaultExpr() == null ? "" : " DEFAULT " + c.getDefaultExpr();
        return "ALTER TABLE " + table(t) + " MODIFY " + q(h.columns.get(0)) + " "
                + (c == null ? "<type>" : c.getType().getWritten().toUpperCase(Locale.ROOT)) + " NOT NULL" + def
                + ", ALGORITHM=INPLACE, LOCK=NONE;  -- restate every attribute of the column (COMMENT, ON UPDATE...):"
                + " MODIFY replaces the whole definition\nALTER TABLE " + table(t) + " DROP CHECK " + q(h.object) + ";";
    }

    // ------------------------------------------------------------------ cascades

    public static String restrict(ReviewedTable t, Hit h) {
        ConstraintDef fk = t.getTable().constraint(h.object);
        if (fk == null) {
            return "";
        }
        List<String> cols = new ArrayList<>();
        for (String c : fk.getColumns()) {
            cols.add(q(c));
        }
        List<String> refs = new ArrayList<>();
        for (String c : CatalogReview.referencedColumns(t, fk)) {
            refs.add(q(c));
        }
        return "SET SESSION foreign_key_checks = 0;  -- the rows already satisfy the key: re-adding it needs no copy\n"
                + "ALTER TABLE " + table(t) + " DROP FOREIGN KEY " + q(fk.getName()) + ", ADD CONSTRAINT " + q(fk.getName())
                + " FOREIGN KEY (" + String.join(", ", cols) + ") REFERENCES " + q(fk.getRefTable().getName()) + " ("
                + String.join(", ", refs) + ") ON DELETE RESTRICT, ALGORITHM=INPLACE;\nSET SESSION foreign_key_checks = 1;\n-- then delete the children in batches before the parent:\n"
                + "DELETE FROM " + table(t) + " WHERE " + cols.get(0) + " = ? LIMIT 1000;  -- repeat until 0 rows";
    }
}
