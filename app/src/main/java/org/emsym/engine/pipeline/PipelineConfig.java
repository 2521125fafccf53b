package org.emsym.engine.pipeline;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.model.EncoderRegistry;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.synth.SynthPreset;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.engine.window.BoundaryMode;

/**
 * Settings of a {@link PipelineRunner} run, read from a JSON object whose keys are documented in {@link #KEYS}
 * (every key optional; a missing key keeps its default). Unknown keys are errors, so a typo does not silently
 * fall back to a default. Layers: defaults, then a config file, then command-line overrides, each a JSON object.
 *
 * <p>The defaults are the bundled demonstration: synthetic ssTEM-like data, the pretrained MobileNetV2 of
 * nsfwjs, k = 1, {@code uniform} symmetrization against the {@code none} baseline, a short CPU training.
 */
public final class PipelineConfig {

    /** Every key with its meaning; {@code emsym pipeline --describe-config} prints them with their defaults. */
    public static final Map<String, String> KEYS = keys();

    /**
     * The pretrained MobileNetV2 the default build fetches, under the repository root given by system property
     * {@code emsym.home} (set by the launcher script), else under the working directory.
     */
    public static final String DEFAULT_WEIGHTS = System.getProperty("emsym.home", ".") + "/engine/target/nsfwjs/model.json";

    /**
     * The demonstration's training budget (2 epochs x 10 steps), every other training setting the engine's
     * default; the pipeline trains every variant for its whole budget (no early stopping).
     */
    static final SegmentationTrainingConfig DEMO_TRAINING = SegmentationTrainingConfig.builder().epochs(2).stepsPerEpoch(10).batchSize(4)
            .patchSize(128).learningRate(1e-3).validationFraction(0.25).freezeEncoderEpochs(0).zFlip(false).seed(42)
            .earlyStoppingPatience(0).build();

    /** The config keys that are {@link SegmentationTrainingConfig} settings (same names, except patchSize = square patches). */
    static final List<String> TRAINING_KEYS = List.of("epochs", "stepsPerEpoch", "batchSize", "patchSize",
            "learningRate", "validationFraction", "freezeEncoderEpochs", "zFlip", "seed");

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls()
            .serializeSpecialFloatingPointValues().create();

    // data
    private String image;
    private String imageDataset;
    private String labels;
    private String labelsDataset;
    private boolean positiveIsZero;
    private String synthPreset = SynthPreset.SSTEM_ANISOTROPIC.name();
    private int[] synthShape = {24, 256, 256};
    private long synthSeed;
    private int testSections = 4;
    // model
    private String weights = DEFAULT_WEIGHTS;
    private String encoder = "mobilenet_v2";
    @SerializedName("k")
    private int context = 1;
    private String boundary = BoundaryMode.DEFAULT.name();
    private List<String> strategies = List.of("uniform", "none");
    private int[] decoderChannels = {128, 64, 32, 16, 8};
    // training: the engine's SegmentationTrainingConfig, read from and written to the flat keys of TRAINING_KEYS
    private transient SegmentationTrainingConfig training = DEMO_TRAINING;
    // prediction and scoring
    private int tileSize = 256;
    private int predictBatchSize = 4;
    private double threshold = 0.5;
    // attribution
    private String attributionMethod = "integrated_gradients";
    private int attributionSteps = 8;
    private int attributionCrop = 128;
    private int attributionWindowsPerSection = 2;
    private int epochAttributionWindows = 2;
    // report
    private int reportSections = 2;
    private String out = "out";

    private static Map<String, String> keys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("image", "input image stack (TIFF, PNG/TIFF section folder or HDF5); null = synthetic data");
        m.put("imageDataset", "dataset path inside an HDF5 image, e.g. /raw");
        m.put("labels", "binary label stack of the same shape as image (required with image)");
        m.put("labelsDataset", "dataset path inside an HDF5 label file");
        m.put("positiveIsZero", "label 0 is the membrane class (true for ISBI 2012, where 0 = membrane, 255 = cell)");
        m.put("synthPreset", "synthetic data preset: SSTEM_ANISOTROPIC or FIBSEM_ISOTROPIC");
        m.put("synthShape", "synthetic stack shape [depth, height, width]");
        m.put("synthSeed", "seed of the synthetic data");
        m.put("testSections", "last sections held out for prediction, scores and attribution");
        m.put("weights", "pretrained RGB weights: TF.js model.json, Keras .h5, .safetensors or .npz");
        m.put("encoder", "encoder architecture id: " + EncoderRegistry.defaultRegistry().ids());
        m.put("k", "window context: 2k+1 input sections per window");
        m.put("boundary", "window completion at the stack ends: REFLECT, REPLICATE, ZERO or SKIP");
        m.put("strategies", "first-layer symmetrizations to train and compare: none, uniform, outer-average");
        m.put("decoderChannels", "U-Net decoder widths, coarsest first (one per encoder feature map)");
        m.put("epochs", "training epochs per model variant");
        m.put("stepsPerEpoch", "optimizer steps per epoch");
        m.put("batchSize", "training patches per step");
        m.put("patchSize", "training patch edge in pixels (multiple of 32)");
        m.put("learningRate", "AdamW base learning rate (cosine schedule)");
        m.put("validationFraction", "fraction of the training sections (after the test hold-out) used for validation");
        m.put("freezeEncoderEpochs", "first epochs with the encoder frozen");
        m.put("zFlip", "z-flip (channel reversal) augmentation during training");
        m.put("seed", "seed of initialization, patch sampling and augmentation (the same for every variant)");
        m.put("tileSize", "prediction tile edge in pixels (multiple of 32; clamped to the section size)");
        m.put("predictBatchSize", "tiles per prediction forward pass");
        m.put("threshold", "membrane probability threshold for the scores");
        m.put("attributionMethod", "saliency, gradient_x_input or integrated_gradients");
        m.put("attributionSteps", "integrated-gradients steps");
        m.put("attributionCrop", "edge of the attributed window crops in pixels (multiple of 32)");
        m.put("attributionWindowsPerSection", "attributed crops per test section (evenly spaced)");
        m.put("epochAttributionWindows", "validation crops attributed (saliency) after every epoch; 0 = off");
        m.put("reportSections", "test sections shown with prediction overlays and attribution maps");
        m.put("out", "output folder for report.html, CSVs, figures, models and predictions");
        return Collections.unmodifiableMap(m);
    }

    /** The defaults. */
    public static PipelineConfig defaults() {
        return new PipelineConfig();
    }

    /** The defaults as a JSON object (every key present). */
    public static JsonObject defaultsJson() {
        return new PipelineConfig().json();
    }

    /** Every key, the training ones taken from {@link #training()}. */
    private JsonObject json() {
        JsonObject json = GSON.toJsonTree(this).getAsJsonObject();
        json.addProperty("epochs", training.epochs());
        json.addProperty("stepsPerEpoch", training.stepsPerEpoch());
        json.addProperty("batchSize", training.batchSize());
        json.addProperty("patchSize", training.patchHeight());
        json.addProperty("learningRate", training.learningRate());
        json.addProperty("validationFraction", training.validationFraction());
        json.addProperty("freezeEncoderEpochs", training.freezeEncoderEpochs());
        json.addProperty("zFlip", training.augmentation().zFlip());
        json.addProperty("seed", training.seed());
        return json;
    }

    /** The training settings of {@code json}'s {@link #TRAINING_KEYS}, validated with the pipeline's key names. */
    private static SegmentationTrainingConfig training(JsonObject json) {
        int epochs = json.get("epochs").getAsInt();
        int steps = json.get("stepsPerEpoch").getAsInt();
        int batch = json.get("batchSize").getAsInt();
        int patch = json.get("patchSize").getAsInt();
        double rate = json.get("learningRate").getAsDouble();
        double validation = json.get("validationFraction").getAsDouble();
        int freeze = json.get("freezeEncoderEpochs").getAsInt();
        positive("epochs", epochs);
        positive("stepsPerEpoch", steps);
        positive("batchSize", batch);
        multipleOf32("patchSize", patch);
        atLeast("freezeEncoderEpochs", freeze, 0);
        if (!(rate > 0)) {
            throw new IllegalArgumentException("pipeline config 'learningRate' must be > 0, got " + rate);
        }
        if (!(validation > 0 && validation < 1)) {
            throw new IllegalArgumentException("pipeline config 'validationFraction' must lie in (0, 1), got "
                    + validation);
        }
        return DEMO_TRAINING.toBuilder().epochs(epochs).stepsPerEpoch(steps).batchSize(batch).patchSize(patch)
                .learningRate(rate).validationFraction(validation).freezeEncoderEpochs(freeze)
                .zFlip(json.get("zFlip").getAsBoolean()).seed(json.get("seed").getAsLong()).build();
    }

    /**
     * Reads a JSON config file (an object with any of the {@link #KEYS}).
     *
     * @throws IOException naming the file when it is missing or not a JSON object
     */
    public static JsonObject readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "pipeline config file does not exist");
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("pipeline config " + file + " must hold a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("pipeline config " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The defaults overridden by each layer in turn (later layers win).
     *
     * @throws IllegalArgumentException naming the key for unknown keys, values of the wrong type, or invalid values
     */
    public static PipelineConfig of(List<JsonObject> layers) {
        JsonObject merged = defaultsJson();
        for (JsonObject layer : layers) {
            for (Map.Entry<String, JsonElement> e : layer.entrySet()) {
                if (!KEYS.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("unknown pipeline config key '" + e.getKey() + "'; known keys: "
                            + KEYS.keySet());
                }
                merged.add(e.getKey(), e.getValue());
            }
        }
        PipelineConfig config;
        try {
            SegmentationTrainingConfig training = training(merged);
            for (String key : TRAINING_KEYS) {
                merged.remove(key);
            }
            config = GSON.fromJson(merged, PipelineConfig.class);
            config.training = training;
        } catch (JsonParseException | IllegalStateException | NumberFormatException | UnsupportedOperationException
                | ClassCastException e) {
            throw new IllegalArgumentException("pipeline config has a value of the wrong type: " + e.getMessage(), e);
        }
        config.validate();
        return config;
    }

    /** This configuration as pretty-printed JSON (written beside each run's results). */
    public String toJson() {
        return GSON.toJson(json());
    }

    private void validate() {
        if ((image == null) != (labels == null)) {
            throw new IllegalArgumentException("pipeline config: 'image' and 'labels' must be given together");
        }
        enumValue("synthPreset", synthPreset, SynthPreset.class);
        enumValue("boundary", boundary, BoundaryMode.class);
        if (synthShape == null || synthShape.length != 3 || synthShape[0] < 1 || synthShape[1] < 32 || synthShape[2] < 32) {
            throw new IllegalArgumentException("pipeline config 'synthShape' must be [depth, height, width] with height"
                    + " and width >= 32, got " + java.util.Arrays.toString(synthShape));
        }
        positive("testSections", testSections);
        atLeast("k", context, 0);
        if (strategies == null || strategies.isEmpty()) {
            throw new IllegalArgumentException("pipeline config 'strategies' needs at least one of none, uniform, outer-average");
        }
        for (String s : strategies) {
            strategies(List.of(s));
        }
        if (!EncoderRegistry.defaultRegistry().ids().contains(encoder)) {
            throw new IllegalArgumentException("pipeline config 'encoder': unknown architecture '" + encoder + "'; known: "
                    + EncoderRegistry.defaultRegistry().ids());
        }
        multipleOf32("tileSize", tileSize);
        multipleOf32("attributionCrop", attributionCrop);
        positive("predictBatchSize", predictBatchSize);
        positive("attributionSteps", attributionSteps);
        positive("attributionWindowsPerSection", attributionWindowsPerSection);
        atLeast("epochAttributionWindows", epochAttributionWindows, 0);
        atLeast("reportSections", reportSections, 0);
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("pipeline config 'threshold' must lie in (0, 1), got " + threshold);
        }
        attributionMethod();
        if (weights == null || out == null) {
            throw new IllegalArgumentException("pipeline config 'weights' and 'out' must not be null");
        }
    }

    private static void positive(String key, int value) {
        atLeast(key, value, 1);
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("pipeline config '" + key + "' must be >= " + min + ", got " + value);
        }
    }

    private static void multipleOf32(String key, int value) {
        if (value < 32 || value % 32 != 0) {
            throw new IllegalArgumentException("pipeline config '" + key + "' must be a positive multiple of 32, got "
                    + value);
        }
    }

    private static <E extends Enum<E>> E enumValue(String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("pipeline config '" + key + "': unknown value '" + value + "'; use one of "
                    + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }

    private static List<SymmetrizationStrategy> strategies(List<String> ids) {
        List<SymmetrizationStrategy> out = new ArrayList<>();
        for (String id : ids) {
            try {
                out.add(SymmetrizationStrategy.fromId(id));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pipeline config 'strategies': " + e.getMessage(), e);
            }
        }
        return out;
    }

    public Optional<Path> image() {
        return Optional.ofNullable(image).map(Path::of);
    }

    public String imageDataset() {
        return imageDataset;
    }

    public Optional<Path> labels() {
        return Optional.ofNullable(labels).map(Path::of);
    }

    public String labelsDataset() {
        return labelsDataset;
    }

    public boolean positiveIsZero() {
        return positiveIsZero;
    }

    public SynthPreset synthPreset() {
        return enumValue("synthPreset", synthPreset, SynthPreset.class);
    }

    public int[] synthShape() {
        return synthShape.clone();
    }

    public long synthSeed() {
        return synthSeed;
    }

    public int testSections() {
        return testSections;
    }

    public Path weights() {
        return Path.of(weights);
    }

    public String encoder() {
        return encoder;
    }

    public int context() {
        return context;
    }

    public BoundaryMode boundary() {
        return enumValue("boundary", boundary, BoundaryMode.class);
    }

    public List<SymmetrizationStrategy> strategies() {
        return strategies(strategies);
    }

    public int[] decoderChannels() {
        return decoderChannels == null ? null : decoderChannels.clone();
    }

    /**
     * The training settings: the keys of {@link #TRAINING_KEYS} over {@link #DEMO_TRAINING}; a variant's run
     * adds its checkpoint folder.
     */
    public SegmentationTrainingConfig training() {
        return training;
    }

    public int tileSize() {
        return tileSize;
    }

    public int predictBatchSize() {
        return predictBatchSize;
    }

    public double threshold() {
        return threshold;
    }

    public AttributionMethod attributionMethod() {
        return enumValue("attributionMethod", attributionMethod, AttributionMethod.class);
    }

    public int attributionSteps() {
        return attributionSteps;
    }

    public int attributionCrop() {
        return attributionCrop;
    }

    public int attributionWindowsPerSection() {
        return attributionWindowsPerSection;
    }

    public int epochAttributionWindows() {
        return epochAttributionWindows;
    }

    public int reportSections() {
        return reportSections;
    }

    public Path out() {
        return Path.of(out);
    }
}
