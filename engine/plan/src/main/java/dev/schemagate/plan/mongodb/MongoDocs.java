package dev.schemagate.plan.mongodb;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.TableDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MongoDB documents a plan works with, read back from the JavaScript text the reader keeps in its options
 * ({@code { status: { $exists: false } }}): filters, updates and {@code $jsonSchema} validators. Text that holds
 * run-time values ({@code new Date()}, {@code ObjectId(...)}) is not a plain document and reads as null.
 */
final class MongoDocs {
    private static final ObjectMapper JS = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private MongoDocs() {
    }

    /** The document, or null when the text is not a plain document. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> doc(String js) {
        if (js == null) {
            return null;
        }
        try {
            Object o = JS.readValue(js, Object.class);
            return o instanceof Map ? (Map<String, Object>) o : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The arguments of a call written as {@code db.getCollection("c").method(a, b)}, or null when they do not read. */
    static List<Object> args(String call) {
        int open = call.indexOf('(', call.indexOf(')') + 1);
        int close = call.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        try {
            Object o = JS.readValue("[" + call.substring(open + 1, close) + "]", Object.class);
            return o instanceof List ? (List<Object>) o : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static final Pattern COLLECTION = Pattern.compile("^\\s*db\\.getCollection\\(\"([^\"]+)\"\\)\\.(\\w+)\\(");

    /** The collection and method of a generated call, or null. */
    static String[] call(String js) {
        Matcher m = COLLECTION.matcher(js);
        return m.find() ? new String[] {m.group(1), m.group(2)} : null;
    }

    /** The top-level fields a filter names (inside {@code $and}, {@code $or}, {@code $nor}; not inside {@code $jsonSchema}). */
    static Set<String> filterFields(Object filter) {
        Set<String> out = new LinkedHashSet<>();
        filterFields(filter, out);
        return out;
    }

    private static void filterFields(Object f, Set<String> out) {
        if (f instanceof List) {
            for (Object x : (List<?>) f) {
                filterFields(x, out);
            }
        } else if (f instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) f).entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("$and") || k.equals("$or") || k.equals("$nor")) {
                    filterFields(e.getValue(), out);
                } else if (!k.startsWith("$")) {
                    out.add(top(k));
                }
            }
        }
    }

    /** The top-level fields an update document writes ({@code $set: {a: 1}}, {@code $unset: {b: ""}}, ...). */
    static Set<String> updateFields(Object update) {
        Set<String> out = new LinkedHashSet<>();
        if (update instanceof Map) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) update).entrySet()) {
                if (String.valueOf(e.getKey()).startsWith("$") && e.getValue() instanceof Map) {
                    for (Object k : ((Map<?, ?>) e.getValue()).keySet()) {
                        out.add(top(String.valueOf(k)));
                    }
                }
            }
        }
        return out;
    }

    private static String top(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    /** The {@code $jsonSchema} of a validator, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> schema(Map<String, Object> validator) {
        Object s = validator == null ? null : validator.get("$jsonSchema");
        return s instanceof Map ? (Map<String, Object>) s : null;
    }

    static List<String> required(Map<String, Object> validator) {
        List<String> out = new ArrayList<>();
        Map<String, Object> s = schema(validator);
        if (s != null && s.get("required") instanceof List) {
            for (Object o : (List<?>) s.get("required")) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    /** Properties of a validator's {@code $jsonSchema}, in order (empty when it has none). */
    static Map<String, Object> properties(Map<String, Object> validator) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> s = schema(validator);
        if (s != null && s.get("properties") instanceof Map) {
            ((Map<?, ?>) s.get("properties")).forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    /** The validator the catalog holds for a collection (the text of its {@code validator} constraint), or null. */
    static String validatorText(TableDef t) {
        ConstraintDef c = t == null ? null : t.constraint("validator");
        return c == null ? null : c.getExpression();
    }

    /**
     * The fields a collection is known to have: its validator's properties and the columns the reader made of them,
     * plus {@code _id}; empty when nothing describes its documents (then nothing can be checked).
     */
    static Set<String> knownFields(TableDef t) {
        Set<String> out = new LinkedHashSet<>();
        if (t == null) {
            return out;
        }
        for (ColumnDef c : t.getColumns()) {
            out.add(c.getName());
        }
        Map<String, Object> v = doc(validatorText(t));
        if (v != null) {
            out.addAll(properties(v).keySet());
            out.addAll(required(v));
        }
        if (!out.isEmpty()) {
            out.add("_id");
        }
        return out;
    }

    /** JavaScript text of a value (JSON is JavaScript; keys that are identifiers are written bare). */
    static String js(Object v) {
        StringBuilder sb = new StringBuilder();
        js(v, sb);
        return sb.toString();
    }

    private static void js(Object v, StringBuilder sb) {
        if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(first ? " " : ", ");
                first = false;
                String k = String.valueOf(e.getKey());
                sb.append(k.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? k : str(k)).append(": ");
                js(e.getValue(), sb);
            }
            sb.append(first ? "}" : " }");
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object x : (List<?>) v) {
                sb.append(first ? "" : ", ");
                first = false;
                js(x, sb);
            }
            sb.append(']');
        } else if (v instanceof String) {
            sb.append(str((String) v));
        } else {
            sb.append(v);
        }
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
