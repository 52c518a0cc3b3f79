package dev.schemagate.model;

import java.util.Locale;

/** Risk scale shared by every rule, policy and report. When unsure, rules say CRITICAL and explain why. */
public enum Risk {
    NONE, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Risk other) {
        return compareTo(other) >= 0;
    }

    public static Risk max(Risk a, Risk b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Parses a risk name case-insensitively; returns null when unknown. */
    public static Risk parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
