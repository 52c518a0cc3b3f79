package dev.schemagate.dialects.python;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Static values of Python expressions: literals, string constants with their positions, call arguments. */
public final class PyExpr {
    /** Python's {@code None}. */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** A string known statically, with the 1-based position of its first character in the file. */
    public record Str(String value, int line, int column) {
    }

    /** The arguments of a call: positional and keyword, and whether {@code *args}/{@code **kw} hide some. */
    public static final class Args {
        public final List<PyNode> positional = new ArrayList<>();
        public final Map<String, PyNode> keywords = new LinkedHashMap<>();
        public boolean splat;

        public PyNode at(int i) {
            return i < positional.size() ? positional.get(i) : null;
        }

        /** The keyword argument, else the positional one at {@code i} (-1: keyword only). */
        public PyNode arg(String name, int i) {
            PyNode k = keywords.get(name);
            return k != null ? k : i >= 0 ? at(i) : null;
        }
    }

    private PyExpr() {
    }

    /** {@code op.create_table} for an attribute chain, {@code op.get_context().x} through calls, else null. */
    public static String dotted(PyNode n) {
        if (n == null) {
            return null;
        }
        switch (n.type()) {
            case "identifier":
                return n.text();
            case "attribute": {
                String o = dotted(n.get("object"));
                PyNode a = n.get("attribute");
                return o == null || a == null ? null : o + "." + a.text();
            }
            case "call": {
                String f = dotted(n.get("function"));
                return f == null ? null : f + "()";
            }
            default:
                return null;
        }
    }

    /** The last name of a dotted callee: {@code sa.String} and {@code String} both give {@code String}. */
    public static String lastName(PyNode n) {
        String d = dotted(n);
        if (d == null) {
            return null;
        }
        int dot = d.lastIndexOf('.');
        return dot < 0 ? d : d.substring(dot + 1);
    }

    public static Args args(PyNode call) {
        Args a = new Args();
        PyNode list = call == null ? null : call.get("arguments");
        if (list == null) {
            return a;
        }
        for (PyNode c : list.children()) {
            switch (c.type()) {
                case "keyword_argument": {
                    PyNode name = c.get("name");
                    PyNode value = c.get("value");
                    if (name != null && value != null) {
                        a.keywords.put(name.text(), value);
                    }
                    break;
                }
                case "list_splat":
                case "dictionary_splat":
                    a.splat = true;
                    break;
                case "comment":
                    break;
                default:
                    a.positional.add(c);
            }
        }
        return a;
    }

    /** The string an expression stands for when it is known statically, else null. */
    public static Str str(PyNode n, Map<String, Str> consts) {
        if (n == null) {
            return null;
        }
        switch (n.type()) {
            case "string":
                return string(n);
            case "concatenated_string": {
                StringBuilder b = new StringBuilder();
                Str first = null;
                for (PyNode c : n.children()) {
                    Str s = str(c, consts);
                    if (s == null) {
                        if (c.is("comment")) {
                            continue;
                        }
                        return null;
                    }
                    first = first == null ? s : first;
                    b.append(s.value());
                }
                return first == null ? null : new Str(b.toString(), first.line(), first.column());
            }
            case "parenthesized_expression":
                return n.children().size() == 1 ? str(n.children().get(0), consts) : null;
            case "binary_operator": {
                PyNode left = n.get("left");
                if (left == null || !n.text().substring(left.text().length()).strip().startsWith("+")) {
                    return null;
                }
                Str l = str(left, consts);
                Str r = str(n.get("right"), consts);
                if (l == null || r == null) {
                    return null;
                }
                return new Str(l.value() + r.value(), l.line(), l.column());
            }
            case "identifier":
                return consts == null ? null : consts.get(n.text());
            case "call": {
                String f = lastName(n.get("function"));
                Args a = args(n);
                if (("text".equals(f) || "literal_column".equals(f)) && a.positional.size() == 1 && !a.splat) {
                    return str(a.at(0), consts);
                }
                return null;
            }
            default:
                return null;
        }
    }

    /** A plain Python string literal (no f-string interpolation), unescaped, at its first content character. */
    static Str string(PyNode n) {
        PyNode start = n.first("string_start");
        String prefix = start == null ? "" : start.text().replaceAll("[\"']", "").toLowerCase(java.util.Locale.ROOT);
        if (!n.all("interpolation").isEmpty() || prefix.contains("b")) {
            return null;
        }
        boolean raw = prefix.contains("r");
        StringBuilder b = new StringBuilder();
        int line = 0;
        int col = 0;
        for (PyNode c : n.children()) {
            if (c.is("string_content")) {
                if (line == 0) {
                    line = c.line();
                    col = c.column();
                }
                b.append(raw ? c.text() : unescape(c.text()));
            }
        }
        if (line == 0) {
            PyNode end = n.first("string_end");
            line = end == null ? n.line() : end.line();
            col = end == null ? n.column() : end.column();
        }
        return new Str(b.toString(), line, col);
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case '0': b.append('\0'); break;
                case '\\': b.append('\\'); break;
                case '\'': b.append('\''); break;
                case '"': b.append('"'); break;
                case '\n': break;
                case 'x':
                    if (i + 2 < s.length()) {
                        try {
                            b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                            i += 2;
                            break;
                        } catch (NumberFormatException ex) {
                            // not an escape: keep it as written
                        }
                    }
                    b.append('\\').append(e);
                    break;
                default:
                    b.append('\\').append(e);
            }
        }
        return b.toString();
    }

    /**
     * The value of a literal: String, Long, Double, Boolean, {@link #NONE}, or a List of those for a list or
     * tuple; null when the expression is not a literal.
     */
    public static Object literal(PyNode n, Map<String, Str> consts) {
        if (n == null) {
            return null;
        }
        switch (n.type()) {
            case "integer":
                try {
                    return Long.parseLong(n.text().replace("_", ""));
                } catch (NumberFormatException e) {
                    return null;
                }
            case "float":
                try {
                    return Double.parseDouble(n.text().replace("_", ""));
                } catch (NumberFormatException e) {
                    return null;
                }
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "none":
                return NONE;
            case "unary_operator": {
                Object v = literal(n.get("argument"), consts);
                if (n.text().startsWith("-") && v instanceof Long l) {
                    return -l;
                }
                if (n.text().startsWith("-") && v instanceof Double d) {
                    return -d;
                }
                return null;
            }
            case "list":
            case "tuple":
            case "set": {
                List<Object> out = new ArrayList<>();
                for (PyNode c : n.children()) {
                    if (c.is("comment")) {
                        continue;
                    }
                    Object v = literal(c, consts);
                    if (v == null) {
                        return null;
                    }
                    out.add(v);
                }
                return out;
            }
            case "parenthesized_expression":
                return n.children().size() == 1 ? literal(n.children().get(0), consts) : null;
            default: {
                Str s = str(n, consts);
                return s == null ? null : s.value();
            }
        }
    }

    /** A list of strings (a list, tuple or one string), else null. */
    public static List<String> strings(PyNode n, Map<String, Str> consts) {
        Object v = literal(n, consts);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                if (!(o instanceof String s)) {
                    return null;
                }
                out.add(s);
            }
            return out;
        }
        return null;
    }

    public static boolean isTrue(PyNode n) {
        return n != null && n.is("true");
    }
}
