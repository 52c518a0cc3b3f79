package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, SAVEPOINT, RELEASE. */
public final class TransactionControl extends Change {
    private final String operation;

    public TransactionControl(Statement statement, QualifiedName table, String operation) {
        super(statement, table);
        this.operation = operation;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.TRANSACTION;
    }

    @Override
    public String describe() {
        return operation.toLowerCase();
    }

    /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO. */
    public String getOperation() {
        return operation;
    }

}
