package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE ... ADD [CONSTRAINT] ... (CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY, EXCLUDE, NOT NULL). */
public final class AddConstraint extends Change {
    private final ConstraintSpec constraint;
    private boolean columnsNullable;
    private final boolean inlineWithColumn;

    public AddConstraint(Statement statement, QualifiedName table, ConstraintSpec constraint, boolean inlineWithColumn) {
        super(statement, table);
        this.constraint = constraint;
        this.inlineWithColumn = inlineWithColumn;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.ADD_CONSTRAINT;
    }

    @Override
    public String describe() {
        return "add " + constraint.getKind().name().toLowerCase().replace('_', ' ') + " constraint on " + getTable();
    }

    public ConstraintSpec getConstraint() {
        return constraint;
    }

    /** For PRIMARY KEY: some key column is not yet NOT NULL, so the server sets it and scans (set during replay). */
    public boolean isColumnsNullable() {
        return columnsNullable;
    }

    public void setColumnsNullable(boolean columnsNullable) {
        this.columnsNullable = columnsNullable;
    }

    /** Declared inline in an ADD COLUMN. */
    public boolean isInlineWithColumn() {
        return inlineWithColumn;
    }

    public dev.schemagate.model.catalog.ConstraintKind getConstraintKind() {
        return constraint.getKind();
    }

    public boolean isNotValid() {
        return constraint.isNotValid();
    }

}
