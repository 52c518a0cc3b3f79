package dev.schemagate.dialects.postgres;

import dev.schemagate.dialects.common.Lexer;
import dev.schemagate.dialects.common.Token;
import dev.schemagate.dialects.common.TokenStream;
import dev.schemagate.model.catalog.ColumnType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Reads PostgreSQL type names (including multi-word ones such as {@code character varying(20)} and
 * {@code timestamp(3) with time zone}, arrays, and schema-qualified user types) into {@link ColumnType}s with
 * their canonical PostgreSQL name and the matching Calcite type.
 */
public final class PgTypes {
    /** A type as read, plus whether it was written as serial (an integer with a sequence default). */
    public static final class Read {
        public final ColumnType type;
        public final boolean serial;

        Read(ColumnType type, boolean serial) {
            this.type = type;
            this.serial = serial;
        }
    }

    private static final Map<String, String> ALIASES = new HashMap<>();
    private static final Map<String, SqlTypeName> SQL = new HashMap<>();

    static {
        alias("integer", SqlTypeName.INTEGER, "int", "int4", "integer");
        alias("bigint", SqlTypeName.BIGINT, "int8", "bigint");
        alias("smallint", SqlTypeName.SMALLINT, "int2", "smallint");
        alias("numeric", SqlTypeName.DECIMAL, "numeric", "decimal", "dec");
        alias("real", SqlTypeName.REAL, "real", "float4");
        alias("double precision", SqlTypeName.DOUBLE, "float8", "double precision");
        alias("boolean", SqlTypeName.BOOLEAN, "bool", "boolean");
        alias("varchar", SqlTypeName.VARCHAR, "varchar", "character varying", "char varying", "national character varying",
                "nvarchar");
        alias("char", SqlTypeName.CHAR, "char", "character", "bpchar", "nchar", "national character");
        alias("text", SqlTypeName.VARCHAR, "text");
        alias("citext", SqlTypeName.VARCHAR, "citext");
        alias("name", SqlTypeName.VARCHAR, "name");
        alias("bytea", SqlTypeName.VARBINARY, "bytea");
        alias("uuid", SqlTypeName.UUID, "uuid");
        alias("date", SqlTypeName.DATE, "date");
        alias("timestamp", SqlTypeName.TIMESTAMP, "timestamp", "timestamp without time zone");
        alias("timestamptz", SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, "timestamptz", "timestamp with time zone");
        alias("time", SqlTypeName.TIME, "time", "time without time zone");
        alias("timetz", SqlTypeName.TIME_TZ, "timetz", "time with time zone");
        alias("json", SqlTypeName.ANY, "json");
        alias("jsonb", SqlTypeName.ANY, "jsonb");
        alias("interval", SqlTypeName.ANY, "interval");
        alias("bit", SqlTypeName.ANY, "bit");
        alias("varbit", SqlTypeName.ANY, "varbit", "bit varying");
        for (String s : new String[] {"inet", "cidr", "macaddr", "macaddr8", "money", "xml", "tsvector", "tsquery", "point",
            "line", "lseg", "box", "path", "polygon", "circle", "oid", "regclass", "int4range", "int8range", "numrange",
            "tsrange", "tstzrange", "daterange", "hstore", "ltree", "vector", "halfvec", "sparsevec", "geometry",
            "geography", "jsonpath", "pg_lsn", "txid_snapshot", "record"}) {
            alias(s, SqlTypeName.ANY, s);
        }
    }

    private static void alias(String canonical, SqlTypeName sql, String... names) {
        for (String n : names) {
            ALIASES.put(n, canonical);
        }
        SQL.put(canonical, sql);
    }

    private PgTypes() {
    }

    /** Parses a type written as text, e.g. from a stats or prior-schema file. */
    public static ColumnType parse(String written) {
        TokenStream ts = new TokenStream(written, Lexer.lex(written, Lexer.Options.postgres()));
        return read(ts).type;
    }

    /** Reads a type at the cursor. */
    public static Read read(TokenStream ts) {
        int startIdx = ts.index();
        Token t = ts.next();
        if (!t.isIdentifierLike()) {
            throw ts.fail("expected a type name but found '" + t.text() + "'");
        }
        String schema = null;
        String base = PgNames.ident(t);
        boolean quoted = t.kind == Token.Kind.QUOTED_IDENT;
        if (ts.at(".") && ts.peek(1) != null && ts.peek(1).isIdentifierLike()) {
            ts.next();
            schema = base;
            Token n2 = ts.next();
            base = PgNames.ident(n2);
            quoted = n2.kind == Token.Kind.QUOTED_IDENT;
        }
        String lower = base.toLowerCase(Locale.ROOT);
        if (!quoted && (schema == null || schema.equals("pg_catalog"))) {
            if (lower.equals("double") && ts.accept("PRECISION")) {
                lower = "double precision";
            } else if ((lower.equals("character") || lower.equals("char")) && ts.accept("VARYING")) {
                lower = "character varying";
            } else if (lower.equals("national") && ts.accept("CHARACTER")) {
                lower = ts.accept("VARYING") ? "national character varying" : "national character";
            } else if (lower.equals("bit") && ts.accept("VARYING")) {
                lower = "bit varying";
            }
        }
        int precision = ColumnType.UNSPECIFIED;
        int scale = ColumnType.UNSPECIFIED;
        if (lower.equals("interval") && !quoted) {
            ts.acceptAny("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND");
            if (ts.accept("TO")) {
                ts.acceptAny("MONTH", "HOUR", "MINUTE", "SECOND");
            }
        }
        if (ts.at("(")) {
            List<String> params = ts.parenList();
            if (!params.isEmpty()) {
                precision = intOr(params.get(0));
            }
            if (params.size() > 1) {
                scale = intOr(params.get(1));
            }
        }
        if ((lower.equals("timestamp") || lower.equals("time")) && !quoted) {
            if (ts.accept("WITH", "TIME", "ZONE")) {
                lower = lower + " with time zone";
            } else {
                ts.accept("WITHOUT", "TIME", "ZONE");
            }
        }
        boolean array = false;
        while (ts.at("[")) {
            int close = ts.matching(ts.index());
            if (close < 0) {
                throw ts.fail("unbalanced '['");
            }
            ts.seek(close + 1);
            array = true;
        }
        if (ts.accept("ARRAY")) {
            array = true;
            if (ts.at("[")) {
                ts.seek(ts.matching(ts.index()) + 1);
            }
        }
        boolean serial = false;
        String canonical;
        if (!quoted && (lower.equals("serial") || lower.equals("serial4"))) {
            canonical = "integer";
            serial = true;
        } else if (!quoted && (lower.equals("bigserial") || lower.equals("serial8"))) {
            canonical = "bigint";
            serial = true;
        } else if (!quoted && (lower.equals("smallserial") || lower.equals("serial2"))) {
            canonical = "smallint";
            serial = true;
        } else if (!quoted && lower.equals("float")) {
            canonical = precision != ColumnType.UNSPECIFIED && precision <= 24 ? "real" : "double precision";
            precision = ColumnType.UNSPECIFIED;
        } else {
            canonical = quoted ? null : ALIASES.get(lower);
        }
        String written = ts.textFrom(startIdx);
        if (canonical == null) {
            String name = schema == null || schema.equals("public") ? base : schema + "." + base;
            return new Read(new ColumnType(quoted ? name : name.toLowerCase(Locale.ROOT), SqlTypeName.ANY, precision, scale,
                    array, written, true), false);
        }
        if (canonical.equals("char") && precision == ColumnType.UNSPECIFIED && !lower.equals("bpchar")) {
            precision = 1;
        }
        return new Read(new ColumnType(canonical, SQL.get(canonical), precision, scale, array, written, false), serial);
    }

    private static int intOr(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return ColumnType.UNSPECIFIED;
        }
    }

    /** True for the character types that store variable-length text. */
    public static boolean isText(ColumnType t) {
        String n = t.getName();
        return n.equals("text") || n.equals("varchar") || n.equals("citext");
    }
}
