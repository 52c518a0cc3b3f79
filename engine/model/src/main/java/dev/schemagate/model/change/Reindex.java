package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** REINDEX [ (options) ] INDEX|TABLE|SCHEMA|DATABASE|SYSTEM name [CONCURRENTLY]. */
public final class Reindex extends Change {
    private final String target;
    private final String name;
    private final boolean concurrently;

    public Reindex(Statement statement, QualifiedName table, String target, String name, boolean concurrently) {
        super(statement, table);
        this.target = target;
        this.name = name;
        this.concurrently = concurrently;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.REINDEX;
    }

    @Override
    public String describe() {
        return "reindex " + target.toLowerCase() + " " + name;
    }

    /** INDEX, TABLE, SCHEMA, DATABASE or SYSTEM. */
    public String getTarget() {
        return target;
    }

    public String getName() {
        return name;
    }

    public boolean isConcurrently() {
        return concurrently;
    }

}
