package dev.schemagate.rules.mongodb;

import dev.schemagate.rules.common.DroolsRulePack;
import java.util.List;

/** The built-in MongoDB rules. */
public final class MongoRulePack extends DroolsRulePack<MongoUnit> {
    @Override
    public String id() {
        return "mongodb";
    }

    @Override
    public List<String> dialects() {
        return List.of("mongodb");
    }

    @Override
    protected MongoUnit newUnit() {
        return new MongoUnit();
    }
}
