package dev.schemagate.live.verify;

import dev.schemagate.core.input.SourceFile;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.core.history.Pairing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pairs each up migration with its down migration the way {@code check} and {@code audit} do
 * ({@link dev.schemagate.core.history.Pairing}: by version or name, per tool and dialect). {@link #key} names a
 * migration for {@code --from}: the migration id Discovery gives (golang-migrate version, popx version_name, diesel
 * folder, Flyway version without its V/U prefix, a plain file's stem) together with the file's dialect.
 */
public final class MigrationPairs {
    /** An up migration and its down migration (null when there is none), in the order the tool applies ups. */
    public record Pair(SourceFile up, SourceFile down) {
    }

    private MigrationPairs() {
    }

    public static List<Pair> pair(List<SourceFile> files) {
        List<Migration> downMigrations = new ArrayList<>();
        Map<Migration, SourceFile> byMigration = new IdentityHashMap<>();
        for (SourceFile f : files) {
            byMigration.put(f.getMigration(), f);
            if (f.getMigration().getDirection() == Migration.Direction.DOWN) {
                downMigrations.add(f.getMigration());
            }
        }
        Pairing pairing = new Pairing(downMigrations);
        Set<String> seen = new HashSet<>();
        List<Pair> out = new ArrayList<>();
        for (SourceFile f : files) {
            Migration m = f.getMigration();
            if (m.getDirection() != Migration.Direction.DOWN && seen.add(key(m))) {
                Migration d = pairing.downOf(m);
                out.add(new Pair(f, d == null ? null : byMigration.get(d)));
            }
        }
        return out;
    }

    static String key(Migration m) {
        String id = m.getId();
        if ("flyway".equals(m.getTool()) && !id.isEmpty()) {
            id = id.substring(1);
        } else if ("plain".equals(m.getTool())) {
            String lower = id.toLowerCase(Locale.ROOT);
            for (String suffix : new String[] {".down.sql", ".up.sql", ".sql"}) {
                if (lower.endsWith(suffix)) {
                    id = id.substring(0, id.length() - suffix.length());
                    break;
                }
            }
            String parent = m.getPath().contains("/") ? m.getPath().substring(0, m.getPath().lastIndexOf('/') + 1) : "";
            id = parent + id;
        }
        Dialect d = m.getDialect();
        return (d == null ? "" : d.id()) + "\u0000" + m.getTool() + "\u0000" + id;
    }
}
