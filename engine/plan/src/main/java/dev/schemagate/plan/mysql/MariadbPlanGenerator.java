package dev.schemagate.plan.mysql;

import dev.schemagate.model.Dialect;

/**
 * MariaDB plans: the MySQL generator with MariaDB's version facts (INSTANT ADD COLUMN from 10.3.2, INSTANT DROP
 * COLUMN from 10.4) and its statement timeout ({@code SET STATEMENT max_statement_time=N FOR ...} bounds every
 * backfill batch, where MySQL's max_execution_time only bounds SELECTs).
 */
public final class MariadbPlanGenerator extends MysqlPlanGenerator {
    @Override
    public Dialect dialect() {
        return Dialect.MARIADB;
    }

    @Override
    boolean mariadb() {
        return true;
    }
}
