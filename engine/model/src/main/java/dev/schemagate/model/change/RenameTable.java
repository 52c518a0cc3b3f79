package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** ALTER TABLE ... RENAME TO (or RENAME TABLE in MySQL). */
public final class RenameTable extends Change {
    private final QualifiedName newName;

    public RenameTable(Statement statement, QualifiedName table, QualifiedName newName) {
        super(statement, table);
        this.newName = newName;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.RENAME_TABLE;
    }

    @Override
    public String describe() {
        return "rename table " + getTable() + " to " + newName;
    }

    public QualifiedName getNewName() {
        return newName;
    }

}
