package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** TRUNCATE of one table. */
public final class TruncateTable extends Change {
    private final boolean cascade;

    public TruncateTable(Statement statement, QualifiedName table, boolean cascade) {
        super(statement, table);
        this.cascade = cascade;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.TRUNCATE_TABLE;
    }

    @Override
    public String describe() {
        return "truncate " + getTable();
    }

    public boolean isCascade() {
        return cascade;
    }

}
