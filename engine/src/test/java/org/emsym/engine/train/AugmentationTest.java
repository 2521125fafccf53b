package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    /** A 3-channel 6x6 sample with distinct values everywhere, channel c offset by 100*c. */
    private static TrainingSample sample(int h, int w) {
        float[][] channels = new float[3][h * w];
        float[] target = new float[h * w];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < h * w; i++) {
                channels[c][i] = 100 * c + i;
            }
        }
        for (int i = 0; i < h * w; i++) {
            target[i] = (i * 7) % 3 == 0 ? 1 : 0;
        }
        return new TrainingSample(h, w, channels, target);
    }

    @Test
    void sameSeedSameResultAndDifferentSeedsDiffer() {
        Augmentation augmentation = new Augmentation(AugmentationConfig.DEFAULT);
        TrainingSample s = sample(16, 16);
        TrainingSample a = augmentation.apply(s, new SplittableRandom(7));
        TrainingSample b = augmentation.apply(s, new SplittableRandom(7));
        assertTrue(Arrays.deepEquals(a.channels(), b.channels()));
        assertArrayEquals(a.target(), b.target());
        boolean anyDifferent = false;
        for (long seed = 8; seed < 16 && !anyDifferent; seed++) {
            anyDifferent = !Arrays.deepEquals(a.channels(), augmentation.apply(s, new SplittableRandom(seed)).channels());
        }
        assertTrue(anyDifferent);
        assertEquals(0f, s.channels()[0][0], "input must stay unchanged");
    }

    @Test
    void zFlipReversesChannelsAndKeepsTarget() {
        Augmentation zOnly = new Augmentation(AugmentationConfig.NONE.withZFlip(true));
        TrainingSample s = sample(4, 4);
        int flipped = 0;
        for (long seed = 0; seed < 40; seed++) {
            TrainingSample out = zOnly.apply(s, new SplittableRandom(seed));
            assertArrayEquals(s.target(), out.target());
            if (Arrays.equals(out.channels()[0], s.channels()[2])) {
                flipped++;
                assertArrayEquals(s.channels()[1], out.channels()[1]);
                assertArrayEquals(s.channels()[0], out.channels()[2]);
            } else {
                assertTrue(Arrays.deepEquals(s.channels(), out.channels()));
            }
        }
        assertTrue(flipped > 5 && flipped < 35, "z-flip should happen about half the time, got " + flipped + "/40");
        TrainingSample never = new Augmentation(AugmentationConfig.NONE).apply(s, new SplittableRandom(1));
        assertTrue(Arrays.deepEquals(s.channels(), never.channels()));
    }

    @Test
    void quarterTurnIsClockwise() {
        // [a b; c d] turned clockwise is [c a; d b]
        int[] source = Augmentation.orthogonalSource(2, 2, false, false, 1);
        assertArrayEquals(new int[] {2, 0, 3, 1}, source);
        // flips: y-flip of [a b; c d] is [c d; a b], x-flip is [b a; d c]
        assertArrayEquals(new int[] {2, 3, 0, 1}, Augmentation.orthogonalSource(2, 2, true, false, 0));
        assertArrayEquals(new int[] {1, 0, 3, 2}, Augmentation.orthogonalSource(2, 2, false, true, 0));
    }

    @Test
    void geometryMovesChannelsAndTargetTogether() {
        // every channel equals the target, intensity jitter off: after flips/rotations they must still match
        AugmentationConfig geometric = new AugmentationConfig(true, true, 0, 0, 0, 0, 0, 0, 0, false);
        float[] target = sample(8, 8).target();
        TrainingSample s = new TrainingSample(8, 8, new float[][] {target.clone(), target.clone()}, target.clone());
        int changed = 0;
        for (long seed = 0; seed < 20; seed++) {
            TrainingSample out = new Augmentation(geometric).apply(s, new SplittableRandom(seed));
            assertArrayEquals(out.target(), out.channels()[0]);
            assertArrayEquals(out.target(), out.channels()[1]);
            changed += Arrays.equals(out.target(), target) ? 0 : 1;
        }
        assertTrue(changed > 0);
    }

    @Test
    void nonSquarePatchesKeepTheirShapeAndValues() {
        TrainingSample s = sample(4, 6);
        for (long seed = 0; seed < 20; seed++) {
            TrainingSample out = new Augmentation(new AugmentationConfig(true, true, 0, 0, 0, 0, 0, 0, 0, false))
                    .apply(s, new SplittableRandom(seed));
            assertEquals(4, out.height());
            assertEquals(6, out.width());
            float[] sortedIn = s.channels()[1].clone();
            float[] sortedOut = out.channels()[1].clone();
            Arrays.sort(sortedIn);
            Arrays.sort(sortedOut);
            assertArrayEquals(sortedIn, sortedOut, "flips and half turns only permute pixels");
        }
    }

    @Test
    void intensityAndWarpChangeValuesButKeepTargetBinary() {
        AugmentationConfig strong = new AugmentationConfig(false, false, 0.2, 0.2, 0.5, 1, 15, 0.1, 0.1, false);
        TrainingSample s = sample(16, 16);
        TrainingSample out = new Augmentation(strong).apply(s, new SplittableRandom(3));
        assertFalse(Arrays.equals(s.channels()[0], out.channels()[0]));
        for (float v : out.target()) {
            assertTrue(v == 0 || v == 1, "target must stay binary under the warp, got " + v);
        }
        for (float v : out.channels()[0]) {
            assertTrue(Float.isFinite(v));
        }
    }
}
