package dev.schemagate.rules.core;

import dev.schemagate.model.spi.RulePack;
import dev.schemagate.rules.testkit.RulePackTests;

/** Every case of the pack passes, every rule has its three files, and the unit was compiled at build time. */
class CoreRulesTest extends RulePackTests {
    @Override
    protected RulePack pack() {
        return new CoreRulePack();
    }

    @Override
    protected String generatedUnit() {
        return "dev.schemagate.rules.core.CoreUnitRuleUnit";
    }
}
