package dev.schemagate.model.catalog;

import dev.schemagate.model.QualifiedName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * A table (or MongoDB collection) in the replayed catalog. Column order is declaration order. Lookups are
 * case-insensitive because every dialect's reader already normalises names.
 */
public final class TableDef {
    public enum Kind { TABLE, VIEW, MATERIALIZED_VIEW, COLLECTION }

    private QualifiedName name;
    private Kind kind = Kind.TABLE;
    private final LinkedHashMap<String, ColumnDef> columns = new LinkedHashMap<>();
    private final LinkedHashMap<String, ConstraintDef> constraints = new LinkedHashMap<>();
    private final Map<String, String> options = new TreeMap<>();
    private String createdIn;
    private int createdTx = -1;
    private String partitionBy;
    private QualifiedName partitionOf;
    private Long rows;
    private Long bytes;
    private Double writesPerSecond;

    public TableDef(QualifiedName name) {
        this.name = name;
    }

    public TableDef copy() {
        TableDef t = new TableDef(name);
        t.kind = kind;
        t.columns.putAll(columns);
        t.constraints.putAll(constraints);
        t.options.putAll(options);
        t.createdIn = createdIn;
        t.createdTx = createdTx;
        t.partitionBy = partitionBy;
        t.partitionOf = partitionOf;
        t.rows = rows;
        t.bytes = bytes;
        t.writesPerSecond = writesPerSecond;
        return t;
    }

    public QualifiedName getName() {
        return name;
    }

    void setName(QualifiedName n) {
        this.name = n;
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    private static String k(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    public Collection<ColumnDef> getColumns() {
        return columns.values();
    }

    public List<String> columnNames() {
        List<String> out = new ArrayList<>();
        for (ColumnDef c : columns.values()) {
            out.add(c.getName());
        }
        return out;
    }

    public ColumnDef column(String n) {
        return n == null ? null : columns.get(k(n));
    }

    public boolean hasColumn(String n) {
        return column(n) != null;
    }

    public void putColumn(ColumnDef c) {
        columns.put(k(c.getName()), c);
    }

    public ColumnDef removeColumn(String n) {
        return columns.remove(k(n));
    }

    /** Renames a column in place, keeping its position. */
    public void renameColumn(String from, String to) {
        if (!columns.containsKey(k(from))) {
            return;
        }
        LinkedHashMap<String, ColumnDef> copy = new LinkedHashMap<>(columns);
        columns.clear();
        for (Map.Entry<String, ColumnDef> e : copy.entrySet()) {
            if (e.getKey().equals(k(from))) {
                columns.put(k(to), e.getValue().withName(to));
            } else {
                columns.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, ConstraintDef> e : new ArrayList<>(constraints.entrySet())) {
            List<String> cols = new ArrayList<>(e.getValue().getColumns());
            if (cols.stream().anyMatch(from::equalsIgnoreCase)) {
                cols.replaceAll(c -> c.equalsIgnoreCase(from) ? to : c);
                constraints.put(e.getKey(), e.getValue().withColumns(cols));
            }
        }
    }

    public Collection<ConstraintDef> getConstraints() {
        return constraints.values();
    }

    public ConstraintDef constraint(String n) {
        return n == null ? null : constraints.get(k(n));
    }

    public void putConstraint(ConstraintDef c) {
        constraints.put(k(c.getName()), c);
    }

    public ConstraintDef removeConstraint(String n) {
        return constraints.remove(k(n));
    }

    public List<ConstraintDef> constraintsOf(ConstraintKind kind) {
        List<ConstraintDef> out = new ArrayList<>();
        for (ConstraintDef c : constraints.values()) {
            if (c.getKind() == kind) {
                out.add(c);
            }
        }
        return out;
    }

    public ConstraintDef primaryKey() {
        List<ConstraintDef> pks = constraintsOf(ConstraintKind.PRIMARY_KEY);
        return pks.isEmpty() ? null : pks.get(0);
    }

    /** True when a validated constraint proves {@code column} holds no NULL. */
    public boolean notNullProven(String column) {
        for (ConstraintDef c : constraints.values()) {
            if (c.isValidated() && c.provesNotNull(column)) {
                return true;
            }
        }
        return false;
    }

    /** Dialect-specific table options (e.g. {@code strict}, {@code without_rowid}, {@code engine}, {@code charset}). */
    public Map<String, String> getOptions() {
        return options;
    }

    public String getCreatedIn() {
        return createdIn;
    }

    public int getCreatedTx() {
        return createdTx;
    }

    public void setCreated(String migrationPath, int tx) {
        this.createdIn = migrationPath;
        this.createdTx = tx;
    }

    public String getPartitionBy() {
        return partitionBy;
    }

    public void setPartitionBy(String partitionBy) {
        this.partitionBy = partitionBy;
    }

    public boolean isPartitioned() {
        return partitionBy != null;
    }

    public QualifiedName getPartitionOf() {
        return partitionOf;
    }

    public void setPartitionOf(QualifiedName partitionOf) {
        this.partitionOf = partitionOf;
    }

    /** Row count from a stats file or live database; null when unknown. */
    public Long getRows() {
        return rows;
    }

    public void setRows(Long rows) {
        this.rows = rows;
    }

    public Long getBytes() {
        return bytes;
    }

    public void setBytes(Long bytes) {
        this.bytes = bytes;
    }

    public Double getWritesPerSecond() {
        return writesPerSecond;
    }

    public void setWritesPerSecond(Double writesPerSecond) {
        this.writesPerSecond = writesPerSecond;
    }

    /** The Calcite row type of this table, every column nullable or not as declared. */
    public RelDataType rowType(RelDataTypeFactory f) {
        RelDataTypeFactory.Builder b = f.builder();
        for (ColumnDef c : columns.values()) {
            b.add(c.getName(), f.createTypeWithNullability(c.getType().getRelType(), c.isNullable()));
        }
        return b.build();
    }

    @Override
    public String toString() {
        return name + columns.values().toString();
    }
}
