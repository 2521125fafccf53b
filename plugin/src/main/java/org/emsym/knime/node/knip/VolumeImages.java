package org.emsym.knime.node.knip;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

import net.imagej.ImgPlus;
import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

/**
 * Converts between Volumes and KNIME Image Processing images. A Volume becomes an image with axes X, Y, Z (in that
 * order, as KNIP uses them) calibrated with its voxel size; an image becomes a Volume by {@link SpatialAxes}' rules
 * (labelled axes in any order, unlabelled ones as x, y, z). uint8 and uint16 volumes become
 * {@link UnsignedByteType} / {@link UnsignedShortType} images and back; everything else becomes float32. Both
 * directions copy section by section and hold the whole image in memory.
 */
final class VolumeImages {

    private VolumeImages() {
    }

    /** The volume as an (X, Y, Z) image of the matching pixel type, named by its source. */
    static ImgPlus<? extends RealType<?>> toImgPlus(Volume volume, ProgressSink progress, Cancellation cancel) {
        return new ImgPlus<>(toImg(volume, progress, cancel), volume.source(),
                SpatialAxes.calibratedXyz(volume.voxelSize()));
    }

    private static Img<? extends RealType<?>> toImg(Volume volume, ProgressSink progress, Cancellation cancel) {
        VolumeShape s = volume.shape();
        if ((long) s.depth() * s.height() * s.width() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("volume " + volume.source() + " " + s
                    + " has more voxels than one in-memory image can hold (2^31 - 1)");
        }
        Img<? extends RealType<?>> img = switch (volume.pixelType()) {
            case UINT8 -> ArrayImgs.unsignedBytes(s.width(), s.height(), s.depth());
            case UINT16 -> ArrayImgs.unsignedShorts(s.width(), s.height(), s.depth());
            default -> ArrayImgs.floats(s.width(), s.height(), s.depth());
        };
        // an array image iterates x fastest, then y, then z: the volume's row-major section order
        Cursor<? extends RealType<?>> cursor = img.cursor();
        for (int z = 0; z < s.depth(); z++) {
            cancel.check();
            for (float v : volume.readSection(z)) {
                cursor.next().setReal(v);
            }
            progress.report((z + 1) / (double) s.depth(), "Section " + (z + 1) + " of " + s.depth());
        }
        return img;
    }

    /**
     * The image as a volume with the voxel size of its calibration; a 2-D image becomes one section.
     *
     * @throws IllegalArgumentException naming the axes when they do not map onto x, y, z (see
     *             {@link SpatialAxes#of}) or the calibration gives no voxel size
     */
    static ArrayVolume toVolume(ImgPlus<? extends RealType<?>> image, String source, ProgressSink progress,
            Cancellation cancel) {
        SpatialAxes axes = SpatialAxes.of(image, source);
        VoxelSize voxelSize = axes.voxelSize(image, source);
        RandomAccessibleInterval<? extends RealType<?>> xyz = xyzView(image.getImg(), axes);
        long plane = xyz.dimension(0) * xyz.dimension(1);
        if (plane > Integer.MAX_VALUE || xyz.dimension(2) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image " + source + " with axes " + SpatialAxes.describe(image)
                    + " has sections of " + plane + " pixels or " + xyz.dimension(2) + " sections, too many");
        }
        int depth = (int) xyz.dimension(2);
        Object type = image.getImg().firstElement();
        PixelType pixelType = type instanceof UnsignedByteType ? PixelType.UINT8
                : type instanceof UnsignedShortType ? PixelType.UINT16 : PixelType.FLOAT32;
        float[][] sections = new float[depth][(int) plane];
        // flat iteration visits x fastest, then y, then z, whatever the image's storage
        Cursor<? extends RealType<?>> cursor = Views.flatIterable(xyz).cursor();
        for (int z = 0; z < depth; z++) {
            cancel.check();
            float[] section = sections[z];
            for (int i = 0; i < section.length; i++) {
                section[i] = cursor.next().getRealFloat();
            }
            progress.report((z + 1) / (double) depth, "Section " + (z + 1) + " of " + depth);
        }
        return new ArrayVolume(new VolumeShape(depth, (int) xyz.dimension(1), (int) xyz.dimension(0)), pixelType,
                voxelSize, sections, source);
    }

    /**
     * A 3-D view of the image with dimensions (x, y, z): dimensions outside x, y, z (all of size 1) sliced away,
     * places no dimension fills added with extent 1, the rest permuted into order.
     */
    private static <T> RandomAccessibleInterval<T> xyzView(RandomAccessibleInterval<T> image, SpatialAxes axes) {
        int[] dimensionOf = {axes.x(), axes.y(), axes.z()};
        RandomAccessibleInterval<T> view = image;
        // slice from the last dimension down, so the dimensions still to visit keep their index
        for (int d = image.numDimensions() - 1; d >= 0; d--) {
            if (!contains(dimensionOf, d)) {
                view = Views.hyperSlice(view, d, view.min(d));
                for (int p = 0; p < dimensionOf.length; p++) {
                    if (dimensionOf[p] > d) {
                        dimensionOf[p]--;
                    }
                }
            }
        }
        for (int p = 0; p < dimensionOf.length; p++) {
            if (dimensionOf[p] == SpatialAxes.ABSENT) {
                view = Views.addDimension(view, 0, 0);
                dimensionOf[p] = view.numDimensions() - 1;
            }
        }
        for (int p = 0; p < dimensionOf.length; p++) {
            int current = dimensionOf[p];
            if (current != p) {
                view = Views.permute(view, current, p);
                for (int q = 0; q < dimensionOf.length; q++) {
                    if (dimensionOf[q] == p) {
                        dimensionOf[q] = current;
                    }
                }
                dimensionOf[p] = p;
            }
        }
        return view;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
