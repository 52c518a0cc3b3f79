package dev.schemagate.model;

import java.util.Objects;

/**
 * A table, index, type or constraint name as the dialect normalises it (PostgreSQL folds unquoted names to
 * lower case; MySQL and SQLite compare case-insensitively). The schema may be null when the statement names none.
 */
public final class QualifiedName implements Comparable<QualifiedName> {
    private final String schema;
    private final String name;

    public QualifiedName(String schema, String name) {
        this.schema = schema == null || schema.isEmpty() ? null : schema;
        this.name = Objects.requireNonNull(name, "name");
    }

    public static QualifiedName of(String name) {
        return new QualifiedName(null, name);
    }

    public String getSchema() {
        return schema;
    }

    public String getName() {
        return name;
    }

    /** Catalog key: the name with the given default schema filled in when none was written. */
    public String key(String defaultSchema) {
        String s = schema != null ? schema : defaultSchema;
        return s == null || s.isEmpty() ? name : s + "." + name;
    }

    public QualifiedName withName(String newName) {
        return new QualifiedName(schema, newName);
    }

    /** True when {@code name} (a regex over "schema.table" or "table") matches. */
    public boolean matches(String regex) {
        return name.matches(regex) || toString().matches(regex);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QualifiedName)) {
            return false;
        }
        QualifiedName q = (QualifiedName) o;
        return Objects.equals(schema, q.schema) && name.equals(q.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, name);
    }

    @Override
    public int compareTo(QualifiedName o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
