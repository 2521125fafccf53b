package org.emsym.engine.interop.bioimageio;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.emsym.engine.interop.ImportedModel;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.util.FileChecksums;
import org.emsym.engine.model.io.Npy;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.OutputActivation;
import org.emsym.engine.predict.TileModel;
import org.emsym.engine.util.AtomicFiles;

/**
 * A bioimage.io model package (format 0.5.x) opened for prediction: a folder, a {@code .zip} or the path of its
 * description ({@code bioimageio.yaml}, {@code rdf.yaml} or {@code *.bioimageio.yaml}). A zip is unpacked into a
 * temporary folder that {@link #close()} removes.
 *
 * <p>The description must have one input and one output whose axes are batch, channel, y, x (in that order; the
 * channel axis holds the 2k+1 sections of a window, one channel for a 2-D model). Input sizes are fixed or
 * {@code {min, step}}; output sizes refer to the input's with offset 0 and may declare a halo. Anything else
 * (z or time axes, other orders, several tensors, preprocessing EMSym cannot apply) fails with an
 * {@link IOException} naming the description field. Weight files are checked against their {@code sha256}.
 *
 * <p>A package written by {@link PackageExporter} also carries the EMSym model bundle it was made from, in
 * {@value PackageExporter#BUNDLE_FOLDER}{@code /} and listed in {@code attachments}: {@link #emsymBundle()} gives
 * its folder, checksums verified, to read with {@code ModelBundle.load} where the package's own weights cannot run.
 *
 * <pre>{@code
 * try (ModelPackage pkg = ModelPackage.open(Path.of("model.zip"));
 *      PackageModel model = pkg.load(WeightFormat.ONNX)) {
 *     PredictedVolume p = model.predictor(image, BoundaryMode.REFLECT).build().probabilities(image);
 * }
 * }</pre>
 */
public final class ModelPackage implements AutoCloseable {

    /** Description file names looked for in a folder, in this order (then any {@code *.bioimageio.yaml}). */
    public static final List<String> DESCRIPTION_NAMES = List.of("bioimageio.yaml", "rdf.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path root;
    private final Path descriptionFile;
    private final Path unpacked;
    private final JsonNode description;
    private final Tensor input;
    private final Tensor output;
    private final Preprocessing preprocessing;
    private final Postprocessing postprocessing;

    /** What EMSym reads of one tensor description. */
    private record Tensor(String id, List<String> channelNames, boolean singleBatch, TileConstraint tiles, int halo,
            List<ProcessingStep> steps, String testTensor, String field) {
    }

    private ModelPackage(Path root, Path descriptionFile, Path unpacked, JsonNode description) throws IOException {
        this.root = root;
        this.descriptionFile = descriptionFile;
        this.unpacked = unpacked;
        this.description = description;
        String where = descriptionFile.toString();
        String type = description.path("type").asText("");
        if (!type.equals("model")) {
            throw new IOException(where + ": type is '" + type + "', not 'model'");
        }
        String version = description.path("format_version").asText("");
        if (!version.startsWith("0.5.")) {
            throw new IOException(where + ": format_version " + version + " is not supported; EMSym reads 0.5.x"
                    + " descriptions (convert older ones with bioimageio.spec)");
        }
        this.input = tensor(description.path("inputs"), "inputs", true, null);
        this.output = tensor(description.path("outputs"), "outputs", false, input);
        try {
            this.preprocessing = new Preprocessing(input.steps());
            this.postprocessing = new Postprocessing(output.steps());
        } catch (IOException e) {
            throw new IOException(where + ": " + e.getMessage(), e);
        }
        if (input.channelNames().size() % 2 == 0) {
            throw new IOException(where + ": inputs[0] has " + input.channelNames().size() + " channels; EMSym feeds"
                    + " 2k+1 sections of a window, an even channel count fits no symmetric window");
        }
    }

    /**
     * Opens a package folder, a {@code .zip} of one, or a description file.
     *
     * @throws FileNotFoundException when the path or the description is missing
     * @throws IOException naming the file and field when the description cannot be read or used
     */
    public static ModelPackage open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new FileNotFoundException("bioimage.io package " + path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            Path yaml = findDescription(path);
            return new ModelPackage(path, yaml, null, read(yaml));
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".zip")) {
            Path dir = Files.createTempDirectory("emsym-bioimageio-");
            try {
                unzip(path, dir);
                Path yaml = findDescription(dir);
                return new ModelPackage(dir, yaml, dir, read(yaml));
            } catch (IOException | RuntimeException e) {
                AtomicFiles.deleteRecursively(dir);
                throw new IOException(path + ": " + e.getMessage(), e);
            }
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            Path parent = path.toAbsolutePath().getParent();
            return new ModelPackage(parent, path, null, read(path));
        }
        throw new IOException(path + " is not a bioimage.io package: give its folder, a .zip or its rdf.yaml");
    }

    /**
     * Whether {@code path} names a package rather than an EMSym model bundle: a {@code .zip}, a {@code .yaml}
     * description, or a folder holding a description (and no bundle {@code model.json}).
     */
    public static boolean isPackage(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(path)) {
            if (Files.exists(path.resolve("model.json"))) {
                return false;
            }
            try {
                findDescription(path);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return name.endsWith(".zip") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static Path findDescription(Path dir) throws IOException {
        for (String n : DESCRIPTION_NAMES) {
            if (Files.isRegularFile(dir.resolve(n))) {
                return dir.resolve(n);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".bioimageio.yaml")).findFirst()
                    .orElseThrow(() -> new NoSuchFileException(dir.toString(), null,
                            "not a bioimage.io package: no bioimageio.yaml or rdf.yaml"));
        }
    }

    private static JsonNode read(Path yaml) throws IOException {
        try {
            JsonNode node = YAML.readTree(yaml.toFile());
            if (node == null || !node.isObject()) {
                throw new IOException(yaml + " is not a bioimage.io description (no YAML mapping)");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IOException(yaml + " is not readable YAML: " + e.getOriginalMessage(), e);
        }
    }

    private static void unzip(Path zip, Path dir) throws IOException {
        Path base = dir.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = base.resolve(e.getName()).normalize();
                if (!target.startsWith(base)) {
                    throw new IOException(zip + ": entry " + e.getName() + " points outside the package");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The folder holding the package's files. */
    public Path root() {
        return root;
    }

    public Path descriptionFile() {
        return descriptionFile;
    }

    /** The whole description as read. */
    public JsonNode description() {
        return description;
    }

    public String name() {
        return description.path("name").asText(root.getFileName() == null ? "model" : root.getFileName().toString());
    }

    /** The weight formats present that EMSym can run. */
    public Set<WeightFormat> weightFormats() {
        Set<WeightFormat> formats = EnumSet.noneOf(WeightFormat.class);
        for (WeightFormat f : WeightFormat.values()) {
            if (description.path("weights").hasNonNull(f.key())) {
                formats.add(f);
            }
        }
        return formats;
    }

    /**
     * The weight file of {@code format}, its {@code sha256} checked when the description gives one.
     *
     * @throws IOException naming the field when the format is absent, remote, missing or corrupted
     */
    public Path weights(WeightFormat format) throws IOException {
        String field = "weights." + format.key();
        JsonNode w = description.path("weights").path(format.key());
        if (w.isMissingNode() || w.isNull()) {
            throw new IOException(descriptionFile + ": " + field + " is absent; the package has "
                    + weightFormats().stream().map(WeightFormat::key).toList() + " of the formats EMSym runs (onnx, torchscript)");
        }
        Path file = file(w.path("source").asText(""), field + ".source");
        String sha = w.path("sha256").asText("");
        if (!sha.isEmpty()) {
            String actual = FileChecksums.sha256(List.of(file));
            if (!actual.equalsIgnoreCase(sha)) {
                throw new IOException(file + " is corrupted: SHA-256 " + actual + ", " + field + ".sha256 records " + sha);
            }
        }
        return file;
    }

    /**
     * The EMSym model bundle the package carries, when its {@code attachments} list
     * {@code emsym/model.json} and {@code emsym/model.params} ({@link PackageExporter#bundleFiles()}): the folder
     * holding them, to read with {@code ModelBundle.load} or {@code ModelBundle.readMetadata}. Each file's
     * {@code sha256}, when the attachment gives one, is checked here. For a zip the folder lies in the unpacked
     * copy, which {@link #close()} removes: read or copy the bundle before closing.
     *
     * @return empty when the attachments do not list both files (a package not written by EMSym)
     * @throws IOException naming the file when a listed file is missing or its SHA-256 differs from the description's
     */
    public Optional<Path> emsymBundle() throws IOException {
        JsonNode attachments = description.path("attachments");
        if (!attachments.isArray()) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        for (String name : PackageExporter.bundleFiles()) {
            Path expected = root.resolve(name).normalize();
            int index = -1;
            for (int i = 0; i < attachments.size(); i++) {
                String source = attachments.get(i).path("source").asText("");
                if (!source.isEmpty() && !source.contains("://") && names(source, expected)) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return Optional.empty();
            }
            String field = "attachments[" + index + "]";
            JsonNode entry = attachments.get(index);
            Path file = file(entry.path("source").asText(), field + ".source");
            String sha = entry.path("sha256").asText("");
            if (!sha.isEmpty()) {
                String actual = FileChecksums.sha256(List.of(file));
                if (!actual.equalsIgnoreCase(sha)) {
                    throw new IOException(file + " is corrupted: SHA-256 " + actual + ", " + field + ".sha256 records "
                            + sha);
                }
            }
            files.add(file);
        }
        return Optional.of(files.get(0).getParent());
    }

    /** Whether the package path {@code source} names the file {@code expected}. */
    private boolean names(String source, Path expected) {
        try {
            return root.resolve(source).normalize().equals(expected);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * The format EMSym prefers when the caller names none: ONNX when present and ONNX Runtime is on the class path
     * (or when it is the only format), else TorchScript.
     */
    public WeightFormat preferredFormat() throws IOException {
        Set<WeightFormat> f = weightFormats();
        if (f.isEmpty()) {
            throw new IOException(descriptionFile + ": weights has neither onnx nor torchscript; EMSym runs those two");
        }
        boolean onnx = f.contains(WeightFormat.ONNX)
                && (ImportedModel.available(ImportedModel.ONNX_RUNTIME) || !f.contains(WeightFormat.TORCHSCRIPT));
        return onnx ? WeightFormat.ONNX : WeightFormat.TORCHSCRIPT;
    }

    /** Loads the model with {@link #preferredFormat()}. */
    public PackageModel load() throws IOException {
        return load(preferredFormat());
    }

    /**
     * Loads the network of {@code format} with the declared pre- and postprocessing. Close the result.
     *
     * @throws IOException naming the file or field when the weights cannot be loaded or do not fit the axes
     */
    public PackageModel load(WeightFormat format) throws IOException {
        Path file = weights(format);
        if (format == WeightFormat.ONNX && !ImportedModel.available(ImportedModel.ONNX_RUNTIME)) {
            throw new IOException(descriptionFile + ": weights.onnx needs ONNX Runtime (the DJL engine '"
                    + ImportedModel.ONNX_RUNTIME + "'), which is not on the class path here, and the package has "
                    + (weightFormats().contains(WeightFormat.TORCHSCRIPT) ? "torchscript weights: choose those"
                            : "no weights.torchscript to run instead"));
        }
        int channels = input.channelNames().size();
        int classes = output.channelNames().size();
        String source = "bioimage.io model '" + name() + "' (" + file + ")";
        BlockTileModel network = switch (format) {
            case ONNX -> ImportedModel.onnx(file).activation(OutputActivation.NONE).inputChannels(channels).load();
            case TORCHSCRIPT -> torchScript(file, channels, classes, source);
        };
        try {
            if (network.inputChannels() != channels || network.classes() != classes) {
                throw new IOException(source + " takes " + network.inputChannels() + " channels and returns "
                        + network.classes() + ", but inputs[0].axes declare " + channels + " and outputs[0].axes " + classes);
            }
            return new PackageModel(network, preprocessing, postprocessing, input.tiles(), output.halo(), input.singleBatch(), source);
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private static BlockTileModel torchScript(Path file, int channels, int classes, String source) throws IOException {
        Model model = Model.newInstance(file.getFileName().toString(), "PyTorch");
        try {
            model.load(file.toAbsolutePath().getParent(), file.getFileName().toString());
            return BlockTileModel.builder(model.getBlock()).manager(model.getNDManager()).inputChannels(channels)
                    .classes(classes).activation(OutputActivation.NONE).source(source).owning(model).build();
        } catch (MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException("PyTorch cannot load TorchScript " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            model.close();
            throw e;
        }
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public Postprocessing postprocessing() {
        return postprocessing;
    }

    /** Output pixels at each tile border the description marks as unreliable ({@code outputs[0].axes[*].halo}, the larger). */
    public int halo() {
        return output.halo();
    }

    /** Tile sizes the input accepts ({@code inputs[0].axes[*].size}). */
    public TileConstraint tileConstraint() {
        return input.tiles();
    }

    /** Window context k of the input: {@code (channels - 1) / 2}. */
    public int context() {
        return (input.channelNames().size() - 1) / 2;
    }

    public List<String> inputChannelNames() {
        return input.channelNames();
    }

    public List<String> outputChannelNames() {
        return output.channelNames();
    }

    /** The input's test tensor ({@code inputs[0].test_tensor}). */
    public NamedTensor testInput() throws IOException {
        return Npy.read(file(input.testTensor(), "inputs[0].test_tensor.source"));
    }

    /** The output's test tensor ({@code outputs[0].test_tensor}). */
    public NamedTensor testOutput() throws IOException {
        return Npy.read(file(output.testTensor(), "outputs[0].test_tensor.source"));
    }

    private Path file(String source, String field) throws IOException {
        if (source == null || source.isEmpty()) {
            throw new IOException(descriptionFile + ": " + field + " is not given");
        }
        if (source.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new IOException(descriptionFile + ": " + field + " is the URL " + source + "; EMSym reads only files"
                    + " inside the package (download it into the package first)");
        }
        Path file = root.resolve(source).normalize();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, field + " of " + descriptionFile + " names a missing file");
        }
        return file;
    }

    private Tensor tensor(JsonNode list, String name, boolean isInput, Tensor in) throws IOException {
        String where = descriptionFile + ": ";
        if (!list.isArray() || list.size() != 1) {
            throw new IOException(where + name + " has " + (list.isArray() ? list.size() : 0) + " tensors; EMSym runs models"
                    + " with one input and one output");
        }
        JsonNode t = list.get(0);
        String field = name + "[0]";
        String id = t.path("id").asText(isInput ? "input" : "output");
        JsonNode axes = t.path("axes");
        List<String> types = new ArrayList<>();
        axes.forEach(a -> types.add(a.path("type").asText("?") + (a.path("type").asText("").equals("space")
                ? " " + a.path("id").asText("x") : "")));
        if (!types.equals(List.of("batch", "channel", "space y", "space x"))) {
            throw new IOException(where + field + ".axes are " + types + "; EMSym supports batch, channel, space y,"
                    + " space x in that order (2-D models; sections of a volume enter as channels)");
        }
        boolean singleBatch = axes.get(0).path("size").asInt(0) == 1;
        List<String> channels = new ArrayList<>();
        axes.get(1).path("channel_names").forEach(c -> channels.add(c.asText()));
        if (channels.isEmpty()) {
            throw new IOException(where + field + ".axes[1].channel_names is empty");
        }
        TileConstraint tiles = null;
        int halo = 0;
        if (isInput) {
            int[] y = inputSize(axes.get(2).path("size"), where + field + ".axes[2].size");
            int[] x = inputSize(axes.get(3).path("size"), where + field + ".axes[3].size");
            tiles = new TileConstraint(y[0], y[1], x[0], x[1], field + ".axes");
        } else {
            for (int i = 2; i < 4; i++) {
                JsonNode size = axes.get(i).path("size");
                String f = where + field + ".axes[" + i + "].size";
                if (!size.isObject() || !size.path("tensor_id").asText("").equals(in.id())
                        || !size.path("axis_id").asText("").equals(axes.get(i).path("id").asText("x"))
                        || size.path("offset").asInt(0) != 0) {
                    throw new IOException(f + " is " + size + "; EMSym supports outputs of the input's size"
                            + " ({tensor_id: " + in.id() + ", axis_id: " + axes.get(i).path("id").asText("x") + "})");
                }
                halo = Math.max(halo, axes.get(i).path("halo").asInt(0));
            }
        }
        List<ProcessingStep> steps = ProcessingStep.parseList(t.get(isInput ? "preprocessing" : "postprocessing"),
                field + (isInput ? ".preprocessing" : ".postprocessing"));
        return new Tensor(id, List.copyOf(channels), singleBatch, tiles, halo, steps,
                t.path("test_tensor").path("source").asText(""), field);
    }

    /** {min, step} of an input axis size: a number (step 0) or {min, step}. */
    private static int[] inputSize(JsonNode size, String field) throws IOException {
        if (size.isInt() && size.asInt() > 0) {
            return new int[] {size.asInt(), 0};
        }
        if (size.isObject() && size.path("min").isInt() && size.path("step").isInt()) {
            return new int[] {size.path("min").asInt(), size.path("step").asInt()};
        }
        throw new IOException(field + " is " + size + "; EMSym supports a fixed size or {min, step}");
    }

    /** Removes the unpacked copy of a zip (nothing for a folder). */
    @Override
    public void close() throws IOException {
        if (unpacked != null) {
            AtomicFiles.deleteRecursively(unpacked);
        }
    }

    @Override
    public String toString() {
        return "ModelPackage[" + descriptionFile + ", " + name() + "]";
    }
}
