package org.emsym.knime.port;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.WindowSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;
import org.knime.core.node.port.AbstractSimplePortObjectSpec;

/**
 * What is known about a Volume port before execution: shape (z, y, x), pixel type, voxel size, the intensity
 * normalization consumers are to apply (statistics are computed per volume when it is used), provenance
 * (one line per step that produced the volume, oldest first) and, once a Stack Windowing node has set it, the
 * 2.5D windowing ({@link VolumeWindowing}) consumers are to use.
 */
public final class VolumePortObjectSpec extends AbstractSimplePortObjectSpec {

    /** Serializer registered in plugin.xml (extension point org.knime.core.PortType). */
    public static final class Serializer extends AbstractSimplePortObjectSpecSerializer<VolumePortObjectSpec> {
    }

    private VolumeShape shape;
    private PixelType pixelType;
    private VoxelSize voxelSize;
    private NormalizationSpec normalization;
    private List<String> provenance;
    private VolumeWindowing windowing;

    /** For the framework's serializer only; the spec is filled by {@link #load(ModelContentRO)}. */
    public VolumePortObjectSpec() {
    }

    public VolumePortObjectSpec(VolumeShape shape, PixelType pixelType, VoxelSize voxelSize,
            NormalizationSpec normalization, List<String> provenance) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.pixelType = Objects.requireNonNull(pixelType, "pixelType");
        this.voxelSize = Objects.requireNonNull(voxelSize, "voxelSize");
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.provenance = List.copyOf(provenance);
    }

    public VolumeShape getShape() {
        return shape;
    }

    public PixelType getPixelType() {
        return pixelType;
    }

    public VoxelSize getVoxelSize() {
        return voxelSize;
    }

    /** How consumers normalize intensities; {@link NormalizationMethod#NONE} for label volumes. */
    public NormalizationSpec getNormalization() {
        return normalization;
    }

    /** Steps that produced the volume, oldest first, e.g. {@code "EM Stack Reader: /data/stack.tif (TIFF_STACK)"}. */
    public List<String> getProvenance() {
        return provenance;
    }

    /** The windowing recorded by a Stack Windowing node, if any. */
    public Optional<VolumeWindowing> getWindowing() {
        return Optional.ofNullable(windowing);
    }

    /** This spec with one more provenance step appended. */
    public VolumePortObjectSpec withStep(String step) {
        List<String> steps = new ArrayList<>(provenance);
        steps.add(step);
        VolumePortObjectSpec s = new VolumePortObjectSpec(shape, pixelType, voxelSize, normalization, steps);
        s.windowing = windowing;
        return s;
    }

    /** This spec with {@code w} as its windowing (replacing any earlier one). */
    public VolumePortObjectSpec withWindowing(VolumeWindowing w) {
        VolumePortObjectSpec s = new VolumePortObjectSpec(shape, pixelType, voxelSize, normalization, provenance);
        s.windowing = Objects.requireNonNull(w, "windowing");
        return s;
    }

    @Override
    protected void save(ModelContentWO model) {
        model.addInt("depth", shape.depth());
        model.addInt("height", shape.height());
        model.addInt("width", shape.width());
        model.addString("pixel_type", pixelType.name());
        model.addDouble("voxel_z", voxelSize.z());
        model.addDouble("voxel_y", voxelSize.y());
        model.addDouble("voxel_x", voxelSize.x());
        model.addString("voxel_unit", voxelSize.unit());
        model.addString("normalization", normalization.method().name());
        model.addDouble("normalization_low_percentile", normalization.lowPercentile());
        model.addDouble("normalization_high_percentile", normalization.highPercentile());
        model.addStringArray("provenance", provenance.toArray(String[]::new));
        if (windowing != null) {
            model.addInt("window_context", windowing.context());
            model.addString("window_boundary", windowing.boundary().name());
            model.addInt("window_patch_size", windowing.patchSize());
            model.addInt("window_tile_size", windowing.tileSize());
            model.addInt("window_tile_overlap", windowing.tileOverlap());
        }
    }

    @Override
    protected void load(ModelContentRO model) throws InvalidSettingsException {
        try {
            shape = new VolumeShape(model.getInt("depth"), model.getInt("height"), model.getInt("width"));
            pixelType = PixelType.valueOf(model.getString("pixel_type"));
            voxelSize = new VoxelSize(model.getDouble("voxel_z"), model.getDouble("voxel_y"),
                    model.getDouble("voxel_x"), model.getString("voxel_unit"));
            normalization = new NormalizationSpec(NormalizationMethod.valueOf(model.getString("normalization")),
                    model.getDouble("normalization_low_percentile"), model.getDouble("normalization_high_percentile"));
            provenance = List.of(model.getStringArray("provenance"));
            windowing = !model.containsKey("window_context") ? null : new VolumeWindowing(
                    new WindowSpec(model.getInt("window_context"), BoundaryMode.valueOf(model.getString("window_boundary"))),
                    model.getInt("window_patch_size"), model.getInt("window_tile_size"),
                    model.getInt("window_tile_overlap"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException("invalid stored volume spec: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Volume " + shape + " " + pixelType + ", voxel " + voxelSize.z() + " x " + voxelSize.y() + " x "
                + voxelSize.x() + " " + voxelSize.unit() + ", normalization " + normalization
                + (windowing == null ? "" : ", windowing " + windowing);
    }
}
