package org.emsym.engine.volume;

import java.util.Arrays;
import java.util.Objects;

/**
 * A volume held fully in memory, one float array per section. Values are clamped to nothing: the
 * caller states the pixel type the values are meant to have (used by writers to pick the file type).
 */
public final class ArrayVolume extends AbstractVolume {

    private final float[][] sections;

    public ArrayVolume(VolumeShape shape, PixelType pixelType, VoxelSize voxelSize, float[][] sections, String source) {
        super(shape, pixelType, voxelSize, source);
        if (sections.length != shape.depth()) {
            throw new IllegalArgumentException(
                    "expected " + shape.depth() + " sections for shape " + shape + ", got " + sections.length);
        }
        for (int z = 0; z < sections.length; z++) {
            if (sections[z] == null || sections[z].length != shape.sectionSize()) {
                throw new IllegalArgumentException("section " + z + " must hold " + shape.sectionSize()
                        + " values for shape " + shape + ", got "
                        + (sections[z] == null ? "null" : sections[z].length));
            }
        }
        this.sections = sections;
    }

    public ArrayVolume(VolumeShape shape, PixelType pixelType, float[][] sections) {
        this(shape, pixelType, VoxelSize.UNKNOWN, sections, "in-memory volume");
    }

    /** A zero-filled volume. */
    public static ArrayVolume zeros(VolumeShape shape, PixelType pixelType) {
        return new ArrayVolume(shape, pixelType, new float[shape.depth()][shape.sectionSize()]);
    }

    /** Reads every section of {@code volume} into memory. */
    public static ArrayVolume copyOf(Volume volume) {
        if (volume instanceof ArrayVolume a) {
            float[][] copy = new float[a.sections.length][];
            for (int z = 0; z < copy.length; z++) {
                copy[z] = a.sections[z].clone();
            }
            return new ArrayVolume(a.shape, a.pixelType, a.voxelSize, copy, a.source);
        }
        VolumeShape s = volume.shape();
        return new ArrayVolume(s, volume.pixelType(), volume.voxelSize(), volume.readSlab(0, s.depth()), volume.source());
    }

    /** Copies of the requested sections; callers may modify them freely. */
    @Override
    public float[][] readSlab(int z0, int z1) {
        Volume.checkSlab(shape, z0, z1);
        float[][] out = new float[z1 - z0][];
        for (int z = z0; z < z1; z++) {
            out[z - z0] = sections[z].clone();
        }
        return out;
    }

    /** Direct, writable access to one section's backing array (no copy). */
    public float[] section(int z) {
        Objects.checkIndex(z, shape.depth());
        return sections[z];
    }

    public float get(int z, int y, int x) {
        return sections[z][y * shape.width() + x];
    }

    public void set(int z, int y, int x, float value) {
        sections[z][y * shape.width() + x] = value;
    }

    public ArrayVolume withVoxelSize(VoxelSize size) {
        return new ArrayVolume(shape, pixelType, size, sections, source);
    }

    @Override
    public String toString() {
        return "ArrayVolume" + shape + " " + pixelType + " from " + source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayVolume other && shape.equals(other.shape) && pixelType == other.pixelType
                && Arrays.deepEquals(sections, other.sections);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + pixelType.hashCode();
    }
}
