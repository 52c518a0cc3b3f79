package dev.schemagate.model.change;

import dev.schemagate.model.Lock;
import dev.schemagate.model.QualifiedName;

/**
 * What a change physically does on the target server version: the lock it takes on its table, whether the
 * table is rewritten or fully scanned, and the lock it takes on a second table (a foreign key's referenced
 * table). Filled in by the dialect's effect model during replay; rules read it and may sharpen it.
 */
public final class Effect {
    public static final Effect NONE = new Effect(Lock.NONE, false, false, null, null, null);

    private final Lock lock;
    private final boolean rewrite;
    private final boolean scan;
    private final QualifiedName otherTable;
    private final Lock otherLock;
    private final String note;

    public Effect(Lock lock, boolean rewrite, boolean scan, QualifiedName otherTable, Lock otherLock, String note) {
        this.lock = lock == null ? Lock.NONE : lock;
        this.rewrite = rewrite;
        this.scan = scan;
        this.otherTable = otherTable;
        this.otherLock = otherLock;
        this.note = note;
    }

    public static Effect of(Lock lock, boolean rewrite, boolean scan) {
        return new Effect(lock, rewrite, scan, null, null, null);
    }

    public Effect withOther(QualifiedName table, Lock l) {
        return new Effect(lock, rewrite, scan, table, l, note);
    }

    public Effect withNote(String n) {
        return new Effect(lock, rewrite, scan, otherTable, otherLock, n);
    }

    public Lock getLock() {
        return lock;
    }

    public boolean isRewrite() {
        return rewrite;
    }

    public boolean isScan() {
        return scan;
    }

    public QualifiedName getOtherTable() {
        return otherTable;
    }

    public Lock getOtherLock() {
        return otherLock;
    }

    public String getNote() {
        return note;
    }

    /** True when the lock on the second table (a foreign key's referenced table) blocks reads or writes. */
    public boolean isBlockingOther() {
        return otherLock != null && otherLock.isDangerous();
    }

    /** True when the lock blocks reads or writes. */
    public boolean isBlocking() {
        return lock.isDangerous();
    }
}
