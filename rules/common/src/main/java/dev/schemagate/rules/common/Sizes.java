package dev.schemagate.rules.common;

import dev.schemagate.model.change.Change;

/** Table-size facts for rules: what counts as small, and how sizes read in messages. */
public final class Sizes {
    /** Below this many rows a blocking statement finishes in well under a second. */
    public static final long SMALL_ROWS = 10_000;

    private Sizes() {
    }

    /** True when a stats file or live database says the table holds fewer than {@link #SMALL_ROWS} rows. */
    public static boolean isSmall(Change c) {
        return c.getCtx() != null && c.getCtx().rowsBelow(SMALL_ROWS);
    }

    /** " (1,234,567 rows)" when the size is known, "" otherwise. */
    public static String rows(Change c) {
        Long r = c.getCtx() == null ? null : c.getCtx().getRows();
        return r == null ? "" : String.format(" (%,d rows)", r);
    }
}
