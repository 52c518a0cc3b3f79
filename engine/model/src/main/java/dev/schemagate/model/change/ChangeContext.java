package dev.schemagate.model.change;

import dev.schemagate.model.Migration;
import dev.schemagate.model.Version;
import java.util.List;

/**
 * What was true just before a change ran, as replay worked it out: the server version, whether its table
 * existed or was created in the same migration or transaction, the transaction it runs in, the timeouts in
 * force, the blocking locks already held, and the table's size when known.
 */
public final class ChangeContext {
    private final Version version;
    private final Migration migration;
    private final boolean tableKnown;
    private final boolean tableCreatedInMigration;
    private final boolean tableCreatedInTransaction;
    private final boolean inTransaction;
    private final boolean explicitTransaction;
    private final int transactionId;
    private final Long lockTimeoutMs;
    private final Long statementTimeoutMs;
    private final List<HeldLock> heldLocks;
    private final Long rows;
    private final Long bytes;
    private final Double writesPerSecond;
    private final int statementsInMigration;
    private final boolean otherTableCreatedInMigration;

    public ChangeContext(Version version, Migration migration, boolean tableKnown, boolean tableCreatedInMigration,
                         boolean tableCreatedInTransaction, boolean inTransaction, boolean explicitTransaction,
                         int transactionId, Long lockTimeoutMs, Long statementTimeoutMs, List<HeldLock> heldLocks,
                         Long rows, Long bytes, Double writesPerSecond, int statementsInMigration,
                         boolean otherTableCreatedInMigration) {
        this.version = version;
        this.migration = migration;
        this.tableKnown = tableKnown;
        this.tableCreatedInMigration = tableCreatedInMigration;
        this.tableCreatedInTransaction = tableCreatedInTransaction;
        this.inTransaction = inTransaction;
        this.explicitTransaction = explicitTransaction;
        this.transactionId = transactionId;
        this.lockTimeoutMs = lockTimeoutMs;
        this.statementTimeoutMs = statementTimeoutMs;
        this.heldLocks = heldLocks == null ? List.of() : List.copyOf(heldLocks);
        this.rows = rows;
        this.bytes = bytes;
        this.writesPerSecond = writesPerSecond;
        this.statementsInMigration = statementsInMigration;
        this.otherTableCreatedInMigration = otherTableCreatedInMigration;
    }

    /** The second table of the change (a foreign key's referenced table) was created in this migration. */
    public boolean isOtherTableCreatedInMigration() {
        return otherTableCreatedInMigration;
    }

    public Version getVersion() {
        return version;
    }

    public boolean versionAtLeast(String v) {
        return version != null && version.atLeast(v);
    }

    public boolean versionBelow(String v) {
        return version != null && version.below(v);
    }

    public Migration getMigration() {
        return migration;
    }

    /** The table was in the catalog (from prior migrations or a prior schema) before this statement. */
    public boolean isTableKnown() {
        return tableKnown;
    }

    /** The table was created earlier in this same migration file: it is empty and no application uses it yet. */
    public boolean isTableCreatedInMigration() {
        return tableCreatedInMigration;
    }

    public boolean isTableCreatedInTransaction() {
        return tableCreatedInTransaction;
    }

    /**
     * The table existed before this migration (or is unknown and so assumed to exist, possibly large and busy).
     * This is the condition under which locking rules apply.
     */
    public boolean isExistingTable() {
        return !tableCreatedInMigration;
    }

    public boolean isInTransaction() {
        return inTransaction;
    }

    /** A BEGIN in the file opened the transaction (rather than the migration tool). */
    public boolean isExplicitTransaction() {
        return explicitTransaction;
    }

    public int getTransactionId() {
        return transactionId;
    }

    /** lock_timeout in force in milliseconds; null when never set (server default: wait forever). */
    public Long getLockTimeoutMs() {
        return lockTimeoutMs;
    }

    public boolean isLockTimeoutSet() {
        return lockTimeoutMs != null && lockTimeoutMs > 0;
    }

    public Long getStatementTimeoutMs() {
        return statementTimeoutMs;
    }

    public boolean isStatementTimeoutSet() {
        return statementTimeoutMs != null && statementTimeoutMs > 0;
    }

    public List<HeldLock> getHeldLocks() {
        return heldLocks;
    }

    public boolean isHoldingBlockingLock() {
        return !heldLocks.isEmpty();
    }

    /** Row count of the table when a stats file or live database gave one; null when unknown. */
    public Long getRows() {
        return rows;
    }

    public boolean isRowsKnown() {
        return rows != null;
    }

    /** True when the table is known to hold fewer than {@code n} rows. */
    public boolean rowsBelow(long n) {
        return rows != null && rows < n;
    }

    public Long getBytes() {
        return bytes;
    }

    public Double getWritesPerSecond() {
        return writesPerSecond;
    }

    public int getStatementsInMigration() {
        return statementsInMigration;
    }
}
