package dev.schemagate.live.mongo;

import com.mongodb.MongoException;
import dev.schemagate.core.Settings;
import dev.schemagate.live.Introspection;
import dev.schemagate.model.Dialect;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * {@code check --db mongodb://...}: reads collections (with their validators and options), indexes, document
 * counts and sizes, and the server version, through a {@link MongoSession} (read commands only). Sizes come from
 * the {@code $collStats} stage ({@code storageStats.count} and {@code .size}), else from the {@code collStats}
 * command, else a {@code count} without size.
 */
public final class MongoIntrospector {
    private MongoIntrospector() {
    }

    public static Introspection read(MongoSession s, boolean withStats) {
        Document info = s.command(new Document("buildInfo", 1));
        String version = info.getString("version");
        List<MongoCatalog.Collection> colls = MongoCatalog.read(s::all);
        Map<String, Settings.TableStats> stats = new LinkedHashMap<>();
        if (withStats) {
            for (MongoCatalog.Collection c : colls) {
                if (!c.type().equals("view")) {
                    stats.put(c.name(), stats(s, c.name()));
                }
            }
        }
        return new Introspection(Dialect.MONGODB, version, "MongoDB " + version, MongoCatalog.script(colls),
                MongoCatalog.snapshot(colls), stats);
    }

    static Settings.TableStats stats(MongoSession s, String coll) {
        try {
            List<Document> r = s.all(new Document("aggregate", coll).append("pipeline",
                    List.of(new Document("$collStats", new Document("storageStats", new Document()))))
                    .append("cursor", new Document()));
            if (!r.isEmpty() && r.get(0).get("storageStats") instanceof Document st) {
                return new Settings.TableStats(num(st.get("count")), num(st.get("size")), null);
            }
        } catch (MongoException e) {
            // older servers and in-process substitutes lack $collStats: the collStats command below
        }
        try {
            Document st = s.command(new Document("collStats", coll));
            return new Settings.TableStats(num(st.get("count")), num(st.get("size")), null);
        } catch (MongoException e) {
            Document n = s.command(new Document("count", coll));
            return new Settings.TableStats(num(n.get("n")), null, null);
        }
    }

    private static Long num(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }
}
