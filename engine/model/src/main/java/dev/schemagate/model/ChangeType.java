package dev.schemagate.model;

/**
 * What a change does to the data that is already there.
 * ADDITIVE adds structure and keeps every value; TRANSFORMATIVE changes how existing data is stored or
 * constrained; DESTRUCTIVE can lose data or break readers. NONE is for statements that change no schema
 * or data (session settings, transaction control).
 */
public enum ChangeType {
    ADDITIVE("Additive"),
    TRANSFORMATIVE("Transformative"),
    DESTRUCTIVE("Destructive"),
    NONE("None");

    private final String label;

    ChangeType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ChangeType parse(String s) {
        if (s == null) {
            return null;
        }
        for (ChangeType t : values()) {
            if (t.label.equalsIgnoreCase(s.trim()) || t.name().equalsIgnoreCase(s.trim())) {
                return t;
            }
        }
        return null;
    }

    /** The more dangerous of two classifications. */
    public static ChangeType worst(ChangeType a, ChangeType b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(ChangeType t) {
        switch (t) {
            case DESTRUCTIVE: return 3;
            case TRANSFORMATIVE: return 2;
            case ADDITIVE: return 1;
            default: return 0;
        }
    }
}
