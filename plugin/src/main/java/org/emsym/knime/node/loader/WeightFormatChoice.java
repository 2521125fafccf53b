package org.emsym.knime.node.loader;

import java.nio.file.Path;
import java.util.Optional;
import org.emsym.engine.pretrained.WeightFormat;

/**
 * The Weight file format setting: {@link #AUTO} (by file name) or one of the engine's
 * {@link WeightFormat}s, which read the files (choice names = the engine's format names, as saved settings hold them).
 */
enum WeightFormatChoice {
    /** Pick the format from the file name. */
    AUTO(null),
    TFJS(WeightFormat.TFJS),
    KERAS_H5(WeightFormat.KERAS_H5),
    SAFETENSORS(WeightFormat.SAFETENSORS),
    NPZ(WeightFormat.NPZ);

    private final WeightFormat engine;

    WeightFormatChoice(WeightFormat engine) {
        this.engine = engine;
    }

    /** The engine format this choice means for {@code file}: itself, or by the file's name for AUTO. */
    Optional<WeightFormat> resolve(Path file) {
        return engine != null ? Optional.of(engine) : WeightFormat.detect(file);
    }
}
