package org.emsym.engine.window;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundaryModeTest {

    private static int[] sources(BoundaryMode mode, int from, int to, int depth) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = mode.sourceSection(i, depth);
        }
        return out;
    }

    @Test
    void insideTheVolumeEveryModeIsTheIdentity() {
        for (BoundaryMode mode : BoundaryMode.values()) {
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sources(mode, 0, 5, 5), mode.name());
        }
    }

    @Test
    void reflectMirrorsWithoutRepeatingTheEdgeAtBothEnds() {
        // numpy: np.pad(np.arange(5), 2, 'reflect') == [2 1 0 1 2 3 4 3 2]
        assertArrayEquals(new int[] {2, 1, 0, 1, 2, 3, 4, 3, 2}, sources(BoundaryMode.REFLECT, -2, 7, 5));
    }

    @Test
    void reflectRepeatsWhenContextExceedsDepthLikeNumpy() {
        // numpy: np.pad(np.arange(3), 3, 'reflect') == [1 2 1 0 1 2 1 0 1]
        assertArrayEquals(new int[] {1, 2, 1, 0, 1, 2, 1, 0, 1}, sources(BoundaryMode.REFLECT, -3, 6, 3));
        // numpy: np.pad(np.arange(2), 3, 'reflect') == [1 0 1 0 1 0 1 0]
        assertArrayEquals(new int[] {1, 0, 1, 0, 1, 0, 1, 0}, sources(BoundaryMode.REFLECT, -3, 5, 2));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, sources(BoundaryMode.REFLECT, -2, 3, 1));
    }

    @Test
    void replicateRepeatsTheEdgeSectionAtBothEnds() {
        assertArrayEquals(new int[] {0, 0, 0, 1, 2, 3, 4, 4, 4}, sources(BoundaryMode.REPLICATE, -2, 7, 5));
    }

    @Test
    void zeroMarksChannelsOutsideTheVolumeAtBothEnds() {
        int z = BoundaryMode.ZERO_FILLED;
        assertArrayEquals(new int[] {z, z, 0, 1, 2, 3, 4, z, z}, sources(BoundaryMode.ZERO, -2, 7, 5));
    }

    @Test
    void skipHasNoSourceOutsideTheVolume() {
        IllegalArgumentException below = assertThrows(IllegalArgumentException.class,
                () -> BoundaryMode.SKIP.sourceSection(-1, 5));
        assertTrue(below.getMessage().contains("-1"), below.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoundaryMode.SKIP.sourceSection(5, 5));
    }

    @Test
    void defaultIsReflect() {
        assertEquals(BoundaryMode.REFLECT, BoundaryMode.DEFAULT);
        assertEquals(BoundaryMode.REFLECT, WindowSpec.of(2).boundary());
        assertEquals(5, WindowSpec.of(2).channels());
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.of(-1));
    }
}
