package org.emsym.engine.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.emsym.engine.testing.SharedData;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.io.VolumeReaders;

/** Test access to the real ISBI 2012 sections of the shared folder, read with the engine's section-folder reader. */
final class IsbiSections {

    private IsbiSections() {
    }

    /** The {@code data/isbi2012} folder, if present. */
    static Optional<Path> folder() {
        return SharedData.isbi();
    }

    /** The image sections (z order = natural file name order) as one volume. */
    static ArrayVolume images(Path isbi) throws IOException {
        return ArrayVolume.copyOf(VolumeReaders.open(isbi.resolve("image")));
    }

    /** The membrane masks: 1 where the label PNG is 0 (membrane), else 0. */
    static ArrayVolume membranes(Path isbi) throws IOException {
        ArrayVolume labels = ArrayVolume.copyOf(VolumeReaders.open(isbi.resolve("label")));
        float[][] mask = labels.readSlab(0, labels.shape().depth());
        for (float[] section : mask) {
            for (int i = 0; i < section.length; i++) {
                section[i] = section[i] == 0 ? 1 : 0;
            }
        }
        return new ArrayVolume(labels.shape(), PixelType.UINT8, labels.voxelSize(), mask, labels.source());
    }
}
