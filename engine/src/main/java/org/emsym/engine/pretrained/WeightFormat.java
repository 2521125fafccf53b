package org.emsym.engine.pretrained;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.io.KerasH5WeightsReader;
import org.emsym.engine.model.io.NpzReader;
import org.emsym.engine.model.io.SafetensorsReader;
import org.emsym.engine.model.io.TfjsLayersModelReader;

/**
 * Pretrained weight file formats, each with its reader: the one place that maps a file to a reader, used by
 * {@link PretrainedModels#read} (by name) and by hosts that let the user choose (the KNIME Pretrained Model
 * Loader). Keras-named formats (TF.js, H5) hold MobileNetV2 weights; torchvision-named ones (safetensors, npz)
 * hold ResNets.
 */
public enum WeightFormat {
    /** TensorFlow.js layers model: {@code model.json} with its binary weight shards. */
    TFJS(TfjsLayersModelReader.FORMAT),
    /** Keras weights in HDF5 ({@code .h5}, {@code .hdf5}). */
    KERAS_H5(KerasH5WeightsReader.FORMAT),
    /** Hugging Face safetensors. */
    SAFETENSORS(SafetensorsReader.FORMAT),
    /** NumPy {@code .npz} archive. */
    NPZ(NpzReader.FORMAT);

    private final String id;

    WeightFormat(String id) {
        this.id = id;
    }

    /** The format of {@code file} by its name ({@code .json}, {@code .h5}/{@code .hdf5}, ...), if recognized. */
    public static Optional<WeightFormat> detect(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Optional.of(TFJS);
        } else if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return Optional.of(KERAS_H5);
        } else if (name.endsWith(".safetensors")) {
            return Optional.of(SAFETENSORS);
        } else if (name.endsWith(".npz")) {
            return Optional.of(NPZ);
        }
        return Optional.empty();
    }

    /** The format id its reader records in {@link PretrainedWeights#format()}. */
    public String id() {
        return id;
    }

    /**
     * Reads {@code file} in this format.
     *
     * @throws IOException naming the file when it is unreadable
     * @throws IllegalArgumentException naming the file when its content is invalid
     */
    public PretrainedWeights read(Path file) throws IOException {
        return switch (this) {
            case TFJS -> TfjsLayersModelReader.read(file);
            case KERAS_H5 -> KerasH5WeightsReader.read(file);
            case SAFETENSORS -> SafetensorsReader.read(file);
            case NPZ -> NpzReader.read(file);
        };
    }
}
