package dev.schemagate.plan;

import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a group of statements means to do, dialect-neutrally, worked out from the change model: add (possibly
 * required or derived) columns, rename or split a column, add an index or constraint, make a column NOT NULL,
 * change rows, drop a column or table, or something that runs as written. A {@link PlanSqlGenerator} turns each
 * intent into phases for its dialect.
 */
public final class Intent {
    public enum Kind {
        /** Runs as written: additive on a new or small table, or a metadata-only change on the target version. */
        AS_WRITTEN,
        /** New columns on an existing table, filled from an expression or a default, maybe required, maybe replacing
         * (rename, split) source columns that are dropped at the end. */
        NEW_COLUMNS,
        SET_NOT_NULL,
        ADD_INDEX,
        ADD_CONSTRAINT,
        /** An UPDATE or DELETE over existing rows, to run in batches. */
        BATCHED_DATA,
        DROP_COLUMN,
        DROP_TABLE,
        /** A table replaced by a new definition: CREATE TABLE new, INSERT INTO new SELECT ... FROM old, DROP TABLE old,
         * ALTER TABLE new RENAME TO old (SQLite's way to change a column type or constraint), plus the indexes the
         * migration creates on it afterwards. */
        REBUILD_TABLE,
        /** ALTER COLUMN ... TYPE that rewrites the table: a shadow column of the new type kept in sync by a trigger,
         * filled in batches, constrained online, then swapped into place in one short transaction. */
        CHANGE_TYPE,
        /** ALTER TABLE ... RENAME TO on a table in use: renamed, with a simple (auto-updatable) view under the old name
         * for the application versions that still use it, dropped in the contract phase. */
        RENAME_TABLE,
        /** ADD COLUMN serial / GENERATED ... AS IDENTITY on a table with rows: nullable column with a sequence default,
         * batched fill from the sequence, NOT NULL by validated CHECK, then the identity and the key built online. */
        IDENTITY_COLUMN,
        /** SchemaGate cannot plan it: a person must (unreadable statements, procedural code, unsupported shapes). */
        MANUAL,
        /** MySQL/MariaDB: a MODIFY/CHANGE of a column's type that copies the table (INT to BIGINT, VARCHAR shrink,
         * charset change), planned as that copy (or gh-ost/pt-osc); {@link #column} names it. */
        TYPE_BY_COPY
    }

    /** A column the intent adds. */
    public static final class NewColumn {
        public String name;
        public String type;
        public String defaultExpr;
        public boolean notNull;
        /** The value existing rows get, an SQL expression over the table's columns, or null (stays NULL). */
        public String expr;
        /** Columns of the table the expression reads. */
        public final List<String> sources = new ArrayList<>();
    }

    public final Kind kind;
    public final QualifiedName table;
    public final List<Change> changes = new ArrayList<>();
    /** The table as it was before the first change of the intent (null for a new table). */
    public TableDef before;
    /** The table's indexes before the first change of the intent. */
    public final List<dev.schemagate.model.catalog.IndexDef> beforeIndexes = new ArrayList<>();
    public final List<NewColumn> columns = new ArrayList<>();
    /** Source columns dropped once the new columns replace them (rename, split). */
    public final List<String> dropped = new ArrayList<>();
    /** For a rename: the old column name (the new column keeps it in sync both ways until the contract phase). */
    public String renamedFrom;
    /** SET NOT NULL / DROP COLUMN: the column. */
    public String column;
    /** BATCHED_DATA: the SET list (empty for DELETE), WHERE and whether it deletes. */
    public final Map<String, String> set = new LinkedHashMap<>();
    public String where;
    public boolean delete;
    /** AS_WRITTEN and MANUAL: why. */
    public String reason;
    /** AS_WRITTEN: the change is done by the server in its catalog only (no rewrite, no scan) on the target version. */
    public boolean metadataOnly;
    /** REBUILD_TABLE: the name the new definition is created under, its CREATE TABLE text, the copy (new column to
     * expression over the old table's columns) and the statements after the rename (indexes, as written). */
    public String rebuildAs;
    public String rebuildCreate;
    public final Map<String, String> copy = new LinkedHashMap<>();
    public final List<String> rebuildAfter = new ArrayList<>();

    /** CHANGE_TYPE: the column's new type as written, the conversion of the old value (an SQL expression over the
     * table's columns: the USING expression, or a cast) and the shadow column that holds the new values until the swap. */
    public String newType;
    public String convert;
    public String shadow;

    /** IDENTITY_COLUMN: ALWAYS or BY DEFAULT for an identity column, null for serial (a sequence default). */
    public String identity;

    /** RENAME_TABLE: the table's new name. */
    public QualifiedName newTable;

    /** Part of a table split: rows copied into a new table from one whose columns are dropped in the same range. */
    public boolean tableSplit;

    public Intent(Kind kind, QualifiedName table) {
        this.kind = kind;
        this.table = table;
    }

    public Change first() {
        return changes.get(0);
    }

    /** Whether the running application must change to keep working (a column it uses goes away or is renamed). */
    public boolean breaking() {
        return !dropped.isEmpty() || renamedFrom != null || kind == Kind.DROP_COLUMN || kind == Kind.DROP_TABLE
                || kind == Kind.RENAME_TABLE;
    }

    public String tableName() {
        return table == null ? "" : table.getName();
    }
}
