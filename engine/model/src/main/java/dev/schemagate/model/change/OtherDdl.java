package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** DDL the model keeps only by object kind and action: views, functions, extensions, schemas, sequences, grants, comments, databases. */
public final class OtherDdl extends Change {
    private final String objectKind;
    private final String action;
    private final String name;
    private final boolean cascade;

    public OtherDdl(Statement statement, QualifiedName table, String objectKind, String action, String name, boolean cascade) {
        super(statement, table);
        this.objectKind = objectKind;
        this.action = action;
        this.name = name;
        this.cascade = cascade;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.OTHER_DDL;
    }

    @Override
    public String describe() {
        return action.toLowerCase() + " " + objectKind.toLowerCase().replace('_', ' ') + (name == null ? "" : " " + name);
    }

    /** VIEW, MATERIALIZED_VIEW, FUNCTION, PROCEDURE, EXTENSION, SCHEMA, SEQUENCE, GRANT, COMMENT, DATABASE, POLICY, ROLE, .... */
    public String getObjectKind() {
        return objectKind;
    }

    /** CREATE, DROP, ALTER, RENAME, REPLACE, GRANT, REVOKE, COMMENT. */
    public String getAction() {
        return action;
    }

    public String getName() {
        return name;
    }

    public boolean isCascade() {
        return cascade;
    }

    @Override
    public dev.schemagate.model.ChangeType getChangeType() {
        switch (action) {
            case "CREATE": case "GRANT": case "COMMENT": return dev.schemagate.model.ChangeType.ADDITIVE;
            case "META": case "SELECT": return dev.schemagate.model.ChangeType.NONE;
            case "DROP": return dev.schemagate.model.ChangeType.DESTRUCTIVE;
            default: return dev.schemagate.model.ChangeType.TRANSFORMATIVE;
        }
    }

}
