package dev.schemagate.dialects.mongodb;

import dev.schemagate.model.Lock;
import dev.schemagate.model.Version;
import dev.schemagate.model.change.AlterTableOption;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.DataChange;
import dev.schemagate.model.change.DropColumn;
import dev.schemagate.model.change.Effect;
import dev.schemagate.model.change.RenameColumn;
import dev.schemagate.model.change.RenameTable;

/**
 * MongoDB locks, per the server manual: since 4.2 an index build holds an exclusive collection lock only at its
 * start and end (before, a foreground build blocked the whole database); same-database renames hold collection
 * locks since 4.2 (the database before); {@code convertToCapped} holds a database exclusive lock while it copies;
 * drops and renames hold a brief exclusive collection lock. Multi-document writes lock per document.
 */
final class MongoEffects {
    static final Lock NONE = Lock.NONE;
    static final Lock COLLECTION_BRIEF = new Lock("brief collection lock", false, false);
    static final Lock COLLECTION_EXCLUSIVE = new Lock("collection exclusive", true, true);
    static final Lock DATABASE_EXCLUSIVE = new Lock("database exclusive", true, true);
    static final Lock DOCUMENT = new Lock("document locks", false, false);

    private MongoEffects() {
    }

    /**
     * Keeps the collection's validation level and action in the catalog as collMod changes them (createCollection
     * puts its own into the table options), so the design review sees the state the whole history leaves. A collMod
     * with a validator but no level or action keeps the ones in force, as the server does.
     */
    static void validation(Change c, dev.schemagate.model.catalog.Catalog cat) {
        dev.schemagate.model.catalog.TableDef t = cat == null || c.getTable() == null ? null : cat.table(c.getTable());
        if (t == null) {
            return;
        }
        if (c instanceof AlterTableOption) {
            AlterTableOption o = (AlterTableOption) c;
            if ("validation_level".equals(o.getOption()) && o.getValue() != null) {
                t.getOptions().put("validationLevel", o.getValue());
            } else if ("validation_action".equals(o.getOption()) && o.getValue() != null) {
                t.getOptions().put("validationAction", o.getValue());
            }
        } else if (c instanceof dev.schemagate.model.change.AddConstraint
                && "validator".equals(((dev.schemagate.model.change.AddConstraint) c).getConstraint().getName())) {
            if ("true".equals(c.option("levelStated"))) {
                t.getOptions().put("validationLevel", c.option("validationLevel"));
            }
            if ("true".equals(c.option("actionStated"))) {
                t.getOptions().put("validationAction", c.option("validationAction"));
            }
        }
    }

    static Effect of(Change c, Version v) {
        boolean v42 = v == null || v.atLeast("4.2");
        switch (c.getKind()) {
            case CREATE_INDEX: {
                CreateIndex ci = (CreateIndex) c;
                if (v42 || "true".equals(ci.option("background"))) {
                    return Effect.of(COLLECTION_BRIEF, false, true);
                }
                return Effect.of(DATABASE_EXCLUSIVE, false, true);
            }
            case DROP_TABLE: case DROP_INDEX: case ALTER_INDEX: case CREATE_TABLE:
                return Effect.of(COLLECTION_BRIEF, false, false);
            case RENAME_TABLE: {
                RenameTable r = (RenameTable) c;
                if ("true".equals(r.option("crossDatabase"))) {
                    return Effect.of(DATABASE_EXCLUSIVE, true, true);
                }
                return Effect.of(v42 ? COLLECTION_BRIEF : DATABASE_EXCLUSIVE, false, false);
            }
            case ALTER_TABLE_OPTION:
                if ("convert_to_capped".equals(((AlterTableOption) c).getOption())) {
                    return Effect.of(DATABASE_EXCLUSIVE, true, true);
                }
                return Effect.of(COLLECTION_BRIEF, false, false);
            case DATA_CHANGE: {
                DataChange d = (DataChange) c;
                boolean multi = "true".equals(d.option("multi"));
                boolean replace = d.getOperation().equals("REPLACE");
                return Effect.of(DOCUMENT, replace, multi || replace || d.getOperation().equals("MERGE"));
            }
            case RENAME_COLUMN: case DROP_COLUMN:
                return Effect.of(DOCUMENT, c instanceof RenameColumn || c instanceof DropColumn, true);
            default:
                return Effect.of(NONE, false, false);
        }
    }
}
