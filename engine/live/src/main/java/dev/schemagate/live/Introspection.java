package dev.schemagate.live;

import dev.schemagate.core.Settings;
import dev.schemagate.model.Dialect;
import java.util.Map;

/**
 * What a live database says about itself: its dialect and server version, its schema as DDL the dialect reader
 * replays into the catalog (so the catalog starts from reality, the same way {@code --schema FILE} seeds it),
 * the same schema as a {@link Snapshot} for comparisons, and row counts and sizes per table.
 */
public record Introspection(Dialect dialect, String version, String versionText, String ddl, Snapshot snapshot,
                            Map<String, Settings.TableStats> stats) {
}
