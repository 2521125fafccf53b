package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

    private static final VolumeShape SHAPE = new VolumeShape(3, 2, 2);

    private static ArrayVolume labels(float... values) {
        float[][] sections = new float[3][];
        for (int z = 0; z < 3; z++) {
            sections[z] = values.clone();
        }
        return new ArrayVolume(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN, sections, "labels.tif");
    }

    private static ArrayVolume image() {
        float[][] sections = new float[3][];
        for (int z = 0; z < 3; z++) {
            sections[z] = new float[] {0, 51, 102, 255};
        }
        return new ArrayVolume(SHAPE, PixelType.UINT8, sections);
    }

    @Test
    void acceptsZeroOneAndZero255AndMapsToZeroOne() {
        assertArrayEquals(new float[] {0, 1, 1, 0},
                TrainingData.builder(image(), labels(0, 1, 1, 0), WindowSpec.of(1)).build().prepare().targets()
                        .section(1));
        assertArrayEquals(new float[] {0, 1, 1, 0},
                TrainingData.builder(image(), labels(0, 255, 255, 0), WindowSpec.of(1)).build().prepare().targets()
                        .section(1));
        // ISBI convention: label 0 marks membrane, the positive class
        assertArrayEquals(new float[] {1, 0, 0, 1},
                TrainingData.builder(image(), labels(0, 255, 255, 0), WindowSpec.of(1)).positiveIsZero(true).build()
                        .prepare().targets().section(0));
    }

    @Test
    void defaultTransformScales8BitToUnitRange() {
        TrainingData.Prepared p = TrainingData.builder(image(), labels(0, 1, 1, 0), WindowSpec.of(1)).build().prepare();
        assertArrayEquals(new float[] {0, 0.2f, 0.4f, 1}, p.windower().window(1).channels()[1], 1e-6f);
    }

    @Test
    void nonBinaryLabelsAreRejectedNamingFileAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.builder(image(), labels(0, 2, 1, 0), WindowSpec.of(1)).build().prepare());
        assertTrue(e.getMessage().contains("labels.tif") && e.getMessage().contains("2.0")
                && e.getMessage().contains("z=0, y=0, x=1"), e.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.builder(image(), labels(0, 1, 255, 0), WindowSpec.of(1)).build().prepare());
        assertTrue(mixed.getMessage().contains("mix 1 and 255"), mixed.getMessage());
    }

    @Test
    void contextTooLargeForSkipIsRejectedNamingKAndDepth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.builder(image(), labels(0, 1, 1, 0), new WindowSpec(2, BoundaryMode.SKIP)).build()
                        .prepare());
        assertTrue(e.getMessage().contains("k=2") && e.getMessage().contains("depth 3"), e.getMessage());
    }

    @Test
    void labelsOfAnotherShapeAreRejected() {
        ArrayVolume small = new ArrayVolume(new VolumeShape(3, 2, 1), PixelType.UINT8, VoxelSize.UNKNOWN,
                new float[3][2], "small.tif");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingData.builder(image(), small, WindowSpec.of(1)).build().prepare());
        assertTrue(e.getMessage().contains("small.tif") && e.getMessage().contains("(z=3, y=2, x=1)")
                && e.getMessage().contains("(z=3, y=2, x=2)"), e.getMessage());
    }
}
