package dev.schemagate.plan.mysql;

import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.change.AlterColumnType;
import dev.schemagate.plan.Intent;
import dev.schemagate.plan.PlanBuilder;
import dev.schemagate.plan.PlanBuilder.Work;
import dev.schemagate.plan.SqlText;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MODIFY/CHANGE that InnoDB can only do by copying the table (INT to BIGINT, a VARCHAR shrink or a length crossing
 * the 255-byte boundary, a charset change), on a table too large to copy as written.
 *
 * <p>The plan is one phase: the ALTER with {@code ALGORITHM=COPY} named, so the server neither hides nor changes the
 * copy, and {@code LOCK=SHARED} (reads continue, writes wait for the whole copy; the plan's estimate is that wait) or,
 * on MariaDB 11.2+, {@code LOCK=NONE} (MariaDB's online copy logs concurrent writes and applies them at the end).
 * Strict {@code sql_mode} makes a value that does not fit an error instead of a silent truncation, and a pre-check
 * counts such values first, so the copy is not started only to fail at the end. At or above
 * {@code online_schema_change_rows} the step carries the gh-ost / pt-online-schema-change command, which copies in
 * throttled chunks with a short cut-over instead. A shadow column (expand, sync, backfill, swap the names) is not
 * generated: it cannot carry a primary key, AUTO_INCREMENT or foreign keys, the usual reasons for INT to BIGINT;
 * the plan names it as the alternative for other columns.
 */
final class MysqlTypeChange {
    private static final Pattern LENGTH = Pattern.compile("(?i)^\\s*(var)?char\\s*\\(\\s*(\\d+)\\s*\\).*");
    private final MysqlPlanGenerator gen;
    private final Intent in;
    private final PlanBuilder b;

    MysqlTypeChange(MysqlPlanGenerator gen, Intent in, PlanBuilder b) {
        this.gen = gen;
        this.in = in;
        this.b = b;
    }

    /** MariaDB 11.2+ copies with concurrent writes (ALGORITHM=COPY, LOCK=NONE). */
    boolean onlineCopy() {
        return gen.mariadb() && MysqlPlanGenerator.atLeast(b, "11.2");
    }

    void plan() {
        AlterColumnType a = (AlterColumnType) in.first();
        String t = MysqlPlanGenerator.q(in.table);
        String col = in.column;
        ColumnDef before = in.before.column(col);
        String written = SqlText.oneLine(a.getStatement().getText()).trim();
        while (written.endsWith(";")) {
            written = written.substring(0, written.length() - 1).trim();
        }
        String clause = written.replaceFirst("(?is)^ALTER\\s+(ONLINE\\s+|IGNORE\\s+)*TABLE\\s+\\S+\\s+", "")
                .replaceAll("(?i),\\s*(ALGORITHM|LOCK)\\s*=?\\s*\\w+", "");
        String newType = a.getNewType() == null ? null : a.getNewType().getWritten() != null ? a.getNewType().getWritten()
                : a.getNewType().display();
        String lock = onlineCopy() ? "LOCK=NONE" : "LOCK=SHARED";
        // values that would not fit: counted before the copy starts
        Matcher m = newType == null ? null : LENGTH.matcher(newType);
        if (m != null && m.matches()) {
            b.check(3, "values of " + in.tableName() + "." + col + " longer than " + m.group(2) + " characters",
                    "SELECT COUNT(*) AS violations FROM " + t + " WHERE CHAR_LENGTH(" + MysqlPlanGenerator.q(col) + ") > "
                            + m.group(2), false).pre = true;
        }
        String range = newType == null ? null : range(newType.toLowerCase(Locale.ROOT).trim());
        if (range != null) {
            b.check(3, "values of " + in.tableName() + "." + col + " outside " + newType, "SELECT COUNT(*) AS violations"
                    + " FROM " + t + " WHERE " + MysqlPlanGenerator.q(col) + " NOT BETWEEN " + range, false).pre = true;
        }
        String title = "change the type of " + in.tableName() + "." + col + (newType == null ? "" : " to " + newType)
                + (onlineCopy() ? " (MariaDB online copy: reads and writes continue, the metadata lock is taken briefly at"
                + " the start and the end)" : " (the table is copied; reads continue, writes wait until the copy ends)");
        String undo = "MODIFY " + MysqlPlanGenerator.definition(autoIncrement(before) ? new ColumnDef(before.getName(),
                before.getType(), before.isNullable(), null, false, false) : before) + (autoIncrement(before)
                ? " AUTO_INCREMENT" : "");
        b.step(3, title, "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_TRANS_TABLES');\n"
                        + "ALTER TABLE " + t + " " + clause + ", ALGORITHM=COPY, " + lock + ";"
                        + gen.osc(b, in.tableName(), clause, false),
                "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_TRANS_TABLES');\n"
                        + "ALTER TABLE " + t + " " + undo + ", ALGORITHM=COPY, " + lock + ";",
                onlineCopy() ? MysqlPlanGenerator.MDL : "SHARED (reads continue; writes wait for the whole copy)",
                !onlineCopy(), Work.REWRITE);
        if (a.getNewType() != null && a.getNewType().getSqlType() != null) {
            String dataType = newType.toLowerCase(Locale.ROOT).replaceFirst("[\\s(].*$", "");
            b.check(3, in.tableName() + "." + col + " has type " + dataType, "SELECT COUNT(*) AS violations FROM"
                    + " information_schema.columns WHERE table_schema = DATABASE() AND table_name = "
                    + SqlText.literal(in.tableName()) + " AND column_name = " + SqlText.literal(col)
                    + " AND data_type <> " + SqlText.literal(dataType), true);
        }
        dev.schemagate.model.catalog.ConstraintDef pk = in.before.primaryKey();
        if (autoIncrement(before) || pk != null && pk.getColumns().stream().anyMatch(col::equalsIgnoreCase)) {
            b.alternative("none without a copy for a primary-key or AUTO_INCREMENT column (a shadow column cannot take"
                    + " over the key): to avoid the write stop, run the change with gh-ost or pt-online-schema-change"
                    + " (lower online_schema_change_rows in the policy and the plan prints the command in the step)");
            return;
        }
        b.alternative("a shadow column instead of the copy, for a column that is no key, has no AUTO_INCREMENT and no"
                + " foreign key: add " + col + "_new with the new type (INSTANT), BEFORE INSERT/UPDATE triggers copy "
                + col + " into it, a batched backfill converts the existing rows (values that do not fit are counted"
                + " first), then one LOCK TABLES drops the triggers and swaps the names (RENAME COLUMN " + col + " TO "
                + col + "_old, RENAME COLUMN " + col + "_new TO " + col + ": metadata only), and " + col + "_old is"
                + " dropped after the rollback window. No long write stop, but written by hand today; gh-ost or"
                + " pt-online-schema-change (the command in the step) gives the same without schema changes the"
                + " application sees.");
    }

    /** AUTO_INCREMENT, which the catalog keeps as an identity or a sequence default. */
    static boolean autoIncrement(ColumnDef c) {
        return c.isIdentity() || c.getDefaultExpr() != null && c.getDefaultExpr().toLowerCase(Locale.ROOT).startsWith("nextval(");
    }

    /** The value range of a narrow integer type, as {@code lo AND hi}, or null for other types. */
    static String range(String type) {
        boolean unsigned = type.contains("unsigned");
        String base = type.replaceFirst("[\\s(].*$", "");
        switch (base) {
            case "tinyint": return unsigned ? "0 AND 255" : "-128 AND 127";
            case "smallint": return unsigned ? "0 AND 65535" : "-32768 AND 32767";
            case "mediumint": return unsigned ? "0 AND 16777215" : "-8388608 AND 8388607";
            case "int": case "integer": return unsigned ? "0 AND 4294967295" : "-2147483648 AND 2147483647";
            default: return null;
        }
    }
}
