package dev.schemagate.live.verify;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import dev.schemagate.live.Snapshot;
import dev.schemagate.live.mongo.MongoTarget;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * A MongoDB database as a verify {@link Target}. Seeding fills a collection with generated documents that satisfy
 * its {@code $jsonSchema} validator where it has one (every property of a known {@code bsonType}, the first values of
 * an {@code enum}, required properties always set) and that differ in every field, so unique indexes accept them.
 */
final class MongoVerifyTarget implements Target {
    private static final long EPOCH = 1_704_067_200_000L; // 2024-01-01T00:00:00Z, so runs give the same documents

    private final MongoTarget target;
    private final Map<String, String> notes = new LinkedHashMap<>();
    /** Fields the migration indexes, per collection: seeded with distinct values so a unique index build can pass. */
    private final Map<String, Set<String>> keyFields = new LinkedHashMap<>();

    MongoVerifyTarget(MongoTarget target) {
        this.target = target;
    }

    @Override
    public Snapshot snapshot() {
        return target.snapshot();
    }

    @Override
    public Runner.Applied apply(Migration m, List<Statement> stmts, boolean trace) {
        return target.apply(stmts);
    }

    @Override
    public List<String> prepare(List<Statement> up) {
        Set<String> created = new LinkedHashSet<>();
        Set<String> need = new LinkedHashSet<>();
        for (Statement st : up) {
            String c = target.collectionOf(st);
            if (c != null && !c.startsWith("system.")) {
                if (target.creates(st)) {
                    created.add(c);
                } else if (!created.contains(c)) {
                    need.add(c);
                }
            }
        }
        Set<String> have = new LinkedHashSet<>();
        target.database().listCollectionNames().forEach(have::add);
        List<String> out = new ArrayList<>();
        for (String c : need) {
            if (!have.contains(c)) {
                target.database().createCollection(c);
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public List<String> touched(Snapshot s, List<Statement> stmts) {
        Set<String> out = new LinkedHashSet<>();
        for (Statement st : stmts) {
            String c = target.collectionOf(st);
            if (c != null) {
                keyFields.computeIfAbsent(c, k -> new LinkedHashSet<>()).addAll(target.indexFields(st));
            }
            if (c != null && s.has("collection " + c) && "collection".equals(s.get("collection " + c, "type"))) {
                out.add(c);
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public void seed(String coll, int rows) {
        if (notes.containsKey(coll)) {
            return;
        }
        MongoDatabase db = target.database();
        try {
            long have = db.getCollection(coll).countDocuments();
            if (have >= rows) {
                notes.put(coll, "already had " + have + " documents");
                return;
            }
            Document info = db.listCollections().filter(new Document("name", coll)).first();
            Document options = info == null ? new Document() : info.get("options", new Document());
            Document schema = options.get("validator") instanceof Document v && v.get("$jsonSchema") instanceof Document js
                    ? js : null;
            List<Document> batch = new ArrayList<>();
            Set<String> keys = keyFields.getOrDefault(coll, Set.of());
            for (long i = have; i < rows; i++) {
                Document d = document(schema, i);
                for (String k : keys) {
                    if (!k.contains(".") && !k.startsWith("$") && !d.containsKey(k)) {
                        d.append(k, k + "-" + i);
                    }
                }
                batch.add(d);
                if (batch.size() == 1000) {
                    db.getCollection(coll).insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                db.getCollection(coll).insertMany(batch);
            }
            notes.put(coll, "seeded " + (rows - have) + " documents (" + rows + " in all)"
                    + (schema == null ? "" : ", shaped by its $jsonSchema validator"));
        } catch (MongoException e) {
            notes.put(coll, "not seeded: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /** Document number {@code i}: every property the schema types, with values unique per document. */
    static Document document(Document schema, long i) {
        Document d = new Document("sg_seq", i);
        if (schema == null || !(schema.get("properties") instanceof Document props)) {
            return d;
        }
        for (Map.Entry<String, Object> e : props.entrySet()) {
            if (e.getKey().equals("_id") || !(e.getValue() instanceof Document spec)) {
                continue;
            }
            Object v = value(e.getKey(), spec, i);
            if (v != null) {
                d.append(e.getKey(), v);
            }
        }
        return d;
    }

    private static Object value(String name, Document spec, long i) {
        if (spec.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get((int) (i % values.size()));
        }
        Object t = spec.get("bsonType") != null ? spec.get("bsonType") : spec.get("type");
        if (t instanceof List<?> l) {
            t = l.stream().filter(x -> !"null".equals(x)).findFirst().orElse(null);
        }
        if (!(t instanceof String type)) {
            return name + "-" + i;
        }
        return switch (type) {
            case "string" -> name + "-" + i;
            case "int" -> (int) i;
            case "long", "integer" -> i;
            case "double", "number" -> i + 0.5;
            case "decimal" -> new Decimal128(i);
            case "bool", "boolean" -> i % 2 == 0;
            case "date", "timestamp" -> new java.util.Date(EPOCH + i * 1000);
            case "objectId" -> new ObjectId(new java.util.Date(EPOCH), (int) (i & 0xffffff));
            case "object" -> spec.get("properties") instanceof Document ? document(spec, i) : new Document("n", i);
            case "array" -> List.of(name + "-" + i);
            default -> null;
        };
    }

    @Override
    public void empty() {
        for (Map.Entry<String, String> e : notes.entrySet()) {
            if (e.getValue().startsWith("seeded")) {
                target.database().getCollection(e.getKey()).deleteMany(new Document());
            }
        }
        notes.values().removeIf(n -> n.startsWith("seeded"));
    }

    @Override
    public Map<String, String> seedNotes() {
        return notes;
    }
}
