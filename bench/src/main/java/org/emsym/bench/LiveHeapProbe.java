package org.emsym.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Tracks the peak live Java heap: a daemon thread forces a full collection every {@value #PERIOD_MS} ms and
 * then sums the heap pools in use, keeping the largest sum. Unlike the peak of the heap in use, this does not
 * count garbage that simply has not been collected yet (what made the plain heap peak grow with the run's
 * length rather than with what it keeps). Costs time; use it only for memory runs.
 */
final class LiveHeapProbe {

    private static final long PERIOD_MS = 250;

    private final Thread thread;
    private volatile boolean running = true;
    private long peak;

    private LiveHeapProbe() {
        thread = new Thread(this::loop, "live-heap-probe");
        thread.setDaemon(true);
    }

    static LiveHeapProbe start() {
        LiveHeapProbe probe = new LiveHeapProbe();
        probe.thread.start();
        return probe;
    }

    /** Stops sampling and returns the peak live heap in bytes. */
    long stop() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
        return peak;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        System.gc();
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                live += pool.getUsage().getUsed();
            }
        }
        peak = Math.max(peak, live);
    }
}
