package dev.schemagate.rules.postgres;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Identifiers;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.AddConstraint;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ColumnSpec;
import dev.schemagate.model.change.ConstraintSpec;
import dev.schemagate.model.change.CreateIndex;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Safe SQL that PostgreSQL rules attach to their findings, written for the statement at hand (names, columns
 * and expressions taken from it) rather than as templates with blanks.
 */
public final class PgSql {
    private PgSql() {
    }

    /** An identifier, double-quoted when PostgreSQL needs it. */
    public static String ident(String name) {
        return Identifiers.quote(Dialect.POSTGRES, name);
    }

    public static String table(QualifiedName t) {
        return t.getSchema() == null ? ident(t.getName()) : ident(t.getSchema()) + "." + ident(t.getName());
    }

    public static String table(Change c) {
        return table(c.getTable());
    }

    /** A constraint or index name derived from the table and columns, within PostgreSQL's 63-byte limit. */
    public static String name(Change c, String column, String suffix) {
        String n = c.getTable().getName() + "_" + column + "_" + suffix;
        return n.length() <= 63 ? n : n.substring(0, 63 - suffix.length() - 1) + "_" + suffix;
    }

    /** The statement with CONCURRENTLY inserted after INDEX. */
    public static String createIndexConcurrently(CreateIndex c) {
        String text = c.getStatement().getText();
        Matcher m = Pattern.compile("(?i)\\bINDEX\\b").matcher(text);
        String sql = m.find() ? text.substring(0, m.end()) + " CONCURRENTLY" + text.substring(m.end()) : text;
        return sql + ";\n-- run outside a transaction block; if it fails, DROP INDEX CONCURRENTLY the invalid index and retry";
    }

    /** SET NOT NULL without the long scan: a validated CHECK proves it first (PostgreSQL 12+), or NOT NULL NOT VALID (18+). */
    public static String setNotNull(Change c, String column, boolean pg18) {
        String t = table(c);
        String col = ident(column);
        String k = ident(name(c, column, "not_null"));
        if (pg18) {
            return "ALTER TABLE " + t + " ADD CONSTRAINT " + k + " NOT NULL " + col + " NOT VALID;\n"
                    + "-- in a separate transaction (takes SHARE UPDATE EXCLUSIVE; reads and writes go on):\n"
                    + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + k + ";";
        }
        return "ALTER TABLE " + t + " ADD CONSTRAINT " + k + " CHECK (" + col + " IS NOT NULL) NOT VALID;\n"
                + "-- in a separate transaction (takes SHARE UPDATE EXCLUSIVE; reads and writes go on):\n"
                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + k + ";\n"
                + "-- PostgreSQL 12+ uses the validated CHECK and skips the scan:\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET NOT NULL;\n"
                + "ALTER TABLE " + t + " DROP CONSTRAINT " + k + ";";
    }

    /** A constraint added NOT VALID, then validated in a separate transaction. */
    public static String notValidThenValidate(AddConstraint c) {
        ConstraintSpec k = c.getConstraint();
        String t = table(c);
        String text = c.getStatement().getText().trim();
        String name = k.getName() != null ? k.getName()
                : name(c, String.join("_", k.getColumns().isEmpty() ? List.of("new") : k.getColumns()),
                        k.isForeignKey() ? "fkey" : "check");
        String add;
        if (k.getName() == null) {
            add = "ALTER TABLE " + t + " ADD CONSTRAINT " + ident(name) + " "
                    + text.replaceFirst("(?is)^.*?\\bADD\\s+", "").replaceFirst("(?is)\\s+NOT\\s+VALID\\s*$", "");
        } else {
            add = text.replaceFirst("(?is)\\s+NOT\\s+VALID\\s*$", "");
        }
        return add + " NOT VALID;\n-- in a separate transaction:\nALTER TABLE " + t + " VALIDATE CONSTRAINT " + ident(name) + ";";
    }

    /** Add a column without its volatile default, set the default for new rows, backfill old rows in batches. */
    public static String addColumnThenBackfill(AddColumn c) {
        ColumnSpec col = c.getColumn();
        String t = table(c);
        String n = ident(col.getName());
        String type = col.getType() == null ? "<type>" : col.getType().getWritten();
        return "ALTER TABLE " + t + " ADD COLUMN " + n + " " + type + ";\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + n + " SET DEFAULT " + col.getDefaultExpr() + ";\n"
                + "-- then fill existing rows in small batches outside this transaction (schemagate plan writes the script):\n"
                + "-- UPDATE " + t + " SET " + n + " = " + col.getDefaultExpr() + " WHERE " + n + " IS NULL AND <batch of keys>;";
    }

    /** Expand and contract for a type change: new column, sync trigger, batched backfill, swap. */
    public static String expandContractType(dev.schemagate.model.change.AlterColumnType c) {
        String t = table(c);
        String old = ident(c.getColumnName());
        String neu = ident(c.getColumnName() + "_new");
        String fn = ident(c.getTable().getName() + "_" + c.getColumnName() + "_sync");
        // the column in USING, quoted or not, becomes NEW.<column>; the name is text, not a replacement pattern
        // (a name with ${ in it threw IllegalArgumentException out of the rule; found by the fuzzer)
        String name = Pattern.quote(c.getColumnName());
        String conv = c.getUsing() != null ? c.getUsing().replaceAll("\"" + name + "\"|(?i:\\b" + name + "\\b)",
                java.util.regex.Matcher.quoteReplacement("NEW." + old))
                : "NEW." + old + "::" + c.getNewType().getWritten();
        return "ALTER TABLE " + t + " ADD COLUMN " + neu + " " + c.getNewType().getWritten() + ";\n"
                + "CREATE FUNCTION " + fn + "() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN NEW." + neu + " := " + conv + "; RETURN NEW; END $$;\n"
                + "CREATE TRIGGER " + fn + " BEFORE INSERT OR UPDATE ON " + t + " FOR EACH ROW EXECUTE FUNCTION " + fn + "();\n"
                + "-- backfill " + neu + " in batches (schemagate plan writes the script), switch the application to it,\n"
                + "-- then in one short transaction: drop the trigger, drop " + old + ", rename " + neu + " to " + old + ".";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The Python list of an index's columns, as Alembic and Django take it. */
    private static String pyColumns(CreateIndex c) {
        StringBuilder b = new StringBuilder("[");
        for (String col : c.getIndex().getColumns()) {
            b.append(b.length() > 1 ? ", " : "").append('"').append(col.replace("\"", "\\\"")).append('"');
        }
        return b.append(']').toString();
    }

    /** Alembic: the index built concurrently inside an autocommit block (the migration's transaction is committed first). */
    public static String alembicConcurrentIndex(CreateIndex c) {
        String name = c.getIndex().getName() == null ? "ix_name" : c.getIndex().getName();
        return "with op.get_context().autocommit_block():\n"
                + "    op.create_index(\n"
                + "        \"" + name + "\", \"" + c.getTableName() + "\", " + pyColumns(c) + ",\n"
                + (c.isUnique() ? "        unique=True,\n" : "")
                + "        postgresql_concurrently=True,\n"
                + "        if_not_exists=True,\n"
                + "    )\n"
                + "# autocommit_block() commits what upgrade() did so far: keep it in a revision of its own";
    }

    /** Django: AddIndexConcurrently in a migration with atomic = False. */
    public static String djangoConcurrentIndex(CreateIndex c) {
        String name = c.getIndex().getName() == null ? "index_name" : c.getIndex().getName();
        return "from django.contrib.postgres.operations import AddIndexConcurrently\n\n"
                + "class Migration(migrations.Migration):\n"
                + "    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction\n\n"
                + "    operations = [\n"
                + "        AddIndexConcurrently(\n"
                + "            model_name=\"...\",\n"
                + "            index=models.Index(fields=" + pyColumns(c) + ", name=\"" + name + "\"),\n"
                + "        ),\n"
                + "    ]";
    }
}
