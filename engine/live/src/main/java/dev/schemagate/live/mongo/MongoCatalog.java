package dev.schemagate.live.mongo;

import dev.schemagate.live.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * A MongoDB database as catalog commands show it ({@code listCollections}, {@code listIndexes}), as a
 * {@link Snapshot} and as a mongosh script the MongoDB reader replays into the catalog. Snapshot objects are
 * {@code collection NAME} (type and every option; validators flattened so each {@code $jsonSchema} keyword is an
 * attribute of its own, e.g. {@code validator.$jsonSchema.properties.email.bsonType}) and
 * {@code index COLLECTION.NAME} (key and every option).
 */
public final class MongoCatalog {
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    /** The collections and their indexes. */
    public record Collection(String name, String type, Document options, List<Document> indexes) {
    }

    private MongoCatalog() {
    }

    /**
     * Reads the catalog through {@code cursor}, which runs a cursor command and returns every document (the
     * read-only session's {@link MongoSession#all}, or a writable database in verify). System collections are left
     * out.
     */
    public static List<Collection> read(Function<Document, List<Document>> cursor) {
        List<Document> colls = cursor.apply(new Document("listCollections", 1).append("cursor", new Document()));
        colls.sort((a, b) -> a.getString("name").compareTo(b.getString("name")));
        java.util.ArrayList<Collection> out = new java.util.ArrayList<>();
        for (Document c : colls) {
            String name = c.getString("name");
            if (name.startsWith("system.")) {
                continue;
            }
            String type = c.getString("type") == null ? "collection" : c.getString("type");
            Document options = c.get("options", Document.class) == null ? new Document() : c.get("options", Document.class);
            List<Document> indexes = List.of();
            if (!type.equals("view")) {
                indexes = cursor.apply(new Document("listIndexes", name).append("cursor", new Document()));
                indexes.sort((a, b) -> a.getString("name").compareTo(b.getString("name")));
            }
            out.add(new Collection(name, type, options, indexes));
        }
        return out;
    }

    public static Snapshot snapshot(List<Collection> colls) {
        Snapshot s = new Snapshot();
        for (Collection c : colls) {
            String o = "collection " + c.name();
            s.put(o, "type", c.type());
            flatten(s, o, "", c.options());
            for (Document ix : c.indexes()) {
                String io = "index " + c.name() + "." + ix.getString("name");
                s.put(io, null, null);
                for (Map.Entry<String, Object> e : ix.entrySet()) {
                    if (!e.getKey().equals("v") && !e.getKey().equals("ns") && !e.getKey().equals("name")) {
                        s.put(io, e.getKey(), value(e.getValue()));
                    }
                }
            }
        }
        return s;
    }

    private static void flatten(Snapshot s, String object, String prefix, Document d) {
        for (Map.Entry<String, Object> e : d.entrySet()) {
            if (e.getKey().equals("uuid")) {
                continue;
            }
            if (e.getValue() instanceof Document sub && !sub.isEmpty()) {
                flatten(s, object, prefix + e.getKey() + ".", sub);
            } else if (!(e.getValue() instanceof Document)) {
                s.put(object, prefix + e.getKey(), value(e.getValue()));
            }
        }
    }

    /** A value as the snapshot and messages show it: strings as they are, everything else as relaxed JSON. */
    static String value(Object v) {
        if (v instanceof String str) {
            return str;
        }
        if (v == null) {
            return "null";
        }
        return json(new Document("v", v)).replaceFirst("^\\{\"v\": ", "").replaceFirst("}$", "");
    }

    static String json(Document d) {
        return d.toJson(JSON);
    }

    private static String str(String s) {
        return json(new Document("s", s)).replaceFirst("^\\{\"s\": ", "").replaceFirst("}$", "");
    }

    /** The collections and indexes as a mongosh script (the MongoDB reader's input). */
    public static String script(List<Collection> colls) {
        StringBuilder sb = new StringBuilder("// schema read from the live database by SchemaGate\n");
        for (Collection c : colls) {
            if (c.type().equals("view")) {
                sb.append("db.createView(").append(str(c.name())).append(", ")
                        .append(str(String.valueOf(c.options().get("viewOn")))).append(", ")
                        .append(value(c.options().get("pipeline") == null ? List.of() : c.options().get("pipeline")))
                        .append(");\n");
                continue;
            }
            Document opts = new Document(c.options());
            opts.remove("uuid");
            sb.append("db.createCollection(").append(str(c.name()));
            if (!opts.isEmpty()) {
                sb.append(", ").append(json(opts));
            }
            sb.append(");\n");
            for (Document ix : c.indexes()) {
                if (ix.getString("name").equals("_id_")) {
                    continue;
                }
                Document o = new Document(ix);
                Object key = o.remove("key");
                o.remove("v");
                o.remove("ns");
                sb.append("db.getCollection(").append(str(c.name())).append(").createIndex(").append(value(key))
                        .append(", ").append(json(o)).append(");\n");
            }
        }
        return sb.toString();
    }
}
