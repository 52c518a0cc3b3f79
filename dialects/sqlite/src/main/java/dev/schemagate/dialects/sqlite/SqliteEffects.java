package dev.schemagate.dialects.sqlite;

import dev.schemagate.model.Lock;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.change.*;

/**
 * What a change does on SQLite. SQLite has one writer per database file: every schema or data change takes the
 * database's RESERVED lock, which blocks other writers (readers go on, in WAL mode until the commit as well; in
 * rollback-journal mode the commit briefly needs EXCLUSIVE, which blocks readers). The lock is held until the
 * transaction ends. ALTER TABLE RENAME and ADD COLUMN only rewrite the schema text; DROP COLUMN rewrites every
 * row; ADD COLUMN with a CHECK (or NOT NULL on a generated column) reads every row since 3.37.0; SET NOT NULL
 * (3.53.0) reads every row; CREATE INDEX reads the whole table; VACUUM rewrites the whole file under EXCLUSIVE.
 */
final class SqliteEffects {
    static final Lock RESERVED = new Lock("RESERVED", false, true);
    static final Lock EXCLUSIVE = new Lock("EXCLUSIVE", true, true);

    private SqliteEffects() {
    }

    static Effect of(Change c, Catalog before, Version v) {
        switch (c.getKind()) {
            case SET_SETTING: case TRANSACTION: case UNPARSED: case PROCEDURAL:
                return Effect.NONE;
            case OTHER_DDL: {
                OtherDdl o = (OtherDdl) c;
                if (o.getObjectKind().equals("QUERY") || o.getObjectKind().equals("PRAGMA")) {
                    return Effect.NONE;
                }
                if (o.getAction().equals("VACUUM_INTO")) {
                    return Effect.of(Lock.NONE, false, true);
                }
                return Effect.of(RESERVED, false, false);
            }
            case ADD_CONSTRAINT: case DROP_CONSTRAINT: case ALTER_COLUMN_TYPE: case SET_DEFAULT: case DROP_DEFAULT:
                // rejected by SQLite: nothing happens but an error
                return Effect.NONE.withNote("SQLite rejects this ALTER TABLE form");
            case ADD_COLUMN: {
                ColumnSpec col = ((AddColumn) c).getColumn();
                boolean scan = v.atLeast("3.37") && (col.getCheck() != null || (col.isNotNull() && col.isGeneratedColumn()));
                return Effect.of(RESERVED, false, scan);
            }
            case DROP_COLUMN:
                return Effect.of(RESERVED, true, true);
            case SET_NOT_NULL:
                return Effect.of(RESERVED, false, true);
            case CREATE_INDEX:
                return Effect.of(RESERVED, false, true);
            case DATA_CHANGE: {
                String op = ((DataChange) c).getOperation();
                return Effect.of(RESERVED, false, !op.equals("INSERT") || ((DataChange) c).isFromQuery());
            }
            case MAINTENANCE:
                if ("VACUUM".equals(((Maintenance) c).getOperation())) {
                    return Effect.of(EXCLUSIVE, true, true);
                }
                return Effect.of(RESERVED, false, true);
            case REINDEX:
                return Effect.of(RESERVED, true, true);
            default:
                return Effect.of(RESERVED, false, false);
        }
    }
}
