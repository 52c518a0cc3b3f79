package dev.schemagate.rules.sqlite;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Identifiers;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ColumnSpec;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.DropColumn;
import dev.schemagate.model.change.DropNotNull;
import dev.schemagate.model.change.RenameColumn;
import dev.schemagate.model.change.SetNotNull;
import dev.schemagate.model.change.SetSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Facts and SQL for the SQLite rules: the replay facts the SQLite dialect leaves on changes (option keys, the same
 * strings as the dialect's {@code SqliteFacts}), the library version each ALTER TABLE form needs, what ADD COLUMN
 * and CREATE TABLE may not contain, and the official 12-step rebuild written out for a table.
 */
public final class SqliteSql {
    public static final String DROP_BLOCKERS = "sqlite.drop_blockers";
    public static final String FOREIGN_KEYS = "sqlite.foreign_keys";
    public static final String STRICT = "sqlite.strict";
    public static final String REFERENCED_BY = "sqlite.referenced_by";
    public static final String CASCADE_CHILDREN = "sqlite.cascade_children";
    public static final String REBUILD_DROP = "sqlite.rebuild_drop";
    public static final String REBUILD_MISSING = "sqlite.rebuild.missing";
    public static final String REBUILD_NOT_COPIED = "sqlite.rebuild.not_copied";
    public static final String REBUILD_DROPPED_COLUMNS = "sqlite.rebuild.dropped_columns";
    public static final String REBUILD_NO_COPY = "sqlite.rebuild.no_copy";
    public static final String REBUILD_NOT_NULL = "sqlite.rebuild.not_null";
    public static final String REBUILD_INTO_STRICT = "sqlite.rebuild.into_strict";
    public static final String REBUILD_FK = "sqlite.rebuild.fk";
    public static final String REBUILD = "sqlite.rebuild";
    public static final String RENAME_OLD_FIRST = "sqlite.rename_old_first";
    public static final String LEGACY_ALTER_TABLE = "sqlite.legacy_alter_table";

    private static final Set<String> STRICT_TYPES = Set.of("int", "integer", "real", "text", "blob", "any");

    private SqliteSql() {
    }

    /** The option's value, or "" when absent. */
    public static String opt(Change c, String key) {
        String v = c.option(key);
        return v == null ? "" : v;
    }

    public static boolean has(Change c, String key) {
        return !opt(c, key).isEmpty();
    }

    public static boolean isOff(SetSetting s) {
        String v = s.getValue() == null ? "" : s.getValue().trim().toLowerCase(Locale.ROOT);
        return v.equals("off") || v.equals("0") || v.equals("false") || v.equals("no");
    }

    public static boolean isOn(SetSetting s) {
        String v = s.getValue() == null ? "" : s.getValue().trim().toLowerCase(Locale.ROOT);
        return v.equals("on") || v.equals("1") || v.equals("true") || v.equals("yes");
    }

    /** A name as SQLite SQL: bare when it is a plain identifier, else double-quoted. */
    public static String ident(String name) {
        return Identifiers.quote(Dialect.SQLITE, name);
    }

    // ---------------------------------------------------------------- versions

    /**
     * The feature of {@code c} the target version lacks and the release that added it, as {feature, version};
     * null when the version has it (or the change needs no particular version).
     */
    public static String[] missingFeature(Change c) {
        String[] need = requirement(c);
        return need != null && c.versionBelow(need[1]) ? need : null;
    }

    public static boolean tooOld(Change c) {
        return missingFeature(c) != null;
    }

    static String[] requirement(Change c) {
        if (c instanceof RenameColumn) {
            return new String[] {"ALTER TABLE ... RENAME COLUMN", "3.25.0"};
        }
        if (c instanceof DropColumn) {
            return new String[] {"ALTER TABLE ... DROP COLUMN", "3.35.0"};
        }
        if (c instanceof SetNotNull) {
            return new String[] {"ALTER TABLE ... ALTER COLUMN ... SET NOT NULL", "3.53.0"};
        }
        if (c instanceof DropNotNull) {
            return new String[] {"ALTER TABLE ... ALTER COLUMN ... DROP NOT NULL", "3.53.0"};
        }
        if (c instanceof AddColumn && ((AddColumn) c).getColumn().isGeneratedColumn()) {
            return new String[] {"generated columns", "3.31.0"};
        }
        if (c instanceof CreateTable) {
            CreateTable t = (CreateTable) c;
            if ("true".equals(t.getTableOptions().get("strict"))) {
                return new String[] {"STRICT tables", "3.37.0"};
            }
            if (t.getColumns().stream().anyMatch(ColumnSpec::isGeneratedColumn)) {
                return new String[] {"generated columns", "3.31.0"};
            }
            if ("true".equals(t.getTableOptions().get("without_rowid"))) {
                return new String[] {"WITHOUT ROWID tables", "3.8.2"};
            }
        }
        return null;
    }

    public static String versionMessage(Change c) {
        String[] m = missingFeature(c);
        return m[0] + " needs SQLite " + m[1] + " or later; on " + c.getCtx().getVersion() + " the statement fails"
                + (c instanceof CreateTable ? " with a syntax error" : " and the migration stops");
    }

    // ---------------------------------------------------------------- ADD COLUMN

    /** Why SQLite rejects this ADD COLUMN (each reason a phrase), or an empty list. */
    public static List<String> addColumnProblems(AddColumn a) {
        ColumnSpec col = a.getColumn();
        List<String> out = new ArrayList<>();
        if (col.isPrimaryKey()) {
            out.add("a PRIMARY KEY column cannot be added");
        }
        if (col.isUnique()) {
            out.add("a UNIQUE column cannot be added");
        }
        String def = col.getDefaultExpr();
        boolean nonConstant = def != null && (def.trim().startsWith("(") || def.trim().toUpperCase(Locale.ROOT).startsWith("CURRENT_"));
        if (nonConstant) {
            out.add("the default " + def.trim() + " is not a constant (CURRENT_TIME, CURRENT_DATE, CURRENT_TIMESTAMP and"
                    + " expressions in parentheses are not allowed)");
        }
        if (col.isNotNull() && !col.isPrimaryKey() && def == null && !col.isGeneratedColumn()) {
            out.add("a NOT NULL column needs a default other than NULL");
        }
        if (col.isGeneratedStored()) {
            out.add("a STORED generated column cannot be added (VIRTUAL can)");
        }
        if (col.isForeignKey() && def != null && !"off".equals(a.option(FOREIGN_KEYS))) {
            out.add("with foreign keys enabled" + ("on".equals(a.option(FOREIGN_KEYS)) ? "" : " (if the connection enables them)")
                    + " a REFERENCES column must default to NULL");
        }
        if ("true".equals(a.option(STRICT)) && (col.getType() == null || !STRICT_TYPES.contains(col.getTypeName()))) {
            out.add("the table is STRICT and " + (col.getType() == null ? "the column names no type"
                    : "'" + col.getType().getName() + "' is not one of INT, INTEGER, REAL, TEXT, BLOB, ANY"));
        }
        return out;
    }

    public static boolean addColumnFails(AddColumn a) {
        return !addColumnProblems(a).isEmpty();
    }

    public static String addColumnMessage(AddColumn a) {
        return "ADD COLUMN " + a.getColumnName() + " on " + a.getTable() + " fails: " + String.join("; ", addColumnProblems(a));
    }

    public static String addColumnFix(AddColumn a) {
        ColumnSpec col = a.getColumn();
        String t = ident(a.getTable().getName());
        String c = ident(col.getName());
        String type = col.getType() == null ? "" : " " + col.getType().getName().toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        String def = col.getDefaultExpr();
        boolean constantDefault = def != null && !def.trim().startsWith("(") && !def.trim().toUpperCase(Locale.ROOT).startsWith("CURRENT_");
        sb.append("ALTER TABLE ").append(t).append(" ADD COLUMN ").append(c).append(type);
        if (col.isNotNull() && constantDefault && !col.isForeignKey()) {
            sb.append(" NOT NULL DEFAULT ").append(def.trim());
        } else if (col.isForeignKey()) {
            sb.append(" REFERENCES ").append(ident(col.getReferences().getName()));
        }
        sb.append(";");
        if (def != null && !constantDefault) {
            sb.append("\nUPDATE ").append(t).append(" SET ").append(c).append(" = ").append(def.trim())
                    .append(" WHERE ").append(c).append(" IS NULL;");
        }
        if (col.isUnique() || col.isPrimaryKey()) {
            sb.append("\nCREATE UNIQUE INDEX ").append(ident(a.getTable().getName() + "_" + col.getName() + "_key"))
                    .append(" ON ").append(t).append(" (").append(c).append(");");
        }
        if (col.isNotNull() && !constantDefault) {
            sb.append("\n-- NOT NULL without a constant default needs the 12-step table rebuild");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- CREATE TABLE

    public static List<String> createTableProblems(CreateTable t) {
        List<String> out = new ArrayList<>();
        boolean strict = "true".equals(t.getTableOptions().get("strict"));
        boolean noRowid = "true".equals(t.getTableOptions().get("without_rowid"));
        if (strict) {
            for (ColumnSpec c : t.getColumns()) {
                if (c.getType() == null) {
                    out.add("column " + c.getName() + " of a STRICT table names no type");
                } else if (!STRICT_TYPES.contains(c.getTypeName())) {
                    out.add("column " + c.getName() + " has type " + c.getType().getName().toUpperCase(Locale.ROOT)
                            + ", which a STRICT table does not accept (INT, INTEGER, REAL, TEXT, BLOB or ANY)");
                }
            }
        }
        boolean pk = t.getColumns().stream().anyMatch(ColumnSpec::isPrimaryKey)
                || t.getConstraints().stream().anyMatch(k -> k.isPrimaryKey());
        if (noRowid && !pk) {
            out.add("a WITHOUT ROWID table needs a PRIMARY KEY");
        }
        String auto = t.getTableOptions().get("autoincrement");
        if (auto != null) {
            for (ColumnSpec c : t.getColumns()) {
                if (c.getName().equals(auto) && !(c.getType() != null && c.getTypeName().equals("integer"))) {
                    out.add("AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY, and " + c.getName() + " is "
                            + (c.getType() == null ? "untyped" : c.getType().getName().toUpperCase(Locale.ROOT)));
                }
            }
            if (noRowid) {
                out.add("AUTOINCREMENT is not allowed on a WITHOUT ROWID table");
            }
        }
        return out;
    }

    public static boolean createTableFails(CreateTable t) {
        return !createTableProblems(t).isEmpty();
    }

    // ---------------------------------------------------------------- the 12-step rebuild

    /** The official 12-step procedure for changing {@code table}, with {@code detail} as the revised definition. */
    public static String rebuild(String table, String detail, String recreate) {
        String t = ident(table);
        String n = ident("new_" + table);
        return "PRAGMA foreign_keys = OFF;  -- outside any transaction (golang-migrate: x-no-tx-wrap=true)\n"
                + "BEGIN;\n"
                + "CREATE TABLE " + n + " (...);  -- " + detail + "\n"
                + "INSERT INTO " + n + " (<every column kept>) SELECT <every column kept> FROM " + t + ";\n"
                + "DROP TABLE " + t + ";\n"
                + "ALTER TABLE " + n + " RENAME TO " + t + ";\n"
                + (recreate == null || recreate.isEmpty()
                    ? "-- re-create the indexes, triggers and views of " + table
                        + ": SELECT type, sql FROM sqlite_schema WHERE tbl_name = '" + table.replace("'", "''") + "';\n"
                    : recreate.strip() + "\n")
                + "PRAGMA foreign_key_check;\n"
                + "COMMIT;\n"
                + "PRAGMA foreign_keys = ON;";
    }

    /** CREATE statements placeholders for what a rebuild lost, from the replay's "kind name (cols)" list. */
    public static String recreate(String table, String missing) {
        StringBuilder sb = new StringBuilder();
        for (String m : missing.split("; ")) {
            if (m.isBlank()) {
                continue;
            }
            String[] p = m.split(" ", 3);
            String kind = p[0];
            String name = p.length > 1 ? p[1] : "";
            String cols = p.length > 2 ? p[2].replaceAll("^\\(|\\)$", "") : "";
            switch (kind) {
                case "index":
                    sb.append("CREATE INDEX ").append(ident(name)).append(" ON ").append(ident(table)).append(" (")
                            .append(cols).append(");  -- as before (UNIQUE / WHERE as it was)\n");
                    break;
                case "trigger":
                    sb.append("CREATE TRIGGER ").append(ident(name)).append(" ... ON ").append(ident(table))
                            .append(" BEGIN ... END;  -- its definition from before the rebuild\n");
                    break;
                default:
                    sb.append("DROP VIEW IF EXISTS ").append(ident(name)).append("; CREATE VIEW ").append(ident(name))
                            .append(" AS ...;  -- its definition from before the rebuild\n");
            }
        }
        return sb.toString().strip();
    }
}
