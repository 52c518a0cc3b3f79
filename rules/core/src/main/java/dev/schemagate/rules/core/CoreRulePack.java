package dev.schemagate.rules.core;

import dev.schemagate.rules.common.DroolsRulePack;
import java.util.List;

/** Rules that judge what no dialect could read, and suppression comments. */
public final class CoreRulePack extends DroolsRulePack<CoreUnit> {
    @Override
    public String id() {
        return "core";
    }

    @Override
    public List<String> dialects() {
        return List.of("any");
    }

    @Override
    protected CoreUnit newUnit() {
        return new CoreUnit();
    }
}
