package dev.schemagate.core.input.liquibase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a Liquibase changelog, whatever its format: an XML element, or a YAML/JSON object under a key.
 * Scalar fields are attributes; nested objects and list items are children, in document order. Keeps the 1-based
 * line and column where the element starts.
 */
final class Node {
    final String name;
    final int line;
    final int column;
    final Map<String, String> attrs = new LinkedHashMap<>();
    final List<Node> children = new ArrayList<>();
    String text;

    Node(String name, int line, int column) {
        this.name = name;
        this.line = line;
        this.column = column;
    }

    String attr(String k) {
        return attrs.get(k);
    }

    boolean flag(String k) {
        return "true".equalsIgnoreCase(attrs.get(k));
    }

    Node child(String n) {
        for (Node c : children) {
            if (c.name.equals(n)) {
                return c;
            }
        }
        return null;
    }

    List<Node> children(String n) {
        List<Node> out = new ArrayList<>();
        for (Node c : children) {
            if (c.name.equals(n)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Text content: the element's text, or a scalar field named like the element ({@code sql: {sql: ...}}). */
    String content() {
        if (text != null && !text.isBlank()) {
            return text;
        }
        return attrs.get(name);
    }

    /** Replaces {@code ${name}} in attributes and text, in this node and below. */
    void substitute(Map<String, String> props) {
        if (props.isEmpty()) {
            return;
        }
        attrs.replaceAll((k, v) -> Properties.apply(v, props));
        text = Properties.apply(text, props);
        for (Node c : children) {
            c.substitute(props);
        }
    }
}
