package org.emsym.engine.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.junit.jupiter.api.Test;

/** Symmetrization checked on the layer's real output: the encoder run by DJL's PyTorch engine. */
class FirstLayerSymmetrizerTest {

    private static final NamedTensor RGB = KernelSymmetrizerTest.randomKernel(42, 64, 3, 7, 7);

    private static ResNetEncoder encoder(NDManager m, int channels) {
        ResNetEncoder e = ResNetEncoder.resnet18(channels);
        e.block().initialize(m, DataType.FLOAT32, new Shape(1, channels, 64, 64));
        return e;
    }

    /** All five encoder feature maps, flattened and concatenated. */
    private static float[] features(NDManager m, ResNetEncoder e, NDArray x) {
        NDList f = e.block().forward(new ParameterStore(m, false), new NDList(x), false);
        NDList flat = new NDList();
        f.forEach(a -> flat.add(a.flatten()));
        return NDArrays.concat(flat).toFloatArray();
    }

    private static NDArray reorder(NDArray x, int... order) {
        NDList parts = new NDList();
        for (int c : order) {
            parts.add(x.get(new NDIndex(":, {}:{}", c, c + 1)));
        }
        return NDArrays.concat(parts, 1);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static double maxAbs(float[] a) {
        double d = 0;
        for (float v : a) {
            d = Math.max(d, Math.abs(v));
        }
        return d;
    }

    @Test
    void uniformMakesTheEncoderInvariantToAnyChannelPermutation() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder e = encoder(m, 5);
            SymmetryReport report = FirstLayerSymmetrizer.apply(e, RGB, SymmetrizationStrategy.UNIFORM);
            NDArray x = m.randomNormal(new Shape(1, 5, 64, 64));
            float[] ref = features(m, e, x);
            for (int[] order : new int[][] {{4, 3, 2, 1, 0}, {1, 0, 2, 4, 3}, {2, 4, 0, 3, 1}}) {
                float[] perm = features(m, e, reorder(x, order));
                assertTrue(maxAbsDiff(ref, perm) <= 1e-5 * maxAbs(ref), "permutation changed the output");
            }
            assertEquals(0.0, report.symmetryErrorAfter(), 1e-7);
            assertTrue(report.symmetryErrorBefore() > 0.1);
            assertEquals(3, report.l1Before().length);
            assertEquals(5, report.l1After().length);
        }
    }

    @Test
    void outerAverageMakesTheEncoderInvariantToZFlipButNotToOtherPermutations() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder e = encoder(m, 5);
            FirstLayerSymmetrizer.apply(e, RGB, SymmetrizationStrategy.OUTER_AVERAGE);
            NDArray x = m.randomNormal(new Shape(1, 5, 64, 64));
            float[] ref = features(m, e, x);
            float[] flipped = features(m, e, x.flip(1));
            assertTrue(maxAbsDiff(ref, flipped) <= 1e-5 * maxAbs(ref), "z-flip changed the output");
            float[] swapped = features(m, e, reorder(x, 1, 0, 2, 3, 4));
            assertTrue(maxAbsDiff(ref, swapped) > 1e-3 * maxAbs(ref), "outer-average must not be fully permutation invariant");
        }
    }

    @Test
    void noneKeepsTheRgbKernelAndItsAsymmetry() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder e = encoder(m, 3);
            SymmetryReport report = FirstLayerSymmetrizer.apply(e, RGB, SymmetrizationStrategy.NONE);
            assertArrayEquals(RGB.values(), e.firstConvWeight().getArray().toFloatArray(), 0f);
            assertEquals(report.symmetryErrorBefore(), report.symmetryErrorAfter(), 0.0);
            assertTrue(report.symmetryErrorAfter() > 0.1);
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 64));
            float[] ref = features(m, e, x);
            assertTrue(maxAbsDiff(ref, features(m, e, x.flip(1))) > 1e-3 * maxAbs(ref), "NONE must stay flip-sensitive");
        }
    }

    @Test
    void uniformPreservesTheResponseToAGrayInput() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (int channels : new int[] {1, 3, 5, 7}) {
                ResNetEncoder e = encoder(m, channels);
                FirstLayerSymmetrizer.apply(e, RGB, SymmetrizationStrategy.UNIFORM);
                NDArray gray = m.randomUniform(0, 1, new Shape(1, 1, 32, 32));
                NDArray rgbOut = Conv2d.conv2d(gray.repeat(1, 3), m.create(RGB.values(), new Shape(RGB.shape())), null,
                        new Shape(2, 2), new Shape(3, 3)).singletonOrThrow();
                NDArray winOut = Conv2d.conv2d(gray.repeat(1, channels), e.firstConvWeight().getArray(), null,
                        new Shape(2, 2), new Shape(3, 3)).singletonOrThrow();
                float[] a = rgbOut.toFloatArray();
                assertTrue(maxAbsDiff(a, winOut.toFloatArray()) <= 1e-5 * maxAbs(a), channels + " channels changed the gray response");
            }
        }
    }

    @Test
    void aKernelOfAnotherSizeIsRejectedNamingBothShapes() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder e = encoder(m, 5);
            NamedTensor wrong = KernelSymmetrizerTest.randomKernel(1, 32, 3, 3, 3);
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> FirstLayerSymmetrizer.apply(e, wrong, SymmetrizationStrategy.UNIFORM));
            assertTrue(ex.getMessage().contains("[32, 3, 3, 3]") && ex.getMessage().contains("[64, 5, 7, 7]"), ex.getMessage());
        }
    }

    @Test
    void reportListsPerChannelNormsAsTextAndRows() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder e = encoder(m, 3);
            SymmetryReport r = FirstLayerSymmetrizer.applyInPlace(e, SymmetrizationStrategy.OUTER_AVERAGE);
            assertEquals(6, r.rows().size());
            assertEquals(0.0, r.symmetryErrorAfter(), 1e-7);
            assertArrayEquals(KernelSymmetrizer.channelL2(org.emsym.engine.model.NamedParameters.read("w", e.firstConvWeight())), r.l2After(), 1e-6);
            assertTrue(r.toText().contains("outer-average"), r.toText());
        }
    }
}
