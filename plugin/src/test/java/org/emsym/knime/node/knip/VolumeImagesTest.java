package org.emsym.knime.node.knip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.knime.testing.TestVolumes;
import org.junit.jupiter.api.Test;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.AxisType;
import net.imagej.axis.CalibratedAxis;
import net.imagej.axis.DefaultLinearAxis;
import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/** Axis order and calibration of the KNIP image conversions ({@link VolumeImages}, {@link SpatialAxes}). */
class VolumeImagesTest {

    private static final ProgressSink NO_PROGRESS = (fraction, message) -> {
    };

    private static final Cancellation NEVER = () -> false;

    private static ArrayVolume read(ImgPlus<FloatType> image) {
        return VolumeImages.toVolume(image, "test image", NO_PROGRESS, NEVER);
    }

    /** A float image whose voxel at (x, y, z) holds 10000 z + 100 y + x, with dimensions in the given order. */
    private static Img<FloatType> coded(int width, int height, int depth, char... order) {
        long[] dims = new long[order.length];
        for (int d = 0; d < order.length; d++) {
            dims[d] = switch (order[d]) {
                case 'x' -> width;
                case 'y' -> height;
                case 'z' -> depth;
                default -> 1;
            };
        }
        Img<FloatType> img = ArrayImgs.floats(dims);
        Cursor<FloatType> c = img.localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            long x = 0;
            long y = 0;
            long z = 0;
            for (int d = 0; d < order.length; d++) {
                switch (order[d]) {
                    case 'x' -> x = c.getLongPosition(d);
                    case 'y' -> y = c.getLongPosition(d);
                    case 'z' -> z = c.getLongPosition(d);
                    default -> { }
                }
            }
            c.get().setReal(10000 * z + 100 * y + x);
        }
        return img;
    }

    private static void assertCoded(ArrayVolume v, int width, int height, int depth) {
        assertEquals(new VolumeShape(depth, height, width), v.shape());
        for (int z = 0; z < depth; z++) {
            float[] section = v.readSection(z);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    assertEquals(10000 * z + 100 * y + x, section[y * width + x], "voxel (z, y, x) = (" + z + ", "
                            + y + ", " + x + ")");
                }
            }
        }
    }

    private static CalibratedAxis nm(AxisType type, double scale) {
        return new DefaultLinearAxis(type, "nm", scale);
    }

    @Test
    void roundTripKeepsValuesShapeAndAnisotropicVoxelSize() {
        VoxelSize size = VoxelSize.nm(40, 4, 4);
        ArrayVolume in = TestVolumes.ramp(new VolumeShape(3, 7, 5), PixelType.FLOAT32, size);
        ImgPlus<FloatType> image = floatImage(VolumeImages.toImgPlus(in, NO_PROGRESS, NEVER));
        assertSame(Axes.X, image.axis(0).type());
        assertSame(Axes.Y, image.axis(1).type());
        assertSame(Axes.Z, image.axis(2).type());
        assertEquals(4, image.axis(0).averageScale(0, 1), 1e-12);
        assertEquals(40, image.axis(2).averageScale(0, 1), 1e-12);
        assertEquals("nm", image.axis(2).unit());

        ArrayVolume out = read(image);
        assertEquals(in.shape(), out.shape());
        assertEquals(size, out.voxelSize());
        for (int z = 0; z < in.shape().depth(); z++) {
            assertArrayEquals(in.readSection(z), out.readSection(z), 0f, "section " + z);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ImgPlus<FloatType> floatImage(ImgPlus<?> image) {
        return (ImgPlus) image;
    }

    @Test
    void unknownVoxelSizeGivesUncalibratedAxesAndBack() {
        ArrayVolume in = TestVolumes.ramp(new VolumeShape(2, 3, 4), PixelType.FLOAT32, VoxelSize.UNKNOWN);
        ImgPlus<FloatType> image = floatImage(VolumeImages.toImgPlus(in, NO_PROGRESS, NEVER));
        for (int d = 0; d < 3; d++) {
            assertNull(image.axis(d).unit(), "axis " + d);
            assertEquals(1, image.axis(d).averageScale(0, 1), 0, "axis " + d);
        }
        assertEquals(VoxelSize.UNKNOWN, read(image).voxelSize());
    }

    @Test
    void zyxImageIsReadByItsAxisLabels() {
        Img<FloatType> img = coded(5, 6, 4, 'z', 'y', 'x');
        ArrayVolume v = read(new ImgPlus<>(img, "zyx", nm(Axes.Z, 40), nm(Axes.Y, 4), nm(Axes.X, 3)));
        assertCoded(v, 5, 6, 4);
        assertEquals(VoxelSize.nm(40, 4, 3), v.voxelSize());
    }

    @Test
    void singleChannelAndTimeAxesAreDroppedWhateverTheirPlace() {
        Img<FloatType> img = coded(5, 6, 1, 'c', 'y', 'x', 't');
        ArrayVolume v = read(new ImgPlus<>(img, "cyxt", new DefaultLinearAxis(Axes.CHANNEL), nm(Axes.Y, 4),
                nm(Axes.X, 4), new DefaultLinearAxis(Axes.TIME)));
        assertCoded(v, 5, 6, 1);
        assertEquals(new VoxelSize(1, 4, 4, "nm"), v.voxelSize());
    }

    @Test
    void channelAxisOfSizeThreeFailsNamingIt() {
        Img<FloatType> img = ArrayImgs.floats(5, 6, 3);
        ImgPlus<FloatType> image = new ImgPlus<>(img, "rgb", nm(Axes.X, 4), nm(Axes.Y, 4),
                new DefaultLinearAxis(Axes.CHANNEL));
        String message = assertThrows(IllegalArgumentException.class, () -> read(image)).getMessage();
        assertTrue(message.contains("Channel axis has size 3"), message);
        assertTrue(message.contains("[X=5, Y=6, Channel=3]"), message);
        assertTrue(message.contains("test image"), message);
    }

    @Test
    void timeSeriesFailsNamingTheTimeAxis() {
        ImgPlus<FloatType> image = new ImgPlus<>(ArrayImgs.floats(5, 6, 2), "movie", nm(Axes.X, 4), nm(Axes.Y, 4),
                new DefaultLinearAxis(Axes.TIME));
        String message = assertThrows(IllegalArgumentException.class, () -> read(image)).getMessage();
        assertTrue(message.contains("Time axis has size 2"), message);
    }

    @Test
    void imageWithoutAxesKeepsDimensionsAsXyzAndUnknownVoxelSize() {
        // imagej-common's defaults without axes: X, Y, then an unknown type, all uncalibrated
        ImgPlus<FloatType> image = new ImgPlus<>(coded(5, 6, 4, 'x', 'y', 'z'), "plain");
        ArrayVolume v = read(image);
        assertCoded(v, 5, 6, 4);
        assertEquals(VoxelSize.UNKNOWN, v.voxelSize());

        ArrayVolume unlabelled = read(new ImgPlus<>(coded(5, 6, 4, 'x', 'y', 'z'), "unknown axes",
                new DefaultLinearAxis(Axes.unknown()), new DefaultLinearAxis(Axes.unknown()),
                new DefaultLinearAxis(Axes.unknown())));
        assertCoded(unlabelled, 5, 6, 4);

        ArrayVolume section = read(new ImgPlus<>(coded(5, 6, 1, 'x', 'y'), "2-D"));
        assertCoded(section, 5, 6, 1);
        assertEquals(VoxelSize.UNKNOWN, section.voxelSize());
    }

    @Test
    void unlabelledAxisFillsThePlaceTheLabelledOnesLeave() {
        ArrayVolume v = read(new ImgPlus<>(coded(5, 6, 4, 'z', 'x', 'y'), "z first", new DefaultLinearAxis(
                Axes.unknown()), new DefaultLinearAxis(Axes.X), new DefaultLinearAxis(Axes.Y)));
        assertCoded(v, 5, 6, 4);
    }

    @Test
    void micrometresAndNanometresAreBroughtToNanometres() {
        ArrayVolume v = read(new ImgPlus<>(coded(5, 6, 4, 'x', 'y', 'z'), "mixed", nm(Axes.X, 4),
                nm(Axes.Y, 4), new DefaultLinearAxis(Axes.Z, "\u00b5m", 0.05)));
        assertEquals(VoxelSize.nm(50, 4, 4), v.voxelSize());

        ArrayVolume um = read(new ImgPlus<>(coded(5, 6, 4, 'x', 'y', 'z'), "um",
                new DefaultLinearAxis(Axes.X, "micron", 0.5), new DefaultLinearAxis(Axes.Y, "micron", 0.5),
                new DefaultLinearAxis(Axes.Z, "micron", 2)));
        assertEquals(new VoxelSize(2, 0.5, 0.5, "um"), um.voxelSize());
    }

    @Test
    void unitsThatDoNotConvertFailNamingTheAxes() {
        ImgPlus<FloatType> image = new ImgPlus<>(ArrayImgs.floats(5, 6, 4), "half calibrated", nm(Axes.X, 4),
                nm(Axes.Y, 4), new DefaultLinearAxis(Axes.Z));
        String message = assertThrows(IllegalArgumentException.class, () -> read(image)).getMessage();
        assertTrue(message.contains("[X: nm, Y: nm, Z: px]"), message);
    }

    @Test
    void repeatedOrSurplusSpatialAxesFail() {
        ImgPlus<FloatType> twice = new ImgPlus<>(ArrayImgs.floats(5, 6, 4), "xxz", nm(Axes.X, 4), nm(Axes.X, 4),
                nm(Axes.Z, 4));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read(twice)).getMessage()
                .contains("axis X appears twice"));
        ImgPlus<FloatType> fourD = new ImgPlus<>(ArrayImgs.floats(5, 6, 4, 2), "4-D");
        String message = assertThrows(IllegalArgumentException.class, () -> read(fourD)).getMessage();
        assertTrue(message.contains("more than three spatial axes"), message);
    }
}
