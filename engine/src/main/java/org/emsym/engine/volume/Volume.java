package org.emsym.engine.volume;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A grayscale z-stack with shape (z, y, x). Access goes by slabs of whole sections so that a large
 * stack can stay on disk: an implementation may read sections lazily on every call.
 *
 * <p>Values are handed out as float in the pixel type's own units (0..255 for {@link PixelType#UINT8});
 * normalization is a separate step ({@link Normalizer}).
 */
public interface Volume {

    VolumeShape shape();

    PixelType pixelType();

    VoxelSize voxelSize();

    /**
     * Reads sections {@code z0} (inclusive) to {@code z1} (exclusive).
     *
     * @return one row-major float array of {@code height*width} values per section
     * @throws IndexOutOfBoundsException if the range is not inside {@code [0, depth]} or empty
     * @throws UncheckedIOException if a lazily read section cannot be read
     */
    float[][] readSlab(int z0, int z1);

    /** Reads one section as a row-major array of {@code height*width} values. */
    default float[] readSection(int z) {
        return readSlab(z, z + 1)[0];
    }

    /** A short human-readable origin such as a file path, used in error messages and provenance. */
    default String source() {
        return "in-memory volume";
    }

    /** Checks that {@code [z0, z1)} is a non-empty range inside {@code [0, depth]}. */
    static void checkSlab(VolumeShape shape, int z0, int z1) {
        if (z0 < 0 || z1 > shape.depth() || z0 >= z1) {
            throw new IndexOutOfBoundsException(
                    "slab [" + z0 + ", " + z1 + ") is outside volume of depth " + shape.depth());
        }
    }

    /** Wraps an I/O failure while reading a lazily loaded section. */
    static UncheckedIOException readFailure(String source, int z, IOException cause) {
        return new UncheckedIOException("cannot read section " + z + " of " + source + ": " + cause.getMessage(), cause);
    }
}
