package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE parent DETACH PARTITION child [CONCURRENTLY | FINALIZE]. */
public final class DetachPartition extends Change {
    private final QualifiedName partition;
    private final boolean concurrently;
    private final boolean finalize;

    public DetachPartition(Statement statement, QualifiedName table, QualifiedName partition, boolean concurrently, boolean finalize) {
        super(statement, table);
        this.partition = partition;
        this.concurrently = concurrently;
        this.finalize = finalize;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.DETACH_PARTITION;
    }

    @Override
    public String describe() {
        return "detach partition " + partition + " from " + getTable();
    }

    public QualifiedName getPartition() {
        return partition;
    }

    public boolean isConcurrently() {
        return concurrently;
    }

    public boolean isFinalize() {
        return finalize;
    }

}
