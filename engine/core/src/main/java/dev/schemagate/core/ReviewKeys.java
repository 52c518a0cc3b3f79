package dev.schemagate.core;

import dev.schemagate.model.review.ReviewPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The design-review settings of a {@code schemagate.yaml}: {@code review.embedding_dimension} (a number, or a
 * mapping of {@code table.column} to a number) and {@code require:}, the indexes and constraints each table must
 * have:
 * <pre>
 * require:
 *   users: {unique_index: [email], check: [status], index: [[org_id, created_at]], not_null: [email], primary_key: true}
 * </pre>
 * A list entry that is itself a list names the columns of one composite index.
 */
final class ReviewKeys {
    private ReviewKeys() {
    }

    @SuppressWarnings("unchecked")
    static void embedding(ReviewPolicy r, String key, Object v) {
        if (v instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                if (!e.getKey().contains(".")) {
                    throw SettingsKeys.bad(key + "." + e.getKey(), e.getKey(), "a table.column name");
                }
                r.getEmbeddingDimensions().put(e.getKey().toLowerCase(Locale.ROOT),
                        dimension(key + "." + e.getKey(), e.getValue()));
            }
            return;
        }
        r.setEmbeddingDimension(dimension(key, v));
    }

    private static int dimension(String key, Object v) {
        double d = SettingsKeys.number(key, v);
        if (d < 1 || d > 16000 || d != Math.rint(d)) {
            throw SettingsKeys.bad(key, v, "a whole number of dimensions between 1 and 16000");
        }
        return (int) d;
    }

    @SuppressWarnings("unchecked")
    static void require(ReviewPolicy r, Object v) {
        if (!(v instanceof Map)) {
            throw SettingsKeys.bad("require", v, "a mapping of table name to {unique_index, index, check, not_null,"
                    + " primary_key}");
        }
        for (Map.Entry<String, Object> t : ((Map<String, Object>) v).entrySet()) {
            String base = "require." + t.getKey();
            if (!(t.getValue() instanceof Map)) {
                throw SettingsKeys.bad(base, t.getValue(), "a mapping such as {unique_index: [email], check: [status]}");
            }
            ReviewPolicy.Requirement q = r.requirement(t.getKey());
            for (Map.Entry<String, Object> e : ((Map<String, Object>) t.getValue()).entrySet()) {
                String k = SettingsKeys.normalise(e.getKey());
                String full = base + "." + k;
                switch (k) {
                    case "unique_index": q.uniqueIndexes.addAll(columnLists(full, e.getValue())); break;
                    case "index": q.indexes.addAll(columnLists(full, e.getValue())); break;
                    case "check": q.checks.addAll(lower(SettingsKeys.list(full, e.getValue()))); break;
                    case "not_null": q.notNull.addAll(lower(SettingsKeys.list(full, e.getValue()))); break;
                    case "primary_key": q.primaryKey = SettingsKeys.bool(full, e.getValue()); break;
                    default: throw new IllegalArgumentException("unknown key '" + full
                            + "' (known: unique_index, index, check, not_null, primary_key)");
                }
            }
        }
    }

    /** [email, [org_id, slug]] is two indexes: (email) and (org_id, slug). */
    @SuppressWarnings("unchecked")
    private static List<List<String>> columnLists(String key, Object v) {
        List<List<String>> out = new ArrayList<>();
        if (!(v instanceof Collection)) {
            out.add(lower(SettingsKeys.list(key, v)));
            return out;
        }
        for (Object o : (Collection<Object>) v) {
            out.add(lower(o instanceof Collection ? SettingsKeys.list(key, o) : List.of(String.valueOf(o))));
        }
        return out;
    }

    /** Column names as written, trimmed: SQL dialects compare them case-insensitively, MongoDB field names exactly. */
    private static List<String> lower(List<String> l) {
        List<String> out = new ArrayList<>();
        for (String s : l) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
