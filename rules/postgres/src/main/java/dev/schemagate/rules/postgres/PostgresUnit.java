package dev.schemagate.rules.postgres;

import dev.schemagate.rules.common.MigrationUnit;

/** Rule unit of the PostgreSQL pack; its DRL files declare {@code unit PostgresUnit;}. */
public class PostgresUnit extends MigrationUnit {
}
