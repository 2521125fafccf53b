package org.emsym.engine.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GradientAttributorTest {

    private static final int H = 12;
    private static final int W = 10;

    private NDManager manager;

    @BeforeEach
    void setUp() {
        Engine.getEngine("PyTorch").setRandomSeed(7);
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void gradientOfLinearModelEqualsItsWeights() {
        float[] weights = {0.5f, -2f, 1.25f};
        Block linear = conv(3, 1, 1);
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3, H, W));
        linear.getParameters().get("weight").getArray().set(weights);
        linear.getParameters().get("bias").getArray().set(new float[] {0.3f});
        float[][] window = randomWindow(3, 1);

        AttributionConfig saliency = AttributionConfig.builder().scoreType(ScoreType.LOGIT).build();
        AttributionResult s = new GradientAttributor(linear, saliency).attribute(manager, window, H, W, null);
        AttributionConfig gxi = AttributionConfig.builder().scoreType(ScoreType.LOGIT)
                .method(AttributionMethod.GRADIENT_X_INPUT).build();
        AttributionResult g = new GradientAttributor(linear, gxi).attribute(manager, window, H, W, null);

        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < H * W; i++) {
                assertEquals(Math.abs(weights[c]), s.maps()[c][i], 1e-6, "saliency channel " + c);
                assertEquals(weights[c] * window[c][i], g.maps()[c][i], 1e-5, "gradient x input channel " + c);
            }
        }
        // the target of a linear model is sum over pixels of w.x + b
        double expected = 0;
        for (int c = 0; c < 3; c++) {
            for (float v : window[c]) {
                expected += weights[c] * v;
            }
        }
        expected += 0.3 * H * W;
        assertEquals(expected, s.target(), 1e-3 * Math.abs(expected));
    }

    @Test
    void regionRestrictsTheTarget() {
        Block linear = conv(3, 1, 1);
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3, H, W));
        linear.getParameters().get("weight").getArray().set(new float[] {1f, 1f, 1f});
        float[] region = new float[H * W];
        region[5] = 1f;
        AttributionConfig cfg = AttributionConfig.builder().scoreType(ScoreType.LOGIT).build();
        AttributionResult r = new GradientAttributor(linear, cfg).attribute(manager, randomWindow(3, 2), H, W, region);
        for (int i = 0; i < H * W; i++) {
            assertEquals(i == 5 ? 1f : 0f, r.maps()[1][i], 1e-6);
        }
    }

    @Test
    void integratedGradientsAreComplete() {
        Block net = smallNet(3);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, H, W));
        float[][] window = randomWindow(3, 3);
        for (BaselineKind baseline : BaselineKind.values()) {
            AttributionConfig cfg = AttributionConfig.builder().method(AttributionMethod.INTEGRATED_GRADIENTS)
                    .steps(64).batchSize(16).baseline(baseline).build();
            AttributionResult r = new GradientAttributor(net, cfg).attribute(manager, window, H, W, null);
            double delta = r.target() - r.baselineTarget();
            assertTrue(Math.abs(delta) > 1e-3, "test model must respond to the input (" + baseline + ")");
            assertEquals(delta, r.signedSum(), 0.03 * Math.abs(delta), "completeness with " + baseline + " baseline");
        }
    }

    @Test
    void channelSymmetricModelGivesMirroredSharesForZFlippedWindow() {
        Block net = smallNet(5);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 5, H, W));
        // make the first convolution z-flip symmetric: W[:, c] = W[:, 4 - c]
        NDArray weight = firstConv(net).getParameters().get("weight").getArray();
        float[] w = weight.toFloatArray();
        long[] s = weight.getShape().getShape();
        int plane = (int) (s[2] * s[3]);
        for (int o = 0; o < s[0]; o++) {
            for (int c = 0; c < s[1]; c++) {
                int mirror = (int) s[1] - 1 - c;
                for (int p = 0; p < plane; p++) {
                    int a = (int) ((o * s[1] + c) * plane + p);
                    int b = (int) ((o * s[1] + mirror) * plane + p);
                    float avg = (w[a] + w[b]) / 2;
                    w[a] = avg;
                    w[b] = avg;
                }
            }
        }
        weight.set(w);
        float[][] window = randomWindow(5, 4);
        float[][] flipped = new float[5][];
        for (int c = 0; c < 5; c++) {
            flipped[c] = window[4 - c];
        }
        for (AttributionMethod method : AttributionMethod.values()) {
            AttributionConfig cfg = AttributionConfig.builder().method(method).steps(16).build();
            GradientAttributor attributor = new GradientAttributor(net, cfg);
            ChannelShares a = attributor.attribute(manager, window, H, W, null).shares();
            ChannelShares b = attributor.attribute(manager, flipped, H, W, null).shares();
            assertArrayEquals(a.zFlip().shares(), b.shares(), 1e-5, method + " shares must mirror");
        }
    }

    @Test
    void nothingStaysAttachedToTheCallersManager() {
        Block net = smallNet(3);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, H, W));
        int before = ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size();
        AttributionConfig cfg = AttributionConfig.builder().method(AttributionMethod.INTEGRATED_GRADIENTS).steps(8).build();
        for (int i = 0; i < 3; i++) {
            new GradientAttributor(net, cfg).attribute(manager, randomWindow(3, i), H, W, null);
        }
        assertEquals(before, ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size());
    }

    @Test
    void badInputIsRejectedWithItsShape() {
        Block linear = conv(3, 1, 1);
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3, H, W));
        GradientAttributor attributor = new GradientAttributor(linear, AttributionConfig.builder().build());
        IllegalArgumentException even = assertThrows(IllegalArgumentException.class,
                () -> attributor.attribute(manager, new float[2][H * W], H, W, null));
        assertTrue(even.getMessage().contains("2k+1"));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> attributor.attribute(manager, new float[3][H * W - 1], H, W, null));
        assertTrue(size.getMessage().contains("channel 0"));
        AttributionConfig classTwo = AttributionConfig.builder().targetClass(2).build();
        IllegalArgumentException cls = assertThrows(IllegalArgumentException.class,
                () -> new GradientAttributor(linear, classTwo).attribute(manager, randomWindow(3, 0), H, W, null));
        assertTrue(cls.getMessage().contains("target class 2"));
    }

    private static Block conv(int in, int out, int kernel) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(out)
                .optPadding(new Shape(kernel / 2, kernel / 2)).build();
    }

    private static Block smallNet(int in) {
        return new SequentialBlock().add(conv(in, 4, 3)).add(Activation::tanh).add(conv(4, 1, 1));
    }

    private static Block firstConv(Block net) {
        return ((SequentialBlock) net).getChildren().get(0).getValue();
    }

    private static float[][] randomWindow(int channels, long seed) {
        Random r = new Random(seed);
        float[][] out = new float[channels][H * W];
        for (float[] ch : out) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] = (float) r.nextGaussian();
            }
        }
        return out;
    }
}
