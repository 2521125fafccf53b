package org.emsym.engine.volume;

import java.util.Objects;

/**
 * A view of another volume that forwards everything to it; subclasses override what they change (a check or a
 * transform of every slab read, another voxel size). The one home of the getters such views would repeat.
 */
public abstract class ForwardingVolume implements Volume {

    private final Volume delegate;

    protected ForwardingVolume(Volume delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The volume this view reads from. */
    protected final Volume delegate() {
        return delegate;
    }

    @Override
    public VolumeShape shape() {
        return delegate.shape();
    }

    @Override
    public PixelType pixelType() {
        return delegate.pixelType();
    }

    @Override
    public VoxelSize voxelSize() {
        return delegate.voxelSize();
    }

    @Override
    public String source() {
        return delegate.source();
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        return delegate.readSlab(z0, z1);
    }
}
