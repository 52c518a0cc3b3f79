package dev.schemagate.rules.postgres;

import dev.schemagate.model.Lock;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.Effect;

/** Message text that depends on more than one property of a change. */
public final class PgText {
    private PgText() {
    }

    public static String lockTimeout(Change c) {
        Effect e = c.getEffect();
        boolean own = e.isBlocking() && c.isExistingTable();
        Lock lock = own ? e.getLock() : e.getOtherLock();
        String table = String.valueOf(own ? c.getTable() : e.getOtherTable());
        String kind = c.describe();
        return kind + " takes " + lock.describe() + " on " + table + " with no lock_timeout set: while it waits for "
                + "the lock, every later query on " + table + " queues behind it";
    }
}
