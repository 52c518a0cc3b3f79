package dev.schemagate.model.catalog;

public enum ConstraintKind {
    PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE, NOT_NULL;

    /** PostgreSQL accepts NOT VALID only for foreign keys and CHECK (and NOT NULL from version 18). */
    public boolean supportsNotValid(int pgMajor) {
        return this == FOREIGN_KEY || this == CHECK || (this == NOT_NULL && pgMajor >= 18);
    }

    public boolean buildsIndex() {
        return this == PRIMARY_KEY || this == UNIQUE || this == EXCLUDE;
    }
}
