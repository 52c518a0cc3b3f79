package dev.schemagate.rules.postgres;

import dev.schemagate.model.Lock;
import dev.schemagate.model.QualifiedName;
import dev.schemagate.model.Risk;
import dev.schemagate.model.change.AddColumn;
import dev.schemagate.model.change.AddConstraint;
import dev.schemagate.model.change.AlterColumnType;
import dev.schemagate.model.change.AlterTableOption;
import dev.schemagate.model.change.Change;
import dev.schemagate.model.change.CreateIndex;
import dev.schemagate.model.change.CreateTable;
import dev.schemagate.model.change.DataChange;
import dev.schemagate.model.change.DropColumn;
import dev.schemagate.model.change.DropConstraint;
import dev.schemagate.model.change.DropIndex;
import dev.schemagate.model.change.DropTable;
import dev.schemagate.model.change.Effect;
import dev.schemagate.model.change.HeldLock;
import dev.schemagate.model.change.Maintenance;
import dev.schemagate.model.change.ProceduralBlock;
import dev.schemagate.model.change.SetExpression;
import dev.schemagate.model.change.SetNotNull;
import dev.schemagate.model.change.SetSetting;
import dev.schemagate.model.catalog.ConstraintKind;
import dev.schemagate.rules.common.Sizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts and safe SQL for the transaction and timeout rules: which statements run long, which locks a transaction
 * still holds, what a lock_timeout value means, and batched or combined forms of the statements they report.
 */
public final class TxSql {
    /**
     * The longest lock_timeout accepted without a finding (strong_migrations' {@code lock_timeout_limit}). The
     * settings have no per-rule parameters, so this is a constant: raise a finding's risk or suppress it with a
     * reason where a longer wait is acceptable.
     */
    public static final long MAX_LOCK_TIMEOUT_MS = 10_000;
    /** From this lock_timeout on, queued requests outlast usual request and connection-pool timeouts. */
    public static final long HARMFUL_LOCK_TIMEOUT_MS = 60_000;
    /** A table this large takes from seconds to minutes to update in one statement. */
    public static final long LARGE_ROWS = 1_000_000;
    /** Rows per batch in the batched forms. */
    public static final int BATCH = 1000;

    private TxSql() {
    }

    // ------------------------------------------------------------------ lock_timeout values

    /** SET lock_timeout to 0 (off) or to more than {@link #MAX_LOCK_TIMEOUT_MS}. */
    public static boolean looseLockTimeout(SetSetting s) {
        Long ms = s.getMillis();
        return "lock_timeout".equals(s.getName()) && ms != null && (ms == 0 || ms > MAX_LOCK_TIMEOUT_MS);
    }

    /** The change waits for a lock that blocks others, on a table other sessions use. */
    public static boolean waitsForBlockingLock(Change c) {
        Effect e = c.getEffect();
        return (e.isBlocking() && c.isExistingTable())
                || (e.isBlockingOther() && !c.getCtx().isOtherTableCreatedInMigration());
    }

    /** The earliest of some changes, by statement and then part. */
    public static Change first(java.util.Collection<?> changes) {
        Change best = null;
        for (Object o : changes) {
            Change c = (Change) o;
            if (best == null || c.getStatement().getIndex() < best.getStatement().getIndex()
                    || (c.getStatement() == best.getStatement() && c.getPart() < best.getPart())) {
                best = c;
            }
        }
        return best;
    }

    public static Risk lockTimeoutRisk(SetSetting s) {
        long ms = s.getMillis();
        return ms == 0 || ms >= HARMFUL_LOCK_TIMEOUT_MS ? Risk.HIGH : Risk.MEDIUM;
    }

    public static String lockTimeoutMessage(SetSetting s, Change first) {
        long ms = s.getMillis();
        boolean own = first.getEffect().isBlocking() && first.isExistingTable();
        Lock lock = own ? first.getEffect().getLock() : first.getEffect().getOtherLock();
        QualifiedName table = own ? first.getTable() : first.getEffect().getOtherTable();
        String then = first.describe() + " (line " + first.getLine() + ") then waits for " + lock.getName() + " on "
                + table;
        if (ms == 0) {
            return "SET lock_timeout = 0 turns the lock timeout off: " + then
                    + " for as long as it takes, and every later query on " + table + " queues behind it";
        }
        return "lock_timeout " + s.getValue() + " is longer than " + MAX_LOCK_TIMEOUT_MS / 1000 + " s: " + then
                + ", and every query on " + table + " can queue behind it for up to " + s.getValue()
                + (ms >= HARMFUL_LOCK_TIMEOUT_MS ? ", longer than most request and pool timeouts" : "");
    }

    // ------------------------------------------------------------------ long-running work

    /** What makes the change take time in proportion to table size, or null when it is quick. */
    public static String slowWork(Change c) {
        if (c instanceof DataChange) {
            DataChange d = (DataChange) c;
            String op = d.getOperation();
            if ((op.equals("UPDATE") || op.equals("DELETE") || op.equals("MERGE")) && c.isExistingTable()) {
                return op + " on " + c.getTable();
            }
            if (op.equals("INSERT") && d.isFromQuery()) {
                return "INSERT ... SELECT into " + c.getTable();
            }
            if (op.equals("COPY")) {
                return "COPY into " + c.getTable();
            }
            return null;
        }
        if (c instanceof ProceduralBlock) {
            return "procedural code (its run time cannot be seen)";
        }
        if (c instanceof Maintenance && ((Maintenance) c).getOperation().equals("ANALYZE")) {
            return null;
        }
        Effect e = c.getEffect();
        if (c.isExistingTable() && (e.isRewrite() || e.isScan())) {
            return c.describe() + (e.isRewrite() ? " (rewrites the table)" : " (reads the whole table)");
        }
        return null;
    }

    private static boolean sizeFromOwnTable(Change c) {
        return !(c instanceof DataChange && ((DataChange) c).isFromQuery()) && !(c instanceof ProceduralBlock);
    }

    /** The strongest lock the transaction holds, the first one taken among equals. */
    public static HeldLock strongestHeld(Change c) {
        HeldLock best = null;
        for (HeldLock h : c.getCtx().getHeldLocks()) {
            if (best == null || Lock.max(best.getLock(), h.getLock()) != best.getLock()) {
                best = h;
            }
        }
        return best;
    }

    static boolean sameTable(QualifiedName a, QualifiedName b) {
        return a != null && b != null && a.getName().equals(b.getName())
                && (a.getSchema() == null || b.getSchema() == null || a.getSchema().equals(b.getSchema()));
    }

    /**
     * A slow statement runs while the transaction holds a blocking lock, and that lock makes it worse: the lock is
     * on another table, or stronger than the one the statement takes itself.
     */
    public static boolean underHeldLock(Change c) {
        if (c.getCtx() == null || !c.getCtx().isHoldingBlockingLock() || slowWork(c) == null) {
            return false;
        }
        Lock own = c.getEffect().getLock();
        for (HeldLock h : c.getCtx().getHeldLocks()) {
            if (!sameTable(h.getTable(), c.getTable()) || Lock.max(own, h.getLock()) != own) {
                return true;
            }
        }
        return false;
    }

    public static Risk heldLockRisk(Change c) {
        if (sizeFromOwnTable(c) && Sizes.isSmall(c)) {
            return Risk.LOW;
        }
        Risk r = strongestHeld(c).getLock().isBlocksReads() ? Risk.HIGH : Risk.MEDIUM;
        return c instanceof ProceduralBlock ? Risk.MEDIUM : r;
    }

    public static String heldLockMessage(Change c) {
        HeldLock h = strongestHeld(c);
        int others = 0;
        for (HeldLock x : c.getCtx().getHeldLocks()) {
            if (x != h && !(sameTable(x.getTable(), h.getTable()) && x.getLock() == h.getLock())) {
                others++;
            }
        }
        String by = h.getTakenBy() == null ? "" : " by " + h.getTakenBy();
        String what = h.getLock().isBlocksReads() ? "reads and writes" : "writes";
        return slowWork(c) + " runs while this transaction still holds " + h.getLock().getName() + " on " + h.getTable()
                + ", taken on line " + h.getLine() + by + ": " + what + " on " + h.getTable() + " wait until COMMIT"
                + (others > 0 ? " (and " + others + " more lock" + (others > 1 ? "s" : "") + " held)" : "")
                + (sizeFromOwnTable(c) && Sizes.isSmall(c) ? "; the table is small" + Sizes.rows(c) : "");
    }

    public static String commitFirst(Change c) {
        HeldLock h = strongestHeld(c);
        return "-- end the transaction right after line " + h.getLine() + ", so " + h.getLock().getName()
                + " on " + h.getTable() + " is released:\nCOMMIT;\n"
                + (c instanceof DataChange && !((DataChange) c).getOperation().equals("INSERT")
                        && !((DataChange) c).getOperation().equals("COPY")
                        ? "-- then change the rows in batches, one short transaction each:\n" + batched((DataChange) c)
                        : "-- then run line " + c.getLine() + " in a transaction (or migration) of its own");
    }

    // ------------------------------------------------------------------ statement_timeout

    /** A statement that can run long on a big table while it blocks other sessions (a lock, or row locks). */
    public static boolean longRunning(Change c) {
        if (!c.isExistingTable() || Sizes.isSmall(c)) {
            return false;
        }
        if (c instanceof DataChange) {
            String op = ((DataChange) c).getOperation();
            return op.equals("UPDATE") || op.equals("DELETE") || op.equals("MERGE");
        }
        Effect e = c.getEffect();
        return e.isBlocking() && (e.isRewrite() || e.isScan());
    }

    public static String statementTimeoutMessage(Change c) {
        Effect e = c.getEffect();
        String blocks;
        if (c instanceof DataChange) {
            blocks = "it locks every row it changes until it ends, so other writers of those rows wait";
        } else {
            blocks = c.getTable() + " stays under " + e.getLock().describe() + " until it ends";
        }
        String does = c instanceof DataChange ? "changes rows of" : e.isRewrite() ? "rewrites" : "reads all of";
        return c.describe() + " " + does + " " + c.getTable() + Sizes.rows(c)
                + " with no statement_timeout: nothing stops it if it runs longer than planned, and " + blocks;
    }

    // ------------------------------------------------------------------ several ALTER TABLEs

    /** An ALTER TABLE action that rewrites or scans the table and can share one pass with other such actions. */
    public static boolean combinable(Change c) {
        if (!c.isExistingTable() || Sizes.isSmall(c)) {
            return false;
        }
        Effect e = c.getEffect();
        if (c instanceof AddColumn || c instanceof AlterColumnType || c instanceof SetExpression) {
            return e.isRewrite();
        }
        if (c instanceof AlterTableOption) {
            return e.isRewrite() && !((AlterTableOption) c).getOption().equals("set_tablespace");
        }
        if (c instanceof SetNotNull) {
            return e.isScan();
        }
        if (c instanceof AddConstraint) {
            ConstraintKind k = ((AddConstraint) c).getConstraintKind();
            return e.isScan() && (k == ConstraintKind.CHECK || k == ConstraintKind.NOT_NULL);
        }
        return false;
    }

    private static final Pattern ALTER_HEAD = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(?:\"(?:[^\"]|\"\")*\"|[^\\s.\"]+)(?:\\s*\\.\\s*(?:\"(?:[^\"]|\"\")*\"|[^\\s.\"]+))*\\s+");

    /** The actions of an ALTER TABLE statement, without "ALTER TABLE name". */
    static String actions(Change c) {
        String text = c.getStatement().getText().trim();
        Matcher m = ALTER_HEAD.matcher(text);
        return m.find() ? text.substring(m.end()).trim() : text;
    }

    public static String combined(Change first, Change second) {
        return "ALTER TABLE " + PgSql.table(first) + "\n    " + actions(first).replaceAll("\\s*\\n\\s*", " ") + ",\n    "
                + actions(second).replaceAll("\\s*\\n\\s*", " ") + ";";
    }

    public static String kindOfPass(Change c) {
        return c.getEffect().isRewrite() ? "rewrites" : "scans";
    }

    // ------------------------------------------------------------------ robust statements

    /** How the statement can be made safe to run twice, or null when it already is (or cannot be reported). */
    public static String robustForm(Change c) {
        if (c instanceof CreateTable) {
            CreateTable t = (CreateTable) c;
            return t.isIfNotExists() || t.isTemporary() ? null : "CREATE TABLE IF NOT EXISTS";
        }
        if (c instanceof CreateIndex) {
            CreateIndex i = (CreateIndex) c;
            if (i.isIfNotExists()) {
                return null;
            }
            if (i.isConcurrently()) {
                String n = i.getIndex().getName();
                return n == null ? "a named index, dropped first with DROP INDEX CONCURRENTLY IF EXISTS"
                        : "DROP INDEX CONCURRENTLY IF EXISTS " + PgSql.ident(n) + " first";
            }
            return "CREATE INDEX IF NOT EXISTS";
        }
        if (c instanceof AddColumn) {
            return ((AddColumn) c).isIfNotExists() ? null : "ADD COLUMN IF NOT EXISTS";
        }
        if (c instanceof DropTable) {
            return ((DropTable) c).isIfExists() ? null : "DROP TABLE IF EXISTS";
        }
        if (c instanceof DropColumn) {
            return ((DropColumn) c).isIfExists() ? null : "DROP COLUMN IF EXISTS";
        }
        if (c instanceof DropIndex) {
            return ((DropIndex) c).isIfExists() ? null : "DROP INDEX IF EXISTS";
        }
        if (c instanceof DropConstraint) {
            return ((DropConstraint) c).isIfExists() ? null : "DROP CONSTRAINT IF EXISTS";
        }
        if (c instanceof AddConstraint) {
            String n = ((AddConstraint) c).getConstraint().getName();
            return n == null ? "a named constraint, dropped first with DROP CONSTRAINT IF EXISTS"
                    : "DROP CONSTRAINT IF EXISTS " + PgSql.ident(n) + " first";
        }
        return null;
    }

    /** {@code drop} is a DROP ... IF EXISTS of the very constraint or index {@code c} then creates. */
    public static boolean guards(Change drop, Change c) {
        if (drop instanceof DropConstraint && c instanceof AddConstraint) {
            DropConstraint d = (DropConstraint) drop;
            String n = ((AddConstraint) c).getConstraint().getName();
            return d.isIfExists() && n != null && n.equals(d.getConstraintName()) && sameTable(d.getTable(), c.getTable());
        }
        if (drop instanceof DropIndex && c instanceof CreateIndex) {
            DropIndex d = (DropIndex) drop;
            String n = ((CreateIndex) c).getIndex().getName();
            return d.isIfExists() && n != null && (n.equals(d.getIndexName()) || d.getIndexName().endsWith("." + n));
        }
        return false;
    }

    public static String robustMessage(Change c) {
        return c.describe() + " fails if it runs again, and this file runs outside a transaction: if a later statement"
                + " fails, the part already applied stays and the rerun stops here; use " + robustForm(c);
    }

    public static String robustSql(Change c) {
        String text = c.getStatement().getText().trim();
        if (c instanceof CreateTable) {
            return text.replaceFirst("(?i)^(CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:UNLOGGED\\s+)?TABLE)\\s+", "$1 IF NOT EXISTS ") + ";";
        }
        if (c instanceof CreateIndex) {
            CreateIndex i = (CreateIndex) c;
            if (i.isConcurrently() && i.getIndex().getName() != null) {
                return "DROP INDEX CONCURRENTLY IF EXISTS " + PgSql.ident(i.getIndex().getName())
                        + ";  -- also removes an INVALID index left by a failed build\n" + text + ";";
            }
            if (!i.isConcurrently()) {
                return text.replaceFirst("(?i)^(CREATE\\s+(?:UNIQUE\\s+)?INDEX)\\s+", "$1 IF NOT EXISTS ") + ";";
            }
            return null;
        }
        if (c instanceof AddColumn) {
            return text.replaceFirst("(?i)\\bADD\\s+(?:COLUMN\\s+)?(?!IF\\b)", "ADD COLUMN IF NOT EXISTS ") + ";";
        }
        if (c instanceof DropTable) {
            return text.replaceFirst("(?i)^DROP\\s+TABLE\\s+", "DROP TABLE IF EXISTS ") + ";";
        }
        if (c instanceof DropIndex) {
            return text.replaceFirst("(?i)^DROP\\s+INDEX\\s+(CONCURRENTLY\\s+)?", "DROP INDEX $1IF EXISTS ") + ";";
        }
        if (c instanceof DropColumn) {
            return text.replaceFirst("(?i)\\bDROP\\s+(?:COLUMN\\s+)?(?!IF\\b)(?!CONSTRAINT\\b)", "DROP COLUMN IF EXISTS ") + ";";
        }
        if (c instanceof DropConstraint) {
            return text.replaceFirst("(?i)\\bDROP\\s+CONSTRAINT\\s+(?!IF\\b)", "DROP CONSTRAINT IF EXISTS ") + ";";
        }
        if (c instanceof AddConstraint && ((AddConstraint) c).getConstraint().getName() != null) {
            return "ALTER TABLE " + PgSql.table(c) + " DROP CONSTRAINT IF EXISTS "
                    + PgSql.ident(((AddConstraint) c).getConstraint().getName()) + ";\n" + text + ";";
        }
        return null;
    }

    // ------------------------------------------------------------------ unbatched data changes

    public static boolean large(Change c) {
        Long rows = c.getCtx() == null ? null : c.getCtx().getRows();
        return rows != null && rows >= LARGE_ROWS;
    }

    public static Risk unbatchedRisk(DataChange d) {
        if (d.isHasWhere()) {
            return Risk.LOW;
        }
        return large(d) ? Risk.HIGH : Risk.MEDIUM;
    }

    public static String unbatchedMessage(DataChange d) {
        String op = d.getOperation();
        String rows = Sizes.rows(d);
        if (d.isHasWhere()) {
            return op + " on " + d.getTable() + rows + " runs as one statement: if its WHERE matches many rows, they"
                    + " stay locked (and their old versions kept) until it commits";
        }
        return op + " without WHERE " + (op.equals("DELETE") ? "deletes" : "updates") + " every row of " + d.getTable()
                + rows + " in one statement: each row stays locked until it commits, so other writers wait, and the"
                + " WAL burst can lag replicas";
    }

    /** The data change as batches of {@link #BATCH} rows, each in its own short transaction. */
    public static String batched(DataChange d) {
        String t = PgSql.table(d);
        String text = d.getStatement().getText().trim();
        String head = "-- outside the migration's DDL transaction; run it again (one transaction each) until it"
                + " reports 0 rows:\n";
        if (d.getOperation().equals("DELETE")) {
            String where = topLevelTail(text, "WHERE");
            if (!text.matches("(?is)^DELETE\\s+FROM\\s+.*") || topLevelTail(text, "USING") != null
                    || topLevelTail(text, "RETURNING") != null) {
                return head + "-- DELETE ... WHERE <key> IN (SELECT <key> FROM " + t + " WHERE <condition> LIMIT " + BATCH + ");";
            }
            return head + "DELETE FROM " + t + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + t
                    + (where == null ? "" : " WHERE " + oneLine(where)) + " LIMIT " + BATCH + "));";
        }
        if (!d.getOperation().equals("UPDATE")) {
            return head + "-- " + d.getOperation() + " in slices of " + BATCH + " rows";
        }
        String set = between(text, "SET", "WHERE");
        if (set == null || topLevelTail(text, "FROM") != null || topLevelTail(text, "RETURNING") != null
                || !text.matches("(?is)^UPDATE\\s+.*")) {
            return head + "-- UPDATE " + t + " SET ... WHERE <key> IN (SELECT <key> FROM " + t
                    + " WHERE <rows not yet done> LIMIT " + BATCH + ");";
        }
        String where = topLevelTail(text, "WHERE");
        String pending = pending(set);
        List<String> conds = new ArrayList<>();
        if (where != null) {
            conds.add(where.contains(" OR ") || where.contains(" or ") ? "(" + oneLine(where) + ")" : oneLine(where));
        }
        conds.add(pending == null ? "<rows not yet done>" : pending);
        return head + "UPDATE " + t + " SET " + oneLine(set) + "\nWHERE ctid = ANY (ARRAY(SELECT ctid FROM " + t
                + " WHERE " + String.join(" AND ", conds) + " LIMIT " + BATCH + "));";
    }

    // runs of a string literal are matched possessively: one step per character would recurse once per character and
    // overflow the stack on a long literal (fuzz: a 400,000-character value in a Knex update)
    private static final Pattern SIMPLE_VALUE = Pattern.compile(
            "(?is)^\\s*(?:'(?:[^']++|'')*+'|-?[0-9]+(?:\\.[0-9]+)?|true|false|null|[a-z_][a-z0-9_]*)(?:\\s*::\\s*[a-z_][a-z0-9_ ]*(?:\\([0-9, ]*\\))?)?\\s*$");
    private static final Pattern NOT_COLUMNS = Pattern.compile("(?i)^(true|false|null|current_\\w+|localtime\\w*)$");

    /**
     * A condition that is true for rows the assignments have not reached yet ({@code col IS DISTINCT FROM value}),
     * when every assigned value is a literal or another column; null otherwise (a value that depends on the old
     * value, on time or on a random source would never converge).
     */
    static String pending(String set) {
        List<String> conds = new ArrayList<>();
        for (String a : splitTop(set, ',')) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String col = a.substring(0, eq).trim();
            String val = a.substring(eq + 1).trim();
            if (!col.matches("(?i)[a-z_][a-z0-9_]*|\"[^\"]+\"") || !SIMPLE_VALUE.matcher(val).matches()) {
                return null;
            }
            String bare = val.replaceAll("::.*$", "").trim();
            if (bare.matches("(?i)[a-z_][a-z0-9_]*") && !NOT_COLUMNS.matcher(bare).matches()
                    && bare.equalsIgnoreCase(col)) {
                return null;
            }
            if (bare.matches("(?i)current_\\w+|localtime\\w*")) {
                return null;
            }
            conds.add(col + " IS DISTINCT FROM " + val);
        }
        if (conds.isEmpty()) {
            return null;
        }
        return conds.size() == 1 ? conds.get(0) : "(" + String.join(" OR ", conds) + ")";
    }

    private static String oneLine(String s) {
        return s.trim().replaceAll("\\s*\\n\\s*", " ");
    }

    /** Text after a top-level keyword (outside parentheses and quotes), up to RETURNING; null when absent. */
    static String topLevelTail(String text, String keyword) {
        int at = topLevel(text, keyword, 0);
        if (at < 0) {
            return null;
        }
        int start = at + keyword.length();
        int end = keyword.equalsIgnoreCase("RETURNING") ? text.length() : topLevel(text, "RETURNING", start);
        return text.substring(start, end < 0 ? text.length() : end).trim();
    }

    /** Text between two top-level keywords (the second optional). */
    static String between(String text, String from, String to) {
        int a = topLevel(text, from, 0);
        if (a < 0) {
            return null;
        }
        int b = topLevel(text, to, a + from.length());
        return text.substring(a + from.length(), b < 0 ? text.length() : b).trim();
    }

    /** Offset of a keyword outside parentheses, quotes and comments, from {@code from}; -1 when absent. */
    static int topLevel(String text, String keyword, int from) {
        int depth = 0;
        String kw = keyword.toUpperCase(Locale.ROOT);
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'' || ch == '"') {
                int j = text.indexOf(ch, i + 1);
                while (j >= 0 && j + 1 < text.length() && text.charAt(j + 1) == ch) {
                    j = text.indexOf(ch, j + 2);
                }
                if (j < 0) {
                    return -1;
                }
                i = j;
            } else if (ch == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? text.length() : nl;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0 && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '_')
                    && text.regionMatches(true, i, kw, 0, kw.length())) {
                int after = i + kw.length();
                if (after >= text.length() || !Character.isLetterOrDigit(text.charAt(after)) && text.charAt(after) != '_') {
                    return i;
                }
            }
        }
        return -1;
    }

    static List<String> splitTop(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') {
                quote = !quote;
            } else if (!quote && ch == '(') {
                depth++;
            } else if (!quote && ch == ')') {
                depth--;
            } else if (!quote && depth == 0 && ch == sep) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
