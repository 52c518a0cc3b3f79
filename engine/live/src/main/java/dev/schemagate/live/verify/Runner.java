package dev.schemagate.live.verify;

import dev.schemagate.model.Dialect;
import dev.schemagate.model.Migration;
import dev.schemagate.model.Statement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a migration file's statements the way its tool would: in one transaction when the tool wraps files
 * (Flyway, diesel, popx) or sends them as one multi-statement string (golang-migrate), else one by one. With
 * tracing on (PostgreSQL), each statement is timed, the relation locks it took are read from {@code pg_locks}
 * before its transaction commits, and {@code pg_class.relfilenode} before and after tells whether it rewrote a
 * table or index.
 */
public final class Runner {
    /** What one statement did. */
    /**
     * What one statement did. {@code locks} and {@code strongest} are the locks it took on relations that existed
     * before it (new relations are invisible to other sessions); {@code held} is every lock the transaction holds
     * after it, including locks taken by earlier statements of the same transaction.
     */
    public record Measured(Statement statement, long micros, List<String> locks, Map<String, String> strongest,
                           Map<String, String> held, List<String> rewritten, boolean traced, String note) {
    }

    /** The outcome of applying one file. */
    public record Applied(List<Measured> measured, Statement failed, String error) {
        boolean ok() {
            return failed == null;
        }
    }

    private static final String[] MODES = {"AccessShareLock", "RowShareLock", "RowExclusiveLock",
            "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"};

    private final Connection c;
    private final Dialect dialect;

    Runner(Connection c, Dialect dialect) {
        this.c = c;
        this.dialect = dialect;
    }

    Applied apply(Migration m, List<Statement> stmts, boolean trace) {
        boolean pg = dialect == Dialect.POSTGRES;
        boolean explicitTx = stmts.stream().anyMatch(Runner::isTxControl);
        // A wrapped file's own BEGIN and COMMIT act on the tool's transaction: BEGIN inside PostgreSQL's implicit
        // multi-statement transaction only makes it explicit, COMMIT ends it and the next statement starts another.
        boolean wrapped = !dialect.isMysqlFamily() && (m.getTxMode() == Migration.TxMode.WRAPPED
                || (m.getTxMode() == Migration.TxMode.IMPLICIT && stmts.size() > 1));
        List<Measured> out = new ArrayList<>();
        boolean committed = false;
        try {
            c.setAutoCommit(!wrapped);
            for (Statement st : stmts) {
                if (wrapped && isTxControl(st)) {
                    String t = st.getText().trim().toUpperCase(Locale.ROOT);
                    if (t.startsWith("COMMIT") || t.equals("END")) {
                        c.commit();
                        committed = true;
                    } else if (t.equals("ROLLBACK")) {
                        c.rollback();
                    }
                    out.add(new Measured(st, 0, List.of(), Map.of(), Map.of(), List.of(), false,
                            "transaction control, applied to the tool's transaction"));
                    continue;
                }
                if (st.getText().startsWith("\\")) {
                    out.add(new Measured(st, 0, List.of(), Map.of(), Map.of(), List.of(), false, "psql command, not run"));
                    continue;
                }
                boolean ownTx = trace && pg && !wrapped && !explicitTx;
                Map<Long, String[]> before = trace && pg ? relations() : Map.of();
                Map<String, String> heldBefore = trace && pg && !ownTx ? locks(before) : Map.of();
                long t0;
                long t1;
                String note = trace && !pg ? "locks and rewrites are read on PostgreSQL only" : null;
                boolean traced = trace && pg;
                if (ownTx) {
                    c.setAutoCommit(false);
                }
                try {
                    t0 = System.nanoTime();
                    execute(st.getText());
                    t1 = System.nanoTime();
                } catch (SQLException e) {
                    if (ownTx && "25001".equals(e.getSQLState())) {
                        // cannot run inside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...): run it alone
                        c.rollback();
                        c.setAutoCommit(true);
                        ownTx = false;
                        traced = false;
                        note = "runs outside a transaction, so its locks could not be read before they were released";
                        t0 = System.nanoTime();
                        execute(st.getText());
                        t1 = System.nanoTime();
                    } else {
                        throw e;
                    }
                }
                List<String> locks = new ArrayList<>();
                Map<String, String> strongest = new TreeMap<>();
                Map<String, String> held = new TreeMap<>();
                List<String> rewritten = new ArrayList<>();
                if (traced) {
                    Map<Long, String[]> after = relations();
                    held.putAll(locks(before));
                    for (Map.Entry<String, String> e : held.entrySet()) {
                        if (!e.getValue().equals(heldBefore.get(e.getKey()))) {
                            strongest.put(e.getKey(), e.getValue());
                            locks.add(modeName(e.getValue()) + " on " + e.getKey());
                        }
                    }
                    for (Map.Entry<Long, String[]> e : before.entrySet()) {
                        String[] a = after.get(e.getKey());
                        if (a != null && !a[2].equals(e.getValue()[2]) && !"i".equals(a[1])) {
                            rewritten.add(a[0]);
                        }
                    }
                }
                if (ownTx) {
                    c.commit();
                    c.setAutoCommit(true);
                }
                out.add(new Measured(st, (t1 - t0) / 1000, locks, strongest, held, rewritten, traced, note));
                if (!ownTx && !wrapped && !c.getAutoCommit()) {
                    c.setAutoCommit(true);
                }
            }
            if (wrapped) {
                c.commit();
            }
            c.setAutoCommit(true);
            return new Applied(out, null, null);
        } catch (SQLException e) {
            Statement failed = out.size() < stmts.size() ? stmts.get(out.size()) : stmts.get(stmts.size() - 1);
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                c.setAutoCommit(true);
                if (pg && explicitTx && !wrapped) {
                    execute("ROLLBACK");
                }
            } catch (SQLException ignored) {
                // the connection is broken; the caller reports the first error
            }
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            if (wrapped) {
                msg += committed ? " (rolled back to the file's last COMMIT)"
                        : " (the whole file was rolled back: its tool runs it in one transaction)";
            }
            return new Applied(out, failed, msg);
        }
    }

    private void execute(String sql) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static boolean isTxControl(Statement s) {
        String t = s.getText().trim().toUpperCase(Locale.ROOT);
        return t.equals("BEGIN") || t.startsWith("BEGIN TRANSACTION") || t.startsWith("BEGIN WORK")
                || t.startsWith("BEGIN ISOLATION") || t.startsWith("START TRANSACTION") || t.equals("COMMIT")
                || t.startsWith("COMMIT ") || t.equals("END") || t.equals("ROLLBACK");
    }

    /** User tables, indexes and materialized views by oid: name, relkind, relfilenode. */
    private Map<Long, String[]> relations() throws SQLException {
        Map<Long, String[]> m = new LinkedHashMap<>();
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT c.oid::bigint, n.nspname || '.' || c.relname, c.relkind::text, c.relfilenode::text FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm', 'i', 'p') AND "
                        + dev.schemagate.live.PgIntrospector.USER_NS)) {
            while (rs.next()) {
                m.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        return m;
    }

    /** The strongest relation lock this session holds on each user relation it knows by oid. */
    private Map<String, String> locks(Map<Long, String[]> names) throws SQLException {
        Map<String, String> held = new TreeMap<>();
        try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' "
                        + "AND granted AND relation IS NOT NULL")) {
            while (rs.next()) {
                String[] n = names.get(rs.getLong(1));
                if (n == null) {
                    continue;
                }
                String mode = rs.getString(2);
                held.merge(n[0], mode, (a, b) -> rank(a) >= rank(b) ? a : b);
            }
        }
        return held;
    }

    static int rank(String mode) {
        for (int i = 0; i < MODES.length; i++) {
            if (MODES[i].equals(mode)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code AccessExclusiveLock} as {@code ACCESS EXCLUSIVE}, the way the rules name locks. */
    static String modeName(String mode) {
        String base = mode.endsWith("Lock") ? mode.substring(0, mode.length() - 4) : mode;
        return base.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

}
