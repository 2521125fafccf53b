package org.emsym.knime.port;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.emsym.engine.model.ModelMetadata;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * What is known about a Segmentation Model before execution: the network's structure (architecture, encoder,
 * input channels 2k+1, context k, classes, decoder widths), the input normalization it expects, the first-layer
 * symmetrization applied, the pretrained weights it started from, and a summary of its training history. Built
 * from a bundle's {@link ModelMetadata}; downstream nodes validate their inputs against it in {@code configure}.
 */
public final class SegmentationModelPortObjectSpec extends AbstractSimplePortObjectSpec {

    /** Serializer registered in plugin.xml (extension point org.knime.core.PortType). */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<SegmentationModelPortObjectSpec> {
    }

    /** Symmetrization state of a model whose first layer was not symmetrized. */
    public static final String NOT_SYMMETRIZED = "none";

    /** Kind of a model held as an EMSym model bundle (a U-Net EMSym can train, symmetrize and attribute). */
    public static final String KIND_EMSYM = "emsym";

    /** Kind of a model held as a bioimage.io model package (EMSym only predicts with it). */
    public static final String KIND_BIOIMAGEIO = "bioimageio";

    /** Architecture recorded for a bioimage.io package. */
    public static final String PACKAGE_ARCHITECTURE = "bioimage.io package";

    private String kind = KIND_EMSYM;
    private int halo;

    private String architecture;
    private String encoder;
    private int inChannels;
    private int k;
    private int classes;
    private int[] decoderChannels;
    private String normalization;
    private String symmetrization;
    private String symmetrizationSummary;
    private String sourceFile;
    private String sourceFormat;
    private String sourceSha256;
    private int trainedEpochs;
    private String historySummary;

    /** For the framework's serializer only; the spec is filled by {@link #load(ModelContentRO)}. */
    public SegmentationModelPortObjectSpec() {
    }

    /** The spec of a model with the given metadata. */
    public static SegmentationModelPortObjectSpec of(ModelMetadata meta) {
        SegmentationModelPortObjectSpec s = new SegmentationModelPortObjectSpec();
        s.architecture = meta.architecture();
        s.encoder = meta.encoder();
        s.inChannels = meta.inChannels();
        s.k = meta.context();
        s.classes = meta.classes();
        s.decoderChannels = meta.decoderChannels();
        s.normalization = describe(meta.normalization());
        ModelMetadata.Symmetrization sym = meta.symmetrization();
        s.symmetrization = sym == null ? NOT_SYMMETRIZED : sym.strategy();
        s.symmetrizationSummary = sym == null ? "" : sym.summary();
        ModelMetadata.SourceWeights src = meta.sourceWeights();
        s.sourceFile = src == null ? "" : src.file();
        s.sourceFormat = src == null ? "" : src.format();
        s.sourceSha256 = src == null ? "" : src.sha256();
        s.trainedEpochs = meta.history().size();
        s.historySummary = describe(meta.history());
        return s;
    }

    /**
     * The spec of a bioimage.io package, read from its description only: its name, input channels (2k+1) and
     * output channels, declared preprocessing and output halo, and the weight formats present.
     *
     * @param name the package's name
     * @param inChannels input channels, odd
     * @param classes output channels
     * @param preprocessing the declared preprocessing, in words
     * @param halo output pixels at each tile border the package marks as unreliable
     * @param weightFormats the weight formats present, e.g. {@code [onnx, torchscript]}
     */
    public static SegmentationModelPortObjectSpec ofPackage(String name, int inChannels, int classes,
            String preprocessing, int halo, String weightFormats) {
        SegmentationModelPortObjectSpec s = new SegmentationModelPortObjectSpec();
        s.kind = KIND_BIOIMAGEIO;
        s.architecture = PACKAGE_ARCHITECTURE;
        s.encoder = name;
        s.inChannels = inChannels;
        s.k = (inChannels - 1) / 2;
        s.classes = classes;
        s.decoderChannels = new int[0];
        s.normalization = preprocessing;
        s.symmetrization = NOT_SYMMETRIZED;
        s.symmetrizationSummary = "";
        s.sourceFile = "";
        s.sourceFormat = weightFormats;
        s.sourceSha256 = "";
        s.trainedEpochs = 0;
        s.historySummary = "bioimage.io package (training history not recorded)";
        s.halo = halo;
        return s;
    }

    /** Whether the model is a bioimage.io package rather than an EMSym model bundle. */
    public boolean isPackage() {
        return KIND_BIOIMAGEIO.equals(kind);
    }

    /** {@link #KIND_EMSYM} or {@link #KIND_BIOIMAGEIO}. */
    public String getKind() {
        return kind;
    }

    /** Output halo a bioimage.io package declares (0 for an EMSym bundle, whose halo the predictor's overlap covers). */
    public int getHalo() {
        return halo;
    }

    /**
     * Checks that this is an EMSym model, as nodes that change or analyse the U-Net itself need.
     *
     * @param input the input's label, e.g. {@code "Segmentation Model"}
     * @throws InvalidSettingsException naming the input and the package when it is a bioimage.io package
     */
    public void requireEmsymModel(String input) throws InvalidSettingsException {
        if (isPackage()) {
            throw new InvalidSettingsException(input + ": '" + encoder + "' is a bioimage.io package; this node"
                    + " needs an EMSym model (from the Pretrained Model Loader, the Segmentation Learner or a model"
                    + " bundle read by the Segmentation Model Reader). Only the Segmentation Predictor runs packages.");
        }
    }

    /**
     * This spec with another first-layer symmetrization, as a node predicts it in {@code configure} (the summary
     * is known once the node has run).
     */
    public SegmentationModelPortObjectSpec withSymmetrization(String strategy, String summary) {
        SegmentationModelPortObjectSpec s = copy();
        s.symmetrization = Objects.requireNonNull(strategy, "strategy");
        s.symmetrizationSummary = Objects.requireNonNull(summary, "summary");
        return s;
    }

    private SegmentationModelPortObjectSpec copy() {
        SegmentationModelPortObjectSpec s = new SegmentationModelPortObjectSpec();
        s.architecture = architecture;
        s.encoder = encoder;
        s.inChannels = inChannels;
        s.k = k;
        s.classes = classes;
        s.decoderChannels = decoderChannels.clone();
        s.normalization = normalization;
        s.symmetrization = symmetrization;
        s.symmetrizationSummary = symmetrizationSummary;
        s.sourceFile = sourceFile;
        s.sourceFormat = sourceFormat;
        s.sourceSha256 = sourceSha256;
        s.trainedEpochs = trainedEpochs;
        s.historySummary = historySummary;
        s.kind = kind;
        s.halo = halo;
        return s;
    }

    private static String describe(ModelMetadata.Normalization n) {
        if (n == null) {
            return "";
        }
        Map<String, Double> sorted = new TreeMap<>(n.settings() == null ? Map.of() : n.settings());
        return sorted.isEmpty() ? n.method() : n.method() + " " + sorted;
    }

    private static String describe(List<ModelMetadata.TrainingEpoch> history) {
        if (history.isEmpty()) {
            return "not trained";
        }
        ModelMetadata.TrainingEpoch last = history.get(history.size() - 1);
        String metrics = new TreeMap<>(last.metrics()).entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(java.util.Locale.ROOT, "%.4g", e.getValue()))
                .collect(Collectors.joining(", "));
        return history.size() + " epochs; last (epoch " + last.epoch() + "): " + metrics;
    }

    /** Network type, {@code unet}. */
    public String getArchitecture() {
        return architecture;
    }

    /** Encoder architecture id, e.g. {@code resnet18}, {@code mobilenet_v2}. */
    public String getEncoder() {
        return encoder;
    }

    /** Input channels, 2k+1. */
    public int getInChannels() {
        return inChannels;
    }

    /** Context sections on each side of the centre section. */
    public int getContext() {
        return k;
    }

    public int getClasses() {
        return classes;
    }

    /** Decoder widths, coarsest first. */
    public int[] getDecoderChannels() {
        return decoderChannels.clone();
    }

    /** Input normalization the model was trained with, e.g. {@code percentile {high=99.0, low=1.0}}; empty if unknown. */
    public String getNormalization() {
        return normalization;
    }

    /** Strategy id of the first-layer symmetrization ({@code uniform}, {@code outer_average}, ...) or {@link #NOT_SYMMETRIZED}. */
    public String getSymmetrization() {
        return symmetrization;
    }

    /** The symmetry report's one-line summary; empty if not symmetrized. */
    public String getSymmetrizationSummary() {
        return symmetrizationSummary;
    }

    /** Pretrained weight file the encoder started from; empty if randomly initialized. */
    public String getSourceFile() {
        return sourceFile;
    }

    public String getSourceFormat() {
        return sourceFormat;
    }

    public String getSourceSha256() {
        return sourceSha256;
    }

    public int getTrainedEpochs() {
        return trainedEpochs;
    }

    /** E.g. {@code "3 epochs; last (epoch 3): loss=0.41, validationLoss=0.45"} or {@code "not trained"}. */
    public String getHistorySummary() {
        return historySummary;
    }

    @Override
    protected void save(ModelContentWO model) {
        model.addString("architecture", architecture);
        model.addString("encoder", encoder);
        model.addInt("in_channels", inChannels);
        model.addInt("k", k);
        model.addInt("classes", classes);
        model.addStringArray("decoder_channels", Arrays.stream(decoderChannels).mapToObj(Integer::toString)
                .toArray(String[]::new));
        model.addString("normalization", normalization);
        model.addString("symmetrization", symmetrization);
        model.addString("symmetrization_summary", symmetrizationSummary);
        model.addString("source_file", sourceFile);
        model.addString("source_format", sourceFormat);
        model.addString("source_sha256", sourceSha256);
        model.addInt("trained_epochs", trainedEpochs);
        model.addString("history_summary", historySummary);
        model.addString("kind", kind);
        model.addInt("halo", halo);
    }

    @Override
    protected void load(ModelContentRO model) throws InvalidSettingsException {
        try {
            architecture = Objects.requireNonNull(model.getString("architecture"), "architecture");
            encoder = Objects.requireNonNull(model.getString("encoder"), "encoder");
            inChannels = model.getInt("in_channels");
            k = model.getInt("k");
            classes = model.getInt("classes");
            decoderChannels = Arrays.stream(model.getStringArray("decoder_channels")).mapToInt(Integer::parseInt).toArray();
            normalization = model.getString("normalization");
            symmetrization = model.getString("symmetrization");
            symmetrizationSummary = model.getString("symmetrization_summary");
            sourceFile = model.getString("source_file");
            sourceFormat = model.getString("source_format");
            sourceSha256 = model.getString("source_sha256");
            trainedEpochs = model.getInt("trained_epochs");
            historySummary = model.getString("history_summary");
            // specs saved before bioimage.io packages were supported have neither key: EMSym bundles
            kind = model.getString("kind", KIND_EMSYM);
            halo = model.getInt("halo", 0);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException("invalid stored segmentation model spec: " + e.getMessage(), e);
        }
        if (!KIND_EMSYM.equals(kind) && !KIND_BIOIMAGEIO.equals(kind)) {
            throw new InvalidSettingsException("invalid stored segmentation model spec: unknown kind '" + kind + "'");
        }
        if (inChannels != 2 * k + 1) {
            throw new InvalidSettingsException("invalid stored segmentation model spec: " + inChannels
                    + " input channels for context k=" + k + " (expected 2k+1)");
        }
    }

    @Override
    public String toString() {
        if (isPackage()) {
            return "Segmentation Model bioimage.io package '" + encoder + "', " + inChannels + " channels (k=" + k
                    + "), " + classes + " outputs, halo " + halo + ", weights " + sourceFormat;
        }
        return "Segmentation Model " + architecture + "/" + encoder + ", " + inChannels + " channels (k=" + k + "), "
                + classes + " classes, symmetrization " + symmetrization + ", " + historySummary;
    }
}
