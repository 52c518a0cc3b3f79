package dev.schemagate.dialects.mysql;

import dev.schemagate.dialects.common.Token;
import dev.schemagate.dialects.common.TokenStream;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.TypeChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * MySQL and MariaDB column types: reads them from a column definition into a {@link ColumnType} whose written form
 * is canonical ({@code varchar(40) character set utf8mb4}, {@code int unsigned}, {@code enum('a','b')}), and
 * classifies a change from one type to another the way InnoDB's online DDL does (in place, copy, lossy).
 */
final class MyTypes {
    private static final Map<String, String> ALIASES = new HashMap<>();
    private static final Map<String, SqlTypeName> SQL = new HashMap<>();
    private static final List<String> INTS = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");
    private static final List<String> BLOBS = List.of("tinyblob", "blob", "mediumblob", "longblob");
    private static final long[] TEXT_BYTES = {255L, 65_535L, 16_777_215L, 4_294_967_295L};

    static {
        put("tinyint", SqlTypeName.TINYINT, "tinyint", "int1", "bool", "boolean");
        put("smallint", SqlTypeName.SMALLINT, "smallint", "int2");
        put("mediumint", SqlTypeName.INTEGER, "mediumint", "int3", "middleint");
        put("int", SqlTypeName.INTEGER, "int", "integer", "int4");
        put("bigint", SqlTypeName.BIGINT, "bigint", "int8", "serial");
        put("decimal", SqlTypeName.DECIMAL, "decimal", "dec", "numeric", "fixed");
        put("float", SqlTypeName.FLOAT, "float", "float4");
        put("double", SqlTypeName.DOUBLE, "double", "double precision", "real", "float8");
        put("bit", SqlTypeName.ANY, "bit");
        put("char", SqlTypeName.CHAR, "char", "character", "nchar", "national char", "national character");
        put("varchar", SqlTypeName.VARCHAR, "varchar", "character varying", "char varying", "nvarchar",
                "national varchar", "national character varying", "varchar2", "varcharacter");
        put("binary", SqlTypeName.BINARY, "binary");
        put("varbinary", SqlTypeName.VARBINARY, "varbinary");
        for (String t : TEXTS) {
            put(t, SqlTypeName.VARCHAR, t);
        }
        put("mediumtext", SqlTypeName.VARCHAR, "long", "long varchar");
        for (String t : BLOBS) {
            put(t, SqlTypeName.VARBINARY, t);
        }
        put("date", SqlTypeName.DATE, "date");
        put("time", SqlTypeName.TIME, "time");
        put("datetime", SqlTypeName.TIMESTAMP, "datetime");
        put("timestamp", SqlTypeName.TIMESTAMP, "timestamp");
        put("year", SqlTypeName.SMALLINT, "year");
        put("json", SqlTypeName.ANY, "json");
        put("enum", SqlTypeName.ANY, "enum");
        put("set", SqlTypeName.ANY, "set");
        put("uuid", SqlTypeName.ANY, "uuid");
        put("inet4", SqlTypeName.ANY, "inet4");
        put("inet6", SqlTypeName.ANY, "inet6");
        put("vector", SqlTypeName.ANY, "vector");
        for (String g : new String[] {"geometry", "point", "linestring", "polygon", "multipoint", "multilinestring",
            "multipolygon", "geometrycollection", "geomcollection"}) {
            put(g, SqlTypeName.GEOMETRY, g);
        }
    }

    private static void put(String canonical, SqlTypeName t, String... names) {
        for (String n : names) {
            ALIASES.put(n, canonical);
        }
        SQL.put(canonical, t);
    }

    private MyTypes() {
    }

    /** True when the next tokens start a known type name. */
    static boolean startsType(TokenStream ts) {
        Token t = ts.peek();
        return t != null && t.kind == Token.Kind.WORD && ALIASES.containsKey(t.upper().toLowerCase(Locale.ROOT));
    }

    /** Reads a type at the cursor: name, (arguments), UNSIGNED/ZEROFILL, CHARACTER SET, COLLATE, BINARY. */
    static ColumnType read(TokenStream ts) {
        Token t = ts.next();
        if (t.kind != Token.Kind.WORD) {
            throw ts.fail("expected a type but found '" + t.text() + "'");
        }
        String word = t.text().toLowerCase(Locale.ROOT);
        String two = ts.peek() != null && ts.peek().kind == Token.Kind.WORD ? word + " " + ts.peek().text().toLowerCase(Locale.ROOT) : null;
        String three = two != null && ts.peek(1) != null && ts.peek(1).kind == Token.Kind.WORD
                ? two + " " + ts.peek(1).text().toLowerCase(Locale.ROOT) : null;
        String canonical;
        if (three != null && ALIASES.containsKey(three)) {
            canonical = ALIASES.get(three);
            ts.next();
            ts.next();
        } else if (two != null && ALIASES.containsKey(two)) {
            canonical = ALIASES.get(two);
            ts.next();
        } else {
            canonical = ALIASES.get(word);
        }
        boolean known = canonical != null;
        if (!known) {
            canonical = word;
        }
        boolean serial = word.equals("serial");
        int precision = ColumnType.UNSPECIFIED;
        int scale = ColumnType.UNSPECIFIED;
        List<String> values = null;
        if (ts.at("(")) {
            if (canonical.equals("enum") || canonical.equals("set")) {
                values = new ArrayList<>();
                for (String v : ts.parenList()) {
                    values.add(v.trim());
                }
            } else {
                String inner = ts.parens();
                String[] parts = inner.split(",");
                try {
                    precision = Integer.parseInt(parts[0].trim());
                    if (parts.length > 1) {
                        scale = Integer.parseInt(parts[1].trim());
                    }
                } catch (NumberFormatException e) {
                    throw ts.fail("unexpected type arguments (" + inner + ")");
                }
            }
        }
        boolean unsigned = serial;
        boolean zerofill = false;
        String charset = word.startsWith("n") && (canonical.equals("char") || canonical.equals("varchar")) ? "utf8mb3" : null;
        String collate = null;
        while (true) {
            if (ts.accept("UNSIGNED")) {
                unsigned = true;
            } else if (ts.accept("SIGNED")) {
                unsigned = false;
            } else if (ts.accept("ZEROFILL")) {
                zerofill = true;
                unsigned = true;
            } else if (ts.accept("CHARACTER", "SET") || ts.accept("CHARSET")) {
                ts.accept("=");
                charset = name(ts.next()).toLowerCase(Locale.ROOT);
            } else if (ts.at("COLLATE")) {
                ts.next();
                ts.accept("=");
                collate = name(ts.next()).toLowerCase(Locale.ROOT);
            } else if (ts.at("BINARY") && isChar(canonical)) {
                ts.next();
            } else if (ts.at("ASCII") && isChar(canonical)) {
                ts.next();
                charset = "latin1";
            } else if (ts.at("UNICODE") && isChar(canonical)) {
                ts.next();
                charset = "ucs2";
            } else {
                break;
            }
        }
        if (INTS.contains(canonical) || canonical.equals("year")) {
            precision = ColumnType.UNSPECIFIED; // a display width, not a size
        }
        if (canonical.equals("decimal") && precision == ColumnType.UNSPECIFIED) {
            precision = 10;
            scale = 0;
        } else if (canonical.equals("decimal") && scale == ColumnType.UNSPECIFIED) {
            scale = 0;
        }
        StringBuilder w = new StringBuilder(canonical);
        if (values != null) {
            w.append('(').append(String.join(",", values)).append(')');
        } else if (precision != ColumnType.UNSPECIFIED) {
            w.append('(').append(precision);
            if (scale != ColumnType.UNSPECIFIED) {
                w.append(',').append(scale);
            }
            w.append(')');
        }
        if (unsigned) {
            w.append(" unsigned");
        }
        if (zerofill) {
            w.append(" zerofill");
        }
        if (charset != null) {
            w.append(" character set ").append(charset);
        }
        if (collate != null) {
            w.append(" collate ").append(collate);
        }
        SqlTypeName sql = SQL.getOrDefault(canonical, SqlTypeName.ANY);
        return new ColumnType(canonical, sql, precision, scale, false, w.toString(), !known);
    }

    static String name(Token t) {
        return t.kind == Token.Kind.STRING ? t.text().substring(1, t.text().length() - 1) : t.identifier();
    }

    static boolean isChar(String canonical) {
        return canonical.equals("char") || canonical.equals("varchar") || TEXTS.contains(canonical)
                || canonical.equals("enum") || canonical.equals("set");
    }

    // ------------------------------------------------------------------ facts about a type as written

    private static final Pattern CHARSET = Pattern.compile(" character set (\\w+)");
    private static final Pattern COLLATE = Pattern.compile(" collate (\\w+)");

    static boolean unsigned(ColumnType t) {
        return t.getWritten().contains(" unsigned");
    }

    /** The column's own character set, or null when it inherits the table's. */
    static String charset(ColumnType t) {
        Matcher m = CHARSET.matcher(t.getWritten());
        if (m.find()) {
            return m.group(1);
        }
        Matcher c = COLLATE.matcher(t.getWritten());
        if (c.find()) {
            String co = c.group(1);
            int u = co.indexOf('_');
            return u < 0 ? co : co.substring(0, u);
        }
        return null;
    }

    static String collation(ColumnType t) {
        Matcher c = COLLATE.matcher(t.getWritten());
        return c.find() ? c.group(1) : null;
    }

    /** ENUM or SET members as written (quoted), or an empty list. */
    static List<String> members(ColumnType t) {
        String w = t.getWritten();
        if (!(t.getName().equals("enum") || t.getName().equals("set")) || w.indexOf('(') < 0) {
            return List.of();
        }
        String inner = w.substring(w.indexOf('(') + 1, w.lastIndexOf(')'));
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inStr = false;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\'' && inStr && i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                cur.append("''");
                i++;
                continue;
            }
            if (c == '\'') {
                inStr = !inStr;
            }
            if (c == ',' && !inStr) {
                out.add(cur.toString().trim());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        if (cur.length() > 0) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    /** Bytes per character at most, for a character set (4 when unknown: the safe assumption). */
    static int maxBytes(String charset) {
        if (charset == null) {
            return 4;
        }
        switch (charset.toLowerCase(Locale.ROOT)) {
            case "latin1": case "ascii": case "binary": case "latin2": case "latin5": case "latin7": case "cp1250":
            case "cp1251": case "cp1256": case "cp1257": case "cp850": case "cp852": case "cp866": case "greek":
            case "hebrew": case "koi8r": case "koi8u": case "swe7": case "tis620": case "armscii8": case "dec8":
            case "hp8": case "keybcs2": case "macce": case "macroman": case "geostd8":
                return 1;
            case "ucs2": case "gbk": case "big5": case "sjis": case "cp932": case "euckr": case "gb2312":
                return 2;
            case "utf8": case "utf8mb3": case "ujis": case "eucjpms":
                return 3;
            default:
                return 4;
        }
    }

    /** Length-prefix bytes of a VARCHAR/VARBINARY of {@code length} characters: 1 up to 255 bytes, else 2. */
    static int lengthBytes(int length, int bytesPerChar) {
        return (long) length * bytesPerChar <= 255 ? 1 : 2;
    }

    /** Storage bytes of an ENUM (1 up to 255 members, else 2) or SET (1, 2, 3, 4 or 8). */
    static int memberBytes(String kind, int members) {
        if (kind.equals("enum")) {
            return members <= 255 ? 1 : 2;
        }
        int b = (members + 7) / 8;
        return b >= 5 ? 8 : b;
    }

    /** How a MODIFY/CHANGE from {@code from} to {@code to} relates, given the table's default character set. */
    static Result classify(ColumnType from, ColumnType to, String tableCharset) {
        String fn = from.getName();
        String tn = to.getName();
        String fcs = effectiveCharset(from, tableCharset);
        String tcs = effectiveCharset(to, tableCharset);
        if (isChar(fn) && isChar(tn) && fcs != null && tcs != null && !fcs.equals(tcs)) {
            boolean widening = (fcs.equals("utf8mb3") || fcs.equals("utf8")) && tcs.equals("utf8mb4")
                    || maxBytes(fcs) == 1 && tcs.startsWith("utf8");
            return new Result(widening ? TypeChange.WIDENING : TypeChange.NARROWING,
                    "changes the character set from " + fcs + " to " + tcs);
        }
        if (isChar(fn) && isChar(tn) && !java.util.Objects.equals(collation(from), collation(to)) && collation(to) != null) {
            if (fn.equals(tn) && from.getPrecision() == to.getPrecision() && members(from).equals(members(to))) {
                return new Result(TypeChange.WIDENING, "changes the collation to " + collation(to));
            }
        }
        if (fn.equals(tn) && from.getPrecision() == to.getPrecision() && from.getScale() == to.getScale()
                && unsigned(from) == unsigned(to) && members(from).equals(members(to))) {
            return new Result(TypeChange.BINARY_COERCIBLE, "keeps the type");
        }
        if ((fn.equals("varchar") && tn.equals("varchar")) || (fn.equals("varbinary") && tn.equals("varbinary"))) {
            int per = fn.equals("varbinary") ? 1 : maxBytes(tcs);
            int a = from.getPrecision();
            int b = to.getPrecision();
            if (b < a) {
                return new Result(TypeChange.NARROWING, "shortens " + fn + "(" + a + ") to " + fn + "(" + b + ")");
            }
            int la = lengthBytes(a, per);
            int lb = lengthBytes(b, per);
            if (la == lb) {
                return new Result(TypeChange.BINARY_COERCIBLE, "grows " + fn + "(" + a + ") to " + fn + "(" + b
                        + ") within the same " + la + "-byte length prefix");
            }
            return new Result(TypeChange.WIDENING, "grows " + fn + "(" + a + ") to " + fn + "(" + b
                    + "), which crosses the 255-byte boundary (" + (per == 1 ? "1 byte" : per + " bytes")
                    + " per character in " + (fn.equals("varbinary") ? "binary" : tcs)
                    + "): the length prefix grows from 1 to 2 bytes");
        }
        if ((fn.equals("enum") || fn.equals("set")) && fn.equals(tn)) {
            List<String> a = members(from);
            List<String> b = members(to);
            if (b.size() >= a.size() && b.subList(0, a.size()).equals(a)) {
                if (memberBytes(fn, a.size()) == memberBytes(tn, b.size())) {
                    return new Result(TypeChange.BINARY_COERCIBLE, "appends " + (b.size() - a.size()) + " member(s) at the end");
                }
                return new Result(TypeChange.WIDENING, "appends members past the " + fn.toUpperCase(Locale.ROOT)
                        + " storage boundary (" + memberBytes(fn, a.size()) + " to " + memberBytes(tn, b.size()) + " bytes)");
            }
            if (!b.containsAll(a)) {
                List<String> gone = new ArrayList<>(a);
                gone.removeAll(b);
                return new Result(TypeChange.NARROWING, "removes member(s) " + String.join(", ", gone));
            }
            return new Result(TypeChange.WIDENING, "reorders members or inserts them before the end");
        }
        int ia = INTS.indexOf(fn);
        int ib = INTS.indexOf(tn);
        if (ia >= 0 && ib >= 0) {
            boolean ua = unsigned(from);
            boolean ub = unsigned(to);
            if (ua && !ub) {
                return new Result(ib > ia ? TypeChange.WIDENING : TypeChange.NARROWING,
                        "changes " + from.getWritten() + " to " + to.getWritten());
            }
            if (!ua && ub) {
                return new Result(TypeChange.NARROWING, "makes a signed column unsigned: negative values do not fit");
            }
            return new Result(ib >= ia ? TypeChange.WIDENING : TypeChange.NARROWING,
                    "changes " + from.getWritten() + " to " + to.getWritten());
        }
        long ca = charCapacity(from, fcs);
        long cb = charCapacity(to, tcs);
        if (ca > 0 && cb > 0) {
            return new Result(cb >= ca ? TypeChange.WIDENING : TypeChange.NARROWING,
                    "changes " + from.getWritten() + " to " + to.getWritten());
        }
        if (fn.equals("decimal") && tn.equals("decimal")) {
            int ia2 = from.getPrecision() - from.getScale();
            int ib2 = to.getPrecision() - to.getScale();
            boolean wider = ib2 >= ia2 && to.getScale() >= from.getScale();
            return new Result(wider ? TypeChange.WIDENING : TypeChange.NARROWING,
                    "changes " + from.getWritten() + " to " + to.getWritten());
        }
        if ((fn.equals("float") && tn.equals("double")) || (fn.equals("datetime") || fn.equals("time") || fn.equals("timestamp"))
                && fn.equals(tn) && to.getPrecision() >= from.getPrecision()) {
            return new Result(TypeChange.WIDENING, "changes " + from.getWritten() + " to " + to.getWritten());
        }
        if (fn.equals(tn)) {
            return new Result(TypeChange.NARROWING, "changes " + from.getWritten() + " to " + to.getWritten());
        }
        return new Result(TypeChange.INCOMPATIBLE, "changes " + from.getWritten() + " to " + to.getWritten());
    }

    private static String effectiveCharset(ColumnType t, String tableCharset) {
        if (!isChar(t.getName())) {
            return null;
        }
        String own = charset(t);
        return own != null ? normalise(own) : tableCharset == null ? null : normalise(tableCharset);
    }

    static String normalise(String cs) {
        String c = cs.toLowerCase(Locale.ROOT);
        return c.equals("utf8") ? "utf8mb3" : c;
    }

    /** Bytes a character or text column can hold, or 0 when it is not one. */
    private static long charCapacity(ColumnType t, String cs) {
        String n = t.getName();
        int ti = TEXTS.indexOf(n);
        if (ti >= 0) {
            return TEXT_BYTES[ti];
        }
        int bi = BLOBS.indexOf(n);
        if (bi >= 0) {
            return TEXT_BYTES[bi];
        }
        if (n.equals("char") || n.equals("varchar") || n.equals("binary") || n.equals("varbinary")) {
            int len = t.hasPrecision() ? t.getPrecision() : 1;
            return (long) len * (n.contains("binary") ? 1 : maxBytes(cs));
        }
        return 0;
    }

    /** A classification with the reason in words. */
    static final class Result {
        final TypeChange change;
        final String why;

        Result(TypeChange change, String why) {
            this.change = change;
            this.why = why;
        }
    }
}
