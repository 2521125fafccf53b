package org.emsym.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockTileModelTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void singleClassBlockGivesSigmoidOfTheJavaComputedLogits() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{0.5f, -1f, 2f}}, new float[] {0.25f});
        try (BlockTileModel model = BlockTileModel.builder(conv.block(manager)).manager(manager).source("conv").build()) {
            assertEquals(3, model.inputChannels(), "read from the first convolution");
            assertEquals(1, model.classes(), "found by the probe tile");
            assertEquals(OutputActivation.SIGMOID, model.activation());
            int n = 2, h = 3, w = 5, pixels = h * w;
            float[] tiles = random(n * 3 * pixels, 1);
            float[] out = model.predict(tiles, n, h, w);
            assertEquals(n * pixels, out.length);
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < pixels; p++) {
                    float[] x = new float[3];
                    for (int c = 0; c < 3; c++) {
                        x[c] = tiles[(b * 3 + c) * pixels + p];
                    }
                    assertEquals(PointwiseConv.sigmoid(conv.logit(0, x)), out[b * pixels + p], 1e-6);
                }
            }
        }
    }

    @Test
    void severalClassesGetSoftmaxOverTheClassAxis() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f}, {-1f}, {0.5f}}, new float[] {0f, 0.1f, -0.2f});
        try (BlockTileModel model = BlockTileModel.builder(conv.block(manager)).manager(manager).build()) {
            assertEquals(3, model.classes());
            assertEquals(OutputActivation.SOFTMAX, model.activation());
            float[] out = model.predict(new float[] {0.7f, -2f}, 1, 1, 2);
            for (int p = 0; p < 2; p++) {
                float x = p == 0 ? 0.7f : -2f;
                double[] e = new double[3];
                double sum = 0;
                for (int o = 0; o < 3; o++) {
                    e[o] = Math.exp(conv.logit(o, new float[] {x}));
                    sum += e[o];
                }
                for (int o = 0; o < 3; o++) {
                    assertEquals(e[o] / sum, out[o * 2 + p], 1e-6);
                }
            }
        }
    }

    @Test
    void channelsLastLayoutIsTransposedForTheNetworkAndBack() {
        float[] nchw = random(2 * 3 * 4, 7);
        for (TensorLayout layout : TensorLayout.values()) {
            float[] back = layout.toNchw(layout.fromNchw(nchw, 2, 3, 4), 2, 3, 4);
            assertEquals(java.util.Arrays.toString(nchw), java.util.Arrays.toString(back), layout.name());
        }
        // NHWC of (N=1, C=2, pixels=2): c0p0 c1p0 c0p1 c1p1
        float[] nhwc = TensorLayout.NHWC.fromNchw(new float[] {1, 2, 3, 4}, 1, 2, 2);
        assertEquals("[1.0, 3.0, 2.0, 4.0]", java.util.Arrays.toString(nhwc));
    }

    @Test
    void declaredChannelsThatContradictTheFirstConvolutionAreRejected() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f, 1f, 1f}}, new float[] {0f});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockTileModel.builder(conv.block(manager)).manager(manager).source("unet.bundle")
                        .inputChannels(5).build());
        assertTrue(e.getMessage().contains("unet.bundle") && e.getMessage().contains("5")
                && e.getMessage().contains("takes 3"), e.getMessage());
    }

    @Test
    void windowOfAnotherContextIsRejectedNamingKAndChannels() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f, 1f, 1f}}, new float[] {0f});
        try (BlockTileModel model = BlockTileModel.builder(conv.block(manager)).manager(manager).source("m.onnx")
                .classes(1).build()) {
            model.requireContext(1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.requireContext(2));
            assertTrue(e.getMessage().contains("m.onnx") && e.getMessage().contains("k=2")
                    && e.getMessage().contains("2k+1=5") && e.getMessage().contains("takes 3"), e.getMessage());
        }
    }

    @Test
    void batchOfTheWrongLengthIsRejected() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f}}, new float[] {0f});
        try (BlockTileModel model = BlockTileModel.builder(conv.block(manager)).manager(manager).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.predict(new float[5], 1, 2, 2));
            assertTrue(e.getMessage().contains("needs 4 values, got 5"), e.getMessage());
        }
    }

    @Test
    void nativeArraysDoNotAccumulateOverBatches() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f, 2f, 3f}}, new float[] {0f});
        try (BlockTileModel model = BlockTileModel.builder(conv.block(manager)).manager(manager).build()) {
            model.predict(random(3 * 16, 3), 1, 4, 4);
            int before = manager.getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                model.predict(random(2 * 3 * 64, i), 2, 8, 8);
            }
            assertEquals(before, manager.getManagedArrays().size());
        }
    }

    static float[] random(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) r.nextDouble(-2, 2);
        }
        return v;
    }
}
