package org.emsym.knime.testing;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/** Small volumes with position-dependent voxels, so that any misplaced section, row or voxel shows. */
public final class TestVolumes {

    private TestVolumes() {
    }

    /** Voxel (z, y, x) = (7z + 3y + x) mod (type range), FLOAT32 with a fractional part. */
    public static ArrayVolume ramp(VolumeShape shape, PixelType type, VoxelSize voxelSize) {
        float[][] sections = new float[shape.depth()][shape.sectionSize()];
        for (int z = 0; z < shape.depth(); z++) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    int v = 7 * z + 3 * y + x;
                    sections[z][y * shape.width() + x] = switch (type) {
                        case UINT8 -> v % 256;
                        case UINT16 -> (v * 257) % 65536;
                        case FLOAT32 -> v * 0.25f - 3.5f;
                    };
                }
            }
        }
        return new ArrayVolume(shape, type, voxelSize, sections, "ramp " + shape + " " + type);
    }

    /** Labels: 255 (cell) everywhere except a membrane line of 0 at x = z mod width. */
    public static ArrayVolume labels(VolumeShape shape) {
        float[][] sections = new float[shape.depth()][shape.sectionSize()];
        for (int z = 0; z < shape.depth(); z++) {
            for (int i = 0; i < shape.sectionSize(); i++) {
                sections[z][i] = (i % shape.width()) == z % shape.width() ? 0 : 255;
            }
        }
        return new ArrayVolume(shape, PixelType.UINT8, VoxelSize.UNKNOWN, sections, "labels " + shape);
    }
}
