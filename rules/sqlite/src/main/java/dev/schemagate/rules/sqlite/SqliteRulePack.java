package dev.schemagate.rules.sqlite;

import dev.schemagate.rules.common.DroolsRulePack;
import java.util.List;

/** The built-in SQLite rules. */
public final class SqliteRulePack extends DroolsRulePack<SqliteUnit> {
    @Override
    public String id() {
        return "sqlite";
    }

    @Override
    public List<String> dialects() {
        return List.of("sqlite");
    }

    @Override
    protected SqliteUnit newUnit() {
        return new SqliteUnit();
    }
}
