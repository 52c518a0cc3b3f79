package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** A table-level ALTER that is not about columns or constraints: SET LOGGED/UNLOGGED, SET TABLESPACE, SET ACCESS METHOD, storage parameters, owner, row-level security, MySQL engine or charset conversion, and the like. */
public final class AlterTableOption extends Change {
    private final String option;
    private final String value;

    public AlterTableOption(Statement statement, QualifiedName table, String option, String value) {
        super(statement, table);
        this.option = option;
        this.value = value;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.ALTER_TABLE_OPTION;
    }

    @Override
    public String describe() {
        return option.replace('_', ' ') + " on " + getTable();
    }

    /** Normalised option name, e.g. set_logged, set_tablespace, set_access_method, set_storage, owner, convert_charset, engine. */
    public String getOption() {
        return option;
    }

    public String getValue() {
        return value;
    }

}
