package org.emsym.knime.node.loader;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.emsym.engine.train.SegmentationTrainingConfig;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.persistence.NodeParametersPersistor;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.persistence.Persistor;

/**
 * Parameters of the Pretrained Model Loader, saved under the keys and in the forms the node has used since its
 * first release (the encoder as the engine's architecture id), so saved workflows and flow variables still apply;
 * the seed came later, and settings saved before it load with the default.
 */
final class PretrainedModelLoaderParameters implements NodeParameters {

    /** The encoder architectures offered; {@link #id()} is the id of the engine's EncoderRegistry. */
    enum Encoder {
        MOBILENET_V2, RESNET18, RESNET34, RESNET50;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String CFG_ENCODER = "encoder";
    static final String CFG_WEIGHT_FILE = "weight_file";
    static final String CFG_WEIGHT_FORMAT = "weight_format";
    static final String CFG_CONTEXT = "context_k";
    static final String CFG_CLASSES = "classes";
    static final String CFG_DECODER = "decoder_channels";
    /** Added after the first release: settings saved before lack it and load with the default. */
    static final String CFG_SEED = "seed";

    static final String TITLE_ENCODER = "Encoder architecture";
    static final String TITLE_WEIGHT_FILE = "Pretrained weight file";
    static final String TITLE_WEIGHT_FORMAT = "Weight file format";
    static final String TITLE_CONTEXT = "Context k";
    static final String TITLE_CLASSES = "Output classes";
    static final String TITLE_DECODER = "Decoder widths";
    static final String TITLE_SEED = "Random seed";

    static final int MAX_CONTEXT = 64;
    static final int MAX_CLASSES = 1024;

    @Widget(title = TITLE_ENCODER, description = "<tt>mobilenet_v2</tt>, <tt>resnet18</tt>, <tt>resnet34</tt> or "
            + "<tt>resnet50</tt>. Key: <tt>encoder</tt> (the id).")
    @Persistor(EncoderPersistor.class)
    Encoder encoder = Encoder.MOBILENET_V2;

    @Widget(title = TITLE_WEIGHT_FILE, description = "The weight file (for TF.js: the <tt>model.json</tt>): a path, "
            + "a <tt>file:</tt> URL or a workflow-relative <tt>knime://knime.workflow/...</tt> URL. Key: "
            + "<tt>weight_file</tt>.")
    @Persist(configKey = CFG_WEIGHT_FILE)
    String weightFile = "";

    @Widget(title = TITLE_WEIGHT_FORMAT, description = "<tt>AUTO</tt> (by extension: .json, .h5/.hdf5, "
            + ".safetensors, .npz), <tt>TFJS</tt>, <tt>KERAS_H5</tt>, <tt>SAFETENSORS</tt> or <tt>NPZ</tt>. Key: "
            + "<tt>weight_format</tt>.")
    @Persist(configKey = CFG_WEIGHT_FORMAT)
    WeightFormatChoice weightFormat = WeightFormatChoice.AUTO;

    @Widget(title = TITLE_CONTEXT, description = "Sections on each side of the centre, 0 to 64; the network has "
            + "2k+1 input channels. Key: <tt>context_k</tt>.")
    @Persist(configKey = CFG_CONTEXT)
    int context = 1;

    @Widget(title = TITLE_CLASSES, description = "Logit channels of the output, 1 to 1024: 1 for a binary "
            + "membrane/cell map with a sigmoid. Key: <tt>classes</tt>.")
    @Persist(configKey = CFG_CLASSES)
    int classes = 1;

    @Widget(title = TITLE_DECODER, description = "Output channels of each decoder stage, coarsest first, "
            + "comma-separated, one per encoder feature map (5 for the built-in encoders), e.g. "
            + "<tt>256,128,64,32,16</tt>. Key: <tt>decoder_channels</tt>.")
    @Persist(configKey = CFG_DECODER)
    String decoder = "256,128,64,32,16";

    @Widget(title = TITLE_SEED, description = "Seeds the decoder and head initialization, as <tt>emsym train "
            + "--seed</tt>: the same seed gives the same initial model; 0 or more. Key: <tt>seed</tt>.")
    @Persist(configKey = CFG_SEED)
    @Migrate(loadDefaultIfAbsent = true)
    int seed = (int) SegmentationTrainingConfig.DEFAULT_SEED;

    @Override
    public void validate() throws InvalidSettingsException {
        if (context < 0 || context > MAX_CONTEXT) {
            throw new InvalidSettingsException(TITLE_CONTEXT + ": " + context + " is outside 0 to " + MAX_CONTEXT);
        }
        if (classes < 1 || classes > MAX_CLASSES) {
            throw new InvalidSettingsException(TITLE_CLASSES + ": " + classes + " is outside 1 to " + MAX_CLASSES);
        }
        if (seed < 0) {
            throw new InvalidSettingsException(TITLE_SEED + ": " + seed + " is negative");
        }
        decoderWidths();
    }

    /** The decoder widths; the message names the setting when the text is not a list of positive integers. */
    int[] decoderWidths() throws InvalidSettingsException {
        String text = decoder == null ? "" : decoder.trim();
        try {
            int[] widths = Arrays.stream(text.split("\\s*,\\s*")).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(widths).anyMatch(w -> w < 1)) {
                throw new NumberFormatException("widths must be positive");
            }
            return widths;
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(TITLE_DECODER + ": '" + text
                    + "' is not a comma-separated list of positive integers", e);
        }
    }

    /** Saves the encoder by its architecture id; an unknown id fails naming the setting and the known ids. */
    static final class EncoderPersistor implements NodeParametersPersistor<Encoder> {

        @Override
        public Encoder load(NodeSettingsRO settings) throws InvalidSettingsException {
            String id = settings.getString(CFG_ENCODER);
            for (Encoder e : Encoder.values()) {
                if (e.id().equals(id)) {
                    return e;
                }
            }
            throw new InvalidSettingsException(TITLE_ENCODER + ": unknown architecture '" + id + "'; expected one of "
                    + Arrays.stream(Encoder.values()).map(Encoder::id).collect(Collectors.joining(", ")));
        }

        @Override
        public void save(Encoder param, NodeSettingsWO settings) {
            settings.addString(CFG_ENCODER, param.id());
        }

        @Override
        public String[][] getConfigPaths() {
            return new String[][] {{CFG_ENCODER}};
        }
    }
}
