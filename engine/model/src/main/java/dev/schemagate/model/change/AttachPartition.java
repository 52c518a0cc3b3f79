package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE parent ATTACH PARTITION child FOR VALUES ... (or DEFAULT). */
public final class AttachPartition extends Change {
    private final QualifiedName partition;
    private final String bound;
    private final boolean defaultPartition;

    public AttachPartition(Statement statement, QualifiedName table, QualifiedName partition, String bound, boolean defaultPartition) {
        super(statement, table);
        this.partition = partition;
        this.bound = bound;
        this.defaultPartition = defaultPartition;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.ATTACH_PARTITION;
    }

    @Override
    public String describe() {
        return "attach partition " + partition + " to " + getTable();
    }

    public QualifiedName getPartition() {
        return partition;
    }

    public String getBound() {
        return bound;
    }

    public boolean isDefaultPartition() {
        return defaultPartition;
    }

}
