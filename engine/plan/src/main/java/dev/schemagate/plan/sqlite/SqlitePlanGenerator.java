package dev.schemagate.plan.sqlite;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.*;
import dev.schemagate.plan.Intent;
import dev.schemagate.plan.Plan;
import dev.schemagate.plan.PlanBuilder;
import dev.schemagate.plan.PlanBuilder.Work;
import dev.schemagate.plan.PlanSqlGenerator;
import dev.schemagate.plan.PlanThresholds;
import dev.schemagate.plan.Runbook;
import dev.schemagate.plan.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SQLite plans. SQLite's ALTER TABLE only renames, adds and (3.35+) drops columns; every other change (a column type,
 * a constraint) is the documented table rebuild, which a migration usually writes as create / copy / drop / rename.
 * The plan does that rebuild the safe way: on a large table the new definition is created next to the old one, three
 * triggers mirror what the application writes, the rows are copied in rowid-range batches by a resumable driver, and a
 * short swap does the rest of the 12 steps: {@code PRAGMA foreign_keys=OFF} outside the transaction (inside one it is
 * a no-op and DROP TABLE would cascade into child tables), BEGIN IMMEDIATE, a count of rows not copied, DROP, RENAME,
 * the indexes re-created, {@code PRAGMA foreign_key_check} must find nothing, COMMIT, foreign keys back on. A small
 * table gets the same 12 steps with the copy inside the transaction.
 */
public final class SqlitePlanGenerator implements PlanSqlGenerator {
    static final String WRITE_LOCK = "database write lock (one writer; readers continue in WAL mode)";
    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    static String q(String ident) {
        return dev.schemagate.model.Identifiers.quote(Dialect.SQLITE, ident);
    }

    static String q(QualifiedName n) {
        return n.getSchema() == null || n.getSchema().equals("main") ? q(n.getName()) : q(n.getSchema()) + "." + q(n.getName());
    }

    static String name(String... parts) {
        return String.join("_", parts).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** The single-column primary key of a rebuilt table that both definitions share, or null. */
    static String key(TableDef t) {
        if (t == null) {
            return null;
        }
        ConstraintDef pk = t.primaryKey();
        return pk == null || pk.getColumns().size() != 1 ? null : pk.getColumns().get(0);
    }

    @Override
    public String unsupported(Intent in) {
        if (in.kind == Intent.Kind.REBUILD_TABLE) {
            String k = key(in.before);
            return k == null || !in.copy.containsKey(k) || !in.copy.get(k).equalsIgnoreCase(k)
                    ? "the online rebuild mirrors rows by a single-column primary key copied unchanged; this table has"
                    + " none (rebuild it in a maintenance window: the 12 steps with the copy inside the transaction)" : null;
        }
        if (in.kind == Intent.Kind.BATCHED_DATA) {
            return null;
        }
        return "SchemaGate generates SQLite plans for table rebuilds and batched UPDATE/DELETE only; "
                + in.kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " on SQLite is not planned yet";
    }

    // ---------------------------------------------------------------------------------------------------- as written

    @Override
    public void asWritten(Intent in, PlanBuilder b) {
        if (in.kind == Intent.Kind.REBUILD_TABLE) {
            swap(in, b, true);
            return;
        }
        b.asWritten(in, SqlitePlanGenerator::reverse, c -> WRITE_LOCK, null);
    }

    private static String reverse(Change c) {
        String t = c.getTable() == null ? null : q(c.getTable());
        if (c instanceof AddColumn) {
            return "ALTER TABLE " + t + " DROP COLUMN " + q(((AddColumn) c).getColumnName()) + ";";
        }
        if (c instanceof CreateTable) {
            return "DROP TABLE IF EXISTS " + t + ";";
        }
        if (c instanceof CreateIndex && ((CreateIndex) c).getIndex().getName() != null) {
            return "DROP INDEX IF EXISTS " + q(((CreateIndex) c).getIndex().getName()) + ";";
        }
        if (c instanceof RenameColumn) {
            return "ALTER TABLE " + t + " RENAME COLUMN " + q(((RenameColumn) c).getNewName()) + " TO "
                    + q(((RenameColumn) c).getColumnName()) + ";";
        }
        return "-- no automatic reverse for " + c.describe() + ": restore the 01_backup.sh copy";
    }

    // ---------------------------------------------------------------------------------------------------- phased

    @Override
    public void phased(Intent in, PlanBuilder b) {
        if (in.kind == Intent.Kind.REBUILD_TABLE) {
            online(in, b);
        } else if (in.kind == Intent.Kind.BATCHED_DATA) {
            batchedData(in, b);
        } else {
            asWritten(in, b);
        }
    }

    /** A gate inside a script: the INSERT fails (and .bail on stops the script) unless the count is 0. */
    static String gate(String name, String countSql) {
        String n = name("sg_gate", name);
        return "CREATE TEMP TABLE IF NOT EXISTS " + n + " (violations INTEGER CONSTRAINT " + q(name + " must be 0")
                + " CHECK (violations = 0));\nINSERT INTO temp." + n + " SELECT (" + countSql + ");";
    }

    private static String notCopied(Intent in, String key) {
        return "SELECT COUNT(*) AS violations FROM " + q(in.table) + " AS o WHERE NOT EXISTS (SELECT 1 FROM "
                + q(in.rebuildAs) + " AS n WHERE n." + q(key) + " = o." + q(key) + ")";
    }

    private void online(Intent in, PlanBuilder b) {
        String t = q(in.table);
        String tmp = q(in.rebuildAs);
        String key = key(in.before);
        List<String> oldCols = in.before.columnNames();
        List<String> into = new ArrayList<>();
        List<String> fromNew = new ArrayList<>();
        for (Map.Entry<String, String> e : in.copy.entrySet()) {
            into.add(q(e.getKey()));
            fromNew.add(SqlText.qualify(e.getValue(), oldCols, "NEW"));
        }
        String cols = String.join(", ", into);
        b.step(1, "create the new definition as " + in.rebuildAs + " (empty)", in.rebuildCreate.endsWith(";")
                ? in.rebuildCreate : in.rebuildCreate + ";", "DROP TABLE IF EXISTS " + tmp + ";", WRITE_LOCK, true,
                Work.CATALOG);
        String ins = name("sg_mirror", in.tableName(), "ins");
        String upd = name("sg_mirror", in.tableName(), "upd");
        String del = name("sg_mirror", in.tableName(), "del");
        String copyNew = "INSERT INTO " + tmp + " (" + cols + ") VALUES (" + String.join(", ", fromNew) + ");";
        String triggers = "CREATE TRIGGER " + q(ins) + " AFTER INSERT ON " + t + " BEGIN\n    DELETE FROM " + tmp
                + " WHERE " + q(key) + " = NEW." + q(key) + ";\n    " + copyNew + "\nEND;\nCREATE TRIGGER " + q(upd)
                + " AFTER UPDATE ON " + t + " BEGIN\n    DELETE FROM " + tmp + " WHERE " + q(key) + " = OLD." + q(key)
                + ";\n    " + copyNew + "\nEND;\nCREATE TRIGGER " + q(del) + " AFTER DELETE ON " + t + " BEGIN\n"
                + "    DELETE FROM " + tmp + " WHERE " + q(key) + " = OLD." + q(key) + ";\nEND;";
        b.step(1, "mirror what the application writes into " + in.rebuildAs, triggers, "DROP TRIGGER IF EXISTS " + q(ins)
                + ";\nDROP TRIGGER IF EXISTS " + q(upd) + ";\nDROP TRIGGER IF EXISTS " + q(del) + ";", WRITE_LOCK, true,
                Work.CATALOG);
        b.check(1, "table " + in.rebuildAs + " and its three mirror triggers exist", "SELECT 4 - COUNT(*) AS violations"
                + " FROM sqlite_schema WHERE (type = 'table' AND name = " + SqlText.literal(in.rebuildAs) + ") OR (type ="
                + " 'trigger' AND name IN (" + SqlText.literal(ins) + ", " + SqlText.literal(upd) + ", "
                + SqlText.literal(del) + "))", true);
        Plan.Backfill bf = b.backfill(name(in.tableName(), "rebuild_copy"), t, q(key));
        bf.into = tmp;
        in.copy.forEach((c, v) -> bf.set.put(q(c), v));
        bf.notDone = "NOT EXISTS (SELECT 1 FROM " + tmp + " AS sg_n WHERE sg_n." + q(key) + " = " + t + "." + q(key) + ")";
        b.check(2, "rows of " + in.tableName() + " not yet copied", notCopied(in, key), false);
        b.check(2, "rows of " + in.rebuildAs + " whose source row is gone", "SELECT COUNT(*) AS violations FROM " + tmp
                + " AS n WHERE NOT EXISTS (SELECT 1 FROM " + t + " AS o WHERE o." + q(key) + " = n." + q(key) + ")", false);
        for (Map.Entry<String, String> e : in.set.entrySet()) {
            b.check(2, "copied values of " + e.getKey() + " that differ from the conversion of the current row",
                    "SELECT COUNT(*) AS violations FROM " + t + " AS o JOIN " + tmp + " AS n ON n." + q(key) + " = o."
                            + q(key) + " WHERE n." + q(e.getKey()) + " IS NOT (" + SqlText.qualify(e.getValue(), oldCols, "o")
                            + ")", false);
        }
        swap(in, b, false);
    }

    /** Steps 1-12 of the rebuild as one step of phase 3; with the copy inside it for a small table. */
    private void swap(Intent in, PlanBuilder b, boolean withCopy) {
        String t = q(in.table);
        String tmp = q(in.rebuildAs);
        String key = key(in.before);
        List<String> into = new ArrayList<>();
        List<String> from = new ArrayList<>();
        in.copy.forEach((c, v) -> {
            into.add(q(c));
            from.add(v);
        });
        StringBuilder sql = new StringBuilder();
        sql.append("PRAGMA foreign_keys = OFF;  -- outside the transaction: inside one it is ignored\n");
        sql.append("PRAGMA legacy_alter_table = OFF;\nBEGIN IMMEDIATE;\n");
        if (withCopy) {
            sql.append(in.rebuildCreate.endsWith(";") ? in.rebuildCreate : in.rebuildCreate + ";").append('\n');
            sql.append("INSERT INTO ").append(tmp).append(" (").append(String.join(", ", into)).append(")\n    SELECT ")
                    .append(String.join(", ", from)).append(" FROM ").append(t).append(";\n");
        } else if (key != null) {
            sql.append(gate("rows of " + in.tableName() + " not copied", notCopied(in, key))).append('\n');
        }
        String backup = name("schemagate_backup", in.tableName());
        List<String> keep = new ArrayList<>();
        if (key != null) {
            keep.add(q(key));
        }
        in.set.keySet().forEach(c -> {
            if (in.before.column(c) != null) {
                keep.add(q(c));
            }
        });
        sql.append("DROP TABLE IF EXISTS ").append(q(backup)).append(";\nCREATE TABLE ").append(q(backup))
                .append(" AS SELECT ").append(String.join(", ", keep)).append(" FROM ").append(t)
                .append(";  -- the old values, for the rollback\n");
        sql.append("DROP TABLE ").append(t).append(";  -- also drops the mirror triggers and the old indexes\n");
        sql.append("ALTER TABLE ").append(tmp).append(" RENAME TO ").append(t).append(";\n");
        List<String> recreated = new ArrayList<>();
        for (String s : in.rebuildAfter) {
            sql.append(s.endsWith(";") ? s : s + ";").append('\n');
            recreated.add(s.toLowerCase(Locale.ROOT));
        }
        for (IndexDef i : ownIndexes(in)) {
            if (recreated.stream().noneMatch(s -> s.contains(i.getName().toLowerCase(Locale.ROOT)))) {
                sql.append(index(in.table, i)).append("  -- the migration as written does not re-create it\n");
            }
        }
        sql.append(gate("foreign key violations", "SELECT COUNT(*) FROM pragma_foreign_key_check")).append('\n');
        sql.append("COMMIT;\nPRAGMA foreign_keys = ON;");
        b.step(3, "rebuild " + in.tableName() + (withCopy ? " (copy inside the transaction)" : ": swap in the copied "
                + in.rebuildAs + " (the 12 steps)"), sql.toString(), reverseSwap(in, backup), WRITE_LOCK, true,
                withCopy ? Work.REWRITE : Work.SCAN);
        b.check(3, in.rebuildAs + " is gone (renamed)", "SELECT COUNT(*) AS violations FROM sqlite_schema WHERE name = "
                + SqlText.literal(in.rebuildAs), true);
        b.check(3, "foreign key violations", "SELECT COUNT(*) AS violations FROM pragma_foreign_key_check", true);
    }

    /** The old table's indexes, without those its PRIMARY KEY and UNIQUE constraints create by themselves. */
    private static List<IndexDef> ownIndexes(Intent in) {
        List<IndexDef> out = new ArrayList<>();
        for (IndexDef i : in.beforeIndexes) {
            boolean implicit = in.before != null && in.before.getConstraints().stream()
                    .anyMatch(c -> c.getName() != null && c.getName().equalsIgnoreCase(i.getName()));
            if (!implicit) {
                out.add(i);
            }
        }
        return out;
    }

    private static String index(QualifiedName table, IndexDef i) {
        List<String> c = new ArrayList<>();
        i.getColumns().forEach(x -> c.add(q(x)));
        return "CREATE " + (i.isUnique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + q(i.getName()) + " ON " + q(table)
                + " (" + String.join(", ", c) + ")" + (i.getWhere() != null ? " WHERE " + i.getWhere() : "") + ";";
    }

    /** The rebuild back to the old definition: old values from the backup copy, rows added since converted back. */
    private String reverseSwap(Intent in, String backup) {
        TableDef old = in.before;
        String t = q(in.table);
        String key = key(old);
        String back = q(name("sg_old", in.tableName()));
        List<String> cols = new ArrayList<>();
        List<String> vals = new ArrayList<>();
        for (ColumnDef c : old.getColumns()) {
            cols.add(q(c.getName()));
            boolean converted = in.set.keySet().stream().anyMatch(c.getName()::equalsIgnoreCase);
            boolean present = in.copy.keySet().stream().anyMatch(c.getName()::equalsIgnoreCase);
            String type = c.getType() == null || c.getType().getWritten() == null ? "" : c.getType().getWritten();
            vals.add(converted && key != null ? "CASE WHEN b." + q(key) + " IS NOT NULL THEN b." + q(c.getName())
                    + " ELSE CAST(n." + q(c.getName()) + " AS " + (type.isEmpty() ? "TEXT" : type) + ") END"
                    : present ? "n." + q(c.getName()) : c.getDefaultExpr() != null ? c.getDefaultExpr() : "NULL");
        }
        StringBuilder sb = new StringBuilder("PRAGMA foreign_keys = OFF;\nBEGIN IMMEDIATE;\n");
        sb.append(createTable(back, old)).append('\n');
        sb.append("INSERT INTO ").append(back).append(" (").append(String.join(", ", cols)).append(")\n    SELECT ")
                .append(String.join(", ", vals)).append(" FROM ").append(t).append(" AS n");
        if (key != null) {
            sb.append(" LEFT JOIN ").append(q(backup)).append(" AS b ON b.").append(q(key)).append(" = n.").append(q(key));
        }
        sb.append(";\nDROP TABLE ").append(t).append(";\nALTER TABLE ").append(back).append(" RENAME TO ").append(t)
                .append(";\n");
        for (IndexDef i : ownIndexes(in)) {
            sb.append(index(in.table, i)).append('\n');
        }
        sb.append(gate("foreign key violations after the rollback", "SELECT COUNT(*) FROM pragma_foreign_key_check"))
                .append('\n');
        sb.append("COMMIT;\nPRAGMA foreign_keys = ON;\n-- rows changed after phase 3 keep the old value the backup holds"
                + " for them (values written since are converted back with CAST)");
        return sb.toString();
    }

    /** CREATE TABLE for a catalog table: columns, the primary key (INTEGER PRIMARY KEY inline, as the rowid alias),
     * UNIQUE, CHECK and FOREIGN KEY constraints. */
    static String createTable(String name, TableDef t) {
        ConstraintDef pk = t.primaryKey();
        String inlinePk = pk != null && pk.getColumns().size() == 1 && t.column(pk.getColumns().get(0)) != null
                && "INTEGER".equalsIgnoreCase(t.column(pk.getColumns().get(0)).getType().getWritten())
                ? pk.getColumns().get(0) : null;
        List<String> parts = new ArrayList<>();
        for (ColumnDef c : t.getColumns()) {
            String type = c.getType() == null || c.getType().getWritten() == null ? "" : " " + c.getType().getWritten();
            parts.add(q(c.getName()) + type + (c.getName().equalsIgnoreCase(inlinePk) ? " PRIMARY KEY" : "")
                    + (!c.isNullable() && !c.getName().equalsIgnoreCase(inlinePk) ? " NOT NULL" : "")
                    + (c.getDefaultExpr() != null ? " DEFAULT " + c.getDefaultExpr() : ""));
        }
        for (ConstraintDef c : t.getConstraints()) {
            List<String> cc = new ArrayList<>();
            c.getColumns().forEach(x -> cc.add(q(x)));
            if (c.getKind() == ConstraintKind.PRIMARY_KEY && inlinePk == null) {
                parts.add("PRIMARY KEY (" + String.join(", ", cc) + ")");
            } else if (c.getKind() == ConstraintKind.UNIQUE) {
                parts.add("UNIQUE (" + String.join(", ", cc) + ")");
            } else if (c.getKind() == ConstraintKind.CHECK && c.getExpression() != null) {
                parts.add("CHECK (" + c.getExpression() + ")");
            } else if (c.getKind() == ConstraintKind.FOREIGN_KEY && c.getRefTable() != null) {
                List<String> rc = new ArrayList<>();
                c.getRefColumns().forEach(x -> rc.add(q(x)));
                parts.add("FOREIGN KEY (" + String.join(", ", cc) + ") REFERENCES " + q(c.getRefTable()) + " ("
                        + String.join(", ", rc) + ")" + (c.getOnDelete() != null ? " ON DELETE " + c.getOnDelete() : ""));
            }
        }
        return "CREATE TABLE " + name + " (\n    " + String.join(",\n    ", parts) + "\n);";
    }

    private void batchedData(Intent in, PlanBuilder b) {
        String t = q(in.table);
        String key = key(in.before);
        String where = in.where == null ? null : "(" + in.where + ")";
        String notDone;
        if (in.delete) {
            notDone = where == null ? "1" : where;
        } else {
            List<String> diff = new ArrayList<>();
            in.set.forEach((c, v) -> diff.add(q(c) + " IS NOT (" + v + ")"));
            notDone = (where == null ? "" : where + " AND ") + "(" + String.join(" OR ", diff) + ")";
        }
        Plan.Backfill bf = b.backfill(name(in.tableName(), in.delete ? "delete" : "update", "batched"), t,
                key != null && in.before.column(key) != null && "INTEGER".equalsIgnoreCase(in.before.column(key).getType()
                        .getWritten()) ? q(key) : "rowid");
        in.set.forEach((c, v) -> bf.set.put(q(c), v));
        bf.delete = in.delete;
        bf.notDone = notDone;
        b.check(2, "rows still to " + (in.delete ? "delete" : "update"), "SELECT COUNT(*) AS violations FROM " + t
                + " WHERE " + notDone, false);
    }

    // ---------------------------------------------------------------------------------------------------- backfill

    @Override
    public String backfillSample(Plan.Backfill bf) {
        return bf.batch("0", Integer.toString(bf.batchSize), true);
    }

    @Override
    public Map<String, String> scripts(Plan plan) {
        return new SqliteScripts(plan).all();
    }

    @Override
    public void operations(Plan plan, Runbook.Operations o, PlanThresholds th) {
        SqliteScripts.operations(plan, o);
    }
}
