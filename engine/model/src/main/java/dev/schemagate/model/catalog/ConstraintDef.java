package dev.schemagate.model.catalog;

import dev.schemagate.model.QualifiedName;
import java.util.List;

/**
 * A table constraint: its kind, columns, whether it is validated (PostgreSQL {@code NOT VALID}), and for a
 * foreign key the referenced table. {@code addedTx} identifies the transaction that added it (or -1), so rules
 * can tell a validation in the same transaction from one in a later migration.
 */
public final class ConstraintDef {
    private final String name;
    private final ConstraintKind kind;
    private final List<String> columns;
    private final String expression;
    private final QualifiedName refTable;
    private final List<String> refColumns;
    private final boolean validated;
    private final String onDelete;
    private final String usingIndex;
    private final String addedIn;
    private final int addedTx;

    public ConstraintDef(String name, ConstraintKind kind, List<String> columns, String expression,
                         QualifiedName refTable, List<String> refColumns, boolean validated, String onDelete,
                         String usingIndex, String addedIn, int addedTx) {
        this.name = name;
        this.kind = kind;
        this.columns = columns == null ? List.of() : List.copyOf(columns);
        this.expression = expression;
        this.refTable = refTable;
        this.refColumns = refColumns == null ? List.of() : List.copyOf(refColumns);
        this.validated = validated;
        this.onDelete = onDelete;
        this.usingIndex = usingIndex;
        this.addedIn = addedIn;
        this.addedTx = addedTx;
    }

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

    public boolean isValidated() {
        return validated;
    }

    public String getOnDelete() {
        return onDelete;
    }

    public String getUsingIndex() {
        return usingIndex;
    }

    /** Path of the migration that added the constraint, or null when it came from a prior schema. */
    public String getAddedIn() {
        return addedIn;
    }

    public int getAddedTx() {
        return addedTx;
    }

    public ConstraintDef validated() {
        return new ConstraintDef(name, kind, columns, expression, refTable, refColumns, true, onDelete, usingIndex,
                addedIn, addedTx);
    }

    public ConstraintDef withName(String n) {
        return new ConstraintDef(n, kind, columns, expression, refTable, refColumns, validated, onDelete, usingIndex,
                addedIn, addedTx);
    }

    public ConstraintDef withColumns(List<String> cols) {
        return new ConstraintDef(name, kind, cols, expression, refTable, refColumns, validated, onDelete, usingIndex,
                addedIn, addedTx);
    }

    /**
     * True when this is a CHECK that proves {@code column} is never null: its expression is exactly
     * {@code column IS NOT NULL} (parentheses and case ignored), possibly ANDed with other terms.
     */
    public boolean provesNotNull(String column) {
        if (kind == ConstraintKind.NOT_NULL) {
            return columns.contains(column);
        }
        if (kind != ConstraintKind.CHECK || expression == null) {
            return false;
        }
        String e = expression.replaceAll("[()\"`\\s]+", " ").trim().toLowerCase(java.util.Locale.ROOT);
        String c = column.toLowerCase(java.util.Locale.ROOT);
        for (String part : e.split(" and ")) {
            if (part.trim().equals(c + " is not null")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return kind + " " + name + columns + (validated ? "" : " NOT VALID");
    }
}
