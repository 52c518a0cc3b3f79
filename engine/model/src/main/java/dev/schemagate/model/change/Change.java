package dev.schemagate.model.change;

import dev.schemagate.model.ChangeType;
import dev.schemagate.model.Dialect;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One change a statement makes, in the model every dialect maps to. A statement can make several (a
 * multi-action ALTER TABLE gives one change per action, numbered by {@link #getPart()}). Rules match on the
 * concrete subclasses. Replay sets the {@link ChangeContext} and {@link Effect} once; rules never modify them.
 */
public abstract class Change {
    private final Statement statement;
    private QualifiedName table;
    private int part;
    private Dialect dialect;
    private ChangeContext ctx;
    private Effect effect = Effect.NONE;
    private Map<String, String> options = Collections.emptyMap();
    private java.util.List<java.util.List<String>> unindexedForeignKeys = java.util.List.of();

    protected Change(Statement statement, QualifiedName table) {
        this.statement = statement;
        this.table = table;
    }

    public abstract ChangeKind getKind();

    /** Additive, transformative or destructive, before any rule refines it. */
    public ChangeType getChangeType() {
        return getKind().defaultType();
    }

    /** A short description such as "add column users.email". */
    public abstract String describe();

    public Statement getStatement() {
        return statement;
    }

    public QualifiedName getTable() {
        return table;
    }

    /**
     * Sets the table of a change whose statement does not name it (DROP INDEX names only the index); replay
     * resolves it from the catalog. Has no effect once a table is set.
     */
    public void resolveTable(QualifiedName t) {
        if (this.table == null) {
            this.table = t;
        }
    }

    /** The table name without schema, or "" when the change names no table. */
    public String getTableName() {
        return table == null ? "" : table.getName();
    }

    public String getFile() {
        return statement.getFile();
    }

    public int getLine() {
        return statement.getLine();
    }

    public int getPart() {
        return part;
    }

    public void setPart(int part) {
        this.part = part;
    }

    public Dialect getDialect() {
        return dialect;
    }

    public void setDialect(Dialect dialect) {
        this.dialect = dialect;
    }

    public ChangeContext getCtx() {
        return ctx;
    }

    public void setCtx(ChangeContext ctx) {
        this.ctx = ctx;
    }

    public Effect getEffect() {
        return effect;
    }

    public void setEffect(Effect effect) {
        this.effect = effect == null ? Effect.NONE : effect;
    }

    /** Statement-level clauses that apply to this change, e.g. MySQL {@code algorithm} and {@code lock}. */
    public Map<String, String> getOptions() {
        return options;
    }

    public String option(String name) {
        return options.get(name);
    }

    public void setOption(String name, String value) {
        if (options.isEmpty()) {
            options = new TreeMap<>();
        }
        options.put(name, value);
    }

    /**
     * The foreign keys this change declares whose referencing columns no index leads with once its migration file
     * has run (each as its column list); set during replay, empty when every key is backed or the change declares none.
     */
    public java.util.List<java.util.List<String>> getUnindexedForeignKeys() {
        return unindexedForeignKeys;
    }

    public void setUnindexedForeignKeys(java.util.List<java.util.List<String>> keys) {
        this.unindexedForeignKeys = keys == null ? java.util.List.of() : java.util.List.copyOf(keys);
    }

    // Shortcuts that keep DRL constraints short.

    /** See {@link ChangeContext#isExistingTable()}. */
    public boolean isExistingTable() {
        return ctx == null || ctx.isExistingTable();
    }

    public boolean isInTransaction() {
        return ctx != null && ctx.isInTransaction();
    }

    public boolean versionAtLeast(String v) {
        return ctx != null && ctx.versionAtLeast(v);
    }

    public boolean versionBelow(String v) {
        return ctx != null && ctx.versionBelow(v);
    }

    @Override
    public String toString() {
        return getKind() + " " + describe() + " @" + statement.getFile() + ":" + statement.getLine();
    }
}
