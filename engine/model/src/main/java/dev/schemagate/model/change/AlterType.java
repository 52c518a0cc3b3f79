package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TYPE (enum ADD VALUE / RENAME VALUE, composite changes) or ALTER DOMAIN. */
public final class AlterType extends Change {
    private final QualifiedName typeName;
    private final String action;
    private final String value;
    private final String before;
    private final String after;
    private final boolean ifNotExists;
    private final boolean domain;
    private boolean typeInUse;
    private dev.schemagate.model.catalog.TypeDef typeBefore;
    private boolean createdInMigration;
    private java.util.List<String> usedBy = java.util.List.of();

    public AlterType(Statement statement, QualifiedName table, QualifiedName typeName, String action, String value, String before, String after, boolean ifNotExists, boolean domain) {
        super(statement, table);
        this.typeName = typeName;
        this.action = action;
        this.value = value;
        this.before = before;
        this.after = after;
        this.ifNotExists = ifNotExists;
        this.domain = domain;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.ALTER_TYPE;
    }

    @Override
    public String describe() {
        return "alter type " + typeName + " " + action;
    }

    public QualifiedName getTypeName() {
        return typeName;
    }

    /** Add_value, rename_value, add_constraint, rename, other. */
    public String getAction() {
        return action;
    }

    public String getValue() {
        return value;
    }

    /** BEFORE label, or null. */
    public String getBefore() {
        return before;
    }

    /** AFTER label, or null. */
    public String getAfter() {
        return after;
    }

    public boolean isIfNotExists() {
        return ifNotExists;
    }

    public boolean isDomain() {
        return domain;
    }

    /** A column of a known table uses this type (set during replay). */
    public boolean isTypeInUse() {
        return typeInUse;
    }

    public void setTypeInUse(boolean typeInUse) {
        this.typeInUse = typeInUse;
    }

    /** The type as the catalog knew it before this change, or null when unknown (set during replay). */
    public dev.schemagate.model.catalog.TypeDef getTypeBefore() {
        return typeBefore;
    }

    public void setTypeBefore(dev.schemagate.model.catalog.TypeDef typeBefore) {
        this.typeBefore = typeBefore;
    }

    public boolean isTypeKnown() {
        return typeBefore != null;
    }

    /** The type was created earlier in the same migration file (set during replay). */
    public boolean isCreatedInMigration() {
        return createdInMigration;
    }

    public void setCreatedInMigration(boolean createdInMigration) {
        this.createdInMigration = createdInMigration;
    }

    /** The columns of known tables that use this type, as "table.column" (set during replay). */
    public java.util.List<String> getUsedBy() {
        return usedBy;
    }

    public void setUsedBy(java.util.List<String> usedBy) {
        this.usedBy = usedBy == null ? java.util.List.of() : java.util.List.copyOf(usedBy);
    }

    /** The enum's labels before this change, or an empty list when unknown. */
    public java.util.List<String> getLabelsBefore() {
        return typeBefore == null || typeBefore.getLabels() == null ? java.util.List.of() : typeBefore.getLabels();
    }

    public boolean isPositioned() {
        return before != null || after != null;
    }

    @Override
    public dev.schemagate.model.ChangeType getChangeType() {
        return "add_value".equals(action) ? dev.schemagate.model.ChangeType.ADDITIVE : dev.schemagate.model.ChangeType.TRANSFORMATIVE;
    }

}
