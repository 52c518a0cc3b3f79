package dev.schemagate.core;

import dev.schemagate.core.replay.Replayer;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.AlterColumnType;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.ColumnSpec;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.RenameTable;
import dev.schemagate.model.review.ReviewPolicy;
import dev.schemagate.model.review.ReviewedTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the design-review facts: the tables of each dialect's catalog after the whole history was replayed.
 * Without {@link ReviewPolicy#isAll()} only tables a checked migration touched are reviewed. Renames are followed,
 * so a table created as {@code a} and renamed to {@code b} anchors at the rename.
 */
final class DesignReview {
    private DesignReview() {
    }

    static List<ReviewedTable> tables(List<Change> all, List<Change> judged, Map<Dialect, Replayer> replayers,
                                      ReviewPolicy policy) {
        Set<Change> checked = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        checked.addAll(judged);
        Set<String> judgedFiles = new HashSet<>();
        for (Change c : judged) {
            judgedFiles.add(c.getFile());
        }
        List<ReviewedTable> out = new ArrayList<>();
        for (Map.Entry<Dialect, Replayer> e : replayers.entrySet()) {
            Replayer r = e.getValue();
            Catalog cat = r.catalog();
            Map<String, Change> last = new HashMap<>();
            Map<String, Change> lastChecked = new HashMap<>();
            Map<String, Set<String>> declared = new HashMap<>();
            for (Change c : all) {
                if (c.getDialect() != e.getKey() || c.getTable() == null) {
                    continue;
                }
                String k = key(cat, c.getTable());
                if (c instanceof RenameTable) {
                    String to = key(cat, ((RenameTable) c).getNewName());
                    move(last, k, to);
                    move(lastChecked, k, to);
                    move(declared, k, to);
                    k = to;
                }
                if (c instanceof CreateTable) {
                    declared.remove(k);
                    lastChecked.remove(k);
                }
                last.put(k, c);
                if (checked.contains(c)) {
                    lastChecked.put(k, c);
                    declaredColumns(c, declared.computeIfAbsent(k, x -> new HashSet<>()));
                }
            }
            for (TableDef t : cat.tables()) {
                if (t.getKind() != TableDef.Kind.TABLE && t.getKind() != TableDef.Kind.COLLECTION) {
                    continue;
                }
                String k = key(cat, t.getName());
                Change anchor = lastChecked.get(k);
                boolean touched = anchor != null;
                if (!touched && !policy.isAll()) {
                    continue;
                }
                if (anchor == null) {
                    anchor = last.get(k);
                }
                if (anchor == null) {
                    continue;
                }
                TableDef sized = t.copy();
                Settings.TableStats st0 = r.stats(t.getName());
                if (st0 != null) {
                    sized.setRows(st0.rows);
                    sized.setBytes(st0.bytes);
                    sized.setWritesPerSecond(st0.writesPerSecond);
                }
                out.add(new ReviewedTable(sized, cat, anchor, touched, declared.getOrDefault(k, Set.of()), judgedFiles,
                        policy, n -> {
                            Settings.TableStats st = r.stats(n);
                            return st == null ? null : st.rows;
                        }));
            }
        }
        return out;
    }

    private static <V> void move(Map<String, V> m, String from, String to) {
        V v = m.remove(from);
        if (v != null) {
            m.put(to, v);
        }
    }

    private static void declaredColumns(Change c, Set<String> out) {
        for (List<String> fk : c.getUnindexedForeignKeys()) {
            out.add("fk:" + String.join(",", fk).toLowerCase(Locale.ROOT));
        }
        if (c instanceof CreateTable) {
            for (ColumnSpec s : ((CreateTable) c).getColumns()) {
                out.add(s.getName().toLowerCase(Locale.ROOT));
            }
        } else if (c instanceof AddColumn) {
            out.add(((AddColumn) c).getColumn().getName().toLowerCase(Locale.ROOT));
        } else if (c instanceof AlterColumnType) {
            out.add(((AlterColumnType) c).getColumnName().toLowerCase(Locale.ROOT));
        }
    }

    private static String key(Catalog cat, QualifiedName n) {
        return n.key(cat.getDefaultSchema()).toLowerCase(Locale.ROOT);
    }
}
