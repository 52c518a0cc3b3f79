package dev.schemagate.dialects.postgres;

import static dev.schemagate.model.Lock.NONE;
import static dev.schemagate.model.Lock.PG_ACCESS_EXCLUSIVE;
import static dev.schemagate.model.Lock.PG_ACCESS_SHARE;
import static dev.schemagate.model.Lock.PG_EXCLUSIVE;
import static dev.schemagate.model.Lock.PG_ROW_EXCLUSIVE;
import static dev.schemagate.model.Lock.PG_ROW_SHARE;
import static dev.schemagate.model.Lock.PG_SHARE;
import static dev.schemagate.model.Lock.PG_SHARE_ROW_EXCLUSIVE;
import static dev.schemagate.model.Lock.PG_SHARE_UPDATE_EXCLUSIVE;

import dev.schemagate.model.Lock;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.catalog.TypeDef;
import dev.schemagate.model.change.*;
import java.util.Locale;

/**
 * The lock each change takes and whether it rewrites or scans the table, by PostgreSQL version, following the
 * ALTER TABLE reference ("An ACCESS EXCLUSIVE lock is acquired unless explicitly noted") and the table-level lock
 * modes of the explicit-locking chapter.
 */
final class PgEffects {
    private PgEffects() {
    }

    static Effect of(Change c, Catalog cat, Version v) {
        if (c instanceof CreateTable) {
            CreateTable t = (CreateTable) c;
            Effect e = Effect.of(PG_ACCESS_EXCLUSIVE, false, false);
            for (ColumnSpec col : t.getColumns()) {
                if (col.getReferences() != null) {
                    return e.withOther(col.getReferences(), PG_SHARE_ROW_EXCLUSIVE);
                }
            }
            for (ConstraintSpec k : t.getConstraints()) {
                if (k.isForeignKey()) {
                    return e.withOther(k.getRefTable(), PG_SHARE_ROW_EXCLUSIVE);
                }
            }
            if (t.getPartitionOf() != null) {
                return e.withOther(t.getPartitionOf(), PG_ACCESS_EXCLUSIVE);
            }
            return e;
        }
        if (c instanceof AddColumn) {
            return addColumn((AddColumn) c, cat, v);
        }
        if (c instanceof AlterColumnType) {
            AlterColumnType a = (AlterColumnType) c;
            boolean noRewrite = a.getTypeChange() == TypeChange.BINARY_COERCIBLE && a.getUsing() == null;
            if (noRewrite && a.isHasCheckConstraints()) {
                return Effect.of(PG_ACCESS_EXCLUSIVE, false, true)
                        .withNote("no rewrite, but the CHECK constraints on the column are verified again on every row");
            }
            if (noRewrite && a.isNotNull() && notNullNeedsScan(a, cat, v)) {
                return Effect.of(PG_ACCESS_EXCLUSIVE, false, true)
                        .withNote("no rewrite, but SET NOT NULL in the same statement checks every row");
            }
            return Effect.of(PG_ACCESS_EXCLUSIVE, !noRewrite, false).withNote(noRewrite
                    ? "binary-coercible type change: catalog only (indexes on the column may still be rebuilt)"
                    : "the table and its indexes are rewritten");
        }
        if (c instanceof SetNotNull) {
            SetNotNull s = (SetNotNull) c;
            boolean skip = s.isAlreadyNotNull() || (s.isProvenByCheck() && v.atLeast("12"));
            return Effect.of(PG_ACCESS_EXCLUSIVE, false, !skip);
        }
        if (c instanceof SetExpression) {
            SetExpression s = (SetExpression) c;
            return Effect.of(PG_ACCESS_EXCLUSIVE, s.getExpression() != null, false);
        }
        if (c instanceof AlterColumnOption) {
            String o = ((AlterColumnOption) c).getOption();
            boolean sue = o.equals("statistics") || o.equals("attribute_options");
            return Effect.of(sue ? PG_SHARE_UPDATE_EXCLUSIVE : PG_ACCESS_EXCLUSIVE, false, false);
        }
        if (c instanceof AddConstraint) {
            return addConstraint((AddConstraint) c, cat, v);
        }
        if (c instanceof ValidateConstraint) {
            ValidateConstraint vc = (ValidateConstraint) c;
            Effect e = Effect.of(PG_SHARE_UPDATE_EXCLUSIVE, false, true);
            ConstraintDef t = vc.getTarget();
            if (t != null && t.getKind() == ConstraintKind.FOREIGN_KEY && t.getRefTable() != null) {
                return e.withOther(t.getRefTable(), PG_ROW_SHARE);
            }
            return e;
        }
        if (c instanceof DropConstraint) {
            DropConstraint d = (DropConstraint) c;
            Effect e = Effect.of(PG_ACCESS_EXCLUSIVE, false, false);
            if (d.getTarget() != null && d.getTarget().getKind() == ConstraintKind.FOREIGN_KEY) {
                return e.withOther(d.getTarget().getRefTable(), PG_SHARE_ROW_EXCLUSIVE);
            }
            return e;
        }
        if (c instanceof CreateIndex) {
            CreateIndex ci = (CreateIndex) c;
            return ci.isConcurrently() ? Effect.of(PG_SHARE_UPDATE_EXCLUSIVE, false, true)
                    : Effect.of(PG_SHARE, false, true);
        }
        if (c instanceof DropIndex) {
            return Effect.of(((DropIndex) c).isConcurrently() ? PG_SHARE_UPDATE_EXCLUSIVE : PG_ACCESS_EXCLUSIVE, false, false);
        }
        if (c instanceof Reindex) {
            Reindex r = (Reindex) c;
            if (r.isConcurrently()) {
                return Effect.of(PG_SHARE_UPDATE_EXCLUSIVE, false, true);
            }
            return Effect.of(new Lock("SHARE + ACCESS EXCLUSIVE on the index", true, true), false, true)
                    .withNote("writes are blocked, and reads that would use the index wait too");
        }
        if (c instanceof AlterIndex) {
            String a = ((AlterIndex) c).getAction();
            return Effect.of(a.equals("set_tablespace") ? PG_ACCESS_EXCLUSIVE : PG_SHARE_UPDATE_EXCLUSIVE,
                    a.equals("set_tablespace"), false);
        }
        if (c instanceof AlterTableOption) {
            return tableOption((AlterTableOption) c);
        }
        if (c instanceof AttachPartition) {
            return attach((AttachPartition) c, cat, v);
        }
        if (c instanceof DetachPartition) {
            DetachPartition d = (DetachPartition) c;
            return Effect.of(d.isConcurrently() ? PG_SHARE_UPDATE_EXCLUSIVE : PG_ACCESS_EXCLUSIVE, false, false)
                    .withOther(d.getPartition(), PG_ACCESS_EXCLUSIVE);
        }
        if (c instanceof DataChange) {
            DataChange d = (DataChange) c;
            boolean full = !d.isHasWhere() && !d.getOperation().equals("INSERT") && !d.getOperation().equals("COPY");
            return Effect.of(PG_ROW_EXCLUSIVE, false, full);
        }
        if (c instanceof Maintenance) {
            Maintenance m = (Maintenance) c;
            switch (m.getOperation()) {
                case "VACUUM_FULL": case "CLUSTER": return Effect.of(PG_ACCESS_EXCLUSIVE, true, false);
                case "REFRESH_MATVIEW": return m.isConcurrently() ? Effect.of(PG_EXCLUSIVE, false, true)
                        : Effect.of(PG_ACCESS_EXCLUSIVE, false, true);
                default: return Effect.of(PG_SHARE_UPDATE_EXCLUSIVE, false, true);
            }
        }
        if (c instanceof LockTable) {
            return Effect.of(lockMode(((LockTable) c).getMode()), false, false);
        }
        if (c instanceof TriggerChange) {
            String a = ((TriggerChange) c).getAction();
            return Effect.of(a.equals("drop") ? PG_ACCESS_EXCLUSIVE : PG_SHARE_ROW_EXCLUSIVE, false, false);
        }
        if (c instanceof TruncateTable || c instanceof DropTable || c instanceof RenameTable || c instanceof DropColumn
                || c instanceof RenameColumn || c instanceof DropNotNull || c instanceof SetDefault
                || c instanceof DropDefault || c instanceof RenameConstraint) {
            return Effect.of(PG_ACCESS_EXCLUSIVE, false, false);
        }
        if (c instanceof OtherDdl) {
            OtherDdl o = (OtherDdl) c;
            if (o.getObjectKind().equals("COMMENT") && c.getTable() != null) {
                return Effect.of(PG_SHARE_UPDATE_EXCLUSIVE, false, false);
            }
            if (o.getObjectKind().equals("POLICY") && c.getTable() != null) {
                return Effect.of(PG_ACCESS_EXCLUSIVE, false, false);
            }
            if (o.getObjectKind().endsWith("VIEW") && o.getAction().equals("DROP")) {
                return Effect.of(PG_ACCESS_EXCLUSIVE, false, false);
            }
            return Effect.NONE;
        }
        if (c instanceof AlterType) {
            AlterType a = (AlterType) c;
            if (a.isDomain() && (a.getAction().equals("add_constraint") || a.getAction().equals("set_not_null")
                    || a.getAction().equals("validate_constraint"))) {
                return Effect.of(PG_SHARE, false, true).withNote("every column of this domain type is checked");
            }
            return Effect.NONE;
        }
        return Effect.NONE;
    }

    /** The column may hold NULLs and no validated CHECK proves otherwise (the proof counts from PostgreSQL 12). */
    private static boolean notNullNeedsScan(AlterColumnType a, Catalog cat, Version v) {
        if (a.getBefore() != null && !a.getBefore().isNullable()) {
            return false;
        }
        TableDef t = cat.table(a.getTable());
        return !(t != null && t.notNullProven(a.getColumnName()) && v.atLeast("12"));
    }

    private static Effect addColumn(AddColumn a, Catalog cat, Version v) {
        ColumnSpec col = a.getColumn();
        String why = null;
        if (col.isSerial()) {
            why = "a serial column fills every row from a sequence";
        } else if (col.isIdentity()) {
            why = "an identity column fills every row from a sequence";
        } else if (col.isGeneratedStored()) {
            why = "a stored generated column is computed for every row";
        } else if (col.getGenerated() == ColumnSpec.Generated.VIRTUAL && v.below("18")) {
            why = "generated columns are STORED before PostgreSQL 18 and computed for every row";
        } else if (col.hasDefault() && !isNullLiteral(col.getDefaultExpr())) {
            if (v.below("11")) {
                why = "before PostgreSQL 11 any non-null default rewrites the table";
            } else if (col.isVolatileDefault()) {
                why = col.getDefaultVolatility() == Volatility.VOLATILE
                        ? "the default is volatile, so a value is computed for every row"
                        : "the default calls a function SchemaGate cannot prove non-volatile";
            }
        }
        if (why == null && col.getType() != null && col.getType().isUserDefined()) {
            TypeDef t = cat.type(dev.schemagate.model.QualifiedName.of(col.getType().getName()));
            if (t != null && t.getKind() == TypeDef.Kind.DOMAIN && !t.getChecks().isEmpty()) {
                why = "the column's domain has a CHECK constraint, which is verified for every row";
            }
        }
        boolean scan = col.isUnique() || col.isPrimaryKey() || (col.getCheck() != null && col.hasDefault());
        Effect e = Effect.of(PG_ACCESS_EXCLUSIVE, why != null, scan).withNote(why);
        if (col.getReferences() != null) {
            e = e.withOther(col.getReferences(), PG_SHARE_ROW_EXCLUSIVE);
        }
        return e;
    }

    private static boolean isNullLiteral(String expr) {
        return expr.trim().toUpperCase(Locale.ROOT).replaceAll("::.*$", "").trim().equals("NULL");
    }

    private static Effect addConstraint(AddConstraint a, Catalog cat, Version v) {
        ConstraintSpec k = a.getConstraint();
        switch (k.getKind()) {
            case FOREIGN_KEY:
                return Effect.of(PG_SHARE_ROW_EXCLUSIVE, false, !k.isNotValid()).withOther(k.getRefTable(),
                        PG_SHARE_ROW_EXCLUSIVE);
            case CHECK:
            case NOT_NULL:
                return Effect.of(PG_ACCESS_EXCLUSIVE, false, !k.isNotValid() && !k.isNotEnforced());
            case UNIQUE:
            case PRIMARY_KEY:
                if (k.isUsingIndex()) {
                    return Effect.of(PG_ACCESS_EXCLUSIVE, false, a.isColumnsNullable());
                }
                return Effect.of(PG_ACCESS_EXCLUSIVE, false, true).withNote("builds a unique index under the lock");
            default:
                return Effect.of(PG_ACCESS_EXCLUSIVE, false, true).withNote("builds an exclusion index under the lock");
        }
    }

    private static Effect tableOption(AlterTableOption o) {
        switch (o.getOption()) {
            case "set_logged":
            case "set_unlogged":
            case "set_access_method":
                return Effect.of(PG_ACCESS_EXCLUSIVE, true, false);
            case "set_tablespace":
                return Effect.of(PG_ACCESS_EXCLUSIVE, true, false).withNote("the data files are copied to the new tablespace");
            case "cluster_on":
                return Effect.of(PG_SHARE_UPDATE_EXCLUSIVE, false, false);
            case "storage_parameters":
                String val = o.getValue() == null ? "" : o.getValue().toLowerCase(Locale.ROOT);
                boolean sue = val.matches(".*\\b(fillfactor|autovacuum_\\w+|toast\\.\\w+|parallel_workers|vacuum_\\w+|log_autovacuum_min_duration|user_catalog_table)\\b.*");
                return Effect.of(sue ? PG_SHARE_UPDATE_EXCLUSIVE : PG_ACCESS_EXCLUSIVE, false, false);
            default:
                return Effect.of(PG_ACCESS_EXCLUSIVE, false, false);
        }
    }

    private static Effect attach(AttachPartition a, Catalog cat, Version v) {
        Lock parent = v.atLeast("12") ? PG_SHARE_UPDATE_EXCLUSIVE : PG_ACCESS_EXCLUSIVE;
        TableDef part = cat.table(a.getPartition());
        boolean proven = false;
        if (part != null) {
            for (ConstraintDef k : part.getConstraints()) {
                if (k.getKind() == ConstraintKind.CHECK && k.isValidated()) {
                    proven = true;
                }
            }
        }
        return Effect.of(parent, false, !proven).withOther(a.getPartition(), PG_ACCESS_EXCLUSIVE)
                .withNote(proven ? "a validated CHECK on the partition may prove the bound and skip the scan"
                        : "the new partition is scanned to verify the partition bound");
    }

    static Lock lockMode(String mode) {
        switch (mode.toUpperCase(Locale.ROOT).trim()) {
            case "ACCESS SHARE": return PG_ACCESS_SHARE;
            case "ROW SHARE": return PG_ROW_SHARE;
            case "ROW EXCLUSIVE": return PG_ROW_EXCLUSIVE;
            case "SHARE UPDATE EXCLUSIVE": return PG_SHARE_UPDATE_EXCLUSIVE;
            case "SHARE": return PG_SHARE;
            case "SHARE ROW EXCLUSIVE": return PG_SHARE_ROW_EXCLUSIVE;
            case "EXCLUSIVE": return PG_EXCLUSIVE;
            default: return PG_ACCESS_EXCLUSIVE;
        }
    }

    static Lock none() {
        return NONE;
    }
}
