package org.emsym.knime.node.reader;

import org.emsym.engine.volume.ForwardingVolume;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VoxelSize;

/** A volume seen with another voxel size (the user's override); voxels pass through unchanged. */
final class VoxelSizeView extends ForwardingVolume {

    private final VoxelSize voxelSize;

    VoxelSizeView(Volume volume, VoxelSize voxelSize) {
        super(volume);
        this.voxelSize = voxelSize;
    }

    @Override
    public VoxelSize voxelSize() {
        return voxelSize;
    }
}
