package org.emsym.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void countsAndScoresOfAHandMadeMask() {
        // pred  1 1 0 0 1 0
        // truth 1 0 1 0 1 0   -> TP at 0,4 = 2; FP at 1 = 1; FN at 2 = 1; TN at 3,5 = 2
        float[] pred = {1, 1, 0, 0, 1, 0};
        float[] truth = {1, 0, 1, 0, 1, 0};
        BinaryMetrics m = BinaryMetrics.of(pred, truth, 0.5);
        assertEquals(new BinaryMetrics(2, 1, 1, 2), m);
        assertEquals(4.0 / 6, m.dice(), 1e-12);       // 2*2 / (2*2 + 1 + 1)
        assertEquals(2.0 / 4, m.iou(), 1e-12);        // 2 / (2 + 1 + 1)
        assertEquals(2.0 / 6, m.pixelError(), 1e-12); // (1 + 1) / 6
        assertEquals(2.0 / 3, m.precision(), 1e-12);  // 2 / (2 + 1)
        assertEquals(2.0 / 3, m.recall(), 1e-12);     // 2 / (2 + 1)
    }

    @Test
    void thresholdIsStrictAndMayDifferBetweenMasks() {
        // probabilities at 0.5 are background; truth 0/255 thresholded at 127
        float[] prob = {0.5f, 0.51f, 0.2f};
        float[] truth = {255, 255, 0};
        BinaryMetrics m = BinaryMetrics.of(prob, 0.5, truth, 127);
        assertEquals(new BinaryMetrics(1, 0, 1, 1), m);
    }

    @Test
    void emptyMaskCasesFollowTheDocumentedConvention() {
        BinaryMetrics bothEmpty = BinaryMetrics.of(new float[4], new float[4], 0.5);
        assertEquals(1.0, bothEmpty.dice());
        assertEquals(1.0, bothEmpty.iou());
        assertEquals(1.0, bothEmpty.precision());
        assertEquals(1.0, bothEmpty.recall());
        assertEquals(0.0, bothEmpty.pixelError());

        BinaryMetrics missed = BinaryMetrics.of(new float[] {0, 0}, new float[] {1, 0}, 0.5);
        assertEquals(0.0, missed.dice());
        assertEquals(0.0, missed.precision()); // nothing predicted, something there
        assertEquals(0.0, missed.recall());

        BinaryMetrics hallucinated = BinaryMetrics.of(new float[] {1, 0}, new float[] {0, 0}, 0.5);
        assertEquals(0.0, hallucinated.dice());
        assertEquals(0.0, hallucinated.precision());
        assertEquals(0.0, hallucinated.recall()); // empty truth but something predicted
        assertEquals(0.0, BinaryMetrics.EMPTY.pixelError());
    }

    @Test
    void volumeMetricsEqualTheSumOfSectionMetrics() {
        float[][] pred = {{1, 0, 1, 1}, {0, 0, 1, 0}};
        float[][] truth = {{1, 1, 1, 0}, {0, 1, 1, 0}};
        VolumeShape shape = new VolumeShape(2, 2, 2);
        BinaryMetrics whole = BinaryMetrics.of(new ArrayVolume(shape, PixelType.FLOAT32, pred),
                new ArrayVolume(shape, PixelType.UINT8, truth), 0.5);
        // section 0: TP 2, FP 1, FN 1, TN 0; section 1: TP 1, FP 0, FN 1, TN 2
        assertEquals(new BinaryMetrics(3, 1, 2, 2), whole);
        assertEquals(BinaryMetrics.of(pred[0], truth[0], 0.5).plus(BinaryMetrics.of(pred[1], truth[1], 0.5)), whole);
    }

    @Test
    void volumesOfDifferentShapesAreRejectedByName() {
        ArrayVolume a = new ArrayVolume(new VolumeShape(1, 2, 2), PixelType.UINT8, VoxelSize.UNKNOWN,
                new float[1][4], "prediction.tif");
        ArrayVolume b = new ArrayVolume(new VolumeShape(1, 2, 3), PixelType.UINT8, VoxelSize.UNKNOWN,
                new float[1][6], "truth.tif");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BinaryMetrics.of(a, b, 0.5));
        assertTrue(e.getMessage().contains("prediction.tif") && e.getMessage().contains("truth.tif"));
    }
}
