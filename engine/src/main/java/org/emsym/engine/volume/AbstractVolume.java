package org.emsym.engine.volume;

import java.util.Objects;

/**
 * What every stored {@link Volume} holds besides its voxels: shape, pixel type, voxel size and a source to name in
 * messages, kept once with their getters. Implementations (in memory, TIFF, section folders, HDF5, OME-Zarr, a
 * KNIME port's raw file) add how sections are read; views over another volume extend {@link ForwardingVolume}
 * instead.
 */
public abstract class AbstractVolume implements Volume {

    protected final VolumeShape shape;
    protected final PixelType pixelType;
    protected final VoxelSize voxelSize;
    protected final String source;

    protected AbstractVolume(VolumeShape shape, PixelType pixelType, VoxelSize voxelSize, String source) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.pixelType = Objects.requireNonNull(pixelType, "pixelType");
        this.voxelSize = Objects.requireNonNull(voxelSize, "voxelSize");
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public final VolumeShape shape() {
        return shape;
    }

    @Override
    public final PixelType pixelType() {
        return pixelType;
    }

    @Override
    public final VoxelSize voxelSize() {
        return voxelSize;
    }

    @Override
    public final String source() {
        return source;
    }
}
