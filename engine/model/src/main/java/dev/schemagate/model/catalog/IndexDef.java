package dev.schemagate.model.catalog;

import dev.schemagate.model.QualifiedName;
import java.util.List;

/**
 * An index: its table, key columns or expressions in order, uniqueness and partial predicate, and the options its
 * statement gave that change what the index does (MongoDB {@code expireAfterSeconds}, {@code sparse},
 * {@code hidden}, {@code collation}; MySQL {@code algorithm}), by option name.
 */
public final class IndexDef {
    private final String name;
    private final QualifiedName table;
    private final List<String> columns;
    private final boolean unique;
    private final String where;
    private final String method;
    private final boolean valid;
    private java.util.Map<String, String> options = java.util.Map.of();

    public IndexDef(String name, QualifiedName table, List<String> columns, boolean unique, String where,
                    String method, boolean valid) {
        this.name = name;
        this.table = table;
        this.columns = columns == null ? List.of() : List.copyOf(columns);
        this.unique = unique;
        this.where = where;
        this.method = method;
        this.valid = valid;
    }

    public String getName() {
        return name;
    }

    public QualifiedName getTable() {
        return table;
    }

    public List<String> getColumns() {
        return columns;
    }

    public boolean isUnique() {
        return unique;
    }

    public String getWhere() {
        return where;
    }

    public boolean isPartial() {
        return where != null;
    }

    public String getMethod() {
        return method;
    }

    public boolean isValid() {
        return valid;
    }

    /** The statement's options, by name (empty when it gave none). */
    public java.util.Map<String, String> getOptions() {
        return options;
    }

    public String option(String n) {
        return options.get(n);
    }

    public IndexDef withName(String n) {
        return new IndexDef(n, table, columns, unique, where, method, valid).withOptions(options);
    }

    public IndexDef withTable(QualifiedName t) {
        return new IndexDef(name, t, columns, unique, where, method, valid).withOptions(options);
    }

    public IndexDef withColumns(List<String> c) {
        return new IndexDef(name, table, c, unique, where, method, valid).withOptions(options);
    }

    /** A copy with these options (sorted by name). */
    public IndexDef withOptions(java.util.Map<String, String> o) {
        IndexDef i = new IndexDef(name, table, columns, unique, where, method, valid);
        i.options = o == null || o.isEmpty() ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(o));
        return i;
    }

    /** True when the first key columns of this index are exactly {@code cols} (in any order within that prefix). */
    public boolean coversPrefix(List<String> cols) {
        if (cols.isEmpty() || columns.size() < cols.size() || isPartial()) {
            return false;
        }
        return new java.util.HashSet<>(columns.subList(0, cols.size())).equals(new java.util.HashSet<>(cols));
    }

    @Override
    public String toString() {
        return (unique ? "UNIQUE " : "") + name + " ON " + table + columns;
    }
}
