package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class SegmentationLossTest {

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void bceAndDiceMatchHandComputedValues() {
        float[] logits = {0f, 2f, -1f, 3f};
        float[] targets = {1f, 0f, 0f, 1f};
        // BCE per pixel: -log(sigmoid(x)) for y=1, -log(1-sigmoid(x)) for y=0
        double bce = (-Math.log(sigmoid(0)) - Math.log(1 - sigmoid(2)) - Math.log(1 - sigmoid(-1))
                - Math.log(sigmoid(3))) / 4;
        double p = sigmoid(0) + sigmoid(2) + sigmoid(-1) + sigmoid(3);
        double diceLoss = 1 - (2 * (sigmoid(0) + sigmoid(3)) + 1) / (p + 2 + 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(logits);
            NDArray y = m.create(targets);
            assertEquals(bce, SegmentationLoss.binaryCrossEntropy(x, y).getFloat(), 1e-6);
            assertEquals(diceLoss, SegmentationLoss.softDiceLoss(x, y).getFloat(), 1e-6);
            assertEquals(0.3 * bce + 0.7 * diceLoss, new SegmentationLoss(0.3, 0.7).compute(x, y).getFloat(), 1e-6);
            assertEquals(bce, new SegmentationLoss(1, 0).compute(x, y).getFloat(), 1e-6);
        }
    }

    @Test
    void bceIsStableForLargeLogits() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(new float[] {200f, -200f, -200f});
            NDArray y = m.create(new float[] {1f, 0f, 1f});
            float value = SegmentationLoss.binaryCrossEntropy(x, y).getFloat();
            assertTrue(Float.isFinite(value));
            // the only wrong pixel costs 200; the two right ones cost exp(-200) ~ 0
            assertEquals(200.0 / 3, value, 1e-3);
        }
    }

    @Test
    void perfectPredictionHasNearZeroDiceLoss() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] t = new float[100];
            float[] l = new float[100];
            for (int i = 0; i < 100; i++) {
                t[i] = i % 3 == 0 ? 1 : 0;
                l[i] = t[i] == 1 ? 30 : -30;
            }
            assertEquals(0, SegmentationLoss.softDiceLoss(m.create(l), m.create(t)).getFloat(), 1e-6);
        }
    }

    @Test
    void rejectsBadWeightsAndShapes() {
        assertThrows(IllegalArgumentException.class, () -> new SegmentationLoss(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SegmentationLoss(0, 0));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SegmentationLoss(1, 1).compute(m.zeros(new ai.djl.ndarray.types.Shape(2, 3)),
                            m.zeros(new ai.djl.ndarray.types.Shape(3, 2))));
            assertTrue(e.getMessage().contains("(2, 3)"), e.getMessage());
        }
    }
}
