package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** LOCK TABLE ... IN ... MODE. */
public final class LockTable extends Change {
    private final String mode;

    public LockTable(Statement statement, QualifiedName table, String mode) {
        super(statement, table);
        this.mode = mode;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.LOCK_TABLE;
    }

    @Override
    public String describe() {
        return "lock table " + getTable() + " in " + mode;
    }

    public String getMode() {
        return mode;
    }

}
