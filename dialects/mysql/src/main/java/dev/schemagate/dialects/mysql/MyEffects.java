package dev.schemagate.dialects.mysql;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Lock;
import dev.schemagate.model.Statement;
import dev.schemagate.model.Version;
import dev.schemagate.model.catalog.Catalog;
import dev.schemagate.model.catalog.ColumnDef;
import dev.schemagate.model.catalog.IndexDef;
import dev.schemagate.model.catalog.TableDef;
import dev.schemagate.model.change.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What InnoDB does with each change on a given MySQL or MariaDB version: the algorithm the server picks
 * (INSTANT, INPLACE, COPY; MariaDB also NOCOPY), whether the table is rebuilt, whether concurrent writes go on,
 * and whether explicit ALGORITHM= / LOCK= clauses make the statement fail. One non-instant clause makes the
 * whole ALTER non-instant, so the changes of one statement are combined: each change carries the statement's
 * outcome, and the change that decides it is marked {@code mysql.decides=true}.
 *
 * <p>Facts are set as options on the change: {@code mysql.algorithm} (statement), {@code mysql.own_algorithm}
 * (this change alone), {@code mysql.rebuild}, {@code mysql.dml}, {@code mysql.why}, {@code mysql.fails},
 * {@code mysql.row_versions} (row versions of the table after an INSTANT ADD/DROP COLUMN, when the history is
 * known), {@code mysql.fk_checks} and {@code mysql.strict} (session state in force).
 */
final class MyEffects {
    static final Lock METADATA = new Lock("metadata lock", false, false);
    static final Lock SHARED = new Lock("SHARED", false, true);
    static final Lock EXCLUSIVE = new Lock("EXCLUSIVE", true, true);

    static final int INSTANT = 0;
    static final int NOCOPY = 1;
    static final int INPLACE = 2;
    static final int COPY = 3;
    private static final String[] NAMES = {"INSTANT", "NOCOPY", "INPLACE", "COPY"};

    /** One change's own needs. */
    static final class Need {
        final int alg;
        final boolean rebuild;
        final boolean dml;
        final boolean scan;
        final String why;
        /** When the statement cannot be INSTANT: does this change then rebuild the table? */
        final boolean rebuildIfNotInstant;
        final boolean ddl;

        Need(int alg, boolean rebuild, boolean dml, boolean scan, String why, boolean rebuildIfNotInstant, boolean ddl) {
            this.alg = alg;
            this.rebuild = rebuild;
            this.dml = dml;
            this.scan = scan;
            this.why = why;
            this.rebuildIfNotInstant = rebuildIfNotInstant;
            this.ddl = ddl;
        }

        static Need none() {
            return new Need(INSTANT, false, true, false, null, false, false);
        }
    }

    /** Session and statement state across the changes of one replay (one thread). */
    static final class State {
        Catalog catalog;
        final java.util.Map<String, String> autoIncrement = new java.util.HashMap<>();
        final java.util.Map<String, String> triggerTable = new java.util.HashMap<>();
        String file;
        boolean fkChecksOff;
        boolean nonStrict;
        Statement statement;
        final List<Change> parts = new ArrayList<>();
        final List<Need> needs = new ArrayList<>();
    }

    private MyEffects() {
    }

    static Effect of(Change c, Catalog cat, Version v, State s) {
        if (cat != s.catalog) {
            s.catalog = cat;
            s.autoIncrement.clear();
            s.triggerTable.clear();
            s.file = null;
        }
        if (!c.getFile().equals(s.file)) {
            s.file = c.getFile();
            s.fkChecksOff = false;
            s.nonStrict = false;
            s.statement = null;
        }
        boolean maria = c.getDialect() == Dialect.MARIADB;
        if (c instanceof SetSetting) {
            session((SetSetting) c, s);
            return Effect.NONE;
        }
        c.setOption("mysql.fk_checks", s.fkChecksOff ? "off" : "on");
        c.setOption("mysql.strict", s.nonStrict ? "false" : "true");
        TableDef t = c.getTable() == null ? null : cat.table(c.getTable());
        track(c, s);
        tableFacts(c, t, cat, s);
        Need n = need(c, t, cat, v, maria, s);
        keepCharset(c, t);
        dropPrimary(c, t, cat);
        if (!n.ddl) {
            return simple(c);
        }
        if (c.getStatement() != s.statement) {
            s.statement = c.getStatement();
            s.parts.clear();
            s.needs.clear();
        }
        s.parts.add(c);
        s.needs.add(n);
        Effect last = null;
        int worst = 0;
        for (int i = 1; i < s.needs.size(); i++) {
            if (rank(s.needs.get(i)) > rank(s.needs.get(worst))) {
                worst = i;
            }
        }
        for (int i = 0; i < s.parts.size(); i++) {
            Effect e = combine(s.parts.get(i), s.needs.get(i), s.needs, worst, i == worst, t, v, maria);
            if (s.parts.get(i) == c) {
                last = e;
            } else {
                s.parts.get(i).setEffect(e);
            }
        }
        return last;
    }

    /**
     * Keeps what CONVERT TO CHARACTER SET and DEFAULT CHARSET / COLLATE do to the catalog (the neutral replay does not
     * know them): the table's default character set and collation, and, for a conversion, the character set of every
     * text column, which the server rewrites. Called after the change's own needs were worked out from the state
     * before it.
     */
    private static void keepCharset(Change c, TableDef t) {
        if (t != null && c instanceof AlterColumnType && c.option("auto_increment") == null) {
            // MODIFY / CHANGE restate the whole column: without AUTO_INCREMENT the column loses it
            ColumnDef col = t.column(((AlterColumnType) c).getColumnName());
            if (col != null && col.getDefaultExpr() != null && col.getDefaultExpr().startsWith("nextval(")) {
                t.putColumn(col.withDefault(null));
            }
        }
        if (t == null || !(c instanceof AlterTableOption)) {
            return;
        }
        AlterTableOption o = (AlterTableOption) c;
        String val = o.getValue() == null ? null : o.getValue().toLowerCase(Locale.ROOT);
        String collate = o.option("collate");
        switch (o.getOption()) {
            case "convert_charset": {
                for (ColumnDef col : new ArrayList<>(t.getColumns())) {
                    if (MyTypes.isChar(col.getType().getName())) {
                        String w = col.getType().getWritten().replaceAll(" character set \\w+", "").replaceAll(" collate \\w+", "")
                                + " character set " + val + (collate == null ? "" : " collate " + collate);
                        dev.schemagate.model.catalog.ColumnType ct = col.getType();
                        t.putColumn(col.withType(new dev.schemagate.model.catalog.ColumnType(ct.getName(), ct.getSqlType(),
                                ct.getPrecision(), ct.getScale(), ct.isArray(), w, ct.isUserDefined())));
                    }
                }
                t.getOptions().put("charset", val);
                putCollate(t, collate);
                break;
            }
            case "default_charset":
                t.getOptions().put("charset", val);
                putCollate(t, collate);
                break;
            case "default_collate":
                putCollate(t, val);
                if (val != null && val.indexOf('_') > 0) {
                    t.getOptions().put("charset", MyTypes.normalise(val.substring(0, val.indexOf('_'))));
                }
                break;
            case "engine":
                if (val != null) {
                    t.getOptions().put("engine", val);
                }
                break;
            case "check_enforced": case "check_not_enforced": {
                // ALTER CHECK c [NOT] ENFORCED: an enforced check has checked every row (the ALTER copies the table)
                dev.schemagate.model.catalog.ConstraintDef k = o.getValue() == null ? null : t.constraint(o.getValue());
                if (k != null) {
                    t.putConstraint(o.getOption().equals("check_enforced") ? k.validated()
                            : new dev.schemagate.model.catalog.ConstraintDef(k.getName(), k.getKind(), k.getColumns(),
                            k.getExpression(), k.getRefTable(), k.getRefColumns(), false, k.getOnDelete(), k.getUsingIndex(),
                            k.getAddedIn(), k.getAddedTx()));
                }
                break;
            }
            default:
                break;
        }
    }

    /**
     * DROP PRIMARY KEY names the key PRIMARY, as MySQL does; the neutral replay named it after the table: drop the
     * table's primary key and its index here, so the catalog matches the server.
     */
    private static void dropPrimary(Change c, TableDef t, Catalog cat) {
        if (t != null && c instanceof DropIndex) {
            // a UNIQUE KEY is an index in MySQL: DROP INDEX drops the constraint with it
            String n = ((DropIndex) c).getIndexName();
            n = n.substring(n.lastIndexOf('.') + 1);
            for (dev.schemagate.model.catalog.ConstraintDef k : new ArrayList<>(t.getConstraints())) {
                if (k.getKind() == dev.schemagate.model.catalog.ConstraintKind.UNIQUE && (k.getName().equalsIgnoreCase(n)
                        || (k.getUsingIndex() != null && k.getUsingIndex().equalsIgnoreCase(n)))) {
                    t.removeConstraint(k.getName());
                }
            }
        }
        if (t == null || !(c instanceof DropConstraint) || !"PRIMARY".equals(((DropConstraint) c).getConstraintName())) {
            return;
        }
        dev.schemagate.model.catalog.ConstraintDef pk = t.primaryKey();
        if (pk == null || pk.getName().equals("PRIMARY")) {
            return;
        }
        t.removeConstraint(pk.getName());
        cat.removeIndex(t.getName().getSchema(), pk.getUsingIndex() != null ? pk.getUsingIndex() : pk.getName());
    }

    private static void putCollate(TableDef t, String collate) {
        if (collate != null) {
            t.getOptions().put("collate", collate);
        } else {
            t.getOptions().remove("collate");
        }
    }

    private static String key(dev.schemagate.model.QualifiedName n) {
        return n == null ? "" : n.getName().toLowerCase(Locale.ROOT);
    }

    /** Keeps what the catalog does not: AUTO_INCREMENT columns and triggers per table. */
    private static void track(Change c, State s) {
        if (c instanceof CreateTable) {
            for (ColumnSpec col : ((CreateTable) c).getColumns()) {
                if (col.isSerial()) {
                    s.autoIncrement.put(key(c.getTable()), col.getName());
                }
            }
        } else if (c instanceof AddColumn && ((AddColumn) c).getColumn().isSerial()) {
            s.autoIncrement.put(key(c.getTable()), ((AddColumn) c).getColumnName());
        } else if (c instanceof RenameTable) {
            String ai = s.autoIncrement.remove(key(c.getTable()));
            if (ai != null) {
                s.autoIncrement.put(key(((RenameTable) c).getNewName()), ai);
            }
            for (java.util.Map.Entry<String, String> e : s.triggerTable.entrySet()) {
                if (e.getValue().equals(key(c.getTable()))) {
                    e.setValue(key(((RenameTable) c).getNewName()));
                }
            }
        } else if (c instanceof DropTable) {
            s.autoIncrement.remove(key(c.getTable()));
            s.triggerTable.values().removeIf(x -> x.equals(key(c.getTable())));
        } else if (c instanceof TriggerChange) {
            TriggerChange tc = (TriggerChange) c;
            String name = tc.getTriggerName().toLowerCase(Locale.ROOT);
            if (tc.getAction().equals("create") && c.getTable() != null) {
                s.triggerTable.put(name, key(c.getTable()));
            } else if (tc.getAction().equals("drop")) {
                String table = s.triggerTable.remove(name);
                if (table != null) {
                    c.resolveTable(new dev.schemagate.model.QualifiedName(null, table));
                }
            }
        }
    }

    /**
     * Facts about the table that decide whether gh-ost or pt-online-schema-change can run: foreign keys on
     * either side, triggers, a primary or unique key, and the AUTO_INCREMENT column.
     */
    private static void tableFacts(Change c, TableDef t, Catalog cat, State s) {
        if (t == null) {
            return;
        }
        boolean child = t.getConstraints().stream().anyMatch(k -> k.getKind() == dev.schemagate.model.catalog.ConstraintKind.FOREIGN_KEY);
        boolean parent = cat.referencing(t.getName()).stream().anyMatch(x -> x != t);
        long triggers = s.triggerTable.values().stream().filter(x -> x.equals(key(t.getName()))).count();
        boolean pk = t.primaryKey() != null;
        boolean unique = cat.indexesOf(t.getName()).stream().anyMatch(IndexDef::isUnique)
                || t.getConstraints().stream().anyMatch(k -> k.getKind() == dev.schemagate.model.catalog.ConstraintKind.UNIQUE);
        boolean known = !"true".equals(t.getOptions().get("assumed"));
        c.setOption("mysql.table_known", String.valueOf(known));
        c.setOption("mysql.table_fk_child", String.valueOf(child));
        c.setOption("mysql.table_fk_parent", String.valueOf(parent));
        c.setOption("mysql.table_triggers", String.valueOf(triggers));
        c.setOption("mysql.table_key", pk ? "primary" : unique ? "unique" : "none");
        String ai = s.autoIncrement.get(key(t.getName()));
        if (ai != null) {
            c.setOption("mysql.auto_increment_column", ai);
        }
    }

    private static int rank(Need n) {
        return n.alg * 4 + (n.rebuild ? 2 : 0) + (n.dml ? 0 : 1);
    }

    private static Effect combine(Change c, Need own, List<Need> all, int worstIdx, boolean decides, TableDef t,
                                  Version v, boolean maria) {
        int alg = INSTANT;
        for (Need n : all) {
            alg = Math.max(alg, n.alg);
        }
        String requested = c.option("algorithm");
        String lockClause = c.option("lock");
        String fails = null;
        if (requested != null) {
            int req = indexOf(requested);
            if (req == COPY) {
                alg = COPY;
            } else if (req == INSTANT && alg > INSTANT) {
                fails = "ALGORITHM=INSTANT is not supported here: " + all.get(worstIdx).why + " needs ALGORITHM="
                        + NAMES[alg] + " (ERROR 1846); the statement fails";
            } else if (req == INPLACE && alg == COPY) {
                fails = "ALGORITHM=INPLACE is not supported here: " + all.get(worstIdx).why + " needs ALGORITHM=COPY"
                        + " (ERROR 1846); the statement fails";
            } else if (req == NOCOPY && alg == COPY) {
                fails = "ALGORITHM=NOCOPY is not supported here: " + all.get(worstIdx).why + " copies the table; the statement fails";
            } else if (req == INSTANT && maria && v.below("10.3")) {
                fails = "ALGORITHM=INSTANT does not exist before MariaDB 10.3; the statement fails";
            } else if (req == INSTANT && !maria && v.below("8.0.12")) {
                fails = "ALGORITHM=INSTANT does not exist before MySQL 8.0.12; the statement fails";
            } else if (req == INPLACE || req == NOCOPY) {
                alg = Math.max(alg, req);
            }
        }
        boolean onlineCopy = maria && v.atLeast("11.2");
        boolean rebuild = false;
        boolean dml = true;
        boolean scan = false;
        for (Need n : all) {
            if (alg == COPY) {
                rebuild = true;
            } else if (alg > INSTANT && n.alg == INSTANT && n.rebuildIfNotInstant) {
                rebuild = true;
            } else {
                rebuild |= n.rebuild;
            }
            dml &= n.dml || (n.alg == COPY && onlineCopy);
            scan |= n.scan;
        }
        if (alg == COPY && !onlineCopy) {
            dml = false;
        }
        if (alg == COPY && onlineCopy && "SHARED".equals(lockClause) || "EXCLUSIVE".equals(lockClause)) {
            dml = false;
        }
        if (lockClause != null) {
            if (lockClause.equals("NONE") && !dml && fails == null) {
                fails = "LOCK=NONE is not supported here: " + all.get(worstIdx).why + " blocks writes (ERROR 1846); "
                        + "the statement fails";
            } else if (lockClause.equals("NONE") && alg == INSTANT && !maria && "INSTANT".equals(requested) && fails == null) {
                fails = "ALGORITHM=INSTANT accepts only LOCK=DEFAULT; with LOCK=NONE the statement fails";
            } else if (lockClause.equals("SHARED")) {
                dml = false;
            }
        }
        Lock lock = "EXCLUSIVE".equals(lockClause) ? EXCLUSIVE : dml ? METADATA : SHARED;
        if (all.stream().anyMatch(n -> n.alg == COPY && !n.dml && n.why != null && n.why.startsWith("drops the primary key")) && alg == COPY
                && !"NONE".equals(lockClause)) {
            lock = SHARED;
        }
        if (rebuild && t != null && alg > INSTANT) {
            t.getOptions().remove("row_versions"); // a rebuild starts the table's row versions again
        }
        c.setOption("mysql.own_algorithm", NAMES[own.alg]);
        c.setOption("mysql.algorithm", NAMES[alg]);
        c.setOption("mysql.rebuild", String.valueOf(rebuild));
        c.setOption("mysql.dml", String.valueOf(dml));
        c.setOption("mysql.why", all.get(worstIdx).why == null ? "" : all.get(worstIdx).why);
        c.setOption("mysql.decides", String.valueOf(decides));
        if (fails != null) {
            c.setOption("mysql.fails", fails);
        }
        String note = "ALGORITHM=" + NAMES[alg] + (rebuild ? ", rebuilds the table" : "")
                + (dml ? ", concurrent reads and writes continue" : ", writes are blocked") + "; " + all.get(worstIdx).why;
        return new Effect(lock, rebuild, scan, otherTable(c), otherLock(c, alg), note);
    }

    private static dev.schemagate.model.QualifiedName otherTable(Change c) {
        if (c instanceof AddConstraint && ((AddConstraint) c).getConstraint().isForeignKey()) {
            return ((AddConstraint) c).getConstraint().getRefTable();
        }
        return null;
    }

    private static Lock otherLock(Change c, int alg) {
        if (otherTable(c) == null) {
            return null;
        }
        return alg == COPY ? SHARED : METADATA;
    }

    static int indexOf(String alg) {
        switch (alg.toUpperCase(Locale.ROOT)) {
            case "INSTANT": return INSTANT;
            case "NOCOPY": return NOCOPY;
            case "INPLACE": return INPLACE;
            case "COPY": return COPY;
            default: return -1;
        }
    }

    static String name(int alg) {
        return NAMES[alg];
    }

    private static Effect simple(Change c) {
        if (c instanceof DropTable || c instanceof RenameTable || c instanceof TruncateTable || c instanceof TriggerChange
                || (c instanceof CreateTable && !((CreateTable) c).isAsSelect())) {
            return new Effect(c instanceof CreateTable ? Lock.NONE : METADATA, false, false, null, null, null);
        }
        if (c instanceof LockTable) {
            return Effect.of("READ".equals(((LockTable) c).getMode()) ? SHARED : EXCLUSIVE, false, false);
        }
        if (c instanceof Maintenance && ((Maintenance) c).getOperation().equals("OPTIMIZE")) {
            return new Effect(METADATA, true, true, null, null, "OPTIMIZE TABLE rebuilds an InnoDB table (ALGORITHM=INPLACE)");
        }
        return Effect.NONE;
    }

    private static void session(SetSetting s, State st) {
        String var = s.option("variable");
        String v = s.getValue() == null ? "" : s.getValue().replaceAll("['\"]", "").trim().toUpperCase(Locale.ROOT);
        if ("foreign_key_checks".equals(var)) {
            st.fkChecksOff = v.equals("0") || v.equals("OFF") || v.equals("FALSE");
        } else if ("sql_mode".equals(var)) {
            st.nonStrict = !(v.contains("STRICT_TRANS_TABLES") || v.contains("STRICT_ALL_TABLES") || v.contains("TRADITIONAL")
                    || v.equals("DEFAULT") || v.contains("@@"));
        }
    }

    // ------------------------------------------------------------------------ per change

    private static Need ddl(int alg, boolean rebuild, boolean dml, boolean scan, String why) {
        return new Need(alg, rebuild, dml, scan, why, rebuild, true);
    }

    private static Need need(Change c, TableDef t, Catalog cat, Version v, boolean maria, State s) {
        if (c instanceof AddColumn) {
            return addColumn((AddColumn) c, t, cat, v, maria);
        }
        if (c instanceof DropColumn) {
            return dropColumn((DropColumn) c, t, cat, v, maria);
        }
        if (c instanceof RenameColumn) {
            boolean instant = maria ? v.atLeast("10.3") : v.atLeast("8.0.28");
            return new Need(instant ? INSTANT : INPLACE, false, true, false, "renames column " + ((RenameColumn) c).getColumnName(),
                    false, true);
        }
        if (c instanceof AlterColumnType) {
            return modify((AlterColumnType) c, t, v, maria, s);
        }
        if (c instanceof SetDefault || c instanceof DropDefault) {
            return new Need(v.atLeast(maria ? "10.3" : "8.0") ? INSTANT : INPLACE, false, true, false, "changes a column default",
                    false, true);
        }
        if (c instanceof AlterColumnOption) {
            return new Need(INSTANT, false, true, false, "changes column visibility", false, true);
        }
        if (c instanceof CreateIndex) {
            return index((CreateIndex) c, t, cat);
        }
        if (c instanceof DropIndex) {
            return ddl(INPLACE, false, true, false, "drops index " + ((DropIndex) c).getIndexName());
        }
        if (c instanceof AlterIndex) {
            AlterIndex a = (AlterIndex) c;
            return ddl(INPLACE, false, true, false, a.getAction().equals("rename") ? "renames index " + a.getIndexName()
                    : "makes index " + a.getIndexName() + " " + a.getAction());
        }
        if (c instanceof AddConstraint) {
            return constraint((AddConstraint) c, t, s, maria, v);
        }
        if (c instanceof DropConstraint) {
            DropConstraint d = (DropConstraint) c;
            if (d.getConstraintName().equals("PRIMARY")) {
                if ("true".equals(c.option("replaces_primary_key"))) {
                    return ddl(INPLACE, true, true, false, "replaces the primary key");
                }
                return ddl(COPY, true, false, false, "drops the primary key without adding another");
            }
            return ddl(INPLACE, false, true, false, "drops constraint " + d.getConstraintName());
        }
        if (c instanceof AlterTableOption) {
            return tableOption((AlterTableOption) c, t, v, maria);
        }
        return Need.none();
    }

    private static boolean instantBlocked(TableDef t, Catalog cat, List<String> why) {
        if (t == null) {
            return false;
        }
        String rf = t.getOptions().get("row_format");
        if (rf != null && rf.equalsIgnoreCase("compressed")) {
            why.add("the table uses ROW_FORMAT=COMPRESSED");
            return true;
        }
        for (IndexDef i : cat.indexesOf(t.getName())) {
            if ("FULLTEXT".equalsIgnoreCase(i.getMethod())) {
                why.add("the table has a FULLTEXT index (" + i.getName() + ")");
                return true;
            }
        }
        return false;
    }

    private static Need addColumn(AddColumn a, TableDef t, Catalog cat, Version v, boolean maria) {
        ColumnSpec col = a.getColumn();
        String name = col.getName();
        if (col.isGeneratedStored()) {
            return ddl(COPY, true, false, false, "adds STORED generated column " + name);
        }
        if (col.isSerial()) {
            return ddl(INPLACE, true, false, false, "adds AUTO_INCREMENT column " + name);
        }
        if (col.isPrimaryKey()) {
            return ddl(INPLACE, true, true, true, "adds column " + name + " as the primary key");
        }
        if (col.getDefaultExpr() != null && col.getDefaultExpr().startsWith("(")) {
            return ddl(COPY, true, false, false, "adds column " + name + " with the expression default " + col.getDefaultExpr());
        }
        if (col.isGeneratedColumn()) {
            return new Need(v.atLeast(maria ? "10.3" : "8.0") ? INSTANT : INPLACE, false, true, false,
                    "adds VIRTUAL generated column " + name, false, true);
        }
        List<String> blocked = new ArrayList<>();
        boolean positioned = a.getPosition() != null;
        String why = "adds column " + name + (positioned ? " " + a.getPosition() : "");
        if (col.isUnique()) {
            return ddl(INPLACE, true, true, true, why + " with a UNIQUE key");
        }
        if (instantBlocked(t, cat, blocked)) {
            return ddl(INPLACE, true, true, false, why + "; INSTANT is not possible because " + blocked.get(0));
        }
        boolean instant;
        String limit;
        if (maria) {
            instant = v.atLeast("10.4") || (v.atLeast("10.3.2") && !positioned);
            limit = positioned ? "MariaDB adds a column elsewhere than last instantly only from 10.4"
                    : "MariaDB adds columns instantly only from 10.3.2";
        } else {
            instant = v.atLeast("8.0.29") || (v.atLeast("8.0.12") && !positioned);
            limit = positioned ? "MySQL adds a column elsewhere than last instantly only from 8.0.29"
                    : "MySQL adds columns instantly only from 8.0.12";
        }
        if (!instant) {
            return ddl(INPLACE, true, true, false, why + " (" + limit + ")");
        }
        Need n = new Need(INSTANT, false, true, false, why, true, true);
        rowVersion(a, t, v, maria);
        return n;
    }

    /** Counts INSTANT ADD/DROP COLUMN row versions on MySQL 8.0.29+ (limit 64; 255 from 9.1). */
    private static void rowVersion(Change c, TableDef t, Version v, boolean maria) {
        if (maria || !v.atLeast("8.0.29") || t == null) {
            return;
        }
        boolean known = !"true".equals(t.getOptions().get("assumed"));
        String cur = t.getOptions().get("row_versions");
        int n = cur == null ? 0 : Integer.parseInt(cur);
        // one row version per ALTER TABLE statement, however many columns it adds or drops
        String stamp = c.getFile() + ":" + c.getStatement().getIndex() + ":" + c.getLine();
        if (!stamp.equals(t.getOptions().get("row_versions_statement"))) {
            n++;
            t.getOptions().put("row_versions_statement", stamp);
        }
        t.getOptions().put("row_versions", String.valueOf(n));
        c.setOption("mysql.row_versions", String.valueOf(n));
        c.setOption("mysql.row_versions_known", String.valueOf(known));
        c.setOption("mysql.row_versions_limit", v.atLeast("9.1") ? "255" : "64");
    }

    private static Need dropColumn(DropColumn d, TableDef t, Catalog cat, Version v, boolean maria) {
        ColumnDef col = d.getBefore() != null ? d.getBefore() : t == null ? null : t.column(d.getColumnName());
        String why = "drops column " + d.getColumnName();
        if (t != null && t.primaryKey() != null && t.primaryKey().getColumns().contains(d.getColumnName())) {
            return ddl(COPY, true, false, false, why + ", which is part of the primary key");
        }
        List<String> blocked = new ArrayList<>();
        if (instantBlocked(t, cat, blocked)) {
            return ddl(INPLACE, true, true, false, why + "; INSTANT is not possible because " + blocked.get(0));
        }
        boolean instant = maria ? v.atLeast("10.4") : v.atLeast("8.0.29");
        if (!instant) {
            return ddl(INPLACE, true, true, false, why + " (" + (maria ? "MariaDB drops columns instantly only from 10.4"
                    : "MySQL drops columns instantly only from 8.0.29") + ")");
        }
        rowVersion(d, t, v, maria);
        return new Need(INSTANT, false, true, false, why, true, true);
    }

    private static Need modify(AlterColumnType a, TableDef t, Version v, boolean maria, State s) {
        String col = a.getColumnName();
        ColumnDef before = t == null ? null : t.column(col);
        if ("STORED".equals(a.option("generated"))) {
            return ddl(COPY, true, false, false, a.option("via") + " of STORED generated column " + col);
        }
        if (before == null || before.getType() == null) {
            return ddl(COPY, true, false, false, a.option("via") + " " + col + " " + a.getNewType().getWritten()
                    + " (the column's current definition is unknown, so SchemaGate assumes a table copy)");
        }
        String tableCs = tableCharset(t, v, maria);
        MyTypes.Result r = MyTypes.classify(before.getType(), a.getNewType(), tableCs);
        a.setOption("mysql.type_change", r.why);
        String via = a.option("via") + " " + col;
        String pos = a.option("position");
        boolean toNotNull = a.isNotNull() && before.isNullable();
        boolean toNull = !a.isNotNull() && !before.isNullable();
        if (r.change != TypeChange.BINARY_COERCIBLE) {
            return ddl(COPY, true, false, false, via + " " + r.why);
        }
        boolean sameType = before.getType().getWritten().equals(a.getNewType().getWritten())
                || r.why.equals("keeps the type");
        if (pos != null) {
            return ddl(INPLACE, true, true, false, via + " moves the column " + pos);
        }
        if (toNotNull) {
            return ddl(INPLACE, true, true, true, via + " makes the column NOT NULL");
        }
        if (toNull) {
            boolean instant = maria && v.atLeast("10.4");
            return new Need(instant ? INSTANT : INPLACE, !instant, true, false, via + " makes the column NULL", !instant, true);
        }
        if (!sameType) {
            boolean enumSet = a.getNewType().getName().equals("enum") || a.getNewType().getName().equals("set");
            if (enumSet) {
                return new Need(v.atLeast(maria ? "10.3" : "8.0") ? INSTANT : INPLACE, false, true, false, via + " " + r.why,
                        false, true);
            }
            boolean instant = maria && v.atLeast("10.2.2");
            return new Need(instant ? INSTANT : INPLACE, false, true, false, via + " " + r.why, false, true);
        }
        return new Need(v.atLeast(maria ? "10.3" : "8.0") ? INSTANT : INPLACE, false, true, false,
                via + " keeps the type and nullability (default or comment only)", false, true);
    }

    /** The table's default character set, or the server's default for tables created without one. */
    static String tableCharset(TableDef t, Version v, boolean maria) {
        if (t != null && t.getOptions().get("charset") != null) {
            return MyTypes.normalise(t.getOptions().get("charset"));
        }
        if (maria) {
            return v.atLeast("11.6") ? "utf8mb4" : "latin1";
        }
        return v.atLeast("8.0") ? "utf8mb4" : "latin1";
    }

    private static Need index(CreateIndex ci, TableDef t, Catalog cat) {
        IndexSpec s = ci.getIndex();
        String name = s.getName() == null ? "(" + String.join(", ", s.getColumns()) + ")" : s.getName();
        String method = s.getMethod() == null ? "" : s.getMethod();
        if (method.equals("FULLTEXT")) {
            boolean first = t == null || cat.indexesOf(t.getName()).stream().noneMatch(i -> "FULLTEXT".equalsIgnoreCase(i.getMethod()));
            boolean docId = t != null && t.hasColumn("fts_doc_id");
            return ddl(INPLACE, first && !docId, false, true, "adds FULLTEXT index " + name
                    + (first && !docId ? " (the first one rebuilds the table to add FTS_DOC_ID)" : ""));
        }
        if (method.equals("SPATIAL")) {
            return ddl(INPLACE, false, false, true, "adds SPATIAL index " + name);
        }
        return ddl(INPLACE, false, true, true, "adds " + (s.isUnique() ? "unique " : "") + "index " + name);
    }

    private static Need constraint(AddConstraint a, TableDef t, State s, boolean maria, Version v) {
        ConstraintSpec k = a.getConstraint();
        switch (k.getKind()) {
            case PRIMARY_KEY:
                return ddl(INPLACE, true, true, true, "adds a primary key");
            case FOREIGN_KEY:
                if (s.fkChecksOff) {
                    return ddl(INPLACE, false, true, false, "adds a foreign key with foreign_key_checks=0");
                }
                return ddl(COPY, true, false, true, "adds a foreign key while foreign_key_checks=1");
            case CHECK:
                if (k.isNotEnforced()) {
                    return ddl(INSTANT, false, true, false, "adds a NOT ENFORCED check constraint");
                }
                if (!maria && v.below("8.0.16")) {
                    return new Need(INSTANT, false, true, false, "adds a check constraint (ignored before MySQL 8.0.16)", false, true);
                }
                return ddl(COPY, true, false, true, "adds an enforced check constraint");
            default:
                return ddl(INPLACE, false, true, true, "adds a " + k.getKind().name().toLowerCase(Locale.ROOT) + " constraint");
        }
    }

    private static Need tableOption(AlterTableOption o, TableDef t, Version v, boolean maria) {
        String opt = o.getOption();
        String val = o.getValue() == null ? "" : o.getValue();
        switch (opt) {
            case "convert_charset":
                return ddl(COPY, true, false, false, "converts every text column to character set " + val);
            case "default_charset": {
                String cur = tableCharset(t, v, maria);
                boolean differs = !MyTypes.normalise(val).equals(cur);
                return differs ? ddl(INPLACE, true, false, false, "changes the table's default character set to " + val)
                        : ddl(INSTANT, false, true, false, "restates the table's default character set");
            }
            case "default_collate":
                return ddl(INPLACE, true, false, false, "changes the table's default collation to " + val);
            case "engine": {
                String cur = t == null ? null : t.getOptions().get("engine");
                boolean same = val.equalsIgnoreCase(cur == null ? "innodb" : cur);
                return same ? ddl(INPLACE, true, true, false, "ENGINE=" + val + " rebuilds the table in place (a null ALTER)")
                        : ddl(COPY, true, false, false, "changes the storage engine to " + val);
            }
            case "force":
                return ddl(INPLACE, true, true, false, "FORCE rebuilds the table");
            case "row_format": case "key_block_size":
                return ddl(INPLACE, true, true, false, "changes " + opt.toUpperCase(Locale.ROOT) + " to " + val);
            case "partition_by":
                return ddl(COPY, true, false, false, "partitions the table");
            case "remove_partitioning":
                return ddl(COPY, true, false, false, "removes partitioning");
            case "reorganize_partition": case "coalesce_partition":
                return ddl(COPY, false, false, false, opt.replace('_', ' ') + " copies rows between partitions");
            case "add_partition":
                return ddl(INPLACE, false, false, false, "adds a partition");
            case "drop_partition": case "truncate_partition":
                return ddl(INPLACE, false, true, false, opt.replace('_', ' ') + " deletes every row of the partition");
            case "exchange_partition":
                return ddl(INPLACE, false, false, false, "exchanges a partition with a table");
            case "order_by":
                return ddl(COPY, true, false, false, "ORDER BY copies the table");
            case "add_system_versioning": case "drop_system_versioning":
                return ddl(COPY, true, false, false, opt.replace('_', ' '));
            case "check_enforced":
                return ddl(COPY, true, false, true, "enforces check constraint " + val);
            case "auto_increment":
                return ddl(INPLACE, false, true, false, "changes the AUTO_INCREMENT value");
            case "none":
                return Need.none();
            default:
                return ddl(INPLACE, false, true, false, "changes table option " + opt);
        }
    }
}
