package dev.schemagate.rules.mysql;

import dev.schemagate.rules.common.MigrationUnit;

/** Rule unit of the MySQL/MariaDB pack; its DRL files declare {@code unit MysqlUnit;}. */
public class MysqlUnit extends MigrationUnit {
}
