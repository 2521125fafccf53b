package org.emsym.bench;

import java.util.SplittableRandom;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * A lazily generated noise stack: each section is made from its index when read and never kept, so the
 * input itself takes no memory that grows with depth (what a lazily read TIFF or HDF5 stack does too).
 */
final class SyntheticSections implements Volume {

    private final VolumeShape shape;

    SyntheticSections(VolumeShape shape) {
        this.shape = shape;
    }

    @Override
    public VolumeShape shape() {
        return shape;
    }

    @Override
    public PixelType pixelType() {
        return PixelType.FLOAT32;
    }

    @Override
    public VoxelSize voxelSize() {
        return VoxelSize.UNKNOWN;
    }

    @Override
    public String source() {
        return "synthetic noise " + shape;
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        Volume.checkSlab(shape, z0, z1);
        float[][] out = new float[z1 - z0][];
        for (int z = z0; z < z1; z++) {
            SplittableRandom random = new SplittableRandom(z);
            float[] section = new float[shape.sectionSize()];
            for (int i = 0; i < section.length; i++) {
                section[i] = (float) random.nextDouble();
            }
            out[z - z0] = section;
        }
        return out;
    }
}
