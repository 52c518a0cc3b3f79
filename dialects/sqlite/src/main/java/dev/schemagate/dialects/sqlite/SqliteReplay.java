package dev.schemagate.dialects.sqlite;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What SQLite's rules need to know beyond the shared catalog, worked out while the migrations replay in order
 * (the dialect sees every change, with the catalog as it was just before it). It keeps the triggers and views
 * (name, table, text), the last {@code PRAGMA foreign_keys} and {@code legacy_alter_table} values, and the tables
 * created, copied into, dropped and renamed, so that it can recognise a table rebuild (create new, copy, drop old,
 * rename new; or the rename-the-old-table-first variant) across statements and files. It writes its conclusions as
 * options on the changes (keys in {@link SqliteFacts}); options on an earlier change may be updated by a later one
 * (an index re-created after the rebuild), which is fine because rules only run once the whole replay is done.
 */
final class SqliteReplay {
    private static final class Trigger {
        final String name;
        String table;
        final String text;

        Trigger(String name, String table, String text) {
            this.name = name;
            this.table = table;
            this.text = text;
        }
    }

    /** A rebuild in progress: the old table's drop, the new table, and what the drop lost that is not back yet. */
    private static final class Rebuild {
        final DropTable drop;
        final String newKey;
        final String droppedKey;
        String finalKey;
        final List<String[]> missing = new ArrayList<>(); // {kind, name, columns, "unique" or ""}
        boolean renamed;

        Rebuild(DropTable drop, String droppedKey, String newKey) {
            this.drop = drop;
            this.droppedKey = droppedKey;
            this.newKey = newKey;
            this.finalKey = newKey;
        }

        boolean on(String key) {
            return key.equals(newKey) || key.equals(finalKey);
        }

        void publish() {
            List<String> parts = new ArrayList<>();
            for (String[] m : missing) {
                parts.add(m[0] + " " + m[1] + (m[2].isEmpty() ? "" : " (" + m[2] + ")"));
            }
            drop.setOption(SqliteFacts.REBUILD_MISSING, String.join("; ", parts));
        }
    }

    private static final class Dropped {
        final DropTable drop;
        final List<String[]> lost;

        Dropped(DropTable drop, List<String[]> lost) {
            this.drop = drop;
            this.lost = lost;
        }
    }

    private final Map<String, Trigger> triggers = new LinkedHashMap<>();
    private final Map<String, String> views = new LinkedHashMap<>();
    private final Set<String> created = new LinkedHashSet<>();
    /** "table.column" keys known to hold no NULL: an earlier UPDATE filled them or a DELETE removed the NULL rows. */
    private final Set<String> filled = new LinkedHashSet<>();
    private final Map<String, DataChange> copyBySource = new LinkedHashMap<>();
    private final Map<String, Dropped> dropped = new LinkedHashMap<>();
    private final Map<String, RenameTable> renamedAway = new LinkedHashMap<>();
    private final List<Rebuild> rebuilds = new ArrayList<>();
    private String foreignKeys = "unset";
    private boolean legacyAlterTable;

    void observe(Change c, Catalog cat, Version version) {
        if (c instanceof SetSetting) {
            SetSetting s = (SetSetting) c;
            if (s.getName().equals("foreign_keys")) {
                foreignKeys = SqliteFacts.isOn(s.getValue()) ? "on" : SqliteFacts.isOff(s.getValue()) ? "off" : foreignKeys;
            } else if (s.getName().equals("legacy_alter_table")) {
                legacyAlterTable = SqliteFacts.isOn(s.getValue());
            }
            return;
        }
        if (c instanceof TriggerChange) {
            trigger((TriggerChange) c, cat);
        } else if (c instanceof OtherDdl) {
            view((OtherDdl) c);
        } else if (c instanceof CreateTable) {
            createTable((CreateTable) c, cat);
        } else if (c instanceof DataChange) {
            DataChange d = (DataChange) c;
            String src = d.option(SqliteMapper.SOURCE_TABLE);
            if ("INSERT".equals(d.getOperation()) && src != null) {
                copyBySource.put(key(cat, src), d);
            }
            noteFilled(d, cat);
        } else if (c instanceof AddColumn) {
            c.setOption(SqliteFacts.FOREIGN_KEYS, foreignKeys);
            TableDef t = cat.table(c.getTable());
            if (t != null && "true".equals(t.getOptions().get("strict"))) {
                c.setOption(SqliteFacts.STRICT, "true");
            }
        } else if (c instanceof DropColumn) {
            dropColumn((DropColumn) c, cat);
        } else if (c instanceof CreateIndex) {
            CreateIndex ci = (CreateIndex) c;
            String k = key(cat, ci.getTable());
            for (Rebuild r : rebuilds) {
                if (r.on(k) && r.missing.removeIf(m -> replaces(m, ci.getIndex().getName(), ci.getIndex().getColumns(),
                        ci.getIndex().isUnique()))) {
                    r.publish();
                }
            }
        } else if (c instanceof DropTable) {
            dropTable((DropTable) c, cat);
        } else if (c instanceof RenameTable) {
            renameTable((RenameTable) c, cat, version);
        } else if (c instanceof RenameColumn && legacyAlterTable) {
            c.setOption(SqliteFacts.LEGACY_ALTER_TABLE, "on");
        }
    }

    /** Records columns an UPDATE fills for every NULL row, or a DELETE rids of NULLs (Atlas' "filled before"). */
    private void noteFilled(DataChange d, Catalog cat) {
        String t = key(cat, d.getTable());
        String where = d.option(SqliteMapper.WHERE);
        if ("UPDATE".equals(d.getOperation()) && d.option(SqliteMapper.FILLED_COLUMNS) != null) {
            for (String col : d.option(SqliteMapper.FILLED_COLUMNS).split(",")) {
                if (where == null || isNullTest(col).matcher(where).find()) {
                    filled.add(t + "." + lower(col));
                }
            }
        } else if ("DELETE".equals(d.getOperation()) && where != null) {
            java.util.regex.Matcher m = Pattern.compile("(?i)([\\w\"`\\[\\]]+)\\s+IS\\s+NULL").matcher(where);
            while (m.find()) {
                filled.add(t + "." + lower(SqliteMapper.unquote(m.group(1).replaceAll("^\\[|]$", ""))));
            }
        }
    }

    private static Pattern isNullTest(String col) {
        return Pattern.compile("(?i)(?<![A-Za-z0-9_$])[\"`\\[]?" + Pattern.quote(col) + "[\"`\\]]?\\s+IS\\s+NULL");
    }

    private void trigger(TriggerChange t, Catalog cat) {
        String name = lower(t.getTriggerName());
        if (t.getAction().equals("create")) {
            String table = key(cat, t.getTable());
            triggers.put(name, new Trigger(t.getTriggerName(), table, t.getStatement().getText()));
            for (Rebuild r : rebuilds) {
                if (r.on(table) && r.missing.removeIf(m -> m[0].equals("trigger") && m[1].equalsIgnoreCase(name))) {
                    r.publish();
                }
            }
        } else if (t.getAction().equals("drop")) {
            Trigger old = triggers.remove(name);
            if (old != null && t.getTable() == null) {
                t.resolveTable(QualifiedName.of(old.table.substring(old.table.indexOf('.') + 1)));
            }
        }
    }

    private void view(OtherDdl o) {
        if (!"VIEW".equals(o.getObjectKind()) || o.getName() == null) {
            return;
        }
        String n = lower(o.getName());
        if (o.getAction().equals("DROP")) {
            views.remove(n);
            return;
        }
        views.put(n, o.getStatement().getText());
        for (Rebuild r : rebuilds) {
            if (r.missing.removeIf(m -> m[0].equals("view") && m[1].equalsIgnoreCase(o.getName()))) {
                r.publish();
            }
        }
    }

    private void createTable(CreateTable ct, Catalog cat) {
        String k = key(cat, ct.getTable());
        created.add(k);
        RenameTable away = renamedAway.remove(k);
        if (away != null) {
            away.setOption(SqliteFacts.RENAME_OLD_FIRST, ct.getTable().getName());
        }
        String src = ct.getTableOptions().get("as_select_from");
        if (src != null) {
            DataChange copy = new DataChange(ct.getStatement(), ct.getTable(), "INSERT", false, true);
            copy.setOption(SqliteMapper.SELECT_COLUMNS, "*");
            copyBySource.put(key(cat, src), copy);
        }
    }

    private void dropColumn(DropColumn d, Catalog cat) {
        TableDef t = cat.table(d.getTable());
        if (t == null) {
            return;
        }
        String col = d.getColumnName();
        Pattern word = word(col);
        List<String> why = new ArrayList<>();
        for (ConstraintDef k : t.getConstraints()) {
            boolean names = k.getColumns().stream().anyMatch(col::equalsIgnoreCase);
            switch (k.getKind()) {
                case PRIMARY_KEY:
                    if (names) {
                        why.add("it is " + (k.getColumns().size() > 1 ? "part of " : "") + "the PRIMARY KEY");
                    }
                    break;
                case UNIQUE:
                    if (names) {
                        why.add("it has a UNIQUE constraint");
                    }
                    break;
                case FOREIGN_KEY:
                    if (names) {
                        why.add("it is used in a FOREIGN KEY to " + k.getRefTable());
                    }
                    break;
                case CHECK:
                    boolean own = k.getColumns().size() == 1 && names;
                    if (!own && k.getExpression() != null && word.matcher(k.getExpression()).find()) {
                        why.add("it is named in CHECK (" + k.getExpression() + ")");
                    }
                    break;
                default:
                    break;
            }
        }
        for (IndexDef i : cat.indexesOf(t.getName())) {
            if (t.constraint(i.getName()) != null) {
                continue;
            }
            if (i.getColumns().stream().anyMatch(x -> x.equalsIgnoreCase(col) || word.matcher(x).find())) {
                why.add("index " + i.getName() + " uses it");
            } else if (i.getWhere() != null && word.matcher(i.getWhere()).find()) {
                why.add("the WHERE clause of partial index " + i.getName() + " names it");
            }
        }
        for (TableDef other : cat.referencing(t.getName())) {
            for (ConstraintDef k : other.getConstraints()) {
                if (k.getKind() == ConstraintKind.FOREIGN_KEY && k.getRefTable() != null
                        && key(cat, k.getRefTable()).equals(key(cat, t.getName()))
                        && k.getRefColumns().stream().anyMatch(col::equalsIgnoreCase)) {
                    why.add("the FOREIGN KEY of " + other.getName() + " references it");
                }
            }
        }
        for (Map.Entry<String, String> e : t.getOptions().entrySet()) {
            if (e.getKey().startsWith("generated:") && !e.getKey().substring(10).equalsIgnoreCase(col)
                    && word.matcher(e.getValue()).find()) {
                why.add("generated column " + e.getKey().substring(10) + " uses it");
            }
        }
        String table = key(cat, t.getName());
        Pattern tableWord = word(t.getName().getName());
        for (Trigger tr : triggers.values()) {
            if ((tr.table.equals(table) || tableWord.matcher(body(tr.text)).find()) && word.matcher(body(tr.text)).find()) {
                why.add("trigger " + tr.name + " names it");
            }
        }
        for (Map.Entry<String, String> v : views.entrySet()) {
            if (tableWord.matcher(v.getValue()).find() && word.matcher(v.getValue()).find()) {
                why.add("view " + v.getKey() + " names it");
            }
        }
        if (!why.isEmpty()) {
            d.setOption(SqliteFacts.DROP_BLOCKERS, String.join("; ", why));
        }
    }

    private void dropTable(DropTable d, Catalog cat) {
        TableDef t = cat.table(d.getTable());
        if (t == null) {
            return;
        }
        String k = key(cat, t.getName());
        List<String> referencedBy = new ArrayList<>();
        List<String> cascade = new ArrayList<>();
        for (TableDef other : cat.referencing(t.getName())) {
            if (key(cat, other.getName()).equals(k)) {
                continue;
            }
            referencedBy.add(other.getName().getName());
            for (ConstraintDef fk : other.getConstraints()) {
                if (fk.getKind() == ConstraintKind.FOREIGN_KEY && fk.getRefTable() != null
                        && key(cat, fk.getRefTable()).equals(k) && "CASCADE".equalsIgnoreCase(onDelete(other, fk))) {
                    cascade.add(other.getName().getName());
                    break;
                }
            }
        }
        if (!referencedBy.isEmpty()) {
            d.setOption(SqliteFacts.REFERENCED_BY, String.join(", ", referencedBy));
        }
        if (!cascade.isEmpty()) {
            d.setOption(SqliteFacts.CASCADE_CHILDREN, String.join(", ", cascade));
        }
        d.setOption(SqliteFacts.FOREIGN_KEYS, foreignKeys);
        List<String[]> lost = new ArrayList<>();
        for (IndexDef i : cat.indexesOf(t.getName())) {
            if (t.constraint(i.getName()) == null) {
                lost.add(new String[] {"index", i.getName(), String.join(", ", i.getColumns()), i.isUnique() ? "unique" : ""});
            }
        }
        for (Trigger tr : new ArrayList<>(triggers.values())) {
            if (tr.table.equals(k)) {
                lost.add(new String[] {"trigger", tr.name, "", ""});
                triggers.remove(lower(tr.name));
            }
        }
        Pattern w = word(t.getName().getName());
        for (Map.Entry<String, String> v : views.entrySet()) {
            if (w.matcher(afterAs(v.getValue())).find()) {
                lost.add(new String[] {"view", v.getKey(), "", ""});
            }
        }
        boolean fk = !referencedBy.isEmpty() || !t.constraintsOf(ConstraintKind.FOREIGN_KEY).isEmpty();
        DataChange copy = copyBySource.remove(k);
        String target = copy == null ? null : key(cat, copy.getTable());
        if (copy != null && created.contains(target) && !target.equals(k)) {
            TableDef n = cat.table(copy.getTable());
            Rebuild r = start(d, target, lost, cat);
            copyFacts(d, t, n, copy, filled, k);
            if (n != null && "true".equals(n.getOptions().get("strict")) && !"true".equals(t.getOptions().get("strict"))) {
                d.setOption(SqliteFacts.REBUILD_INTO_STRICT, "true");
            }
            if (n != null && !n.constraintsOf(ConstraintKind.FOREIGN_KEY).isEmpty()) {
                fk = true;
            }
            d.setOption(SqliteFacts.REBUILD_FK, String.valueOf(fk));
            r.publish();
        } else {
            dropped.put(k, new Dropped(d, lost));
            d.setOption(SqliteFacts.REBUILD_FK, String.valueOf(fk));
        }
    }

    private Rebuild start(DropTable d, String newKey, List<String[]> lost, Catalog cat) {
        Rebuild r = new Rebuild(d, key(cat, d.getTable()), newKey);
        d.setOption(SqliteFacts.REBUILD_DROP, newKey.substring(newKey.indexOf('.') + 1));
        r.missing.addAll(lost);
        // indexes and triggers already created on the new table count as re-created
        String bare = newKey.substring(newKey.indexOf('.') + 1);
        for (IndexDef i : cat.indexesOf(QualifiedName.of(bare))) {
            r.missing.removeIf(m -> replaces(m, i.getName(), i.getColumns(), i.isUnique()));
        }
        for (Trigger tr : triggers.values()) {
            if (tr.table.equals(newKey)) {
                r.missing.removeIf(m -> m[0].equals("trigger") && m[1].equalsIgnoreCase(tr.name));
            }
        }
        rebuilds.add(r);
        return r;
    }

    /** Compares the old table's columns with what the copy filled in the new one. */
    private static void copyFacts(DropTable d, TableDef old, TableDef n, DataChange copy, Set<String> noNulls, String oldKey) {
        if (n == null) {
            return;
        }
        List<String> newCols = n.columnNames();
        String sel = copy.option(SqliteMapper.SELECT_COLUMNS);
        List<String> items = sel == null ? List.of() : List.of(sel.split("\u0001"));
        boolean star = items.size() == 1 && (items.get(0).trim().equals("*") || items.get(0).trim().endsWith(".*"));
        List<String> targets;
        String ins = copy.option(SqliteMapper.INSERT_COLUMNS);
        if (ins != null) {
            targets = List.of(ins.split(","));
        } else if (star) {
            targets = newCols;
        } else {
            targets = newCols.subList(0, Math.min(newCols.size(), items.size()));
        }
        Set<String> filled = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        filled.addAll(targets);
        List<String> notCopied = new ArrayList<>();
        List<String> droppedCols = new ArrayList<>();
        for (String oc : old.columnNames()) {
            boolean inNew = newCols.stream().anyMatch(oc::equalsIgnoreCase);
            boolean read = star || items.stream().anyMatch(it -> word(oc).matcher(it).find());
            if (inNew && !filled.contains(oc) && !read) {
                notCopied.add(oc);
            } else if (!inNew && !read) {
                droppedCols.add(oc);
            }
        }
        // a nullable column copied as it is into a NOT NULL column without a default: the copy fails on a NULL
        List<String> notNull = new ArrayList<>();
        ConstraintDef pk = n.primaryKey();
        for (int i = 0; i < targets.size(); i++) {
            String item = star ? (i < old.columnNames().size() ? old.columnNames().get(i) : null)
                    : i < items.size() ? items.get(i).trim() : null;
            ColumnDef target = n.column(targets.get(i).trim());
            if (item == null || target == null || target.isNullable()
                    || (pk != null && pk.getColumns().stream().anyMatch(target.getName()::equalsIgnoreCase))) {
                continue;
            }
            ColumnDef src = old.column(SqliteMapper.unquote(item.contains(".") ? item.substring(item.lastIndexOf('.') + 1) : item));
            if (src != null && src.isNullable() && !noNulls.contains(oldKey + "." + src.getName().toLowerCase(Locale.ROOT))
                    && item.matches("[\\w.\"`\\[\\]]+")) {
                notNull.add(target.getName());
            }
        }
        if (!notNull.isEmpty()) {
            d.setOption(SqliteFacts.REBUILD_NOT_NULL, String.join(", ", notNull));
        }
        if (!notCopied.isEmpty()) {
            d.setOption(SqliteFacts.REBUILD_NOT_COPIED, String.join(", ", notCopied));
        }
        if (!droppedCols.isEmpty()) {
            d.setOption(SqliteFacts.REBUILD_DROPPED_COLUMNS, String.join(", ", droppedCols));
        }
    }

    private void renameTable(RenameTable rt, Catalog cat, Version version) {
        String from = key(cat, rt.getTable());
        String to = key(cat, rt.getNewName());
        if (legacyAlterTable) {
            rt.setOption(SqliteFacts.LEGACY_ALTER_TABLE, "on");
        }
        for (Rebuild r : rebuilds) {
            if (!r.renamed && r.finalKey.equals(from) && to.equals(r.droppedKey)) {
                r.finalKey = to;
                r.renamed = true;
                rt.setOption(SqliteFacts.REBUILD, rt.getNewName().getName());
            }
        }
        Dropped dr = dropped.remove(to);
        if (dr != null && created.contains(from)) {
            Rebuild r = start(dr.drop, from, dr.lost, cat);
            r.finalKey = to;
            r.renamed = true;
            dr.drop.setOption(SqliteFacts.REBUILD_NO_COPY, "true");
            TableDef n = cat.table(rt.getTable());
            if (n != null && !n.constraintsOf(ConstraintKind.FOREIGN_KEY).isEmpty()) {
                dr.drop.setOption(SqliteFacts.REBUILD_FK, "true");
            }
            r.publish();
            rt.setOption(SqliteFacts.REBUILD, rt.getNewName().getName());
        }
        TableDef t = cat.table(rt.getTable());
        if (t != null && rt.option(SqliteFacts.REBUILD) == null) {
            List<String> refs = new ArrayList<>();
            for (TableDef other : cat.referencing(t.getName())) {
                if (!key(cat, other.getName()).equals(from)) {
                    refs.add("the FOREIGN KEY of " + other.getName().getName());
                }
            }
            Pattern w = word(t.getName().getName());
            for (Trigger tr : triggers.values()) {
                if (!tr.table.equals(from) && w.matcher(body(tr.text)).find()) {
                    refs.add("trigger " + tr.name);
                }
            }
            for (Map.Entry<String, String> v : views.entrySet()) {
                if (w.matcher(afterAs(v.getValue())).find()) {
                    refs.add("view " + v.getKey());
                }
            }
            if (!refs.isEmpty()) {
                rt.setOption(SqliteFacts.REFERENCED_BY, String.join(", ", refs));
            }
            renamedAway.put(from, rt);
        }
        for (Trigger tr : triggers.values()) {
            if (tr.table.equals(from)) {
                tr.table = to;
            }
        }
        for (String f : new ArrayList<>(filled)) {
            if (f.startsWith(from + ".")) {
                filled.remove(f);
                filled.add(to + f.substring(from.length()));
            }
        }
    }

    /**
     * True when an index created on the rebuilt table stands in for a lost one: the same name, the same columns in
     * any order (and unique when the old one was), or, for a non-unique old index, one whose leading columns are the
     * old index's columns.
     */
    private static boolean replaces(String[] lost, String name, List<String> cols, boolean unique) {
        if (!lost[0].equals("index")) {
            return false;
        }
        if (lost[1].equalsIgnoreCase(name)) {
            return true;
        }
        List<String> old = List.of(lost[2].split(", "));
        boolean oldUnique = !lost[3].isEmpty();
        Set<String> a = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        a.addAll(old);
        Set<String> b = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        b.addAll(cols);
        if (a.equals(b) && (unique || !oldUnique)) {
            return true;
        }
        if (oldUnique || cols.size() < old.size()) {
            return false;
        }
        for (int k = 0; k < old.size(); k++) {
            if (!old.get(k).equalsIgnoreCase(cols.get(k))) {
                return false;
            }
        }
        return true;
    }

    private static String onDelete(TableDef t, ConstraintDef fk) {
        if (fk.getOnDelete() != null) {
            return fk.getOnDelete();
        }
        if (fk.getColumns().size() == 1) {
            return t.getOptions().get("on_delete:" + fk.getColumns().get(0));
        }
        return null;
    }

    private static String key(Catalog cat, QualifiedName n) {
        return n == null ? "" : n.key(cat.getDefaultSchema()).toLowerCase(Locale.ROOT);
    }

    private static String key(Catalog cat, String dotted) {
        int dot = dotted.lastIndexOf('.');
        return key(cat, dot < 0 ? QualifiedName.of(dotted) : new QualifiedName(dotted.substring(0, dot), dotted.substring(dot + 1)));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static Pattern word(String name) {
        return Pattern.compile("(?i)(?<![A-Za-z0-9_$])" + Pattern.quote(name) + "(?![A-Za-z0-9_$])");
    }

    /** A trigger's text from its BEGIN on (so its own name and table do not count as mentions). */
    private static String body(String text) {
        java.util.regex.Matcher m = Pattern.compile("(?i)\\bBEGIN\\b").matcher(text);
        return m.find() ? text.substring(m.start()) : text;
    }

    /** A view's query (after the first AS). */
    private static String afterAs(String text) {
        java.util.regex.Matcher m = Pattern.compile("(?i)\\bAS\\b").matcher(text);
        return m.find() ? text.substring(m.end()) : text;
    }
}
