package dev.schemagate.rules.mongodb;

import dev.schemagate.rules.common.MigrationUnit;

/** Rule unit of the MongoDB pack; its DRL files declare {@code unit MongoUnit;}. */
public class MongoUnit extends MigrationUnit {
}
