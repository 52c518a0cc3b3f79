package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** CREATE TABLE, including CREATE TABLE ... AS, partitioned tables and partitions. */
public final class CreateTable extends Change {
    private final java.util.List<ColumnSpec> columns;
    private final java.util.List<ConstraintSpec> constraints;
    private final boolean ifNotExists;
    private final boolean temporary;
    private final boolean unlogged;
    private final String partitionBy;
    private final QualifiedName partitionOf;
    private final boolean asSelect;
    private final java.util.Map<String,String> tableOptions;

    public CreateTable(Statement statement, QualifiedName table, java.util.List<ColumnSpec> columns, java.util.List<ConstraintSpec> constraints, boolean ifNotExists, boolean temporary, boolean unlogged, String partitionBy, QualifiedName partitionOf, boolean asSelect, java.util.Map<String,String> tableOptions) {
        super(statement, table);
        this.columns = columns == null ? java.util.List.of() : java.util.List.copyOf(columns);
        this.constraints = constraints == null ? java.util.List.of() : java.util.List.copyOf(constraints);
        this.ifNotExists = ifNotExists;
        this.temporary = temporary;
        this.unlogged = unlogged;
        this.partitionBy = partitionBy;
        this.partitionOf = partitionOf;
        this.asSelect = asSelect;
        this.tableOptions = tableOptions == null ? java.util.Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tableOptions));
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.CREATE_TABLE;
    }

    @Override
    public String describe() {
        return "create table " + getTable();
    }

    public java.util.List<ColumnSpec> getColumns() {
        return columns;
    }

    public java.util.List<ConstraintSpec> getConstraints() {
        return constraints;
    }

    public boolean isIfNotExists() {
        return ifNotExists;
    }

    public boolean isTemporary() {
        return temporary;
    }

    public boolean isUnlogged() {
        return unlogged;
    }

    /** PARTITION BY clause, or null. */
    public String getPartitionBy() {
        return partitionBy;
    }

    /** Parent for CREATE TABLE ... PARTITION OF, or null. */
    public QualifiedName getPartitionOf() {
        return partitionOf;
    }

    /** CREATE TABLE ... AS SELECT: the table is filled from a query. */
    public boolean isAsSelect() {
        return asSelect;
    }

    /** Dialect options such as strict, without_rowid, engine, charset. */
    public java.util.Map<String,String> getTableOptions() {
        return tableOptions;
    }

}
