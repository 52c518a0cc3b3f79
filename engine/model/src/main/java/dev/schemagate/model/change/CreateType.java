package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** CREATE TYPE (enum, composite, range) or CREATE DOMAIN. */
public final class CreateType extends Change {
    private final dev.schemagate.model.catalog.TypeDef type;

    public CreateType(Statement statement, QualifiedName table, dev.schemagate.model.catalog.TypeDef type) {
        super(statement, table);
        this.type = type;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.CREATE_TYPE;
    }

    @Override
    public String describe() {
        return "create " + type.getKind().name().toLowerCase() + " " + type.getName();
    }

    public dev.schemagate.model.catalog.TypeDef getType() {
        return type;
    }

    public boolean isDomainWithCheck() {
        return type.getKind() == dev.schemagate.model.catalog.TypeDef.Kind.DOMAIN && !type.getChecks().isEmpty();
    }

    public boolean isEnum() {
        return type.getKind() == dev.schemagate.model.catalog.TypeDef.Kind.ENUM;
    }

}
