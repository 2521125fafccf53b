package org.emsym.knime.port;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.Volumes;

/**
 * The raw voxel encoding used by {@link RawVolume} files and the Volume port's zip entry: each voxel in its pixel
 * type's width, big-endian; uint8 and uint16 values are rounded and clamped to the type's range.
 */
public final class RawVolumeCodec {

    private RawVolumeCodec() {
    }

    /** Bytes a volume of this shape and type takes. */
    public static long byteCount(VolumeShape shape, PixelType type) {
        return shape.voxelCount() * type.bytesPerVoxel();
    }

    /**
     * Streams every section of {@code volume} to {@code out}, slab by slab, reporting progress per section and
     * checking {@code cancel} between sections.
     */
    public static void write(Volume volume, OutputStream out, ProgressSink progress, Cancellation cancel)
            throws IOException {
        VolumeShape shape = volume.shape();
        PixelType type = volume.pixelType();
        ByteBuffer buffer = ByteBuffer.allocate(shape.sectionSize() * type.bytesPerVoxel());
        int step = Volumes.slabDepth(shape);
        for (int z0 = 0; z0 < shape.depth(); z0 += step) {
            int z1 = Math.min(shape.depth(), z0 + step);
            float[][] slab = volume.readSlab(z0, z1);
            for (int i = 0; i < slab.length; i++) {
                cancel.check();
                buffer.clear();
                encode(slab[i], type, buffer);
                out.write(buffer.array(), 0, buffer.position());
                slab[i] = null; // let the section go as soon as it is written
                progress.report((z0 + i + 1) / (double) shape.depth(),
                        "section " + (z0 + i + 1) + "/" + shape.depth());
            }
        }
    }

    static void encode(float[] section, PixelType type, ByteBuffer out) {
        switch (type) {
            case UINT8 -> {
                for (float v : section) {
                    out.put((byte) clampRound(v, 255));
                }
            }
            case UINT16 -> {
                for (float v : section) {
                    out.putShort((short) clampRound(v, 65535));
                }
            }
            case FLOAT32 -> {
                for (float v : section) {
                    out.putFloat(v);
                }
            }
        }
    }

    static float[] decode(ByteBuffer in, PixelType type, int count) {
        float[] out = new float[count];
        switch (type) {
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = in.get() & 0xFF;
                }
            }
            case UINT16 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = in.getShort() & 0xFFFF;
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = in.getFloat();
                }
            }
        }
        return out;
    }

    private static int clampRound(float v, int max) {
        if (Float.isNaN(v)) {
            return 0;
        }
        return (int) Math.max(0, Math.min(max, Math.round(v)));
    }
}
