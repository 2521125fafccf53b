package org.emsym.engine.volume.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.emsym.engine.progress.CanceledException;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.ForwardingVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.Volumes;
import org.emsym.engine.volume.VoxelSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input fails with a message that names the file (and what is wrong), and nothing is written. */
class VolumeBadInputTest {

    private static final VolumeShape SHAPE = new VolumeShape(5, 32, 40);

    @TempDir
    Path dir;

    @Test
    void truncatedTiffFailsAtOpenNamingTheFile() throws Exception {
        Path file = dir.resolve("truncated.tif");
        VolumeWriters.write(TestVolumes.pattern(SHAPE, PixelType.UINT16, VoxelSize.UNKNOWN), file, null);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() * 6 / 10);
        }
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(file, null));
        assertMessageNames(e, file, "truncated");
    }

    @Test
    void corruptTiffFailsNamingTheFile() throws Exception {
        Path file = dir.resolve("corrupt.tif");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Files.write(file, noise);
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(file, null));
        assertMessageNames(e, file, "corrupt");
    }

    @Test
    void tiffWithGarbageAfterValidHeaderFailsNamingTheFile() throws Exception {
        Path file = dir.resolve("garbage.tif");
        byte[] bytes = new byte[512];
        new Random(3).nextBytes(bytes);
        bytes[0] = 'I';
        bytes[1] = 'I';
        bytes[2] = 42;
        bytes[3] = 0;
        bytes[4] = 8; // first IFD at byte 8, followed by noise
        bytes[5] = 0;
        bytes[6] = 0;
        bytes[7] = 0;
        Files.write(file, bytes);
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(file, null));
        assertMessageNames(e, file, "");
    }

    @Test
    void sectionsOfDifferentSizesNameBothFilesAndBothSizes() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("mixed"));
        writeGray(folder.resolve("1.png"), 40, 32);
        writeGray(folder.resolve("2.png"), 40, 32);
        writeGray(folder.resolve("10.png"), 41, 30);
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(folder, null));
        assertMessageNames(e, folder.resolve("10.png"), "41x30");
        assertTrue(e.getMessage().contains(folder.resolve("1.png").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("40x32"), e.getMessage());
    }

    @Test
    void tiffPagesOfDifferentSizesNameThePageAndBothSizes() throws Exception {
        Path file = dir.resolve("ragged.tif");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new javax.imageio.IIOImage(
                    new BufferedImage(40, 32, BufferedImage.TYPE_BYTE_GRAY), null, null), null);
            writer.writeToSequence(new javax.imageio.IIOImage(
                    new BufferedImage(40, 31, BufferedImage.TYPE_BYTE_GRAY), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(file, null));
        assertMessageNames(e, file, "page 1");
        assertTrue(e.getMessage().contains("40x31") && e.getMessage().contains("40x32"), e.getMessage());
    }

    @Test
    void rgbSectionIsRejectedWhereGrayscaleIsExpected() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("colour"));
        writeGray(folder.resolve("0.png"), 16, 16);
        Path rgb = folder.resolve("1.png");
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", rgb.toFile());
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(folder, null));
        assertMessageNames(e, rgb, "RGB");
    }

    @Test
    void rgbTiffIsRejectedWhereGrayscaleIsExpected() throws Exception {
        Path rgb = dir.resolve("colour.tif");
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR), "tiff", rgb.toFile());
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(rgb, null));
        assertMessageNames(e, rgb, "grayscale");
    }

    @Test
    void multiPageTiffInsideASectionFolderIsRejected() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("stacked"));
        writeGray(folder.resolve("0.png"), 40, 32);
        Path stack = folder.resolve("1.tif");
        VolumeWriters.write(TestVolumes.pattern(new VolumeShape(2, 32, 40), PixelType.UINT8, VoxelSize.UNKNOWN),
                stack, null);
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(folder, null));
        assertMessageNames(e, stack, "2 pages");
    }

    @Test
    void emptyFolderFailsNamingTheFolder() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(folder.resolve("notes.txt"), "not a section");
        writeGray(folder.resolve(".hidden.png"), 8, 8);
        VolumeFormatException e = assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(folder, null));
        assertMessageNames(e, folder, "no .png/.tif/.tiff sections");
    }

    @Test
    void hdf5DatasetPathMissingNotFoundOrAGroupNamesFileAndDatasets() throws Exception {
        Path file = dir.resolve("data.h5");
        VolumeWriters.write(TestVolumes.pattern(SHAPE, PixelType.FLOAT32, VoxelSize.UNKNOWN), file, "/em/raw");

        // without a dataset path, the file's only dataset is read (issue 16); with two, both are named
        assertEquals(SHAPE, VolumeReaders.open(file, null).shape());
        Path two = dir.resolve("two.h5");
        try (WritableHdfFile hdf = HdfFile.write(two)) {
            hdf.putDataset("a", new float[][][] {{{1}}});
            hdf.putDataset("b", new float[][][] {{{2}}});
        }
        VolumeFormatException missing = assertThrows(VolumeFormatException.class,
                () -> VolumeReaders.open(two, null));
        assertMessageNames(missing, two, "/a");
        assertMessageNames(missing, two, "/b");
        VolumeFormatException notFound = assertThrows(VolumeFormatException.class,
                () -> VolumeReaders.open(file, "/em/labels"));
        assertMessageNames(notFound, file, "/em/labels");
        VolumeFormatException group = assertThrows(VolumeFormatException.class,
                () -> VolumeReaders.open(file, "/em"));
        assertMessageNames(group, file, "group");
    }

    @Test
    void hdf5DatasetOfWrongRankNamesFileDatasetAndShape() throws Exception {
        Path file = dir.resolve("flat.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("image2d", new float[][] {{1, 2, 3}, {4, 5, 6}});
        }
        VolumeFormatException e = assertThrows(VolumeFormatException.class,
                () -> VolumeReaders.open(file, "/image2d"));
        assertMessageNames(e, file, "[2, 3]");
        assertTrue(e.getMessage().contains("rank 2"), e.getMessage());
    }

    @Test
    void unknownExtensionAndMissingFileAreNamed() {
        Path odd = dir.resolve("volume.xyz");
        assertMessageNames(assertThrows(VolumeFormatException.class, () -> VolumeFormat.detect(odd)), odd, ".xyz");
        Path absent = dir.resolve("absent.tif");
        assertMessageNames(assertThrows(VolumeFormatException.class, () -> VolumeReaders.open(absent, null)),
                absent, "does not exist");
    }

    @Test
    void labelsOfAnotherShapeNameBothSourcesAndShapes() {
        Volume image = new ArrayVolume(new VolumeShape(3, 4, 5), PixelType.UINT8, VoxelSize.UNKNOWN,
                new float[3][20], "image.tif");
        Volume labels = new ArrayVolume(new VolumeShape(3, 4, 6), PixelType.UINT8, VoxelSize.UNKNOWN,
                new float[3][24], "labels.tif");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Volumes.requireSameShape(image, labels));
        for (String part : List.of("image.tif", "labels.tif", image.shape().toString(), labels.shape().toString())) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should name " + part);
        }
        Volumes.requireSameShape(image, ArrayVolume.copyOf(image));
    }

    @Test
    void failedWriteLeavesNothingAtTargetInEveryFormat() throws Exception {
        Volume failing = new FailingVolume(TestVolumes.pattern(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN), 3);
        for (Path target : List.of(dir.resolve("out.tif"), dir.resolve("out.h5"), dir.resolve("out"))) {
            assertThrows(IOException.class, () -> VolumeWriters.write(failing, target, "/raw"));
            assertFalse(Files.exists(target), target + " must not exist after a failed write");
        }
        assertDirectoryEmpty();
    }

    @Test
    void writeFailingAfterSomePagesWereWrittenLeavesNothing() throws Exception {
        // 4096 x 4096 sections are streamed one per slab, so pages 0 and 1 reach the temporary file first
        VolumeShape large = new VolumeShape(3, 4096, 4096);
        assertEquals(1, Volumes.slabDepth(large));
        Volume failing = new FailingVolume(ArrayVolume.zeros(large, PixelType.UINT8), 2);
        Path target = dir.resolve("large.tif");
        IOException e = assertThrows(IOException.class, () -> VolumeWriters.write(failing, target, null));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertFalse(Files.exists(target));
        assertDirectoryEmpty();
    }

    @Test
    void cancelledWriteReportsProgressAndLeavesNothing() throws Exception {
        VolumeShape large = new VolumeShape(4, 4096, 4096); // one section per slab
        java.util.List<Double> fractions = new java.util.ArrayList<>();
        Cancellation cancelAfterTwo = () -> fractions.size() >= 2;
        Path target = dir.resolve("cancelled.tif");
        assertThrows(CanceledException.class, () -> VolumeWriters.write(ArrayVolume.zeros(large, PixelType.UINT8),
                target, null, (fraction, message) -> fractions.add(fraction), cancelAfterTwo));
        assertEquals(List.of(0.25, 0.5), fractions);
        assertFalse(Files.exists(target));
        assertDirectoryEmpty();

        fractions.clear();
        Path small = dir.resolve("small.h5");
        VolumeWriters.write(TestVolumes.pattern(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN), small, "/raw",
                (fraction, message) -> fractions.add(fraction), Cancellation.NEVER);
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }

    @Test
    void failedWriteKeepsThePreviousFileIntact() throws Exception {
        Path target = dir.resolve("keep.tif");
        ArrayVolume good = TestVolumes.pattern(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN);
        VolumeWriters.write(good, target, null);
        byte[] before = Files.readAllBytes(target);
        assertThrows(IOException.class, () -> VolumeWriters.write(new FailingVolume(good, 2), target, null));
        assertArrayEquals(before, Files.readAllBytes(target));
    }

    @Test
    void refusedWritesNameTheTargetAndWriteNothing() throws Exception {
        Path png = dir.resolve("floats");
        VolumeFormatException floats = assertThrows(VolumeFormatException.class, () -> VolumeWriters.write(
                TestVolumes.pattern(SHAPE, PixelType.FLOAT32, VoxelSize.UNKNOWN), png, null));
        assertMessageNames(floats, png, "FLOAT32");
        Path h5 = dir.resolve("nodataset.h5");
        VolumeFormatException noDataset = assertThrows(VolumeFormatException.class, () -> VolumeWriters.write(
                TestVolumes.pattern(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN), h5, " "));
        assertMessageNames(noDataset, h5, "dataset path");
        assertDirectoryEmpty();

        Path occupied = Files.createDirectory(dir.resolve("occupied"));
        Files.writeString(occupied.resolve("keep.txt"), "user data");
        VolumeFormatException notEmpty = assertThrows(VolumeFormatException.class, () -> VolumeWriters.write(
                TestVolumes.pattern(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN), occupied, null));
        assertMessageNames(notEmpty, occupied, "not empty");
        assertEquals(List.of("keep.txt"), list(occupied));
    }

    private static void assertMessageNames(Exception e, Path file, String detail) {
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage() + " should name " + file);
        assertTrue(e.getMessage().contains(detail), e.getMessage() + " should mention " + detail);
    }

    private void assertDirectoryEmpty() throws IOException {
        assertEquals(List.of(), list(dir), "nothing, not even a temporary, is left");
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void writeGray(Path file, int width, int height) throws IOException {
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
    }

    /** Delegates to a volume but fails when section {@code failAt} is read, as a broken disk would. */
    private static final class FailingVolume extends ForwardingVolume {
        private final int failAt;

        FailingVolume(Volume delegate, int failAt) {
            super(delegate);
            this.failAt = failAt;
        }

        @Override
        public float[][] readSlab(int z0, int z1) {
            if (z0 <= failAt && failAt < z1) {
                throw Volume.readFailure("failing volume", failAt, new IOException("simulated read error"));
            }
            return delegate().readSlab(z0, z1);
        }
    }
}
