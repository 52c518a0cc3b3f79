package dev.schemagate.dialects.js;

import java.util.List;

/**
 * A condition a call runs under: the then branch of an {@code if} or {@code ?:}, its else branch (also the code
 * after {@code if (test) return;}), or a {@code switch} case. Guards of a call are listed outermost first.
 */
public final class JsGuard extends JsPlace {
    public enum Kind {
        /** Runs when {@link #getTest()} holds. */
        THEN,
        /** Runs when {@link #getTest()} does not hold. */
        ELSE,
        /**
         * Runs when {@link #getDiscriminant()} equals one of {@link #getLabels()} (the case and the cases falling
         * through into it) or, when {@link #isDefaultIncluded()}, none of {@link #getOtherLabels()}.
         */
        CASE
    }

    private final Kind kind;
    private final JsTest test;
    private final Object discriminant;
    private final List<Object> labels;
    private final boolean defaultIncluded;
    private final List<Object> otherLabels;
    private final int start;

    JsGuard(Kind kind, JsTest test, Object discriminant, List<Object> labels, boolean defaultIncluded,
            List<Object> otherLabels, int start, int line, int column, int endLine, int endColumn, String text) {
        super(line, column, endLine, endColumn, text);
        this.kind = kind;
        this.test = test;
        this.discriminant = discriminant;
        this.labels = labels;
        this.defaultIncluded = defaultIncluded;
        this.otherLabels = otherLabels;
        this.start = start;
    }

    public Kind getKind() {
        return kind;
    }

    /** The condition of THEN and ELSE, else null. */
    public JsTest getTest() {
        return test;
    }

    /** The value switched on (CASE), else null. */
    public Object getDiscriminant() {
        return discriminant;
    }

    public List<Object> getLabels() {
        return labels;
    }

    public boolean isDefaultIncluded() {
        return defaultIncluded;
    }

    public List<Object> getOtherLabels() {
        return otherLabels;
    }

    /** 0-based offset of the condition (or switch value): one number per condition, shared by its branches. */
    public int getStart() {
        return start;
    }
}
