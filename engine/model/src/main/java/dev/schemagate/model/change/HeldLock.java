package dev.schemagate.model.change;

import dev.schemagate.model.Lock;
import dev.schemagate.model.QualifiedName;

/** A blocking lock taken earlier in the same transaction and still held (locks are released at commit). */
public final class HeldLock {
    private final QualifiedName table;
    private final Lock lock;
    private final int line;

    public HeldLock(QualifiedName table, Lock lock, int line) {
        this.table = table;
        this.lock = lock;
        this.line = line;
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

    @Override
    public String toString() {
        return lock.getName() + " on " + table + " (line " + line + ")";
    }
}
