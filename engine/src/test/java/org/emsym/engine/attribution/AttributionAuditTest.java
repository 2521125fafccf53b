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
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.util.Pair;
import java.util.List;
import java.util.SplittableRandom;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttributionAuditTest {

    private NDManager manager;

    @BeforeEach
    void setUp() {
        Engine.getEngine("PyTorch").setRandomSeed(11);
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    @Test
    void tilesAndCentralCropsCoverTheRequestedSections() {
        StackWindower windower = new StackWindower(randomVolume(6, 20, 30, 1), WindowSpec.of(1));
        List<Window> tiles = AttributionAudit.tiles(windower, new int[] {2, 3}, 8, 8);
        assertEquals(2 * 2 * 3, tiles.size(), "2 sections x (20/8=2 rows) x (30/8=3 columns)");
        // the grid is centred: margins (20-16)/2 = 2 rows and (30-24)/2 = 3 columns
        assertEquals(windower.window(2, 2, 3, 8, 8), tiles.get(0));
        assertEquals(windower.window(3, 10, 19, 8, 8), tiles.get(11));
        List<Window> crops = AttributionAudit.centralCrops(windower, new int[] {4}, 10, 10);
        assertEquals(List.of(windower.window(4, 5, 10, 10, 10)), crops);
        assertThrows(IllegalArgumentException.class, () -> AttributionAudit.tiles(windower, new int[] {2}, 32, 8));
    }

    /**
     * With the same kernel for every channel, the first convolution sees only the sum of the channels, so the
     * gradient with respect to every channel is the same map: saliency shares are exactly equal for any input,
     * while gradient x input still weighs each channel by its own values.
     */
    @Test
    void uniformFirstLayerGivesEqualSaliencyForAnyInputButNotEqualGradientTimesInput() {
        Block net = smallNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        makeChannelsUniform(net);
        StackWindower windower = new StackWindower(randomVolume(5, 16, 16, 2), WindowSpec.of(1));
        float[][] skewed = windower.window(2).channels();
        java.util.Arrays.fill(skewed[2], 0f); // z+1 empty: a strongly asymmetric input
        List<Window> windows = List.of(windower.window(1), windower.window(3), new Window(2, 16, 16, skewed));

        AuditResult saliency = AttributionAudit.builder(net).build().audit(manager, windows);
        for (ChannelShares s : saliency.perWindow()) {
            assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, s.shares(), 1e-5, s.toString());
        }
        AuditResult gxi = AttributionAudit.builder(net)
                .config(AttributionConfig.builder().method(AttributionMethod.GRADIENT_X_INPUT).build()).build()
                .audit(manager, windows);
        assertEquals(0, gxi.perWindow().get(2).share(2), 1e-12, "no input in z+1, no gradient x input there");
        assertTrue(gxi.perWindow().get(2).asymmetryIndex(1) > 0.99);
        assertEquals(3, gxi.summary().windows());
    }

    @Test
    void auditLeavesWeightsAndGradientsAsTheTrainerKeepsThem() {
        Block net = smallNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        float[] before = firstConv(net).getParameters().get("weight").getArray().toFloatArray();
        StackWindower windower = new StackWindower(randomVolume(5, 16, 16, 3), WindowSpec.of(1));
        int attached = manager.getManagedArrays().size();
        AttributionAudit.builder(net).build().audit(manager, List.of(windower.window(1), windower.window(2)));
        assertArrayEquals(before, firstConv(net).getParameters().get("weight").getArray().toFloatArray());
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray array = p.getValue().getArray();
            if (array.hasGradient()) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray gradient = array.getGradient();
                    gradient.attach(scope);
                    assertEquals(0f, gradient.abs().sum().getFloat(), "gradient of " + p.getKey());
                }
            }
        }
        assertEquals(attached, manager.getManagedArrays().size(), "nothing left attached to the caller's manager");
    }

    @Test
    void predictedMaskSkipsWindowsWithoutPredictedPixels() {
        Block net = smallNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        // a large negative output bias: the model predicts no foreground anywhere
        Conv2d last = (Conv2d) ((SequentialBlock) net).getChildren().get(2).getValue();
        last.getParameters().get("bias").getArray().set(new float[] {-100f});
        StackWindower windower = new StackWindower(randomVolume(5, 16, 16, 4), WindowSpec.of(1));
        AttributionAudit masked = AttributionAudit.builder(net).region(TargetRegion.PREDICTED_MASK).build();
        assertTrue(masked.attribute(manager, windower.window(2)).isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> masked.audit(manager, List.of(windower.window(1), windower.window(2))));
        assertTrue(e.getMessage().contains("whole-tile"), e.getMessage());
        // with a large positive bias every pixel is in the mask: the same shares as the whole tile
        last.getParameters().get("bias").getArray().set(new float[] {100f});
        AttributionConfig logit = AttributionConfig.builder().scoreType(ScoreType.LOGIT).build();
        ChannelShares all = AttributionAudit.builder(net).config(logit).build()
                .attribute(manager, windower.window(2)).orElseThrow();
        ChannelShares mask = AttributionAudit.builder(net).config(logit).region(TargetRegion.PREDICTED_MASK).build()
                .attribute(manager, windower.window(2)).orElseThrow();
        assertArrayEquals(all.shares(), mask.shares(), 1e-9);
    }

    /** conv3x3(4) -> relu -> conv1x1(1). */
    static Block smallNet() {
        SequentialBlock net = new SequentialBlock();
        net.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4).build());
        net.add(Activation::relu);
        net.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
        return net;
    }

    static Conv2d firstConv(Block net) {
        return (Conv2d) ((SequentialBlock) net).getChildren().get(0).getValue();
    }

    /** Gives every input channel of the first convolution the mean kernel over channels. */
    static void makeChannelsUniform(Block net) {
        NDArray weight = firstConv(net).getParameters().get("weight").getArray();
        long[] s = weight.getShape().getShape();
        float[] w = weight.toFloatArray();
        int plane = (int) (s[2] * s[3]);
        int in = (int) s[1];
        for (int o = 0; o < s[0]; o++) {
            for (int p = 0; p < plane; p++) {
                float mean = 0;
                for (int c = 0; c < in; c++) {
                    mean += w[(o * in + c) * plane + p] / in;
                }
                for (int c = 0; c < in; c++) {
                    w[(o * in + c) * plane + p] = mean;
                }
            }
        }
        weight.set(w);
    }

    static ArrayVolume randomVolume(int depth, int height, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] sections = new float[depth][height * width];
        for (float[] section : sections) {
            for (int i = 0; i < section.length; i++) {
                section[i] = (float) random.nextDouble();
            }
        }
        return new ArrayVolume(new VolumeShape(depth, height, width), PixelType.FLOAT32, sections);
    }
}
