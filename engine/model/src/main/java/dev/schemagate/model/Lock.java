package dev.schemagate.model;

/**
 * A lock a statement takes on a table, described by what it blocks. Each dialect names its own modes
 * (PostgreSQL's eight table lock modes, MySQL metadata locks, SQLite's database write lock).
 */
public final class Lock {
    public static final Lock NONE = new Lock("none", false, false);

    // PostgreSQL table-level lock modes (explicit-locking.html)
    public static final Lock PG_ACCESS_SHARE = new Lock("ACCESS SHARE", false, false);
    public static final Lock PG_ROW_SHARE = new Lock("ROW SHARE", false, false);
    public static final Lock PG_ROW_EXCLUSIVE = new Lock("ROW EXCLUSIVE", false, false);
    public static final Lock PG_SHARE_UPDATE_EXCLUSIVE = new Lock("SHARE UPDATE EXCLUSIVE", false, false);
    public static final Lock PG_SHARE = new Lock("SHARE", false, true);
    public static final Lock PG_SHARE_ROW_EXCLUSIVE = new Lock("SHARE ROW EXCLUSIVE", false, true);
    public static final Lock PG_EXCLUSIVE = new Lock("EXCLUSIVE", false, true);
    public static final Lock PG_ACCESS_EXCLUSIVE = new Lock("ACCESS EXCLUSIVE", true, true);

    private final String name;
    private final boolean blocksReads;
    private final boolean blocksWrites;

    public Lock(String name, boolean blocksReads, boolean blocksWrites) {
        this.name = name;
        this.blocksReads = blocksReads;
        this.blocksWrites = blocksWrites;
    }

    public String getName() {
        return name;
    }

    public boolean isBlocksReads() {
        return blocksReads;
    }

    public boolean isBlocksWrites() {
        return blocksWrites;
    }

    /** True when the lock blocks reads or writes of other sessions. */
    public boolean isDangerous() {
        return blocksReads || blocksWrites;
    }

    /** Short human description, e.g. "ACCESS EXCLUSIVE (blocks reads and writes)". */
    public String describe() {
        if (blocksReads) {
            return name + " (blocks reads and writes)";
        }
        if (blocksWrites) {
            return name + " (blocks writes)";
        }
        return name;
    }

    public static Lock max(Lock a, Lock b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.strength() >= b.strength() ? a : b;
    }

    private int strength() {
        return (blocksReads ? 2 : 0) + (blocksWrites ? 1 : 0);
    }

    @Override
    public String toString() {
        return name;
    }
}
