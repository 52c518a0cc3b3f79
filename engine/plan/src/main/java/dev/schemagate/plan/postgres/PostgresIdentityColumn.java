package dev.schemagate.plan.postgres;

import static dev.schemagate.plan.postgres.PostgresPlanGenerator.AE;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.SUE;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.name;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.q;
import static dev.schemagate.plan.postgres.PostgresPlanGenerator.qualified;

import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.ColumnSpec;
import dev.schemagate.plan.Intent;
import dev.schemagate.plan.Plan;
import dev.schemagate.plan.PlanBuilder;
import dev.schemagate.plan.PlanBuilder.Work;
import dev.schemagate.plan.SqlText;
import java.util.List;

/**
 * ADD COLUMN serial or GENERATED ... AS IDENTITY on a table with rows, without the rewrite under ACCESS EXCLUSIVE:
 * phase 1 a sequence, the column nullable and a {@code nextval} default for new rows (catalog only); phase 2 existing
 * rows numbered from the sequence in batches; phase 3 NOT NULL by a validated CHECK, then for an identity the
 * default replaced by {@code ADD GENERATED ... AS IDENTITY} starting after the sequence's last value (one short
 * transaction), and the primary key or UNIQUE constraint from an index built CONCURRENTLY. Nothing is removed.
 */
final class PostgresIdentityColumn {
    private PostgresIdentityColumn() {
    }

    static void plan(Intent in, PlanBuilder b) {
        ColumnSpec spec = ((AddColumn) in.first()).getColumn();
        String t = q(in.table);
        String col = in.column;
        String type = in.newType;
        // serial keeps its sequence under PostgreSQL's own name; an identity creates its own, so the helper is renamed
        String seq = in.identity == null ? name(in.tableName(), col, "seq") : name(in.tableName(), col, "sg_seq");
        String qseq = qualified(in.table, seq);
        String nextval = "nextval('" + (in.table.getSchema() == null ? "" : in.table.getSchema() + ".") + seq + "')";
        // phase 1
        b.step(1, "sequence " + seq + " for " + col, "CREATE SEQUENCE IF NOT EXISTS " + qseq + " AS " + type + ";",
                "DROP SEQUENCE IF EXISTS " + qseq + ";", "none on " + in.tableName(), false, Work.NONE);
        b.step(1, "add column " + in.tableName() + "." + col + " " + type + " as nullable (catalog only)", "ALTER TABLE " + t
                + " ADD COLUMN IF NOT EXISTS " + q(col) + " " + type + ";", "ALTER TABLE " + t + " DROP COLUMN IF EXISTS "
                + q(col) + ";", AE, true, Work.CATALOG);
        b.step(1, "rows inserted from now on get the next number (a default on an existing column is not a rewrite)",
                "ALTER TABLE " + t + " ALTER COLUMN " + q(col) + " SET DEFAULT " + nextval + ";\nALTER SEQUENCE " + qseq
                        + " OWNED BY " + t + "." + q(col) + ";", "ALTER SEQUENCE " + qseq + " OWNED BY NONE;\nALTER TABLE " + t
                        + " ALTER COLUMN " + q(col) + " DROP DEFAULT;", AE, true, Work.CATALOG);
        b.check(1, "column " + col + " exists", PostgresPlanGenerator.columnsMissing(in.table, List.of(col)), true);
        b.check(1, "sequence " + seq + " exists", "SELECT 1 - COUNT(*) AS violations FROM pg_catalog.pg_class WHERE relname = "
                + SqlText.literal(seq) + " AND relkind = 'S'", true);
        // phase 2
        String key = PostgresPlanGenerator.key(in.before);
        String notDone = q(col) + " IS NULL";
        Plan.Backfill bf = null;
        if (key == null) {
            b.step(2, "number the existing rows (no single-column integer primary key to batch on: one statement)",
                    "UPDATE " + t + " SET " + q(col) + " = " + nextval + " WHERE " + notDone + ";",
                    "-- nothing to undo: the phase 1 rollback drops the column", "ROW EXCLUSIVE", false, Work.SCAN);
        } else {
            bf = b.backfill(name(in.tableName(), col, "number"), t, q(key));
            bf.set.put(q(col), nextval);
            bf.notDone = notDone;
        }
        b.check(2, "rows without a " + col, "SELECT COUNT(*) AS violations FROM " + t + " WHERE " + notDone, false);
        // phase 3
        PostgresPlanGenerator.notNull(b, in.table, col, 3, bf);
        if (in.identity != null) {
            String literalTable = SqlText.literal(q(in.table));
            b.step(3, "make " + col + " an identity column (GENERATED " + in.identity + ") that continues after the"
                    + " numbers already given (one transaction)", "BEGIN;\nALTER TABLE " + t + " ALTER COLUMN " + q(col)
                    + " DROP DEFAULT;\nDO $sg$\nBEGIN\n  EXECUTE format('ALTER TABLE %s ALTER COLUMN %I ADD GENERATED "
                    + in.identity + " AS IDENTITY (START WITH %s)', " + literalTable + ", " + SqlText.literal(col)
                    + ", (SELECT last_value + 1 FROM " + qseq + "));\nEND\n$sg$;\nDROP SEQUENCE " + qseq + ";\nCOMMIT;",
                    "DO $sg$\nDECLARE v bigint;\nBEGIN\n  IF pg_get_serial_sequence(" + literalTable + ", " + SqlText.literal(col)
                    + ") IS NOT NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = " + literalTable
                    + "::regclass AND attname = " + SqlText.literal(col) + " AND attidentity <> '') THEN\n"
                    + "    EXECUTE format('SELECT last_value FROM %s', pg_get_serial_sequence(" + literalTable + ", "
                    + SqlText.literal(col) + ")) INTO v;\n    ALTER TABLE " + t + " ALTER COLUMN " + q(col) + " DROP IDENTITY;\n"
                    + "    CREATE SEQUENCE IF NOT EXISTS " + qseq + " AS " + type + ";\n    PERFORM setval("
                    + SqlText.literal(qseq) + ", v);\n    ALTER SEQUENCE " + qseq + " OWNED BY " + t + "." + q(col) + ";\n"
                    + "    ALTER TABLE " + t + " ALTER COLUMN " + q(col) + " SET DEFAULT " + nextval + ";\n  END IF;\nEND\n$sg$;",
                    AE, true, Work.CATALOG);
            b.check(3, col + " is an identity column", "SELECT 1 - COUNT(*) AS violations FROM information_schema.columns"
                    + " WHERE table_schema = " + SqlText.literal(PostgresPlanGenerator.schemaOf(in.table))
                    + " AND table_name = " + SqlText.literal(in.tableName()) + " AND column_name = " + SqlText.literal(col)
                    + " AND is_identity = 'YES'", true);
        }
        if (spec.isPrimaryKey() || spec.isUnique()) {
            boolean pk = spec.isPrimaryKey();
            String cn = pk ? name(in.tableName(), "pkey") : name(in.tableName(), col, "key");
            b.step(3, "unique index on " + col + " without blocking writes", "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "
                    + q(cn) + " ON " + t + " (" + q(col) + ");", "DROP INDEX CONCURRENTLY IF EXISTS " + qualified(in.table, cn)
                    + ";", SUE, false, Work.INDEX_CONCURRENT);
            b.step(3, "turn the index into the " + (pk ? "PRIMARY KEY" : "UNIQUE constraint"), "ALTER TABLE " + t
                    + " ADD CONSTRAINT " + q(cn) + (pk ? " PRIMARY KEY" : " UNIQUE") + " USING INDEX " + q(cn) + ";",
                    "ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + q(cn) + ";", AE, true, Work.CATALOG);
            b.check(3, "constraint " + cn + " is in place", "SELECT 1 - COUNT(*) AS violations FROM pg_catalog.pg_constraint"
                    + " WHERE conname = " + SqlText.literal(cn), true);
        }
    }
}
