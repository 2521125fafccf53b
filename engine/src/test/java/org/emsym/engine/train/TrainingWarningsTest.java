package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.emsym.engine.train.TrainingWarnings.Kind;
import org.emsym.engine.train.TrainingWarnings.Warning;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.junit.jupiter.api.Test;

class TrainingWarningsTest {

    private static final VolumeShape SHAPE = new VolumeShape(2, 4, 4);

    /** A 2x4x4 volume whose first {@code ones} voxels (in z, y, x order) hold {@code value}, the rest 0. */
    private static Volume volume(PixelType type, int ones, float value, String source) {
        float[][] s = new float[2][16];
        for (int i = 0; i < ones; i++) {
            s[i / 16][i % 16] = value;
        }
        return new ArrayVolume(SHAPE, type, VoxelSize.UNKNOWN, s, source);
    }

    private static final Volume IMAGE = volume(PixelType.UINT8, 32, 200, "image.tif");

    private static List<Kind> kinds(List<Warning> warnings) {
        return warnings.stream().map(Warning::kind).toList();
    }

    @Test
    void labelsWithAFewMembranePixelsAndAFullRangeImageGiveNoWarning() {
        Volume labels = volume(PixelType.UINT8, 8, 255, "labels.tif");
        assertEquals(List.of(), TrainingWarnings.of(IMAGE, labels, false, NormalizationSpec.typeMax()));
    }

    @Test
    void allBackgroundAndAllForegroundAreNamed() {
        Volume zeros = volume(PixelType.UINT8, 0, 0, "zeros.tif");
        List<Warning> none = TrainingWarnings.of(IMAGE, zeros, false, NormalizationSpec.typeMax());
        assertEquals(List.of(Kind.NO_FOREGROUND), kinds(none));
        assertTrue(none.get(0).message().contains("zeros.tif"), none::toString);
        // the same labels read with label 0 as the positive class are all foreground
        assertEquals(List.of(Kind.NO_BACKGROUND), kinds(TrainingWarnings.of(IMAGE, zeros, true,
                NormalizationSpec.typeMax())));
    }

    @Test
    void mostlyForegroundLooksInvertedUnlessLabelZeroIsThePositiveClass() {
        Volume isbi = volume(PixelType.UINT8, 24, 255, "isbi-labels.tif"); // 75 % non-zero: cells, 0 = membrane
        List<Warning> w = TrainingWarnings.of(IMAGE, isbi, false, NormalizationSpec.typeMax());
        assertEquals(List.of(Kind.MOSTLY_FOREGROUND), kinds(w));
        assertTrue(w.get(0).message().contains("75.0 %") && w.get(0).message().contains("isbi-labels.tif")
                && w.get(0).message().contains("inverted"), w::toString);
        assertEquals(List.of(), TrainingWarnings.of(IMAGE, isbi, true, NormalizationSpec.typeMax()));
    }

    @Test
    void twelveBitDataInUint16IsNamedUnlessNormalizedOtherwise() {
        Volume twelveBit = volume(PixelType.UINT16, 32, 4095, "12bit.tif");
        Volume labels = volume(PixelType.UINT8, 8, 1, "labels.tif");
        List<Warning> w = TrainingWarnings.of(twelveBit, labels, false, NormalizationSpec.typeMax());
        assertEquals(List.of(Kind.SMALL_VALUE_RANGE), kinds(w));
        assertTrue(w.get(0).message().contains("4095") && w.get(0).message().contains("12-bit")
                && w.get(0).message().contains("uint16") && w.get(0).message().contains("12bit.tif"), w::toString);
        assertEquals(List.of(), TrainingWarnings.of(twelveBit, labels, false, NormalizationSpec.percentile()));
        assertEquals(List.of(), TrainingWarnings.of(volume(PixelType.FLOAT32, 32, 0.01f, "f.tif"), labels, false,
                NormalizationSpec.typeMax()), "float images are not divided by a type maximum");
        assertEquals(List.of(), TrainingWarnings.of(volume(PixelType.UINT16, 32, 40000, "16bit.tif"), labels,
                false, NormalizationSpec.typeMax()));
    }

    @Test
    void labelsThatAreNotBinaryAreRefusedAsTrainingRefusesThem() {
        Volume gray = volume(PixelType.UINT8, 32, 125, "gray.tif");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrainingWarnings.of(IMAGE, gray, false, NormalizationSpec.typeMax()));
        assertTrue(e.getMessage().contains("gray.tif are not binary"), e::getMessage);
    }
}
