package dev.schemagate.live.verify;

import dev.schemagate.core.input.SourceFile;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pairs each up migration with its down migration. This is the one place verify decides pairing, so that it can
 * be swapped for the history work's pairing once that lands: the key is the migration id Discovery gives
 * (golang-migrate version, popx version_name, diesel folder, Flyway version without its V/U prefix, a plain
 * {@code name.up.sql}/{@code name.down.sql} stem) together with the file's dialect.
 */
public final class MigrationPairs {
    /** An up migration and its down migration (null when there is none), in the order the tool applies ups. */
    public record Pair(SourceFile up, SourceFile down) {
    }

    private MigrationPairs() {
    }

    public static List<Pair> pair(List<SourceFile> files) {
        Map<String, SourceFile> ups = new LinkedHashMap<>();
        Map<String, SourceFile> downs = new LinkedHashMap<>();
        for (SourceFile f : files) {
            Migration m = f.getMigration();
            String k = key(m);
            if (m.getDirection() == Migration.Direction.DOWN) {
                downs.putIfAbsent(k, f);
            } else {
                ups.putIfAbsent(k, f);
            }
        }
        List<Pair> out = new ArrayList<>();
        ups.forEach((k, up) -> out.add(new Pair(up, downs.get(k))));
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
