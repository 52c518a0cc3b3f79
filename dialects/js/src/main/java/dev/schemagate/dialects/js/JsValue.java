package dev.schemagate.dialects.js;

import java.util.List;

/**
 * Values read statically from JavaScript source. A literal evaluates to a plain Java value: {@link String},
 * {@link Long} (integral numbers) or {@link Double}, {@link Boolean}, {@link #NULL}, {@link java.util.Map}
 * (object literals, keys in source order) or {@link List} (array literals). What cannot be known without running
 * the code is an {@link Unknown} that says why; a member or call chain (such as {@code db.collection('x')}) is a
 * {@link Chain}, so a constant bound to one can stand for it later.
 */
public final class JsValue {
    /** JavaScript {@code null} and {@code undefined}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private JsValue() {
    }

    /** A value only known at run time. */
    public static final class Unknown {
        private final String text;
        private final String reason;

        private final String constructor;
        private final List<Object> constructorArgs;

        public Unknown(String text, String reason) {
            this(text, reason, null, List.of());
        }

        /** {@code new Name(args)}: unknown as a value, but its constructor and arguments are read. */
        public Unknown(String text, String reason, String constructor, List<Object> constructorArgs) {
            this.text = text;
            this.reason = reason;
            this.constructor = constructor;
            this.constructorArgs = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(constructorArgs));
        }

        /** The class name of a {@code new Name(...)} expression, or null for anything else. */
        public String getConstructor() {
            return constructor;
        }

        /** The arguments of a {@code new Name(...)} expression, read with these rules. */
        public List<Object> getConstructorArgs() {
            return constructorArgs;
        }

        /** The source text of the expression. */
        public String getText() {
            return text;
        }

        /** Why it cannot be read statically, e.g. "parameter name of function addIndex". */
        public String getReason() {
            return reason;
        }

        @Override
        public String toString() {
            return "<" + text + ">";
        }
    }

    /** A member or call chain such as {@code db.collection('users')}, from its root identifier outwards. */
    public static final class Chain {
        private final List<JsLink> links;

        public Chain(List<JsLink> links) {
            this.links = List.copyOf(links);
        }

        public List<JsLink> getLinks() {
            return links;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (JsLink l : links) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(l);
            }
            return sb.toString();
        }
    }

    public static boolean isKnown(Object v) {
        if (v instanceof Unknown || v instanceof Chain || v == null) {
            return false;
        }
        if (v instanceof java.util.Map) {
            for (Object x : ((java.util.Map<?, ?>) v).values()) {
                if (!isKnown(x)) {
                    return false;
                }
            }
        } else if (v instanceof List) {
            for (Object x : (List<?>) v) {
                if (!isKnown(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Compact JSON-like text of a value (for messages and mitigation text); unknown parts as written. */
    public static String render(Object v) {
        StringBuilder sb = new StringBuilder();
        render(v, sb);
        return sb.toString();
    }

    private static void render(Object v, StringBuilder sb) {
        if (v instanceof String) {
            sb.append('"').append(((String) v).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else if (v instanceof java.util.Map) {
            sb.append('{');
            boolean first = true;
            for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) v).entrySet()) {
                sb.append(first ? " " : ", ");
                first = false;
                String k = String.valueOf(e.getKey());
                sb.append(k.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? k : "\"" + k + "\"").append(": ");
                render(e.getValue(), sb);
            }
            sb.append(first ? "}" : " }");
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object x : (List<?>) v) {
                sb.append(first ? "" : ", ");
                first = false;
                render(x, sb);
            }
            sb.append(']');
        } else if (v instanceof Unknown) {
            sb.append(((Unknown) v).getText());
        } else {
            sb.append(v);
        }
    }
}
