package dev.schemagate.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The conditions every generator's backfill of new columns is built from: which rows are not done yet (all new
 * columns still NULL) and which rows have something to write (one of the values is not NULL).
 *
 * @param notDone  {@code a IS NULL AND b IS NULL}, with the dialect's quoting
 * @param hasValue one {@code (value) IS NOT NULL} per new column that has an expression or default; empty when
 *                 the backfill has nothing to write
 */
public record BackfillTerms(String notDone, List<String> hasValue) {
    /** The terms for {@code columns}, identifiers quoted by {@code quote}. */
    public static BackfillTerms of(List<Intent.NewColumn> columns, UnaryOperator<String> quote) {
        List<String> isNull = new ArrayList<>();
        List<String> hasValue = new ArrayList<>();
        for (Intent.NewColumn nc : columns) {
            isNull.add(quote.apply(nc.name) + " IS NULL");
            String v = nc.expr != null ? nc.expr : nc.defaultExpr;
            if (v != null) {
                hasValue.add("(" + v + ") IS NOT NULL");
            }
        }
        return new BackfillTerms(String.join(" AND ", isNull), List.copyOf(hasValue));
    }
}
