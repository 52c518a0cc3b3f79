package dev.schemagate.plan;

import java.util.Locale;

/** Human-readable durations and counts, the same on every machine (no locale grouping surprises). */
public final class Durations {
    private Durations() {
    }

    public static String text(double seconds) {
        if (seconds < 1) {
            return "under 1 s";
        }
        if (seconds < 120) {
            return "about " + Math.round(seconds) + " s";
        }
        if (seconds < 7200) {
            return "about " + Math.round(seconds / 60) + " min";
        }
        return String.format(Locale.ROOT, "about %.1f h", seconds / 3600);
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
