package dev.schemagate.core;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Risk;
import dev.schemagate.model.Version;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies settings written as a map (a {@code schemagate.yaml}, a rule case's {@code config:}) to
 * {@link Settings}. Keys use snake_case or kebab-case. Unknown keys and bad values raise
 * {@link IllegalArgumentException} naming the key and what is expected.
 */
public final class SettingsKeys {
    /** The keys this class understands, for error messages and the config schema. */
    public static final List<String> KEYS = List.of("dialect", "version", "pg_version", "mysql_version",
            "mariadb_version", "sqlite_version", "mongodb_version", "fail_on", "assume_in_transaction", "lock_timeout",
            "statement_timeout", "stats", "risk", "include", "exclude", "uncertain_risk", "parse_timeout", "threads",
            "schema", "today", "thresholds", "review", "require", "max_file_mb",
            "placeholders");

    /** Keys of {@code thresholds:}; durations are stored in milliseconds. */
    public static final List<String> THRESHOLDS = List.of("multi_phase_rows", "max_lock_timeout", "batch_size");

    private static final Pattern DURATION = Pattern.compile("(?i)^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|min|m|h)?\\s*$");

    private SettingsKeys() {
    }

    public static void apply(Settings s, Map<String, Object> map) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            applyOne(s, e.getKey(), e.getValue());
        }
    }

    /** Applies one key (snake_case or kebab-case); throws {@link IllegalArgumentException} on a bad key or value. */
    public static void applyOne(Settings s, String key, Object value) {
        apply(s, normalise(key), value);
    }

    /** {@code fail-on} and {@code Fail_On} become {@code fail_on}. */
    public static String normalise(String key) {
        return key.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static void apply(Settings s, String key, Object v) {
        switch (key) {
            case "dialect": {
                Dialect d = Dialect.parse(str(key, v));
                if (d == null) {
                    throw bad(key, v, "postgres, mysql, mariadb, sqlite or mongodb");
                }
                s.setDialect(d);
                break;
            }
            case "version": {
                Dialect d = s.getDialect() != null ? s.getDialect() : Dialect.POSTGRES;
                s.setVersion(d, version(key, v));
                break;
            }
            case "pg_version": s.setVersion(Dialect.POSTGRES, version(key, v)); break;
            case "mysql_version": s.setVersion(Dialect.MYSQL, version(key, v)); break;
            case "mariadb_version": s.setVersion(Dialect.MARIADB, version(key, v)); break;
            case "sqlite_version": s.setVersion(Dialect.SQLITE, version(key, v)); break;
            case "mongodb_version": s.setVersion(Dialect.MONGODB, version(key, v)); break;
            case "fail_on": s.setFailOn(risk(key, v)); break;
            case "uncertain_risk": s.setUncertainRisk(risk(key, v)); break;
            case "assume_in_transaction": s.setAssumeInTransaction(bool(key, v)); break;
            case "lock_timeout": s.setExternalLockTimeoutMs(millis(key, v)); break;
            case "statement_timeout": s.setExternalStatementTimeoutMs(millis(key, v)); break;
            case "parse_timeout": s.setParseTimeoutMs(millis(key, v)); break;
            case "threads": s.setThreads((int) number(key, v)); break;
            case "max_file_mb": s.setMaxFileBytes((long) (Math.max(1, Math.min(1 << 20, number(key, v))) * 1024 * 1024)); break;
            case "include": s.getInclude().addAll(list(key, v)); break;
            case "exclude": s.getExclude().addAll(list(key, v)); break;
            case "schema": s.getSchemaFiles().addAll(list(key, v)); break;
            case "today": s.setToday(date(key, v)); break;
            case "thresholds": {
                if (!(v instanceof Map)) {
                    throw bad(key, v, "a mapping of " + String.join(", ", THRESHOLDS) + " to numbers");
                }
                for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                    threshold(s, normalise(e.getKey()), e.getValue());
                }
                break;
            }
            case "risk": {
                if (!(v instanceof Map)) {
                    throw bad(key, v, "a mapping of rule id to NONE, LOW, MEDIUM, HIGH or CRITICAL");
                }
                for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                    s.getRiskOverrides().put(e.getKey(), risk("risk." + e.getKey(), e.getValue()));
                }
                break;
            }
            case "stats": {
                if (!(v instanceof Map)) {
                    throw bad(key, v, "a mapping of table name to {rows, bytes, writes_per_second}");
                }
                for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                    s.getStats().put(e.getKey(), stats("stats." + e.getKey(), e.getValue()));
                }
                break;
            }
            case "placeholders": {
                if (!(v instanceof Map)) {
                    throw bad(key, v, "a mapping of Flyway placeholder name to its value");
                }
                for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                    Object pv = e.getValue();
                    if (pv == null || pv instanceof Map || pv instanceof Collection) {
                        throw bad("placeholders." + e.getKey(), pv, "a text, number or boolean");
                    }
                    s.getPlaceholders().put(e.getKey(), String.valueOf(pv));
                }
                break;
            }
            case "review": review(s.getReview(), v); break;
            case "require": ReviewKeys.require(s.getReview(), v); break;
            default:
                throw new IllegalArgumentException("unknown setting '" + key + "' (known: " + String.join(", ", KEYS) + ")");
        }
    }

    /** Sets one threshold; throws {@link IllegalArgumentException} on an unknown key or a bad value. */
    public static void threshold(Settings s, String key, Object v) {
        switch (key) {
            case "max_lock_timeout": s.getThresholds().put(key, millis("thresholds." + key, v)); break;
            case "multi_phase_rows":
            case "batch_size": {
                double n = number("thresholds." + key, v);
                if (n < 1 || n != Math.rint(n)) {
                    throw bad("thresholds." + key, v, "a whole number of rows, at least 1");
                }
                s.getThresholds().put(key, (long) n);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown threshold '" + key + "' (known: " + String.join(", ", THRESHOLDS) + ")");
        }
    }

    /** A date written YYYY-MM-DD. */
    public static java.time.LocalDate date(String key, Object v) {
        if (v instanceof java.time.LocalDate) {
            return (java.time.LocalDate) v;
        }
        try {
            return java.time.LocalDate.parse(str(key, v).trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw bad(key, v, "a date written YYYY-MM-DD, such as 2026-05-31");
        }
    }

    @SuppressWarnings("unchecked")
    private static void review(dev.schemagate.model.review.ReviewPolicy r, Object v) {
        if (!(v instanceof Map)) {
            r.setAll(bool("review", v));
            return;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
            String k = normalise(e.getKey());
            String full = "review." + k;
            switch (k) {
                case "all": r.setAll(bool(full, e.getValue())); break;
                case "large_table_rows": r.setLargeRows((long) number(full, e.getValue())); break;
                case "embedding_dimension": ReviewKeys.embedding(r, full, e.getValue()); break;
                default: throw new IllegalArgumentException("unknown key '" + full
                        + "' (known: all, large_table_rows, embedding_dimension)");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Settings.TableStats stats(String key, Object v) {
        if (v instanceof Number) {
            return new Settings.TableStats(((Number) v).longValue(), null, null);
        }
        if (!(v instanceof Map)) {
            throw bad(key, v, "a row count or {rows, bytes, writes_per_second}");
        }
        Settings.TableStats t = new Settings.TableStats();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
            String k = e.getKey().replace('-', '_');
            switch (k) {
                case "rows": t.rows = (long) number(key + ".rows", e.getValue()); break;
                case "bytes": t.bytes = bytes(key + ".bytes", e.getValue()); break;
                case "writes_per_second": t.writesPerSecond = number(key + "." + k, e.getValue()); break;
                default: throw new IllegalArgumentException("unknown key '" + key + "." + k
                        + "' (known: rows, bytes, writes_per_second)");
            }
        }
        return t;
    }

    private static long bytes(String key, Object v) {
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        Matcher m = Pattern.compile("(?i)^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(b|kb|mb|gb|tb)?\\s*$").matcher(String.valueOf(v));
        if (!m.matches()) {
            throw bad(key, v, "a byte count such as 1048576 or 12GB");
        }
        double n = Double.parseDouble(m.group(1));
        String u = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int pow = "bkmgt".indexOf(u.charAt(0));
        return Math.round(n * Math.pow(1024, Math.max(pow, 0)));
    }

    private static String str(String key, Object v) {
        if (v == null || v instanceof Map || v instanceof Collection) {
            throw bad(key, v, "a single value");
        }
        return String.valueOf(v);
    }

    private static String version(String key, Object v) {
        String s = str(key, v);
        try {
            Version.parse(s);
        } catch (IllegalArgumentException e) {
            throw bad(key, v, "a version such as 17 or 8.0.29");
        }
        return s;
    }

    private static Risk risk(String key, Object v) {
        Risk r = Risk.parse(str(key, v));
        if (r == null) {
            throw bad(key, v, "NONE, LOW, MEDIUM, HIGH or CRITICAL");
        }
        return r;
    }

    static Boolean bool(String key, Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        String s = str(key, v).toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("yes")) {
            return true;
        }
        if (s.equals("false") || s.equals("no")) {
            return false;
        }
        throw bad(key, v, "true or false");
    }

    static double number(String key, Object v) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        try {
            return Double.parseDouble(str(key, v).replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number");
        }
    }

    /** A duration such as 2s, 500ms, 1min or a bare number of milliseconds. */
    public static long millis(String key, Object v) {
        if (v instanceof Number) {
            return ((Number) v).longValue();
        }
        Matcher m = DURATION.matcher(str(key, v));
        if (!m.matches()) {
            throw bad(key, v, "a duration such as 2s, 500ms or 1min");
        }
        double n = Double.parseDouble(m.group(1));
        String u = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        switch (u) {
            case "s": return Math.round(n * 1000);
            case "min": case "m": return Math.round(n * 60_000);
            case "h": return Math.round(n * 3_600_000);
            default: return Math.round(n);
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> list(String key, Object v) {
        if (v instanceof Collection) {
            return ((Collection<Object>) v).stream().map(String::valueOf).toList();
        }
        if (v instanceof String) {
            return List.of(((String) v).split("[\\s,]+"));
        }
        throw bad(key, v, "a list");
    }

    static IllegalArgumentException bad(String key, Object v, String expected) {
        return new IllegalArgumentException("setting '" + key + "' is " + (v == null ? "empty" : "'" + v + "'")
                + "; expected " + expected);
    }
}
