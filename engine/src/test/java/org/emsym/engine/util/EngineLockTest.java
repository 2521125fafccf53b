package org.emsym.engine.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.emsym.engine.progress.CanceledException;
import org.junit.jupiter.api.Test;

class EngineLockTest {

    @Test
    void secondHolderWaitsAndSaysSoUntilTheFirstReleases() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> waiter;
            try (EngineLock.Held held = EngineLock.acquire("training")) {
                waiter = pool.submit(() -> {
                    try (EngineLock.Held second = EngineLock.acquire("attribution", (f, m) -> messages.add(m),
                            () -> false)) {
                        return true;
                    }
                });
                // the other thread reports that it waits, and cannot finish while this one holds the lock
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (messages.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertFalse(waiter.isDone(), "the second holder must wait");
            }
            assertTrue(waiter.get(10, TimeUnit.SECONDS));
            assertEquals(1, messages.size());
            assertTrue(messages.get(0).contains("before attribution"), messages.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void cancelingWhileWaitingThrowsAndLeavesTheLockFree() throws Exception {
        AtomicBoolean cancel = new AtomicBoolean();
        CountDownLatch waiting = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiter;
            try (EngineLock.Held held = EngineLock.acquire("training")) {
                waiter = pool.submit(() -> EngineLock.acquire("attribution", (f, m) -> waiting.countDown(),
                        cancel::get));
                assertTrue(waiting.await(10, TimeUnit.SECONDS));
                cancel.set(true);
                var e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> waiter.get(10, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof CanceledException, String.valueOf(e.getCause()));
            }
            assertFalse(EngineLock.isHeldByAnotherThread(), "a canceled waiter must not hold the lock");
            // and another thread can take it at once
            assertTrue(pool.submit(() -> {
                try (EngineLock.Held h = EngineLock.acquire("training")) {
                    return true;
                }
            }).get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void isReentrantAndClosingTwiceReleasesOnce() throws Exception {
        EngineLock.Held outer = EngineLock.acquire("training");
        try (EngineLock.Held inner = EngineLock.acquire("attribution")) {
            inner.close();
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertTrue(pool.submit(EngineLock::isHeldByAnotherThread).get(10, TimeUnit.SECONDS),
                    "the outer hold is still in place after the inner one closed (twice)");
            outer.close();
            assertFalse(pool.submit(EngineLock::isHeldByAnotherThread).get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }
}
