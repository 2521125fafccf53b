package org.emsym.knime.node.knip;

import java.util.Arrays;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.view.Views;

/**
 * Converts between Volumes and ImgLib2 images with axes (x, y, z), as KNIME Image Processing orders them. uint8
 * and uint16 volumes become {@link UnsignedByteType} / {@link UnsignedShortType} images and back; everything else
 * becomes float32. Both directions copy section by section and hold the whole image in memory.
 */
final class VolumeImages {

    private VolumeImages() {
    }

    /** The volume as an (x, y, z) image of the matching pixel type. */
    static Img<? extends RealType<?>> toImg(Volume volume, ProgressSink progress, Cancellation cancel) {
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
     * The image as a volume; a 2-D image becomes one section.
     *
     * @throws IllegalArgumentException naming the dimensions when the image has fewer than 2 or more than 3
     */
    static ArrayVolume toVolume(Img<? extends RealType<?>> img, String source, ProgressSink progress,
            Cancellation cancel) {
        long[] dims = img.dimensionsAsLongArray();
        if (dims.length < 2 || dims.length > 3) {
            throw new IllegalArgumentException("image " + source + " has dimensions " + Arrays.toString(dims)
                    + "; only 2-D (x, y) and 3-D (x, y, z) images convert to a Volume");
        }
        long plane = dims[0] * dims[1];
        int depth = dims.length == 3 ? Math.toIntExact(dims[2]) : 1;
        if (plane > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image " + source + " has sections of " + plane + " pixels, too many");
        }
        Object type = img.firstElement();
        PixelType pixelType = type instanceof UnsignedByteType ? PixelType.UINT8
                : type instanceof UnsignedShortType ? PixelType.UINT16 : PixelType.FLOAT32;
        float[][] sections = new float[depth][(int) plane];
        // flat iteration visits x fastest, then y, then z, whatever the image's storage
        Cursor<? extends RealType<?>> cursor = Views.flatIterable(img).cursor();
        for (int z = 0; z < depth; z++) {
            cancel.check();
            float[] section = sections[z];
            for (int i = 0; i < section.length; i++) {
                section[i] = cursor.next().getRealFloat();
            }
            progress.report((z + 1) / (double) depth, "Section " + (z + 1) + " of " + depth);
        }
        return new ArrayVolume(new VolumeShape(depth, (int) dims[1], (int) dims[0]), pixelType, VoxelSize.UNKNOWN,
                sections, source);
    }
}
