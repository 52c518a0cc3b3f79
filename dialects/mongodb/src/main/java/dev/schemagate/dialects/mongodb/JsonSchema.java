package dev.schemagate.dialects.mongodb;

import dev.schemagate.model.catalog.ColumnType;
import dev.schemagate.model.change.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Reads a {@code $jsonSchema} validator: top-level properties become columns typed as Calcite types where the schema
 * states a {@code bsonType} (or JSON {@code type}); {@code required} properties are NOT NULL.
 */
final class JsonSchema {
    private JsonSchema() {
    }

    /** The {@code $jsonSchema} part of a validator, or null when it has none. */
    static Map<?, ?> of(Object validator) {
        if (validator instanceof Map && ((Map<?, ?>) validator).get("$jsonSchema") instanceof Map) {
            return (Map<?, ?>) ((Map<?, ?>) validator).get("$jsonSchema");
        }
        return null;
    }

    static List<String> required(Map<?, ?> schema) {
        List<String> out = new ArrayList<>();
        if (schema != null && schema.get("required") instanceof List) {
            for (Object o : (List<?>) schema.get("required")) {
                if (o instanceof String) {
                    out.add((String) o);
                }
            }
        }
        return out;
    }

    static List<ColumnSpec> columns(Map<?, ?> schema) {
        List<ColumnSpec> out = new ArrayList<>();
        if (schema == null || !(schema.get("properties") instanceof Map)) {
            return out;
        }
        List<String> required = required(schema);
        for (Map.Entry<?, ?> e : ((Map<?, ?>) schema.get("properties")).entrySet()) {
            String name = String.valueOf(e.getKey());
            Object spec = e.getValue();
            Object t = spec instanceof Map ? ((Map<?, ?>) spec).get("bsonType") : null;
            if (t == null && spec instanceof Map) {
                t = ((Map<?, ?>) spec).get("type");
            }
            boolean nullable = false;
            String chosen = null;
            if (t instanceof String) {
                chosen = (String) t;
            } else if (t instanceof List) {
                for (Object x : (List<?>) t) {
                    if ("null".equals(x)) {
                        nullable = true;
                    } else if (chosen == null && x instanceof String) {
                        chosen = (String) x;
                    } else if (x instanceof String) {
                        chosen = "mixed";
                    }
                }
            }
            ColumnType type = ColumnType.of(chosen == null ? "any" : chosen, sqlType(chosen));
            out.add(ColumnSpec.simple(name, type, required.contains(name) && !nullable));
        }
        return out;
    }

    /** The Calcite type of a BSON (or JSON Schema) type name. */
    static SqlTypeName sqlType(String bson) {
        if (bson == null) {
            return SqlTypeName.ANY;
        }
        switch (bson) {
            case "string": case "regex": case "javascript": case "symbol": return SqlTypeName.VARCHAR;
            case "int": return SqlTypeName.INTEGER;
            case "long": case "integer": return SqlTypeName.BIGINT;
            case "double": case "number": return SqlTypeName.DOUBLE;
            case "decimal": return SqlTypeName.DECIMAL;
            case "bool": case "boolean": return SqlTypeName.BOOLEAN;
            case "date": case "timestamp": return SqlTypeName.TIMESTAMP;
            case "objectId": return SqlTypeName.BINARY;
            case "binData": return SqlTypeName.VARBINARY;
            case "object": return SqlTypeName.MAP;
            case "array": return SqlTypeName.ARRAY;
            case "null": return SqlTypeName.NULL;
            default: return SqlTypeName.ANY;
        }
    }
}
