package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** DROP INDEX [CONCURRENTLY] of one index; the table comes from the catalog when known. */
public final class DropIndex extends Change {
    private final String indexName;
    private final boolean concurrently;
    private final boolean ifExists;
    private final boolean cascade;
    private dev.schemagate.model.catalog.IndexDef target;

    public DropIndex(Statement statement, QualifiedName table, String indexName, boolean concurrently, boolean ifExists, boolean cascade) {
        super(statement, table);
        this.indexName = indexName;
        this.concurrently = concurrently;
        this.ifExists = ifExists;
        this.cascade = cascade;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.DROP_INDEX;
    }

    @Override
    public String describe() {
        return "drop index " + indexName;
    }

    public String getIndexName() {
        return indexName;
    }

    public boolean isConcurrently() {
        return concurrently;
    }

    public boolean isIfExists() {
        return ifExists;
    }

    public boolean isCascade() {
        return cascade;
    }

    /** The index as the catalog knew it, or null (set during replay). */
    public dev.schemagate.model.catalog.IndexDef getTarget() {
        return target;
    }

    public void setTarget(dev.schemagate.model.catalog.IndexDef target) {
        this.target = target;
    }

}
