package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {

    private static StackWindower windower(int depth, int k, BoundaryMode mode) {
        return new StackWindower(ArrayVolume.zeros(new VolumeShape(depth, 4, 4), PixelType.UINT8),
                new WindowSpec(k, mode));
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        Arrays.setAll(out, i -> from + i);
        return out;
    }

    @Test
    void gapKeepsTrainingWindowsOffValidationSections() {
        // k=1: validation windows on 15..19 read 14..19, so centre 13 (reads 12..14) is dropped
        ValidationSplit split = ValidationSplit.of(windower(20, 1, BoundaryMode.REFLECT), 15, 20);
        assertArrayEquals(range(0, 13), split.trainingCentres());
        assertArrayEquals(range(15, 20), split.validationCentres());
        // k=2: validation reads 13..19, training centres must end at 10
        assertArrayEquals(range(0, 11), ValidationSplit.of(windower(20, 2, BoundaryMode.REFLECT), 15, 20)
                .trainingCentres());
        // k=0: no gap needed
        assertArrayEquals(range(0, 15), ValidationSplit.of(windower(20, 0, BoundaryMode.REFLECT), 15, 20)
                .trainingCentres());
    }

    @Test
    void interiorRangeHasGapsOnBothSides() {
        int[] training = ValidationSplit.of(windower(20, 1, BoundaryMode.REFLECT), 8, 10).trainingCentres();
        int[] expected = new int[] {0, 1, 2, 3, 4, 5, 12, 13, 14, 15, 16, 17, 18, 19};
        assertArrayEquals(expected, training);
    }

    @Test
    void noTrainingWindowSharesASectionWithValidation() {
        for (BoundaryMode mode : BoundaryMode.values()) {
            StackWindower w = windower(12, 2, mode);
            int[] centres = w.centres();
            int end = centres[centres.length - 1] + 1;
            ValidationSplit split = ValidationSplit.of(w, end - 2, end);
            for (int t : split.trainingCentres()) {
                for (int v : split.validationCentres()) {
                    for (int s : w.sourceSections(t)) {
                        int section = s;
                        assertTrue(section < 0 || Arrays.stream(w.sourceSections(v)).noneMatch(x -> x == section),
                                mode + ": training centre " + t + " and validation centre " + v + " share " + s);
                    }
                }
            }
        }
    }

    @Test
    void lastFractionTakesTheEndOfTheStack() {
        assertArrayEquals(range(16, 20), ValidationSplit.lastFraction(windower(20, 1, BoundaryMode.REFLECT), 0.2)
                .validationCentres());
        // SKIP: centres are 1..18, the last 20% of 18 centres is 4 of them
        assertArrayEquals(range(15, 19), ValidationSplit.lastFraction(windower(20, 1, BoundaryMode.SKIP), 0.2)
                .validationCentres());
    }

    @Test
    void emptyTrainingSetNamesRangeKAndDepth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidationSplit.of(windower(6, 2, BoundaryMode.REFLECT), 3, 6));
        assertTrue(e.getMessage().contains("[3, 6)") && e.getMessage().contains("k=2")
                && e.getMessage().contains("depth 6"), e.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> ValidationSplit.of(windower(6, 1, BoundaryMode.REFLECT), 4, 9));
        assertTrue(outside.getMessage().contains("[4, 9)"), outside.getMessage());
    }
}
