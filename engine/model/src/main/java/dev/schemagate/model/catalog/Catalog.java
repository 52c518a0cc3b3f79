package dev.schemagate.model.catalog;

import dev.schemagate.model.QualifiedName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The schema as replayed so far: tables (with columns, constraints and sizes), indexes, user types and
 * schemas. Unqualified names resolve in the dialect's default schema ({@code public} for PostgreSQL). Keys are
 * case-insensitive; iteration order is sorted so reports are deterministic.
 */
public final class Catalog {
    private final String defaultSchema;
    private final TreeMap<String, TableDef> tables = new TreeMap<>();
    private final TreeMap<String, IndexDef> indexes = new TreeMap<>();
    /** Index keys per table key, so looking up a table's indexes does not scan every index. */
    private final java.util.HashMap<String, java.util.TreeSet<String>> indexesByTable = new java.util.HashMap<>();
    /** Indexes ever put outside the default schema; while zero, a by-name lookup needs no scan. */
    private int outsideDefaultSchema;
    private final TreeMap<String, TypeDef> types = new TreeMap<>();
    private final TreeMap<String, String> schemas = new TreeMap<>();

    public Catalog(String defaultSchema) {
        this.defaultSchema = defaultSchema == null ? "" : defaultSchema;
        if (!this.defaultSchema.isEmpty()) {
            schemas.put(this.defaultSchema, this.defaultSchema);
        }
    }

    public String getDefaultSchema() {
        return defaultSchema;
    }

    public Catalog copy() {
        Catalog c = new Catalog(defaultSchema);
        tables.forEach((k, v) -> c.tables.put(k, v.copy()));
        indexes.values().forEach(c::putIndex);
        types.forEach((k, v) -> c.types.put(k, v.copy()));
        c.schemas.putAll(schemas);
        return c;
    }

    private String key(QualifiedName n) {
        return n.key(defaultSchema).toLowerCase(Locale.ROOT);
    }

    public TableDef table(QualifiedName n) {
        return n == null ? null : tables.get(key(n));
    }

    public boolean hasTable(QualifiedName n) {
        return table(n) != null;
    }

    public Collection<TableDef> tables() {
        return tables.values();
    }

    public TableDef putTable(TableDef t) {
        tables.put(key(t.getName()), t);
        return t;
    }

    public TableDef dropTable(QualifiedName n) {
        TableDef t = tables.remove(key(n));
        if (t != null) {
            java.util.TreeSet<String> keys = indexesByTable.remove(key(n));
            if (keys != null) {
                keys.forEach(indexes::remove);
            }
        }
        return t;
    }

    public void renameTable(QualifiedName from, QualifiedName to) {
        TableDef t = tables.remove(key(from));
        if (t == null) {
            return;
        }
        QualifiedName target = to.getSchema() == null && from.getSchema() != null
                ? new QualifiedName(from.getSchema(), to.getName()) : to;
        t.setName(target);
        tables.put(key(target), t);
        for (IndexDef i : indexesOf(from)) {
            removeIndexEntry(i);
            putIndex(i.withTable(target));
        }
    }

    private String indexKey(QualifiedName table, String indexName) {
        String schema = table != null && table.getSchema() != null ? table.getSchema() : defaultSchema;
        return (schema + "." + indexName).toLowerCase(Locale.ROOT);
    }

    /** Finds an index by name; {@code schema} may be null for the default schema. */
    public IndexDef index(String schema, String name) {
        String s = schema != null ? schema : defaultSchema;
        IndexDef i = indexes.get((s + "." + name).toLowerCase(Locale.ROOT));
        if (i == null && schema == null && outsideDefaultSchema > 0) {
            for (IndexDef d : indexes.values()) {
                if (d.getName().equalsIgnoreCase(name)) {
                    return d;
                }
            }
        }
        return i;
    }

    public void putIndex(IndexDef i) {
        String k = indexKey(i.getTable(), i.getName());
        if (!k.startsWith(defaultSchema.toLowerCase(Locale.ROOT) + ".")) {
            outsideDefaultSchema++;
        }
        IndexDef old = indexes.put(k, i);
        if (old != null && old.getTable() != null) {
            java.util.TreeSet<String> keys = indexesByTable.get(key(old.getTable()));
            if (keys != null) {
                keys.remove(k);
            }
        }
        if (i.getTable() != null) {
            indexesByTable.computeIfAbsent(key(i.getTable()), x -> new java.util.TreeSet<>()).add(k);
        }
    }

    private void removeIndexEntry(IndexDef i) {
        String k = indexKey(i.getTable(), i.getName());
        indexes.remove(k);
        if (i.getTable() != null) {
            java.util.TreeSet<String> keys = indexesByTable.get(key(i.getTable()));
            if (keys != null) {
                keys.remove(k);
            }
        }
    }

    public IndexDef removeIndex(String schema, String name) {
        IndexDef i = index(schema, name);
        if (i != null) {
            removeIndexEntry(i);
        }
        return i;
    }

    /** The table's indexes, sorted by schema-qualified index name. */
    public List<IndexDef> indexesOf(QualifiedName table) {
        List<IndexDef> out = new ArrayList<>();
        java.util.TreeSet<String> keys = table == null ? null : indexesByTable.get(key(table));
        if (keys != null) {
            for (String k : keys) {
                out.add(indexes.get(k));
            }
        }
        return out;
    }

    public Collection<IndexDef> indexes() {
        return indexes.values();
    }

    public TypeDef type(QualifiedName n) {
        return n == null ? null : types.get(key(n));
    }

    public void putType(TypeDef t) {
        types.put(key(t.getName()), t);
    }

    public TypeDef removeType(QualifiedName n) {
        return types.remove(key(n));
    }

    public Collection<TypeDef> types() {
        return types.values();
    }

    public void putSchema(String s) {
        schemas.put(s.toLowerCase(Locale.ROOT), s);
    }

    public boolean hasSchema(String s) {
        return schemas.containsKey(s.toLowerCase(Locale.ROOT));
    }

    public void dropSchema(String s) {
        schemas.remove(s.toLowerCase(Locale.ROOT));
        String prefix = s.toLowerCase(Locale.ROOT) + ".";
        tables.keySet().removeIf(k -> k.startsWith(prefix));
        indexes.keySet().removeIf(k -> k.startsWith(prefix));
        indexesByTable.keySet().removeIf(k -> k.startsWith(prefix));
        indexesByTable.values().forEach(keys -> keys.removeIf(k -> k.startsWith(prefix)));
        types.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Tables whose foreign keys reference {@code table}. */
    public List<TableDef> referencing(QualifiedName table) {
        List<TableDef> out = new ArrayList<>();
        for (TableDef t : tables.values()) {
            for (ConstraintDef c : t.getConstraints()) {
                if (c.getKind() == ConstraintKind.FOREIGN_KEY && c.getRefTable() != null
                        && key(c.getRefTable()).equals(key(table))) {
                    out.add(t);
                    break;
                }
            }
        }
        return out;
    }
}
