package org.emsym.knime.node.loader;

import java.util.Arrays;
import java.util.Map;

import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Pretrained Model Loader. */
final class PretrainedModelLoaderSettings extends SettingsGroup {

    /** Encoder architectures offered (ids of the engine's EncoderRegistry). */
    static final String[] ENCODERS = {"mobilenet_v2", "resnet18", "resnet34", "resnet50"};

    static final String CFG_ENCODER = "encoder";
    static final String CFG_WEIGHT_FILE = "weight_file";
    static final String CFG_WEIGHT_FORMAT = "weight_format";
    static final String CFG_CONTEXT = "context_k";
    static final String CFG_CLASSES = "classes";
    static final String CFG_DECODER = "decoder_channels";
    static final String CFG_SEED = "seed";

    static final String LABEL_ENCODER = "Encoder architecture";
    static final String LABEL_WEIGHT_FILE = "Pretrained weight file";
    static final String LABEL_WEIGHT_FORMAT = "Weight file format";
    static final String LABEL_CONTEXT = "Context k (input channels 2k+1)";
    static final String LABEL_CLASSES = "Output classes";
    static final String LABEL_DECODER = "Decoder widths (coarsest first, comma-separated)";
    static final String LABEL_SEED = "Random seed (decoder initialization)";

    final SettingsModelString encoder = new SettingsModelString(CFG_ENCODER, "mobilenet_v2");
    final SettingsModelString weightFile = new SettingsModelString(CFG_WEIGHT_FILE, "");
    final SettingsModelString weightFormat = new SettingsModelString(CFG_WEIGHT_FORMAT, WeightFormatChoice.AUTO.name());
    final SettingsModelIntegerBounded context = new SettingsModelIntegerBounded(CFG_CONTEXT, 1, 0, 64);
    final SettingsModelIntegerBounded classes = new SettingsModelIntegerBounded(CFG_CLASSES, 1, 1, 1024);
    final SettingsModelString decoder = new SettingsModelString(CFG_DECODER, "256,128,64,32,16");
    /** Seeds the decoder and head initialization, as {@code emsym train --seed}: same seed, same initial model. */
    final SettingsModelIntegerBounded seed = new SettingsModelIntegerBounded(CFG_SEED,
            (int) SegmentationTrainingConfig.DEFAULT_SEED, 0, Integer.MAX_VALUE);

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {encoder, weightFile, weightFormat, context, classes, decoder, seed};
    }

    @Override
    protected Map<String, SettingsModel> addedLater() {
        return Map.of(CFG_SEED, seed); // workflows saved before the seed existed load with the default
    }

    @Override
    protected SettingsGroup newInstance() {
        return new PretrainedModelLoaderSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        format();
        decoderChannels();
        if (!Arrays.asList(ENCODERS).contains(encoder.getStringValue())) {
            throw new InvalidSettingsException(LABEL_ENCODER + ": unknown architecture '" + encoder.getStringValue()
                    + "'; expected one of " + Arrays.toString(ENCODERS));
        }
    }

    WeightFormatChoice format() throws InvalidSettingsException {
        return enumValue(WeightFormatChoice.class, weightFormat.getStringValue(), LABEL_WEIGHT_FORMAT);
    }

    int[] decoderChannels() throws InvalidSettingsException {
        String text = decoder.getStringValue() == null ? "" : decoder.getStringValue().trim();
        try {
            int[] widths = Arrays.stream(text.split("\\s*,\\s*")).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new NumberFormatException("widths must be positive");
            }
            return widths;
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(LABEL_DECODER + ": '" + text
                    + "' is not a comma-separated list of positive integers", e);
        }
    }
}
