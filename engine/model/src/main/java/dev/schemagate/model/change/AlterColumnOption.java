package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** Other column-level ALTERs: SET STATISTICS, SET STORAGE, SET COMPRESSION, attribute options, collation. */
public final class AlterColumnOption extends Change {
    private final String columnName;
    private final String option;
    private final String value;

    public AlterColumnOption(Statement statement, QualifiedName table, String columnName, String option, String value) {
        super(statement, table);
        this.columnName = columnName;
        this.option = option;
        this.value = value;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.ALTER_COLUMN_OPTION;
    }

    @Override
    public String describe() {
        return option + " on " + getTable() + "." + columnName;
    }

    public String getColumnName() {
        return columnName;
    }

    public String getOption() {
        return option;
    }

    public String getValue() {
        return value;
    }

}
