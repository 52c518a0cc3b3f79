package dev.schemagate.core.replay;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.catalog.TypeDef;
import dev.schemagate.model.change.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies changes to the catalog, dialect-neutrally: what each kind of change does to tables, columns,
 * constraints, indexes and types. Names the server would generate follow PostgreSQL's conventions
 * ({@code t_pkey}, {@code t_col_key}, {@code t_col_fkey}, {@code t_col_check}).
 */
public final class CatalogApplier {
    private final Catalog cat;

    public CatalogApplier(Catalog cat) {
        this.cat = cat;
    }

    /** The table a change works on, created as an assumed (pre-existing, unknown) table when not in the catalog. */
    TableDef tableFor(QualifiedName n) {
        TableDef t = cat.table(n);
        if (t == null) {
            t = cat.putTable(new TableDef(n));
            t.getOptions().put("assumed", "true");
        }
        return t;
    }

    public void apply(Change c, String migration, int tx) {
        switch (c.getKind()) {
            case CREATE_TABLE: createTable((CreateTable) c, migration, tx); break;
            case DROP_TABLE: cat.dropTable(c.getTable()); break;
            case RENAME_TABLE: {
                RenameTable r = (RenameTable) c;
                tableFor(r.getTable());
                cat.renameTable(r.getTable(), r.getNewName());
                break;
            }
            case TRUNCATE_TABLE: {
                TableDef t = cat.table(c.getTable());
                if (t != null && t.getRows() != null) {
                    t.setRows(0L);
                }
                break;
            }
            case ATTACH_PARTITION: {
                AttachPartition a = (AttachPartition) c;
                tableFor(a.getPartition()).setPartitionOf(a.getTable());
                if (a.isDefaultPartition()) {
                    tableFor(a.getTable()).getOptions().put("default_partition", a.getPartition().toString());
                }
                break;
            }
            case DETACH_PARTITION: {
                DetachPartition d = (DetachPartition) c;
                TableDef p = cat.table(d.getPartition());
                if (p != null) {
                    p.setPartitionOf(null);
                }
                break;
            }
            case ADD_COLUMN: addColumn((AddColumn) c, migration, tx); break;
            case DROP_COLUMN: dropColumn((DropColumn) c); break;
            case RENAME_COLUMN: {
                RenameColumn r = (RenameColumn) c;
                TableDef t = tableFor(r.getTable());
                t.renameColumn(r.getColumnName(), r.getNewName());
                renameIndexColumns(t.getName(), r.getColumnName(), r.getNewName());
                break;
            }
            case ALTER_COLUMN_TYPE: {
                AlterColumnType a = (AlterColumnType) c;
                TableDef t = tableFor(a.getTable());
                ColumnDef col = t.column(a.getColumnName());
                t.putColumn(col == null ? new ColumnDef(a.getColumnName(), a.getNewType(), !a.isNotNull(), null, false, false)
                        : col.withType(a.getNewType()).withNullable(col.isNullable() && !a.isNotNull()));
                break;
            }
            case SET_NOT_NULL: setNullable(c.getTable(), ((SetNotNull) c).getColumnName(), false); break;
            case DROP_NOT_NULL: setNullable(c.getTable(), ((DropNotNull) c).getColumnName(), true); break;
            case SET_DEFAULT: {
                SetDefault s = (SetDefault) c;
                ColumnDef col = tableFor(s.getTable()).column(s.getColumnName());
                if (col != null) {
                    tableFor(s.getTable()).putColumn(col.withDefault(s.getDefaultExpr()));
                }
                break;
            }
            case DROP_DEFAULT: {
                DropDefault s = (DropDefault) c;
                ColumnDef col = tableFor(s.getTable()).column(s.getColumnName());
                if (col != null) {
                    tableFor(s.getTable()).putColumn(col.withDefault(null));
                }
                break;
            }
            case ADD_CONSTRAINT: addConstraint(tableFor(c.getTable()), ((AddConstraint) c).getConstraint(), migration, tx); break;
            case VALIDATE_CONSTRAINT: {
                TableDef t = tableFor(c.getTable());
                ConstraintDef k = t.constraint(((ValidateConstraint) c).getConstraintName());
                if (k != null) {
                    t.putConstraint(k.validated());
                }
                break;
            }
            case DROP_CONSTRAINT: {
                TableDef t = tableFor(c.getTable());
                ConstraintDef k = t.removeConstraint(((DropConstraint) c).getConstraintName());
                if (k != null && k.getKind().buildsIndex()) {
                    cat.removeIndex(t.getName().getSchema(), k.getUsingIndex() != null ? k.getUsingIndex() : k.getName());
                }
                break;
            }
            case RENAME_CONSTRAINT: {
                RenameConstraint r = (RenameConstraint) c;
                TableDef t = tableFor(r.getTable());
                ConstraintDef k = t.removeConstraint(r.getConstraintName());
                if (k != null) {
                    t.putConstraint(k.withName(r.getNewName()));
                }
                break;
            }
            case CREATE_INDEX: {
                CreateIndex ci = (CreateIndex) c;
                IndexSpec s = ci.getIndex();
                String name = s.getName() != null ? s.getName() : generatedIndexName(ci.getTable(), s.getColumns());
                if (ci.isIfNotExists() && cat.index(ci.getTable().getSchema(), name) != null) {
                    break;
                }
                tableFor(ci.getTable());
                cat.putIndex(new IndexDef(name, ci.getTable(), s.getColumns(), s.isUnique(), s.getWhere(), s.getMethod(),
                        !ci.isOnly()).withOptions(statementOptions(ci)));
                break;
            }
            case DROP_INDEX: {
                DropIndex d = (DropIndex) c;
                String n = d.getIndexName();
                int dot = n.lastIndexOf('.');
                cat.removeIndex(dot < 0 ? null : n.substring(0, dot), dot < 0 ? n : n.substring(dot + 1));
                break;
            }
            case ALTER_INDEX: {
                AlterIndex a = (AlterIndex) c;
                if (a.getAction().equals("rename")) {
                    IndexDef i = cat.removeIndex(null, a.getIndexName());
                    if (i != null) {
                        cat.putIndex(i.withName(a.getValue()));
                    }
                } else {
                    alterIndexOption(a);
                }
                break;
            }
            case CREATE_TYPE: cat.putType(((CreateType) c).getType().copy()); break;
            case ALTER_TYPE: alterType((AlterType) c); break;
            case DROP_TYPE: cat.removeType(((DropType) c).getTypeName()); break;
            case OTHER_DDL: otherDdl((OtherDdl) c); break;
            default:
                break;
        }
    }

    private void createTable(CreateTable ct, String migration, int tx) {
        if (ct.isIfNotExists() && cat.hasTable(ct.getTable())) {
            return;
        }
        TableDef t = new TableDef(ct.getTable());
        t.setCreated(migration, tx);
        t.getOptions().putAll(ct.getTableOptions());
        t.setPartitionBy(ct.getPartitionBy());
        t.setPartitionOf(ct.getPartitionOf());
        cat.putTable(t);
        if (ct.getPartitionOf() != null) {
            TableDef parent = cat.table(ct.getPartitionOf());
            if (parent != null) {
                for (ColumnDef c : parent.getColumns()) {
                    t.putColumn(c);
                }
            }
            if ("DEFAULT".equals(ct.getTableOptions().get("partition_bound"))) {
                tableFor(ct.getPartitionOf()).getOptions().put("default_partition", ct.getTable().toString());
            }
        }
        for (ColumnSpec c : ct.getColumns()) {
            if (c.getName().startsWith("*like*")) {
                TableDef src = cat.table(c.getReferences());
                if (src != null) {
                    for (ColumnDef d : src.getColumns()) {
                        t.putColumn(d);
                    }
                }
                continue;
            }
            putColumn(t, c, migration, tx);
        }
        for (ConstraintSpec k : ct.getConstraints()) {
            addConstraint(t, k, migration, tx);
        }
    }

    private void addColumn(AddColumn a, String migration, int tx) {
        TableDef t = tableFor(a.getTable());
        if (a.isIfNotExists() && t.hasColumn(a.getColumn().getName())) {
            return;
        }
        putColumn(t, a.getColumn(), migration, tx);
    }

    /** The options the statement wrote (dialect facts, named {@code dialect.fact}, are left out). */
    private static Map<String, String> statementOptions(Change c) {
        Map<String, String> out = new java.util.TreeMap<>();
        c.getOptions().forEach((k, v) -> {
            if (!k.contains(".") && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** MongoDB collMod index changes: a TTL added or changed, an index hidden or shown again. */
    private void alterIndexOption(AlterIndex a) {
        IndexDef i = cat.index(a.getTable() == null ? null : a.getTable().getSchema(), a.getIndexName());
        if (i == null) {
            return;
        }
        Map<String, String> o = new java.util.TreeMap<>(i.getOptions());
        switch (a.getAction()) {
            case "ttl": o.put("expireAfterSeconds", a.getValue()); break;
            case "hide": o.put("hidden", "true"); break;
            case "unhide": o.remove("hidden"); break;
            default: return;
        }
        cat.putIndex(i.withOptions(o));
    }

    private void putColumn(TableDef t, ColumnSpec c, String migration, int tx) {
        ColumnDef existing = t.column(c.getName());
        boolean nullable = !c.isNotNull();
        if (existing != null && c.getType() == null) {
            t.putColumn(existing.withNullable(nullable));
        } else {
            String def = c.getDefaultExpr();
            if (def == null && c.isSerial()) {
                def = "nextval('" + t.getName().getName() + "_" + c.getName() + "_seq'::regclass)";
            }
            t.putColumn(new ColumnDef(c.getName(), c.getType(), nullable, def, c.isGeneratedColumn(), c.isIdentity()));
        }
        String tn = t.getName().getName();
        if (c.isPrimaryKey()) {
            addConstraint(t, new ConstraintSpec(tn + "_pkey", ConstraintKind.PRIMARY_KEY, List.of(c.getName()), null,
                    null, null, false, null, null, null, false), migration, tx);
        }
        if (c.isUnique()) {
            addConstraint(t, new ConstraintSpec(tn + "_" + c.getName() + "_key", ConstraintKind.UNIQUE,
                    List.of(c.getName()), null, null, null, false, null, null, null, false), migration, tx);
        }
        if (c.getReferences() != null) {
            addConstraint(t, new ConstraintSpec(tn + "_" + c.getName() + "_fkey", ConstraintKind.FOREIGN_KEY,
                    List.of(c.getName()), null, c.getReferences(), c.getReferencesColumns(), false, null,
                    c.getReferencesOnDelete(), null, false), migration, tx);
        }
        if (c.getCheck() != null) {
            addConstraint(t, new ConstraintSpec(tn + "_" + c.getName() + "_check", ConstraintKind.CHECK,
                    List.of(c.getName()), c.getCheck(), null, null, false, null, null, null, false), migration, tx);
        }
    }

    private void addConstraint(TableDef t, ConstraintSpec k, String migration, int tx) {
        String name = k.getName() != null ? k.getName() : generatedConstraintName(t.getName(), k);
        List<String> cols = k.getColumns();
        if (k.isUsingIndex()) {
            IndexDef idx = cat.index(t.getName().getSchema(), k.getUsingIndex());
            if (idx != null) {
                cols = idx.getColumns();
                cat.removeIndex(t.getName().getSchema(), k.getUsingIndex());
                cat.putIndex(idx.withName(name));
            }
        }
        t.putConstraint(new ConstraintDef(name, k.getKind(), cols, k.getExpression(), k.getRefTable(), k.getRefColumns(),
                !k.isNotValid() && !k.isNotEnforced(), k.getOnDelete(), k.getUsingIndex(), migration, tx));
        if (k.getKind() == ConstraintKind.PRIMARY_KEY || (k.getKind() == ConstraintKind.NOT_NULL && !k.isNotValid())) {
            for (String col : cols) {
                ColumnDef d = t.column(col);
                if (d != null) {
                    t.putColumn(d.withNullable(false));
                }
            }
        }
        if (k.getKind().buildsIndex() && !k.isUsingIndex()) {
            cat.putIndex(new IndexDef(name, t.getName(), cols, k.getKind() != ConstraintKind.EXCLUDE, null, null, true));
        }
    }

    static String generatedConstraintName(QualifiedName table, ConstraintSpec k) {
        String cols = String.join("_", k.getColumns());
        switch (k.getKind()) {
            case PRIMARY_KEY: return table.getName() + "_pkey";
            case UNIQUE: return table.getName() + "_" + cols + "_key";
            case FOREIGN_KEY: return table.getName() + "_" + cols + "_fkey";
            case EXCLUDE: return table.getName() + "_excl";
            case NOT_NULL: return table.getName() + "_" + cols + "_not_null";
            default: return table.getName() + (cols.isEmpty() ? "" : "_" + cols) + "_check";
        }
    }

    static String generatedIndexName(QualifiedName table, List<String> cols) {
        List<String> parts = new ArrayList<>();
        for (String c : cols) {
            parts.add(c.replaceAll("[^A-Za-z0-9_]", ""));
        }
        return table.getName() + "_" + String.join("_", parts) + "_idx";
    }

    private void dropColumn(DropColumn d) {
        TableDef t = tableFor(d.getTable());
        t.removeColumn(d.getColumnName());
        for (ConstraintDef k : new ArrayList<>(t.getConstraints())) {
            if (k.getColumns().stream().anyMatch(x -> x.equalsIgnoreCase(d.getColumnName()))) {
                t.removeConstraint(k.getName());
            }
        }
        for (IndexDef i : cat.indexesOf(t.getName())) {
            if (i.getColumns().stream().anyMatch(x -> x.equalsIgnoreCase(d.getColumnName()))) {
                cat.removeIndex(t.getName().getSchema(), i.getName());
            }
        }
    }

    private void renameIndexColumns(QualifiedName table, String from, String to) {
        for (IndexDef i : cat.indexesOf(table)) {
            List<String> cols = new ArrayList<>(i.getColumns());
            cols.replaceAll(x -> x.equalsIgnoreCase(from) ? to : x);
            if (!cols.equals(i.getColumns())) {
                cat.putIndex(i.withColumns(cols));
            }
        }
    }

    private void setNullable(QualifiedName table, String column, boolean nullable) {
        TableDef t = tableFor(table);
        ColumnDef col = t.column(column);
        if (col != null) {
            t.putColumn(col.withNullable(nullable));
        }
    }

    private void alterType(AlterType a) {
        TypeDef t = cat.type(a.getTypeName());
        if (t == null) {
            return;
        }
        if (a.getAction().equals("add_value") && t.getKind() == TypeDef.Kind.ENUM) {
            List<String> labels = t.getLabels();
            if (labels.contains(a.getValue())) {
                return;
            }
            int at = labels.size();
            if (a.getBefore() != null && labels.contains(a.getBefore())) {
                at = labels.indexOf(a.getBefore());
            } else if (a.getAfter() != null && labels.contains(a.getAfter())) {
                at = labels.indexOf(a.getAfter()) + 1;
            }
            labels.add(at, a.getValue());
        } else if (a.getAction().equals("rename_value") && a.getValue() != null) {
            String[] p = a.getValue().split(" -> ", 2);
            int i = t.getLabels().indexOf(p[0]);
            if (i >= 0 && p.length == 2) {
                t.getLabels().set(i, p[1]);
            }
        } else if (a.getAction().equals("add_constraint") && a.getValue() != null) {
            t.getChecks().add(a.getValue());
        }
    }

    private void otherDdl(OtherDdl o) {
        String name = o.getName();
        if (name == null) {
            return;
        }
        switch (o.getObjectKind() + " " + o.getAction()) {
            case "SCHEMA CREATE":
                cat.putSchema(name);
                break;
            case "SCHEMA DROP":
                cat.dropSchema(name);
                break;
            case "VIEW CREATE": case "VIEW REPLACE": case "MATERIALIZED_VIEW CREATE": {
                QualifiedName q = parse(name);
                if (!cat.hasTable(q)) {
                    TableDef v = cat.putTable(new TableDef(q));
                    v.setKind(o.getObjectKind().equals("VIEW") ? TableDef.Kind.VIEW : TableDef.Kind.MATERIALIZED_VIEW);
                }
                break;
            }
            case "VIEW DROP": case "MATERIALIZED_VIEW DROP":
                cat.dropTable(parse(name));
                break;
            default:
                break;
        }
    }

    private static QualifiedName parse(String dotted) {
        int dot = dotted.lastIndexOf('.');
        return dot < 0 ? QualifiedName.of(dotted) : new QualifiedName(dotted.substring(0, dot), dotted.substring(dot + 1));
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
