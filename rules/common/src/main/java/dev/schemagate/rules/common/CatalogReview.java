package dev.schemagate.rules.common;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.review.ReviewPolicy;
import dev.schemagate.model.review.ReviewedTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Dialect-neutral design-review facts about a table of the replayed schema ({@link ReviewedTable}): missing
 * primary keys, foreign keys without an index, foreign-key columns whose type differs from the referenced column,
 * duplicate and redundant indexes, cascades that reach large tables, nullable columns a validated CHECK proves
 * filled, and what {@code require:} demands but the table lacks. Each dialect's DRL reports the hits with its own
 * SQL.
 */
public final class CatalogReview {
    /** One problem: the message, and the objects it is about (for the dialect's fix). */
    public static final class Hit {
        public final String message;
        public final List<String> columns;
        public final String object;

        public Hit(String message, List<String> columns, String object) {
            this.message = message;
            this.columns = columns == null ? List.of() : List.copyOf(columns);
            this.object = object;
        }
    }

    private CatalogReview() {
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ primary keys

    /** The table has no primary key (partitions inherit their parent's and are skipped). */
    public static boolean missingPrimaryKey(ReviewedTable t) {
        TableDef d = t.getTable();
        return d.getKind() == TableDef.Kind.TABLE && d.getPartitionOf() == null && d.primaryKey() == null && !assumed(t);
    }

    /**
     * The history changes the table but never created it (it existed before the checked migrations, and no
     * {@code --schema}, {@code --db} or earlier migration says what it holds): what it lacks is not known, so no
     * finding says it lacks something.
     */
    public static boolean assumed(ReviewedTable t) {
        return "true".equals(t.getTable().getOptions().get("assumed"));
    }

    /** Columns that would make a primary key: those of a unique index or constraint whose columns are all NOT NULL. */
    public static List<String> primaryKeyCandidate(ReviewedTable t) {
        for (IndexDef i : t.getIndexes()) {
            if (i.isUnique() && !i.isPartial() && !i.getColumns().isEmpty()
                    && i.getColumns().stream().allMatch(c -> t.column(c) != null && !t.column(c).isNullable())) {
                return i.getColumns();
            }
        }
        return List.of();
    }

    // ------------------------------------------------------------------ foreign keys

    /**
     * Foreign keys whose referencing columns no valid, non-partial btree/hash index leads with in the end state;
     * with {@code skipFlagged}, not those a change rule already reported when they were declared.
     */
    public static List<ConstraintDef> unindexedForeignKeys(ReviewedTable t, boolean skipFlagged) {
        List<ConstraintDef> out = new ArrayList<>();
        for (ConstraintDef fk : t.constraintsOf(ConstraintKind.FOREIGN_KEY)) {
            if (fk.getColumns().isEmpty() || (skipFlagged && t.flaggedForeignKey(fk.getColumns()))) {
                continue;
            }
            if (!backed(t, fk.getColumns())) {
                out.add(fk);
            }
        }
        return out;
    }

    private static boolean backed(ReviewedTable t, List<String> cols) {
        for (IndexDef i : t.getIndexes()) {
            String method = i.getMethod() == null ? "btree" : lower(i.getMethod());
            boolean usable = method.equals("btree") || (method.equals("hash") && cols.size() == 1);
            if (i.isValid() && usable && i.coversPrefix(cols)) {
                return true;
            }
        }
        return false;
    }

    /** The referenced columns of a foreign key: as written, else the referenced table's primary key. */
    public static List<String> referencedColumns(ReviewedTable t, ConstraintDef fk) {
        if (!fk.getRefColumns().isEmpty()) {
            return fk.getRefColumns();
        }
        TableDef ref = t.getCatalog().table(fk.getRefTable());
        ConstraintDef pk = ref == null ? null : ref.primaryKey();
        return pk == null ? List.of() : pk.getColumns();
    }

    /** Foreign-key columns whose type is not the referenced column's (name, length or precision). */
    public static List<Hit> foreignKeyTypeMismatches(ReviewedTable t) {
        List<Hit> out = new ArrayList<>();
        for (ConstraintDef fk : t.constraintsOf(ConstraintKind.FOREIGN_KEY)) {
            TableDef ref = t.getCatalog().table(fk.getRefTable());
            List<String> refCols = referencedColumns(t, fk);
            if (ref == null || refCols.size() != fk.getColumns().size()) {
                continue;
            }
            for (int i = 0; i < refCols.size(); i++) {
                ColumnDef mine = t.column(fk.getColumns().get(i));
                ColumnDef theirs = ref.column(refCols.get(i));
                if (mine == null || theirs == null || mine.getType().sameAs(theirs.getType())) {
                    continue;
                }
                out.add(new Hit(t.getName() + "." + mine.getName() + " is " + mine.getType().display() + " but references "
                        + ref.getName() + "." + theirs.getName() + " (" + theirs.getType().display() + ")",
                        List.of(mine.getName(), theirs.getType().display()), fk.getName()));
            }
        }
        return out;
    }

    /**
     * ON DELETE CASCADE foreign keys of this table through which one DELETE on the referenced table removes rows of a
     * large table (this one or one further down a cascade chain), by the stats.
     */
    public static List<Hit> cascadesToLargeTables(ReviewedTable t) {
        List<Hit> out = new ArrayList<>();
        for (ConstraintDef fk : t.constraintsOf(ConstraintKind.FOREIGN_KEY)) {
            if (fk.getOnDelete() == null || !lower(fk.getOnDelete()).contains("cascade")) {
                continue;
            }
            List<QualifiedName> reached = new ArrayList<>();
            reach(t, t.getName(), reached, new LinkedHashSet<>());
            QualifiedName biggest = null;
            long rows = -1;
            for (QualifiedName q : reached) {
                Long r = t.rowsOf(q);
                if (r != null && r > rows) {
                    rows = r;
                    biggest = q;
                }
            }
            if (biggest == null || rows < t.getPolicy().getLargeRows()) {
                continue;
            }
            String chain = reached.size() > 1 ? " (the cascade reaches " + names(reached) + ")" : "";
            out.add(new Hit("ON DELETE CASCADE of " + fk.getName() + ": one DELETE from " + fk.getRefTable()
                    + " deletes the referencing rows of " + biggest + String.format(" (%,d rows)", rows)
                    + chain + " in the same transaction, row by row, holding row locks until it commits",
                    fk.getColumns(), fk.getName()));
        }
        return out;
    }

    /** This table and every table a cascade from it reaches. */
    private static void reach(ReviewedTable t, QualifiedName from, List<QualifiedName> out, Set<String> seen) {
        if (!seen.add(lower(from.toString()))) {
            return;
        }
        out.add(from);
        for (TableDef child : t.getCatalog().referencing(from)) {
            for (ConstraintDef c : child.constraintsOf(ConstraintKind.FOREIGN_KEY)) {
                if (c.getOnDelete() != null && lower(c.getOnDelete()).contains("cascade")
                        && lower(c.getRefTable().getName()).equals(lower(from.getName()))) {
                    reach(t, child.getName(), out, seen);
                }
            }
        }
    }

    private static String names(List<QualifiedName> l) {
        List<String> s = new ArrayList<>();
        for (QualifiedName q : l) {
            s.add(q.toString());
        }
        return String.join(", ", s);
    }

    // ------------------------------------------------------------------ indexes

    /**
     * Indexes another index makes unnecessary: the same columns, method and predicate (a duplicate), or a non-unique
     * index whose columns lead a longer one (redundant). Unique indexes are never redundant to a longer one: they
     * enforce something.
     */
    public static List<Hit> redundantIndexes(ReviewedTable t) {
        List<Hit> out = new ArrayList<>();
        List<IndexDef> idx = t.getIndexes();
        Set<String> reported = new LinkedHashSet<>();
        for (IndexDef a : idx) {
            for (IndexDef b : idx) {
                if (a == b || a.getColumns().isEmpty() || reported.contains(lower(a.getName()))
                        || !sameMethod(a, b) || !java.util.Objects.equals(norm(a.getWhere()), norm(b.getWhere()))) {
                    continue;
                }
                List<String> ac = lowerAll(a.getColumns());
                List<String> bc = lowerAll(b.getColumns());
                boolean same = ac.equals(bc);
                if (same && a.isUnique() == b.isUnique()) {
                    // keep the one a constraint may use (pkey, key) or the first by name; report the other
                    boolean aKeeps = isConstraintIndex(t, a) || (!isConstraintIndex(t, b)
                            && lower(a.getName()).compareTo(lower(b.getName())) < 0);
                    if (!aKeeps) {
                        out.add(new Hit("Index " + a.getName() + " duplicates " + b.getName() + " (" + String.join(", ", a.getColumns())
                                + "): every write maintains both and the planner uses one", a.getColumns(), a.getName()));
                        reported.add(lower(a.getName()));
                    }
                } else if (!a.isUnique() && (same || (bc.size() > ac.size() && bc.subList(0, ac.size()).equals(ac)))) {
                    out.add(new Hit("Index " + a.getName() + " (" + String.join(", ", a.getColumns()) + ") is redundant: "
                            + b.getName() + " (" + String.join(", ", b.getColumns()) + ") leads with the same columns and"
                            + " serves the same lookups", a.getColumns(), a.getName()));
                    reported.add(lower(a.getName()));
                }
            }
        }
        return out;
    }

    private static boolean isConstraintIndex(ReviewedTable t, IndexDef i) {
        for (ConstraintDef c : t.getTable().getConstraints()) {
            if ((c.getKind() == ConstraintKind.PRIMARY_KEY || c.getKind() == ConstraintKind.UNIQUE)
                    && (lower(c.getName()).equals(lower(i.getName())) || (c.getUsingIndex() != null
                    && lower(c.getUsingIndex()).equals(lower(i.getName()))))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameMethod(IndexDef a, IndexDef b) {
        String x = a.getMethod() == null ? "btree" : lower(a.getMethod());
        String y = b.getMethod() == null ? "btree" : lower(b.getMethod());
        return x.equals(y);
    }

    private static String norm(String where) {
        return where == null ? null : lower(where.replaceAll("[()\\s]+", ""));
    }

    private static List<String> lowerAll(List<String> l) {
        List<String> out = new ArrayList<>();
        for (String s : l) {
            out.add(lower(s.replaceAll("\\s+", "")));
        }
        return out;
    }

    // ------------------------------------------------------------------ nullability

    /** Nullable columns a validated CHECK proves never NULL: the evidence that every row fills them. */
    public static List<Hit> nullableButProvenFilled(ReviewedTable t) {
        List<Hit> out = new ArrayList<>();
        for (ColumnDef c : t.getTable().getColumns()) {
            if (!c.isNullable()) {
                continue;
            }
            for (ConstraintDef k : t.constraintsOf(ConstraintKind.CHECK)) {
                if (k.isValidated() && k.provesNotNull(c.getName())) {
                    out.add(new Hit(t.getName() + "." + c.getName() + " is nullable, but the validated CHECK " + k.getName()
                            + " proves every row fills it", List.of(c.getName()), k.getName()));
                    break;
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ required by configuration

    /** What {@code require:} demands of this table and the table lacks, one hit each. */
    public static List<Hit> missingRequired(ReviewedTable t) {
        List<Hit> out = new ArrayList<>();
        ReviewPolicy.Requirement q = requirement(t);
        if (q == null) {
            return out;
        }
        // of a table the history never created only what a checked change declared is known; a MongoDB collection
        // is created by its first write or index, so there the history's indexes are all there is
        boolean unknown = assumed(t) && !mongo(t);
        String name = t.getName().toString();
        if (q.primaryKey && t.getTable().primaryKey() == null && !unknown) {
            out.add(new Hit(name + " must have a primary key (require: primary_key)", List.of(), "primary key"));
        }
        for (List<String> cols : q.uniqueIndexes) {
            if (!hasIndex(t, cols, true) && !unknown) {
                out.add(new Hit(name + " must have a unique index on (" + String.join(", ", cols) + ") (require: unique_index)",
                        cols, "unique index"));
            }
        }
        for (List<String> cols : q.indexes) {
            if (!hasIndex(t, cols, false) && !unknown) {
                out.add(new Hit(name + " must have an index leading with (" + String.join(", ", cols) + ") (require: index)",
                        cols, "index"));
            }
        }
        for (String col : q.checks) {
            if (!hasCheck(t, col) && !unknown) {
                out.add(new Hit(name + " must have a validated CHECK constraint on " + col + " (require: check)",
                        List.of(col), "check"));
            }
        }
        for (String col : q.notNull) {
            ColumnDef c = t.column(col);
            if (c == null && !unknown || c != null && c.isNullable() && !t.getTable().notNullProven(col)) {
                out.add(new Hit(name + "." + col + " must be NOT NULL (require: not_null)"
                        + (c == null ? "; the column does not exist" : ""), List.of(col), "not null"));
            }
        }
        return out;
    }

    private static ReviewPolicy.Requirement requirement(ReviewedTable t) {
        ReviewPolicy p = t.getPolicy();
        ReviewPolicy.Requirement q = p.getRequired().get(lower(t.getName().toString()));
        if (q == null) {
            q = p.getRequired().get(lower(t.getTableName()));
        }
        if (q == null && t.getName().getSchema() == null) {
            q = p.getRequired().get(lower(t.getCatalog().getDefaultSchema() + "." + t.getTableName()));
        }
        return q;
    }

    private static boolean mongo(ReviewedTable t) {
        return t.getAnchor() != null && t.getAnchor().getDialect() == dev.schemagate.model.Dialect.MONGODB;
    }

    /** MongoDB field names are case-sensitive; SQL identifiers here are compared case-insensitively. */
    private static List<String> names(ReviewedTable t, List<String> l) {
        boolean exact = mongo(t);
        List<String> out = new ArrayList<>();
        for (String s : l) {
            String n = s.replaceAll("\\s+", "");
            out.add(exact ? n : lower(n));
        }
        return out;
    }

    private static boolean hasIndex(ReviewedTable t, List<String> required, boolean unique) {
        List<String> cols = names(t, required);
        java.util.Set<String> want = new java.util.HashSet<>(cols);
        for (IndexDef i : t.getIndexes()) {
            if (!i.isValid() || i.isPartial() || (unique && !i.isUnique())) {
                continue;
            }
            List<String> ic = names(t, i.getColumns());
            if (unique ? new java.util.HashSet<>(ic).equals(want)
                    : ic.size() >= cols.size() && new java.util.HashSet<>(ic.subList(0, cols.size())).equals(want)) {
                return true;
            }
        }
        for (ConstraintDef c : t.getTable().getConstraints()) {
            if ((c.getKind() == ConstraintKind.PRIMARY_KEY || c.getKind() == ConstraintKind.UNIQUE)
                    && new java.util.HashSet<>(names(t, c.getColumns())).equals(want)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCheck(ReviewedTable t, String col) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(?i)(^|[^a-z0-9_])\"?" + java.util.regex.Pattern.quote(col)
                + "\"?($|[^a-z0-9_])");
        for (ConstraintDef c : t.constraintsOf(ConstraintKind.CHECK)) {
            if (c.isValidated() && c.getExpression() != null && p.matcher(c.getExpression()).find()) {
                return true;
            }
        }
        return false;
    }
}
