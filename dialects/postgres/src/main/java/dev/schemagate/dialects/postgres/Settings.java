package dev.schemagate.dialects.postgres;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL time settings: a bare number is milliseconds; units us, ms, s, min, h, d. */
final class Settings {
    private static final Set<String> TIME_SETTINGS = Set.of("lock_timeout", "statement_timeout",
            "idle_in_transaction_session_timeout", "transaction_timeout", "idle_session_timeout");
    private static final Pattern VALUE = Pattern.compile("(?i)^\\s*'?\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*(us|ms|s|min|h|d)?\\s*'?\\s*$");

    private Settings() {
    }

    /** The value in milliseconds for a time setting; null for other settings or values that are not times. */
    static Long millis(String name, String value) {
        if (value == null || !TIME_SETTINGS.contains(name.toLowerCase(Locale.ROOT))) {
            return null;
        }
        Matcher m = VALUE.matcher(value);
        if (!m.matches()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        double ms;
        switch (unit) {
            case "us": ms = n / 1000.0; break;
            case "s": ms = n * 1000.0; break;
            case "min": ms = n * 60_000.0; break;
            case "h": ms = n * 3_600_000.0; break;
            case "d": ms = n * 86_400_000.0; break;
            default: ms = n;
        }
        return Math.round(ms);
    }
}
