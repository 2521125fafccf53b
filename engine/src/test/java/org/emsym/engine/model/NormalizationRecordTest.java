package org.emsym.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.junit.jupiter.api.Test;

/** The input rule a bundle records is the one every consumer applies; old bundles map to what they were trained with. */
class NormalizationRecordTest {

    @Test
    void everySpecRoundTripsThroughTheRecord() {
        for (NormalizationSpec spec : new NormalizationSpec[] {NormalizationSpec.typeMax(), NormalizationSpec.minMax(),
            NormalizationSpec.meanStd(), NormalizationSpec.percentile(2, 98)}) {
            assertEquals(spec, ModelMetadata.Normalization.of(spec).spec());
        }
    }

    @Test
    void legacyRecordsAndMissingRecordsMeanDivisionByTheTypeMaximum() {
        assertEquals(NormalizationSpec.typeMax(),
                new ModelMetadata.Normalization("divide-by-type-max", Map.of("typeMax", 255.0)).spec());
        assertEquals(NormalizationSpec.typeMax(), new ModelMetadata.Normalization("NONE", Map.of()).spec());
        ModelMetadata bare = new ModelMetadata(ModelBundle.FORMAT_VERSION, "unet", "resnet18", 3, 1, 1, null, null,
                null, null, null, null, null, null);
        assertEquals(NormalizationSpec.typeMax(), bare.inputNormalization());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelMetadata.Normalization("zscore", Map.of()).spec());
        assertTrue(e.getMessage().contains("zscore"), e.getMessage());
    }

    @Test
    void typeMaxDividesIntegersByTheirMaximumAndLeavesFloatsAlone() {
        float[][] s = {{0, 51, 255}};
        ArrayVolume u8 = new ArrayVolume(new VolumeShape(1, 1, 3), PixelType.UINT8, VoxelSize.UNKNOWN, s, "u8");
        assertArrayEquals(new float[] {0, 0.2f, 1}, Normalizer.fit(u8, NormalizationSpec.typeMax())
                .sectionTransform().apply(u8.readSection(0)), 1e-7f);
        ArrayVolume f32 = new ArrayVolume(new VolumeShape(1, 1, 3), PixelType.FLOAT32, VoxelSize.UNKNOWN, s, "f32");
        assertArrayEquals(s[0], Normalizer.fit(f32, NormalizationSpec.typeMax()).sectionTransform()
                .apply(f32.readSection(0)), 0f);
        assertEquals(NormalizationSpec.typeMax(), NormalizationSpec.forNetwork(NormalizationSpec.none()));
        assertEquals(NormalizationSpec.minMax(), NormalizationSpec.forNetwork(NormalizationSpec.minMax()));
    }
}
