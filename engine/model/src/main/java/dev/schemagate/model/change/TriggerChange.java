package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** CREATE / DROP / ENABLE / DISABLE TRIGGER on a table. */
public final class TriggerChange extends Change {
    private final String triggerName;
    private final String action;

    public TriggerChange(Statement statement, QualifiedName table, String triggerName, String action) {
        super(statement, table);
        this.triggerName = triggerName;
        this.action = action;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.TRIGGER;
    }

    @Override
    public String describe() {
        return action + " trigger " + triggerName + " on " + getTable();
    }

    public String getTriggerName() {
        return triggerName;
    }

    /** Create, drop, enable, disable. */
    public String getAction() {
        return action;
    }

    @Override
    public dev.schemagate.model.ChangeType getChangeType() {
        return "create".equals(action) ? dev.schemagate.model.ChangeType.ADDITIVE : dev.schemagate.model.ChangeType.TRANSFORMATIVE;
    }

}
