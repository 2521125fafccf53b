package org.emsym.knime.port;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.UNet;

import ai.djl.ndarray.NDManager;

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
 * rebuilds the network under its own {@link NDManager} with {@link #loadBundle(NDManager)}. When KNIME saves the
 * workflow the bundle's files are written as zip entries {@code bundle/<file>}; loading unpacks them into a new
 * folder and checks the metadata, and the parameter checksum is verified whenever the bundle is loaded.
 */
public final class SegmentationModelPortObject extends AbstractPortObject {

    /** Serializer registered in plugin.xml (extension point org.knime.core.PortType). */
    public static final class Serializer extends AbstractPortObjectSerializer<SegmentationModelPortObject> {
    }

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(SegmentationModelPortObject.class);

    static final String ENTRY_PREFIX = "bundle/";

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
        SegmentationModelPortObject port = new SegmentationModelPortObject();
        Path folder = ModelBundleStore.newFolder(port);
        try {
            Path bundle = folder.resolve("bundle");
            ModelMetadata saved = ModelBundle.save(bundle, network, metadata);
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

    /** Rebuilds the network under {@code manager}, checking names, shapes and the parameter checksum. */
    public ModelBundle loadBundle(NDManager manager) throws IOException {
        return ModelBundle.load(bundle, manager);
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

    @Override
    protected void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        for (String name : BUNDLE_FILES) {
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
            for (String name : BUNDLE_FILES) {
                exec.checkCanceled();
                ZipEntry entry = in.getNextEntry();
                if (entry == null || !(ENTRY_PREFIX + name).equals(entry.getName())) {
                    throw new IOException("stored segmentation model: expected zip entry " + ENTRY_PREFIX + name
                            + ", got " + (entry == null ? "none" : entry.getName()));
                }
                try (OutputStream file = Files.newOutputStream(target.resolve(name))) {
                    in.transferTo(file);
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
