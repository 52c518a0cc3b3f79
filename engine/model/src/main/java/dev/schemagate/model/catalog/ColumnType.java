package dev.schemagate.model.catalog;

import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A column type: the dialect's canonical name (e.g. {@code varchar}, {@code timestamptz}, {@code jsonb}, or a
 * user enum), its parameters, and the Calcite type it maps to. Types without a Calcite counterpart map to
 * {@link SqlTypeName#ANY} and keep their dialect name, which rules use for dialect facts.
 */
public final class ColumnType {
    /** Marker for "no length or precision written". */
    public static final int UNSPECIFIED = -1;

    private final String name;
    private final SqlTypeName sqlType;
    private final int precision;
    private final int scale;
    private final boolean array;
    private final String written;
    private final boolean userDefined;
    private volatile RelDataType relType;

    public ColumnType(String name, SqlTypeName sqlType, int precision, int scale, boolean array, String written,
                      boolean userDefined) {
        this.name = Objects.requireNonNull(name);
        this.sqlType = sqlType == null ? SqlTypeName.ANY : sqlType;
        this.precision = precision;
        this.scale = scale;
        this.array = array;
        this.written = written == null ? name : written;
        this.userDefined = userDefined;
    }

    public static ColumnType of(String name, SqlTypeName sqlType) {
        return new ColumnType(name, sqlType, UNSPECIFIED, UNSPECIFIED, false, name, false);
    }

    public String getName() {
        return name;
    }

    public SqlTypeName getSqlType() {
        return sqlType;
    }

    /** Length for character types, precision for numeric and time types; {@link #UNSPECIFIED} when absent. */
    public int getPrecision() {
        return precision;
    }

    public int getScale() {
        return scale;
    }

    public boolean isArray() {
        return array;
    }

    public boolean isUserDefined() {
        return userDefined;
    }

    /** The type as the migration wrote it. */
    public String getWritten() {
        return written;
    }

    public boolean hasPrecision() {
        return precision != UNSPECIFIED;
    }

    /** The Calcite type (nullable), built on first use. */
    public RelDataType getRelType() {
        RelDataType t = relType;
        if (t == null) {
            t = build(TypeSystem.FACTORY);
            relType = t;
        }
        return t;
    }

    private RelDataType build(RelDataTypeFactory f) {
        RelDataType base;
        if (precision != UNSPECIFIED && sqlType.allowsPrecNoScale()) {
            if (scale != UNSPECIFIED && sqlType.allowsPrecScale(true, true)) {
                base = f.createSqlType(sqlType, precision, scale);
            } else {
                base = f.createSqlType(sqlType, precision);
            }
        } else {
            base = f.createSqlType(sqlType);
        }
        if (array) {
            base = f.createArrayType(base, -1);
        }
        return f.createTypeWithNullability(base, true);
    }

    /** Canonical text such as {@code varchar(100)}, {@code numeric(12,2)}, {@code text[]}. */
    public String display() {
        StringBuilder sb = new StringBuilder(name);
        if (precision != UNSPECIFIED) {
            sb.append('(').append(precision);
            if (scale != UNSPECIFIED) {
                sb.append(',').append(scale);
            }
            sb.append(')');
        }
        if (array) {
            sb.append("[]");
        }
        return sb.toString();
    }

    /** Same name, parameters and array-ness. */
    public boolean sameAs(ColumnType o) {
        return o != null && name.equals(o.name) && precision == o.precision && scale == o.scale && array == o.array;
    }

    @Override
    public String toString() {
        return display();
    }
}
