package dev.schemagate.rules.core;

import dev.schemagate.rules.common.MigrationUnit;

/** Rule unit of the core pack: rules that apply to every dialect. */
public class CoreUnit extends MigrationUnit {
}
