package dev.schemagate.model.change;

import dev.schemagate.model.ChangeType;

/** Every kind of change the shared model knows, with the classification it gets unless a rule says otherwise. */
public enum ChangeKind {
    CREATE_TABLE(ChangeType.ADDITIVE),
    DROP_TABLE(ChangeType.DESTRUCTIVE),
    RENAME_TABLE(ChangeType.TRANSFORMATIVE),
    TRUNCATE_TABLE(ChangeType.DESTRUCTIVE),
    ALTER_TABLE_OPTION(ChangeType.TRANSFORMATIVE),
    ATTACH_PARTITION(ChangeType.TRANSFORMATIVE),
    DETACH_PARTITION(ChangeType.TRANSFORMATIVE),
    ADD_COLUMN(ChangeType.ADDITIVE),
    DROP_COLUMN(ChangeType.DESTRUCTIVE),
    RENAME_COLUMN(ChangeType.TRANSFORMATIVE),
    ALTER_COLUMN_TYPE(ChangeType.TRANSFORMATIVE),
    SET_NOT_NULL(ChangeType.TRANSFORMATIVE),
    DROP_NOT_NULL(ChangeType.TRANSFORMATIVE),
    SET_DEFAULT(ChangeType.TRANSFORMATIVE),
    DROP_DEFAULT(ChangeType.TRANSFORMATIVE),
    SET_EXPRESSION(ChangeType.TRANSFORMATIVE),
    ALTER_COLUMN_OPTION(ChangeType.TRANSFORMATIVE),
    ADD_CONSTRAINT(ChangeType.TRANSFORMATIVE),
    VALIDATE_CONSTRAINT(ChangeType.TRANSFORMATIVE),
    DROP_CONSTRAINT(ChangeType.TRANSFORMATIVE),
    RENAME_CONSTRAINT(ChangeType.TRANSFORMATIVE),
    CREATE_INDEX(ChangeType.ADDITIVE),
    DROP_INDEX(ChangeType.TRANSFORMATIVE),
    REINDEX(ChangeType.NONE),
    ALTER_INDEX(ChangeType.TRANSFORMATIVE),
    CREATE_TYPE(ChangeType.ADDITIVE),
    ALTER_TYPE(ChangeType.TRANSFORMATIVE),
    DROP_TYPE(ChangeType.DESTRUCTIVE),
    DATA_CHANGE(ChangeType.TRANSFORMATIVE),
    SET_SETTING(ChangeType.NONE),
    TRANSACTION(ChangeType.NONE),
    MAINTENANCE(ChangeType.NONE),
    LOCK_TABLE(ChangeType.NONE),
    TRIGGER(ChangeType.TRANSFORMATIVE),
    OTHER_DDL(ChangeType.TRANSFORMATIVE),
    PROCEDURAL(ChangeType.TRANSFORMATIVE),
    UNPARSED(ChangeType.DESTRUCTIVE),
    REVERSIBILITY(ChangeType.NONE);

    private final ChangeType defaultType;

    ChangeKind(ChangeType defaultType) {
        this.defaultType = defaultType;
    }

    public ChangeType defaultType() {
        return defaultType;
    }
}
