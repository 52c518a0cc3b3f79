package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** CREATE [UNIQUE] INDEX [CONCURRENTLY] (or MySQL ALTER TABLE ... ADD INDEX). */
public final class CreateIndex extends Change {
    private final IndexSpec index;
    private final boolean concurrently;
    private final boolean ifNotExists;
    private final boolean only;
    private boolean partitionedTable;

    public CreateIndex(Statement statement, QualifiedName table, IndexSpec index, boolean concurrently, boolean ifNotExists, boolean only) {
        super(statement, table);
        this.index = index;
        this.concurrently = concurrently;
        this.ifNotExists = ifNotExists;
        this.only = only;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.CREATE_INDEX;
    }

    @Override
    public String describe() {
        return "create index " + (index.getName() == null ? "" : index.getName() + " ") + "on " + getTable();
    }

    public IndexSpec getIndex() {
        return index;
    }

    public boolean isConcurrently() {
        return concurrently;
    }

    public boolean isIfNotExists() {
        return ifNotExists;
    }

    /** ON ONLY parent (partitioned index created invalid). */
    public boolean isOnly() {
        return only;
    }

    /** The table is partitioned (set during replay). */
    public boolean isPartitionedTable() {
        return partitionedTable;
    }

    public void setPartitionedTable(boolean partitionedTable) {
        this.partitionedTable = partitionedTable;
    }

    public boolean isUnique() {
        return index.isUnique();
    }

}
