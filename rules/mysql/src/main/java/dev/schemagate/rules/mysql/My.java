package dev.schemagate.rules.mysql;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.AlterColumnType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.DropColumn;
import dev.schemagate.model.change.TypeChange;

/**
 * Facts the MySQL dialect worked out during replay (options {@code mysql.*}, see the dialect's effect model),
 * read back for rule constraints and messages.
 */
public final class My {
    /** Tables at or above this many rows (or {@link #OSC_BYTES}) call for gh-ost / pt-online-schema-change. */
    public static final long OSC_ROWS = 1_000_000;
    public static final long OSC_BYTES = 1L << 30;

    private My() {
    }

    public static boolean mariadb(Change c) {
        return c.getDialect() == Dialect.MARIADB;
    }

    public static String server(Change c) {
        String v = c.getCtx() == null || c.getCtx().getVersion() == null ? "" : " " + c.getCtx().getVersion();
        return (mariadb(c) ? "MariaDB" : "MySQL") + v;
    }

    public static String algorithm(Change c) {
        String a = c.option("mysql.algorithm");
        return a == null ? "" : a;
    }

    /** This change decides how the whole statement runs (the first change with the heaviest needs). */
    public static boolean decides(Change c) {
        return "true".equals(c.option("mysql.decides"));
    }

    public static boolean copies(Change c) {
        return "COPY".equals(c.option("mysql.algorithm"));
    }

    public static boolean rebuilds(Change c) {
        return "true".equals(c.option("mysql.rebuild"));
    }

    /** Concurrent writes wait for the whole statement. */
    public static boolean blocksWrites(Change c) {
        return "false".equals(c.option("mysql.dml"));
    }

    public static boolean fails(Change c) {
        return c.option("mysql.fails") != null;
    }

    public static String why(Change c) {
        String w = c.option("mysql.why");
        return w == null ? "" : w;
    }

    /** Whether the statement wrote an ALGORITHM= or LOCK= clause. */
    public static boolean explicitClause(Change c) {
        return c.option("algorithm") != null || c.option("lock") != null;
    }

    public static boolean strict(Change c) {
        return !"false".equals(c.option("mysql.strict"));
    }

    public static boolean fkChecksOff(Change c) {
        return "off".equals(c.option("mysql.fk_checks"));
    }

    public static boolean instantAddOrDrop(Change c) {
        return (c instanceof AddColumn || c instanceof DropColumn) && "INSTANT".equals(c.option("mysql.algorithm"));
    }

    public static int rowVersions(Change c) {
        String v = c.option("mysql.row_versions");
        return v == null ? 0 : Integer.parseInt(v);
    }

    public static int rowVersionLimit(Change c) {
        String v = c.option("mysql.row_versions_limit");
        return v == null ? 64 : Integer.parseInt(v);
    }

    /** The table is known to be large enough for an online schema change tool. */
    public static boolean large(Change c) {
        if (c.getCtx() == null) {
            return false;
        }
        Long rows = c.getCtx().getRows();
        Long bytes = c.getCtx().getBytes();
        return (rows != null && rows >= OSC_ROWS) || (bytes != null && bytes >= OSC_BYTES);
    }

    public static boolean fkChild(Change c) {
        return "true".equals(c.option("mysql.table_fk_child"));
    }

    public static boolean fkParent(Change c) {
        return "true".equals(c.option("mysql.table_fk_parent"));
    }

    public static int triggers(Change c) {
        String t = c.option("mysql.table_triggers");
        return t == null ? 0 : Integer.parseInt(t);
    }

    /** "primary", "unique" or "none"; "" when the table is unknown. */
    public static String tableKey(Change c) {
        String k = c.option("mysql.table_key");
        return k == null ? "" : k;
    }

    /** The statement's heaviest need is reported by a more specific rule, which names the algorithm itself. */
    public static boolean specificRule(Change c) {
        if (c instanceof AlterColumnType && (((AlterColumnType) c).getTypeChange() == TypeChange.NARROWING
                || ((AlterColumnType) c).getTypeChange() == TypeChange.INCOMPATIBLE)) {
            return true; // mysql.change-column-type-lossy names the copy and the data risk
        }
        if (c instanceof AlterColumnType && integerWidening((AlterColumnType) c)
                && ((AlterColumnType) c).getColumnName().equals(c.option("mysql.auto_increment_column"))) {
            return true; // mysql.auto-increment-widening
        }
        String why = why(c);
        return why.startsWith("converts every text column") || why.contains("crosses the 255-byte boundary")
                || why.startsWith("adds a foreign key") || why.startsWith("adds an enforced check")
                || why.contains("removes member") || why.contains("reorders members") || why.contains("appends members past")
                || why.startsWith("partitions the table") || why.startsWith("changes the storage engine");
    }

    public static boolean integerWidening(AlterColumnType a) {
        if (a.getBefore() == null || a.getBefore().getType() == null || a.getTypeChange() != TypeChange.WIDENING) {
            return false;
        }
        String f = a.getBefore().getType().getName();
        String t = a.getNewType().getName();
        return java.util.List.of("tinyint", "smallint", "mediumint", "int", "bigint").contains(f)
                && java.util.List.of("tinyint", "smallint", "mediumint", "int", "bigint").contains(t);
    }

    /** " (1,234,567 rows)" when the size is known. */
    public static String size(Change c) {
        Long r = c.getCtx() == null ? null : c.getCtx().getRows();
        Long b = c.getCtx() == null ? null : c.getCtx().getBytes();
        if (r == null && b == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        if (r != null) {
            sb.append(String.format("%,d rows", r));
        }
        if (b != null) {
            if (r != null) {
                sb.append(", ");
            }
            sb.append(b >= (1L << 30) ? String.format("%.1f GB", b / (double) (1L << 30)) : String.format("%,d MB", b >> 20));
        }
        return sb.append(')').toString();
    }

    /** "ALGORITHM=COPY (rebuilds the table, writes blocked) on MySQL 8.0.28" */
    public static String how(Change c) {
        return "ALGORITHM=" + algorithm(c) + (rebuilds(c) ? ", the table is rebuilt" : "")
                + (blocksWrites(c) ? ", writes wait until it ends" : ", writes continue") + " on " + server(c);
    }

    /** The statement's text, for mitigations. */
    public static String statement(Change c) {
        return c.getStatement().getText().trim();
    }

    /** The gh-ost / pt-online-schema-change command lines for the change's table and statement. */
    public static String oscCommands(Change c) {
        String alter = statement(c).replaceFirst("(?is)^ALTER\\s+TABLE\\s+\\S+\\s+", "").replaceAll("\\s+", " ")
                .replaceAll("(?i),?\\s*(ALGORITHM|LOCK)\\s*=?\\s*\\w+", "").replace("\"", "\\\"");
        String t = c.getTableName();
        String db = c.getTable() != null && c.getTable().getSchema() != null ? c.getTable().getSchema() : "mydb";
        StringBuilder sb = new StringBuilder();
        boolean ghost = !fkChild(c) && !fkParent(c) && triggers(c) == 0 && !"none".equals(tableKey(c));
        if (ghost) {
            sb.append("gh-ost --database=").append(db).append(" --table=").append(t)
              .append(" --alter=\"").append(alter).append("\" --max-lag-millis=1500 --chunk-size=1000 --execute");
        } else {
            sb.append("pt-online-schema-change --alter \"").append(alter).append("\"")
              .append(fkParent(c) ? " --alter-foreign-keys-method=rebuild_constraints" : "")
              .append(triggers(c) > 0 ? " --preserve-triggers" : "")
              .append(" --max-lag=1 --chunk-size=1000 D=").append(db).append(",t=").append(t).append(" --execute");
        }
        return sb.toString();
    }

    /** Why gh-ost cannot run on the table, or "" when it can (as far as the history shows). */
    public static String ghostBlocker(Change c) {
        if (fkChild(c) || fkParent(c)) {
            return "gh-ost does not support foreign keys on the table (it has " + (fkChild(c) ? "foreign keys" : "")
                    + (fkChild(c) && fkParent(c) ? " and " : "") + (fkParent(c) ? "tables referencing it" : "") + ")";
        }
        if (triggers(c) > 0) {
            return "gh-ost does not support tables with triggers (" + triggers(c) + " on this table)";
        }
        if ("none".equals(tableKey(c))) {
            return "neither gh-ost nor pt-online-schema-change can run: the table has no PRIMARY or UNIQUE key";
        }
        return "";
    }

    /** The engine a CREATE TABLE or ALTER TABLE ... ENGINE= names, lower-cased, or "". */
    public static String engine(Change c) {
        if (c instanceof dev.schemagate.model.change.CreateTable) {
            String e = ((dev.schemagate.model.change.CreateTable) c).getTableOptions().get("engine");
            return e == null ? "" : e.toLowerCase(java.util.Locale.ROOT);
        }
        if (c instanceof dev.schemagate.model.change.AlterTableOption
                && "engine".equals(((dev.schemagate.model.change.AlterTableOption) c).getOption())) {
            String v = ((dev.schemagate.model.change.AlterTableOption) c).getValue();
            return v == null ? "" : v.toLowerCase(java.util.Locale.ROOT);
        }
        return "";
    }

    /** Columns declared with an inline REFERENCES clause, comma-separated, or "". */
    public static String inlineReferences(Change c) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (c instanceof dev.schemagate.model.change.CreateTable) {
            for (dev.schemagate.model.change.ColumnSpec col : ((dev.schemagate.model.change.CreateTable) c).getColumns()) {
                if (col.isForeignKey()) {
                    out.add(col.getName());
                }
            }
        } else if (c instanceof AddColumn && ((AddColumn) c).getColumn().isForeignKey()) {
            out.add(((AddColumn) c).getColumnName());
        }
        return String.join(", ", out);
    }

    /** What a MODIFY/CHANGE silently removes from the column as the history defined it. */
    public static java.util.List<String> lostAttributes(AlterColumnType a) {
        java.util.List<String> lost = new java.util.ArrayList<>();
        if (a.getBefore() == null) {
            return lost;
        }
        if (!a.isNotNull() && !a.getBefore().isNullable()) {
            lost.add("NOT NULL (the column becomes nullable)");
        }
        String def = a.getBefore().getDefaultExpr();
        if (def != null && !def.startsWith("nextval(") && a.option("default") == null) {
            lost.add("DEFAULT " + def);
        }
        if (a.getColumnName().equals(a.option("mysql.auto_increment_column")) && a.option("auto_increment") == null) {
            lost.add("AUTO_INCREMENT (inserts without an id now fail or get 0)");
        }
        return lost;
    }
}
