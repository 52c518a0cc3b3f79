package dev.schemagate.dialects.sqlite;

import java.util.Locale;

/**
 * Option keys the SQLite replay leaves on changes for the rules (rules/sqlite reads the same keys), and how
 * SQLite reads a boolean pragma value.
 */
final class SqliteFacts {
    /** On a DropColumn: why SQLite refuses to drop the column ("; "-separated); absent when nothing stops it. */
    static final String DROP_BLOCKERS = "sqlite.drop_blockers";
    /** On an AddColumn: the last PRAGMA foreign_keys value seen ("on", "off" or "unset"). Also on a DropTable. */
    static final String FOREIGN_KEYS = "sqlite.foreign_keys";
    /** On an AddColumn: the table is STRICT. */
    static final String STRICT = "sqlite.strict";
    /** On a DropTable: tables whose foreign keys reference it. On a RenameTable: what references the table. */
    static final String REFERENCED_BY = "sqlite.referenced_by";
    /** On a DropTable: child tables whose foreign key to it says ON DELETE CASCADE. */
    static final String CASCADE_CHILDREN = "sqlite.cascade_children";
    /** On the DropTable of a rebuild: the new table that replaces it. */
    static final String REBUILD_DROP = "sqlite.rebuild_drop";
    /** On the DropTable of a rebuild: indexes, triggers and views the drop lost and nothing re-created (may be ""). */
    static final String REBUILD_MISSING = "sqlite.rebuild.missing";
    /** On the DropTable of a rebuild: columns in both tables the copy does not fill. */
    static final String REBUILD_NOT_COPIED = "sqlite.rebuild.not_copied";
    /** On the DropTable of a rebuild: columns of the old table neither in the new one nor read by the copy. */
    static final String REBUILD_DROPPED_COLUMNS = "sqlite.rebuild.dropped_columns";
    /** On the DropTable of a rebuild: nothing copied the rows into the new table. */
    static final String REBUILD_NO_COPY = "sqlite.rebuild.no_copy";
    /** On the DropTable of a rebuild: NOT NULL columns filled from nullable columns as they are (a NULL fails the copy). */
    static final String REBUILD_NOT_NULL = "sqlite.rebuild.not_null";
    /** On the DropTable of a rebuild: the new table is STRICT and the old one was not. */
    static final String REBUILD_INTO_STRICT = "sqlite.rebuild.into_strict";
    /** On a DropTable: foreign keys point at the table or leave it ("true"/"false"). */
    static final String REBUILD_FK = "sqlite.rebuild.fk";
    /** On the RenameTable that completes a rebuild: the table rebuilt. */
    static final String REBUILD = "sqlite.rebuild";
    /** On a RenameTable of an existing table whose name a later CREATE TABLE takes again. */
    static final String RENAME_OLD_FIRST = "sqlite.rename_old_first";
    /** On a RenameTable or RenameColumn after PRAGMA legacy_alter_table=ON. */
    static final String LEGACY_ALTER_TABLE = "sqlite.legacy_alter_table";

    private SqliteFacts() {
    }

    static boolean isOn(String v) {
        String s = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
        return s.equals("on") || s.equals("1") || s.equals("true") || s.equals("yes");
    }

    static boolean isOff(String v) {
        String s = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
        return s.equals("off") || s.equals("0") || s.equals("false") || s.equals("no");
    }
}
