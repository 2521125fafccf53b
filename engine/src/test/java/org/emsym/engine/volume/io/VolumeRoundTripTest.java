package org.emsym.engine.volume.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.checksum.ChecksumUtils;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VolumeRoundTripTest {

    private static final VolumeShape SHAPE = new VolumeShape(6, 9, 13);
    private static final VoxelSize SSTEM = VoxelSize.nm(50, 4, 4);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void tiffStackRoundTripsValuesTypeAndVoxelSize(PixelType type) throws Exception {
        ArrayVolume original = TestVolumes.pattern(SHAPE, type, SSTEM);
        Path file = dir.resolve("stack.tif");
        VolumeWriters.write(original, file, null);

        Volume read = VolumeReaders.open(file, null);
        assertRoundTrip(original, read);
        assertVoxelSize(SSTEM, read.voxelSize());
        assertOnlyTarget(file);
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void hdf5RoundTripsValuesTypeAndVoxelSizeInNestedGroup(PixelType type) throws Exception {
        ArrayVolume original = TestVolumes.pattern(SHAPE, type, SSTEM);
        Path file = dir.resolve("volume.h5");
        VolumeWriters.write(original, file, "/volumes/raw");

        Volume read = VolumeReaders.open(file, "/volumes/raw");
        assertRoundTrip(original, read);
        assertVoxelSize(SSTEM, read.voxelSize());
        assertOnlyTarget(file);
    }

    @ParameterizedTest
    @EnumSource(value = PixelType.class, names = {"UINT8", "UINT16"})
    void pngFolderRoundTripsValuesAndType(PixelType type) throws Exception {
        ArrayVolume original = TestVolumes.pattern(SHAPE, type, SSTEM);
        Path folder = dir.resolve("sections");
        VolumeWriters.write(original, folder, null);

        assertEquals(SHAPE.depth(), SectionFolderVolume.sectionFiles(folder).size());
        Volume read = VolumeReaders.open(folder, null);
        assertRoundTrip(original, read);
        assertEquals(VoxelSize.UNKNOWN, read.voxelSize(), "PNG sections carry no voxel size");
        assertOnlyTarget(folder);
    }

    @Test
    void unsignedHdf5DatasetsReadAsUintTypesWithTheirFullRange() throws Exception {
        // jhdf writes signed integers only; clearing the "signed" bit of the stored datatype message gives
        // genuine uint8/uint16 datasets as h5py or Fiji write them (no pixel_type attribute)
        Path file = dir.resolve("unsigned.h5");
        try (io.jhdf.WritableHdfFile hdf = io.jhdf.HdfFile.write(file)) {
            hdf.putDataset("u8", new byte[][][] {{{(byte) 200, 1}, {(byte) 255, 0}}});
            hdf.putDataset("u16", new short[][][] {{{(short) 60000, 2}}, {{(short) 65535, 3}}});
        }
        byte[] bytes = Files.readAllBytes(file);
        clearSignedBit(bytes, 1);
        clearSignedBit(bytes, 2);
        Files.write(file, bytes);

        Volume u8 = VolumeReaders.open(file, "/u8");
        assertEquals(PixelType.UINT8, u8.pixelType());
        assertArrayEquals(new float[] {200, 1, 255, 0}, u8.readSection(0));
        Volume u16 = VolumeReaders.open(file, "/u16");
        assertEquals(PixelType.UINT16, u16.pixelType());
        assertEquals(new VolumeShape(2, 1, 2), u16.shape());
        assertArrayEquals(new float[] {65535, 3}, u16.readSlab(1, 2)[0]);
    }

    /**
     * Finds the fixed-point datatype message of the given byte size (version 1, signed, little-endian), clears
     * its signed bit and re-computes the checksum of the enclosing version-2 object header.
     */
    private static void clearSignedBit(byte[] file, int size) {
        byte[] pattern = {0x10, 0x08, 0, 0, (byte) size, 0, 0, 0, 0, 0, (byte) (8 * size), 0};
        int found = indexOf(file, pattern, 0);
        assertTrue(found >= 0, "datatype message of size " + size + " found");
        int header = -1;
        byte[] signature = "OHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = indexOf(file, signature, 0); i >= 0 && i < found; i = indexOf(file, signature, i + 1)) {
            header = i;
        }
        assertTrue(header >= 0, "object header found");
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int checksumAt = -1;
        for (int end = found + pattern.length; end + 4 <= file.length && checksumAt < 0; end++) {
            if (ChecksumUtils.checksum(Arrays.copyOfRange(file, header, end)) == buffer.getInt(end)) {
                checksumAt = end;
            }
        }
        assertTrue(checksumAt > 0, "object header checksum found");
        file[found + 1] = 0;
        buffer.putInt(checksumAt, ChecksumUtils.checksum(Arrays.copyOfRange(file, header, checksumAt)));
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void hdf5ElementSizeInMicrometresAsIlastikWritesItIsReadInNanometres() throws Exception {
        Path file = dir.resolve("ilastik.h5");
        try (io.jhdf.WritableHdfFile hdf = io.jhdf.HdfFile.write(file)) {
            io.jhdf.api.WritableDataset data = hdf.putDataset("data", new float[][][] {{{1.5f, -2f}}});
            data.putAttribute("element_size_um", new double[] {0.05, 0.004, 0.006});
        }
        Volume v = VolumeReaders.open(file, "data");
        assertEquals(PixelType.FLOAT32, v.pixelType());
        assertArrayEquals(new float[] {1.5f, -2f}, v.readSection(0));
        assertVoxelSize(VoxelSize.nm(50, 4, 6), v.voxelSize());
    }

    @Test
    void unknownVoxelSizeStaysUnknown() throws Exception {
        ArrayVolume original = TestVolumes.pattern(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN);
        Path tif = dir.resolve("plain.tiff");
        Path h5 = dir.resolve("plain.hdf5");
        VolumeWriters.write(original, tif, null);
        VolumeWriters.write(original, h5, "raw");
        assertEquals(VoxelSize.UNKNOWN, VolumeReaders.open(tif, null).voxelSize());
        assertEquals(VoxelSize.UNKNOWN, VolumeReaders.open(h5, "/raw").voxelSize());
    }

    @Test
    void writerRoundsAndClampsIntoIntegerRange() throws Exception {
        VolumeShape shape = new VolumeShape(1, 1, 4);
        Volume v = new ArrayVolume(shape, PixelType.UINT8, new float[][] {{-7f, 3.4f, 3.6f, 300f}});
        Path file = dir.resolve("clamped.tif");
        VolumeWriters.write(v, file, null);
        assertArrayEquals(new float[] {0, 3, 4, 255}, VolumeReaders.open(file, null).readSection(0));
    }

    @Test
    void writingReplacesAnExistingFileAtomically() throws Exception {
        Path file = dir.resolve("stack.tif");
        VolumeWriters.write(TestVolumes.pattern(SHAPE, PixelType.UINT8, SSTEM), file, null);
        ArrayVolume second = TestVolumes.pattern(new VolumeShape(2, 3, 4), PixelType.UINT16, SSTEM);
        VolumeWriters.write(second, file, null);
        assertRoundTrip(second, VolumeReaders.open(file, null));
        assertOnlyTarget(file);
    }

    @Test
    void sectionFolderReadsEachSectionOnDemand() throws Exception {
        Path folder = dir.resolve("lazy");
        VolumeWriters.write(TestVolumes.pattern(SHAPE, PixelType.UINT8, SSTEM), folder, null);
        Volume opened = VolumeReaders.open(folder, null);

        // replace section 3 after opening: a lazy reader sees the new pixels, an eager one would not
        Path third = SectionFolderVolume.sectionFiles(folder).get(3);
        float[][] constant = {new float[SHAPE.sectionSize()]};
        java.util.Arrays.fill(constant[0], 77f);
        Path replacement = dir.resolve("one");
        VolumeWriters.write(new ArrayVolume(new VolumeShape(1, SHAPE.height(), SHAPE.width()), PixelType.UINT8,
                constant), replacement, null);
        Files.move(SectionFolderVolume.sectionFiles(replacement).get(0), third,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertArrayEquals(constant[0], opened.readSection(3));
        assertEquals(TestVolumes.value(PixelType.UINT8, 2, 1, 1), opened.readSection(2)[SHAPE.width() + 1]);
    }

    /** Same shape and type, every section equal, and slabs from the middle of the stack read alone. */
    static void assertRoundTrip(ArrayVolume expected, Volume actual) {
        assertEquals(expected.shape(), actual.shape());
        assertEquals(expected.pixelType(), actual.pixelType());
        int depth = expected.shape().depth();
        for (int z = 0; z < depth; z++) {
            assertArrayEquals(expected.section(z), actual.readSection(z), "section " + z);
        }
        if (depth >= 4) {
            float[][] middle = actual.readSlab(2, 4);
            assertEquals(2, middle.length);
            assertArrayEquals(expected.section(2), middle[0], "slab section 2");
            assertArrayEquals(expected.section(3), middle[1], "slab section 3");
        }
    }

    static void assertVoxelSize(VoxelSize expected, VoxelSize actual) {
        assertEquals(expected.unit(), actual.unit());
        assertEquals(expected.z(), actual.z(), 1e-9 * expected.z());
        assertEquals(expected.y(), actual.y(), 1e-9 * expected.y());
        assertEquals(expected.x(), actual.x(), 1e-9 * expected.x());
    }

    /** The target exists and no temporary is left beside it. */
    private void assertOnlyTarget(Path target) throws Exception {
        assertTrue(Files.exists(target), target + " written");
        try (Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.startsWith(".")), "no temporary left: " + names);
        }
    }
}
