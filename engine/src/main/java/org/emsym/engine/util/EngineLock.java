package org.emsym.engine.util;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.emsym.engine.progress.CanceledException;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;

/**
 * Serializes the work that relies on process-wide state of Deep Java Library's PyTorch engine: only one
 * gradient collector may record at a time in a process ("A PtGradientCollector is already collecting"), and
 * training and seeded initialization reseed the engine's one random generator. Two KNIME nodes executing in
 * parallel branches of a workflow share one JVM, so training, attribution and seeded model building hold this
 * lock; the second waits (reporting it, and cancelable) instead of failing or mixing random streams.
 *
 * <p>Taking the lock also switches gradient recording off for the calling thread (see {@link GradMode}).
 *
 * <p>The lock is reentrant: a training that measures attribution after each epoch takes it once more for free.
 * It must be released by the thread that took it, which try-with-resources guarantees:
 * <pre>{@code
 * try (EngineLock.Held held = EngineLock.acquire("training", progress, cancellation)) { ... }
 * }</pre>
 */
public final class EngineLock {

    private static final ReentrantLock LOCK = new ReentrantLock(true);
    private static final long POLL_MILLIS = 200;

    private EngineLock() {
    }

    /**
     * Takes the lock, waiting while another thread holds it.
     *
     * @param purpose what the caller is about to do, for the waiting message (e.g. "training")
     * @throws CanceledException if {@code cancellation} asks to stop, or the thread is interrupted, while waiting
     */
    public static Held acquire(String purpose, ProgressSink progress, Cancellation cancellation) {
        if (!LOCK.tryLock()) {
            progress.report(0, "waiting for another training or attribution in this process to finish before "
                    + purpose);
            try {
                while (!LOCK.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    cancellation.check();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CanceledException();
            }
        }
        GradMode.disableOnThisThread();
        return new Held();
    }

    /** Takes the lock without progress or cancellation (for short work of callers that have neither). */
    public static Held acquire(String purpose) {
        return acquire(purpose, ProgressSink.NONE, Cancellation.NEVER);
    }

    /** Whether another thread holds the lock now (a snapshot, for tests and messages). */
    public static boolean isHeldByAnotherThread() {
        return LOCK.isLocked() && !LOCK.isHeldByCurrentThread();
    }

    /** One hold of the lock; closing it more than once releases it once. */
    public static final class Held implements AutoCloseable {

        private boolean open = true;

        private Held() {
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                LOCK.unlock();
            }
        }
    }
}
