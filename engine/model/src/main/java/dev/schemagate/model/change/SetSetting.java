package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** SET / SET LOCAL / RESET of a session setting such as lock_timeout. */
public final class SetSetting extends Change {
    private final String name;
    private final String value;
    private final Long millis;
    private final boolean local;

    public SetSetting(Statement statement, QualifiedName table, String name, String value, Long millis, boolean local) {
        super(statement, table);
        this.name = name;
        this.value = value;
        this.millis = millis;
        this.local = local;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.SET_SETTING;
    }

    @Override
    public String describe() {
        return "set " + name;
    }

    public String getName() {
        return name;
    }

    /** As written, or null for RESET. */
    public String getValue() {
        return value;
    }

    /** The value as milliseconds for time settings, or null. */
    public Long getMillis() {
        return millis;
    }

    public boolean isLocal() {
        return local;
    }

}
