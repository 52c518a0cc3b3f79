package dev.schemagate.core.replay;

import dev.schemagate.core.Settings;
import dev.schemagate.model.Migration;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.ConstraintDef;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.catalog.TypeDef;
import dev.schemagate.model.change.*;
import dev.schemagate.model.spi.SqlDialect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replays migrations in order into one catalog. For every change it records what was true just before it ran
 * ({@link ChangeContext}: table created in this migration or transaction, transaction state, timeouts in force,
 * blocking locks already held, table size), fills in the facts that need the catalog (the column's type before,
 * the constraint being validated, the index being dropped), asks the dialect for the lock and rewrite
 * ({@link Effect}), then applies the change.
 */
public final class Replayer {
    private final SqlDialect dialect;
    private final Catalog catalog;
    private final CatalogApplier applier;
    private final Version version;
    private final Settings settings;
    private int txCounter;

    public Replayer(SqlDialect dialect, Catalog catalog, Version version, Settings settings) {
        this.dialect = dialect;
        this.catalog = catalog;
        this.applier = new CatalogApplier(catalog);
        this.version = version;
        this.settings = settings;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Per-file replay state. */
    private final class FileState {
        final Migration m;
        boolean inTx;
        boolean explicit;
        int txId = -1;
        Long lockTimeout = settings.getExternalLockTimeoutMs();
        Long statementTimeout = settings.getExternalStatementTimeoutMs();
        Long localLockTimeout;
        Long localStatementTimeout;
        boolean localLockSet;
        boolean localStatementSet;
        final Set<String> createdInFile = new HashSet<>();
        final Set<String> createdInTx = new HashSet<>();
        /** The transaction's locks by table and lock, in the order taken: a lock taken again is held once. */
        final Map<String, HeldLock> held = new java.util.LinkedHashMap<>();
        /** {@link #held} as the immutable list every change's context shares (rebuilt only when a lock is added). */
        List<HeldLock> heldList = List.of();
        final int statements;

        FileState(Migration m, int statements) {
            this.m = m;
            this.statements = statements;
            Migration.TxMode mode = m.getTxMode();
            if (mode == Migration.TxMode.UNKNOWN) {
                mode = Boolean.TRUE.equals(settings.getAssumeInTransaction()) ? Migration.TxMode.WRAPPED
                        : Migration.TxMode.NONE;
            }
            boolean tx = mode == Migration.TxMode.WRAPPED || (mode == Migration.TxMode.IMPLICIT && statements > 1);
            if (tx) {
                inTx = true;
                txId = ++txCounter;
            }
        }

        void begin() {
            if (!inTx) {
                inTx = true;
                txId = ++txCounter;
                createdInTx.clear();
                held.clear();
                heldList = List.of();
            }
            explicit = true;
        }

        void end() {
            inTx = false;
            explicit = false;
            txId = -1;
            createdInTx.clear();
            held.clear();
            heldList = List.of();
            localLockSet = false;
            localStatementSet = false;
        }

        Long lockTimeout() {
            return localLockSet ? localLockTimeout : lockTimeout;
        }

        Long statementTimeout() {
            return localStatementSet ? localStatementTimeout : statementTimeout;
        }
    }

    /**
     * Replays one migration file. {@code changes.get(i)} are the changes of {@code statements.get(i)}.
     */
    public void replay(Migration m, List<Statement> statements, List<List<Change>> changes) {
        int real = 0;
        for (List<Change> cs : changes) {
            if (!cs.isEmpty() && !(cs.get(0) instanceof TransactionControl) && !isMeta(cs.get(0))) {
                real++;
            }
        }
        FileState fs = new FileState(m, real);
        for (int i = 0; i < statements.size(); i++) {
            List<HeldLock> taken = new ArrayList<>();
            for (Change c : changes.get(i)) {
                step(fs, c, taken);
            }
            if (fs.inTx) {
                // the first statement that took a lock is the one to name; taking it again holds nothing more (20,000
                // ALTERs of one table in one transaction hold one lock, and their contexts share one list)
                boolean added = false;
                for (HeldLock h : taken) {
                    added |= fs.held.putIfAbsent(h.getTable() + "\u0000" + h.getLock().getName(), h) == null;
                }
                if (added) {
                    fs.heldList = List.copyOf(fs.held.values());
                }
            }
        }
        markUnindexedForeignKeys(changes);
    }

    /**
     * Notes, on each change that declares foreign keys, those whose referencing columns no valid, non-partial
     * btree or hash index leads with once the whole file has run (an index created later in the same file counts).
     */
    private void markUnindexedForeignKeys(List<List<Change>> changes) {
        for (List<Change> cs : changes) {
            for (Change c : cs) {
                List<List<String>> keys = foreignKeyColumns(c);
                TableDef t = keys.isEmpty() || c.getTable() == null ? null : catalog.table(c.getTable());
                if (t == null) {
                    continue;
                }
                List<IndexDef> indexes = catalog.indexesOf(t.getName());
                List<List<String>> missing = new ArrayList<>();
                for (List<String> k : keys) {
                    if (k.isEmpty() || !k.stream().allMatch(t::hasColumn)) {
                        continue;
                    }
                    boolean backed = false;
                    for (IndexDef i : indexes) {
                        String method = i.getMethod() == null ? "btree" : i.getMethod().toLowerCase(Locale.ROOT);
                        boolean usable = method.equals("btree") || (method.equals("hash") && k.size() == 1);
                        if (i.isValid() && usable && i.coversPrefix(k)) {
                            backed = true;
                        }
                    }
                    if (!backed) {
                        missing.add(k);
                    }
                }
                c.setUnindexedForeignKeys(missing);
            }
        }
    }

    private static List<List<String>> foreignKeyColumns(Change c) {
        List<List<String>> out = new ArrayList<>();
        if (c instanceof AddConstraint && ((AddConstraint) c).getConstraint().isForeignKey()) {
            out.add(((AddConstraint) c).getConstraint().getColumns());
        } else if (c instanceof AddColumn && ((AddColumn) c).getColumn().isForeignKey()) {
            out.add(List.of(((AddColumn) c).getColumnName()));
        } else if (c instanceof CreateTable) {
            for (ColumnSpec col : ((CreateTable) c).getColumns()) {
                if (col.isForeignKey() && !col.getName().startsWith("*like*")) {
                    out.add(List.of(col.getName()));
                }
            }
            for (ConstraintSpec k : ((CreateTable) c).getConstraints()) {
                if (k.isForeignKey()) {
                    out.add(k.getColumns());
                }
            }
        }
        return out;
    }

    private static boolean isMeta(Change c) {
        return c instanceof OtherDdl && "META".equals(((OtherDdl) c).getAction());
    }

    private void step(FileState fs, Change c, List<HeldLock> taken) {
        if (c instanceof TransactionControl) {
            String op = ((TransactionControl) c).getOperation();
            c.setEffect(Effect.NONE);
            c.setCtx(context(fs, c, null));
            if (op.equals("BEGIN")) {
                fs.begin();
            } else if (op.equals("COMMIT") || op.equals("ROLLBACK")) {
                fs.end();
            }
            return;
        }
        resolve(c);
        String key = c.getTable() == null ? null : key(c.getTable());
        TableDef before = c.getTable() == null ? null : catalog.table(c.getTable());
        enrich(c, before, fs);
        c.setEffect(dialect.effect(c, catalog, version));
        c.setCtx(context(fs, c, before));
        if (c instanceof SetSetting) {
            setting(fs, (SetSetting) c);
        }
        applier.apply(c, fs.m.getPath(), fs.txId);
        if (c instanceof CreateTable && key != null) {
            fs.createdInFile.add(key);
            if (fs.inTx) {
                fs.createdInTx.add(key);
            }
        } else if (c instanceof RenameTable && key != null && fs.createdInFile.contains(key)) {
            fs.createdInFile.add(key(((RenameTable) c).getNewName()));
        } else if (c instanceof CreateType) {
            fs.createdInFile.add(typeKey(((CreateType) c).getType().getName()));
        }
        Effect e = c.getEffect();
        if (e.getLock().isDangerous() && key != null && !fs.createdInFile.contains(key) && !(c instanceof CreateTable)) {
            taken.add(new HeldLock(c.getTable(), e.getLock(), c.getLine(), c.describe()));
        }
        if (e.getOtherLock() != null && e.getOtherLock().isDangerous() && e.getOtherTable() != null
                && !fs.createdInFile.contains(key(e.getOtherTable()))) {
            taken.add(new HeldLock(e.getOtherTable(), e.getOtherLock(), c.getLine(), c.describe()));
        }
    }

    private String key(QualifiedName n) {
        return n.key(catalog.getDefaultSchema()).toLowerCase(Locale.ROOT);
    }

    /** Key of a type in {@code createdInFile}; the prefix keeps it apart from table keys. */
    private String typeKey(QualifiedName n) {
        return "type:" + key(n);
    }

    private ChangeContext context(FileState fs, Change c, TableDef before) {
        String key = c.getTable() == null ? null : key(c.getTable());
        boolean creates = c instanceof CreateTable && !(before != null && ((CreateTable) c).isIfNotExists());
        boolean inFile = key != null && (creates || fs.createdInFile.contains(key));
        boolean inTx = key != null && fs.inTx && (creates || fs.createdInTx.contains(key));
        Long rows = null;
        Long bytes = null;
        Double wps = null;
        if (c.getTable() != null) {
            Settings.TableStats s = stats(c.getTable());
            if (s != null) {
                rows = s.rows;
                bytes = s.bytes;
                wps = s.writesPerSecond;
            } else if (before != null && before.getRows() != null) {
                rows = before.getRows();
                bytes = before.getBytes();
                wps = before.getWritesPerSecond();
            }
            if (inFile && rows == null) {
                rows = 0L;
            }
        }
        boolean known = before != null && !"true".equals(before.getOptions().get("assumed"));
        QualifiedName other = c.getEffect().getOtherTable();
        boolean otherNew = other != null && fs.createdInFile.contains(key(other));
        return new ChangeContext(version, fs.m, known, inFile, inTx, fs.inTx, fs.explicit, fs.txId, fs.lockTimeout(),
                fs.statementTimeout(), fs.heldList, rows, bytes, wps, fs.statements, otherNew);
    }

    /** The stats the settings give for a table, or null. */
    public Settings.TableStats stats(QualifiedName t) {
        Map<String, Settings.TableStats> m = settings.getStats();
        if (m.isEmpty()) {
            return null;
        }
        Settings.TableStats s = m.get(t.toString());
        if (s == null) {
            s = m.get(t.getName());
        }
        if (s == null && t.getSchema() == null) {
            s = m.get(catalog.getDefaultSchema() + "." + t.getName());
        }
        return s;
    }

    private void setting(FileState fs, SetSetting s) {
        String n = s.getName();
        boolean lock = n.equals("lock_timeout");
        boolean stmt = n.equals("statement_timeout");
        if (!lock && !stmt) {
            return;
        }
        Long v = s.getValue() == null ? (lock ? settings.getExternalLockTimeoutMs() : settings.getExternalStatementTimeoutMs())
                : s.getMillis();
        if (s.isLocal()) {
            if (!fs.inTx) {
                return;
            }
            if (lock) {
                fs.localLockTimeout = v;
                fs.localLockSet = true;
            } else {
                fs.localStatementTimeout = v;
                fs.localStatementSet = true;
            }
        } else if (lock) {
            fs.lockTimeout = v;
            fs.localLockSet = false;
        } else {
            fs.statementTimeout = v;
            fs.localStatementSet = false;
        }
    }

    /** Sets the table of changes that name only an index. */
    private void resolve(Change c) {
        if (c instanceof DropIndex && c.getTable() == null) {
            DropIndex d = (DropIndex) c;
            IndexDef i = index(d.getIndexName());
            d.setTarget(i);
            if (i != null) {
                c.resolveTable(i.getTable());
            }
        } else if (c instanceof AlterIndex && c.getTable() == null) {
            IndexDef i = index(((AlterIndex) c).getIndexName());
            if (i != null) {
                c.resolveTable(i.getTable());
            }
        } else if (c instanceof Reindex && c.getTable() == null && "INDEX".equals(((Reindex) c).getTarget())) {
            IndexDef i = index(((Reindex) c).getName());
            if (i != null) {
                c.resolveTable(i.getTable());
            }
        }
    }

    private IndexDef index(String dotted) {
        int dot = dotted.lastIndexOf('.');
        return catalog.index(dot < 0 ? null : dotted.substring(0, dot), dot < 0 ? dotted : dotted.substring(dot + 1));
    }

    /** Fills the facts of a change that depend on the catalog before it. */
    private void enrich(Change c, TableDef t, FileState fs) {
        if (c instanceof DropColumn) {
            DropColumn d = (DropColumn) c;
            d.setBefore(t == null ? null : t.column(d.getColumnName()));
        } else if (c instanceof dev.schemagate.model.change.DropNotNull) {
            dev.schemagate.model.change.DropNotNull d = (dev.schemagate.model.change.DropNotNull) c;
            d.setBefore(t == null ? null : t.column(d.getColumnName()));
        } else if (c instanceof dev.schemagate.model.change.DropDefault) {
            dev.schemagate.model.change.DropDefault d = (dev.schemagate.model.change.DropDefault) c;
            d.setBefore(t == null ? null : t.column(d.getColumnName()));
        } else if (c instanceof AlterColumnType) {
            AlterColumnType a = (AlterColumnType) c;
            ColumnDef col = t == null ? null : t.column(a.getColumnName());
            a.setBefore(col);
            if (col != null && col.getType() != null) {
                a.setTypeChange(dialect.typeChange(col.getType(), a.getNewType(), a.getUsing(), version));
            }
            if (t != null) {
                // ALTER TYPE drops and re-adds every CHECK that mentions the column; validated ones (including a
                // CHECK (col IS NOT NULL)) are verified again, NOT VALID ones are re-added NOT VALID.
                Pattern word = Pattern.compile("(?i)\\b" + Pattern.quote(a.getColumnName()) + "\\b");
                List<ConstraintDef> checks = new ArrayList<>();
                for (ConstraintDef k : t.getConstraints()) {
                    if (k.getKind() == ConstraintKind.CHECK && k.getExpression() != null && k.isValidated()
                            && word.matcher(k.getExpression()).find()) {
                        checks.add(k);
                    }
                }
                a.setCheckConstraints(checks);
            }
        } else if (c instanceof SetNotNull) {
            SetNotNull s = (SetNotNull) c;
            ColumnDef col = t == null ? null : t.column(s.getColumnName());
            s.setAlreadyNotNull(col != null && !col.isNullable());
            s.setProvenByCheck(t != null && t.notNullProven(s.getColumnName()));
        } else if (c instanceof AddConstraint) {
            AddConstraint a = (AddConstraint) c;
            ConstraintSpec k = a.getConstraint();
            if (k.isPrimaryKey()) {
                List<String> cols = k.getColumns();
                if (k.isUsingIndex()) {
                    IndexDef i = catalog.index(c.getTable().getSchema(), k.getUsingIndex());
                    cols = i == null ? List.of() : i.getColumns();
                }
                boolean nullable = cols.isEmpty();
                for (String col : cols) {
                    ColumnDef d = t == null ? null : t.column(col);
                    if (d == null || d.isNullable()) {
                        nullable = true;
                    }
                }
                a.setColumnsNullable(nullable);
            }
        } else if (c instanceof ValidateConstraint) {
            ValidateConstraint v = (ValidateConstraint) c;
            ConstraintDef k = t == null ? null : t.constraint(v.getConstraintName());
            v.setTarget(k);
            v.setAddedInSameTransaction(k != null && fs.inTx && fs.txId >= 0 && k.getAddedTx() == fs.txId);
        } else if (c instanceof DropConstraint) {
            DropConstraint d = (DropConstraint) c;
            d.setTarget(t == null ? null : t.constraint(d.getConstraintName()));
        } else if (c instanceof CreateIndex) {
            ((CreateIndex) c).setPartitionedTable(t != null && t.isPartitioned());
        } else if (c instanceof AlterType) {
            AlterType a = (AlterType) c;
            String n = a.getTypeName().getName();
            List<String> users = new ArrayList<>();
            for (TableDef tab : catalog.tables()) {
                for (ColumnDef col : tab.getColumns()) {
                    if (col.getType() != null && col.getType().getName().equalsIgnoreCase(n)) {
                        users.add(tab.getName() + "." + col.getName());
                    }
                }
            }
            a.setTypeInUse(!users.isEmpty());
            a.setUsedBy(users);
            TypeDef before = catalog.type(a.getTypeName());
            a.setTypeBefore(before == null ? null : before.copy());
            a.setCreatedInMigration(fs.createdInFile.contains(typeKey(a.getTypeName())));
        } else if (c instanceof RenameColumn) {
            RenameColumn r = (RenameColumn) c;
            r.setBefore(t == null ? null : t.column(r.getColumnName()));
        }
    }
}
