package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE ... DROP CONSTRAINT. */
public final class DropConstraint extends Change {
    private final String constraintName;
    private final boolean ifExists;
    private final boolean cascade;
    private dev.schemagate.model.catalog.ConstraintDef target;

    public DropConstraint(Statement statement, QualifiedName table, String constraintName, boolean ifExists, boolean cascade) {
        super(statement, table);
        this.constraintName = constraintName;
        this.ifExists = ifExists;
        this.cascade = cascade;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.DROP_CONSTRAINT;
    }

    @Override
    public String describe() {
        return "drop constraint " + constraintName + " on " + getTable();
    }

    public String getConstraintName() {
        return constraintName;
    }

    public boolean isIfExists() {
        return ifExists;
    }

    public boolean isCascade() {
        return cascade;
    }

    /** The constraint as the catalog knew it, or null (set during replay). */
    public dev.schemagate.model.catalog.ConstraintDef getTarget() {
        return target;
    }

    public void setTarget(dev.schemagate.model.catalog.ConstraintDef target) {
        this.target = target;
    }

}
