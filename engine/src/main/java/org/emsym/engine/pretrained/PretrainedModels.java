package org.emsym.engine.pretrained;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.XavierInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.emsym.engine.model.Encoder;
import org.emsym.engine.model.EncoderRegistry;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.NamedParameters;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.UNet;
import org.emsym.engine.symmetry.FirstLayerSymmetrizer;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.symmetry.SymmetryReport;
import org.emsym.engine.util.EngineLock;

/**
 * Builds a U-Net whose encoder starts from a pretrained RGB weight file, with its first convolution adapted to
 * 2k+1 input channels by a {@link SymmetrizationStrategy}: the steps every command-line and workflow run shares.
 */
public final class PretrainedModels {

    private PretrainedModels() {
    }

    /**
     * A U-Net built from pretrained weights.
     *
     * @param network the initialized network (encoder pretrained, decoder and head Xavier-initialized)
     * @param kernelBefore the pretrained first-layer kernel, usually (out, 3, kh, kw)
     * @param kernelAfter the kernel written into the network, (out, 2k+1, kh, kw)
     * @param report what symmetrization did
     * @param metadata bundle metadata describing network, source weights and symmetrization
     */
    public record Built(UNet network, NamedTensor kernelBefore, NamedTensor kernelAfter, SymmetryReport report,
            ModelMetadata metadata) {
    }

    /**
     * Reads a pretrained weight file, choosing the reader by name: {@code model.json} (TF.js layers),
     * {@code .h5/.hdf5} (Keras), {@code .safetensors}, {@code .npz}.
     *
     * @throws IOException naming the file when it is missing or unreadable
     * @throws IllegalArgumentException naming the file when its kind is unknown or its content invalid
     */
    public static PretrainedWeights read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "pretrained weight file does not exist");
        }
        return WeightFormat.detect(file).orElseThrow(() -> new IllegalArgumentException("unknown weight file kind: "
                + file + " (expected a TF.js model.json, Keras .h5, .safetensors or .npz)")).read(file);
    }

    /** The pretrained first-convolution kernel of encoder architecture {@code encoder} in {@code weights}. */
    public static NamedTensor firstConvKernel(String encoder, PretrainedWeights weights) {
        return EncoderRegistry.defaultRegistry().create(encoder, 3).pretrainedFirstConv(weights);
    }

    /**
     * Builds the U-Net: encoder {@code encoder} for 2k+1 channels, decoder and head initialized by seeded
     * Xavier, pretrained tensors loaded, first layer adapted with {@code strategy}.
     *
     * @param manager owns the network's parameters
     */
    public static Built build(NDManager manager, String encoder, int k, int[] decoderChannels, PretrainedWeights weights,
            SymmetrizationStrategy strategy, long seed) {
        return build(manager, encoder, k, decoderChannels, UNet.DEFAULT_CLASSES, weights, strategy, seed);
    }

    /**
     * {@link #build(NDManager, String, int, int[], PretrainedWeights, SymmetrizationStrategy, long)} with
     * {@code classes} output channels.
     *
     * @throws IllegalArgumentException naming the setting when k, the decoder or the class count is invalid, or
     *         when the weights do not fit the encoder
     */
    public static Built build(NDManager manager, String encoder, int k, int[] decoderChannels, int classes,
            PretrainedWeights weights, SymmetrizationStrategy strategy, long seed) {
        if (k < 0) {
            throw new IllegalArgumentException("window context k must be >= 0, got " + k);
        }
        Encoder enc = EncoderRegistry.defaultRegistry().create(encoder, 2 * k + 1);
        UNet.Builder builder = UNet.builder().setEncoder(enc).optClasses(classes);
        if (decoderChannels != null) {
            builder.optDecoderChannels(decoderChannels);
        }
        UNet net = builder.build();
        net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        int m = net.sizeMultiple();
        try (EngineLock.Held held = EngineLock.acquire("building a seeded model")) {
            Engine.getInstance().setRandomSeed((int) (seed & Integer.MAX_VALUE));
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 2 * k + 1, m, m));
        }
        enc.loadPretrained(weights);
        NamedTensor before = enc.pretrainedFirstConv(weights);
        SymmetryReport report = FirstLayerSymmetrizer.apply(enc, before, strategy);
        NamedTensor after = NamedParameters.read(before.name(), enc.firstConvWeight());
        ModelMetadata metadata = ModelMetadata.describe(net)
                .withSourceWeights(new ModelMetadata.SourceWeights(weights.source(), weights.format(), weights.sha256()))
                .withSymmetrization(new ModelMetadata.Symmetrization(strategy.id(), before.name(),
                        report.symmetryErrorBefore(), report.symmetryErrorAfter(), report.summary()));
        return new Built(net, before, after, report, metadata);
    }
}
