package dev.schemagate.policies;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemagate.core.InputError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as plain data (mappings, lists, scalars) where every node keeps its line and column, so a
 * policy error can point at the exact key or value. Only data is built: no tags, no classes, no anchors
 * resolved into objects, so reading a policy file runs no code. Duplicate keys are errors.
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    enum Kind { MAP, LIST, SCALAR }

    /** One node with its position. Scalars hold a String, Long, Double, Boolean, or null. */
    static final class Node {
        final Kind kind;
        final int line;
        final int column;
        final Object value;
        final Map<String, Node> map;
        final Map<String, int[]> keyPositions;
        final List<Node> list;

        private Node(Kind kind, int line, int column, Object value) {
            this.kind = kind;
            this.line = line;
            this.column = column;
            this.value = value;
            this.map = kind == Kind.MAP ? new LinkedHashMap<>() : null;
            this.keyPositions = kind == Kind.MAP ? new LinkedHashMap<>() : null;
            this.list = kind == Kind.LIST ? new ArrayList<>() : null;
        }

        boolean isMap() {
            return kind == Kind.MAP;
        }

        boolean isList() {
            return kind == Kind.LIST;
        }

        boolean isScalar() {
            return kind == Kind.SCALAR;
        }

        Node get(String key) {
            return map == null ? null : map.get(key);
        }

        /** Position of a key in this mapping (falls back to the mapping's own). */
        int[] keyAt(String key) {
            int[] p = keyPositions == null ? null : keyPositions.get(key);
            return p != null ? p : new int[] {line, column};
        }

        /** The scalar as text, or null for a null scalar. */
        String text() {
            return value == null ? null : String.valueOf(value);
        }

        /** Plain Java data (Map, List, scalars), for handing to {@link dev.schemagate.core.SettingsKeys}. */
        Object toPlain() {
            switch (kind) {
                case MAP: {
                    Map<String, Object> m = new LinkedHashMap<>();
                    map.forEach((k, v) -> m.put(k, v.toPlain()));
                    return m;
                }
                case LIST: {
                    List<Object> l = new ArrayList<>();
                    list.forEach(v -> l.add(v.toPlain()));
                    return l;
                }
                default:
                    return value;
            }
        }

        String describe() {
            switch (kind) {
                case MAP: return "a mapping";
                case LIST: return "a list";
                default: return value == null ? "empty" : value instanceof String ? "'" + value + "'" : String.valueOf(value);
            }
        }
    }

    private YamlTree() {
    }

    /** Parses {@code text}; returns null (with an error added) when it is not valid YAML or is empty. */
    static Node parse(String text, String source, List<InputError> errors) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                errors.add(new InputError(source, 0, 0, "the file is empty; a policy is a mapping such as 'name: my-team'"));
                return null;
            }
            return read(p, t, source, errors);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            errors.add(new InputError(source, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(),
                    "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")));
            return null;
        } catch (IOException e) {
            errors.add(new InputError(source, 0, 0, "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private static Node read(JsonParser p, JsonToken t, String source, List<InputError> errors) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int col = l.getColumnNr();
        switch (t) {
            case START_OBJECT: {
                Node n = new Node(Kind.MAP, line, col, null);
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    Node v = read(p, p.nextToken(), source, errors);
                    if (n.map.containsKey(key)) {
                        errors.add(new InputError(source, kl.getLineNr(), kl.getColumnNr(), "'" + key
                                + "' is set twice in this mapping; keep one"));
                        continue;
                    }
                    n.map.put(key, v);
                    n.keyPositions.put(key, new int[] {kl.getLineNr(), kl.getColumnNr()});
                }
                return n;
            }
            case START_ARRAY: {
                Node n = new Node(Kind.LIST, line, col, null);
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    n.list.add(read(p, e, source, errors));
                }
                return n;
            }
            case VALUE_NUMBER_INT:
                return new Node(Kind.SCALAR, line, col, p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return new Node(Kind.SCALAR, line, col, p.getDoubleValue());
            case VALUE_TRUE:
                return new Node(Kind.SCALAR, line, col, Boolean.TRUE);
            case VALUE_FALSE:
                return new Node(Kind.SCALAR, line, col, Boolean.FALSE);
            case VALUE_NULL:
                return new Node(Kind.SCALAR, line, col, null);
            default:
                return new Node(Kind.SCALAR, line, col, p.getText());
        }
    }
}
