package org.emsym.knime.node.reader;

import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/** A volume seen with another voxel size (the user's override); voxels pass through unchanged. */
final class VoxelSizeView implements Volume {

    private final Volume volume;
    private final VoxelSize voxelSize;

    VoxelSizeView(Volume volume, VoxelSize voxelSize) {
        this.volume = volume;
        this.voxelSize = voxelSize;
    }

    @Override
    public VolumeShape shape() {
        return volume.shape();
    }

    @Override
    public PixelType pixelType() {
        return volume.pixelType();
    }

    @Override
    public VoxelSize voxelSize() {
        return voxelSize;
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        return volume.readSlab(z0, z1);
    }

    @Override
    public String source() {
        return volume.source();
    }
}
