package dev.schemagate.fuzz;

import dev.schemagate.model.spi.SqlDialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every fuzz target shares: the dialects found with {@link ServiceLoader} (so a new dialect is a target without
 * a change here), a watchdog that turns a hang into a failure, a counter of inputs per target that the long run
 * prints, and a file per failing input under {@code target/fuzz-failures/} so it can be replayed.
 */
final class Harness {
    /** Extra seed mixed into every generated input; the long run sets it, the normal build keeps 0 (reproducible). */
    static final long SALT = longProperty(System.getProperty("fuzz.seed", ""));
    /** Settings' default per-statement parse timeout; an input of a few KB must finish well inside a multiple of it. */
    static final long STATEMENT_TIMEOUT_MS = new dev.schemagate.core.Settings().getParseTimeoutMs();

    /**
     * A resumed long run ({@code fuzz.from}, {@code FUZZ_FROM}): each property skips its first {@code FROM} draws,
     * which an earlier run with the same seed ran. jqwik draws the same numbers in the same order whatever the number
     * of tries (the property seed is fixed and the numbers are uniform), so runs over tries 1..K and K+1..T together
     * are the run over 1..T; the summary's xor of the input numbers lets anyone check that (the xors of the parts
     * xor to the whole's).
     */
    static final long FROM = longProperty(System.getProperty("fuzz.from", ""));

    private static final Map<String, AtomicLong> COUNTS = new TreeMap<>();
    private static final Map<String, Long> DRAWN = new TreeMap<>();
    private static final Map<String, Long> XOR = new TreeMap<>();
    private static final long BUDGET_MS = 1000L * longProperty(System.getProperty("fuzz.seconds", ""));
    private static long started;
    private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "fuzz-target", 16L << 20);
        t.setDaemon(true);
        return t;
    });
    private static List<SqlDialect> dialects;

    private Harness() {
    }

    private static long longProperty(String s) {
        return s == null || s.isBlank() ? 0L : Long.parseLong(s.trim());
    }

    /** One instance per implementation class (the shaded command-line jar can list a service twice). */
    static synchronized List<SqlDialect> dialects() {
        if (dialects == null) {
            Map<String, SqlDialect> byClass = new TreeMap<>();
            for (SqlDialect d : ServiceLoader.load(SqlDialect.class)) {
                byClass.putIfAbsent(d.getClass().getName(), d);
            }
            if (byClass.isEmpty()) {
                throw new IllegalStateException("no SqlDialect on the class path");
            }
            String only = System.getProperty("fuzz.dialects", "").trim();
            if (!only.isEmpty()) {
                List<String> ids = List.of(only.split("\\s*,\\s*"));
                byClass.values().removeIf(d -> !ids.contains(name(d)));
                if (byClass.isEmpty()) {
                    throw new IllegalStateException("fuzz.dialects=" + only + " names no dialect on the class path");
                }
            }
            dialects = List.copyOf(byClass.values());
        }
        return dialects;
    }

    static String name(SqlDialect d) {
        return d.dialects().get(0).id();
    }

    /** The input numbers seen per target: the summary counts distinct inputs, not tries. */
    private static final Map<String, java.util.Set<Long>> DISTINCT = new TreeMap<>();

    /** One try of {@code target} on input number {@code n} (an input is a function of its number and the seed). */
    static void count(String target, long n) {
        synchronized (COUNTS) {
            COUNTS.computeIfAbsent(target, k -> new AtomicLong()).incrementAndGet();
            if (DISTINCT.computeIfAbsent(target, k -> new java.util.HashSet<>()).add(n)) {
                XOR.merge(target, n, (a, b) -> a ^ b);
            }
        }
    }

    /**
     * Skips the first {@link #FROM} tries of each property of a resumed run without running it (so its input is not
     * built or counted); registered on the fuzz class, so no property repeats the check.
     */
    static final class Resume implements net.jqwik.api.lifecycle.AroundTryHook {
        @Override
        public net.jqwik.api.lifecycle.TryExecutionResult aroundTry(net.jqwik.api.lifecycle.TryLifecycleContext context,
                net.jqwik.api.lifecycle.TryExecutor aTry, List<Object> parameters) {
            if (FROM > 0) {
                synchronized (COUNTS) {
                    if (DRAWN.merge(context.targetMethod().getName(), 1L, Long::sum) <= FROM) {
                        return net.jqwik.api.lifecycle.TryExecutionResult.satisfied();
                    }
                }
            }
            return aTry.execute(parameters);
        }
    }

    private static final Map<String, Long> STARTED = new TreeMap<>();

    /**
     * As {@link #inBudget()}, with the time budget counted per target from its own first input, so targets that run
     * one after another in one JVM ({@code FUZZ_TARGETS='*_projects'}) each get the whole budget.
     */
    static boolean inBudget(String target) {
        if (BUDGET_MS <= 0) {
            return true;
        }
        long now = System.currentTimeMillis();
        synchronized (COUNTS) {
            return now - STARTED.computeIfAbsent(target, k -> now) < BUDGET_MS;
        }
    }

    /** True while {@code target} has run fewer than {@code limit} inputs (the normal build's cap on costly targets). */
    static boolean below(String target, long limit) {
        synchronized (COUNTS) {
            AtomicLong c = COUNTS.get(target);
            return c == null || c.get() < limit;
        }
    }

    /**
     * False once the long run's time budget ({@code fuzz.seconds}, counted from the first input) is spent: the
     * remaining tries return at once and are not counted, so the summary gives the exact number of inputs run.
     */
    static boolean inBudget() {
        if (BUDGET_MS <= 0) {
            return true;
        }
        long now = System.currentTimeMillis();
        synchronized (COUNTS) {
            if (started == 0) {
                started = now;
            }
            return now - started < BUDGET_MS;
        }
    }

    /** Runs {@code work} on a worker thread; a hang past {@code timeoutMs}, an error or an out-of-memory fails. */
    static <T> T within(long timeoutMs, String what, String input, Callable<T> work) {
        if (SALT != 0) {
            inFlight(what, input);
        }
        Future<T> f = WORKER.submit(work);
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw failure(what + ": no result after " + timeoutMs + " ms (hang)", input, null);
        } catch (ExecutionException e) {
            throw failure(what + ": " + e.getCause(), input, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The long run keeps the input being tried in target/fuzz-failures/in-flight.txt (with the counts so far), so an
     * input that kills the JVM itself (a native parser that aborts the process) is still there to replay.
     */
    private static void inFlight(String what, String input) {
        try {
            Path dir = Path.of("target", "fuzz-failures");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("in-flight.txt"), what + "\n" + summaryText() + "----\n" + input,
                    StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            // only a help for replaying; the run goes on
        }
    }

    /** A failure that keeps the input: written to target/fuzz-failures/ and quoted in the message. */
    static AssertionError failure(String message, String input, Throwable cause) {
        String file = "";
        try {
            Path dir = Path.of("target", "fuzz-failures");
            Files.createDirectories(dir);
            Path p = dir.resolve(Integer.toHexString(input.hashCode()) + ".txt");
            Files.writeString(p, input, StandardCharsets.UTF_8);
            file = " (input saved in " + p.toAbsolutePath() + ")";
        } catch (IOException | UncheckedIOException e) {
            file = " (input not saved: " + e.getMessage() + ")";
        }
        String shown = input.length() > 400 ? input.substring(0, 400) + "…[" + input.length() + " chars]" : input;
        AssertionError err = new AssertionError(message + file + "\ninput: " + escape(shown));
        if (cause != null) {
            err.initCause(cause);
        }
        return err;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Lines as the readers count them: LF, CRLF and a lone CR each end a line. */
    static int lineCount(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                n++;
            }
        }
        return n;
    }

    /** Inputs run per target, for the long run's summary (also written to {@code fuzz.stats}). */
    private static String summaryText() {
        Map<String, long[]> m = new LinkedHashMap<>();
        synchronized (COUNTS) {
            COUNTS.forEach((k, v) -> m.put(k, new long[] {v.get(), DISTINCT.getOrDefault(k, java.util.Set.of()).size(),
                XOR.getOrDefault(k, 0L)}));
        }
        // "tries K..M": the draws run, so a run stopped by its time budget is resumed with fuzz.from=M; "xor": of the
        // distinct input numbers, so the xors of runs over 1..K and K+1..T equal the xor of one run over 1..T
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(String.format(java.util.Locale.ROOT,
                "%-40s %,d tries, %,d inputs; tries %d..%d, xor %016x%n", k, v[0], v[1], FROM + 1, FROM + v[0], v[2])));
        return sb.toString();
    }

    static synchronized String summary() {
        StringBuilder sb = new StringBuilder(summaryText());
        String stats = System.getProperty("fuzz.stats");
        if (stats != null && !stats.isBlank()) {
            try {
                Path p = Path.of(stats);
                List<String> old = Files.exists(p) ? Files.readAllLines(p) : new ArrayList<>();
                old.add("seed " + SALT + ":");
                old.addAll(List.of(sb.toString().split("\n")));
                Files.createDirectories(p.toAbsolutePath().getParent());
                Files.write(p, old);
            } catch (IOException e) {
                // the summary is also printed; a missing stats file is not a test failure
            }
        }
        return sb.toString();
    }
}
