package dev.schemagate.model.change;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Statement;

/** Code whose effect cannot be seen statically: DO blocks, routine bodies, stored procedure calls, scripts. */
public final class ProceduralBlock extends Change {
    private final String language;
    private final String reason;

    public ProceduralBlock(Statement statement, QualifiedName table, String language, String reason) {
        super(statement, table);
        this.language = language;
        this.reason = reason;
    }

    @Override
    public ChangeKind getKind() {
        return ChangeKind.PROCEDURAL;
    }

    @Override
    public String describe() {
        return "procedural code (" + language + ")";
    }

    public String getLanguage() {
        return language;
    }

    /** Why the effect is uncertain. */
    public String getReason() {
        return reason;
    }

}
