package org.emsym.knime.node.loader;

import java.util.function.Consumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emsym.engine.model.EncoderRegistry;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.UNet;
import org.emsym.engine.pretrained.PretrainedModels;
import org.emsym.engine.pretrained.WeightFormat;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Builds a U-Net for 2k+1 input channels whose encoder holds pretrained weights read from a file. Every encoder
 * tensor is copied from the file (names and shapes are checked first, nothing is half-loaded); the pretrained
 * first-convolution kernel, usually RGB, is spread over the 2k+1 channels without symmetrization (strategy
 * {@code none}, the paper's baseline) and kept with the model, so the Weight Symmetrizer can adapt the original
 * kernel. The decoder is randomly initialized.
 */
final class PretrainedModelLoaderLogic implements NodeLogic<PretrainedModelLoaderParameters> {

    /** The checked weight file and its concrete format. */
    private record Source(Path file, WeightFormat format) {
    }

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, PretrainedModelLoaderParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        Source source = checkSource(settings);
        UNet net = buildNetwork(settings);
        ModelMetadata meta = ModelMetadata.describe(net).withSourceWeights(
                new ModelMetadata.SourceWeights(source.file().toString(), source.format().id(), ""));
        return new PortObjectSpec[] {SegmentationModelPortObjectSpec.of(meta)};
    }

    private static Source checkSource(PretrainedModelLoaderParameters settings) throws InvalidSettingsException {
        String label = PretrainedModelLoaderParameters.TITLE_WEIGHT_FILE;
        Path file = KnimePaths.resolve(settings.weightFile, label).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new InvalidSettingsException(label + ": '" + file + "' does not exist or is not a file.");
        }
        WeightFormat format = settings.weightFormat.resolve(file).orElseThrow(() -> new InvalidSettingsException(
                    PretrainedModelLoaderParameters.TITLE_WEIGHT_FORMAT + ": cannot tell the format of '" + file
                        + "' from its name; choose one of TFJS (.json), KERAS_H5 (.h5), SAFETENSORS, NPZ."));
        return new Source(file, format);
    }

    /** The network the settings describe (not initialized); messages name the setting at fault. */
    private static UNet buildNetwork(PretrainedModelLoaderParameters settings) throws InvalidSettingsException {
        int channels = 2 * settings.context + 1;
        String encoder = settings.encoder.id();
        UNet.Builder builder;
        try {
            builder = UNet.builder().setEncoder(EncoderRegistry.defaultRegistry().create(encoder, channels));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(PretrainedModelLoaderParameters.TITLE_ENCODER + ": " + e.getMessage(), e);
        }
        try {
            return builder.optDecoderChannels(settings.decoderWidths()).optClasses(settings.classes)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(PretrainedModelLoaderParameters.TITLE_DECODER + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, PretrainedModelLoaderParameters settings,
            Consumer<String> warning) throws Exception {
        Source source = checkSource(settings);
        UNet net = buildNetwork(settings);
        exec.checkCanceled();
        exec.setProgress(0.05, "Reading " + source.file().getFileName());
        PretrainedWeights weights;
        try {
            weights = source.format().read(source.file());
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read pretrained weights " + source.file() + " as " + source.format() + ": "
                    + e.getMessage(), e);
        }
        exec.checkCanceled();
        String architecture = net.encoder().architecture();
        try {
            net.encoder().pretrainedFirstConv(weights);
        } catch (IllegalArgumentException e) {
            throw new IOException("pretrained weights " + source.file() + " have no first-convolution kernel for "
                    + architecture + " (" + e.getMessage() + "): not " + architecture + " weights in its naming", e);
        }
        exec.setProgress(0.4, "Building " + net);
        try (ModelScope scope = ModelScope.cpu()) {
            PretrainedModels.Built built;
            try {
                // the one assembly every entry point uses: seeded decoder, pretrained encoder, first layer 'none'
                built = PretrainedModels.build(scope.manager(), settings.encoder.id(),
                        settings.context, settings.decoderWidths(), settings.classes,
                        weights, SymmetrizationStrategy.NONE, settings.seed);
            } catch (IllegalArgumentException e) {
                throw new IOException("pretrained weights " + source.file() + " do not fit the "
                        + architecture + " encoder: " + e.getMessage(), e);
            }
            exec.checkCanceled();
            exec.setProgress(0.7, "Saving the model");
            SegmentationModelPortObject port = SegmentationModelPortObject.create(built.network(),
                    built.metadata(), built.kernelBefore());
            exec.setProgress(1, "Loaded " + architecture + " from " + source.file().getFileName());
            return new PortObject[] {port};
        }
    }
}
