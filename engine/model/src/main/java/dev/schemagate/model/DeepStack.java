package dev.schemagate.model;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs reading and checking on threads with a large stack. Every parser here recurses once per nesting level of its
 * input, and so does each walk over the trees they build: swc (native code: an overflow there kills the JVM with
 * SIGSEGV, no Java code can catch it), the AST objects swc4j builds through JNI, tree-sitter's tree copy and the
 * readers' evaluators (Java: StackOverflowError). On a default 1 MB thread stack swc dies at about 350 nested
 * parentheses, 410 chained arrow functions or 4,000 terms of {@code a + a + ...}; the readers' own nesting limits
 * ({@code JsModule.MAX_DEPTH}, {@code JsModule.MAX_CHAIN}, {@code PyParser.MAX_DEPTH}) are set well below what
 * {@link #STACK_BYTES} holds. The stack is address space, not memory: its pages are used only as deep as a recursion
 * goes, and given back when the thread ends.
 */
public final class DeepStack {
    /** The stack of a reading thread. */
    public static final long STACK_BYTES = 256L << 20;

    private static final AtomicInteger NUMBER = new AtomicInteger();

    /** Work that may throw {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** A thread with the large stack (work already on one runs there directly). */
    private static final class Deep extends Thread {
        Deep(Runnable r, String name) {
            super(null, r, name, STACK_BYTES);
            setDaemon(true);
        }
    }

    private DeepStack() {
    }

    /** Whether the calling thread has the large stack. */
    public static boolean here() {
        return Thread.currentThread() instanceof Deep;
    }

    /** Threads with the large stack, for a pool ({@code name-1}, {@code name-2}, ...). */
    public static ThreadFactory threads(String name) {
        return r -> new Deep(r, name + "-" + NUMBER.incrementAndGet());
    }

    /**
     * Runs {@code work} on a thread with the large stack and returns its result; what it throws is thrown here. On such
     * a thread already, it runs directly. If the caller is interrupted while waiting, the work is interrupted too and
     * an {@link IllegalStateException} is thrown (the interrupt flag stays set).
     */
    @SuppressWarnings("unchecked")
    public static <T, E extends Exception> T call(String name, Work<T, E> work) throws E {
        if (here()) {
            return work.run();
        }
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Deep t = new Deep(() -> {
            try {
                result[0] = work.run();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, name);
        t.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            t.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " ran", e);
        }
        Throwable e = thrown[0];
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw (E) e;
        }
        return (T) result[0];
    }

    /** {@link #call} for work that throws no checked exception. */
    public static void run(String name, Runnable work) {
        DeepStack.<Object, RuntimeException>call(name, () -> {
            work.run();
            return null;
        });
    }
}
