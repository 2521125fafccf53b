package org.emsym.knime.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.TestVolumes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.knime.core.node.port.PortObject;

class VolumePortObjectTest {

    private static final VolumeShape SHAPE = new VolumeShape(3, 5, 4);

    @TempDir
    Path dir;

    private static VolumePortObjectSpec spec(ArrayVolume v) {
        return new VolumePortObjectSpec(v.shape(), v.pixelType(), v.voxelSize(), NormalizationSpec.percentile(),
                List.of("test: " + v.source()));
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void saveAndLoadThroughRegisteredSerializersKeepsSpecAndVoxels(PixelType type) throws Exception {
        ArrayVolume volume = TestVolumes.ramp(SHAPE, type, VoxelSize.nm(50, 4, 4));
        VolumePortObject original = new VolumePortObject(spec(volume), volume);

        PortObject loaded = NodeTestHarness.saveAndLoad(original, dir);

        VolumePortObject back = assertInstanceOf(VolumePortObject.class, loaded);
        assertEquals(original.getSpec(), back.getSpec());
        assertEquals(NormalizationSpec.percentile(), back.getSpec().getNormalization());
        assertEquals(VoxelSize.nm(50, 4, 4), back.getSpec().getVoxelSize());
        assertInstanceOf(RawVolume.class, back.getVolume(), "loaded voxels stay on disk");
        for (int z = 0; z < SHAPE.depth(); z++) {
            assertArrayEquals(volume.readSection(z), back.getVolume().readSection(z), 0f, "section " + z);
        }
        // a slab from the middle reads the right sections
        assertArrayEquals(volume.readSection(2), back.getVolume().readSlab(1, 3)[1], 0f);
        // the object's zip holds the raw voxels in the pixel type's width
        assertTrue(Files.size(dir.resolve("portobject.zip")) > 0);
    }

    @Test
    void specsCompareByContent() {
        ArrayVolume volume = TestVolumes.ramp(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN);
        VolumePortObjectSpec a = spec(volume);
        VolumePortObjectSpec b = spec(volume);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.withStep("another step"));
        assertEquals(2, a.withStep("another step").getProvenance().size());
    }

    @Test
    void integerTypesAreRoundedAndClampedOnStorage() throws Exception {
        float[][] values = {{-3f, 0.4f, 0.6f, 254.5f, 300f, Float.NaN}};
        ArrayVolume v = new ArrayVolume(new VolumeShape(1, 1, 6), PixelType.UINT8, values);
        RawVolume stored = RawVolumeStore.copyOf(v, ProgressSink.NONE, Cancellation.NEVER);
        assertArrayEquals(new float[] {0, 0, 1, 255, 255, 0}, stored.readSection(0), 0f);
        assertEquals(6, Files.size(stored.file()), "one byte per uint8 voxel");
    }

    @Test
    void truncatedStoredDataIsRejectedAndLeavesNoFile() {
        byte[] tooShort = new byte[SHAPE.sectionSize()]; // one section of three
        IOException e = assertThrows(IOException.class, () -> RawVolumeStore.read(new ByteArrayInputStream(tooShort),
                SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN, "stored test volume"));
        assertTrue(e.getMessage().contains("stored test volume"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(SHAPE.voxelCount())), e.getMessage());
    }

    @Test
    void volumeMustMatchItsSpec() {
        ArrayVolume volume = TestVolumes.ramp(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN);
        ArrayVolume other = TestVolumes.ramp(new VolumeShape(2, 5, 4), PixelType.UINT8, VoxelSize.UNKNOWN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new VolumePortObject(spec(volume), other));
        assertTrue(e.getMessage().contains("(z=2, y=5, x=4)"), e.getMessage());
    }

    @Test
    void canceledCopyLeavesNoFile() throws IOException {
        ArrayVolume volume = TestVolumes.ramp(SHAPE, PixelType.FLOAT32, VoxelSize.UNKNOWN);
        long before = countRawFiles();
        assertThrows(org.emsym.engine.progress.CanceledException.class,
                () -> RawVolumeStore.copyOf(volume, ProgressSink.NONE, () -> true));
        assertEquals(before, countRawFiles());
    }

    static long countRawFiles() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("emsym-volume-")).count();
        }
    }
}
