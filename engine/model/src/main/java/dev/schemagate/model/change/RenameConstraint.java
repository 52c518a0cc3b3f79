package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE ... RENAME CONSTRAINT. */
public final class RenameConstraint extends Change {
    private final String constraintName;
    private final String newName;

    public RenameConstraint(Statement statement, QualifiedName table, String constraintName, String newName) {
        super(statement, table);
        this.constraintName = constraintName;
        this.newName = newName;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.RENAME_CONSTRAINT;
    }

    @Override
    public String describe() {
        return "rename constraint " + constraintName + " on " + getTable();
    }

    public String getConstraintName() {
        return constraintName;
    }

    public String getNewName() {
        return newName;
    }

}
