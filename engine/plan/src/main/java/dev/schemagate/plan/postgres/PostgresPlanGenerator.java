package dev.schemagate.plan.postgres;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Lock;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.*;
import dev.schemagate.plan.BackfillTerms;
import dev.schemagate.plan.Intent;
import dev.schemagate.plan.Plan;
import dev.schemagate.plan.PlanBuilder;
import dev.schemagate.plan.PlanBuilder.Work;
import dev.schemagate.plan.PlanSqlGenerator;
import dev.schemagate.plan.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL plans: ADD COLUMN then SET DEFAULT (catalog only), a trigger that keeps old and new columns in sync
 * while two application versions run, backfills in key-range batches, CHECK ... NOT VALID then VALIDATE then SET
 * NOT NULL (12+: no scan), FOREIGN KEY ... NOT VALID then VALIDATE, CREATE [UNIQUE] INDEX CONCURRENTLY then ADD
 * CONSTRAINT ... USING INDEX, and a contract phase that copies what it drops into the {@code schemagate} schema
 * first so that even phase 4 has a rollback.
 */
public final class PostgresPlanGenerator implements PlanSqlGenerator {
    static final String AE = Lock.PG_ACCESS_EXCLUSIVE.getName();
    static final String SUE = Lock.PG_SHARE_UPDATE_EXCLUSIVE.getName();
    static final String SRE = Lock.PG_SHARE_ROW_EXCLUSIVE.getName();
    @Override
    public Dialect dialect() {
        return Dialect.POSTGRES;
    }

    static String q(String ident) {
        return dev.schemagate.model.Identifiers.quote(Dialect.POSTGRES, ident);
    }

    static String q(QualifiedName n) {
        return n.getSchema() == null ? q(n.getName()) : q(n.getSchema()) + "." + q(n.getName());
    }

    /** A generated name, at most 63 bytes like PostgreSQL identifiers. */
    static String name(String... parts) {
        String n = String.join("_", parts).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return n.length() > 63 ? n.substring(0, 63) : n;
    }

    static String schemaOf(QualifiedName n) {
        return n.getSchema() == null ? "public" : n.getSchema();
    }

    private static boolean atLeast(PlanBuilder b, String v) {
        return b.version() == null || b.version().atLeast(v);
    }

    // ---------------------------------------------------------------------------------------------------- as written

    @Override
    public void asWritten(Intent in, PlanBuilder b) {
        b.asWritten(in, c -> reverse(in, c), c -> (c.getEffect() == null ? Effect.NONE : c.getEffect()).getLock().getName(),
                PostgresPlanGenerator::columnsMissing);
    }

    /** The statement that undoes one change, or a comment saying why there is none. */
    String reverse(Intent in, Change c) {
        String t = c.getTable() == null ? null : q(c.getTable());
        TableDef before = in.before;
        if (c instanceof AddColumn) {
            return "ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + q(((AddColumn) c).getColumnName()) + ";";
        }
        if (c instanceof CreateTable) {
            return "DROP TABLE IF EXISTS " + t + ";";
        }
        if (c instanceof CreateIndex && ((CreateIndex) c).getIndex().getName() != null) {
            return "DROP INDEX " + (((CreateIndex) c).isConcurrently() ? "CONCURRENTLY " : "") + "IF EXISTS "
                    + (c.getTable().getSchema() != null ? q(c.getTable().getSchema()) + "." : "")
                    + q(((CreateIndex) c).getIndex().getName()) + ";";
        }
        if (c instanceof AddConstraint && ((AddConstraint) c).getConstraint().getName() != null) {
            return "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + q(((AddConstraint) c).getConstraint().getName()) + ";";
        }
        if (c instanceof SetNotNull) {
            return "ALTER TABLE " + t + " ALTER COLUMN " + q(((SetNotNull) c).getColumnName()) + " DROP NOT NULL;";
        }
        if (c instanceof DropNotNull) {
            return "ALTER TABLE " + t + " ALTER COLUMN " + q(((DropNotNull) c).getColumnName()) + " SET NOT NULL;"
                    + " -- scans the table under ACCESS EXCLUSIVE unless a validated CHECK proves it";
        }
        if (c instanceof SetDefault) {
            String col = ((SetDefault) c).getColumnName();
            ColumnDef old = before == null ? null : before.column(col);
            return "ALTER TABLE " + t + " ALTER COLUMN " + q(col) + (old != null && old.getDefaultExpr() != null
                    ? " SET DEFAULT " + old.getDefaultExpr() : " DROP DEFAULT") + ";";
        }
        if (c instanceof DropDefault) {
            String col = ((DropDefault) c).getColumnName();
            ColumnDef old = before == null ? null : before.column(col);
            return old != null && old.getDefaultExpr() != null ? "ALTER TABLE " + t + " ALTER COLUMN " + q(col)
                    + " SET DEFAULT " + old.getDefaultExpr() + ";" : "-- the old default is unknown: set it by hand";
        }
        if (c instanceof ValidateConstraint) {
            return "-- nothing to undo: VALIDATE only marks the constraint as checked";
        }
        if (c instanceof CreateType) {
            return "DROP TYPE IF EXISTS " + q(((CreateType) c).getType().getName()) + ";";
        }
        if (c instanceof RenameColumn) {
            return "ALTER TABLE " + t + " RENAME COLUMN " + q(((RenameColumn) c).getNewName()) + " TO "
                    + q(((RenameColumn) c).getColumnName()) + ";";
        }
        if (c instanceof AlterColumnType && before != null && before.column(((AlterColumnType) c).getColumnName()) != null) {
            ColumnDef old = before.column(((AlterColumnType) c).getColumnName());
            return "ALTER TABLE " + t + " ALTER COLUMN " + q(old.getName()) + " TYPE " + plainType(old) + ";";
        }
        if (c instanceof DataChange && "INSERT".equalsIgnoreCase(((DataChange) c).getOperation())) {
            return "-- the inserted rows are not identified by the plan: delete them by key if needed";
        }
        return "-- no automatic reverse for " + c.describe() + ": restore from the 01_backup.sh dump";
    }

    // ---------------------------------------------------------------------------------------------------- phased

    @Override
    public void phased(Intent in, PlanBuilder b) {
        switch (in.kind) {
            case NEW_COLUMNS: newColumns(in, b); break;
            case SET_NOT_NULL: notNull(b, in.table, in.column, 3, null); break;
            case ADD_INDEX: addIndex(in, b); break;
            case ADD_CONSTRAINT: addConstraint(in, b); break;
            case BATCHED_DATA: batchedData(in, b); break;
            case DROP_COLUMN: dropColumn(in, b); break;
            case DROP_TABLE: dropTable(in, b); break;
            case CHANGE_TYPE: new PostgresTypeChange(in, b).plan(); break;
            case RENAME_TABLE: renameTable(in, b); break;
            case IDENTITY_COLUMN: PostgresIdentityColumn.plan(in, b); break;
            default: asWritten(in, b);
        }
    }

    @Override
    public String unsupported(Intent in) {
        return in.kind == Intent.Kind.CHANGE_TYPE ? PostgresTypeChange.unsupported(in) : null;
    }

    /** The type to write for a column in ALTER or ADD COLUMN: serial types are integers with a sequence default. */
    static String plainType(ColumnDef c) {
        String w = c.getType().getWritten() != null ? c.getType().getWritten() : c.getType().display();
        switch (w.toLowerCase(Locale.ROOT)) {
            case "serial":
            case "serial4":
                return "integer";
            case "bigserial":
            case "serial8":
                return "bigint";
            case "smallserial":
            case "serial2":
                return "smallint";
            default:
                return w;
        }
    }

    /** The single-column integer primary key backfills walk, or null. */
    static String key(TableDef t) {
        return PlanBuilder.integerKey(t);
    }

    private void newColumns(Intent in, PlanBuilder b) {
        String t = q(in.table);
        List<String> cols = in.before == null ? List.of() : in.before.columnNames();
        boolean sync = in.columns.stream().anyMatch(c -> !c.sources.isEmpty());
        // phase 1: nullable columns, defaults for new rows, sync trigger
        List<String> names = new ArrayList<>();
        for (Intent.NewColumn nc : in.columns) {
            names.add(nc.name);
            b.step(1, "add column " + in.tableName() + "." + nc.name + " as nullable", "ALTER TABLE " + t
                    + " ADD COLUMN IF NOT EXISTS " + q(nc.name) + " " + nc.type + ";", "ALTER TABLE " + t
                    + " DROP COLUMN IF EXISTS " + q(nc.name) + ";", AE, true, Work.CATALOG);
            if (nc.defaultExpr != null && nc.sources.isEmpty()) {
                b.step(1, "default for rows inserted from now on", "ALTER TABLE " + t + " ALTER COLUMN " + q(nc.name)
                        + " SET DEFAULT " + nc.defaultExpr + ";", "ALTER TABLE " + t + " ALTER COLUMN " + q(nc.name)
                        + " DROP DEFAULT;", AE, true, Work.CATALOG);
            }
        }
        b.check(1, "new column" + (names.size() > 1 ? "s " : " ") + String.join(", ", names) + " exist"
                + (names.size() > 1 ? "" : "s"), columnsMissing(in.table, names), true);
        String fn = name("schemagate_sync", in.tableName(), in.columns.get(0).name);
        String trigger = sync ? syncTrigger(in, fn, cols) : null;
        String dropTrigger = sync ? "DROP TRIGGER IF EXISTS " + q(fn) + " ON " + t + ";\nDROP FUNCTION IF EXISTS "
                + qualified(in.table, fn) + "();" : null;
        if (sync) {
            b.step(1, "keep the new columns in sync with what older application versions write", trigger, dropTrigger,
                    SRE, true, Work.CATALOG);
            List<String> filledCols = new ArrayList<>(names);
            if (in.renamedFrom != null || reverse(in) != null) {
                filledCols.addAll(in.dropped);
            }
            b.triggerFills(in.table.toString(), filledCols);
            b.check(1, "sync trigger " + fn + " exists", "SELECT 1 - COUNT(*) AS violations FROM pg_catalog.pg_trigger"
                    + " WHERE tgname = " + SqlText.literal(fn), true);
        }
        // phase 2: backfill
        String key = key(in.before);
        BackfillTerms terms = BackfillTerms.of(in.columns, PostgresPlanGenerator::q);
        String notDone = terms.notDone();
        List<String> hasValue = terms.hasValue();
        boolean anyValue = !hasValue.isEmpty();
        Plan.Backfill bf = null;
        if (anyValue) {
            if (key == null) {
                b.step(2, "fill the new columns (no single-column integer primary key to batch on: one statement)",
                        "UPDATE " + t + " SET " + setList(in) + " WHERE " + notDone + ";",
                        "-- nothing to undo: the phase 1 rollback drops the new columns", "ROW EXCLUSIVE", false, Work.SCAN);
            } else {
                bf = b.backfill(name(in.tableName(), in.columns.get(0).name, "backfill"), t, q(key));
                for (Intent.NewColumn nc : in.columns) {
                    String v = nc.expr != null ? nc.expr : nc.defaultExpr;
                    if (v != null) {
                        bf.set.put(q(nc.name), v);
                    }
                }
                bf.notDone = notDone;
            }
            b.check(2, "rows still waiting for the backfill", "SELECT COUNT(*) AS violations FROM " + t + " WHERE "
                    + notDone + " AND (" + String.join(" OR ", hasValue) + ")", false);
            if (in.renamedFrom != null) {
                Intent.NewColumn nc = in.columns.get(0);
                b.check(2, "rows where " + nc.name + " differs from " + in.renamedFrom, "SELECT COUNT(*) AS violations"
                        + " FROM " + t + " WHERE " + q(nc.name) + " IS DISTINCT FROM " + q(in.renamedFrom), false);
            } else if (!in.dropped.isEmpty() && in.dropped.size() == 1 && textual(in)) {
                String src = q(in.dropped.get(0));
                List<String> parts = new ArrayList<>();
                for (Intent.NewColumn nc : in.columns) {
                    parts.add(q(nc.name));
                }
                b.check(2, "edge cases: rows whose new values do not rebuild " + in.dropped.get(0)
                        + " (review them; not an error)", "SELECT COUNT(*) AS violations FROM " + t + " WHERE " + src
                        + " IS NOT NULL AND CONCAT_WS(' ', " + String.join(", ", parts) + ") <> " + src, false).warning = true;
            }
        }
        // phase 3: constraints
        for (Intent.NewColumn nc : in.columns) {
            if (nc.notNull) {
                notNull(b, in.table, nc.name, 3, bf);
            }
        }
        if (in.renamedFrom != null && in.before != null) {
            copyIndexes(in, b);
        }
        if (!in.dropped.isEmpty() && in.renamedFrom == null && in.before != null) {
            for (String d : in.dropped) {
                ColumnDef old = in.before.column(d);
                if (old != null && !old.isNullable() && reverse(in) == null) {
                    b.step(3, "let app v3 stop writing " + d, "ALTER TABLE " + t + " ALTER COLUMN " + q(d)
                            + " DROP NOT NULL;", "ALTER TABLE " + t + " ALTER COLUMN " + q(d) + " SET NOT NULL;", AE, true,
                            Work.CATALOG);
                }
            }
        }
        // phase 4: contract
        if (sync) {
            b.step(4, in.dropped.isEmpty() ? "stop computing the new columns in the database (app v2 and later write"
                    + " them)" : "stop syncing the old columns", dropTrigger, trigger, AE, true, Work.CATALOG);
            b.check(4, "sync trigger " + fn + " is gone", "SELECT COUNT(*) AS violations FROM pg_catalog.pg_trigger"
                    + " WHERE tgname = " + SqlText.literal(fn), true);
        }
        for (Intent.NewColumn nc : in.columns) {
            if (nc.defaultExpr != null && !nc.sources.isEmpty()) {
                b.step(sync ? 4 : 3, "default for " + nc.name + " (while the trigger computes the value, a default would"
                        + " hide it)", "ALTER TABLE " + t + " ALTER COLUMN " + q(nc.name) + " SET DEFAULT "
                        + nc.defaultExpr + ";", "ALTER TABLE " + t + " ALTER COLUMN " + q(nc.name) + " DROP DEFAULT;",
                        AE, true, Work.CATALOG);
            }
        }
        for (String d : in.dropped) {
            dropWithCopy(b, in, d, key);
        }
    }

    /**
     * For a split of one text column into text columns, the old value rebuilt from the new ones (joined with a space),
     * so app v3 may stop writing the old column while v1 and v2 can still read it. Null when there is no such rule.
     */
    static String reverse(Intent in) {
        if (in.renamedFrom != null || in.dropped.size() != 1 || !textual(in)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (Intent.NewColumn nc : in.columns) {
            if (!nc.type.toLowerCase(Locale.ROOT).matches("text|varchar.*|character varying.*")) {
                return null;
            }
            parts.add("NEW." + q(nc.name));
        }
        return "NULLIF(CONCAT_WS(' ', " + String.join(", ", parts) + "), '')";
    }

    private static boolean textual(Intent in) {
        ColumnDef src = in.before == null ? null : in.before.column(in.dropped.get(0));
        if (src == null || src.getType() == null) {
            return false;
        }
        String n = src.getType().getSqlType().getFamily() == null ? "" : src.getType().getSqlType().getFamily().toString();
        return n.contains("CHARACTER");
    }

    private static String setList(Intent in) {
        List<String> set = new ArrayList<>();
        for (Intent.NewColumn nc : in.columns) {
            String v = nc.expr != null ? nc.expr : nc.defaultExpr;
            if (v != null) {
                set.add(q(nc.name) + " = " + v);
            }
        }
        return String.join(", ", set);
    }

    static String qualified(QualifiedName table, String n) {
        return table.getSchema() == null ? q(n) : q(table.getSchema()) + "." + q(n);
    }

    /**
     * A BEFORE INSERT OR UPDATE trigger: a writer that sets only the old columns (an older application version) gets
     * the new ones computed; for a rename, a writer that sets only the new column gets the old one copied back.
     */
    private static String syncTrigger(Intent in, String fn, List<String> cols) {
        StringBuilder compute = new StringBuilder();
        List<String> newNull = new ArrayList<>();
        List<String> newSame = new ArrayList<>();
        Set<String> sources = new LinkedHashSet<>();
        for (Intent.NewColumn nc : in.columns) {
            newNull.add("NEW." + q(nc.name) + " IS NULL");
            newSame.add("NEW." + q(nc.name) + " IS NOT DISTINCT FROM OLD." + q(nc.name));
            sources.addAll(nc.sources);
            String v = nc.expr != null ? nc.expr : nc.defaultExpr;
            if (v != null) {
                compute.append("      NEW.").append(q(nc.name)).append(" := ").append(SqlText.qualify(v, cols, "NEW"))
                        .append(";\n");
            }
        }
        List<String> srcChanged = new ArrayList<>();
        for (String s : sources) {
            srcChanged.add("NEW." + q(s) + " IS DISTINCT FROM OLD." + q(s));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("CREATE OR REPLACE FUNCTION ").append(qualified(in.table, fn)).append("() RETURNS trigger\n")
                .append("LANGUAGE plpgsql AS $sg$\nBEGIN\n")
                .append("  IF TG_OP = 'INSERT' THEN\n")
                .append("    IF ").append(String.join(" AND ", newNull)).append(" THEN\n").append(compute)
                .append("    END IF;\n");
        String back = null;
        String old = null;
        String rev = reverse(in);
        if (in.renamedFrom != null) {
            String nn = q(in.columns.get(0).name);
            old = q(in.renamedFrom);
            back = "NEW." + old + " := NEW." + nn + ";";
        } else if (rev != null) {
            old = q(in.dropped.get(0));
            back = "NEW." + old + " := " + rev + ";";
        }
        if (back != null) {
            sb.append("    IF NEW.").append(old).append(" IS NULL THEN\n      ").append(back).append("\n    END IF;\n");
        }
        sb.append("  ELSIF (").append(String.join(" OR ", srcChanged)).append(") AND ")
                .append(String.join(" AND ", newSame)).append(" THEN\n").append(compute.toString().replace("      ", "    "));
        if (back != null) {
            List<String> newChanged = new ArrayList<>();
            for (Intent.NewColumn nc : in.columns) {
                newChanged.add("NEW." + q(nc.name) + " IS DISTINCT FROM OLD." + q(nc.name));
            }
            sb.append("  ELSIF (").append(String.join(" OR ", newChanged)).append(") AND NEW.")
                    .append(old).append(" IS NOT DISTINCT FROM OLD.").append(old).append(" THEN\n    ").append(back)
                    .append("\n");
        }
        sb.append("  END IF;\n  RETURN NEW;\nEND\n$sg$;\n");
        sb.append("DROP TRIGGER IF EXISTS ").append(q(fn)).append(" ON ").append(q(in.table)).append(";\n");
        sb.append("CREATE TRIGGER ").append(q(fn)).append(" BEFORE INSERT OR UPDATE ON ").append(q(in.table))
                .append(" FOR EACH ROW EXECUTE FUNCTION ").append(qualified(in.table, fn)).append("();");
        return sb.toString();
    }

    /** NOT NULL without a long ACCESS EXCLUSIVE scan: CHECK NOT VALID, VALIDATE, then SET NOT NULL (12+). */
    static void notNull(PlanBuilder b, QualifiedName table, String col, int phase, Plan.Backfill bf) {
        String t = q(table);
        String ck = name(table.getName(), col, "not_null");
        b.check(phase, "no NULLs left in " + table.getName() + "." + col, "SELECT COUNT(*) AS violations FROM " + t
                + " WHERE " + q(col) + " IS NULL", false).pre = true;
        b.step(phase, "promise " + col + " IS NOT NULL for new writes (existing rows not checked yet)", "ALTER TABLE " + t
                + " ADD CONSTRAINT " + q(ck) + " CHECK (" + q(col) + " IS NOT NULL) NOT VALID;", "ALTER TABLE " + t
                + " DROP CONSTRAINT IF EXISTS " + q(ck) + ";", AE, true, Work.CATALOG);
        b.step(phase, "check existing rows (reads and writes continue)", "ALTER TABLE " + t + " VALIDATE CONSTRAINT "
                + q(ck) + ";", "-- nothing to undo: VALIDATE only marks the constraint as checked", SUE, false, Work.SCAN);
        if (atLeast(b, "12")) {
            b.step(phase, "SET NOT NULL uses the validated CHECK as proof: no scan", "ALTER TABLE " + t + " ALTER COLUMN "
                    + q(col) + " SET NOT NULL;", "ALTER TABLE " + t + " ALTER COLUMN " + q(col) + " DROP NOT NULL;",
                    AE, true, Work.CATALOG);
            b.step(phase, "drop the helper CHECK (the column is NOT NULL now)", "ALTER TABLE " + t + " DROP CONSTRAINT "
                    + q(ck) + ";", "-- nothing to undo: the column stays NOT NULL until the next undo", AE, true,
                    Work.CATALOG);
            b.check(phase, table.getName() + "." + col + " is NOT NULL", "SELECT COUNT(*) AS violations FROM"
                    + " information_schema.columns WHERE table_schema = " + SqlText.literal(schemaOf(table))
                    + " AND table_name = " + SqlText.literal(table.getName()) + " AND column_name = "
                    + SqlText.literal(col) + " AND is_nullable = 'YES'", true);
        } else {
            b.check(phase, "CHECK " + ck + " is validated (before 12, SET NOT NULL would scan again: the CHECK stays)",
                    "SELECT 1 - COUNT(*) AS violations FROM pg_catalog.pg_constraint WHERE conname = "
                            + SqlText.literal(ck) + " AND convalidated", true);
        }
    }

    static String columnsMissing(QualifiedName table, List<String> names) {
        List<String> lits = new ArrayList<>();
        names.forEach(n -> lits.add(SqlText.literal(n)));
        return "SELECT " + names.size() + " - COUNT(*) AS violations FROM information_schema.columns WHERE table_schema = "
                + SqlText.literal(schemaOf(table)) + " AND table_name = " + SqlText.literal(table.getName())
                + " AND column_name IN (" + String.join(", ", lits) + ")";
    }

    static String indexValid(String index) {
        return "SELECT 1 - COUNT(*) AS violations FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid ="
                + " i.indexrelid WHERE c.relname = " + SqlText.literal(index) + " AND i.indisvalid";
    }

    /** For a rename: the old column's single-column indexes and UNIQUE constraints, rebuilt on the new column. */
    private static void copyIndexes(Intent in, PlanBuilder b) {
        String t = q(in.table);
        String old = in.renamedFrom;
        String nn = in.columns.get(0).name;
        Set<String> constraintIndexes = new LinkedHashSet<>();
        for (ConstraintDef c : in.before.getConstraints()) {
            if (c.getKind() == ConstraintKind.UNIQUE && c.getColumns().size() == 1
                    && c.getColumns().get(0).equalsIgnoreCase(old)) {
                String cn = name(in.tableName(), nn, "key");
                constraintIndexes.add(c.getName().toLowerCase(Locale.ROOT));
                b.check(3, "no duplicate values of " + nn, "SELECT COUNT(*) AS violations FROM (SELECT " + q(nn)
                        + " FROM " + t + " WHERE " + q(nn) + " IS NOT NULL GROUP BY " + q(nn)
                        + " HAVING COUNT(*) > 1) AS d", false).pre = true;
                b.step(3, "unique index on " + nn + " without blocking writes", "CREATE UNIQUE INDEX CONCURRENTLY "
                        + q(cn) + " ON " + t + " (" + q(nn) + ");", "DROP INDEX CONCURRENTLY IF EXISTS "
                        + qualified(in.table, cn) + ";", SUE, false, Work.INDEX_CONCURRENT);
                b.step(3, "turn the index into the UNIQUE constraint", "ALTER TABLE " + t + " ADD CONSTRAINT " + q(cn)
                        + " UNIQUE USING INDEX " + q(cn) + ";", "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS "
                        + q(cn) + ";", AE, true, Work.CATALOG);
                b.check(3, "unique constraint " + cn + " is in place", "SELECT 1 - COUNT(*) AS violations FROM"
                        + " pg_catalog.pg_constraint WHERE conname = " + SqlText.literal(cn) + " AND contype = 'u'", true);
            }
        }
        // indexes not backing a constraint
        for (IndexDef i : in.beforeIndexes) {
            if (constraintIndexes.contains(i.getName().toLowerCase(Locale.ROOT)) || i.getColumns().size() != 1
                    || !i.getColumns().get(0).equalsIgnoreCase(old)) {
                continue;
            }
            String idx = i.getName().toLowerCase(Locale.ROOT).contains(old.toLowerCase(Locale.ROOT))
                    ? i.getName().toLowerCase(Locale.ROOT).replace(old.toLowerCase(Locale.ROOT), nn.toLowerCase(Locale.ROOT))
                    : name(i.getName(), nn);
            b.step(3, "index on " + nn + " like " + i.getName(), "CREATE " + (i.isUnique() ? "UNIQUE " : "")
                    + "INDEX CONCURRENTLY " + q(idx) + " ON " + t + (i.getMethod() != null ? " USING " + i.getMethod() : "")
                    + " (" + q(nn) + ")" + (i.getWhere() != null ? " WHERE " + i.getWhere() : "") + ";",
                    "DROP INDEX CONCURRENTLY IF EXISTS " + qualified(in.table, idx) + ";", SUE, false, Work.INDEX_CONCURRENT);
            b.check(3, "index " + idx + " is valid", indexValid(idx), true);
        }
    }

    /** Copies a column into the schemagate schema, then drops it: the copy is what the phase 4 rollback restores. */
    private void dropWithCopy(PlanBuilder b, Intent in, String col, String key) {
        b.pointOfNoReturn();
        String t = q(in.table);
        ColumnDef old = in.before == null ? null : in.before.column(col);
        String type = old == null || old.getType() == null ? "text" : old.getType().getWritten();
        String copy = name("backup", in.tableName(), col);
        if (key != null) {
            b.step(4, "keep a copy of " + col + " (what the phase 4 rollback restores)", "CREATE SCHEMA IF NOT EXISTS"
                    + " schemagate;\nDROP TABLE IF EXISTS schemagate." + q(copy) + ";\nCREATE TABLE schemagate." + q(copy)
                    + " AS SELECT " + q(key) + ", " + q(col) + " FROM " + t + ";", "-- the copy is kept until you drop it: "
                    + "DROP TABLE schemagate." + q(copy) + ";", "ACCESS SHARE", false, Work.SCAN);
        }
        b.step(4, "drop " + in.tableName() + "." + col + " (POINT OF NO RETURN)", "ALTER TABLE " + t
                + " DROP COLUMN IF EXISTS " + q(col) + ";", key == null ? "-- restore " + col + " from the 01_backup.sh dump"
                : "ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS " + q(col) + " " + type + ";\nUPDATE " + t + " AS t SET "
                + q(col) + " = b." + q(col) + " FROM schemagate." + q(copy) + " AS b WHERE b." + q(key) + " = t." + q(key)
                + ";" + refill(in, t, col) + (old != null && !old.isNullable() && (in.renamedFrom != null || reverse(in) != null)
                ? "\nALTER TABLE " + t + " ALTER COLUMN " + q(col) + " SET NOT NULL;" : "")
                + (old != null && old.getDefaultExpr() != null ? "\nALTER TABLE " + t + " ALTER COLUMN " + q(col)
                + " SET DEFAULT " + old.getDefaultExpr() + ";" : "") + rebuildIndexes(in, col), AE, true, Work.CATALOG);
        b.check(4, in.tableName() + "." + col + " is gone", "SELECT COUNT(*) AS violations FROM information_schema.columns"
                + " WHERE table_schema = " + SqlText.literal(schemaOf(in.table)) + " AND table_name = "
                + SqlText.literal(in.tableName()) + " AND column_name = " + SqlText.literal(col), true);
    }

    /**
     * For the phase 4 rollback of a rename or split: rows written after phase 4 are not in the copy, but the old
     * value can be rebuilt from the new columns.
     */
    private static String refill(Intent in, String t, String col) {
        String rev = in.renamedFrom != null ? q(in.columns.get(0).name) : reverse(in);
        if (rev == null) {
            return "";
        }
        return "\nUPDATE " + t + " SET " + q(col) + " = " + rev.replace("NEW.", "") + " WHERE " + q(col) + " IS NULL;";
    }

    /** The dropped column's single-column indexes and UNIQUE constraints, for the phase 4 rollback. */
    private static String rebuildIndexes(Intent in, String col) {
        StringBuilder sb = new StringBuilder();
        String t = q(in.table);
        Set<String> done = new LinkedHashSet<>();
        if (in.before != null) {
            for (ConstraintDef c : in.before.getConstraints()) {
                if (c.getKind() == ConstraintKind.UNIQUE && c.getColumns().size() == 1
                        && c.getColumns().get(0).equalsIgnoreCase(col)) {
                    done.add(c.getName().toLowerCase(Locale.ROOT));
                    sb.append("\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ").append(q(c.getName())).append(" ON ")
                            .append(t).append(" (").append(q(col)).append(");\nALTER TABLE ").append(t)
                            .append(" ADD CONSTRAINT ").append(q(c.getName())).append(" UNIQUE USING INDEX ")
                            .append(q(c.getName())).append(";");
                }
            }
        }
        for (IndexDef i : in.beforeIndexes) {
            if (!done.contains(i.getName().toLowerCase(Locale.ROOT)) && i.getColumns().size() == 1
                    && i.getColumns().get(0).equalsIgnoreCase(col)) {
                sb.append("\nCREATE ").append(i.isUnique() ? "UNIQUE " : "").append("INDEX CONCURRENTLY IF NOT EXISTS ")
                        .append(q(i.getName())).append(" ON ").append(t).append(i.getMethod() != null ? " USING "
                        + i.getMethod() : "").append(" (").append(q(col)).append(")")
                        .append(i.getWhere() != null ? " WHERE " + i.getWhere() : "").append(";");
            }
        }
        return sb.toString();
    }

    private static final Pattern CREATE_INDEX = Pattern.compile("(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?");

    private void addIndex(Intent in, PlanBuilder b) {
        CreateIndex ci = (CreateIndex) in.first();
        String sql = ci.getStatement().getText().trim();
        Matcher m = CREATE_INDEX.matcher(sql);
        if (m.find()) {
            sql = "CREATE " + (m.group(1) != null ? "UNIQUE " : "") + "INDEX CONCURRENTLY " + sql.substring(m.end());
        }
        if (!sql.endsWith(";")) {
            sql += ";";
        }
        String name = ci.getIndex().getName();
        if (ci.isUnique() && !ci.getIndex().hasExpression()) {
            List<String> cols = new ArrayList<>();
            ci.getIndex().getColumns().forEach(c -> cols.add(q(c)));
            b.check(1, "no duplicates for unique index " + name, "SELECT COUNT(*) AS violations FROM (SELECT "
                    + String.join(", ", cols) + " FROM " + q(in.table) + (ci.getIndex().getWhere() != null ? " WHERE "
                    + ci.getIndex().getWhere() : "") + " GROUP BY " + String.join(", ", cols)
                    + " HAVING COUNT(*) > 1) AS d", false).pre = true;
        }
        b.step(1, "build index " + name + " without blocking writes", sql, "DROP INDEX CONCURRENTLY IF EXISTS "
                + qualified(in.table, name) + ";", SUE, false, Work.INDEX_CONCURRENT);
        b.check(1, "index " + name + " is valid", indexValid(name), true);
    }

    private void addConstraint(Intent in, PlanBuilder b) {
        ConstraintSpec cs = ((AddConstraint) in.first()).getConstraint();
        String t = q(in.table);
        String n = cs.getName();
        List<String> cols = new ArrayList<>();
        cs.getColumns().forEach(c -> cols.add(q(c)));
        if (cs.isCheck()) {
            b.check(3, "rows violating " + n, "SELECT COUNT(*) AS violations FROM " + t + " WHERE NOT (" + cs.getExpression()
                    + ")", false).pre = true;
            b.step(3, "add CHECK " + n + " for new writes only", "ALTER TABLE " + t + " ADD CONSTRAINT " + q(n) + " CHECK ("
                    + cs.getExpression() + ") NOT VALID;", "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + q(n) + ";",
                    AE, true, Work.CATALOG);
        } else if (cs.isForeignKey()) {
            List<String> ref = new ArrayList<>();
            cs.getRefColumns().forEach(c -> ref.add(q(c)));
            List<String> join = new ArrayList<>();
            List<String> notNull = new ArrayList<>();
            for (int i = 0; i < cols.size() && i < ref.size(); i++) {
                join.add("p." + ref.get(i) + " = c." + cols.get(i));
                notNull.add("c." + cols.get(i) + " IS NOT NULL");
            }
            b.check(3, "rows of " + in.tableName() + " without a matching " + cs.getRefTable().getName(),
                    "SELECT COUNT(*) AS violations FROM " + t + " AS c WHERE " + String.join(" AND ", notNull)
                            + " AND NOT EXISTS (SELECT 1 FROM " + q(cs.getRefTable()) + " AS p WHERE "
                            + String.join(" AND ", join) + ")", false).pre = true;
            b.step(3, "add FOREIGN KEY " + n + " for new writes only", "ALTER TABLE " + t + " ADD CONSTRAINT " + q(n)
                    + " FOREIGN KEY (" + String.join(", ", cols) + ") REFERENCES " + q(cs.getRefTable()) + " ("
                    + String.join(", ", ref) + ")" + (cs.getOnDelete() != null ? " ON DELETE " + cs.getOnDelete() : "")
                    + (cs.getOnUpdate() != null ? " ON UPDATE " + cs.getOnUpdate() : "") + " NOT VALID;", "ALTER TABLE " + t
                    + " DROP CONSTRAINT IF EXISTS " + q(n) + ";", SRE, true, Work.CATALOG);
        } else {
            b.check(3, "duplicates for " + n, "SELECT COUNT(*) AS violations FROM (SELECT " + String.join(", ", cols)
                    + " FROM " + t + " GROUP BY " + String.join(", ", cols) + " HAVING COUNT(*) > 1) AS d", false).pre = true;
            b.step(3, "unique index for " + n + " without blocking writes", "CREATE UNIQUE INDEX CONCURRENTLY " + q(n)
                    + " ON " + t + " (" + String.join(", ", cols) + ");", "DROP INDEX CONCURRENTLY IF EXISTS "
                    + qualified(in.table, n) + ";", SUE, false, Work.INDEX_CONCURRENT);
            b.step(3, "turn the index into the constraint", "ALTER TABLE " + t + " ADD CONSTRAINT " + q(n)
                    + (cs.isPrimaryKey() ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + q(n) + ";", "ALTER TABLE " + t
                    + " DROP CONSTRAINT IF EXISTS " + q(n) + ";", AE, true, cs.isPrimaryKey() ? Work.SCAN : Work.CATALOG);
            b.check(3, "constraint " + n + " is in place", "SELECT 1 - COUNT(*) AS violations FROM pg_catalog.pg_constraint"
                    + " WHERE conname = " + SqlText.literal(n), true);
            return;
        }
        b.step(3, "check existing rows (reads and writes continue)", "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + q(n)
                + ";", "-- nothing to undo: VALIDATE only marks the constraint as checked", SUE, false, Work.SCAN);
        b.check(3, "constraint " + n + " is validated", "SELECT 1 - COUNT(*) AS violations FROM pg_catalog.pg_constraint"
                + " WHERE conname = " + SqlText.literal(n) + " AND convalidated", true);
    }

    private void batchedData(Intent in, PlanBuilder b) {
        String t = q(in.table);
        String key = key(in.before);
        String where = in.where == null ? null : "(" + in.where + ")";
        String notDone;
        if (in.delete) {
            notDone = where == null ? "TRUE" : where;
        } else {
            List<String> diff = new ArrayList<>();
            in.set.forEach((c, v) -> diff.add(q(c) + " IS DISTINCT FROM (" + v + ")"));
            notDone = (where == null ? "" : where + " AND ") + "(" + String.join(" OR ", diff) + ")";
        }
        if (key == null) {
            b.step(2, "run as written (no single-column integer primary key to batch on)",
                    in.first().getStatement().getText().trim() + ";", "-- restore from the 01_backup.sh dump",
                    "ROW EXCLUSIVE", false, Work.SCAN);
        } else {
            Plan.Backfill bf = b.backfill(name(in.tableName(), in.delete ? "delete" : "update", "batched"), t, q(key));
            in.set.forEach((c, v) -> bf.set.put(q(c), v));
            bf.delete = in.delete;
            bf.notDone = notDone;
        }
        b.check(2, "rows still to " + (in.delete ? "delete" : "update"), "SELECT COUNT(*) AS violations FROM " + t
                + " WHERE " + notDone, false);
    }

    private void dropColumn(Intent in, PlanBuilder b) {
        ColumnDef old = in.before == null ? null : in.before.column(in.column);
        if (old != null && !old.isNullable() && old.getDefaultExpr() == null) {
            b.step(3, "let the application stop writing " + in.column, "ALTER TABLE " + q(in.table) + " ALTER COLUMN "
                    + q(in.column) + " DROP NOT NULL;", "ALTER TABLE " + q(in.table) + " ALTER COLUMN " + q(in.column)
                    + " SET NOT NULL;", AE, true, Work.CATALOG);
        }
        dropWithCopy(b, in, in.column, key(in.before));
    }

    private void dropTable(Intent in, PlanBuilder b) {
        b.pointOfNoReturn();
        b.step(4, "drop table " + in.tableName() + " (POINT OF NO RETURN)", "DROP TABLE IF EXISTS " + q(in.table) + ";",
                "-- restore the table from the 01_backup.sh dump: pg_restore --table=" + in.tableName()
                        + " --dbname=\"$PGDATABASE\" BACKUP_DIR/" + in.tableName() + ".dump", AE, true, Work.CATALOG);
        b.check(4, "table " + in.tableName() + " is gone", "SELECT COUNT(*) AS violations FROM pg_catalog.pg_class WHERE"
                + " relname = " + SqlText.literal(in.tableName()) + " AND relkind = 'r'", true);
    }

    /**
     * A table rename without downtime: renamed, and a simple view under the old name (automatically updatable since
     * 9.3) with the table's grants, in one transaction; the view is dropped in the contract phase once no application
     * version uses the old name. Nothing is removed, so every phase keeps its rollback.
     */
    private void renameTable(Intent in, PlanBuilder b) {
        QualifiedName to = in.newTable.getSchema() == null && in.table.getSchema() != null
                ? new QualifiedName(in.table.getSchema(), in.newTable.getName()) : in.newTable;
        String o = q(in.table);
        String n = q(to);
        String schema = SqlText.literal(schemaOf(in.table));
        String view = "CREATE VIEW " + o + " AS SELECT * FROM " + n + ";";
        String grants = "DO $sg$\nDECLARE g record;\nBEGIN\n  FOR g IN SELECT privilege_type, grantee FROM"
                + " information_schema.role_table_grants WHERE table_schema = " + schema + " AND table_name = "
                + SqlText.literal(to.getName()) + " AND privilege_type IN ('SELECT', 'INSERT', 'UPDATE', 'DELETE') AND grantee"
                + " <> current_user LOOP\n    EXECUTE format('GRANT %s ON %I.%I TO %s', g.privilege_type, "
                + schema + ", " + SqlText.literal(in.tableName()) + ", CASE WHEN g.grantee = 'PUBLIC' THEN 'PUBLIC' ELSE"
                + " quote_ident(g.grantee) END);\n  END LOOP;\nEND\n$sg$;";
        b.check(1, "nothing named " + to.getName() + " exists yet", "SELECT COUNT(*) AS violations FROM"
                + " pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = "
                + schema + " AND c.relname = " + SqlText.literal(to.getName()), true).pre = true;
        b.step(1, "rename " + in.tableName() + " to " + to.getName() + " and keep the old name working as a view over"
                + " it, with the table's grants (one transaction)", "BEGIN;\nALTER TABLE " + o + " RENAME TO "
                + q(to.getName()) + ";\n" + view + "\n" + grants + "\nCOMMIT;", "BEGIN;\nDROP VIEW IF EXISTS " + o
                + ";\nALTER TABLE IF EXISTS " + n + " RENAME TO " + q(in.tableName()) + ";\nCOMMIT;", AE, true, Work.CATALOG);
        b.check(1, "table " + to.getName() + " exists", "SELECT 1 - COUNT(*) AS violations FROM information_schema.tables"
                + " WHERE table_schema = " + schema + " AND table_name = " + SqlText.literal(to.getName())
                + " AND table_type = 'BASE TABLE'", true);
        b.check(1, "view " + in.tableName() + " exists", "SELECT 1 - COUNT(*) AS violations FROM information_schema.tables"
                + " WHERE table_schema = " + schema + " AND table_name = " + SqlText.literal(in.tableName())
                + " AND table_type = 'VIEW'", true);
        b.step(4, "drop the view " + in.tableName() + " (every application instance uses " + to.getName() + ")",
                "DROP VIEW IF EXISTS " + o + ";", view + "\n" + grants, AE, true, Work.CATALOG);
        b.check(4, "view " + in.tableName() + " is gone", "SELECT COUNT(*) AS violations FROM information_schema.tables"
                + " WHERE table_schema = " + schema + " AND table_name = " + SqlText.literal(in.tableName()), true);
    }

    // ---------------------------------------------------------------------------------------------------- backfill

    @Override
    public String backfillSample(Plan.Backfill bf) {
        return bf.batch("0", Integer.toString(bf.batchSize), false);
    }

    @Override
    public Map<String, String> scripts(Plan plan) {
        return new PostgresScripts(plan).all();
    }
}
