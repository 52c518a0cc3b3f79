package dev.schemagate.rules.postgres;

import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.AlterColumnType;
import dev.schemagate.model.change.AlterType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ColumnSpec;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.RenameColumn;
import dev.schemagate.model.change.SetDefault;
import dev.schemagate.model.change.SetExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Safe SQL and small predicates for the column and enum rules (adding columns with defaults, generated and
 * auto-increment columns, type changes, renames, enum values). Written for the statement at hand.
 */
public final class ColumnSql {
    private static final Pattern NULL_LITERAL = Pattern.compile("(?i)\\(*\\s*null\\s*\\)*\\s*(::.*)?");

    private ColumnSql() {
    }

    // ---- predicates used in DRL conditions ----

    /** A default of plain NULL (possibly cast), which never makes PostgreSQL rewrite the table. */
    public static boolean isNullLiteral(String expr) {
        return expr != null && NULL_LITERAL.matcher(expr.trim()).matches();
    }

    /** The column is PostgreSQL's {@code json} type (or an array of it). */
    public static boolean isJson(ColumnType t) {
        return t != null && !t.isUserDefined() && "json".equals(t.getName());
    }

    /** The json columns a CREATE TABLE declares. */
    public static List<ColumnSpec> jsonColumns(CreateTable t) {
        List<ColumnSpec> out = new ArrayList<>();
        for (ColumnSpec c : t.getColumns()) {
            if (isJson(c.getType())) {
                out.add(c);
            }
        }
        return out;
    }

    /** The statement contains the enum label as a string literal ({@code 'paid'}), so it probably uses it. */
    public static boolean usesLabel(Change c, String label) {
        if (label == null || c.getStatement() == null || c.getStatement().getText() == null) {
            return false;
        }
        return c.getStatement().getText().contains("'" + label.replace("'", "''") + "'");
    }

    /** The old and new label of an {@code ALTER TYPE ... RENAME VALUE}, as {old, new}. */
    public static String[] renamedLabels(AlterType a) {
        String v = a.getValue() == null ? "" : a.getValue();
        String[] p = v.split(" -> ", 2);
        return p.length == 2 ? p : new String[] {v, "?"};
    }

    // ---- safe SQL ----

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String typeOf(ColumnSpec col) {
        if (col.getType() == null) {
            return "<type>";
        }
        return col.isSerial() ? col.getType().display() : col.getType().getWritten();
    }

    /** NOT NULL without the long lock, as the last step after a backfill. */
    private static String notNullAfterBackfill(Change c, String column, boolean pg18) {
        return "-- once no row is NULL, make it NOT NULL without a long lock:\n" + PgSql.setNotNull(c, column, pg18);
    }

    /** Add the column without its default, give new rows the default, backfill the old rows in batches. */
    public static String addColumnWithoutDefault(AddColumn c) {
        ColumnSpec col = c.getColumn();
        String t = PgSql.table(c);
        String n = PgSql.ident(col.getName());
        StringBuilder sb = new StringBuilder();
        sb.append("ALTER TABLE ").append(t).append(" ADD COLUMN ").append(n).append(' ').append(typeOf(col)).append(";\n");
        sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(n).append(" SET DEFAULT ")
                .append(col.getDefaultExpr()).append(";\n");
        sb.append("-- then fill the existing rows in small batches, each in its own transaction:\n");
        sb.append("UPDATE ").append(t).append(" SET ").append(n).append(" = DEFAULT WHERE ").append(n)
                .append(" IS NULL AND <batch of keys>;");
        if (col.isNotNull()) {
            sb.append('\n').append(notNullAfterBackfill(c, col.getName(), c.versionAtLeast("18")));
        }
        return sb.toString();
    }

    /** Replaces STORED by VIRTUAL in the statement (PostgreSQL 18+: computed on read, no rewrite). */
    public static String generatedVirtual(AddColumn c) {
        String text = c.getStatement().getText();
        String sql = text.replaceAll("(?i)\\bSTORED\\b", "VIRTUAL");
        if (sql.equals(text)) {
            sql = text + " VIRTUAL";
        }
        return sql + ";";
    }

    /** A BEFORE trigger that computes {@code column := (expr)} from the row, for a generated-column replacement. */
    private static String syncTrigger(Change c, String column, String expr, String fnName) {
        String t = PgSql.table(c);
        String fn = PgSql.ident(fnName);
        return "CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN NEW." + PgSql.ident(column) + " := (SELECT (" + expr + ") FROM (SELECT NEW.*) AS r); RETURN NEW; END $$;\n"
                + "CREATE TRIGGER " + fn + " BEFORE INSERT OR UPDATE ON " + t + " FOR EACH ROW EXECUTE FUNCTION " + fn + "();\n";
    }

    /** A plain column kept up to date by a trigger and backfilled in batches, instead of a STORED generated column. */
    public static String generatedAsTrigger(AddColumn c) {
        ColumnSpec col = c.getColumn();
        String t = PgSql.table(c);
        String n = PgSql.ident(col.getName());
        String expr = col.getGeneratedExpr() == null ? "<expression>" : col.getGeneratedExpr();
        return "ALTER TABLE " + t + " ADD COLUMN " + n + " " + typeOf(col) + ";\n"
                + syncTrigger(c, col.getName(), expr, c.getTable().getName() + "_" + col.getName() + "_sync")
                + "-- then fill the existing rows in small batches, each in its own transaction:\n"
                + "UPDATE " + t + " SET " + n + " = (" + expr + ") WHERE " + n + " IS NULL AND <batch of keys>;";
    }

    /**
     * A plain integer column filled from a sequence in batches; an identity is attached at the end (catalog only once
     * the column is NOT NULL).
     */
    public static String autoIncrement(AddColumn c) {
        ColumnSpec col = c.getColumn();
        String t = PgSql.table(c);
        String name = col.getName();
        String n = PgSql.ident(name);
        String type = col.getType() == null ? "bigint" : col.getType().display();
        // a sequence owned by a column must live in the table's schema
        String seq = inTableSchema(c, PgSql.name(c, name, "seq"));
        String seqLiteral = literal(seq);
        StringBuilder sb = new StringBuilder();
        sb.append("ALTER TABLE ").append(t).append(" ADD COLUMN ").append(n).append(' ').append(type).append(";\n");
        sb.append("CREATE SEQUENCE ").append(seq).append(" AS ").append(type).append(" OWNED BY ").append(t).append('.')
                .append(n).append(";\n");
        sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(n).append(" SET DEFAULT nextval(")
                .append(seqLiteral).append(");\n");
        sb.append("-- then number the existing rows in small batches, each in its own transaction:\n");
        sb.append("UPDATE ").append(t).append(" SET ").append(n).append(" = DEFAULT WHERE ").append(n)
                .append(" IS NULL AND <batch of keys>;\n");
        sb.append(notNullAfterBackfill(c, name, c.versionAtLeast("18")));
        if (col.isIdentity()) {
            boolean always = c.getStatement().getText().toUpperCase(Locale.ROOT).matches("(?s).*\\bGENERATED\\s+ALWAYS\\b.*");
            String idSeq = inTableSchema(c, PgSql.name(c, name, "identity_seq"));
            sb.append("\n-- finally swap the sequence default for an identity, in one short transaction:\n");
            sb.append("BEGIN;\n");
            sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(n).append(" DROP DEFAULT, ALTER COLUMN ")
                    .append(n).append(" ADD GENERATED ").append(always ? "ALWAYS" : "BY DEFAULT")
                    .append(" AS IDENTITY (SEQUENCE NAME ").append(idSeq).append(");\n");
            sb.append("SELECT setval(").append(literal(idSeq)).append(", (SELECT last_value FROM ").append(seq).append("));\n");
            sb.append("DROP SEQUENCE ").append(seq).append(";\n");
            sb.append("COMMIT;");
        }
        if (col.isPrimaryKey() || col.isUnique()) {
            sb.append("\n-- then CREATE UNIQUE INDEX CONCURRENTLY on ").append(n).append(" and attach it with ADD CONSTRAINT ... ")
                    .append(col.isPrimaryKey() ? "PRIMARY KEY" : "UNIQUE").append(" USING INDEX");
        }
        return sb.toString();
    }

    /** A name in the schema of the change's table (qualified only when the table is). */
    private static String inTableSchema(Change c, String name) {
        String schema = c.getTable().getSchema();
        return schema == null ? PgSql.ident(name) : PgSql.ident(schema) + "." + PgSql.ident(name);
    }

    /** Drop the CHECKs, change the type and re-add them NOT VALID in one statement; validate separately. */
    public static String recheckConstraints(AlterColumnType c) {
        String t = PgSql.table(c);
        StringBuilder drop = new StringBuilder();
        StringBuilder add = new StringBuilder();
        StringBuilder validate = new StringBuilder();
        for (ConstraintDef k : c.getCheckConstraints()) {
            String kn = PgSql.ident(k.getName());
            drop.append("DROP CONSTRAINT ").append(kn).append(", ");
            add.append(", ADD CONSTRAINT ").append(kn).append(" CHECK (").append(k.getExpression()).append(") NOT VALID");
            validate.append("ALTER TABLE ").append(t).append(" VALIDATE CONSTRAINT ").append(kn).append(";\n");
        }
        return "ALTER TABLE " + t + " " + drop + "ALTER COLUMN " + PgSql.ident(c.getColumnName()) + " TYPE "
                + c.getNewType().getWritten() + add + ";\n"
                + "-- in a separate transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on):\n" + validate.toString().trim();
    }

    /** The type change on its own (catalog only), then NOT NULL the safe way. */
    public static String typeThenNotNull(AlterColumnType c) {
        String t = PgSql.table(c);
        return "ALTER TABLE " + t + " ALTER COLUMN " + PgSql.ident(c.getColumnName()) + " TYPE " + c.getNewType().getWritten()
                + ";\n" + PgSql.setNotNull(c, c.getColumnName(), c.versionAtLeast("18"));
    }

    /** The column declared as jsonb instead of json. */
    public static String jsonbColumn(Change c, ColumnSpec col) {
        StringBuilder sb = new StringBuilder();
        if (c instanceof AddColumn) {
            sb.append("ALTER TABLE ").append(PgSql.table(c)).append(" ADD COLUMN ");
        }
        sb.append(PgSql.ident(col.getName())).append(col.getType() != null && col.getType().isArray() ? " jsonb[]" : " jsonb");
        if (col.isNotNull()) {
            sb.append(" NOT NULL");
        }
        if (col.hasDefault()) {
            sb.append(" DEFAULT ").append(col.getDefaultExpr().replaceAll("(?i)::\\s*json\\b", "::jsonb"));
        }
        return sb.append(c instanceof AddColumn ? ";" : "").toString();
    }

    public static String jsonbType(AlterColumnType c) {
        String using = c.getUsing() == null ? "" : " USING " + c.getUsing().replaceAll("(?i)::\\s*json\\b", "::jsonb");
        return "ALTER TABLE " + PgSql.table(c) + " ALTER COLUMN " + PgSql.ident(c.getColumnName()) + " TYPE jsonb"
                + (c.getNewType().isArray() ? "[]" : "") + using + ";";
    }

    /** Expand and contract for a rename: a new column kept in sync both ways, backfilled, then the old one dropped. */
    public static String renameColumn(RenameColumn c) {
        String t = PgSql.table(c);
        String old = PgSql.ident(c.getColumnName());
        String neu = PgSql.ident(c.getNewName());
        ColumnDef before = c.getBefore();
        String type = before == null || before.getType() == null ? "<type of " + c.getColumnName() + ">" : before.getType().getWritten();
        String fn = PgSql.ident(PgSql.name(c, c.getColumnName(), "rename_sync"));
        return "ALTER TABLE " + t + " ADD COLUMN " + neu + " " + type + ";\n"
                + "CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "  IF TG_OP = 'INSERT' THEN\n"
                + "    NEW." + neu + " := COALESCE(NEW." + neu + ", NEW." + old + "); NEW." + old + " := COALESCE(NEW." + old
                + ", NEW." + neu + ");\n"
                + "  ELSIF NEW." + old + " IS DISTINCT FROM OLD." + old + " THEN NEW." + neu + " := NEW." + old + ";\n"
                + "  ELSIF NEW." + neu + " IS DISTINCT FROM OLD." + neu + " THEN NEW." + old + " := NEW." + neu + ";\n"
                + "  END IF;\n"
                + "  RETURN NEW;\n"
                + "END $$;\n"
                + "CREATE TRIGGER " + fn + " BEFORE INSERT OR UPDATE ON " + t + " FOR EACH ROW EXECUTE FUNCTION " + fn + "();\n"
                + "-- copy the existing values in small batches, each in its own transaction:\n"
                + "UPDATE " + t + " SET " + neu + " = " + old + " WHERE " + neu + " IS DISTINCT FROM " + old
                + " AND <batch of keys>;\n"
                + "-- release code that uses " + c.getNewName() + "; once nothing uses " + c.getColumnName()
                + ", drop the trigger, the function and the old column.";
    }

    /** SET DEFAULT, then fill the existing NULLs before NOT NULL. */
    public static String backfillBeforeNotNull(SetDefault d) {
        String t = PgSql.table(d);
        String n = PgSql.ident(d.getColumnName());
        return "ALTER TABLE " + t + " ALTER COLUMN " + n + " SET DEFAULT " + d.getDefaultExpr() + ";\n"
                + "-- the default only applies to future inserts; fill the existing NULLs in small batches:\n"
                + "UPDATE " + t + " SET " + n + " = DEFAULT WHERE " + n + " IS NULL AND <batch of keys>;\n"
                + "-- then, in a later migration:\n" + PgSql.setNotNull(d, d.getColumnName(), d.versionAtLeast("18"));
    }

    /** Turn the generated column into a plain one (no rewrite) and let a trigger compute the new expression. */
    public static String setExpression(SetExpression c) {
        String t = PgSql.table(c);
        String n = PgSql.ident(c.getColumnName());
        return "ALTER TABLE " + t + " ALTER COLUMN " + n + " DROP EXPRESSION;  -- keeps the stored values, no rewrite\n"
                + syncTrigger(c, c.getColumnName(), c.getExpression(), c.getTable().getName() + "_" + c.getColumnName() + "_sync")
                + "-- then recompute the existing rows in small batches, each in its own transaction:\n"
                + "UPDATE " + t + " SET " + n + " = (" + c.getExpression() + ") WHERE <batch of keys>;";
    }

    /** The ADD VALUE with an explicit position. */
    public static String enumPosition(AlterType a) {
        List<String> labels = a.getLabelsBefore();
        String base = "ALTER TYPE " + PgSql.table(a.getTypeName()) + " ADD VALUE " + (a.isIfNotExists() ? "IF NOT EXISTS " : "")
                + literal(a.getValue());
        if (labels.isEmpty()) {
            return base + " BEFORE '<existing value>';  -- or AFTER: the value it should sort next to";
        }
        return base + " AFTER " + literal(labels.get(labels.size() - 1))
                + ";  -- or BEFORE/AFTER the value it should sort next to";
    }

    /** A new label next to the old one, rows moved in batches; the old label stays (PostgreSQL cannot drop it). */
    public static String enumRenameValue(AlterType a) {
        String[] p = renamedLabels(a);
        String type = PgSql.table(a.getTypeName());
        StringBuilder sb = new StringBuilder();
        sb.append("ALTER TYPE ").append(type).append(" ADD VALUE ").append(literal(p[1])).append(" AFTER ")
                .append(literal(p[0])).append(";\n");
        sb.append("-- commit first: a new value cannot be used in the transaction that added it\n");
        sb.append("-- release code that accepts both labels, then move the rows in small batches:\n");
        List<String> users = a.getUsedBy();
        if (users.isEmpty()) {
            sb.append("-- UPDATE <table> SET <column> = ").append(literal(p[1])).append(" WHERE <column> = ")
                    .append(literal(p[0])).append(" AND <batch of keys>;  -- for each column of type ").append(type);
        } else {
            for (String u : users) {
                int dot = u.lastIndexOf('.');
                String table = u.substring(0, dot);
                String col = PgSql.ident(u.substring(dot + 1));
                sb.append("UPDATE ").append(table).append(" SET ").append(col).append(" = ").append(literal(p[1]))
                        .append(" WHERE ").append(col).append(" = ").append(literal(p[0])).append(" AND <batch of keys>;\n");
            }
        }
        return sb.toString().trim();
    }
}
