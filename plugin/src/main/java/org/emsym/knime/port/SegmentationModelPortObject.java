package org.emsym.knime.port;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.emsym.engine.interop.ImportedModel;
import org.emsym.engine.interop.bioimageio.ModelPackage;
import org.emsym.engine.interop.bioimageio.PackageExporter;
import org.emsym.engine.interop.bioimageio.WeightFormat;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.util.AtomicTarget;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.io.SafetensorsReader;
import org.emsym.engine.model.io.SafetensorsWriter;


import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A U-Net segmentation model passed between EMSym nodes. The network is not held in memory: the object owns a
 * {@link ModelBundle} folder ({@code model.json} + {@code model.params}) in temporary storage, and each consumer
 * rebuilds the network under its own {@link ModelScope} with {@link #loadBundle(ModelScope)}. When KNIME saves the
 * workflow the bundle's files are written as zip entries {@code bundle/<file>}; loading unpacks them into a new
 * folder and checks the metadata, and the parameter checksum is verified whenever the bundle is loaded.
 *
 * <p>A model made from pretrained weights also keeps the pretrained first-convolution kernel as read from the
 * weight file (usually RGB, 3 input channels; {@link #getSourceFirstConv()}), in a safetensors file beside the
 * bundle, so that the Weight Symmetrizer adapts the original kernel rather than an already adapted one.
 *
 * <p>The port holds a second kind of model: a bioimage.io model package ({@link #readPackage(Path)}), kept as its
 * files in a temporary folder and saved as zip entries {@code package/<path>}. Only the Segmentation Predictor runs
 * it ({@link #openPackage()}); nodes that need an EMSym U-Net refuse it in {@code configure}
 * ({@link SegmentationModelPortObjectSpec#requireEmsymModel(String)}). In KNIME a package runs with its TorchScript
 * weights: ONNX Runtime is not in the plugin bundle, so a package with only ONNX weights is refused when read. A
 * package exported by EMSym carries its EMSym bundle ({@link ModelPackage#emsymBundle()}); the Segmentation Model
 * Reader reads that with {@link #read(Path)} instead, giving an EMSym model rather than a package.
 */
public final class SegmentationModelPortObject extends AbstractPortObject {

    /** Serializer registered in plugin.xml (extension point org.knime.core.PortType). */
    public static final class Serializer extends AbstractPortObjectSerializer<SegmentationModelPortObject> {
    }

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(SegmentationModelPortObject.class);

    static final String ENTRY_PREFIX = "bundle/";

    /** Zip entry prefix of a bioimage.io package's files. */
    static final String PACKAGE_PREFIX = "package/";

    /** Name under which a package's description is stored, whatever it was called where it was read. */
    static final String PACKAGE_DESCRIPTION = "rdf.yaml";

    /** File in the bundle folder holding the pretrained first-convolution kernel, when known. */
    static final String SOURCE_FIRST_CONV_FILE = "source_first_conv.safetensors";

    private static final List<String> BUNDLE_FILES = List.of(ModelBundle.METADATA_FILE, ModelBundle.PARAMETERS_FILE);

    private SegmentationModelPortObjectSpec spec;
    private ModelMetadata metadata;
    private Path bundle;

    /** For the framework's serializer only; the object is filled by {@code load}. */
    public SegmentationModelPortObject() {
    }

    /**
     * Saves an initialized network with its metadata into a new bundle in temporary storage.
     *
     * @param metadata must describe {@code network} (see {@link ModelBundle#save})
     */
    public static SegmentationModelPortObject create(UNet network, ModelMetadata metadata) throws IOException {
        return create(network, metadata, null);
    }

    /**
     * As {@link #create(UNet, ModelMetadata)}, also keeping the pretrained first-convolution kernel the network's
     * first layer was adapted from.
     *
     * @param sourceFirstConv the kernel as read from the pretrained weights (out, in, kh, kw), or null
     */
    public static SegmentationModelPortObject create(UNet network, ModelMetadata metadata, NamedTensor sourceFirstConv)
            throws IOException {
        SegmentationModelPortObject port = new SegmentationModelPortObject();
        Path folder = ModelBundleStore.newFolder(port);
        try {
            Path bundle = folder.resolve("bundle");
            ModelMetadata saved = ModelBundle.save(bundle, network, metadata);
            if (sourceFirstConv != null) {
                SafetensorsWriter.write(bundle.resolve(SOURCE_FIRST_CONV_FILE), List.of(sourceFirstConv), Map.of());
            }
            port.init(bundle, saved);
            return port;
        } catch (IOException | RuntimeException e) {
            ModelBundleStore.delete(folder);
            throw e;
        }
    }

    private void init(Path bundleFolder, ModelMetadata meta) {
        this.bundle = bundleFolder;
        this.metadata = meta;
        this.spec = SegmentationModelPortObjectSpec.of(meta);
    }

    /**
     * Rebuilds the network in {@code scope}, checking names, shapes and the parameter checksum.
     *
     * @throws IOException if this model is a bioimage.io package (see {@link #openPackage()})
     */
    public ModelBundle loadBundle(ModelScope scope) throws IOException {
        requireBundle();
        return scope.load(bundle);
    }

    private void requireBundle() throws IOException {
        if (spec.isPackage()) {
            throw new IOException("Segmentation Model '" + spec.getEncoder() + "' is a bioimage.io package, not an"
                    + " EMSym model bundle");
        }
    }

    /** Whether this model is a bioimage.io package. */
    public boolean isPackage() {
        return spec.isPackage();
    }

    /**
     * Opens the stored bioimage.io package (description only; weights are loaded by {@link ModelPackage#load}).
     * Close the result.
     *
     * @throws IOException if this model is an EMSym bundle, or the stored package cannot be read
     */
    public ModelPackage openPackage() throws IOException {
        if (!spec.isPackage()) {
            throw new IOException("Segmentation Model '" + spec.getEncoder() + "' is an EMSym model bundle, not a"
                    + " bioimage.io package");
        }
        return ModelPackage.open(bundle);
    }

    /**
     * The spec of an opened package, from its description only; checks that the package can run here.
     *
     * @throws IOException naming the description and the field when it has no weights this plugin can run
     */
    public static SegmentationModelPortObjectSpec specOf(ModelPackage pkg) throws IOException {
        runnableFormat(pkg);
        return SegmentationModelPortObjectSpec.ofPackage(pkg.name(), pkg.inputChannelNames().size(),
                pkg.outputChannelNames().size(), pkg.preprocessing().toString(), pkg.halo(),
                pkg.weightFormats().stream().map(WeightFormat::key).sorted().collect(Collectors.joining(", ")));
    }

    /**
     * The weight format a package runs with here: TorchScript (DJL PyTorch) unless ONNX Runtime is on the class
     * path, which it is not in the KNIME bundle.
     *
     * @throws IOException naming weights.onnx when the package has only ONNX weights and ONNX Runtime is absent
     */
    public static WeightFormat runnableFormat(ModelPackage pkg) throws IOException {
        WeightFormat format = pkg.preferredFormat();
        if (format == WeightFormat.ONNX && !ImportedModel.available(ImportedModel.ONNX_RUNTIME)) {
            throw new IOException(pkg.descriptionFile() + ": the package has only weights.onnx, and ONNX Runtime is"
                    + " not in the EMSym KNIME bundle, so KNIME runs bioimage.io packages with their"
                    + " weights.torchscript only. Run this package with the emsym command line (predict -m), use"
                    + " a package that also has TorchScript weights, or export the model again with a current EMSym,"
                    + " whose packages carry the EMSym model bundle (emsym/) that KNIME runs.");
        }
        return format;
    }

    /**
     * A bioimage.io package read from disk: a folder holding {@code rdf.yaml} or {@code bioimageio.yaml}, a
     * {@code .zip} of one, or the description file itself. The description is checked, the package's files are
     * copied into temporary storage (the description as {@value #PACKAGE_DESCRIPTION}) and the checksum of the
     * weights it will run with is verified.
     *
     * @throws IOException naming the path, the description and the field at fault
     */
    public static SegmentationModelPortObject readPackage(Path path) throws IOException {
        SegmentationModelPortObject port = new SegmentationModelPortObject();
        Path store = ModelBundleStore.newFolder(port);
        try {
            Path copy = Files.createDirectory(store.resolve("package"));
            try (ModelPackage pkg = ModelPackage.open(path)) {
                specOf(pkg);
                copyPackage(pkg, copy);
            }
            try (ModelPackage stored = ModelPackage.open(copy)) {
                stored.weights(runnableFormat(stored)); // checks the sha256 the description records
                port.initPackage(copy, specOf(stored));
            } catch (IOException e) {
                throw new IOException(String.valueOf(e.getMessage()).replace(copy.toString(), path.toString()), e);
            }
            return port;
        } catch (IOException | RuntimeException e) {
            ModelBundleStore.delete(store);
            throw e;
        }
    }

    /** Copies the package's files except other descriptions; the description itself as rdf.yaml. */
    private static void copyPackage(ModelPackage pkg, Path target) throws IOException {
        Path root = pkg.root().toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !isDescription(root.relativize(f))).toList();
        }
        for (Path f : files) {
            Path to = target.resolve(root.relativize(f).toString());
            Files.createDirectories(to.getParent());
            Files.copy(f, to);
            writable(to);
        }
        writable(Files.copy(pkg.descriptionFile(), target.resolve(PACKAGE_DESCRIPTION)));
    }

    /**
     * A copy of a read-only file stays read-only (Windows cannot delete it then); the store must be able to delete
     * its copies. Best effort: on POSIX systems the folder's permissions decide deletion anyway.
     */
    private static void writable(Path file) {
        file.toFile().setWritable(true, true);
    }

    private static boolean isDescription(Path relative) {
        String name = relative.toString();
        return relative.getNameCount() == 1 && (ModelPackage.DESCRIPTION_NAMES.contains(name)
                || name.endsWith(".bioimageio.yaml"));
    }

    private void initPackage(Path folder, SegmentationModelPortObjectSpec packageSpec) {
        this.bundle = folder;
        this.metadata = null;
        this.spec = packageSpec;
    }

    /**
     * The pretrained first-convolution kernel this model's first layer was adapted from (as read from the weight
     * file), if the model was made from pretrained weights.
     */
    public Optional<NamedTensor> getSourceFirstConv() throws IOException {
        Path file = bundle.resolve(SOURCE_FIRST_CONV_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        var weights = SafetensorsReader.read(file);
        return Optional.of(weights.get(weights.names().iterator().next()));
    }

    /**
     * A model read from a bundle folder on disk (as the Segmentation Model Writer writes it): the folder's files
     * are copied into temporary storage and the network is rebuilt once under a scratch manager, so that a
     * missing, mismatched or corrupted parameter file fails here, naming the folder.
     *
     * @param folder a {@link ModelBundle} folder, optionally with the pretrained first-convolution kernel
     * @throws IOException naming {@code folder} if it is not a complete, intact bundle
     */
    public static SegmentationModelPortObject read(Path folder) throws IOException {
        ModelMetadata meta = ModelBundle.readMetadata(folder);
        SegmentationModelPortObject port = new SegmentationModelPortObject();
        Path store = ModelBundleStore.newFolder(port);
        try {
            Path copy = Files.createDirectory(store.resolve("bundle"));
            for (String name : BUNDLE_FILES) {
                Files.copy(folder.resolve(name), copy.resolve(name));
            }
            if (Files.isRegularFile(folder.resolve(SOURCE_FIRST_CONV_FILE))) {
                Files.copy(folder.resolve(SOURCE_FIRST_CONV_FILE), copy.resolve(SOURCE_FIRST_CONV_FILE));
            }
            ModelMetadata copied = ModelBundle.readMetadata(copy);
            if (!copied.parametersSha256().equals(meta.parametersSha256())) {
                throw new IOException("model bundle " + folder + " changed while it was read");
            }
            try (ModelScope scope = ModelScope.cpu()) {
                scope.load(copy); // checks checksum, names and shapes
            } catch (IOException e) {
                // name the user's folder rather than the temporary copy
                throw new IOException(String.valueOf(e.getMessage()).replace(copy.toString(), folder.toString()), e);
            }
            port.init(copy, copied);
            return port;
        } catch (IOException | RuntimeException e) {
            ModelBundleStore.delete(store);
            throw e;
        }
    }

    /**
     * Writes this model's bundle (with the pretrained first-convolution kernel, if kept) to {@code folder}. The
     * files are copied into a hidden temporary folder beside {@code folder}, which is then moved into place; an
     * existing {@code folder} is moved aside first and deleted only afterwards, so a failure never leaves a
     * half-written bundle. The caller decides whether an existing {@code folder} may be replaced.
     */
    public void writeBundle(Path folder) throws IOException {
        requireBundle();
        // the engine's one temp-then-move: a previous bundle is replaced in one move, or kept on failure
        try (AtomicTarget t = AtomicTarget.replacingFolder(folder.toAbsolutePath())) {
            Files.createDirectories(t.temp());
            for (String name : storedFiles()) {
                Files.copy(bundle.resolve(name), t.temp().resolve(name));
            }
            t.commit();
        }
    }

    /**
     * Writes this bioimage.io package, as it was read (description as {@value #PACKAGE_DESCRIPTION}), to a
     * {@code .zip} file or a folder, atomically: a temporary beside the target replaces it in one move, so a
     * failure leaves the previous target or nothing. The caller decides whether an existing target may be replaced.
     *
     * @throws IOException if this model is an EMSym bundle, or the target cannot be written
     */
    public void writePackage(Path target) throws IOException {
        if (!spec.isPackage()) {
            throw new IOException("Segmentation Model '" + spec.getEncoder() + "' is an EMSym model bundle, not a"
                    + " bioimage.io package");
        }
        Path out = target.toAbsolutePath();
        if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            AtomicFiles.write(out, stream -> PackageExporter.zip(bundle, stream));
            return;
        }
        try (AtomicTarget t = AtomicTarget.replacingFolder(out)) {
            for (String name : storedFiles()) {
                Path to = t.temp().resolve(name);
                Files.createDirectories(to.getParent());
                Files.copy(bundle.resolve(name), to);
            }
            t.commit();
        }
    }

    /** The bundle's full metadata (including normalization settings and per-epoch history); null for a package. */
    public ModelMetadata getMetadata() {
        return metadata;
    }

    @Override
    public SegmentationModelPortObjectSpec getSpec() {
        return spec;
    }

    @Override
    public String getSummary() {
        if (spec.isPackage()) {
            return "bioimage.io package '" + spec.getEncoder() + "', " + spec.getInChannels() + " channels, "
                    + spec.getClasses() + " outputs, halo " + spec.getHalo() + ", weights " + spec.getSourceFormat();
        }
        return spec.getEncoder() + " U-Net, " + spec.getInChannels() + " channels, " + spec.getClasses()
                + " classes, symmetrization " + spec.getSymmetrization() + ", " + spec.getHistorySummary();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    private List<String> storedFiles() throws IOException {
        if (spec.isPackage()) {
            try (Stream<Path> walk = Files.walk(bundle)) {
                return walk.filter(Files::isRegularFile).map(f -> bundle.relativize(f).toString().replace('\\', '/'))
                        .sorted().toList();
            }
        }
        List<String> files = new ArrayList<>(BUNDLE_FILES);
        if (Files.isRegularFile(bundle.resolve(SOURCE_FIRST_CONV_FILE))) {
            files.add(SOURCE_FIRST_CONV_FILE);
        }
        return files;
    }

    @Override
    protected void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        for (String name : storedFiles()) {
            exec.checkCanceled();
            out.putNextEntry(new ZipEntry((spec.isPackage() ? PACKAGE_PREFIX : ENTRY_PREFIX) + name));
            Files.copy(bundle.resolve(name), out);
            out.closeEntry();
        }
    }

    @Override
    protected void load(PortObjectZipInputStream in, PortObjectSpec loadedSpec, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        if (!(loadedSpec instanceof SegmentationModelPortObjectSpec modelSpec)) {
            throw new IOException("expected a segmentation model spec, got " + loadedSpec);
        }
        Path folder = ModelBundleStore.newFolder(this);
        if (modelSpec.isPackage()) {
            try {
                loadPackage(in, modelSpec, exec, Files.createDirectory(folder.resolve("package")));
                return;
            } catch (IOException | RuntimeException | CanceledExecutionException e) {
                ModelBundleStore.delete(folder);
                throw e;
            }
        }
        try {
            Path target = Files.createDirectory(folder.resolve("bundle"));
            List<String> expected = new ArrayList<>(BUNDLE_FILES);
            expected.add(SOURCE_FIRST_CONV_FILE);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                exec.checkCanceled();
                String name = entry.getName().startsWith(ENTRY_PREFIX) ? entry.getName().substring(ENTRY_PREFIX.length()) : "";
                if (!expected.remove(name)) {
                    throw new IOException("stored segmentation model: unexpected zip entry " + entry.getName());
                }
                try (OutputStream file = Files.newOutputStream(target.resolve(name))) {
                    in.transferTo(file);
                }
            }
            for (String name : BUNDLE_FILES) {
                if (!Files.isRegularFile(target.resolve(name))) {
                    throw new IOException("stored segmentation model: zip entry " + ENTRY_PREFIX + name + " is missing");
                }
            }
            ModelMetadata meta = ModelBundle.readMetadata(target);
            init(target, meta);
            if (!spec.equals(modelSpec)) {
                throw new IOException("stored segmentation model: its " + ModelBundle.METADATA_FILE
                        + " does not match its stored spec (" + spec + " vs " + modelSpec + ")");
            }
        } catch (IOException | RuntimeException | CanceledExecutionException e) {
            ModelBundleStore.delete(folder);
            throw e;
        }
    }

    private void loadPackage(PortObjectZipInputStream in, SegmentationModelPortObjectSpec modelSpec,
            ExecutionMonitor exec, Path target) throws IOException, CanceledExecutionException {
        Path base = target.toAbsolutePath().normalize();
        for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            exec.checkCanceled();
            String name = entry.getName();
            Path file = base.resolve(name.startsWith(PACKAGE_PREFIX) ? name.substring(PACKAGE_PREFIX.length()) : "")
                    .normalize();
            if (!name.startsWith(PACKAGE_PREFIX) || !file.startsWith(base) || file.equals(base)) {
                throw new IOException("stored bioimage.io package: unexpected zip entry " + name);
            }
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            }
        }
        if (!Files.isRegularFile(target.resolve(PACKAGE_DESCRIPTION))) {
            throw new IOException("stored bioimage.io package: zip entry " + PACKAGE_PREFIX + PACKAGE_DESCRIPTION
                    + " is missing");
        }
        SegmentationModelPortObjectSpec stored;
        try (ModelPackage pkg = ModelPackage.open(target)) {
            stored = specOf(pkg);
        }
        if (!stored.equals(modelSpec)) {
            throw new IOException("stored bioimage.io package: its " + PACKAGE_DESCRIPTION + " does not match its"
                    + " stored spec (" + stored + " vs " + modelSpec + ")");
        }
        initPackage(target, stored);
    }
}
