package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** A statement no reader could map to the model. Never skipped: rules report it as uncertain. */
public final class Unparsed extends Change {
    private final String reason;
    private final int errorLine;
    private final int errorColumn;

    public Unparsed(Statement statement, QualifiedName table, String reason, int errorLine, int errorColumn) {
        super(statement, table);
        this.reason = reason;
        this.errorLine = errorLine;
        this.errorColumn = errorColumn;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.UNPARSED;
    }

    @Override
    public String describe() {
        return "unparsed statement";
    }

    /** Parser message or why the statement is not supported. */
    public String getReason() {
        return reason;
    }

    /** 1-based line of the error in the file, or 0. */
    public int getErrorLine() {
        return errorLine;
    }

    /** 1-based column, or 0. */
    public int getErrorColumn() {
        return errorColumn;
    }

}
