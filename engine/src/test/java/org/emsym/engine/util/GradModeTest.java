package org.emsym.engine.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GradModeTest {

    @Test
    void aNewThreadRecordsGradientsUntilSwitchedOff() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            boolean[] modes = pool.submit(() -> {
                boolean before = GradMode.isEnabledOnThisThread();
                GradMode.disableOnThisThread();
                return new boolean[] {before, GradMode.isEnabledOnThisThread()};
            }).get(60, TimeUnit.SECONDS);
            // PyTorch's default for a thread DJL did not set up: the reason GradMode exists
            assertEquals(true, modes[0], "a fresh thread records gradients");
            assertEquals(false, modes[1], "switched off");
        } finally {
            pool.shutdownNow();
        }
    }
}
