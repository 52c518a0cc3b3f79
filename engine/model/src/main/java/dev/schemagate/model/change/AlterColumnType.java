package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER COLUMN ... TYPE (or MySQL MODIFY/CHANGE that changes the type). */
public final class AlterColumnType extends Change {
    private final String columnName;
    private final dev.schemagate.model.catalog.ColumnType newType;
    private final String using;
    private dev.schemagate.model.catalog.ColumnDef before;
    private TypeChange typeChange = TypeChange.UNKNOWN;
    private final boolean notNull;
    private boolean hasCheckConstraints;
    private java.util.List<dev.schemagate.model.catalog.ConstraintDef> checkConstraints = java.util.List.of();

    public AlterColumnType(Statement statement, QualifiedName table, String columnName, dev.schemagate.model.catalog.ColumnType newType, String using, boolean notNull) {
        super(statement, table);
        this.columnName = columnName;
        this.newType = newType;
        this.using = using;
        this.notNull = notNull;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.ALTER_COLUMN_TYPE;
    }

    @Override
    public String describe() {
        return "change type of " + getTable() + "." + columnName + " to " + newType;
    }

    public String getColumnName() {
        return columnName;
    }

    public dev.schemagate.model.catalog.ColumnType getNewType() {
        return newType;
    }

    /** USING expression, or null. */
    public String getUsing() {
        return using;
    }

    /** The column before, or null when unknown (set during replay). */
    public dev.schemagate.model.catalog.ColumnDef getBefore() {
        return before;
    }

    public void setBefore(dev.schemagate.model.catalog.ColumnDef before) {
        this.before = before;
    }

    /** How the old and new types relate, worked out by the dialect (set during replay). */
    public TypeChange getTypeChange() {
        return typeChange;
    }

    public void setTypeChange(TypeChange typeChange) {
        this.typeChange = typeChange;
    }

    /**
     * The same statement also makes the column NOT NULL (MySQL MODIFY ... NOT NULL; PostgreSQL ALTER TABLE with both
     * ALTER COLUMN c TYPE and ALTER COLUMN c SET NOT NULL).
     */
    public boolean isNotNull() {
        return notNull;
    }

    /** The column appears in CHECK constraints that must be re-verified (set during replay). */
    public boolean isHasCheckConstraints() {
        return hasCheckConstraints;
    }

    public void setHasCheckConstraints(boolean hasCheckConstraints) {
        this.hasCheckConstraints = hasCheckConstraints;
    }

    /** The validated CHECK constraints that mention the column, re-verified by the type change (set during replay). */
    public java.util.List<dev.schemagate.model.catalog.ConstraintDef> getCheckConstraints() {
        return checkConstraints;
    }

    public void setCheckConstraints(java.util.List<dev.schemagate.model.catalog.ConstraintDef> checks) {
        this.checkConstraints = checks == null ? java.util.List.of() : java.util.List.copyOf(checks);
        this.hasCheckConstraints = !this.checkConstraints.isEmpty();
    }

    public boolean isTypeKnownBefore() {
        return before != null;
    }

    @Override
    public dev.schemagate.model.ChangeType getChangeType() {
        return typeChange == TypeChange.NARROWING || typeChange == TypeChange.INCOMPATIBLE
                ? dev.schemagate.model.ChangeType.DESTRUCTIVE : dev.schemagate.model.ChangeType.TRANSFORMATIVE;
    }

}
