package dev.schemagate.rules.sqlite;

import dev.schemagate.rules.common.MigrationUnit;

/** Rule unit of the SQLite pack; its DRL files declare {@code unit SqliteUnit;}. */
public class SqliteUnit extends MigrationUnit {
}
