package dev.schemagate.core.history;

import dev.schemagate.model.Migration;
import dev.schemagate.model.change.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * What a check run saw of a migration history, in replay order: each up migration with its changes, the size of
 * the schema after it, and its down migration. Filled by {@code Engine.run} when the caller passes one (the
 * audit does); the check itself does not need it.
 */
public final class History {
    /** How a migration can be undone. */
    public enum Status {
        /** A down migration with statements exists. */
        PAIRED,
        /** The tool expects a down migration and there is none. */
        MISSING,
        /** The down migration holds no statement. */
        EMPTY,
        /** The tool has no down migrations here, or the up migration changes nothing. */
        NOT_EXPECTED
    }

    /** One up migration as replayed. */
    public static final class Entry {
        private final Migration migration;
        private final List<Change> changes;
        private final int tables;
        private final int columns;
        private final int indexes;
        private Migration down;
        private List<Change> downChanges = List.of();
        private int downStatements;
        private Status status = Status.NOT_EXPECTED;
        private String unread;

        public Entry(Migration migration, List<Change> changes, int tables, int columns, int indexes) {
            this.migration = migration;
            this.changes = List.copyOf(changes);
            this.tables = tables;
            this.columns = columns;
            this.indexes = indexes;
        }

        /** An entry with the size of {@code catalog} as it is now. */
        public static Entry of(Migration m, List<Change> changes, dev.schemagate.model.catalog.Catalog catalog) {
            int tables = 0;
            int columns = 0;
            for (dev.schemagate.model.catalog.TableDef t : catalog.tables()) {
                if (t.getKind() == dev.schemagate.model.catalog.TableDef.Kind.TABLE
                        || t.getKind() == dev.schemagate.model.catalog.TableDef.Kind.COLLECTION) {
                    tables++;
                    columns += t.getColumns().size();
                }
            }
            return new Entry(m, changes, tables, columns, catalog.indexes().size());
        }

        public Migration getMigration() {
            return migration;
        }

        /** Every change of the migration, in order. */
        public List<Change> getChanges() {
            return changes;
        }

        /** Tables (not views) in the catalog of the migration's dialect after it ran. */
        public int getTables() {
            return tables;
        }

        public int getColumns() {
            return columns;
        }

        public int getIndexes() {
            return indexes;
        }

        /** The paired down migration, or null. */
        public Migration getDown() {
            return down;
        }

        /** The down migration's changes (empty when it is missing, empty, or of a dialect without a reader). */
        public List<Change> getDownChanges() {
            return downChanges;
        }

        public int getDownStatements() {
            return downStatements;
        }

        /** A migration no reader could read (its dialect has none in this build), with the reason. */
        public static Entry unread(Migration m, String reason) {
            Entry e = new Entry(m, List.of(), -1, -1, -1);
            e.unread = reason;
            return e;
        }

        /** Why the migration was not read, or null when it was. */
        public String getUnread() {
            return unread;
        }

        public Status getStatus() {
            return status;
        }

        public void setDown(Migration down, Status status, int statements, List<Change> changes) {
            this.down = down;
            this.status = status;
            this.downStatements = statements;
            this.downChanges = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    /** Told how far a run has got (the audit draws a progress bar from it). */
    public interface Progress {
        void step(String phase, int done, int total);
    }

    private final List<Entry> entries = new ArrayList<>();
    private Progress progress = (phase, done, total) -> { };

    public void setProgress(Progress p) {
        this.progress = p == null ? (phase, done, total) -> { } : p;
    }

    public void step(String phase, int done, int total) {
        progress.step(phase, done, total);
    }

    public List<Entry> getEntries() {
        return entries;
    }

    public void add(Entry e) {
        entries.add(e);
    }
}
