package org.emsym.knime.node.loader;

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
 * Pretrained weight file formats the Pretrained Model Loader reads, each with its engine reader. Keras-named
 * formats (TF.js, H5) hold MobileNetV2 weights; torchvision-named ones (safetensors, npz) hold ResNets.
 */
enum WeightFormat {
    /** Pick the format from the file name. */
    AUTO,
    /** TensorFlow.js layers model: {@code model.json} with its binary weight shards. */
    TFJS,
    /** Keras weights in HDF5 ({@code .h5}, {@code .hdf5}). */
    KERAS_H5,
    /** Hugging Face safetensors. */
    SAFETENSORS,
    /** NumPy {@code .npz} archive. */
    NPZ;

    /** The format of {@code file} by its extension, if recognized. */
    static Optional<WeightFormat> detect(Path file) {
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

    /** The format id the engine's reader records in {@link PretrainedWeights#format()}. */
    String engineId() {
        return switch (this) {
            case TFJS -> TfjsLayersModelReader.FORMAT;
            case KERAS_H5 -> KerasH5WeightsReader.FORMAT;
            case SAFETENSORS -> SafetensorsReader.FORMAT;
            case NPZ -> NpzReader.FORMAT;
            case AUTO -> throw new IllegalStateException("resolve AUTO with detect() first");
        };
    }

    /** Reads {@code file} in this (concrete) format. */
    PretrainedWeights read(Path file) throws IOException {
        return switch (this) {
            case TFJS -> TfjsLayersModelReader.read(file);
            case KERAS_H5 -> KerasH5WeightsReader.read(file);
            case SAFETENSORS -> SafetensorsReader.read(file);
            case NPZ -> NpzReader.read(file);
            case AUTO -> throw new IllegalStateException("resolve AUTO with detect() first");
        };
    }
}
