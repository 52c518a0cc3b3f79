package dev.schemagate.rules.postgres;

import dev.schemagate.rules.common.DroolsRulePack;
import java.util.List;

/** The built-in PostgreSQL rules. */
public final class PostgresRulePack extends DroolsRulePack<PostgresUnit> {
    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public List<String> dialects() {
        return List.of("postgres");
    }

    @Override
    protected PostgresUnit newUnit() {
        return new PostgresUnit();
    }
}
