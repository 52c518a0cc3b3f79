package dev.schemagate.rules.mysql;

import dev.schemagate.model.spi.RulePack;
import dev.schemagate.rules.testkit.RulePackTests;

/** Every case of the pack passes, every rule has its three files, and the unit was compiled at build time. */
class MysqlRulesTest extends RulePackTests {
    @Override
    protected RulePack pack() {
        return new MysqlRulePack();
    }

    @Override
    protected String generatedUnit() {
        return "dev.schemagate.rules.mysql.MysqlUnitRuleUnit";
    }
}
