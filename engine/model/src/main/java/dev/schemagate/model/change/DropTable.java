package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** DROP TABLE of one table (a statement naming several gives one change each). */
public final class DropTable extends Change {
    private final boolean ifExists;
    private final boolean cascade;

    public DropTable(Statement statement, QualifiedName table, boolean ifExists, boolean cascade) {
        super(statement, table);
        this.ifExists = ifExists;
        this.cascade = cascade;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.DROP_TABLE;
    }

    @Override
    public String describe() {
        return "drop table " + getTable();
    }

    public boolean isIfExists() {
        return ifExists;
    }

    public boolean isCascade() {
        return cascade;
    }

}
