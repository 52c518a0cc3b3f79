package dev.schemagate.model.change;

import dev.schemagate.model.Lock;
import dev.schemagate.model.QualifiedName;

/** A blocking lock taken earlier in the same transaction and still held (locks are released at commit). */
public final class HeldLock {
    private final QualifiedName table;
    private final Lock lock;
    private final int line;
    private final String takenBy;

    public HeldLock(QualifiedName table, Lock lock, int line) {
        this(table, lock, line, null);
    }

    public HeldLock(QualifiedName table, Lock lock, int line, String takenBy) {
        this.table = table;
        this.lock = lock;
        this.line = line;
        this.takenBy = takenBy;
    }

    public QualifiedName getTable() {
        return table;
    }

    public Lock getLock() {
        return lock;
    }

    /** Line of the statement that took the lock. */
    public int getLine() {
        return line;
    }

    /** What the statement that took the lock does, e.g. "add column users.email"; null when not recorded. */
    public String getTakenBy() {
        return takenBy;
    }

    @Override
    public String toString() {
        return lock.getName() + " on " + table + " (line " + line + ")";
    }
}
