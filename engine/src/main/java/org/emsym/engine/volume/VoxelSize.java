package org.emsym.engine.volume;

import java.util.Objects;

/**
 * Physical size of one voxel along z, y and x, in {@link #unit()} (nm unless stated). EM stacks are
 * often strongly anisotropic (ssTEM: about 4 x 4 x 50 nm), which is why z context is handled apart.
 */
public record VoxelSize(double z, double y, double x, String unit) {

    /** Unknown physical size: one unit per voxel. */
    public static final VoxelSize UNKNOWN = new VoxelSize(1, 1, 1, "px");

    public VoxelSize {
        if (!(z > 0) || !(y > 0) || !(x > 0)) {
            throw new IllegalArgumentException("voxel size must be positive, got z=" + z + " y=" + y + " x=" + x);
        }
        Objects.requireNonNull(unit, "unit");
    }

    public static VoxelSize nm(double z, double y, double x) {
        return new VoxelSize(z, y, x, "nm");
    }
}
