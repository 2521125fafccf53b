package org.emsym.engine.volume;

/** Extent of a z-stack: number of sections, and rows and columns per section. */
public record VolumeShape(int depth, int height, int width) {

    public VolumeShape {
        if (depth <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "volume shape must be positive, got (z, y, x) = (" + depth + ", " + height + ", " + width + ")");
        }
    }

    /** Voxels in one section. */
    public int sectionSize() {
        return height * width;
    }

    public long voxelCount() {
        return (long) depth * height * width;
    }

    @Override
    public String toString() {
        return "(z=" + depth + ", y=" + height + ", x=" + width + ")";
    }
}
