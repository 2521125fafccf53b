package org.emsym.knime.port;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

import org.emsym.engine.volume.AbstractVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * A volume stored in a headerless raw file owned by a port object: sections in z order, rows in y order, voxels
 * in the pixel type's own width, big-endian ({@link RawVolumeCodec}). Sections are read on demand, so the volume
 * never sits in memory as a whole.
 */
public final class RawVolume extends AbstractVolume {

    private final Path file;

    /**
     * @param file a raw file of exactly {@code shape.voxelCount() * pixelType.bytesPerVoxel()} bytes
     * @param source the human-readable origin reported by {@link #source()} (not the raw file's path)
     */
    public RawVolume(Path file, VolumeShape shape, PixelType pixelType, VoxelSize voxelSize, String source) {
        super(shape, pixelType, voxelSize, source);
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The raw file holding the voxels. */
    public Path file() {
        return file;
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        Volume.checkSlab(shape, z0, z1);
        int sectionBytes = shape.sectionSize() * pixelType.bytesPerVoxel();
        float[][] out = new float[z1 - z0][];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(sectionBytes);
            for (int z = z0; z < z1; z++) {
                buffer.clear();
                long position = (long) z * sectionBytes;
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position()) < 0) {
                        throw new IOException("raw file " + file + " ends inside section " + z);
                    }
                }
                buffer.flip();
                out[z - z0] = RawVolumeCodec.decode(buffer, pixelType, shape.sectionSize());
            }
        } catch (IOException e) {
            throw Volume.readFailure(source, z0, e);
        }
        return out;
    }

    @Override
    public String toString() {
        return "RawVolume" + shape + " " + pixelType + " from " + source;
    }
}
