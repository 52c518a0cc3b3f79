package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.ConstraintKind;
import java.util.List;

/** A table constraint as written in CREATE TABLE or ALTER TABLE ... ADD CONSTRAINT. */
public final class ConstraintSpec {
    private final String name;
    private final ConstraintKind kind;
    private final List<String> columns;
    private final String expression;
    private final QualifiedName refTable;
    private final List<String> refColumns;
    private final boolean notValid;
    private final String usingIndex;
    private final String onDelete;
    private final String onUpdate;
    private final boolean notEnforced;

    public ConstraintSpec(String name, ConstraintKind kind, List<String> columns, String expression,
                          QualifiedName refTable, List<String> refColumns, boolean notValid, String usingIndex,
                          String onDelete, String onUpdate, boolean notEnforced) {
        this.name = name;
        this.kind = kind;
        this.columns = columns == null ? List.of() : List.copyOf(columns);
        this.expression = expression;
        this.refTable = refTable;
        this.refColumns = refColumns == null ? List.of() : List.copyOf(refColumns);
        this.notValid = notValid;
        this.usingIndex = usingIndex;
        this.onDelete = onDelete;
        this.onUpdate = onUpdate;
        this.notEnforced = notEnforced;
    }

    /** The name as written, or null when the server will generate one. */
    public String getName() {
        return name;
    }

    public ConstraintKind getKind() {
        return kind;
    }

    public List<String> getColumns() {
        return columns;
    }

    public String getExpression() {
        return expression;
    }

    public QualifiedName getRefTable() {
        return refTable;
    }

    public List<String> getRefColumns() {
        return refColumns;
    }

    public boolean isNotValid() {
        return notValid;
    }

    public String getUsingIndex() {
        return usingIndex;
    }

    public boolean isUsingIndex() {
        return usingIndex != null;
    }

    public String getOnDelete() {
        return onDelete;
    }

    public String getOnUpdate() {
        return onUpdate;
    }

    public boolean isNotEnforced() {
        return notEnforced;
    }

    public boolean isCheck() {
        return kind == ConstraintKind.CHECK;
    }

    public boolean isForeignKey() {
        return kind == ConstraintKind.FOREIGN_KEY;
    }

    public boolean isUnique() {
        return kind == ConstraintKind.UNIQUE;
    }

    public boolean isPrimaryKey() {
        return kind == ConstraintKind.PRIMARY_KEY;
    }

    public boolean isExclude() {
        return kind == ConstraintKind.EXCLUDE;
    }

    @Override
    public String toString() {
        return kind + (name == null ? "" : " " + name) + columns;
    }
}
