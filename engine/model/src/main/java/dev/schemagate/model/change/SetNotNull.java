package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER COLUMN ... SET NOT NULL. */
public final class SetNotNull extends Change {
    private final String columnName;
    private boolean provenByCheck;
    private boolean alreadyNotNull;

    public SetNotNull(Statement statement, QualifiedName table, String columnName) {
        super(statement, table);
        this.columnName = columnName;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.SET_NOT_NULL;
    }

    @Override
    public String describe() {
        return "set not null on " + getTable() + "." + columnName;
    }

    public String getColumnName() {
        return columnName;
    }

    /** A validated CHECK (col IS NOT NULL) already proves it, so PostgreSQL 12+ skips the scan (set during replay). */
    public boolean isProvenByCheck() {
        return provenByCheck;
    }

    public void setProvenByCheck(boolean provenByCheck) {
        this.provenByCheck = provenByCheck;
    }

    /** The column is already NOT NULL (set during replay). */
    public boolean isAlreadyNotNull() {
        return alreadyNotNull;
    }

    public void setAlreadyNotNull(boolean alreadyNotNull) {
        this.alreadyNotNull = alreadyNotNull;
    }

}
