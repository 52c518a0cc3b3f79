package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** INSERT, UPDATE, DELETE, MERGE, COPY or SELECT INTO on a table. */
public final class DataChange extends Change {
    private final String operation;
    private final boolean hasWhere;
    private final boolean fromQuery;
    private final java.util.List<String> setColumns;

    public DataChange(Statement statement, QualifiedName table, String operation, boolean hasWhere, boolean fromQuery) {
        this(statement, table, operation, hasWhere, fromQuery, null);
    }

    public DataChange(Statement statement, QualifiedName table, String operation, boolean hasWhere, boolean fromQuery,
                      java.util.List<String> setColumns) {
        super(statement, table);
        this.operation = operation;
        this.hasWhere = hasWhere;
        this.fromQuery = fromQuery;
        this.setColumns = setColumns == null ? java.util.List.of() : java.util.List.copyOf(setColumns);
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.DATA_CHANGE;
    }

    @Override
    public String describe() {
        return operation.toLowerCase() + " " + getTable();
    }

    /** INSERT, UPDATE, DELETE, MERGE, COPY, UPSERT. */
    public String getOperation() {
        return operation;
    }

    public boolean isHasWhere() {
        return hasWhere;
    }

    /** For UPDATE: the columns its SET clause assigns, in order, repeats kept (names normalised); empty otherwise. */
    public java.util.List<String> getSetColumns() {
        return setColumns;
    }

    /** INSERT ... SELECT or UPDATE ... FROM. */
    public boolean isFromQuery() {
        return fromQuery;
    }

    @Override
    public dev.schemagate.model.ChangeType getChangeType() {
        switch (operation) {
            case "INSERT": case "COPY": return dev.schemagate.model.ChangeType.ADDITIVE;
            case "DELETE": return dev.schemagate.model.ChangeType.DESTRUCTIVE;
            default: return dev.schemagate.model.ChangeType.TRANSFORMATIVE;
        }
    }

}
