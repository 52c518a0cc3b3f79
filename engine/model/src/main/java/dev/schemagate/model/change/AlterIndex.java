package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER INDEX: rename, attach partition, set tablespace or storage. */
public final class AlterIndex extends Change {
    private final String indexName;
    private final String action;
    private final String value;

    public AlterIndex(Statement statement, QualifiedName table, String indexName, String action, String value) {
        super(statement, table);
        this.indexName = indexName;
        this.action = action;
        this.value = value;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.ALTER_INDEX;
    }

    @Override
    public String describe() {
        return "alter index " + indexName + " " + action;
    }

    public String getIndexName() {
        return indexName;
    }

    public String getAction() {
        return action;
    }

    public String getValue() {
        return value;
    }

}
