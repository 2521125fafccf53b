package org.emsym.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DjlSmokeTest {
    @Test
    void pytorchEngineLoadsOffline() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.create(new float[] {1, 2, 3});
            assertEquals(6f, a.sum().getFloat(), 1e-6);
        }
    }
}
