package org.emsym.engine.interop.bioimageio;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.interop.onnx.OnnxExporter;
import org.emsym.engine.interop.onnx.OnnxGraph;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.io.Npy;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.util.AtomicTarget;
import org.emsym.engine.util.FileChecksums;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;

/**
 * Writes an EMSym {@link ModelBundle} as a bioimage.io model package (format {@value #FORMAT_VERSION}) to a folder
 * or, when the target ends in {@code .zip}, a zip; atomically either way (a temporary beside the target, moved
 * into place only when complete).
 *
 * <p>The package holds {@value #DESCRIPTION} (the description), {@code weights.onnx} ({@link OnnxExporter}, output
 * probabilities) with its SHA-256, {@code test_input.npy} / {@code test_output.npy} (the output computed by the
 * bundle's own network on the preprocessed input), {@code cover.png} (test input and output overlay, attribution
 * shares when given), {@code documentation.md} (training data, first-layer strategy, symmetry report,
 * attribution shares with intervals when given), and the EMSym bundle itself in {@value #BUNDLE_FOLDER}{@code /}
 * ({@code model.json}, {@code model.params}, written by {@link ModelBundle#save}), listed with their SHA-256 as the
 * description's {@code attachments}. Other tools ignore the attachments; EMSym reads them back as an ordinary model
 * bundle ({@link ModelPackage#emsymBundle()}), so a package runs where ONNX Runtime is absent (the KNIME plugin).
 *
 * <p>Axes: batch; channel with the 2k+1 sections named {@code z-k .. z+k}; y and x of size {@code min + n * 32}
 * where {@code min} leaves room for the measured halo ({@link HaloEstimate}). The input normalization the bundle
 * records becomes spec operations: TYPE_MAX a {@code scale_linear} with gain 1/(type maximum) of the input pixel
 * type ({@link Builder#optInputPixelType}, default uint8; float32 none), PERCENTILE {@code scale_range} then
 * {@code clip} to [0, 1], MIN_MAX {@code scale_range} 0..100, MEAN_STD {@code zero_mean_unit_variance}, each
 * after {@code ensure_dtype: float32}.
 *
 * <pre>{@code
 * PackageExporter.builder().optAuthors(List.of(new PackageExporter.Author("A. Biologist", "EM lab", null)))
 *         .optLicense("CC-BY-4.0").build().write(bundle, Path.of("model.zip"));
 * }</pre>
 */
public final class PackageExporter {

    /** The 0.5 format version of the JSON Schema this writer's descriptions are checked against. */
    public static final String FORMAT_VERSION = "0.5.7";
    /** File name of the description in the package. */
    public static final String DESCRIPTION = "rdf.yaml";
    public static final String WEIGHTS = "weights.onnx";
    public static final String TEST_INPUT = "test_input.npy";
    public static final String TEST_OUTPUT = "test_output.npy";
    public static final String COVER = "cover.png";
    public static final String DOCUMENTATION = "documentation.md";
    /** Folder of the package holding the EMSym model bundle ({@code model.json}, {@code model.params}). */
    public static final String BUNDLE_FOLDER = "emsym";
    /** The input tensor's id. */
    public static final String INPUT_ID = "raw";
    /** The output tensor's id. */
    public static final String OUTPUT_ID = "probability";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** An author of the model (name required). */
    public record Author(String name, String affiliation, String orcid) {
        public Author {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("an author needs a name");
            }
        }

        /** An author written {@code name[;affiliation[;orcid]]} (blank parts are absent), as the CLI and KNIME take it. */
        public static Author parse(String text) {
            String[] p = text.split(";", -1);
            return new Author(p[0].trim(), part(p, 1), part(p, 2));
        }
    }

    private static String part(String[] parts, int i) {
        return parts.length > i && !parts[i].isBlank() ? parts[i].trim() : null;
    }

    /** A reference to cite: text and a DOI or URL (either may be null). */
    public record Citation(String text, String doi, String url) {
        public Citation {
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("a citation needs a text");
            }
            if (doi != null && !doi.matches("^10\\.[0-9]{4}.+$")) {
                throw new IllegalArgumentException("DOI '" + doi + "' is not of the form 10.NNNN/...");
            }
        }

        /** A citation with a reference that is a DOI when it starts with {@code 10.}, else a URL; blank or null: none. */
        public static Citation of(String text, String reference) {
            String ref = reference == null || reference.isBlank() ? null : reference.trim();
            boolean doi = ref != null && ref.startsWith("10.");
            return new Citation(text == null ? null : text.trim(), doi ? ref : null, doi ? null : ref);
        }
    }

    /** What every EMSym package cites: the U-Net. Encoders add their own paper. */
    public static final Citation UNET = new Citation("Ronneberger, Fischer, Brox. U-Net: Convolutional networks for"
            + " biomedical image segmentation. MICCAI 2015.", "10.1007/978-3-319-24574-4_28", null);

    private final String name;
    private final String description;
    private final List<Author> authors;
    private final String license;
    private final List<Citation> cite;
    private final String trainingData;
    private final PixelType inputPixelType;
    private final Volume testImage;
    private final AsymmetrySummary attribution;
    private final long seed;

    private PackageExporter(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.authors = List.copyOf(b.authors);
        this.license = b.license;
        this.cite = List.copyOf(b.cite);
        this.trainingData = b.trainingData;
        this.inputPixelType = b.inputPixelType;
        this.testImage = b.testImage;
        this.attribution = b.attribution;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The package name: as set, else "EMSym U-Net &lt;encoder&gt; k=&lt;k&gt;". */
    public String name(ModelMetadata meta) {
        return name != null ? name : "EMSym U-Net " + meta.encoder() + " k=" + meta.context();
    }

    public PixelType inputPixelType() {
        return inputPixelType;
    }

    public Optional<String> trainingData() {
        return Optional.ofNullable(trainingData);
    }

    public Optional<AsymmetrySummary> attribution() {
        return Optional.ofNullable(attribution);
    }

    /**
     * The preprocessing steps that express {@code spec} for raw inputs of {@code pixelType} (the pixel type
     * matters only to TYPE_MAX).
     */
    public static List<ProcessingStep> preprocessing(NormalizationSpec spec, PixelType pixelType) {
        List<ProcessingStep> steps = new ArrayList<>();
        steps.add(ProcessingStep.of("ensure_dtype", JSON.objectNode().put("dtype", "float32")));
        switch (spec.method()) {
            case NONE -> { }
            case TYPE_MAX -> {
                if (pixelType != PixelType.FLOAT32) {
                    steps.add(ProcessingStep.of("scale_linear", JSON.objectNode().put("gain", 1.0 / pixelType.maxValue())
                            .put("offset", 0.0)));
                }
            }
            case MIN_MAX -> steps.add(ProcessingStep.of("scale_range", statistics().put("min_percentile", 0.0)
                    .put("max_percentile", 100.0)));
            case PERCENTILE -> {
                steps.add(ProcessingStep.of("scale_range", statistics().put("min_percentile", spec.lowPercentile())
                        .put("max_percentile", spec.highPercentile())));
                steps.add(ProcessingStep.of("clip", JSON.objectNode().put("min", 0.0).put("max", 1.0)));
            }
            case MEAN_STD -> steps.add(ProcessingStep.of("zero_mean_unit_variance", statistics()));
            default -> throw new AssertionError(spec);
        }
        return steps;
    }

    /** kwargs of a statistics step: over channel, y and x (the whole sample), the spec's default eps. */
    private static ObjectNode statistics() {
        ObjectNode kwargs = JSON.objectNode();
        kwargs.putArray("axes").add("channel").add("y").add("x");
        kwargs.put("eps", ProcessingStep.DEFAULT_EPS);
        return kwargs;
    }

    /**
     * Writes the package of {@code bundle} to {@code target} (a folder that must be absent or empty, or a
     * {@code .zip} file, replaced when present).
     *
     * @return {@code target}
     * @throws IOException naming the target when it cannot be written; nothing is left behind then
     * @throws IllegalArgumentException when the test image is too small for the model
     */
    public Path write(ModelBundle bundle, Path target) throws IOException {
        Objects.requireNonNull(bundle, "bundle");
        Path out = target.toAbsolutePath();
        boolean zip = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
        if (zip) {
            if (Files.isDirectory(out)) {
                throw new IOException(target + " is a folder; a .zip target must be a file");
            }
            Path staging = Files.createTempDirectory(out.getParent(), "." + out.getFileName() + ".staging");
            try {
                fill(bundle, staging);
                AtomicFiles.write(out, stream -> zip(staging, stream));
            } finally {
                AtomicFiles.deleteRecursively(staging);
            }
        } else {
            try (AtomicTarget t = AtomicTarget.folder(out)) {
                fill(bundle, t.temp());
                t.commit();
            }
        }
        return target;
    }

    private void fill(ModelBundle bundle, Path dir) throws IOException {
        ModelMetadata meta = bundle.metadata();
        UNet net = bundle.network();
        int k = meta.context();
        int channels = 2 * k + 1;
        int classes = meta.classes();
        int multiple = net.sizeMultiple();
        List<ProcessingStep> steps = preprocessing(meta.inputNormalization(), inputPixelType);
        int halo;
        int size;
        float[] input;
        float[] output;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) { // EMSym's U-Nets run on DJL's PyTorch engine
            BlockTileModel network = BlockTileModel.builder(net).manager(manager).inputChannels(channels).classes(classes)
                    .source("model bundle " + name(meta)).build();
            halo = HaloEstimate.measure(network, seed);
            size = Math.max(64, roundUp(2 * halo + 1, multiple));
            input = testInput(channels, size);
            float[][] sections = new float[channels][];
            for (int c = 0; c < channels; c++) {
                sections[c] = java.util.Arrays.copyOfRange(input, c * size * size, (c + 1) * size * size);
            }
            ArrayVolume sample = new ArrayVolume(new VolumeShape(channels, size, size),
                    testImage != null ? testImage.pixelType() : inputPixelType, sections);
            var transform = new Preprocessing(steps).fit(sample);
            float[] preprocessed = new float[input.length];
            for (int c = 0; c < channels; c++) {
                System.arraycopy(transform.apply(sample.readSection(c)), 0, preprocessed, c * size * size, size * size);
            }
            output = network.predict(preprocessed, 1, size, size);
        }
        OnnxGraph graph = OnnxExporter.builder().build().toGraph(net);
        graph.write(dir.resolve(WEIGHTS));
        Npy.write(dir.resolve(TEST_INPUT), new NamedTensor(INPUT_ID, new long[] {1, channels, size, size}, input));
        Npy.write(dir.resolve(TEST_OUTPUT), new NamedTensor(OUTPUT_ID, new long[] {1, classes, size, size}, output));
        float[] centre = java.util.Arrays.copyOfRange(input, k * size * size, (k + 1) * size * size);
        float[] foreground = java.util.Arrays.copyOfRange(output, (classes - 1) * size * size, classes * size * size);
        AtomicFiles.write(dir.resolve(COVER), CoverImage.png(centre, foreground, size, caption()));
        ModelBundle.save(dir.resolve(BUNDLE_FOLDER), net, meta);
        AtomicFiles.write(dir.resolve(DOCUMENTATION), PackageDocumentation.markdown(meta, this, steps, halo, size, multiple)
                .getBytes(StandardCharsets.UTF_8));
        ObjectNode rdf = description(meta, steps, halo, size, multiple, dir);
        AtomicFiles.write(dir.resolve(DESCRIPTION), YAML.writeValueAsBytes(rdf));
    }

    private List<String> caption() {
        if (attribution == null) {
            return List.of();
        }
        StringBuilder line = new StringBuilder("attribution shares:");
        for (int c = 0; c < attribution.channelShares().size(); c++) {
            line.append(String.format(Locale.ROOT, " %s %.2f", AsymmetrySummary.channelLabel(c, attribution.context()),
                    attribution.channelShares().get(c).mean()));
        }
        return List.of(line.toString());
    }

    private ObjectNode description(ModelMetadata meta, List<ProcessingStep> steps, int halo, int size, int multiple,
            Path dir) throws IOException {
        int k = meta.context();
        ObjectNode rdf = JSON.objectNode();
        rdf.put("format_version", FORMAT_VERSION);
        rdf.put("type", "model");
        rdf.put("name", name(meta));
        rdf.put("description", description != null ? description : String.format(Locale.ROOT, "2.5D U-Net (%s encoder)"
                + " for segmenting volume electron microscopy: %d consecutive sections in, the centre section's"
                + " probabilities out. Made with EMSym" + (meta.history().isEmpty() ? " (no training recorded)."
                : ", trained " + meta.history().size() + " epochs."), meta.encoder(), 2 * k + 1));
        ArrayNode authorList = rdf.putArray("authors");
        for (Author a : authors) {
            ObjectNode o = authorList.addObject().put("name", a.name());
            if (a.affiliation() != null) {
                o.put("affiliation", a.affiliation());
            }
            if (a.orcid() != null) {
                o.put("orcid", a.orcid());
            }
        }
        ArrayNode citeList = rdf.putArray("cite");
        List<Citation> all = new ArrayList<>();
        all.add(UNET);
        encoderCitation(meta.encoder()).ifPresent(all::add);
        all.addAll(cite);
        for (Citation c : all) {
            ObjectNode o = citeList.addObject().put("text", c.text());
            if (c.doi() != null) {
                o.put("doi", c.doi());
            }
            if (c.url() != null) {
                o.put("url", c.url());
            }
        }
        rdf.put("license", license);
        ArrayNode tags = rdf.putArray("tags");
        Stream.of("emsym", "electron-microscopy", "volume-em", "2.5d", "segmentation", "unet", meta.encoder(), "onnx")
                .forEach(tags::add);
        rdf.putArray("covers").add(COVER);
        rdf.put("documentation", DOCUMENTATION);
        rdf.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());

        ObjectNode in = rdf.putArray("inputs").addObject();
        in.put("id", INPUT_ID);
        in.put("description", (2 * k + 1) + " consecutive sections z-" + k + " .. z+" + k + " of a volume, centred on"
                + " the section to segment");
        ArrayNode inAxes = in.putArray("axes");
        inAxes.addObject().put("type", "batch");
        ArrayNode names = inAxes.addObject().put("type", "channel").putArray("channel_names");
        for (int c = 0; c < 2 * k + 1; c++) {
            names.add(AsymmetrySummary.channelLabel(c, k));
        }
        for (String axis : List.of("y", "x")) {
            ObjectNode a = inAxes.addObject().put("type", "space").put("id", axis);
            a.putObject("size").put("min", size).put("step", multiple);
        }
        in.set("test_tensor", file(dir, TEST_INPUT));
        in.putObject("data").put("type", "float32");
        ArrayNode pre = in.putArray("preprocessing");
        for (ProcessingStep s : steps) {
            ObjectNode o = pre.addObject().put("id", s.id());
            if (!s.kwargs().isEmpty()) {
                o.set("kwargs", s.kwargs());
            }
        }

        ObjectNode outTensor = rdf.putArray("outputs").addObject();
        outTensor.put("id", OUTPUT_ID);
        outTensor.put("description", meta.classes() == 1 ? "foreground probability of the centre section"
                : "class probabilities (softmax over channels) of the centre section");
        ArrayNode outAxes = outTensor.putArray("axes");
        outAxes.addObject().put("type", "batch");
        ArrayNode classNames = outAxes.addObject().put("type", "channel").putArray("channel_names");
        if (meta.classes() == 1) {
            classNames.add("probability");
        } else {
            for (int c = 0; c < meta.classes(); c++) {
                classNames.add("class" + c);
            }
        }
        for (String axis : List.of("y", "x")) {
            ObjectNode a = outAxes.addObject().put("type", "space").put("id", axis);
            if (halo > 0) {
                a.put("halo", halo);
            }
            a.putObject("size").put("tensor_id", INPUT_ID).put("axis_id", axis);
        }
        outTensor.set("test_tensor", file(dir, TEST_OUTPUT));
        ObjectNode data = outTensor.putObject("data").put("type", "float32");
        data.putArray("range").add(0.0).add(1.0);

        ObjectNode onnx = rdf.putObject("weights").putObject("onnx");
        onnx.put("source", WEIGHTS);
        onnx.put("sha256", FileChecksums.sha256(List.of(dir.resolve(WEIGHTS))));
        onnx.put("opset_version", OnnxGraph.OPSET);
        onnx.put("comment", "exported by EMSym from its model bundle: batch norms folded into the convolutions,"
                + " output probabilities");

        ArrayNode attachments = rdf.putArray("attachments");
        for (String f : bundleFiles()) {
            attachments.add(file(dir, f));
        }

        ObjectNode config = rdf.putObject("config");
        ObjectNode bioimageio = config.putObject("bioimageio");
        bioimageio.put("architecture_type", "unet");
        bioimageio.put("modality", "volume electron microscopy");
        bioimageio.put("task", "semantic segmentation");
        ObjectNode emsym = config.putObject("emsym");
        emsym.put("encoder", meta.encoder());
        emsym.put("k", k);
        emsym.put("classes", meta.classes());
        emsym.put("upsampling", meta.upsampling());
        emsym.put("normalization", meta.inputNormalization().toString());
        emsym.put("halo_tolerance", HaloEstimate.TOLERANCE);
        if (meta.symmetrization() != null) {
            emsym.put("symmetrization", meta.symmetrization().summary());
        }
        return rdf;
    }

    /**
     * The package paths of the EMSym bundle's files, {@code emsym/model.json} and {@code emsym/model.params}, as the
     * description's {@code attachments} list them.
     */
    public static List<String> bundleFiles() {
        return List.of(BUNDLE_FOLDER + "/" + ModelBundle.METADATA_FILE, BUNDLE_FOLDER + "/" + ModelBundle.PARAMETERS_FILE);
    }

    private static ObjectNode file(Path dir, String name) throws IOException {
        return JSON.objectNode().put("source", name).put("sha256", FileChecksums.sha256(List.of(dir.resolve(name))));
    }

    private static Optional<Citation> encoderCitation(String encoder) {
        if (encoder.startsWith("resnet")) {
            return Optional.of(new Citation("He, Zhang, Ren, Sun. Deep residual learning for image recognition. CVPR 2016.",
                    "10.1109/CVPR.2016.90", null));
        }
        if (encoder.startsWith("mobilenet")) {
            return Optional.of(new Citation("Sandler, Howard, Zhu, Zhmoginov, Chen. MobileNetV2: Inverted residuals and"
                    + " linear bottlenecks. CVPR 2018.", "10.1109/CVPR.2018.00474", null));
        }
        return Optional.empty();
    }

    /** {@code channels} sections of {@code size^2}: the centre of the test image, or a seeded synthetic pattern. */
    private float[] testInput(int channels, int size) {
        float[] values = new float[channels * size * size];
        if (testImage != null) {
            VolumeShape s = testImage.shape();
            if (s.depth() < channels || s.height() < size || s.width() < size) {
                throw new IllegalArgumentException("test image " + testImage.source() + " of " + s + " is smaller than one"
                        + " test window of " + channels + " sections of " + size + " x " + size);
            }
            int z0 = (s.depth() - channels) / 2;
            int y0 = (s.height() - size) / 2;
            int x0 = (s.width() - size) / 2;
            float[][] slab = testImage.readSlab(z0, z0 + channels);
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < size; y++) {
                    System.arraycopy(slab[c], (y + y0) * s.width() + x0, values, (c * size + y) * size, size);
                }
            }
            return values;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double max = inputPixelType == PixelType.FLOAT32 ? 1.0 : Math.min(255, inputPixelType.maxValue());
        double fy = 0.1 + 0.1 * random.nextDouble();
        double fx = 0.1 + 0.1 * random.nextDouble();
        for (int c = 0; c < channels; c++) {
            double phase = 0.3 * c;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = 0.5 + 0.35 * Math.sin(fy * y + phase) * Math.cos(fx * x - phase) + 0.05 * random.nextGaussian();
                    v = Math.max(0, Math.min(1, v)) * max;
                    values[(c * size + y) * size + x] = (float) (inputPixelType == PixelType.FLOAT32 ? v : Math.round(v));
                }
            }
        }
        return values;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /**
     * Writes the files of a package folder (and of its subfolders) to {@code out} as a zip, entries named by their
     * path inside the folder with {@code /}, in sorted order; {@code out} is finished, not closed.
     */
    public static void zip(Path dir, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            zip.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    /** Settings of a {@link PackageExporter}; all optional. */
    public static final class Builder {
        private String name;
        private String description;
        private final List<Author> authors = new ArrayList<>();
        private String license = "CC-BY-4.0";
        private final List<Citation> cite = new ArrayList<>();
        private String trainingData;
        private PixelType inputPixelType = PixelType.UINT8;
        private Volume testImage;
        private AsymmetrySummary attribution;
        private long seed = 42;

        private Builder() {
        }

        /** Package name (5 to 128 characters); default "EMSym U-Net &lt;encoder&gt; k=&lt;k&gt;". */
        public Builder optName(String value) {
            if (value == null || value.length() < 5 || value.length() > 128) {
                throw new IllegalArgumentException("a bioimage.io name has 5 to 128 characters, got '" + value + "'");
            }
            this.name = value;
            return this;
        }

        public Builder optDescription(String value) {
            this.description = Objects.requireNonNull(value, "description");
            return this;
        }

        public Builder optAuthors(List<Author> value) {
            authors.clear();
            authors.addAll(value);
            return this;
        }

        /** An SPDX licence identifier (default CC-BY-4.0, bioimage.io's usual licence for models). */
        public Builder optLicense(String spdx) {
            if (spdx == null || spdx.isBlank()) {
                throw new IllegalArgumentException("licence must be an SPDX identifier, e.g. CC-BY-4.0 or MIT");
            }
            this.license = spdx;
            return this;
        }

        /** References to cite beyond the architecture's (the paper, the data). */
        public Builder optCite(List<Citation> value) {
            cite.clear();
            cite.addAll(value);
            return this;
        }

        /** A sentence on the training data, for the documentation. */
        public Builder optTrainingData(String value) {
            this.trainingData = Objects.requireNonNull(value, "trainingData");
            return this;
        }

        /** Pixel type of the raw input the model was trained on (TYPE_MAX's gain); default uint8. */
        public Builder optInputPixelType(PixelType value) {
            this.inputPixelType = Objects.requireNonNull(value, "inputPixelType");
            return this;
        }

        /** A volume whose centre window becomes the test input (default: a seeded synthetic pattern). */
        public Builder optTestImage(Volume value) {
            this.testImage = Objects.requireNonNull(value, "testImage");
            return this;
        }

        /** Measured attribution shares with intervals, for the documentation and the cover. */
        public Builder optAttribution(AsymmetrySummary value) {
            this.attribution = Objects.requireNonNull(value, "attribution");
            return this;
        }

        /** Seed of the synthetic test input and of the halo measurement's input (default 42). */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        public PackageExporter build() {
            return new PackageExporter(this);
        }
    }
}
