package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** VACUUM [FULL], CLUSTER, ANALYZE, REFRESH MATERIALIZED VIEW [CONCURRENTLY], OPTIMIZE TABLE. */
public final class Maintenance extends Change {
    private final String operation;
    private final boolean concurrently;

    public Maintenance(Statement statement, QualifiedName table, String operation, boolean concurrently) {
        super(statement, table);
        this.operation = operation;
        this.concurrently = concurrently;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.MAINTENANCE;
    }

    @Override
    public String describe() {
        return operation.toLowerCase().replace('_', ' ') + (getTable() == null ? "" : " " + getTable());
    }

    /** VACUUM, VACUUM_FULL, CLUSTER, ANALYZE, REFRESH_MATVIEW, OPTIMIZE, REPACK. */
    public String getOperation() {
        return operation;
    }

    public boolean isConcurrently() {
        return concurrently;
    }

}
