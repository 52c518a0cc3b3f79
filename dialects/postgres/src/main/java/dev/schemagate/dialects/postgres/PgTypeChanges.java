package dev.schemagate.dialects.postgres;

import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.TypeChange;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * How a PostgreSQL column type change relates old and new type. PostgreSQL skips the rewrite only when the old
 * type is binary coercible to the new one (pg_cast castmethod 'b') and the type modifier does not shrink:
 * varchar growing or losing its limit, varchar to text, numeric precision growing at the same scale, time
 * precision growing, cidr to inet, citext to and from text. Everything else is decided with Calcite: the same
 * type family and a lossless cast ({@link RexUtil#isLosslessCast}) is a widening (rewrite, no data loss); the
 * same family otherwise is a narrowing; text targets accept every value; other pairs are incompatible.
 */
final class PgTypeChanges {
    private static final Set<String> TEXTLIKE = Set.of("text", "varchar", "citext");

    private PgTypeChanges() {
    }

    static TypeChange classify(ColumnType from, ColumnType to, String using, Version v) {
        if (from == null || to == null) {
            return TypeChange.UNKNOWN;
        }
        if (from.isArray() != to.isArray()) {
            return TypeChange.INCOMPATIBLE;
        }
        String f = from.getName();
        String t = to.getName();
        if (from.sameAs(to)) {
            return TypeChange.BINARY_COERCIBLE;
        }
        // character types
        if (TEXTLIKE.contains(f) && TEXTLIKE.contains(t)) {
            int fl = limit(from);
            int tl = limit(to);
            if (tl == Integer.MAX_VALUE || (fl != Integer.MAX_VALUE && tl >= fl)) {
                return TypeChange.BINARY_COERCIBLE;
            }
            return TypeChange.NARROWING;
        }
        if (f.equals("varbit") && t.equals("varbit")) {
            return limit(to) >= limit(from) ? TypeChange.BINARY_COERCIBLE : TypeChange.NARROWING;
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            if (!to.hasPrecision()) {
                return TypeChange.BINARY_COERCIBLE;
            }
            if (!from.hasPrecision()) {
                return TypeChange.NARROWING;
            }
            int fs = Math.max(from.getScale(), 0);
            int tsc = Math.max(to.getScale(), 0);
            if (fs == tsc && to.getPrecision() >= from.getPrecision()) {
                return TypeChange.BINARY_COERCIBLE;
            }
            return tsc >= fs && to.getPrecision() - tsc >= from.getPrecision() - fs ? TypeChange.WIDENING
                    : TypeChange.NARROWING;
        }
        if (f.equals(t) && Set.of("timestamp", "timestamptz", "time", "timetz", "interval").contains(f)) {
            return !to.hasPrecision() || (from.hasPrecision() && to.getPrecision() >= from.getPrecision())
                    ? TypeChange.BINARY_COERCIBLE : TypeChange.NARROWING;
        }
        if (f.equals("cidr") && t.equals("inet")) {
            return TypeChange.BINARY_COERCIBLE;
        }
        if ((f.equals("timestamp") && t.equals("timestamptz")) || (f.equals("timestamptz") && t.equals("timestamp"))) {
            // binary coercible on PostgreSQL 12+ only when the session time zone is UTC; SchemaGate cannot know it
            return TypeChange.WIDENING;
        }
        if (f.equals("char") && TEXTLIKE.contains(t)) {
            return TypeChange.WIDENING;
        }
        if (f.equals("json") && t.equals("jsonb") || f.equals("jsonb") && t.equals("json")) {
            return TypeChange.WIDENING;
        }
        if (f.equals(t) && from.isUserDefined()) {
            return TypeChange.BINARY_COERCIBLE;
        }
        // Calcite decides the rest
        if (from.getSqlType() != SqlTypeName.ANY && to.getSqlType() != SqlTypeName.ANY) {
            RelDataType a = from.getRelType();
            RelDataType b = to.getRelType();
            if (SqlTypeUtil.inSameFamily(a, b)) {
                return RexUtil.isLosslessCast(a, b) ? TypeChange.WIDENING : TypeChange.NARROWING;
            }
        }
        if (TEXTLIKE.contains(t) && limit(to) == Integer.MAX_VALUE) {
            return TypeChange.WIDENING;
        }
        return TypeChange.INCOMPATIBLE;
    }

    private static int limit(ColumnType t) {
        if (t.getName().equals("text") || t.getName().equals("citext") || !t.hasPrecision()) {
            return Integer.MAX_VALUE;
        }
        return t.getPrecision();
    }
}
