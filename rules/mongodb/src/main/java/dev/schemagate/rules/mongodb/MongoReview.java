package dev.schemagate.rules.mongodb;

import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.review.ReviewedTable;
import dev.schemagate.rules.common.CatalogReview.Hit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MongoDB facts about a collection of the replayed state, for the design-review rules: its validator (the CHECK
 * constraint named {@code validator}, whose expression is the validator document as the migration wrote it), the
 * validation level and action in force, and its indexes with their options (TTL, sparse, hidden, collation).
 */
public final class MongoReview {
    /** Index options that make an index do something its keys alone do not say. */
    private static final List<String> SPECIAL = List.of("expireAfterSeconds", "sparse", "hidden", "collation",
            "wildcardProjection");

    private MongoReview() {
    }

    static String coll(ReviewedTable t) {
        return "db.getCollection(\"" + t.getTableName().replace("\"", "\\\"") + "\")";
    }

    /** The collection was created by the history (createCollection), so what it lacks is known. */
    public static boolean created(ReviewedTable t) {
        return !"true".equals(t.getTable().getOptions().get("assumed"));
    }

    /** The validator document as written, or null when the collection has none (or an empty one). */
    public static String validator(ReviewedTable t) {
        for (ConstraintDef k : t.constraintsOf(ConstraintKind.CHECK)) {
            if ("validator".equals(k.getName()) && k.getExpression() != null
                    && !k.getExpression().replaceAll("\\s+", "").equals("{}")) {
                return k.getExpression();
            }
        }
        return null;
    }

    public static boolean missingValidator(ReviewedTable t) {
        return created(t) && validator(t) == null;
    }

    public static String level(ReviewedTable t) {
        String l = t.getTable().getOptions().get("validationLevel");
        return l == null ? "strict" : l;
    }

    public static String action(ReviewedTable t) {
        String a = t.getTable().getOptions().get("validationAction");
        return a == null ? "error" : a;
    }

    /** A validator is in place, but the level or action in force lets invalid documents through. */
    public static boolean notEnforced(ReviewedTable t) {
        return validator(t) != null && (!List.of("strict", "constraint").contains(level(t))
                || !List.of("error", "errorAndLog").contains(action(t)));
    }

    public static String notEnforcedMessage(ReviewedTable t) {
        List<String> what = new ArrayList<>();
        if (level(t).equals("off")) {
            what.add("validationLevel off: the validator is not applied at all");
        } else if (level(t).equals("moderate")) {
            what.add("validationLevel moderate: updates of documents that are already invalid are not checked");
        } else if (!List.of("strict", "constraint").contains(level(t))) {
            what.add("validationLevel " + level(t));
        }
        if (action(t).equals("warn")) {
            what.add("validationAction warn: invalid inserts and updates are written, with a line in the server log");
        } else if (!List.of("error", "errorAndLog").contains(action(t))) {
            what.add("validationAction " + action(t));
        }
        return t.getName() + " has a validator, but the state the migrations leave has " + String.join(", and ", what)
                + ". That is the staged way to introduce a validator; left in place, the schema the validator states is"
                + " not one the data follows";
    }

    public static String enforce(ReviewedTable t) {
        return "// 1. count what the validator would reject (must be 0 before enforcing)\n"
                + coll(t) + ".countDocuments({ $nor: [ db.getCollectionInfos({ name: \"" + t.getTableName()
                + "\" })[0].options.validator ] })\n"
                + "// 2. then enforce it\n"
                + "db.runCommand({ collMod: \"" + t.getTableName() + "\", validationLevel: \"strict\", validationAction: \"error\" })";
    }

    public static String addValidator(ReviewedTable t) {
        return "db.runCommand({\n  collMod: \"" + t.getTableName() + "\",\n  validator: { $jsonSchema: {\n"
                + "    bsonType: \"object\",\n    required: [ /* the fields every document has */ ],\n"
                + "    properties: { /* field: { bsonType: \"string\", maxLength: 200 } */ }\n  } },\n"
                + "  validationLevel: \"moderate\", validationAction: \"warn\"  // first: log what does not match\n})\n"
                + "// fix or migrate the documents the log names, then: validationLevel \"strict\", validationAction \"error\"";
    }

    // ------------------------------------------------------------------ indexes

    private static String kind(IndexDef i) {
        return i.getMethod() == null ? "ordered" : i.getMethod().toLowerCase(Locale.ROOT);
    }

    private static boolean special(IndexDef i) {
        for (String o : SPECIAL) {
            if (i.option(o) != null && !"false".equals(i.option(o))) {
                return true;
            }
        }
        return i.isPartial() || i.getColumns().stream().anyMatch(c -> c.contains("$**"));
    }

    private static boolean prefix(List<String> a, List<String> b) {
        return a.size() <= b.size() && b.subList(0, a.size()).equals(a);
    }

    /**
     * Indexes another makes unnecessary: same keys (a duplicate) or keys that lead a longer compound index of the same
     * kind. Unique, TTL, sparse, partial, hidden, collation and wildcard indexes do something their keys do not say and
     * are never reported, nor is any index compared with one of them.
     */
    public static List<Hit> redundantIndexes(ReviewedTable t) {
        List<Hit> out = new ArrayList<>();
        Set<String> reported = new LinkedHashSet<>();
        List<IndexDef> idx = t.getIndexes();
        for (IndexDef a : idx) {
            if (a.isUnique() || special(a) || a.getColumns().isEmpty()) {
                continue;
            }
            for (IndexDef b : idx) {
                if (a == b || special(b) || !kind(a).equals(kind(b)) || reported.contains(b.getName())
                        || !prefix(a.getColumns(), b.getColumns())) {
                    continue;
                }
                boolean same = a.getColumns().equals(b.getColumns());
                if (same && !b.isUnique() && a.getName().compareTo(b.getName()) < 0) {
                    continue; // two identical indexes: report the later name
                }
                out.add(new Hit("Index " + a.getName() + " on " + t.getName() + " (" + String.join(", ", a.getColumns())
                        + ") " + (same ? "duplicates " + b.getName() : "is a prefix of " + b.getName() + " ("
                        + String.join(", ", b.getColumns()) + "), which serves the same queries")
                        + ": every insert, delete and update of its fields writes both, and both compete for the"
                        + " WiredTiger cache", a.getColumns(), a.getName()));
                reported.add(a.getName());
                break;
            }
        }
        return out;
    }

    public static String dropIndex(ReviewedTable t, String index) {
        String q = "\"" + index.replace("\"", "\\\"") + "\"";
        return "// hide it first (4.4+): the planner stops using it, writes keep it up to date, unhideIndex undoes it\n"
                + coll(t) + ".hideIndex(" + q + ")\n"
                + "// watch $indexStats and the slow query log, then\n"
                + coll(t) + ".dropIndex(" + q + ")";
    }

    // ------------------------------------------------------------------ arrays in the validator

    /** Array fields of the validator's $jsonSchema (at any depth) without maxItems, as dotted paths. */
    public static List<String> unboundedArrays(ReviewedTable t) {
        List<String> out = new ArrayList<>();
        String v = validator(t);
        if (v == null) {
            return out;
        }
        Object doc = Doc.parse(v);
        if (doc instanceof Map && ((Map<?, ?>) doc).get("$jsonSchema") instanceof Map) {
            walk((Map<?, ?>) ((Map<?, ?>) doc).get("$jsonSchema"), "", out);
        }
        return out;
    }

    private static void walk(Map<?, ?> schema, String path, List<String> out) {
        Object type = schema.get("bsonType") != null ? schema.get("bsonType") : schema.get("type");
        boolean array = "array".equals(type) || (type instanceof List && ((List<?>) type).contains("array"));
        if (array && !path.isEmpty() && schema.get("maxItems") == null) {
            out.add(path);
        }
        if (schema.get("properties") instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) schema.get("properties")).entrySet()) {
                if (e.getValue() instanceof Map) {
                    walk((Map<?, ?>) e.getValue(), path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(), out);
                }
            }
        }
        if (schema.get("items") instanceof Map) {
            walk((Map<?, ?>) schema.get("items"), path + ".$", out);
        }
    }

    public static String boundArrays(ReviewedTable t, List<String> paths) {
        return "// give each array a bound the application guarantees, e.g. in the validator:\n"
                + "//   " + paths.get(0).replace(".$", "") + ": { bsonType: \"array\", maxItems: 100 }\n"
                + "// and find the documents already past it:\n"
                + coll(t) + ".countDocuments({ \"" + paths.get(0).replace(".$", "") + ".100\": { $exists: true } })\n"
                + "// or move the elements to their own collection, one document each, referencing this one";
    }

    /**
     * Reads the validator as the MongoDB reader renders it: {@code { key: value, "quoted key": value }}, arrays, strings,
     * numbers, booleans and null. Anything else (a regex, {@code ObjectId(...)}) is kept as its text.
     */
    static final class Doc {
        private final String s;
        private int i;

        private Doc(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            try {
                return new Doc(text).value();
            } catch (RuntimeException e) {
                return null; // not a document this reader knows: no array facts
            }
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = s.charAt(i) == '"' ? string() : word();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                        continue;
                    }
                    expect('}');
                    return m;
                }
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i) == ',') {
                        i++;
                        continue;
                    }
                    expect(']');
                    return l;
                }
            }
            if (c == '"') {
                return string();
            }
            return raw();
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("expected " + c + " at " + i);
            }
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                b.append(c == '\\' ? s.charAt(i++) : c);
            }
            i++;
            return b.toString();
        }

        private String word() {
            int from = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                i++;
            }
            if (from == i) {
                throw new IllegalArgumentException("expected a key at " + i);
            }
            return s.substring(from, i);
        }

        /** A number, literal or unknown text up to the next , } or ] outside brackets. */
        private Object raw() {
            int from = i;
            int depth = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (depth == 0 && (c == ',' || c == '}' || c == ']')) {
                    break;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                }
                i++;
            }
            String w = s.substring(from, i).trim();
            switch (w) {
                case "true": return Boolean.TRUE;
                case "false": return Boolean.FALSE;
                case "null": return null;
                default: return w;
            }
        }
    }
}
