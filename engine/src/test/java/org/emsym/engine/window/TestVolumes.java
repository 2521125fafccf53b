package org.emsym.engine.window;

import java.util.ArrayList;
import java.util.List;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/** Small volumes for windowing tests. */
final class TestVolumes {

    private TestVolumes() {
    }

    /** Voxel (z, y, x) holds {@code 1000 (z+1) + y*width + x}, so a value names its section and pixel. */
    static ArrayVolume labelled(int depth, int height, int width) {
        VolumeShape shape = new VolumeShape(depth, height, width);
        float[][] sections = new float[depth][height * width];
        for (int z = 0; z < depth; z++) {
            for (int p = 0; p < height * width; p++) {
                sections[z][p] = 1000f * (z + 1) + p;
            }
        }
        return new ArrayVolume(shape, PixelType.FLOAT32, sections);
    }

    /** The section whose values fill {@code channel}: decoded from the value at pixel 0, -1 if all zero. */
    static int sectionOf(float[] channel) {
        return channel[0] == 0 ? -1 : Math.round(channel[0] / 1000f) - 1;
    }

    /** Wraps a volume and records every readSlab call, as a lazily loading volume would see them. */
    static final class CountingVolume implements Volume {
        private final Volume inner;
        final List<int[]> slabCalls = new ArrayList<>();
        final List<Integer> sectionsRead = new ArrayList<>();

        CountingVolume(Volume inner) {
            this.inner = inner;
        }

        @Override
        public VolumeShape shape() {
            return inner.shape();
        }

        @Override
        public PixelType pixelType() {
            return inner.pixelType();
        }

        @Override
        public VoxelSize voxelSize() {
            return inner.voxelSize();
        }

        @Override
        public String source() {
            return "counting(" + inner.source() + ")";
        }

        @Override
        public float[][] readSlab(int z0, int z1) {
            slabCalls.add(new int[] {z0, z1});
            for (int z = z0; z < z1; z++) {
                sectionsRead.add(z);
            }
            return inner.readSlab(z0, z1);
        }
    }
}
