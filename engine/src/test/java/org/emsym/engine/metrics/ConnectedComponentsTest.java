package org.emsym.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emsym.engine.metrics.ConnectedComponents.Connectivity2D;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {

    // 4 x 5 mask:
    // 1 1 0 0 1
    // 0 0 1 0 1
    // 0 0 0 0 0
    // 1 0 0 1 1
    private static final float[] MASK = {
        1, 1, 0, 0, 1,
        0, 0, 1, 0, 1,
        0, 0, 0, 0, 0,
        1, 0, 0, 1, 1};

    @Test
    void fourConnectivityKeepsDiagonalNeighboursApart() {
        // components: {(0,0),(0,1)}, {(0,4),(1,4)}, {(1,2)}, {(3,0)}, {(3,3),(3,4)} -> 5, numbered in raster order
        ComponentLabels labels = ConnectedComponents.label2d(MASK, 0.5, 4, 5, Connectivity2D.FOUR);
        assertEquals(5, labels.count());
        assertArrayEquals(new int[] {
            1, 1, 0, 0, 2,
            0, 0, 3, 0, 2,
            0, 0, 0, 0, 0,
            4, 0, 0, 5, 5}, labels.section(0));
    }

    @Test
    void eightConnectivityJoinsCornerNeighbours() {
        // (1,2) touches (0,1) by a corner: {(0,0),(0,1),(1,2)} becomes one component -> 4
        ComponentLabels labels = ConnectedComponents.label2d(MASK, 0.5, 4, 5, Connectivity2D.EIGHT);
        assertEquals(4, labels.count());
        assertArrayEquals(new int[] {
            1, 1, 0, 0, 2,
            0, 0, 1, 0, 2,
            0, 0, 0, 0, 0,
            3, 0, 0, 4, 4}, labels.section(0));
    }

    @Test
    void sixConnectivityJoinsAcrossSectionsOnlyThroughFaces() {
        // section 0: 1 0 / 0 0   section 1: 1 0 / 0 1   section 2: 0 0 / 1 0
        // (0,0,0)-(1,0,0) share a face -> one component; (1,1,1) and (2,1,0) touch only by an edge -> apart
        float[][] sections = {{1, 0, 0, 0}, {1, 0, 0, 1}, {0, 0, 1, 0}};
        ArrayVolume v = new ArrayVolume(new VolumeShape(3, 2, 2), PixelType.UINT8, sections);
        ComponentLabels labels = ConnectedComponents.label3d(v, 0.5);
        assertEquals(3, labels.count());
        assertArrayEquals(new int[] {1, 0, 0, 0}, labels.section(0));
        assertArrayEquals(new int[] {1, 0, 0, 2}, labels.section(1));
        assertArrayEquals(new int[] {0, 0, 3, 0}, labels.section(2));
    }

    @Test
    void perSectionLabelsAreUniqueAcrossTheVolume() {
        float[][] sections = {{1, 0, 0, 1}, {1, 1, 0, 0}};
        ArrayVolume v = new ArrayVolume(new VolumeShape(2, 2, 2), PixelType.UINT8, sections);
        ComponentLabels labels = ConnectedComponents.labelSections(v, 0.5, Connectivity2D.FOUR);
        // section 0 has two 4-components (1, 2); section 1 one (3), though it overlaps component 1 in z
        assertEquals(3, labels.count());
        assertArrayEquals(new int[] {1, 0, 0, 2}, labels.section(0));
        assertArrayEquals(new int[] {3, 3, 0, 0}, labels.section(1));
        assertArrayEquals(new int[] {1, 0, 0, 2, 3, 3, 0, 0}, labels.flatten());
    }

    @Test
    void largeFilledSectionIsOneComponent() {
        float[] full = new float[300 * 400];
        java.util.Arrays.fill(full, 1f);
        assertEquals(1, ConnectedComponents.label2d(full, 0.5, 300, 400, Connectivity2D.EIGHT).count());
    }
}
