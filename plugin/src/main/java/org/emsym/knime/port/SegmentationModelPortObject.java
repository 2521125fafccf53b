package org.emsym.knime.port;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.emsym.engine.model.ModelScope;
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
 */
public final class SegmentationModelPortObject extends AbstractPortObject {

    /** Serializer registered in plugin.xml (extension point org.knime.core.PortType). */
    public static final class Serializer extends AbstractPortObjectSerializer<SegmentationModelPortObject> {
    }

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(SegmentationModelPortObject.class);

    static final String ENTRY_PREFIX = "bundle/";

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

    /** Rebuilds the network in {@code scope}, checking names, shapes and the parameter checksum. */
    public ModelBundle loadBundle(ModelScope scope) throws IOException {
        return scope.load(bundle);
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
        // the engine's one temp-then-move: a previous bundle is replaced in one move, or kept on failure
        try (AtomicTarget t = AtomicTarget.replacingFolder(folder.toAbsolutePath())) {
            Files.createDirectories(t.temp());
            for (String name : storedFiles()) {
                Files.copy(bundle.resolve(name), t.temp().resolve(name));
            }
            t.commit();
        }
    }

    /** The bundle's full metadata (including normalization settings and per-epoch history). */
    public ModelMetadata getMetadata() {
        return metadata;
    }

    @Override
    public SegmentationModelPortObjectSpec getSpec() {
        return spec;
    }

    @Override
    public String getSummary() {
        return spec.getEncoder() + " U-Net, " + spec.getInChannels() + " channels, " + spec.getClasses()
                + " classes, symmetrization " + spec.getSymmetrization() + ", " + spec.getHistorySummary();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    private List<String> storedFiles() {
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
            out.putNextEntry(new ZipEntry(ENTRY_PREFIX + name));
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
}
