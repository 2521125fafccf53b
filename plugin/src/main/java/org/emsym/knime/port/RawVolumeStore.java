package org.emsym.knime.port;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * Creates the raw files behind {@link RawVolume}s of Volume port objects, in the JVM's temporary folder (KNIME
 * points it at its workspace temp folder). A file is deleted when its volume becomes unreachable, or at exit;
 * on failure or cancellation no file is left.
 */
public final class RawVolumeStore {

    private static final Cleaner CLEANER = Cleaner.create();

    private RawVolumeStore() {
    }

    /** Copies {@code volume} into a new raw file, slab by slab; the copy reads lazily from disk. */
    public static RawVolume copyOf(Volume volume, ProgressSink progress, Cancellation cancel) throws IOException {
        Path file = newFile();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            RawVolumeCodec.write(volume, out, progress, cancel);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return track(new RawVolume(file, volume.shape(), volume.pixelType(), volume.voxelSize(), volume.source()));
    }

    /**
     * Reads exactly the bytes of a volume of the given shape and type from {@code in} into a new raw file.
     *
     * @throws IOException if the stream ends early or holds more bytes than the shape needs
     */
    public static RawVolume read(InputStream in, VolumeShape shape, PixelType type, VoxelSize voxelSize,
            String source) throws IOException {
        long expected = RawVolumeCodec.byteCount(shape, type);
        Path file = newFile();
        try {
            long copied;
            try (OutputStream out = Files.newOutputStream(file)) {
                copied = in.transferTo(out);
            }
            if (copied != expected) {
                throw new IOException("stored volume " + source + " holds " + copied + " bytes but shape " + shape
                        + " of type " + type + " needs " + expected);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return track(new RawVolume(file, shape, type, voxelSize, source));
    }

    private static Path newFile() throws IOException {
        Path file = Files.createTempFile("emsym-volume-", ".raw");
        file.toFile().deleteOnExit();
        return file;
    }

    private static RawVolume track(RawVolume volume) {
        Path file = volume.file();
        CLEANER.register(volume, () -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // deleteOnExit is the fallback
            }
        });
        return volume;
    }
}
