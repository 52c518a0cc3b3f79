package dev.schemagate.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How each SQL dialect writes a name in generated SQL: the one place that knows when a name must be quoted, with
 * which character, and how a quote character inside the name is escaped (it is doubled in all three dialects).
 * {@link #quote} quotes only when needed, for SQL meant to be read; {@link #delimit} always quotes, for SQL sent to a
 * server of unknown version or mirroring a tool that always quotes.
 *
 * <ul>
 *   <li>PostgreSQL folds unquoted names to lower case, so a name is bare only when it is already lower case
 *   ({@code [a-z_][a-z0-9_$]*}) and not a keyword outside the "unreserved" class (reserved, type/function-name and
 *   column-name keywords: the rule of the server's own {@code quote_ident}).</li>
 *   <li>MySQL and MariaDB do not fold or distinguish case by quoting, so mixed case stays bare; backticks are needed
 *   only for reserved words (MySQL 8.0/8.4 and MariaDB, case-insensitively) and names outside
 *   {@code [A-Za-z_][A-Za-z0-9_$]*}.</li>
 *   <li>SQLite compares names case-insensitively, so mixed case stays bare; every SQLite keyword is double-quoted, as
 *   the SQLite documentation advises (its fallback that lets some keywords pass bare is not guaranteed).</li>
 * </ul>
 * MongoDB has no SQL identifiers; asking for one is a programming error.
 */
public final class Identifiers {
    private static final Pattern PG_PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Pattern MYSQL_PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern SQLITE_PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** PostgreSQL 17 keywords that are not UNRESERVED (reserved, type/function-name, column-name). */
    private static final Set<String> PG_KEYWORDS = Set.of(
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "when", "where", "window", "with",
            // type or function name
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose",
            // column name
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array",
            "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar",
            "json_serialize", "json_table", "json_value", "least", "merge_action", "national", "nchar", "none",
            "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof",
            "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    /** Reserved words of MySQL 8.0 and 8.4 (marked R in the manual), plus MariaDB's own reserved words. */
    private static final Set<String> MYSQL_RESERVED = Set.of(
            "accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "asensitive", "before", "between",
            "bigint", "binary", "blob", "both", "by", "call", "cascade", "case", "change", "char", "character", "check",
            "collate", "column", "condition", "constraint", "continue", "convert", "create", "cross", "cube",
            "cume_dist", "current_date", "current_time", "current_timestamp", "current_user", "cursor", "database",
            "databases", "day_hour", "day_microsecond", "day_minute", "day_second", "dec", "decimal", "declare",
            "default", "delayed", "delete", "dense_rank", "desc", "describe", "deterministic", "distinct",
            "distinctrow", "div", "double", "drop", "dual", "each", "else", "elseif", "empty", "enclosed", "escaped",
            "except", "exists", "exit", "explain", "false", "fetch", "first_value", "float", "float4", "float8", "for",
            "force", "foreign", "from", "fulltext", "function", "generated", "get", "grant", "group", "grouping",
            "groups", "having", "high_priority", "hour_microsecond", "hour_minute", "hour_second", "if", "ignore", "in",
            "index", "infile", "inner", "inout", "insensitive", "insert", "int", "int1", "int2", "int3", "int4", "int8",
            "integer", "intersect", "interval", "into", "io_after_gtids", "io_before_gtids", "is", "iterate", "join",
            "json_table", "key", "keys", "kill", "lag", "last_value", "lateral", "lead", "leading", "leave", "left",
            "like", "limit", "linear", "lines", "load", "localtime", "localtimestamp", "lock", "long", "longblob",
            "longtext", "loop", "low_priority", "manual", "master_bind", "master_ssl_verify_server_cert", "match",
            "maxvalue", "mediumblob", "mediumint", "mediumtext", "middleint", "minute_microsecond", "minute_second",
            "mod", "modifies", "natural", "not", "no_write_to_binlog", "nth_value", "ntile", "null", "numeric", "of",
            "on", "optimize", "optimizer_costs", "option", "optionally", "or", "order", "out", "outer", "outfile",
            "over", "parallel", "partition", "percent_rank", "precision", "primary", "procedure", "purge", "qualify",
            "range", "rank", "read", "reads", "read_write", "real", "recursive", "references", "regexp", "release",
            "rename", "repeat", "replace", "require", "resignal", "restrict", "return", "revoke", "right", "rlike",
            "row", "row_number", "rows", "schema", "schemas", "second_microsecond", "select", "sensitive", "separator",
            "set", "show", "signal", "smallint", "spatial", "specific", "sql", "sqlexception", "sqlstate", "sqlwarning",
            "sql_big_result", "sql_calc_found_rows", "sql_small_result", "ssl", "starting", "stored", "straight_join",
            "system", "table", "tablesample", "terminated", "then", "tinyblob", "tinyint", "tinytext", "to",
            "trailing", "trigger", "true", "undo", "union", "unique", "unlock", "unsigned", "update", "usage", "use",
            "using", "utc_date", "utc_time", "utc_timestamp", "values", "varbinary", "varchar", "varcharacter",
            "varying", "virtual", "when", "where", "while", "window", "with", "write", "xor", "year_month", "zerofill",
            // MariaDB
            "current_role", "delete_domain_id", "do_domain_ids", "general", "ignore_domain_ids", "ignore_server_ids",
            "master_heartbeat_period", "offset", "page_checksum", "parse_vcol_expr", "position", "ref_system_id",
            "returning", "slow", "stats_auto_recalc", "stats_persistent", "stats_sample_pages");

    /** All SQLite keywords (sqlite.org/lang_keywords.html, 3.46). */
    private static final Set<String> SQLITE_KEYWORDS = Set.of(
            "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc", "attach",
            "autoincrement", "before", "begin", "between", "by", "cascade", "case", "cast", "check", "collate",
            "column", "commit", "conflict", "constraint", "create", "cross", "current", "current_date", "current_time",
            "current_timestamp", "database", "default", "deferrable", "deferred", "delete", "desc", "detach",
            "distinct", "do", "drop", "each", "else", "end", "escape", "except", "exclude", "exclusive", "exists",
            "explain", "fail", "filter", "first", "following", "for", "foreign", "from", "full", "generated", "glob",
            "group", "groups", "having", "if", "ignore", "immediate", "in", "index", "indexed", "initially", "inner",
            "insert", "instead", "intersect", "into", "is", "isnull", "join", "key", "last", "left", "like", "limit",
            "match", "materialized", "natural", "no", "not", "nothing", "notnull", "null", "nulls", "of", "offset",
            "on", "or", "order", "others", "outer", "over", "partition", "plan", "pragma", "preceding", "primary",
            "query", "raise", "range", "recursive", "references", "regexp", "reindex", "release", "rename", "replace",
            "restrict", "returning", "right", "rollback", "row", "rows", "savepoint", "select", "set", "table", "temp",
            "temporary", "then", "ties", "to", "transaction", "trigger", "unbounded", "union", "unique", "update",
            "using", "vacuum", "values", "view", "virtual", "when", "where", "window", "with", "without");

    private Identifiers() {
    }

    /** {@code name} as {@code d} needs it written: bare when that reads back as the same name, else delimited. */
    public static String quote(Dialect d, String name) {
        return needsQuotes(d, name) ? delimit(d, name) : name;
    }

    /** {@code name} always delimited: backticks for MySQL and MariaDB, double quotes otherwise; quotes inside doubled. */
    public static String delimit(Dialect d, String name) {
        String q = String.valueOf(quoteChar(d));
        return q + name.replace(q, q + q) + q;
    }

    /** A possibly schema-qualified name, each part quoted when needed. */
    public static String quote(Dialect d, QualifiedName n) {
        return n.getSchema() == null || n.getSchema().isEmpty() ? quote(d, n.getName())
                : quote(d, n.getSchema()) + "." + quote(d, n.getName());
    }

    /** Whether {@code name} written bare would be misread by {@code d} (other case, keyword, odd characters). */
    public static boolean needsQuotes(Dialect d, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        switch (d) {
            case POSTGRES:
                return !PG_PLAIN.matcher(name).matches() || PG_KEYWORDS.contains(name);
            case MYSQL:
            case MARIADB:
                return !MYSQL_PLAIN.matcher(name).matches() || MYSQL_RESERVED.contains(lower);
            case SQLITE:
                return !SQLITE_PLAIN.matcher(name).matches() || SQLITE_KEYWORDS.contains(lower);
            default:
                throw new IllegalArgumentException(d + " has no SQL identifiers");
        }
    }

    /** The character that delimits a name in {@code d}. */
    public static char quoteChar(Dialect d) {
        switch (d) {
            case POSTGRES:
            case SQLITE:
                return '"';
            case MYSQL:
            case MARIADB:
                return '`';
            default:
                throw new IllegalArgumentException(d + " has no SQL identifiers");
        }
    }
}
