package dev.schemagate.plan.postgres;

import static dev.schemagate.plan.postgres.PostgresPlanGenerator.AE;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.SRE;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.SUE;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.name;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.q;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.qualified;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.schemaOf;

import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.change.AlterColumnType;
import dev.schemagate.model.change.TypeChange;
import dev.schemagate.plan.Durations;
import dev.schemagate.plan.Intent;
import dev.schemagate.plan.Plan;
import dev.schemagate.plan.PlanBuilder;
import dev.schemagate.plan.PlanBuilder.Work;
import dev.schemagate.plan.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL column type change that would rewrite a large table under ACCESS EXCLUSIVE, done online with a
 * shadow column: phase 1 adds the column with the new type and a trigger that converts every written value into it;
 * phase 2 converts the existing rows in batches and counts rows whose converted value differs; phase 3 builds NOT
 * NULL (validated CHECK, then SET NOT NULL), the primary key's and the other indexes' twins CONCURRENTLY and the
 * foreign keys NOT VALID then VALIDATE on the shadow column; phase 4 swaps the columns in one short transaction
 * (trigger off, old column dropped, shadow renamed into place, constraints attached by USING INDEX, default and
 * sequence moved). What it cannot move (views, foreign keys of other tables referencing the column) is counted by
 * a check that stops phases 1 and 4.
 */
final class PostgresTypeChange {
    private static final Pattern NEXTVAL = Pattern.compile("(?i)^\\s*nextval\\s*\\(\\s*'([^']+)'(?:::regclass)?\\s*\\)\\s*$");

    private final Intent in;
    private final PlanBuilder b;
    private final String t;
    private final String col;
    private final String sh;
    private final ColumnDef old;
    private final String oldType;
    private final String fn;

    PostgresTypeChange(Intent in, PlanBuilder b) {
        this.in = in;
        this.b = b;
        this.t = q(in.table);
        this.col = in.column;
        this.sh = in.shadow;
        this.old = in.before.column(in.column);
        this.oldType = PostgresPlanGenerator.plainType(old);
        this.fn = name("schemagate_sync", in.tableName(), col, "type");
    }

    /** Why the shadow-column form cannot be generated for this type change, or null. */
    static String unsupported(Intent in) {
        if (in.before == null) {
            return "the table's definition is unknown";
        }
        String col = in.column;
        for (ConstraintDef c : in.before.getConstraints()) {
            boolean uses = c.getColumns().stream().anyMatch(col::equalsIgnoreCase)
                    || c.getExpression() != null && mentions(c.getExpression(), col);
            if (!uses) {
                continue;
            }
            if (c.getKind() == ConstraintKind.CHECK || c.getKind() == ConstraintKind.EXCLUDE) {
                return "this type change rewrites the table, and " + c.getKind().name().replace('_', ' ') + " constraint "
                        + c.getName() + " uses " + col + ": the swap would drop it with the old column; move it to the"
                        + " new column by hand (NOT VALID, then VALIDATE) or change the type in a maintenance window";
            }
            if (c.getColumns().size() != 1) {
                return "this type change rewrites the table, and the multi-column " + c.getKind().name().replace('_', ' ')
                        + " " + c.getName() + " includes " + col + ": it is not rebuilt on a shadow column automatically;"
                        + " change the type in a maintenance window or plan the constraint by hand";
            }
        }
        for (IndexDef i : in.beforeIndexes) {
            boolean expression = i.getColumns().stream().anyMatch(c -> !c.matches("\"?[A-Za-z_][A-Za-z0-9_$]*\"?"));
            boolean uses = i.getColumns().stream().anyMatch(c -> mentions(c, col))
                    || i.getWhere() != null && mentions(i.getWhere(), col);
            if (uses && expression) {
                return "this type change rewrites the table, and index " + i.getName() + " uses " + col + " in an"
                        + " expression: it is not rebuilt on a shadow column automatically; plan it by hand";
            }
        }
        return null;
    }

    private static boolean mentions(String sql, String col) {
        return Pattern.compile("(?i)(?<![A-Za-z0-9_$.])\"?" + Pattern.quote(col) + "\"?(?![A-Za-z0-9_$(])").matcher(sql).find();
    }

    /** {@code sql} with the column replaced by the shadow column. */
    private String onShadow(String sql) {
        return Pattern.compile("(?i)(?<![A-Za-z0-9_$.])\"?" + Pattern.quote(col) + "\"?(?![A-Za-z0-9_$(])").matcher(sql)
                .replaceAll(Matcher.quoteReplacement(q(sh)));
    }

    private boolean lossless() {
        AlterColumnType a = (AlterColumnType) in.first();
        return a.getUsing() == null && (a.getTypeChange() == TypeChange.WIDENING
                || a.getTypeChange() == TypeChange.BINARY_COERCIBLE);
    }

    void plan() {
        String schema = SqlText.literal(schemaOf(in.table));
        String table = SqlText.literal(in.tableName());
        String column = SqlText.literal(col);
        String dependents = "SELECT COUNT(*) AS violations FROM (SELECT v.view_name AS dependent FROM"
                + " information_schema.view_column_usage AS v WHERE v.table_schema = " + schema + " AND v.table_name = "
                + table + " AND v.column_name = " + column + " UNION ALL SELECT u.constraint_name FROM"
                + " information_schema.constraint_column_usage AS u JOIN information_schema.table_constraints AS k ON"
                + " k.constraint_schema = u.constraint_schema AND k.constraint_name = u.constraint_name WHERE"
                + " u.table_schema = " + schema + " AND u.table_name = " + table + " AND u.column_name = " + column
                + " AND k.constraint_type = 'FOREIGN KEY') AS d";
        String dependentsName = "views and foreign keys (of any table) that use " + in.tableName() + "." + col
                + ": the swap cannot move them (drop them first and re-create them on the new column after phase 4,"
                + " or change the type in a maintenance window)";
        b.check(1, dependentsName, dependents, true).pre = true;
        expand();
        backfill();
        List<String> swap = constrain();
        contract(swap, dependents, dependentsName);
    }

    // ---------------------------------------------------------------------------------------------- phase 1

    private String trigger() {
        List<String> cols = in.before.columnNames();
        return "CREATE OR REPLACE FUNCTION " + qualified(in.table, fn) + "() RETURNS trigger\n"
                + "LANGUAGE plpgsql AS $sg$\nBEGIN\n  NEW." + q(sh) + " := " + SqlText.qualify(in.convert, cols, "NEW")
                + ";\n  RETURN NEW;\nEND\n$sg$;\n"
                + "DROP TRIGGER IF EXISTS " + q(fn) + " ON " + t + ";\n"
                + "CREATE TRIGGER " + q(fn) + " BEFORE INSERT OR UPDATE ON " + t + " FOR EACH ROW EXECUTE FUNCTION "
                + qualified(in.table, fn) + "();";
    }

    private String dropTrigger() {
        return "DROP TRIGGER IF EXISTS " + q(fn) + " ON " + t + ";\nDROP FUNCTION IF EXISTS " + qualified(in.table, fn) + "();";
    }

    private void expand() {
        b.step(1, "add the shadow column " + in.tableName() + "." + sh + " " + in.newType + " (nullable: catalog only)",
                "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + q(sh) + " " + in.newType + ";", "ALTER TABLE " + t
                        + " DROP COLUMN IF EXISTS " + q(sh) + ";", AE, true, Work.CATALOG);
        b.step(1, "keep " + sh + " equal to the converted " + col + " on every INSERT and UPDATE", trigger(),
                dropTrigger(), SRE, true, Work.CATALOG);
        b.triggerFills(in.table.toString(), List.of(sh));
        b.check(1, "shadow column " + sh + " exists", PostgresPlanGenerator.columnsMissing(in.table, List.of(sh)), true);
        b.check(1, "sync trigger " + fn + " exists", "SELECT 1 - COUNT(*) AS violations FROM pg_catalog.pg_trigger"
                + " WHERE tgname = " + SqlText.literal(fn), true);
    }

    // ---------------------------------------------------------------------------------------------- phase 2

    private Plan.Backfill bf;

    private void backfill() {
        String key = PostgresPlanGenerator.key(in.before);
        String differs = q(sh) + " IS DISTINCT FROM (" + in.convert + ")";
        if (key == null) {
            b.step(2, "convert the existing rows (no single-column integer primary key to batch on: one statement)",
                    "UPDATE " + t + " SET " + q(sh) + " = " + in.convert + " WHERE " + differs + ";",
                    "-- nothing to undo: the phase 1 rollback drops the shadow column", "ROW EXCLUSIVE", false, Work.SCAN);
        } else {
            bf = b.backfill(name(in.tableName(), col, "retype"), t, q(key));
            bf.set.put(q(sh), in.convert);
            bf.notDone = differs;
        }
        b.check(2, "rows whose " + sh + " is not the converted " + col + " (must be 0 before the swap)",
                "SELECT COUNT(*) AS violations FROM " + t + " WHERE " + differs, false);
        if (!lossless()) {
            b.check(2, "rows where " + col + " has a value but the conversion gives NULL (review them; not an error)",
                    "SELECT COUNT(*) AS violations FROM " + t + " WHERE " + q(col) + " IS NOT NULL AND " + q(sh)
                            + " IS NULL", false).warning = true;
        }
    }

    // ---------------------------------------------------------------------------------------------- phase 3

    /** Builds NOT NULL, indexes and foreign keys on the shadow column; returns the statements the swap needs. */
    private List<String> constrain() {
        List<String> swap = new ArrayList<>();
        Intent.NewColumn nc = in.columns.get(0);
        if (nc.notNull) {
            PostgresPlanGenerator.notNull(b, in.table, sh, 3, bf);
        }
        Set<String> constraintIndexes = new LinkedHashSet<>();
        for (ConstraintDef c : in.before.getConstraints()) {
            if (c.getColumns().size() != 1 || !c.getColumns().get(0).equalsIgnoreCase(col)) {
                continue;
            }
            if (c.getKind() == ConstraintKind.PRIMARY_KEY || c.getKind() == ConstraintKind.UNIQUE) {
                boolean pk = c.getKind() == ConstraintKind.PRIMARY_KEY;
                String cn = c.getName() != null ? c.getName() : name(in.tableName(), pk ? "pkey" : col + "_key");
                constraintIndexes.add(cn.toLowerCase(Locale.ROOT));
                String idx = name(in.tableName(), sh, pk ? "pkey" : "key");
                b.check(3, "no duplicate values of " + sh + " (the conversion may merge distinct values)",
                        "SELECT COUNT(*) AS violations FROM (SELECT " + q(sh) + " FROM " + t + " WHERE " + q(sh)
                                + " IS NOT NULL GROUP BY " + q(sh) + " HAVING COUNT(*) > 1) AS d", false).pre = true;
                b.step(3, "unique index on " + sh + " for " + (pk ? "the primary key" : "UNIQUE " + cn)
                        + " without blocking writes", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + q(idx) + " ON "
                        + t + " (" + q(sh) + ");", "DROP INDEX CONCURRENTLY IF EXISTS " + qualified(in.table, idx) + ";",
                        SUE, false, Work.INDEX_CONCURRENT);
                b.check(3, "index " + idx + " is valid", PostgresPlanGenerator.indexValid(idx), true);
                swap.add("ALTER TABLE " + t + " ADD CONSTRAINT " + q(cn) + (pk ? " PRIMARY KEY" : " UNIQUE")
                        + " USING INDEX " + q(idx) + ";");
            } else if (c.getKind() == ConstraintKind.FOREIGN_KEY && c.getRefTable() != null) {
                String cn = c.getName();
                String tmp = name(cn, "sg_new");
                List<String> ref = new ArrayList<>();
                c.getRefColumns().forEach(r -> ref.add(q(r)));
                b.step(3, "foreign key " + cn + " on " + sh + " for new writes only", "ALTER TABLE " + t
                        + " ADD CONSTRAINT " + q(tmp) + " FOREIGN KEY (" + q(sh) + ") REFERENCES " + q(c.getRefTable())
                        + (ref.isEmpty() ? "" : " (" + String.join(", ", ref) + ")") + (c.getOnDelete() != null
                        ? " ON DELETE " + c.getOnDelete() : "") + " NOT VALID;", "ALTER TABLE " + t
                        + " DROP CONSTRAINT IF EXISTS " + q(tmp) + ";", SRE, true, Work.CATALOG);
                b.step(3, "check existing rows against " + cn + " (reads and writes continue)", "ALTER TABLE " + t
                        + " VALIDATE CONSTRAINT " + q(tmp) + ";", "-- nothing to undo: VALIDATE only marks the constraint"
                        + " as checked", SUE, false, Work.SCAN);
                b.check(3, "foreign key " + tmp + " is validated", "SELECT 1 - COUNT(*) AS violations FROM"
                        + " pg_catalog.pg_constraint WHERE conname = " + SqlText.literal(tmp) + " AND convalidated", true);
                swap.add("ALTER TABLE " + t + " RENAME CONSTRAINT " + q(tmp) + " TO " + q(cn) + ";");
            }
        }
        for (IndexDef i : in.beforeIndexes) {
            if (constraintIndexes.contains(i.getName().toLowerCase(Locale.ROOT))
                    || i.getColumns().stream().noneMatch(c -> mentions(c, col))) {
                continue;
            }
            String idx = name(i.getName(), "sg_new");
            List<String> cols = new ArrayList<>();
            i.getColumns().forEach(c -> cols.add(mentions(c, col) ? q(sh) : c));
            b.step(3, "index like " + i.getName() + " on " + sh + " without blocking writes", "CREATE "
                    + (i.isUnique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS " + q(idx) + " ON " + t
                    + (i.getMethod() != null ? " USING " + i.getMethod() : "") + " (" + String.join(", ", cols) + ")"
                    + (i.getWhere() != null ? " WHERE " + onShadow(i.getWhere()) : "") + ";",
                    "DROP INDEX CONCURRENTLY IF EXISTS " + qualified(in.table, idx) + ";", SUE, false,
                    Work.INDEX_CONCURRENT);
            b.check(3, "index " + idx + " is valid", PostgresPlanGenerator.indexValid(idx), true);
            swap.add("ALTER INDEX " + qualified(in.table, idx) + " RENAME TO " + q(i.getName()) + ";");
        }
        return swap;
    }

    // ---------------------------------------------------------------------------------------------- phase 4

    private void contract(List<String> attach, String dependents, String dependentsName) {
        Long n = b.rows();
        b.pointOfNoReturn("After this phase " + in.tableName() + "." + col + " has type " + in.newType + " and the old column"
                + " is gone; every application version keeps working (same column name). Going back means rewriting the"
                + " table to the old type.", "converts " + col + " back to " + oldType + " by a table rewrite under ACCESS"
                + " EXCLUSIVE (" + (n == null ? "duration depends on the table's size" : Durations.text(n
                / b.thresholds().rewriteRowsPerSecond)) + ") and fails if a value written since no longer fits; plan it"
                + " as a maintenance window");
        b.check(4, dependentsName, dependents, true).pre = true;
        String key = PostgresPlanGenerator.key(in.before);
        String copy = name("backup", in.tableName(), col);
        boolean keepCopy = !lossless() && key != null && !key.equalsIgnoreCase(col);
        if (keepCopy) {
            b.step(4, "keep a copy of " + col + " before the conversion (what the phase 4 rollback restores)",
                    "CREATE SCHEMA IF NOT EXISTS schemagate;\nDROP TABLE IF EXISTS schemagate." + q(copy) + ";\nCREATE TABLE"
                            + " schemagate." + q(copy) + " AS SELECT " + q(key) + ", " + q(col) + " FROM " + t + ";",
                    "-- the copy is kept until you drop it: DROP TABLE schemagate." + q(copy) + ";", "ACCESS SHARE",
                    false, Work.SCAN);
        }
        Matcher seq = old.getDefaultExpr() == null ? null : NEXTVAL.matcher(old.getDefaultExpr());
        String sequence = seq != null && seq.matches() ? seq.group(1) : null;
        StringBuilder sql = new StringBuilder("BEGIN;\n").append(dropTrigger()).append('\n');
        if (sequence != null) {
            sql.append("ALTER SEQUENCE ").append(sequence).append(" OWNED BY NONE;\n");
        }
        sql.append("ALTER TABLE ").append(t).append(" DROP COLUMN ").append(q(col)).append(";\n");
        sql.append("ALTER TABLE ").append(t).append(" RENAME COLUMN ").append(q(sh)).append(" TO ").append(q(col)).append(";\n");
        attach.forEach(s -> sql.append(s).append('\n'));
        if (old.getDefaultExpr() != null) {
            sql.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(q(col)).append(" SET DEFAULT ")
                    .append(old.getDefaultExpr()).append(";\n");
        }
        boolean seqType = sequence != null && in.newType.toLowerCase(Locale.ROOT).matches("bigint|int8")
                && !oldType.toLowerCase(Locale.ROOT).matches("bigint|int8");
        if (sequence != null) {
            sql.append("ALTER SEQUENCE ").append(sequence).append(" OWNED BY ").append(t).append('.').append(q(col))
                    .append(";\n");
            if (seqType) {
                sql.append("ALTER SEQUENCE ").append(sequence).append(" AS bigint;\n");
            }
        }
        sql.append("COMMIT;");
        Long rows = b.rows();
        String rewrite = rows == null ? "a time that depends on the table's size" : Durations.text(rows / b.thresholds().rewriteRowsPerSecond);
        StringBuilder back = new StringBuilder("-- the old type back by a table rewrite under ACCESS EXCLUSIVE (" + rewrite
                + "): the blocking change this plan avoided; run it in a maintenance window\nBEGIN;\n");
        back.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(q(col)).append(" TYPE ").append(oldType)
                .append(" USING ").append(q(col)).append("::").append(oldType).append(";\n");
        if (keepCopy) {
            back.append("UPDATE ").append(t).append(" AS t SET ").append(q(col)).append(" = b.").append(q(col))
                    .append(" FROM schemagate.").append(q(copy)).append(" AS b WHERE b.").append(q(key)).append(" = t.")
                    .append(q(key)).append(" AND t.").append(q(col)).append(" IS DISTINCT FROM b.").append(q(col)).append(";\n");
        }
        if (seqType) {
            back.append("ALTER SEQUENCE ").append(sequence).append(" AS ").append(oldType).append(";\n");
        }
        back.append("-- the empty shadow column again, so that the rollbacks of phases 3 to 1 find what they undo\n");
        back.append("ALTER TABLE ").append(t).append(" ADD COLUMN IF NOT EXISTS ").append(q(sh)).append(' ')
                .append(in.newType).append(";\nCOMMIT;");
        b.step(4, "swap " + in.tableName() + "." + col + ": trigger off, old column dropped, " + sh + " renamed to " + col
                + ", constraints, default and sequence moved, in one transaction (POINT OF NO RETURN)", sql.toString(),
                back.toString(), AE, true, Work.CATALOG);
        b.check(4, in.tableName() + "." + sh + " is gone and " + col + " is in place", "SELECT COUNT(*) AS violations FROM"
                + " information_schema.columns WHERE table_schema = " + SqlText.literal(schemaOf(in.table))
                + " AND table_name = " + SqlText.literal(in.tableName()) + " AND column_name = " + SqlText.literal(sh), true);
        b.check(4, "sync trigger " + fn + " is gone", "SELECT COUNT(*) AS violations FROM pg_catalog.pg_trigger"
                + " WHERE tgname = " + SqlText.literal(fn), true);
    }
}
