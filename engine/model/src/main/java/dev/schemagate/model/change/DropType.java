package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** DROP TYPE or DROP DOMAIN. */
public final class DropType extends Change {
    private final QualifiedName typeName;
    private final boolean cascade;

    public DropType(Statement statement, QualifiedName table, QualifiedName typeName, boolean cascade) {
        super(statement, table);
        this.typeName = typeName;
        this.cascade = cascade;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.DROP_TYPE;
    }

    @Override
    public String describe() {
        return "drop type " + typeName;
    }

    public QualifiedName getTypeName() {
        return typeName;
    }

    public boolean isCascade() {
        return cascade;
    }

}
