package dev.schemagate.plan.mysql;

import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.plan.Intent;
import dev.schemagate.plan.PlanBuilder;
import dev.schemagate.plan.PlanBuilder.Work;
import dev.schemagate.plan.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MySQL/MariaDB parts of a column rename or split done by expand and contract (an {@link Intent} of kind
 * NEW_COLUMNS that replaces the columns in {@link Intent#dropped}): the two-way sync triggers, the checks that old and
 * new agree, the indexes of a renamed column rebuilt on the new one, and the contract phase that copies the old column
 * aside before it drops it, so that its rollback puts the column back where it was, with its data, NOT NULL, default
 * and indexes.
 *
 * <p>The triggers are BEFORE INSERT and BEFORE UPDATE row triggers with a compound body. An older application version
 * writes only the old column: the new ones are computed from it. A newer version writes only the new columns: the old
 * one is rebuilt from them (for a rename the value itself; for a split of a text column the parts joined with a space),
 * unless the new values are exactly what the old one gives, which is the case for the backfill's own updates, so the
 * backfill never rewrites the old column. A NOT NULL old column may be left out by the newer version: MySQL 5.7.1+
 * (WL#6030) and MariaDB 10.1+ (MDEV-8605) check NOT NULL after the BEFORE triggers ran, so the trigger's value counts.
 */
final class MysqlReplacement {
    private final MysqlPlanGenerator gen;
    private final Intent in;
    private final PlanBuilder b;
    private final String t;
    /** The source column (rename: the old name; split: the one column split). */
    private final String old;
    private final ColumnDef oldDef;
    private final List<String> cols;

    MysqlReplacement(MysqlPlanGenerator gen, Intent in, PlanBuilder b) {
        this.gen = gen;
        this.in = in;
        this.b = b;
        this.t = MysqlPlanGenerator.q(in.table);
        this.old = in.renamedFrom != null ? in.renamedFrom : in.dropped.get(0);
        this.oldDef = in.before == null ? null : in.before.column(old);
        this.cols = in.before == null ? List.of() : in.before.columnNames();
    }

    private static String q(String s) {
        return MysqlPlanGenerator.q(s);
    }

    boolean rename() {
        return in.renamedFrom != null;
    }

    /**
     * The old column's value rebuilt from the new ones, over {@code NEW.} columns: the new column itself for a rename,
     * the text parts joined with a space for a split of one text column into text columns; null when there is none.
     */
    String reverse() {
        if (rename()) {
            return "NEW." + q(in.columns.get(0).name);
        }
        if (in.dropped.size() != 1 || !textual(oldDef)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Intent.NewColumn nc : in.columns) {
            if (!text(nc)) {
                return null;
            }
            parts.add("NEW." + q(nc.name));
        }
        return "NULLIF(CONCAT_WS(' ', " + String.join(", ", parts) + "), '')";
    }

    private static boolean text(Intent.NewColumn nc) {
        return nc.type != null && nc.type.toLowerCase(Locale.ROOT).matches("(var)?char.*|(tiny|medium|long)?text.*");
    }

    /**
     * NULL-safe equality; for text byte by byte, because the usual case-insensitive PAD SPACE collations call 'Bob'
     * and 'bob ' equal, and a trigger that missed such a change would leave the other column behind.
     */
    static String same(String a, String b, boolean text) {
        return text ? "CAST(" + a + " AS BINARY) <=> CAST(" + b + " AS BINARY)" : a + " <=> " + b;
    }

    private static boolean textual(ColumnDef c) {
        if (c == null || c.getType() == null || c.getType().getSqlType().getFamily() == null) {
            return false;
        }
        return c.getType().getSqlType().getFamily().toString().contains("CHARACTER");
    }

    /** Whether a BEFORE trigger may give a NOT NULL column left out by the writer its value (see the class comment). */
    boolean triggerSatisfiesNotNull() {
        return gen.mariadb() ? MysqlPlanGenerator.atLeast(b, "10.1") : MysqlPlanGenerator.atLeast(b, "5.7.1");
    }

    /** Whether a table may have several triggers for one timing and event (MySQL 5.7.2+, MariaDB 10.2.3+). */
    boolean severalTriggers() {
        return gen.mariadb() ? MysqlPlanGenerator.atLeast(b, "10.2.3") : MysqlPlanGenerator.atLeast(b, "5.7.2");
    }

    /** Where a renamed column's copy goes: next to the old one when that is INSTANT on this version, else last. */
    String position() {
        if (!rename() || !positionedInstant()) {
            return "";
        }
        return " AFTER " + q(old);
    }

    /** ADD COLUMN at any position is INSTANT: MySQL 8.0.29+ (8.0.30+ here, 8.0.29's redo format), MariaDB 10.4+. */
    boolean positionedInstant() {
        if (gen.mariadb()) {
            return MysqlPlanGenerator.atLeast(b, "10.4");
        }
        return b.version() != null && b.version().atLeast("8.0.30");
    }

    /** The ALGORITHM clause for putting a dropped column back where it was. */
    private String positionedAlgorithm() {
        return positionedInstant() ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
    }

    /** Where the old column was: AFTER its predecessor, or FIRST. */
    private String oldPlace() {
        int i = -1;
        for (int k = 0; k < cols.size(); k++) {
            if (cols.get(k).equalsIgnoreCase(old)) {
                i = k;
            }
        }
        return i <= 0 ? " FIRST" : " AFTER " + q(cols.get(i - 1));
    }

    // ---------------------------------------------------------------------------------------------------- triggers

    /** The CREATE TRIGGER statements (with DELIMITER lines for the command-line client) and their DROP. */
    String[] triggers(String ins, String upd) {
        List<String> compute = new ArrayList<>();
        List<String> allNull = new ArrayList<>();
        List<String> allSame = new ArrayList<>();
        List<String> anyChanged = new ArrayList<>();
        List<String> asComputed = new ArrayList<>();
        List<String> fillParts = new ArrayList<>();
        for (Intent.NewColumn nc : in.columns) {
            String col = "NEW." + q(nc.name);
            allNull.add(col + " IS NULL");
            boolean text = text(nc);
            allSame.add(same(col, "OLD." + q(nc.name), text));
            anyChanged.add("NOT (" + same(col, "OLD." + q(nc.name), text) + ")");
            String v = nc.expr != null ? nc.expr : nc.defaultExpr;
            if (v != null) {
                String e = SqlText.qualify(v, cols, "NEW");
                compute.add(col + " = " + e);
                asComputed.add(same(col, e, text));
                fillParts.add(col + " = IF(" + col + " IS NULL AND OLD." + q(nc.name) + " IS NULL, " + e + ", " + col + ")");
            }
        }
        String rev = reverse();
        boolean oldText = textual(oldDef);
        String oldCol = "NEW." + q(old);
        String set = "            SET " + String.join(",\n                ", compute) + ";\n";
        StringBuilder sb = new StringBuilder("DELIMITER //\n");
        sb.append("CREATE TRIGGER ").append(q(ins)).append(" BEFORE INSERT ON ").append(t).append(" FOR EACH ROW\n")
                .append("BEGIN\n    -- an older application version wrote only ").append(old).append(": compute the new")
                .append(" columns\n    IF ").append(String.join(" AND ", allNull)).append(" THEN\n")
                .append(set.replace("            ", "        ").replace("                ", "            "));
        String oldDefault = oldDef == null ? null : literal(oldDef.getDefaultExpr());
        if (rev != null) {
            sb.append("    -- a newer one wrote only the new columns: fill ").append(old).append(" for the older ones\n")
                    .append("    ELSEIF ").append(oldCol).append(" IS NULL").append(oldDefault == null ? "" : " OR "
                            + same(oldCol, oldDefault, oldText) + " AND NOT (" + same(rev, oldDefault, oldText) + ")")
                    .append(" THEN\n        SET ").append(oldCol).append(" = ").append(rev).append(";\n");
        }
        sb.append("    END IF;\nEND//\n");
        sb.append("CREATE TRIGGER ").append(q(upd)).append(" BEFORE UPDATE ON ").append(t).append(" FOR EACH ROW\n")
                .append("BEGIN\n    IF NOT (").append(same(oldCol, "OLD." + q(old), oldText)).append(") AND ")
                .append(String.join(" AND ", allSame)).append(rev == null ? "" : " AND NOT (" + same(oldCol, rev, oldText) + ")")
                .append(" THEN\n").append(set.replace("            ", "        ")
                        .replace("                ", "            "));
        if (rev != null) {
            sb.append("    -- the new columns changed and ").append(old).append(" did not; the backfill's own updates")
                    .append(" (new = computed from old) leave ").append(old).append(" alone\n    ELSEIF (")
                    .append(String.join(" OR ", anyChanged)).append(") AND ").append(same(oldCol, "OLD." + q(old), oldText))
                    .append(" AND NOT (").append(String.join(" AND ", asComputed)).append(") THEN\n");
            if (in.columns.size() > 1) {
                // a part the writer left alone on a row the backfill has not reached yet: from the old value first
                sb.append("        SET ").append(String.join(",\n            ", fillParts)).append(",\n            ");
            } else {
                sb.append("        SET ");
            }
            sb.append(oldCol).append(" = ").append(rev).append(";\n");
        }
        sb.append("    END IF;\nEND//\nDELIMITER ;");
        String drop = "DROP TRIGGER IF EXISTS " + q(ins) + ";\nDROP TRIGGER IF EXISTS " + q(upd) + ";";
        return new String[] {sb.toString(), drop};
    }

    /** A default that is a plain literal (number or quoted string), or null. */
    private static String literal(String d) {
        if (d == null) {
            return null;
        }
        String s = d.trim();
        return s.matches("-?[0-9]+(\\.[0-9]+)?|'([^']|'')*'") ? s : null;
    }

    /**
     * Before the triggers are created: on servers that allow one trigger per timing and event, other BEFORE INSERT or
     * UPDATE triggers on the table stop the phase (they must be merged by hand). Later servers run triggers of the
     * same timing and event in creation order, so the sync triggers, created last, see what earlier ones set.
     */
    void triggerPreCheck(String ins, String upd) {
        String others = "SELECT COUNT(*) AS violations FROM information_schema.triggers WHERE trigger_schema = DATABASE()"
                + " AND event_object_table = " + SqlText.literal(in.tableName()) + " AND action_timing = 'BEFORE' AND"
                + " event_manipulation IN ('INSERT', 'UPDATE') AND trigger_name NOT IN (" + SqlText.literal(ins) + ", "
                + SqlText.literal(upd) + ")";
        if (!severalTriggers()) {
            b.check(1, "other BEFORE INSERT/UPDATE triggers on " + in.tableName() + " (" + gen.product() + " "
                    + b.version() + " allows one per timing and event: merge them into the sync triggers by hand)",
                    others, true).pre = true;
        } else {
            b.check(1, "other BEFORE INSERT/UPDATE triggers on " + in.tableName() + " run before the sync triggers"
                    + " (creation order); review that they leave " + old + " as the application wrote it", others, true)
                    .warning = true;
        }
    }

    // ---------------------------------------------------------------------------------------------------- checks

    void backfillChecks() {
        if (rename()) {
            String nn = in.columns.get(0).name;
            b.check(2, "rows where " + nn + " differs from " + old, "SELECT COUNT(*) AS violations FROM " + t
                    + " WHERE NOT (" + same(q(nn), q(old), textual(oldDef)) + ")", false);
        } else if (reverse() != null) {
            b.check(2, "edge cases: rows whose new values do not rebuild " + old + " (review them; not an error)",
                    "SELECT COUNT(*) AS violations FROM " + t + " WHERE " + q(old) + " IS NOT NULL AND NOT ("
                            + same(reverse().replace("NEW.", ""), q(old), true) + ")", false).warning = true;
        }
    }

    // ---------------------------------------------------------------------------------------------------- phase 3

    /**
     * The old column NOT NULL while newer versions stop writing it: the trigger fills it when there is a reverse
     * and the server lets a trigger satisfy NOT NULL; otherwise it becomes nullable (an in-place rebuild).
     */
    void relaxOld() {
        if (oldDef == null || oldDef.isNullable() || reverse() != null && triggerSatisfiesNotNull()) {
            return;
        }
        ColumnDef nullable = new ColumnDef(oldDef.getName(), oldDef.getType(), true, oldDef.getDefaultExpr(), false, false);
        String alter = "MODIFY " + MysqlPlanGenerator.definition(nullable);
        b.step(3, "let app v3 stop writing " + old + " (nullable; the table is rebuilt in place, reads and writes"
                + " continue)", "ALTER TABLE " + t + " " + alter + ", ALGORITHM=INPLACE, LOCK=NONE;"
                + gen.osc(b, in.tableName(), alter, true), "ALTER TABLE " + t + " MODIFY "
                + MysqlPlanGenerator.definition(oldDef) + ", ALGORITHM=INPLACE, LOCK=NONE;", MysqlPlanGenerator.MDL, false,
                Work.REWRITE);
    }

    /** The indexes (and UNIQUE constraints) that contain the renamed column, by name, with their columns. */
    private Map<String, Object[]> oldIndexes() {
        return MysqlPlanGenerator.indexesWith(in, old);
    }

    private List<String> quoted(List<String> c, boolean renamed) {
        List<String> out = new ArrayList<>();
        for (String s : c) {
            out.add(q(renamed && s.equalsIgnoreCase(old) ? in.columns.get(0).name : s));
        }
        return out;
    }

    /** For a rename: each index on the old column built again on the new one, in place while writes continue. */
    void copyIndexes() {
        if (!rename()) {
            return;
        }
        String nn = in.columns.get(0).name;
        for (Object[] ix : oldIndexes().values()) {
            String name = (String) ix[0];
            @SuppressWarnings("unchecked")
            List<String> ic = (List<String>) ix[1];
            boolean unique = (Boolean) ix[2];
            String lower = name.toLowerCase(Locale.ROOT);
            String idx = lower.contains(old.toLowerCase(Locale.ROOT))
                    ? lower.replace(old.toLowerCase(Locale.ROOT), nn.toLowerCase(Locale.ROOT))
                    : MysqlPlanGenerator.name(name, nn);
            List<String> nc = quoted(ic, true);
            if (unique) {
                b.check(3, "no duplicate values of " + String.join(", ", nc).replace("`", "") + " for " + idx,
                        "SELECT COUNT(*) AS violations FROM (SELECT " + String.join(", ", nc) + " FROM " + t + " WHERE "
                                + q(nn) + " IS NOT NULL GROUP BY " + String.join(", ", nc) + " HAVING COUNT(*) > 1) AS d",
                        false).pre = true;
            }
            String add = "ADD " + (unique ? "UNIQUE " : "") + "INDEX " + q(idx) + " (" + String.join(", ", nc) + ")";
            b.step(3, (unique ? "unique " : "") + "index " + idx + " on " + nn + " like " + name + " (built in place;"
                    + " reads and writes continue)", "ALTER TABLE " + t + " " + add + ", ALGORITHM=INPLACE, LOCK=NONE;"
                    + gen.osc(b, in.tableName(), add, true), "ALTER TABLE " + t + " DROP INDEX " + q(idx)
                    + ", ALGORITHM=INPLACE, LOCK=NONE;", MysqlPlanGenerator.MDL, false, Work.INDEX);
            b.check(3, "index " + idx + " exists", "SELECT 1 - COUNT(DISTINCT index_name) AS violations FROM"
                    + " information_schema.statistics WHERE table_schema = DATABASE() AND table_name = "
                    + SqlText.literal(in.tableName()) + " AND index_name = " + SqlText.literal(idx), true);
        }
    }

    // ---------------------------------------------------------------------------------------------------- phase 4

    /**
     * Copies each replaced column aside (key and value, in a table of its own), drops its indexes (metadata only; an
     * indexed column cannot be dropped INSTANT), then drops the sync triggers and the column under one LOCK TABLES, so
     * no write lands between them: with the triggers gone and the column still there, an insert of app v3 would leave
     * a NOT NULL old column empty. That last step is the POINT OF NO RETURN. Its rollback puts the column back in its
     * old place, recreates the triggers (from then on writes fill it), restores the copied values where the new
     * columns still agree with them and rebuilds the rest from the new columns, then restores NOT NULL and default;
     * the index step's rollback adds the indexes back.
     */
    void dropReplaced(String key, String dropTriggers, String createTriggers) {
        b.pointOfNoReturn();
        for (String d : in.dropped) {
            ColumnDef def = in.before == null ? null : in.before.column(d);
            String copy = MysqlPlanGenerator.name("schemagate_backup", in.tableName(), d);
            String type = MysqlPlanGenerator.written(def);
            boolean last = d.equals(in.dropped.get(in.dropped.size() - 1));
            MysqlPlanGenerator.keepColumnCopy(b, in, key, d, copy);
            if (d.equalsIgnoreCase(old)) {
                MysqlPlanGenerator.dropIndexesOf(b, in, d);
            }
            boolean withTriggers = last && dropTriggers != null;
            String dropCol = "ALTER TABLE " + t + " DROP COLUMN " + q(d) + ", " + gen.dropColumnAlgorithm(b) + ";";
            b.step(4, (withTriggers ? "drop the sync triggers and " : "drop ") + in.tableName() + "." + d
                    + " (POINT OF NO RETURN)", withTriggers ? "LOCK TABLES " + t + " WRITE;\n" + dropTriggers + "\n"
                    + dropCol + "\nUNLOCK TABLES;" : dropCol, restore(d, def, type, key, copy, withTriggers
                    ? createTriggers : null), withTriggers ? "table lock (WRITE) for the three statements, then the"
                    + " metadata lock of the ALTER" : MysqlPlanGenerator.MDL, true, Work.CATALOG);
            b.check(4, in.tableName() + "." + d + " is gone", "SELECT COUNT(*) AS violations FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() AND table_name = " + SqlText.literal(in.tableName())
                    + " AND column_name = " + SqlText.literal(d), true);
        }
    }

    private String restore(String d, ColumnDef def, String type, String key, String copy, String createTriggers) {
        if (def == null || type == null || key == null) {
            return "-- restore " + d + " from the 01_backup.sh dump" + (createTriggers == null ? "" : "\n" + createTriggers);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("ALTER TABLE ").append(t).append(" ADD COLUMN ").append(q(d)).append(' ').append(type).append(" NULL")
                .append(d.equalsIgnoreCase(old) ? oldPlace() : "").append(", ").append(positionedAlgorithm()).append(";\n");
        if (createTriggers != null) {
            sb.append("-- from here on the triggers fill ").append(d).append(" for every write\n").append(createTriggers)
                    .append('\n');
        }
        String rev = d.equalsIgnoreCase(old) ? reverse() : null;
        List<String> agree = new ArrayList<>();
        if (rev != null) {
            for (Intent.NewColumn nc : in.columns) {
                String v = nc.expr != null ? nc.expr : nc.defaultExpr;
                if (v != null) {
                    agree.add(same("t." + q(nc.name), SqlText.qualify(v, List.of(d), "b"), text(nc)));
                }
            }
        }
        sb.append("UPDATE ").append(t).append(" AS t JOIN ").append(q(copy)).append(" AS b ON b.").append(q(key))
                .append(" = t.").append(q(key)).append(" SET t.").append(q(d)).append(" = b.").append(q(d))
                .append(agree.isEmpty() ? "" : " WHERE " + String.join(" AND ", agree)).append(";");
        if (rev != null) {
            sb.append("\n-- rows written or changed after phase 4: rebuild ").append(d).append(" from the new columns\nUPDATE ")
                    .append(t).append(" SET ").append(q(d)).append(" = ").append(rev.replace("NEW.", "")).append(" WHERE ")
                    .append(q(d)).append(" IS NULL;");
        }
        if (!def.isNullable()) {
            sb.append("\nALTER TABLE ").append(t).append(" MODIFY ").append(MysqlPlanGenerator.definition(def))
                    .append(", ALGORITHM=INPLACE, LOCK=NONE;");
        } else if (def.getDefaultExpr() != null) {
            sb.append("\nALTER TABLE ").append(t).append(" ALTER COLUMN ").append(q(d)).append(" SET DEFAULT ")
                    .append(def.getDefaultExpr()).append(", ").append(gen.defaultAlgorithm(b)).append(";");
        }
        return sb.toString();
    }

    /** The metadata-only alternative to the expand/contract rename, for teams that switch every application instance at once. */
    String renameInPlace() {
        String nn = in.columns.get(0).name;
        String how;
        if (gen.mariadb()) {
            String alg = MysqlPlanGenerator.atLeast(b, "10.3") ? ", ALGORITHM=INSTANT;" : ", ALGORITHM=INPLACE, LOCK=NONE;";
            how = MysqlPlanGenerator.atLeast(b, "10.5.2") ? "ALTER TABLE " + t + " RENAME COLUMN " + q(old) + " TO " + q(nn)
                    + alg : oldDef == null ? null : "ALTER TABLE " + t + " CHANGE " + q(old) + " "
                    + MysqlPlanGenerator.definition(new ColumnDef(nn, oldDef.getType(), oldDef.isNullable(),
                    oldDef.getDefaultExpr(), false, false)) + alg;
        } else if (MysqlPlanGenerator.atLeast(b, "8.0.28")) {
            how = "ALTER TABLE " + t + " RENAME COLUMN " + q(old) + " TO " + q(nn) + ", ALGORITHM=INSTANT;";
        } else if (MysqlPlanGenerator.atLeast(b, "8.0.3")) {
            how = "ALTER TABLE " + t + " RENAME COLUMN " + q(old) + " TO " + q(nn) + ", ALGORITHM=INPLACE, LOCK=NONE;";
        } else {
            how = oldDef == null ? null : "ALTER TABLE " + t + " CHANGE " + q(old) + " " + MysqlPlanGenerator.definition(
                    new ColumnDef(nn, oldDef.getType(), oldDef.isNullable(), oldDef.getDefaultExpr(), false, false))
                    + ", ALGORITHM=INPLACE, LOCK=NONE;";
        }
        if (how == null) {
            return null;
        }
        return "metadata-only rename instead of this plan: `" + how + "` changes only the data dictionary on "
                + gen.product() + " " + b.version() + " (no copy, no rebuild; the metadata lock waits at most"
                + " lock_wait_timeout), and indexes, foreign keys and the data follow the column. It is safe only when"
                + " no running application version uses the old name at that moment: every query naming " + old
                + " fails from that statement on, so the application must switch in the same instant (a stop-the-world"
                + " deploy, or code that reads both names). Views, triggers and stored routines that name " + old
                + " are not rewritten and fail at their next use; check them first. Choose it with a"
                + " maintenance window and an atomic deploy; otherwise this expand/contract plan keeps every version"
                + " working.";
    }
}
