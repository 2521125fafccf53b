package org.emsym.engine.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatchSamplerTest {

    private static final VolumeShape SHAPE = new VolumeShape(8, 64, 80);
    private static final int[] TRAIN = {0, 1, 2, 3, 4};
    private static final int PATCH_H = 16;
    private static final int PATCH_W = 20;

    /** Sparse foreground: a 3 x 3 blob per section at a section-dependent place, plus one in a corner. */
    private static ArrayVolume sparseLabels() {
        ArrayVolume labels = ArrayVolume.zeros(SHAPE, PixelType.UINT8);
        for (int z = 0; z < SHAPE.depth(); z++) {
            for (int dy = 0; dy < 3; dy++) {
                for (int dx = 0; dx < 3; dx++) {
                    labels.set(z, 20 + 3 * z + dy, 30 + 2 * z + dx, 255);
                    labels.set(z, dy, dx, 255); // too close to the corner to centre a patch on
                }
            }
        }
        return labels;
    }

    private static PatchSampler.Builder builder(long seed) {
        return PatchSampler.builder(SHAPE, TRAIN).patchSize(PATCH_H, PATCH_W).seed(seed);
    }

    private static boolean centreOnForeground(ArrayVolume labels, Patch p) {
        return labels.get(p.z(), p.centreY(), p.centreX()) != 0;
    }

    @Test
    void sameSeedGivesTheSamePatchesAndOtherSeedsDiffer() {
        List<Patch> a = builder(42).build().next(200);
        List<Patch> b = builder(42).build().next(200);
        List<Patch> c = builder(43).build().next(200);
        assertEquals(a, b);
        assertNotEquals(a, c);
        long same = java.util.stream.IntStream.range(0, 200).filter(i -> a.get(i).equals(c.get(i))).count();
        assertTrue(same < 10, "seeds 42 and 43 share " + same + " of 200 patches");
    }

    @Test
    void patchesStayInsideTheAllowedSectionsAndTheImageAndReachEveryPlace() {
        PatchSampler sampler = builder(1).build();
        Map<Integer, Integer> perSection = new HashMap<>();
        boolean top = false;
        boolean bottom = false;
        boolean left = false;
        boolean right = false;
        int draws = 5000;
        for (Patch p : sampler.next(draws)) {
            assertTrue(p.z() >= 0 && p.z() <= 4, p::toString);
            assertEquals(PATCH_H, p.height());
            assertEquals(PATCH_W, p.width());
            assertTrue(p.y() + PATCH_H <= SHAPE.height() && p.x() + PATCH_W <= SHAPE.width(), p::toString);
            perSection.merge(p.z(), 1, Integer::sum);
            top |= p.y() == 0;
            bottom |= p.y() == SHAPE.height() - PATCH_H;
            left |= p.x() == 0;
            right |= p.x() == SHAPE.width() - PATCH_W;
        }
        assertTrue(top && bottom && left && right, "every edge position is drawn");
        assertEquals(TRAIN.length, perSection.size());
        perSection.values().forEach(n -> assertTrue(Math.abs(n - draws / 5) < draws / 10, perSection.toString()));
    }

    @Test
    void resumingBySeekingContinuesTheSameSequence() {
        PatchSampler first = builder(9).build();
        List<Patch> all = first.next(30);
        assertEquals(30, first.position());
        PatchSampler resumed = builder(9).build();
        resumed.seek(20);
        assertEquals(all.subList(20, 30), resumed.next(10));
        assertEquals(all.get(7), resumed.patch(7));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 0.7, 1.0})
    void foregroundBalancedCentresHitForegroundAtAboutP(double p) {
        ArrayVolume labels = sparseLabels();
        PatchSampler sampler = builder(5).foregroundBalanced(labels, p).build();
        // expected: forced with probability p, else uniform, which hits foreground with probability f
        long positions = 0;
        long foreground = 0;
        for (int z : TRAIN) {
            for (int y = PATCH_H / 2; y <= SHAPE.height() - PATCH_H + PATCH_H / 2; y++) {
                for (int x = PATCH_W / 2; x <= SHAPE.width() - PATCH_W + PATCH_W / 2; x++) {
                    positions++;
                    foreground += labels.get(z, y, x) != 0 ? 1 : 0;
                }
            }
        }
        double f = (double) foreground / positions;
        assertEquals(f, sampler.foregroundFraction(), 1e-12);
        assertTrue(f < 0.01, "the test labels are sparse: f=" + f);
        int draws = 4000;
        int hits = 0;
        for (Patch patch : sampler.next(draws)) {
            assertTrue(patch.z() <= 4 && patch.y() + PATCH_H <= SHAPE.height()
                    && patch.x() + PATCH_W <= SHAPE.width(), patch::toString);
            hits += centreOnForeground(labels, patch) ? 1 : 0;
        }
        double expected = p + (1 - p) * f;
        double rate = (double) hits / draws;
        // binomial sd <= 0.008 for 4000 draws; allow more than 5 sd
        assertEquals(expected, rate, 0.045, "foreground hit rate with p=" + p);
        if (p == 1.0) {
            assertEquals(draws, hits);
        }
    }

    @Test
    void foregroundCanBeDefinedByAPredicate() {
        ArrayVolume labels = sparseLabels();
        // treat 0 as foreground (as ISBI membranes are): nearly every centre is foreground
        PatchSampler sampler = builder(3).foregroundBalanced(labels, 1.0, v -> v == 0).build();
        for (Patch patch : sampler.next(500)) {
            assertEquals(0f, labels.get(patch.z(), patch.centreY(), patch.centreX()));
        }
    }

    @Test
    void badSettingsAreReported() {
        assertThrows(IllegalArgumentException.class, () -> PatchSampler.builder(SHAPE, new int[0]).build());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> PatchSampler.builder(SHAPE, new int[] {2, 8}).build());
        assertTrue(outside.getMessage().contains("z=8"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PatchSampler.builder(SHAPE, new int[] {2, 2}).build());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> builder(0).patchSize(65, 20).build());
        assertTrue(big.getMessage().contains("65 x 20"), big.getMessage());
        ArrayVolume otherShape = ArrayVolume.zeros(new VolumeShape(8, 64, 81), PixelType.UINT8);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> builder(0).foregroundBalanced(otherShape, 0.5).build());
        assertTrue(shape.getMessage().contains("(z=8, y=64, x=81)") && shape.getMessage().contains(SHAPE.toString()),
                shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder(0).foregroundBalanced(sparseLabels(), 1.5).build());
        ArrayVolume empty = ArrayVolume.zeros(SHAPE, PixelType.UINT8);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> builder(0).foregroundBalanced(empty, 0.5).build());
        assertTrue(none.getMessage().contains("no foreground"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder(0).build().seek(-1));
    }
}
