package org.emsym.engine.volume.io;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/** Small volumes with a distinct value at every voxel, in the range of their pixel type. */
final class TestVolumes {

    private TestVolumes() {
    }

    static ArrayVolume pattern(VolumeShape shape, PixelType type, VoxelSize size) {
        float[][] sections = new float[shape.depth()][shape.sectionSize()];
        for (int z = 0; z < shape.depth(); z++) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    sections[z][y * shape.width() + x] = value(type, z, y, x);
                }
            }
        }
        return new ArrayVolume(shape, type, size, sections, "pattern " + type);
    }

    static float value(PixelType type, int z, int y, int x) {
        return switch (type) {
            case UINT8 -> (z * 31 + y * 7 + x * 3) % 256;
            case UINT16 -> (z * 4099 + y * 257 + x * 13 + 60000) % 65536;
            case FLOAT32 -> (float) (Math.sin(z * 1.3 + y * 0.7 + x * 0.11) * 1234.5 - 0.25 * x);
        };
    }
}
