package org.emsym.engine.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.emsym.engine.model.NamedTensor;
import org.junit.jupiter.api.Test;

class KernelSymmetrizerTest {

    /** A random (out, in, kh, kw) kernel. */
    static NamedTensor randomKernel(long seed, int out, int in, int kh, int kw) {
        Random r = new Random(seed);
        float[] v = new float[out * in * kh * kw];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new NamedTensor("conv1.weight", new long[] {out, in, kh, kw}, v);
    }

    static float at(NamedTensor t, int o, int i, int y, int x) {
        long[] s = t.shape();
        return t.values()[(int) (((o * s[1] + i) * s[2] + y) * s[3] + x)];
    }

    @Test
    void noneKeepsAThreeChannelKernelUnchanged() {
        NamedTensor rgb = randomKernel(1, 4, 3, 3, 3);
        NamedTensor out = KernelSymmetrizer.adapt(rgb, 3, SymmetrizationStrategy.NONE);
        assertArrayEquals(rgb.shape(), out.shape());
        assertArrayEquals(rgb.values(), out.values(), 0f);
    }

    @Test
    void noneSpreadsRgbOverTheWindowByInterpolationScaledByThreeOverC() {
        NamedTensor rgb = randomKernel(2, 2, 3, 3, 3);
        NamedTensor five = KernelSymmetrizer.adapt(rgb, 5, SymmetrizationStrategy.NONE);
        assertArrayEquals(new long[] {2, 5, 3, 3}, five.shape());
        float s = 3f / 5f;
        for (int o = 0; o < 2; o++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    float r = at(rgb, o, 0, y, x);
                    float g = at(rgb, o, 1, y, x);
                    float b = at(rgb, o, 2, y, x);
                    assertEquals(r * s, at(five, o, 0, y, x), 1e-6);
                    assertEquals((r + g) / 2 * s, at(five, o, 1, y, x), 1e-6);
                    assertEquals(g * s, at(five, o, 2, y, x), 1e-6);
                    assertEquals((g + b) / 2 * s, at(five, o, 3, y, x), 1e-6);
                    assertEquals(b * s, at(five, o, 4, y, x), 1e-6);
                }
            }
        }
        assertTrue(KernelSymmetrizer.symmetryError(five) > 0.1, "the pretrained asymmetry must survive NONE");
    }

    @Test
    void noneToOneChannelSumsTheSourceKernels() {
        NamedTensor rgb = randomKernel(3, 2, 3, 1, 1);
        NamedTensor one = KernelSymmetrizer.adapt(rgb, 1, SymmetrizationStrategy.NONE);
        for (int o = 0; o < 2; o++) {
            assertEquals(at(rgb, o, 0, 0, 0) + at(rgb, o, 1, 0, 0) + at(rgb, o, 2, 0, 0), at(one, o, 0, 0, 0), 1e-5);
        }
    }

    @Test
    void uniformGivesEveryChannelTheScaledMeanKernel() {
        NamedTensor rgb = randomKernel(4, 3, 3, 2, 2);
        NamedTensor seven = KernelSymmetrizer.adapt(rgb, 7, SymmetrizationStrategy.UNIFORM);
        for (int o = 0; o < 3; o++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    float mean = (at(rgb, o, 0, y, x) + at(rgb, o, 1, y, x) + at(rgb, o, 2, y, x)) / 3;
                    for (int j = 0; j < 7; j++) {
                        assertEquals(mean * 3f / 7f, at(seven, o, j, y, x), 1e-6);
                    }
                }
            }
        }
        assertEquals(0.0, KernelSymmetrizer.symmetryError(seven), 0.0);
    }

    @Test
    void outerAverageIsFlipSymmetricKeepsTheCentreAndAveragesMirrorPairs() {
        NamedTensor rgb = randomKernel(5, 2, 3, 3, 3);
        NamedTensor none = KernelSymmetrizer.adapt(rgb, 5, SymmetrizationStrategy.NONE);
        NamedTensor avg = KernelSymmetrizer.adapt(rgb, 5, SymmetrizationStrategy.OUTER_AVERAGE);
        assertEquals(0.0, KernelSymmetrizer.symmetryError(avg), 1e-7);
        for (int o = 0; o < 2; o++) {
            assertEquals(at(none, o, 2, 1, 1), at(avg, o, 2, 1, 1), 0f);
            assertEquals((at(none, o, 0, 0, 2) + at(none, o, 4, 0, 2)) / 2, at(avg, o, 0, 0, 2), 1e-6);
            assertEquals((at(none, o, 1, 2, 0) + at(none, o, 3, 2, 0)) / 2, at(avg, o, 3, 2, 0), 1e-6);
        }
    }

    @Test
    void symmetryErrorOfARandomKernelIsTheRedBlueDifferenceOverTheNorm() {
        NamedTensor k = randomKernel(6, 8, 3, 3, 3);
        assertTrue(KernelSymmetrizer.symmetryError(k) > 0.5);
        // Only R and B differ under a flip: error = ||(R-B, 0, B-R)|| / ||W||, computed directly.
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < k.values().length; i++) {
            norm += k.values()[i] * (double) k.values()[i];
        }
        for (int o = 0; o < 8; o++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 3; x++) {
                    double d = (double) at(k, o, 0, y, x) - at(k, o, 2, y, x);
                    diff += 2 * d * d;
                }
            }
        }
        assertEquals(Math.sqrt(diff / norm), KernelSymmetrizer.symmetryError(k), 1e-6);
    }

    @Test
    void channelNormsAreL1AndL2PerInputChannel() {
        float[] v = {1, -2, 3, -4, // out 0, in 0 and in 1 (1x2 kernels)
            5, 6, -7, 8}; // out 1
        NamedTensor k = new NamedTensor("w", new long[] {2, 2, 1, 2}, v);
        assertArrayEquals(new double[] {1 + 2 + 5 + 6, 3 + 4 + 7 + 8}, KernelSymmetrizer.channelL1(k), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(1 + 4 + 25 + 36), Math.sqrt(9 + 16 + 49 + 64)}, KernelSymmetrizer.channelL2(k), 1e-12);
    }

    @Test
    void badKernelShapesAreRejected() {
        NamedTensor flat = new NamedTensor("fc.weight", new long[] {2, 3}, new float[6]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelSymmetrizer.adapt(flat, 5, SymmetrizationStrategy.UNIFORM));
        assertTrue(e.getMessage().contains("fc.weight"));
        assertEquals(SymmetrizationStrategy.OUTER_AVERAGE, SymmetrizationStrategy.fromId("outer-average"));
    }
}
