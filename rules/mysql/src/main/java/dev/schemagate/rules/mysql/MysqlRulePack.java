package dev.schemagate.rules.mysql;

import dev.schemagate.rules.common.DroolsRulePack;
import java.util.List;

/** The built-in MySQL and MariaDB rules (one pack; rules read the dialect and server version of each change). */
public final class MysqlRulePack extends DroolsRulePack<MysqlUnit> {
    @Override
    public String id() {
        return "mysql";
    }

    @Override
    public List<String> dialects() {
        return List.of("mysql", "mariadb");
    }

    @Override
    protected MysqlUnit newUnit() {
        return new MysqlUnit();
    }
}
