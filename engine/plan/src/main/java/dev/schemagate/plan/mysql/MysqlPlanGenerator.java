package dev.schemagate.plan.mysql;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Version;
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
import dev.schemagate.plan.PlanThresholds;
import dev.schemagate.plan.Runbook;
import dev.schemagate.plan.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL plans (and, through {@link MariadbPlanGenerator}, MariaDB plans). InnoDB has no NOT VALID and no
 * transactional DDL, so the plan relies on other facts: every ALTER names its {@code ALGORITHM} and {@code LOCK}, so
 * the server refuses (ERROR 1845/1846) instead of silently falling back to a blocking table copy; INSTANT where the
 * target version has it (ADD COLUMN last: MySQL 8.0.12+, MariaDB 10.3.2+; DROP COLUMN: MySQL 8.0.29+, MariaDB
 * 10.4+), INPLACE with {@code LOCK=NONE} for rebuilds that let writes continue (MODIFY ... NOT NULL, secondary
 * indexes, foreign keys with {@code foreign_key_checks=0} after an orphan count); {@code lock_wait_timeout} bounds the
 * metadata-lock wait of every statement; a column becomes NOT NULL by MODIFY with its full definition, after the
 * backfill and a count of NULLs. Above {@code online_schema_change_rows} a rebuild step says to use gh-ost or
 * pt-online-schema-change instead. The backfill is a stored procedure the script creates, calls and drops.
 */
public class MysqlPlanGenerator implements PlanSqlGenerator {
    static final String MDL = "metadata lock (exclusive, briefly at start and end)";
    static final String NO_LOCK = "row locks of each batch";
    @Override
    public Dialect dialect() {
        return Dialect.MYSQL;
    }

    boolean mariadb() {
        return false;
    }

    String product() {
        return mariadb() ? "MariaDB" : "MySQL";
    }

    static String q(String ident) {
        return dev.schemagate.model.Identifiers.quote(Dialect.MYSQL, ident);
    }

    static String q(QualifiedName n) {
        return n.getSchema() == null ? q(n.getName()) : q(n.getSchema()) + "." + q(n.getName());
    }

    static String name(String... parts) {
        String n = String.join("_", parts).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    static boolean atLeast(PlanBuilder b, String v) {
        return b.version() == null || b.version().atLeast(v);
    }

    /** ALGORITHM=INSTANT for ADD COLUMN (as the last column) on this version, else INPLACE. */
    String addColumnAlgorithm(PlanBuilder b) {
        Version v = b.version();
        if (mariadb()) {
            return atLeast(b, "10.3.2") ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
        }
        if (v != null && v.toString().equals("8.0.29")) {
            // 8.0.29 writes INSTANT ADD/DROP COLUMN in a redo format that crash recovery and XtraBackup mishandle
            return "ALGORITHM=INPLACE, LOCK=NONE";
        }
        return atLeast(b, "8.0.12") ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
    }

    String dropColumnAlgorithm(PlanBuilder b) {
        if (mariadb()) {
            return atLeast(b, "10.4") ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
        }
        return atLeast(b, "8.0.30") ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
    }

    String defaultAlgorithm(PlanBuilder b) {
        return mariadb() ? (atLeast(b, "10.3.2") ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE")
                : atLeast(b, "8.0.12") ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
    }

    /** For a step that rebuilds the table: the advice to use an online schema change tool above the threshold. */
    String osc(PlanBuilder b, String table, String alter, boolean triggers) {
        Long rows = b.rows();
        PlanThresholds th = b.thresholds();
        if (rows != null && rows < th.onlineSchemaChangeRows) {
            return "";
        }
        return "\n-- " + (rows == null ? "The table's size is unknown" : "The table has " + rows + " rows (online_schema_change_rows "
                + th.onlineSchemaChangeRows + ")") + ": this ALTER rebuilds it, and replicas replay the rebuild as one\n"
                + "-- statement (replica lag = its duration). Prefer an online schema change tool for this step:\n"
                + "--   gh-ost --table=" + table + " --alter=\"" + alter + "\" --max-lag-millis=1500 --execute\n"
                + (triggers ? "--   (gh-ost refuses tables with triggers: this plan's sync triggers must be gone first,"
                + " or use\n--   pt-online-schema-change --alter \"" + alter + "\" --preserve-triggers D=<db>,t=" + table
                + " --execute)\n" : "--   or pt-online-schema-change --alter \"" + alter + "\" D=<db>,t=" + table + " --execute\n");
    }

    // ---------------------------------------------------------------------------------------------------- as written

    @Override
    public void asWritten(Intent in, PlanBuilder b) {
        b.asWritten(in, c -> reverse(in, c), c -> (c.getEffect() == null ? Effect.NONE : c.getEffect()).getLock().getName(),
                MysqlPlanGenerator::columnsMissing);
    }

    String reverse(Intent in, Change c) {
        String t = c.getTable() == null ? null : q(c.getTable());
        TableDef before = in.before;
        if (c instanceof AddColumn) {
            return "ALTER TABLE " + t + " DROP COLUMN " + q(((AddColumn) c).getColumnName()) + ";";
        }
        if (c instanceof CreateTable) {
            return "DROP TABLE IF EXISTS " + t + ";";
        }
        if (c instanceof CreateIndex && ((CreateIndex) c).getIndex().getName() != null) {
            return "DROP INDEX " + q(((CreateIndex) c).getIndex().getName()) + " ON " + t + ";";
        }
        if (c instanceof AddConstraint && ((AddConstraint) c).getConstraint().getName() != null) {
            ConstraintSpec cs = ((AddConstraint) c).getConstraint();
            return "ALTER TABLE " + t + (cs.isForeignKey() ? " DROP FOREIGN KEY " : cs.isCheck() ? " DROP CHECK "
                    : " DROP INDEX ") + q(cs.getName()) + ";";
        }
        if (c instanceof SetDefault || c instanceof DropDefault) {
            String col = c instanceof SetDefault ? ((SetDefault) c).getColumnName() : ((DropDefault) c).getColumnName();
            ColumnDef old = before == null ? null : before.column(col);
            return "ALTER TABLE " + t + " ALTER COLUMN " + q(col) + (old != null && old.getDefaultExpr() != null
                    ? " SET DEFAULT " + old.getDefaultExpr() : " DROP DEFAULT") + ";";
        }
        if (c instanceof RenameColumn) {
            return "ALTER TABLE " + t + " RENAME COLUMN " + q(((RenameColumn) c).getNewName()) + " TO "
                    + q(((RenameColumn) c).getColumnName()) + ";";
        }
        if (c instanceof AlterColumnType && before != null && before.column(((AlterColumnType) c).getColumnName()) != null) {
            return "ALTER TABLE " + t + " MODIFY " + definition(before.column(((AlterColumnType) c).getColumnName())) + ";";
        }
        if (c instanceof DataChange && "INSERT".equalsIgnoreCase(((DataChange) c).getOperation())) {
            return "-- the inserted rows are not identified by the plan: delete them by key if needed";
        }
        return "-- no automatic reverse for " + c.describe() + ": restore from the 01_backup.sh dump";
    }

    /** A column's full definition for MODIFY: name, type, NULL/NOT NULL, default. */
    static String definition(ColumnDef c) {
        String type = c.getType() == null ? "TEXT" : written(c);
        return q(c.getName()) + " " + type + (c.isNullable() ? " NULL" : " NOT NULL")
                + (c.getDefaultExpr() != null ? " DEFAULT " + c.getDefaultExpr() : "");
    }

    // ---------------------------------------------------------------------------------------------------- phased

    @Override
    public String unsupported(Intent in) {
        if (in.kind == Intent.Kind.NEW_COLUMNS && !in.dropped.isEmpty() && in.renamedFrom == null && in.dropped.size() > 1) {
            return "the new columns replace several old ones (" + String.join(", ", in.dropped) + "); the two-way sync"
                    + " triggers " + product() + " plans generate rebuild one old column only (plan it by hand: add, sync,"
                    + " backfill, switch, drop)";
        }
        return null;
    }

    @Override
    public void phased(Intent in, PlanBuilder b) {
        switch (in.kind) {
            case NEW_COLUMNS: newColumns(in, b); break;
            case SET_NOT_NULL: notNull(in, b, in.table, in.column, null); break;
            case ADD_INDEX: addIndex(in, b); break;
            case ADD_CONSTRAINT: addConstraint(in, b); break;
            case BATCHED_DATA: batchedData(in, b); break;
            case DROP_COLUMN: dropColumn(in, b); break;
            case DROP_TABLE: dropTable(in, b); break;
            case TYPE_BY_COPY: new MysqlTypeChange(this, in, b).plan(); break;
            default: asWritten(in, b);
        }
    }

    /** The single-column integer primary key backfills walk, or null. */
    static String key(TableDef t) {
        return PlanBuilder.integerKey(t);
    }

    static String columnsMissing(QualifiedName table, List<String> cols) {
        List<String> lits = new ArrayList<>();
        cols.forEach(c -> lits.add(SqlText.literal(c)));
        return "SELECT " + cols.size() + " - COUNT(*) AS violations FROM information_schema.columns WHERE table_schema ="
                + " DATABASE() AND table_name = " + SqlText.literal(table.getName()) + " AND column_name IN ("
                + String.join(", ", lits) + ")";
    }

    private static String triggers(String table, String... names) {
        List<String> lits = new ArrayList<>();
        for (String n : names) {
            lits.add(SqlText.literal(n));
        }
        return "FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND event_object_table = "
                + SqlText.literal(table) + " AND trigger_name IN (" + String.join(", ", lits) + ")";
    }

    private void newColumns(Intent in, PlanBuilder b) {
        String t = q(in.table);
        List<String> cols = in.before == null ? List.of() : in.before.columnNames();
        boolean sync = in.columns.stream().anyMatch(c -> !c.sources.isEmpty());
        MysqlReplacement rep = in.dropped.isEmpty() ? null : new MysqlReplacement(this, in, b);
        List<String> names = new ArrayList<>();
        String pos = rep == null ? "" : rep.position();
        String alg = pos.isEmpty() ? addColumnAlgorithm(b) : "ALGORITHM=INSTANT";
        for (Intent.NewColumn nc : in.columns) {
            names.add(nc.name);
            b.step(1, "add column " + in.tableName() + "." + nc.name + " as nullable (" + (pos.isEmpty() ? "last column"
                    : "right after " + in.renamedFrom) + ", " + alg + ")",
                    "ALTER TABLE " + t + " ADD COLUMN " + q(nc.name) + " " + nc.type + " NULL" + pos + ", " + alg + ";",
                    "ALTER TABLE " + t + " DROP COLUMN " + q(nc.name) + ", " + dropColumnAlgorithm(b) + ";", MDL, true,
                    alg.contains("INSTANT") ? Work.CATALOG : Work.INDEX_CONCURRENT);
            if (nc.defaultExpr != null && nc.sources.isEmpty()) {
                b.step(1, "default for rows inserted from now on", "ALTER TABLE " + t + " ALTER COLUMN " + q(nc.name)
                        + " SET DEFAULT " + nc.defaultExpr + ", " + defaultAlgorithm(b) + ";", "ALTER TABLE " + t
                        + " ALTER COLUMN " + q(nc.name) + " DROP DEFAULT, " + defaultAlgorithm(b) + ";", MDL, true, Work.CATALOG);
            }
        }
        b.check(1, "new column" + (names.size() > 1 ? "s " : " ") + String.join(", ", names) + " exist"
                + (names.size() > 1 ? "" : "s"), columnsMissing(in.table, names), true);
        String ins = name("sg_sync", in.tableName(), in.columns.get(0).name, "ins");
        String upd = name("sg_sync", in.tableName(), in.columns.get(0).name, "upd");
        String create = null;
        String drop = "DROP TRIGGER IF EXISTS " + q(ins) + ";\nDROP TRIGGER IF EXISTS " + q(upd) + ";";
        if (sync && rep != null) {
            String[] tr = rep.triggers(ins, upd);
            create = tr[0];
            rep.triggerPreCheck(ins, upd);
            b.step(1, "keep old and new columns in sync both ways while old and new application versions write",
                    create, drop, MDL, true, Work.CATALOG);
            List<String> filled = new ArrayList<>(names);
            if (rep.reverse() != null) {
                filled.addAll(in.dropped);
            }
            b.triggerFills(in.table.toString(), filled);
            b.check(1, "sync triggers exist", "SELECT 2 - COUNT(*) AS violations " + triggers(in.tableName(), ins, upd), true);
            if (rep.rename()) {
                b.alternative(rep.renameInPlace());
            }
        } else if (sync) {
            List<String> onInsert = new ArrayList<>();
            List<String> onUpdate = new ArrayList<>();
            for (Intent.NewColumn nc : in.columns) {
                if (nc.expr == null) {
                    continue;
                }
                String v = SqlText.qualify(nc.expr, cols, "NEW");
                String col = "NEW." + q(nc.name);
                onInsert.add(col + " = COALESCE(" + col + ", " + v + ")");
                List<String> changed = new ArrayList<>();
                nc.sources.forEach(s -> changed.add("NOT (NEW." + q(s) + " <=> OLD." + q(s) + ")"));
                onUpdate.add(col + " = IF(" + col + " IS NULL OR (" + col + " <=> OLD." + q(nc.name) + " AND ("
                        + String.join(" OR ", changed) + ")), " + v + ", " + col + ")");
            }
            create = "CREATE TRIGGER " + q(ins) + " BEFORE INSERT ON " + t + " FOR EACH ROW\n    SET "
                    + String.join(",\n        ", onInsert) + ";\nCREATE TRIGGER " + q(upd) + " BEFORE UPDATE ON " + t
                    + " FOR EACH ROW\n    SET " + String.join(",\n        ", onUpdate) + ";";
            b.step(1, "keep the new columns filled from what older application versions write", create, drop, MDL, true,
                    Work.CATALOG);
            b.triggerFills(in.table.toString(), names);
            b.check(1, "sync triggers exist", "SELECT 2 - COUNT(*) AS violations " + triggers(in.tableName(), ins, upd), true);
        }
        String key = key(in.before);
        BackfillTerms terms = BackfillTerms.of(in.columns, MysqlPlanGenerator::q);
        String notDone = terms.notDone();
        List<String> hasValue = terms.hasValue();
        boolean anyValue = !hasValue.isEmpty();
        Plan.Backfill bf = null;
        if (anyValue) {
            List<String> set = new ArrayList<>();
            for (Intent.NewColumn nc : in.columns) {
                String v = nc.expr != null ? nc.expr : nc.defaultExpr;
                if (v != null) {
                    set.add(q(nc.name) + " = " + v);
                }
            }
            if (key == null) {
                b.step(2, "fill the new columns (no single-column integer primary key to batch on: one statement)",
                        "UPDATE " + t + " SET " + String.join(", ", set) + " WHERE " + notDone + ";",
                        "-- nothing to undo: the phase 1 rollback drops the new columns", NO_LOCK, false, Work.SCAN);
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
            if (rep != null) {
                rep.backfillChecks();
            }
        }
        for (Intent.NewColumn nc : in.columns) {
            if (nc.notNull) {
                ColumnDef def = new ColumnDef(nc.name, typeOf(in, nc), true, nc.sources.isEmpty() ? nc.defaultExpr : null,
                        false, false);
                notNull(in, b, in.table, nc.name, def);
            }
        }
        if (rep != null) {
            rep.copyIndexes();
            rep.relaxOld();
        }
        if (rep != null) {
            rep.dropReplaced(key, sync ? drop : null, create);
        } else if (sync) {
            b.step(4, "stop computing the new columns in the database (app v2 and later write them)", drop, create, MDL,
                    true, Work.CATALOG);
            b.check(4, "sync triggers are gone", "SELECT COUNT(*) AS violations " + triggers(in.tableName(), ins, upd), true);
        }
        for (Intent.NewColumn nc : in.columns) {
            if (nc.defaultExpr != null && !nc.sources.isEmpty()) {
                b.step(sync ? 4 : 3, "default for " + nc.name, "ALTER TABLE " + t + " ALTER COLUMN " + q(nc.name)
                        + " SET DEFAULT " + nc.defaultExpr + ", " + defaultAlgorithm(b) + ";", "ALTER TABLE " + t
                        + " ALTER COLUMN " + q(nc.name) + " DROP DEFAULT, " + defaultAlgorithm(b) + ";", MDL, true,
                        Work.CATALOG);
            }
        }
    }

    private static dev.schemagate.model.catalog.ColumnType typeOf(Intent in, Intent.NewColumn nc) {
        for (Change c : in.changes) {
            if (c instanceof AddColumn && ((AddColumn) c).getColumnName().equalsIgnoreCase(nc.name)) {
                return ((AddColumn) c).getColumn().getType();
            }
        }
        return null;
    }

    /**
     * NOT NULL by MODIFY with the full column definition: INPLACE with LOCK=NONE rebuilds the table while reads and
     * writes continue; strict sql_mode makes a remaining NULL an error instead of a silent zero.
     */
    private void notNull(Intent in, PlanBuilder b, QualifiedName table, String col, ColumnDef known) {
        String t = q(table);
        ColumnDef c = known;
        if (c == null && in.before != null && in.before.column(col) != null) {
            c = in.before.column(col);
        }
        String type = written(c);
        if (known != null) {
            for (Intent.NewColumn nc : in.columns) {
                if (nc.name.equalsIgnoreCase(col)) {
                    type = nc.type;
                }
            }
        }
        String def = c == null || c.getDefaultExpr() == null ? "" : " DEFAULT " + c.getDefaultExpr();
        b.check(3, "NULLs left in " + table.getName() + "." + col, "SELECT COUNT(*) AS violations FROM " + t + " WHERE "
                + q(col) + " IS NULL", false).pre = true;
        String alter = "MODIFY " + q(col) + " " + type + " NOT NULL" + def;
        b.step(3, "make " + table.getName() + "." + col + " NOT NULL (table rebuilt in place, reads and writes continue)",
                "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_TRANS_TABLES');\n"
                        + "ALTER TABLE " + t + " " + alter + ", ALGORITHM=INPLACE, LOCK=NONE;"
                        + osc(b, table.getName(), alter, in.kind == Intent.Kind.NEW_COLUMNS
                        && in.columns.stream().anyMatch(n -> !n.sources.isEmpty())),
                "ALTER TABLE " + t + " MODIFY " + q(col) + " " + type + " NULL" + def + ", ALGORITHM=INPLACE, LOCK=NONE;",
                MDL, false, Work.REWRITE);
        b.check(3, table.getName() + "." + col + " is NOT NULL", "SELECT COUNT(*) AS violations FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = " + SqlText.literal(table.getName())
                + " AND column_name = " + SqlText.literal(col) + " AND is_nullable = 'YES'", true);
    }

    private void addIndex(Intent in, PlanBuilder b) {
        CreateIndex ci = (CreateIndex) in.first();
        String name = ci.getIndex().getName();
        String t = q(in.table);
        List<String> cols = new ArrayList<>();
        ci.getIndex().getColumns().forEach(c -> cols.add(q(c)));
        if (ci.isUnique()) {
            b.check(1, "no duplicates for unique index " + name, "SELECT COUNT(*) AS violations FROM (SELECT "
                    + String.join(", ", cols) + " FROM " + t + " GROUP BY " + String.join(", ", cols)
                    + " HAVING COUNT(*) > 1) AS d", false).pre = true;
        }
        String add = "ADD " + (ci.isUnique() ? "UNIQUE " : "") + "INDEX " + q(name) + " (" + String.join(", ", cols) + ")";
        b.step(1, "build index " + name + " in place while reads and writes continue", "ALTER TABLE " + t + " " + add
                + ", ALGORITHM=INPLACE, LOCK=NONE;" + osc(b, in.tableName(), add, false), "ALTER TABLE " + t
                + " DROP INDEX " + q(name) + ", ALGORITHM=INPLACE, LOCK=NONE;", MDL, false, Work.INDEX);
        b.check(1, "index " + name + " exists", "SELECT 1 - COUNT(DISTINCT index_name) AS violations FROM"
                + " information_schema.statistics WHERE table_schema = DATABASE() AND table_name = "
                + SqlText.literal(in.tableName()) + " AND index_name = " + SqlText.literal(name), true);
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
            String add = "ADD CONSTRAINT " + q(n) + " CHECK (" + cs.getExpression() + ")";
            b.step(3, "add CHECK " + n + " (" + product() + " checks every row while it copies the table; writes wait)",
                    "ALTER TABLE " + t + " " + add + ", ALGORITHM=COPY, LOCK=SHARED;" + osc(b, in.tableName(), add, false),
                    "ALTER TABLE " + t + " DROP CHECK " + q(n) + ";", "SHARED (writes blocked for the copy)", true,
                    Work.REWRITE);
            b.check(3, "constraint " + n + " exists", "SELECT 1 - COUNT(*) AS violations FROM"
                    + " information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = "
                    + SqlText.literal(in.tableName()) + " AND constraint_name = " + SqlText.literal(n), true);
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
            b.step(3, "add FOREIGN KEY " + n + " in place (foreign_key_checks=0 after the orphan count: no copy)",
                    "SET SESSION foreign_key_checks = 0;\nALTER TABLE " + t + " ADD CONSTRAINT " + q(n) + " FOREIGN KEY ("
                            + String.join(", ", cols) + ") REFERENCES " + q(cs.getRefTable()) + " (" + String.join(", ", ref)
                            + ")" + (cs.getOnDelete() != null ? " ON DELETE " + cs.getOnDelete() : "")
                            + (cs.getOnUpdate() != null ? " ON UPDATE " + cs.getOnUpdate() : "")
                            + ", ALGORITHM=INPLACE, LOCK=NONE;\nSET SESSION foreign_key_checks = 1;",
                    "ALTER TABLE " + t + " DROP FOREIGN KEY " + q(n) + ";", MDL, false, Work.INDEX);
            b.check(3, "foreign key " + n + " exists", "SELECT 1 - COUNT(*) AS violations FROM"
                    + " information_schema.table_constraints WHERE constraint_schema = DATABASE() AND table_name = "
                    + SqlText.literal(in.tableName()) + " AND constraint_name = " + SqlText.literal(n), true);
        } else {
            b.check(3, "duplicates for " + n, "SELECT COUNT(*) AS violations FROM (SELECT " + String.join(", ", cols)
                    + " FROM " + t + " GROUP BY " + String.join(", ", cols) + " HAVING COUNT(*) > 1) AS d", false).pre = true;
            String add = cs.isPrimaryKey() ? "ADD PRIMARY KEY (" + String.join(", ", cols) + ")"
                    : "ADD CONSTRAINT " + q(n) + " UNIQUE (" + String.join(", ", cols) + ")";
            b.step(3, (cs.isPrimaryKey() ? "primary key" : "unique index " + n) + " built in place", "ALTER TABLE " + t
                    + " " + add + ", ALGORITHM=INPLACE, LOCK=NONE;" + osc(b, in.tableName(), add, false), "ALTER TABLE "
                    + t + (cs.isPrimaryKey() ? " DROP PRIMARY KEY;" : " DROP INDEX " + q(n) + ";"), MDL, false,
                    cs.isPrimaryKey() ? Work.REWRITE : Work.INDEX);
        }
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
            in.set.forEach((c, v) -> diff.add("NOT (" + q(c) + " <=> (" + v + "))"));
            notDone = (where == null ? "" : where + " AND ") + "(" + String.join(" OR ", diff) + ")";
        }
        if (key == null) {
            b.step(2, "run as written (no single-column integer primary key to batch on)",
                    in.first().getStatement().getText().trim() + ";", "-- restore from the 01_backup.sh dump",
                    NO_LOCK, false, Work.SCAN);
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
        b.pointOfNoReturn();
        String t = q(in.table);
        String col = in.column;
        ColumnDef old = in.before == null ? null : in.before.column(col);
        String key = key(in.before);
        String copy = name("schemagate_backup", in.tableName(), col);
        if (old != null && !old.isNullable() && old.getDefaultExpr() == null) {
            ColumnDef nullable = new ColumnDef(old.getName(), old.getType(), true, null, false, false);
            b.step(3, "let the application stop writing " + col, "ALTER TABLE " + t + " MODIFY " + definition(nullable)
                    + ", ALGORITHM=INPLACE, LOCK=NONE;", "ALTER TABLE " + t + " MODIFY " + definition(old)
                    + ", ALGORITHM=INPLACE, LOCK=NONE;", MDL, false, Work.REWRITE);
        }
        String type = written(old);
        if (!keepColumnCopy(b, in, key, col, copy)) {
            key = null;
        }
        dropIndexesOf(b, in, col);
        String restore = old == null || key == null ? "-- restore " + col + " from the 01_backup.sh dump"
                : "ALTER TABLE " + t + " ADD COLUMN " + q(col) + " " + type + " NULL, " + addColumnAlgorithm(b) + ";\nUPDATE "
                + t + " AS t JOIN " + q(copy) + " AS b ON b." + q(key) + " = t." + q(key) + " SET t." + q(col)
                + " = b." + q(col) + ";";
        b.step(4, "drop " + in.tableName() + "." + col + " (POINT OF NO RETURN)", "ALTER TABLE " + t + " DROP COLUMN "
                + q(col) + ", " + dropColumnAlgorithm(b) + ";", restore, MDL, true, Work.CATALOG);
        b.check(4, in.tableName() + "." + col + " is gone", "SELECT COUNT(*) AS violations FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = " + SqlText.literal(in.tableName())
                + " AND column_name = " + SqlText.literal(col), true);
    }

    /** A column's type as the migration wrote it (else as the catalog shows it), or null when unknown. */
    static String written(ColumnDef c) {
        return c == null || c.getType() == null ? null : c.getType().getWritten() != null ? c.getType().getWritten()
                : c.getType().display();
    }

    /**
     * Phase 4's copy of a column about to be dropped, keyed by the table's primary key (what the phase 4 rollback
     * restores); false when there is no single-column key or the column's type is unknown (no copy is made).
     */
    static boolean keepColumnCopy(PlanBuilder b, Intent in, String key, String col, String copy) {
        String type = written(in.before == null ? null : in.before.column(col));
        if (key == null || type == null) {
            return false;
        }
        String keyType = written(in.before.column(key));
        String t = q(in.table);
        // CREATE TABLE ... SELECT is refused with enforce_gtid_consistency before MySQL 8.0.21: two statements
        b.step(4, "keep a copy of " + col + " (what the phase 4 rollback restores)", "DROP TABLE IF EXISTS "
                + q(copy) + ";\nCREATE TABLE " + q(copy) + " (" + q(key) + " " + (keyType == null ? "BIGINT" : keyType)
                + " NOT NULL PRIMARY KEY, " + q(col) + " " + type + " NULL) ENGINE=InnoDB;\nSET SESSION TRANSACTION"
                + " ISOLATION LEVEL READ COMMITTED;\nINSERT INTO " + q(copy) + " (" + q(key) + ", " + q(col) + ") SELECT "
                + q(key) + ", " + q(col) + " FROM " + t + ";", "-- the copy is kept until you drop it: DROP TABLE "
                + q(copy) + ";", "row locks of the copy (the table is read without locks under READ COMMITTED)", false,
                Work.SCAN);
        return true;
    }

    /**
     * Phase 4 steps dropping the indexes that contain a column about to be dropped: with an index on it DROP COLUMN
     * rebuilds the index (MariaDB refuses INSTANT: ERROR 1846 "DROP INDEX"); dropping the index first is a metadata
     * change, and the column then goes INSTANT. Each step's rollback adds the index back.
     */
    static void dropIndexesOf(PlanBuilder b, Intent in, String col) {
        String t = q(in.table);
        for (Object[] ix : indexesWith(in, col).values()) {
            @SuppressWarnings("unchecked")
            List<String> ic = (List<String>) ix[1];
            String name = (String) ix[0];
            List<String> cols = new ArrayList<>();
            ic.forEach(c -> cols.add(q(c)));
            b.step(4, "drop index " + name + " of " + col + " (metadata only; the column can then go INSTANT)",
                    "ALTER TABLE " + t + " DROP INDEX " + q(name) + ", ALGORITHM=INPLACE, LOCK=NONE;",
                    "ALTER TABLE " + t + " ADD " + ((Boolean) ix[2] ? "UNIQUE " : "") + "INDEX " + q(name) + " ("
                            + String.join(", ", cols) + "), ALGORITHM=INPLACE, LOCK=NONE;", MDL, false, Work.CATALOG);
        }
    }

    /**
     * The indexes (and named UNIQUE constraints) of the table before the intent that contain {@code column}, by lower-case
     * name: {name, columns, unique}.
     */
    static Map<String, Object[]> indexesWith(Intent in, String column) {
        Map<String, Object[]> m = new LinkedHashMap<>();
        if (in.before != null) {
            for (ConstraintDef c : in.before.getConstraints()) {
                if (c.getKind() == ConstraintKind.UNIQUE && c.getName() != null
                        && c.getColumns().stream().anyMatch(column::equalsIgnoreCase)) {
                    m.put(c.getName().toLowerCase(Locale.ROOT), new Object[] {c.getName(), c.getColumns(), true});
                }
            }
        }
        for (IndexDef i : in.beforeIndexes) {
            if (i.getName() != null && i.getColumns().stream().anyMatch(column::equalsIgnoreCase)
                    && !m.containsKey(i.getName().toLowerCase(Locale.ROOT))) {
                m.put(i.getName().toLowerCase(Locale.ROOT), new Object[] {i.getName(), i.getColumns(), i.isUnique()});
            }
        }
        return m;
    }

    private void dropTable(Intent in, PlanBuilder b) {
        b.pointOfNoReturn();
        String keep = name("schemagate_dropped", in.tableName());
        b.step(4, "move " + in.tableName() + " out of the way (RENAME TABLE is a metadata change; the rows stay)",
                "RENAME TABLE " + q(in.table) + " TO " + q(keep) + ";",
                "RENAME TABLE " + q(keep) + " TO " + q(in.table) + ";", MDL, true, Work.CATALOG);
        b.step(4, "drop table " + in.tableName() + " (POINT OF NO RETURN; after the rollback window)",
                "DROP TABLE IF EXISTS " + q(keep) + ";", "-- restore the table from the 01_backup.sh dump: "
                        + "mysql <db> < BACKUP_DIR/" + in.tableName() + ".sql", MDL, true, Work.CATALOG);
        b.check(4, "table " + in.tableName() + " is gone", "SELECT COUNT(*) AS violations FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = " + SqlText.literal(in.tableName()), true);
    }

    // ---------------------------------------------------------------------------------------------------- backfill

    @Override
    public String backfillSample(Plan.Backfill bf) {
        return bf.batch("0", Integer.toString(bf.batchSize), false);
    }

    @Override
    public Map<String, String> scripts(Plan plan) {
        return new MysqlScripts(plan, this).all();
    }

    @Override
    public void operations(Plan plan, Runbook.Operations o, PlanThresholds th) {
        MysqlScripts.operations(plan, o, this);
    }
}
