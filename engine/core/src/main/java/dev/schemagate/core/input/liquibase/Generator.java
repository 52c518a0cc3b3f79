package dev.schemagate.core.input.liquibase;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL Liquibase generates for a change element, in the dialect's words, so the dialect's reader maps it
 * into the change model. Several statements are separated by NUL. Returns null for change types it does not know.
 */
final class Generator {
    private Generator() {
    }

    /** A change element without an attribute its SQL cannot do without (a column without a name). */
    static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message, null, false, false);
        }
    }

    static String sql(Node c, Dialect d) {
        boolean pg = d == Dialect.POSTGRES;
        String t = table(c, "tableName");
        switch (c.name) {
            case "createTable": {
                List<String> parts = new ArrayList<>();
                List<String> pk = new ArrayList<>();
                for (Node col : c.children("column")) {
                    parts.add(column(col, d, pk));
                }
                if (pk.size() > 1) {
                    parts.replaceAll(p -> p.replace(" PRIMARY KEY", ""));
                    parts.add("PRIMARY KEY (" + String.join(", ", pk) + ")");
                }
                return "CREATE TABLE " + t + " (" + String.join(", ", parts) + ")";
            }
            case "addColumn": {
                List<String> stmts = new ArrayList<>();
                for (Node col : c.children("column")) {
                    stmts.add("ALTER TABLE " + t + " ADD COLUMN " + column(col, d, new ArrayList<>()));
                }
                return stmts.isEmpty() ? null : String.join("\u0000", stmts);
            }
            case "dropColumn": {
                List<String> stmts = new ArrayList<>();
                if (c.attr("columnName") != null) {
                    stmts.add("ALTER TABLE " + t + " DROP COLUMN " + c.attr("columnName"));
                }
                for (Node col : c.children("column")) {
                    stmts.add("ALTER TABLE " + t + " DROP COLUMN " + col.attr("name"));
                }
                return stmts.isEmpty() ? null : String.join("\u0000", stmts);
            }
            case "renameColumn":
                return pg || d == Dialect.SQLITE || d == Dialect.MYSQL
                        ? "ALTER TABLE " + t + " RENAME COLUMN " + c.attr("oldColumnName") + " TO " + c.attr("newColumnName")
                        : "ALTER TABLE " + t + " CHANGE " + c.attr("oldColumnName") + " " + c.attr("newColumnName") + " "
                                + type(c.attr("columnDataType"), d);
            case "renameTable":
                return "ALTER TABLE " + table(c, "oldTableName") + " RENAME TO " + c.attr("newTableName");
            case "dropTable":
                return "DROP TABLE " + t + (c.flag("cascadeConstraints") && pg ? " CASCADE" : "");
            case "modifyDataType":
                return pg ? "ALTER TABLE " + t + " ALTER COLUMN " + c.attr("columnName") + " TYPE " + type(c.attr("newDataType"), d)
                        : "ALTER TABLE " + t + " MODIFY " + c.attr("columnName") + " " + type(c.attr("newDataType"), d);
            case "addNotNullConstraint": {
                String set = pg ? "ALTER TABLE " + t + " ALTER COLUMN " + c.attr("columnName") + " SET NOT NULL"
                        : "ALTER TABLE " + t + " MODIFY " + c.attr("columnName") + " " + type(c.attr("columnDataType"), d) + " NOT NULL";
                String fill = c.attr("defaultNullValue");
                return fill == null ? set : "UPDATE " + t + " SET " + c.attr("columnName") + " = " + literal(fill)
                        + " WHERE " + c.attr("columnName") + " IS NULL\u0000" + set;
            }
            case "dropNotNullConstraint":
                return pg ? "ALTER TABLE " + t + " ALTER COLUMN " + c.attr("columnName") + " DROP NOT NULL"
                        : "ALTER TABLE " + t + " MODIFY " + c.attr("columnName") + " " + type(c.attr("columnDataType"), d) + " NULL";
            case "addDefaultValue":
                return "ALTER TABLE " + t + " ALTER COLUMN " + c.attr("columnName") + " SET DEFAULT " + defaultValue(c);
            case "dropDefaultValue":
                return "ALTER TABLE " + t + " ALTER COLUMN " + c.attr("columnName") + " DROP DEFAULT";
            case "createIndex": {
                List<String> cols = new ArrayList<>();
                for (Node col : c.children("column")) {
                    cols.add(col.attr("name") + (col.attr("descending") != null && col.flag("descending") ? " DESC" : ""));
                }
                return "CREATE " + (c.flag("unique") ? "UNIQUE " : "") + "INDEX " + name(c.attr("indexName"), d) + " ON " + t + " ("
                        + String.join(", ", cols) + ")";
            }
            case "dropIndex":
                return pg ? "DROP INDEX " + qualified(c.attr("schemaName"), name(c.attr("indexName"), d))
                        : "DROP INDEX " + name(c.attr("indexName"), d) + " ON " + t;
            case "addForeignKeyConstraint":
                return "ALTER TABLE " + table(c, "baseTableName") + " ADD CONSTRAINT " + name(c.attr("constraintName"), d)
                        + " FOREIGN KEY (" + c.attr("baseColumnNames") + ") REFERENCES "
                        + qualified(c.attr("referencedTableSchemaName"), c.attr("referencedTableName")) + " ("
                        + c.attr("referencedColumnNames") + ")" + action(" ON DELETE ", c.attr("onDelete"))
                        + action(" ON UPDATE ", c.attr("onUpdate")) + (c.flag("deleteCascade") ? " ON DELETE CASCADE" : "");
            case "dropForeignKeyConstraint":
                return "ALTER TABLE " + table(c, "baseTableName") + (pg ? " DROP CONSTRAINT " : " DROP FOREIGN KEY ")
                        + name(c.attr("constraintName"), d);
            case "addUniqueConstraint":
                return "ALTER TABLE " + t + " ADD CONSTRAINT " + name(c.attr("constraintName"), d) + " UNIQUE (" + c.attr("columnNames") + ")";
            case "dropUniqueConstraint":
                return "ALTER TABLE " + t + (pg ? " DROP CONSTRAINT " : " DROP INDEX ") + name(c.attr("constraintName"), d);
            case "addPrimaryKey":
                return "ALTER TABLE " + t + " ADD " + (name(c.attr("constraintName"), d) == null ? "" : "CONSTRAINT "
                        + name(c.attr("constraintName"), d) + " ") + "PRIMARY KEY (" + c.attr("columnNames") + ")";
            case "dropPrimaryKey":
                return "ALTER TABLE " + t + (pg ? " DROP CONSTRAINT " + name(c.attr("constraintName"), d) : " DROP PRIMARY KEY");
            case "createView":
                return "CREATE " + (c.flag("replaceIfExists") ? "OR REPLACE " : "") + "VIEW " + table(c, "viewName") + " AS "
                        + (c.attr("selectQuery") != null ? c.attr("selectQuery") : c.content());
            case "dropView":
                return "DROP VIEW " + table(c, "viewName");
            case "createSequence":
                return "CREATE SEQUENCE " + table(c, "sequenceName");
            case "dropSequence":
                return "DROP SEQUENCE " + table(c, "sequenceName");
            case "insert": {
                List<String> cols = new ArrayList<>();
                List<String> vals = new ArrayList<>();
                for (Node col : c.children("column")) {
                    cols.add(col.attr("name"));
                    vals.add(value(col));
                }
                return "INSERT INTO " + t + " (" + String.join(", ", cols) + ") VALUES (" + String.join(", ", vals) + ")";
            }
            case "update": {
                List<String> sets = new ArrayList<>();
                for (Node col : c.children("column")) {
                    sets.add(col.attr("name") + " = " + value(col));
                }
                return "UPDATE " + t + " SET " + String.join(", ", sets) + where(c);
            }
            case "delete":
                return "DELETE FROM " + t + where(c);
            default:
                return null;
        }
    }

    private static String where(Node c) {
        Node w = c.child("where");
        String s = w != null ? w.content() : c.attr("where");
        return s == null || s.isBlank() ? "" : " WHERE " + s.strip();
    }

    private static String action(String prefix, String a) {
        return a == null ? "" : prefix + a;
    }

    /**
     * A constraint or index name as Liquibase writes it: quoted when it is not a plain identifier
     * ({@code UK_J3RWUVD56ONTGSUHOGM184WW2-2} in Keycloak's changelogs), as is; null stays null.
     */
    static String name(String n, Dialect d) {
        // not Identifiers.quote: Liquibase leaves upper-case names bare, and PostgreSQL folds them as SQL files do
        if (n == null || PLAIN_NAME.matcher(n).matches()) {
            return n;
        }
        return Identifiers.delimit(d.isMysqlFamily() ? d : Dialect.POSTGRES, n);
    }

    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    static String table(Node c, String attr) {
        return qualified(c.attr("schemaName"), c.attr(attr));
    }

    private static String qualified(String schema, String name) {
        return (schema == null || schema.isBlank() ? "" : schema + ".") + name;
    }

    /** A column definition: name, type, default, and inline constraints. */
    static String column(Node col, Dialect d, List<String> pk) {
        if (col.attr("name") == null || col.attr("name").isBlank()) {
            throw new Missing("a column without a name");
        }
        StringBuilder sb = new StringBuilder(col.attr("name")).append(' ').append(type(col.attr("type"), d));
        if (col.flag("autoIncrement") && d == Dialect.POSTGRES) {
            sb.append(" GENERATED BY DEFAULT AS IDENTITY");
        } else if (col.flag("autoIncrement") && d.isMysqlFamily()) {
            sb.append(" AUTO_INCREMENT");
        }
        String def = defaultValue(col);
        if (def != null) {
            sb.append(" DEFAULT ").append(def);
        }
        Node k = col.child("constraints");
        if (k != null) {
            if ("false".equalsIgnoreCase(k.attr("nullable"))) {
                sb.append(" NOT NULL");
            }
            if (k.flag("primaryKey")) {
                sb.append(" PRIMARY KEY");
                pk.add(col.attr("name"));
            }
            if (k.flag("unique")) {
                sb.append(" UNIQUE");
            }
            String ref = k.attr("references");
            if (ref == null && k.attr("referencedTableName") != null) {
                ref = k.attr("referencedTableName") + "(" + (k.attr("referencedColumnNames") == null ? "id"
                        : k.attr("referencedColumnNames")) + ")";
            }
            if (ref != null) {
                sb.append(" REFERENCES ").append(ref);
                if (k.flag("deleteCascade")) {
                    sb.append(" ON DELETE CASCADE");
                }
            }
            if (k.attr("checkConstraint") != null) {
                sb.append(" CHECK (").append(k.attr("checkConstraint")).append(')');
            }
        }
        return sb.toString();
    }

    static String defaultValue(Node c) {
        if (c.attr("defaultValue") != null) {
            return literal(c.attr("defaultValue"));
        }
        if (c.attr("defaultValueNumeric") != null) {
            return c.attr("defaultValueNumeric");
        }
        if (c.attr("defaultValueBoolean") != null) {
            return c.attr("defaultValueBoolean").toLowerCase(Locale.ROOT);
        }
        if (c.attr("defaultValueComputed") != null) {
            return c.attr("defaultValueComputed");
        }
        if (c.attr("defaultValueDate") != null) {
            return literal(c.attr("defaultValueDate"));
        }
        return null;
    }

    private static String value(Node col) {
        if (col.attr("value") != null) {
            return literal(col.attr("value"));
        }
        if (col.attr("valueNumeric") != null) {
            return col.attr("valueNumeric");
        }
        if (col.attr("valueBoolean") != null) {
            return col.attr("valueBoolean");
        }
        if (col.attr("valueComputed") != null) {
            return col.attr("valueComputed");
        }
        if (col.attr("valueDate") != null) {
            return literal(col.attr("valueDate"));
        }
        return col.text != null ? literal(col.text.strip()) : "NULL";
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Liquibase's portable type names in the dialect's words. */
    static String type(String t, Dialect d) {
        if (t == null) {
            return "text";
        }
        String x = t.trim().replaceFirst("(?i)^java\\.sql\\.Types\\.", "");
        String lower = x.toLowerCase(Locale.ROOT);
        if (d == Dialect.POSTGRES) {
            if (lower.equals("clob") || lower.equals("longtext") || lower.equals("mediumtext")) {
                return "text";
            }
            if (lower.equals("blob") || lower.equals("longblob")) {
                return "bytea";
            }
            if (lower.startsWith("datetime")) {
                return "timestamp";
            }
            if (lower.equals("tinyint")) {
                return "smallint";
            }
            if (lower.equals("double")) {
                return "double precision";
            }
            if (lower.startsWith("nvarchar")) {
                return x.substring(1);
            }
            if (lower.equals("currency")) {
                return "decimal(18,4)";
            }
        }
        return x;
    }
}
