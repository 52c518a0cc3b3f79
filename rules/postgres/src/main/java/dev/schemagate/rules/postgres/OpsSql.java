package dev.schemagate.rules.postgres;

import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.AddConstraint;
import dev.schemagate.model.change.AttachPartition;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ConstraintSpec;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.DetachPartition;
import dev.schemagate.model.change.DropIndex;
import dev.schemagate.model.change.Reindex;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Safe SQL for the index, constraint and table rules. */
public final class OpsSql {
    private OpsSql() {
    }

    public static String dropIndexConcurrently(DropIndex c) {
        String name = c.getIndexName();
        String schema = c.getTarget() != null && c.getTarget().getTable() != null ? c.getTarget().getTable().getSchema() : null;
        String qualified = name.contains(".") || schema == null ? name : PgSql.ident(schema) + "." + PgSql.ident(name);
        return "DROP INDEX CONCURRENTLY IF EXISTS " + qualified + ";\n"
                + "-- outside a transaction block, one index per statement, no CASCADE";
    }

    public static String rebuildInvalidIndex(CreateIndex c) {
        String create = c.getStatement().getText().replaceFirst("(?is)\\bIF\\s+NOT\\s+EXISTS\\s+", "");
        return "DROP INDEX CONCURRENTLY IF EXISTS " + PgSql.ident(c.getIndex().getName()) + ";\n" + create + ";\n"
                + "-- verify: no invalid indexes are left\n"
                + "SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid;";
    }

    public static String reindexConcurrently(Reindex c) {
        if (c.versionAtLeast("12")) {
            return "REINDEX " + c.getTarget() + " CONCURRENTLY " + c.getName() + ";\n"
                    + "-- outside a transaction block; if it fails, drop the leftover *_ccnew invalid indexes";
        }
        if ("INDEX".equals(c.getTarget())) {
            String n = c.getName();
            return "CREATE INDEX CONCURRENTLY " + n + "_new ON <table> (<same columns>);  -- copy the definition: "
                    + "SELECT pg_get_indexdef('" + n + "'::regclass);\n"
                    + "DROP INDEX CONCURRENTLY " + n + ";\n"
                    + "ALTER INDEX " + n + "_new RENAME TO " + n + ";";
        }
        return "-- PostgreSQL " + c.getCtx().getVersion() + " has no REINDEX CONCURRENTLY: rebuild each index with "
                + "CREATE INDEX CONCURRENTLY under a new name, DROP INDEX CONCURRENTLY the old one, then rename";
    }

    public static String partitionedIndex(CreateIndex c) {
        String text = c.getStatement().getText();
        Matcher m = Pattern.compile("(?i)\\bON\\s+").matcher(text);
        String parent = m.find() ? text.substring(0, m.end()) + "ONLY " + text.substring(m.end()) : text;
        String idx = c.getIndex().getName() == null ? "<index>" : c.getIndex().getName();
        return parent + ";  -- catalog only, starts invalid\n"
                + "-- for each partition p of " + PgSql.table(c) + ":\n"
                + "CREATE INDEX CONCURRENTLY " + idx + "_p ON p (" + String.join(", ", c.getIndex().getColumns()) + ");\n"
                + "ALTER INDEX " + PgSql.ident(idx) + " ATTACH PARTITION " + idx + "_p;\n"
                + "-- the parent index becomes valid once every partition's index is attached";
    }

    /** CREATE UNIQUE INDEX CONCURRENTLY, then attach it as the constraint. */
    public static String uniqueUsingIndex(Change c, List<String> columns, String constraintName, boolean primaryKey) {
        String t = PgSql.table(c);
        String cols = String.join(", ", columns.stream().map(PgSql::ident).toList());
        String suffix = primaryKey ? "pkey" : "key";
        String idx = constraintName != null ? constraintName : PgSql.name(c, String.join("_", columns), suffix);
        StringBuilder sb = new StringBuilder();
        sb.append("CREATE UNIQUE INDEX CONCURRENTLY ").append(PgSql.ident(idx)).append(" ON ").append(t).append(" (")
                .append(cols).append(");\n");
        if (primaryKey) {
            sb.append("-- make the key columns NOT NULL first without a long lock (see pg.set-not-null), then:\n");
        }
        sb.append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(PgSql.ident(idx))
                .append(primaryKey ? " PRIMARY KEY" : " UNIQUE").append(" USING INDEX ").append(PgSql.ident(idx)).append(';');
        return sb.toString();
    }

    public static String uniqueConstraint(AddConstraint c) {
        ConstraintSpec k = c.getConstraint();
        return uniqueUsingIndex(c, k.getColumns(), k.getName(), k.isPrimaryKey());
    }

    /** Inline REFERENCES on ADD COLUMN, split into column + NOT VALID constraint + VALIDATE. */
    public static String inlineForeignKey(AddColumn c) {
        String t = PgSql.table(c);
        String col = c.getColumn().getName();
        String k = PgSql.ident(PgSql.name(c, col, "fkey"));
        String type = c.getColumn().getType() == null ? "<type>" : c.getColumn().getType().getWritten();
        String refCols = c.getColumn().getReferencesColumns() == null || c.getColumn().getReferencesColumns().isEmpty()
                ? "" : " (" + String.join(", ", c.getColumn().getReferencesColumns()) + ")";
        return "ALTER TABLE " + t + " ADD COLUMN " + PgSql.ident(col) + " " + type + ";\n"
                + "ALTER TABLE " + t + " ADD CONSTRAINT " + k + " FOREIGN KEY (" + PgSql.ident(col) + ") REFERENCES "
                + PgSql.table(c.getColumn().getReferences()) + refCols + " NOT VALID;\n"
                + "-- in a separate transaction:\n"
                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + k + ";";
    }

    public static String attachWithCheck(AttachPartition c) {
        String part = PgSql.table(c.getPartition());
        String k = PgSql.ident(c.getPartition().getName() + "_bound_check");
        return "-- 1. a CHECK that matches the partition bound (" + c.getBound() + "), added without a scan:\n"
                + "ALTER TABLE " + part + " ADD CONSTRAINT " + k + " CHECK (<partition key within the bound, NOT NULL>) NOT VALID;\n"
                + "-- 2. in a separate transaction (SHARE UPDATE EXCLUSIVE; reads and writes go on):\n"
                + "ALTER TABLE " + part + " VALIDATE CONSTRAINT " + k + ";\n"
                + "-- 3. the attach now skips the scan:\n"
                + c.getStatement().getText().trim() + ";\n"
                + "ALTER TABLE " + part + " DROP CONSTRAINT " + k + ";";
    }

    public static String detachConcurrently(DetachPartition c) {
        return "ALTER TABLE " + PgSql.table(c) + " DETACH PARTITION " + PgSql.table(c.getPartition()) + " CONCURRENTLY;\n"
                + "-- outside a transaction block; if interrupted, finish with: ALTER TABLE " + PgSql.table(c)
                + " DETACH PARTITION " + PgSql.table(c.getPartition()) + " FINALIZE;";
    }
}
