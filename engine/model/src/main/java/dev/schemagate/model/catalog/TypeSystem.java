package dev.schemagate.model.catalog;

import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The Calcite type system shared by every catalog. Limits are raised to what real databases allow
 * (PostgreSQL numeric goes to 1000 digits, varchar to 10 MB), so declared types are never clamped.
 */
public final class TypeSystem {
    public static final RelDataTypeSystem SYSTEM = new RelDataTypeSystemImpl() {
        @Override
        public int getMaxPrecision(SqlTypeName typeName) {
            switch (typeName) {
                case DECIMAL:
                    return 1000;
                case VARCHAR: case CHAR: case VARBINARY: case BINARY:
                    return 10_485_760;
                default:
                    return super.getMaxPrecision(typeName);
            }
        }

        @Override
        public int getMaxScale(SqlTypeName typeName) {
            return typeName == SqlTypeName.DECIMAL ? 1000 : super.getMaxScale(typeName);
        }
    };

    public static final RelDataTypeFactory FACTORY = new SqlTypeFactoryImpl(SYSTEM);

    private TypeSystem() {
    }
}
