package dev.schemagate.dialects.common;

import java.util.Arrays;
import java.util.List;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;

/**
 * Parses one statement with JSqlParser under a time limit. Each calling thread keeps one daemon worker thread
 * (JSqlParser's one-argument {@code parse(String)} starts a new thread per call, about 5x slower). A statement
 * that runs past the limit is abandoned with its worker, which is replaced.
 */
public final class JSqlRunner {
    /** Default per-statement limit in milliseconds. */
    public static final long DEFAULT_TIMEOUT_MS = 2000;

    private static final ThreadLocal<ExecutorService> WORKER = new ThreadLocal<>();

    /** The result of one parse: either a statement or an error with its 1-based position within the text. */
    public static final class Outcome {
        public final Statement statement;
        public final String error;
        public final int line;
        public final int column;
        public final boolean timedOut;

        Outcome(Statement statement, String error, int line, int column, boolean timedOut) {
            this.statement = statement;
            this.error = error;
            this.line = line;
            this.column = column;
            this.timedOut = timedOut;
        }

        public boolean ok() {
            return statement != null;
        }
    }

    private JSqlRunner() {
    }

    /** Parses one statement on the parser thread, with the same limit as {@link #parseAll}. */
    public static Outcome parse(String sql, AbstractJSqlParser.Dialect dialect, long timeoutMs) {
        return parseAll(java.util.Collections.singletonList(sql), dialect, timeoutMs).get(0);
    }

    /**
     * Parses several statements in one hand-off to the worker (the per-statement hand-off costs about as much
     * as the parse itself). The caller watches the statement in progress: one that runs past the limit gets a
     * time-out outcome, its worker is abandoned, and a fresh worker goes on with the next statement.
     */
    public static List<Outcome> parseAll(List<String> sqls, AbstractJSqlParser.Dialect dialect, long timeoutMs) {
        Outcome[] out = new Outcome[sqls.size()];
        int from = 0;
        long limit = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        long poll = Math.max(10, Math.min(250, timeoutMs / 4));
        while (from < sqls.size()) {
            ExecutorService ex = WORKER.get();
            if (ex == null) {
                ex = newWorker();
                WORKER.set(ex);
            }
            Batch b = new Batch(sqls, out, from, dialect);
            Future<?> f = ex.submit(b);
            from = sqls.size();
            while (true) {
                try {
                    f.get(poll, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    int cur = b.current;
                    if (cur >= 0 && overLimit(b, limit) && b.current == cur) {
                        b.abandoned = true;
                        f.cancel(true);
                        ex.shutdownNow();
                        WORKER.set(newWorker());
                        out[cur] = new Outcome(null, "parser gave up after " + timeoutMs + " ms", 1, 1, true);
                        from = cur + 1;
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    for (int i = 0; i < out.length; i++) {
                        if (out[i] == null) {
                            out[i] = new Outcome(null, "interrupted", 1, 1, false);
                        }
                    }
                    return Arrays.asList(out);
                } catch (ExecutionException e) {
                    // a Batch catches everything per statement; fill what is missing
                    break;
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = new Outcome(null, "parser stopped", 1, 1, false);
            }
        }
        return Arrays.asList(out);
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = CPU.isThreadCpuTimeSupported() && CPU.isThreadCpuTimeEnabled();
    /** Wall time allowed per statement, as a multiple of the limit, when the limit is counted in CPU time. */
    public static final int WALL_FACTOR = 10;

    /**
     * Whether the statement in progress has run past the limit. The limit counts the parser thread's CPU time where
     * the JVM measures it, so a loaded machine (other builds, other checks) gives the same outcome as an idle one:
     * same input, same report; wall time still ends a statement at {@value #WALL_FACTOR} times the limit.
     */
    private static boolean overLimit(Batch b, long limit) {
        long wall = System.nanoTime() - b.startedAt;
        if (!CPU_TIME || b.threadId < 0) {
            return wall > limit;
        }
        long cpu = CPU.getThreadCpuTime(b.threadId);
        return cpu >= 0 && cpu - b.startedCpu > limit || wall > limit * WALL_FACTOR;
    }

    /** Statements handed to JSqlParser in this JVM, for tests that check a reader did not ask it. */
    private static final java.util.concurrent.atomic.AtomicLong HANDED = new java.util.concurrent.atomic.AtomicLong();

    /** How many statements were handed to JSqlParser in this JVM so far. */
    public static long statementsHanded() {
        return HANDED.get();
    }

    private static final class Batch implements Runnable {
        final List<String> sqls;
        final Outcome[] out;
        final int from;
        final AbstractJSqlParser.Dialect dialect;
        volatile int current = -1;
        volatile long startedAt;
        volatile long startedCpu;
        volatile long threadId = -1;
        volatile boolean abandoned;

        Batch(List<String> sqls, Outcome[] out, int from, AbstractJSqlParser.Dialect dialect) {
            this.sqls = sqls;
            this.out = out;
            this.from = from;
            this.dialect = dialect;
        }

        @Override
        public void run() {
            threadId = Thread.currentThread().getId();
            for (int i = from; i < sqls.size() && !abandoned; i++) {
                startedAt = System.nanoTime();
                startedCpu = CPU_TIME ? CPU.getCurrentThreadCpuTime() : 0;
                current = i;
                String sql = sqls.get(i);
                if (sql != null) {
                    HANDED.incrementAndGet();
                }
                Outcome o = sql == null ? null : parseHere(sql, dialect);
                if (abandoned) {
                    return;
                }
                out[i] = o;
            }
            current = -1;
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "jsqlparser", 16L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    private static Outcome parseHere(String sql, AbstractJSqlParser.Dialect dialect) {
        try {
            CCJSqlParser p = CCJSqlParserUtil.newParser(sql).withDialect(dialect).withAllowComplexParsing(true);
            Statement st = p.Statement();
            return new Outcome(st, null, 0, 0, false);
        } catch (ParseException pe) {
            int line = 1;
            int col = 1;
            if (pe.currentToken != null && pe.currentToken.next != null) {
                line = pe.currentToken.next.beginLine;
                col = pe.currentToken.next.beginColumn;
            }
            return new Outcome(null, firstLine(pe.getMessage()), line, col, false);
        } catch (StackOverflowError so) {
            return new Outcome(null, "statement nested too deeply to parse", 1, 1, false);
        } catch (RuntimeException | Error e) {
            if (e instanceof OutOfMemoryError) {
                throw (OutOfMemoryError) e;
            }
            String m = e.getMessage();
            return new Outcome(null, firstLine(m == null ? e.getClass().getSimpleName() : m), 1, 1, false);
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "syntax error";
        }
        int i = m.indexOf('\n');
        String s = i < 0 ? m : m.substring(0, i);
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
