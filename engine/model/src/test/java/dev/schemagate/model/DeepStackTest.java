package dev.schemagate.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class DeepStackTest {
    private static int down(int n) {
        return n == 0 ? 0 : 1 + down(n - 1);
    }

    @Test
    void aRecursionThatOverflowsAnOrdinaryThreadRunsOnTheDeepStack() throws Exception {
        // a thread with a 512 KB stack (about what a default one is) cannot recurse this deep
        Throwable[] small = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                down(1_000_000);
            } catch (StackOverflowError e) {
                small[0] = e;
            }
        }, "small", 512 * 1024);
        t.start();
        t.join();
        assertTrue(small[0] instanceof StackOverflowError);
        assertFalse(DeepStack.here());
        assertEquals(1_000_000, DeepStack.call("test", () -> down(1_000_000)));
    }

    @Test
    void whatTheWorkThrowsIsThrownToTheCallerAndNestedCallsStayOnOneThread() throws Exception {
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        assertSame(bad, assertThrows(IllegalArgumentException.class, () -> DeepStack.call("test", () -> {
            throw bad;
        })));
        IOException io = new IOException("io");
        assertSame(io, assertThrows(IOException.class, () -> DeepStack.<Object, IOException>call("test", () -> {
            throw io;
        })));
        String[] names = new String[2];
        DeepStack.run("outer", () -> {
            names[0] = Thread.currentThread().getName();
            DeepStack.run("inner", () -> names[1] = Thread.currentThread().getName());
        });
        assertEquals("outer", names[0]);
        assertEquals("outer", names[1]);
        ExecutorService pool = Executors.newFixedThreadPool(1, DeepStack.threads("pool"));
        try {
            assertTrue(pool.submit(DeepStack::here).get());
            assertTrue(pool.submit(() -> Thread.currentThread().getName()).get().startsWith("pool-"));
        } finally {
            pool.shutdownNow();
        }
    }
}
