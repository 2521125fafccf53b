package org.emsym.knime.port;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.emsym.engine.progress.CanceledException;
import org.emsym.engine.volume.Volume;
import org.emsym.knime.util.KnimeProgress;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A grayscale z-stack passed between EMSym nodes. The voxels stay on disk: the object holds a lazily read
 * {@link Volume} and, when KNIME saves the workflow, streams it section by section into the port's zip entry
 * {@code volume.raw} (raw big-endian voxels in the pixel type, {@link RawVolumeCodec}); loading spools that
 * entry into a {@link RawVolume} file rather than into memory.
 */
public final class VolumePortObject extends AbstractPortObject {

    /** Serializer registered in plugin.xml (extension point org.knime.core.PortType). */
    public static final class Serializer extends AbstractPortObjectSerializer<VolumePortObject> {
    }

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(VolumePortObject.class);

    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(VolumePortObject.class, true);

    static final String DATA_ENTRY = "volume.raw";

    private VolumePortObjectSpec spec;
    private Volume volume;

    /** For the framework's serializer only; the object is filled by {@code load}. */
    public VolumePortObject() {
    }

    /**
     * @throws IllegalArgumentException if the volume's shape or pixel type differ from the spec's
     */
    public VolumePortObject(VolumePortObjectSpec spec, Volume volume) {
        if (!spec.getShape().equals(volume.shape()) || spec.getPixelType() != volume.pixelType()) {
            throw new IllegalArgumentException("volume " + volume.source() + " is " + volume.shape() + " "
                    + volume.pixelType() + " but its spec says " + spec.getShape() + " " + spec.getPixelType());
        }
        this.spec = spec;
        this.volume = volume;
    }

    /** The voxels, read lazily slab by slab. */
    public Volume getVolume() {
        return volume;
    }

    @Override
    public VolumePortObjectSpec getSpec() {
        return spec;
    }

    @Override
    public String getSummary() {
        return "Volume " + spec.getShape() + " " + spec.getPixelType();
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    protected void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        out.putNextEntry(new ZipEntry(DATA_ENTRY));
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        try {
            RawVolumeCodec.write(volume, buffered, KnimeProgress.sink(exec), KnimeProgress.cancellation(exec));
        } catch (CanceledException e) {
            throw new CanceledExecutionException(e.getMessage());
        }
        buffered.flush();
        out.closeEntry();
    }

    @Override
    protected void load(PortObjectZipInputStream in, PortObjectSpec loadedSpec, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        if (!(loadedSpec instanceof VolumePortObjectSpec volumeSpec)) {
            throw new IOException("expected a volume spec, got " + loadedSpec);
        }
        ZipEntry entry = in.getNextEntry();
        if (entry == null || !DATA_ENTRY.equals(entry.getName())) {
            throw new IOException("expected zip entry " + DATA_ENTRY + " in stored volume, got "
                    + (entry == null ? "none" : entry.getName()));
        }
        exec.checkCanceled();
        String source = volumeSpec.getProvenance().isEmpty() ? "stored volume"
                : volumeSpec.getProvenance().get(volumeSpec.getProvenance().size() - 1);
        this.volume = RawVolumeStore.read(in, volumeSpec.getShape(), volumeSpec.getPixelType(),
                volumeSpec.getVoxelSize(), source);
        this.spec = volumeSpec;
    }
}
