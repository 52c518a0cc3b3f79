package dev.schemagate.live;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A schema as catalog queries see it: objects (e.g. {@code column public.accounts.email}) with attributes
 * (e.g. {@code type=character varying(100)}, {@code nullable=NO}). Sorted, so two snapshots compare and print
 * the same way every time.
 */
public final class Snapshot {
    private final TreeMap<String, TreeMap<String, String>> objects = new TreeMap<>();

    /** Adds (or extends) an object; null values are stored as absent. */
    public Snapshot put(String object, String attribute, String value) {
        TreeMap<String, String> attrs = objects.computeIfAbsent(object, k -> new TreeMap<>());
        if (attribute != null && value != null) {
            attrs.put(attribute, value);
        }
        return this;
    }

    public Map<String, Map<String, String>> objects() {
        return Collections.unmodifiableMap(objects);
    }

    public boolean has(String object) {
        return objects.containsKey(object);
    }

    public String get(String object, String attribute) {
        Map<String, String> a = objects.get(object);
        return a == null ? null : a.get(attribute);
    }

    public int size() {
        return objects.size();
    }

    /** One difference between two snapshots. {@code before}/{@code after} are null where the object is absent. */
    public record Difference(String object, String attribute, String before, String after) {
        @Override
        public String toString() {
            if (attribute == null) {
                return before == null ? object + " was added" : object + " was removed";
            }
            return object + " " + attribute + ": " + show(before) + " -> " + show(after);
        }

        private static String show(String s) {
            return s == null ? "(none)" : "'" + s + "'";
        }
    }

    /** Differences from {@code this} (before) to {@code after}, sorted by object and attribute. */
    public List<Difference> diff(Snapshot after) {
        List<Difference> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(objects.keySet());
        names.addAll(after.objects.keySet());
        for (String o : names) {
            TreeMap<String, String> a = objects.get(o);
            TreeMap<String, String> b = after.objects.get(o);
            if (a == null) {
                out.add(new Difference(o, null, null, "present"));
            } else if (b == null) {
                out.add(new Difference(o, null, "present", null));
            } else {
                TreeSet<String> attrs = new TreeSet<>(a.keySet());
                attrs.addAll(b.keySet());
                for (String k : attrs) {
                    if (!Objects.equals(a.get(k), b.get(k))) {
                        out.add(new Difference(o, k, a.get(k), b.get(k)));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        objects.forEach((o, a) -> sb.append(o).append(' ').append(a).append('\n'));
        return sb.toString();
    }
}
