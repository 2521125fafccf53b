package org.emsym.engine.model;

import com.google.gson.annotations.SerializedName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.NormalizationSpec;

/**
 * What a {@link ModelBundle}'s {@code model.json} holds: how to rebuild the network, how inputs must be
 * normalized, what was done to the pretrained weights and how the model was trained. Serialized with Gson;
 * optional parts are {@code null}.
 *
 * @param formatVersion bundle format, {@link ModelBundle#FORMAT_VERSION}
 * @param architecture network type, {@code "unet"}
 * @param encoder encoder architecture id in the {@link EncoderRegistry}, e.g. {@code resnet18}
 * @param inChannels input channels, 2k+1
 * @param context context sections on each side of the centre section
 * @param classes output logit channels
 * @param decoderChannels decoder widths, coarsest first
 * @param upsampling {@link Upsampling} name
 * @param normalization input normalization, or null
 * @param symmetrization first-layer symmetrization applied, or null
 * @param sourceWeights the pretrained file the encoder started from, or null
 * @param history one entry per training epoch (may be empty)
 * @param parameters every network parameter's name and shape, checked on load
 * @param parametersSha256 SHA-256 of the parameter file, checked on load
 */
public record ModelMetadata(int formatVersion, String architecture, String encoder, int inChannels,
        @SerializedName("k") int context, int classes,
        int[] decoderChannels, String upsampling, Normalization normalization, Symmetrization symmetrization,
        SourceWeights sourceWeights, List<TrainingEpoch> history, List<ParameterEntry> parameters, String parametersSha256) {

    /**
     * Input normalization: a {@link NormalizationMethod} name and its numeric settings ({@code lowPercentile},
     * {@code highPercentile} for {@code PERCENTILE}). {@link #spec()} turns it back into the rule the network was
     * trained with; {@link #of(NormalizationSpec)} records one.
     */
    public record Normalization(String method, Map<String, Double> settings) {

        /** The name bundles written before {@link NormalizationMethod#TYPE_MAX} existed used for that rule. */
        static final String LEGACY_TYPE_MAX = "divide-by-type-max";

        /** The record of {@code spec}. */
        public static Normalization of(NormalizationSpec spec) {
            Map<String, Double> values = new LinkedHashMap<>();
            if (spec.method() == NormalizationMethod.PERCENTILE) {
                values.put("lowPercentile", spec.lowPercentile());
                values.put("highPercentile", spec.highPercentile());
            }
            return new Normalization(spec.method().name(), values);
        }

        /**
         * The recorded rule. Bundles written before the method was recorded this way map as they were trained:
         * {@code divide-by-type-max} (CLI, pipeline) and {@code NONE} (KNIME Learner, which divided by the type
         * maximum when the volume declared no normalization) both mean {@link NormalizationMethod#TYPE_MAX}.
         *
         * @throws IllegalArgumentException naming the method when it is none of {@link NormalizationMethod}
         */
        public NormalizationSpec spec() {
            if (LEGACY_TYPE_MAX.equals(method) || NormalizationMethod.NONE.name().equals(method)) {
                return NormalizationSpec.typeMax();
            }
            NormalizationMethod m;
            try {
                m = NormalizationMethod.valueOf(method);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("model normalization '" + method + "' is not one of "
                        + java.util.Arrays.toString(NormalizationMethod.values()), e);
            }
            Map<String, Double> v = settings == null ? Map.of() : settings;
            return new NormalizationSpec(m, v.getOrDefault("lowPercentile", NormalizationSpec.DEFAULT_LOW_PERCENTILE),
                    v.getOrDefault("highPercentile", NormalizationSpec.DEFAULT_HIGH_PERCENTILE));
        }
    }

    /**
     * The input rule this model was trained with; {@link NormalizationSpec#typeMax()} for bundles that record none
     * (pretrained-only bundles, whose encoders expect 0..1 input). Apply it with
     * {@code Normalizer.fit(volume, inputNormalization()).sectionTransform()}.
     */
    public NormalizationSpec inputNormalization() {
        return normalization == null ? NormalizationSpec.typeMax() : normalization.spec();
    }

    /** The first-layer symmetrization applied to the pretrained kernel. */
    public record Symmetrization(String strategy, String layer, double symmetryErrorBefore, double symmetryErrorAfter, String summary) {
    }

    /** Provenance of the pretrained weights. */
    public record SourceWeights(String file, String format, String sha256) {
    }

    /** Metrics of one training epoch, e.g. {@code loss}, {@code validationLoss}, {@code seconds}. */
    public record TrainingEpoch(int epoch, Map<String, Double> metrics) {
    }

    /** One parameter of the saved network. */
    public record ParameterEntry(String name, long[] shape) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterEntry p && p.name.equals(name) && Arrays.equals(p.shape, shape);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape);
        }
    }

    public ModelMetadata {
        decoderChannels = decoderChannels == null ? null : decoderChannels.clone();
        history = history == null ? List.of() : List.copyOf(history);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    @Override
    public int[] decoderChannels() {
        return decoderChannels == null ? null : decoderChannels.clone();
    }

    /** The structural metadata of a network; optional parts empty. */
    public static ModelMetadata describe(UNet net) {
        int c = net.inChannels();
        return new ModelMetadata(ModelBundle.FORMAT_VERSION, "unet", net.encoder().architecture(), c, (c - 1) / 2, net.classes(),
                net.decoderChannels(), net.upsampling().name(), null, null, null, List.of(), List.of(), null);
    }

    /** This metadata recording the input rule {@code spec}. */
    public ModelMetadata withNormalization(NormalizationSpec spec) {
        return withNormalization(Normalization.of(spec));
    }

    public ModelMetadata withNormalization(Normalization n) {
        return new ModelMetadata(formatVersion, architecture, encoder, inChannels, context, classes, decoderChannels, upsampling, n,
                symmetrization, sourceWeights, history, parameters, parametersSha256);
    }

    public ModelMetadata withSymmetrization(Symmetrization s) {
        return new ModelMetadata(formatVersion, architecture, encoder, inChannels, context, classes, decoderChannels, upsampling,
                normalization, s, sourceWeights, history, parameters, parametersSha256);
    }

    public ModelMetadata withSourceWeights(SourceWeights w) {
        return new ModelMetadata(formatVersion, architecture, encoder, inChannels, context, classes, decoderChannels, upsampling,
                normalization, symmetrization, w, history, parameters, parametersSha256);
    }

    /** This metadata with one more training epoch appended. */
    public ModelMetadata withEpoch(TrainingEpoch epoch) {
        List<TrainingEpoch> h = new ArrayList<>(history);
        h.add(epoch);
        return new ModelMetadata(formatVersion, architecture, encoder, inChannels, context, classes, decoderChannels, upsampling,
                normalization, symmetrization, sourceWeights, h, parameters, parametersSha256);
    }

    ModelMetadata withParameters(List<ParameterEntry> p, String sha256) {
        return new ModelMetadata(formatVersion, architecture, encoder, inChannels, context, classes, decoderChannels, upsampling,
                normalization, symmetrization, sourceWeights, history, p, sha256);
    }
}
