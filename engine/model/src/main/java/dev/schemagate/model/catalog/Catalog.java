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
        c.indexes.putAll(indexes);
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
            indexes.values().removeIf(i -> key(i.getTable()).equals(key(n)));
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
        for (IndexDef i : new ArrayList<>(indexes.values())) {
            if (key(i.getTable()).equals(key(from))) {
                indexes.put(indexKey(i.getTable(), i.getName()), i.withTable(target));
            }
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
        if (i == null && schema == null) {
            for (IndexDef d : indexes.values()) {
                if (d.getName().equalsIgnoreCase(name)) {
                    return d;
                }
            }
        }
        return i;
    }

    public void putIndex(IndexDef i) {
        indexes.put(indexKey(i.getTable(), i.getName()), i);
    }

    public IndexDef removeIndex(String schema, String name) {
        IndexDef i = index(schema, name);
        if (i != null) {
            indexes.remove(indexKey(i.getTable(), i.getName()));
        }
        return i;
    }

    public List<IndexDef> indexesOf(QualifiedName table) {
        List<IndexDef> out = new ArrayList<>();
        for (IndexDef i : indexes.values()) {
            if (key(i.getTable()).equals(key(table))) {
                out.add(i);
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
