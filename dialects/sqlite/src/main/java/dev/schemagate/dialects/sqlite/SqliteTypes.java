package dev.schemagate.dialects.sqlite;

import dev.schemagate.dialects.common.Token;
import dev.schemagate.dialects.common.TokenStream;
import dev.schemagate.model.catalog.ColumnType;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * SQLite column types. SQLite accepts any sequence of words (with an optional {@code (n)} or {@code (n, m)}) as a
 * type name and gives the column one of five affinities by the rules of section 3.1 of the datatype page, checked
 * in order: a name containing INT is INTEGER; CHAR, CLOB or TEXT is TEXT; BLOB or no name at all is BLOB; REAL,
 * FLOA or DOUB is REAL; anything else is NUMERIC. The Calcite type follows the affinity (INTEGER affinity stores up
 * to 8-byte integers, so BIGINT). STRICT tables accept only INT, INTEGER, REAL, TEXT, BLOB and ANY.
 */
final class SqliteTypes {
    /** Words that end a type name in a column definition. */
    static final Set<String> CONSTRAINT_WORDS = Set.of("CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK",
            "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS", "ON");

    /** The type names a STRICT table accepts. */
    static final Set<String> STRICT_TYPES = Set.of("INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY");

    private SqliteTypes() {
    }

    /** The affinity SQLite gives a declared type. */
    static String affinity(String declared) {
        String u = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
        if (u.contains("INT")) {
            return "INTEGER";
        }
        if (u.contains("CHAR") || u.contains("CLOB") || u.contains("TEXT")) {
            return "TEXT";
        }
        if (u.isBlank() || u.contains("BLOB")) {
            return "BLOB";
        }
        if (u.contains("REAL") || u.contains("FLOA") || u.contains("DOUB")) {
            return "REAL";
        }
        return "NUMERIC";
    }

    static SqlTypeName calcite(String affinity) {
        switch (affinity) {
            case "INTEGER": return SqlTypeName.BIGINT;
            case "TEXT": return SqlTypeName.VARCHAR;
            case "BLOB": return SqlTypeName.VARBINARY;
            case "REAL": return SqlTypeName.DOUBLE;
            default: return SqlTypeName.DECIMAL;
        }
    }

    /** A type as written: the words are kept (lower-cased) as its name, the affinity decides the Calcite type. */
    static ColumnType of(String words, int precision, int scale, String written) {
        String name = words.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        SqlTypeName t = calcite(affinity(name));
        if (name.equals("boolean") || name.equals("bool")) {
            t = SqlTypeName.BOOLEAN;
        } else if (name.equals("date")) {
            t = SqlTypeName.DATE;
        } else if (name.equals("datetime") || name.equals("timestamp")) {
            t = SqlTypeName.TIMESTAMP;
        }
        return new ColumnType(name.isEmpty() ? "blob" : name, t, precision, scale, false, written, false);
    }

    static ColumnType parse(String written) {
        String w = written == null ? "" : written.trim();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([^(]*?)\\s*(?:\\(\\s*([+-]?\\d+)\\s*(?:,\\s*([+-]?\\d+)\\s*)?\\))?$")
                .matcher(w);
        if (m.matches()) {
            return of(m.group(1), m.group(2) == null ? ColumnType.UNSPECIFIED : Integer.parseInt(m.group(2)),
                    m.group(3) == null ? ColumnType.UNSPECIFIED : Integer.parseInt(m.group(3)), w);
        }
        return of(w, ColumnType.UNSPECIFIED, ColumnType.UNSPECIFIED, w);
    }

    /**
     * Reads an optional type name after a column name; returns null when the column has none (BLOB affinity).
     * The stream is left at the first column constraint.
     */
    static ColumnType read(TokenStream ts) {
        int from = ts.index();
        StringBuilder words = new StringBuilder();
        while (!ts.atEnd() && ts.peek().isIdentifierLike() && !(ts.peek().kind == Token.Kind.WORD
                && CONSTRAINT_WORDS.contains(ts.peek().upper()))) {
            words.append(words.length() == 0 ? "" : " ").append(ts.next().identifier());
        }
        if (words.length() == 0) {
            return null;
        }
        int p = ColumnType.UNSPECIFIED;
        int s = ColumnType.UNSPECIFIED;
        if (ts.at("(")) {
            String inner = ts.parens();
            String[] parts = inner.split(",");
            p = number(parts[0]);
            if (parts.length > 1) {
                s = number(parts[1]);
            }
        }
        return of(words.toString(), p, s, ts.textFrom(from));
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.trim().replace("+", ""));
        } catch (NumberFormatException e) {
            return ColumnType.UNSPECIFIED;
        }
    }

    /** True when a STRICT table accepts the type: one of the six names; a STRICT column must name a type. */
    static boolean strictAllows(ColumnType t) {
        return t != null && STRICT_TYPES.contains(t.getName().toUpperCase(Locale.ROOT));
    }
}
