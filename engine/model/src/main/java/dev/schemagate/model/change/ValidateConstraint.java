package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE ... VALIDATE CONSTRAINT. */
public final class ValidateConstraint extends Change {
    private final String constraintName;
    private dev.schemagate.model.catalog.ConstraintDef target;
    private boolean addedInSameTransaction;

    public ValidateConstraint(Statement statement, QualifiedName table, String constraintName) {
        super(statement, table);
        this.constraintName = constraintName;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.VALIDATE_CONSTRAINT;
    }

    @Override
    public String describe() {
        return "validate constraint " + constraintName + " on " + getTable();
    }

    public String getConstraintName() {
        return constraintName;
    }

    /** The constraint as the catalog knew it, or null (set during replay). */
    public dev.schemagate.model.catalog.ConstraintDef getTarget() {
        return target;
    }

    public void setTarget(dev.schemagate.model.catalog.ConstraintDef target) {
        this.target = target;
    }

    /** The constraint was added NOT VALID earlier in the same transaction (set during replay). */
    public boolean isAddedInSameTransaction() {
        return addedInSameTransaction;
    }

    public void setAddedInSameTransaction(boolean addedInSameTransaction) {
        this.addedInSameTransaction = addedInSameTransaction;
    }

}
