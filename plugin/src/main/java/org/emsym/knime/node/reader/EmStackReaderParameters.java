package org.emsym.knime.node.reader;

import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.VoxelSize;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the EM Stack Reader, saved under the keys the node has used since its first release (so saved
 * workflows and their flow variables still apply). The bounds are those of the node's first release; the OME-Zarr
 * scale levels came later, and settings saved before them load with the full resolution.
 */
final class EmStackReaderParameters implements NodeParameters {

    static final String CFG_IMAGE_PATH = "image_path";
    static final String CFG_IMAGE_DATASET = "image_dataset";
    static final String CFG_READ_LABELS = "read_labels";
    static final String CFG_LABELS_PATH = "labels_path";
    static final String CFG_LABELS_DATASET = "labels_dataset";
    static final String CFG_NORMALIZATION = "normalization";
    static final String CFG_LOW_PERCENTILE = "low_percentile";
    static final String CFG_HIGH_PERCENTILE = "high_percentile";
    static final String CFG_OVERRIDE_VOXEL_SIZE = "override_voxel_size";
    static final String CFG_VOXEL_Z = "voxel_size_z_nm";
    static final String CFG_VOXEL_Y = "voxel_size_y_nm";
    static final String CFG_VOXEL_X = "voxel_size_x_nm";
    /** Added with OME-Zarr support: settings saved before lack them and read the full resolution. */
    static final String CFG_IMAGE_LEVEL = "image_zarr_level";
    static final String CFG_LABELS_LEVEL = "labels_zarr_level";

    /** Titles shown in the dialog and used in error messages, so users find the setting at fault. */
    static final String TITLE_IMAGE_PATH = "Image stack";
    static final String TITLE_IMAGE_DATASET = "Image HDF5 dataset";
    static final String TITLE_IMAGE_LEVEL = "Image OME-Zarr scale level";
    static final String TITLE_LABELS_LEVEL = "Label OME-Zarr scale level";
    static final String TITLE_READ_LABELS = "Read a label stack";
    static final String TITLE_LABELS_PATH = "Label stack";
    static final String TITLE_LABELS_DATASET = "Label HDF5 dataset";
    static final String TITLE_NORMALIZATION = "Normalization";
    static final String TITLE_LOW_PERCENTILE = "Low percentile";
    static final String TITLE_HIGH_PERCENTILE = "High percentile";
    static final String TITLE_PERCENTILES = "Low/high percentile";
    static final String TITLE_OVERRIDE_VOXEL_SIZE = "Override voxel size";
    static final String TITLE_VOXEL_Z = "Voxel size z (nm)";
    static final String TITLE_VOXEL_Y = "Voxel size y (nm)";
    static final String TITLE_VOXEL_X = "Voxel size x (nm)";

    @Widget(title = TITLE_IMAGE_PATH, description = "Path of a <tt>.tif/.tiff</tt> file, a folder of sections, an "
            + "<tt>.h5/.hdf5/.hdf</tt> file or a <tt>.zarr</tt> folder; a path, a <tt>file:</tt> URL or a "
            + "<tt>knime:</tt> URL. Flow variable key: <tt>image_path</tt>.")
    @Persist(configKey = CFG_IMAGE_PATH)
    String imagePath = "";

    @Widget(title = TITLE_IMAGE_DATASET, description = "Path of the 3-D dataset inside an HDF5 file, e.g. "
            + "<tt>/raw</tt>; required for HDF5, ignored otherwise. Key: <tt>image_dataset</tt>.")
    @Persist(configKey = CFG_IMAGE_DATASET)
    String imageDataset = "";

    @Widget(title = TITLE_IMAGE_LEVEL, description = "Scale level of an OME-Zarr image to read: a dataset path of its "
            + "<tt>multiscales</tt> (e.g. <tt>1</tt> or <tt>s1</tt>) or an index; empty reads the full resolution "
            + "(the first level). Only for OME-Zarr stacks. Key: <tt>image_zarr_level</tt>.")
    @Persist(configKey = CFG_IMAGE_LEVEL)
    @Migrate(loadDefaultIfAbsent = true)
    String imageLevel = "";

    @Widget(title = TITLE_READ_LABELS, description = "Whether to read a label stack to the second port. Key: "
            + "<tt>read_labels</tt>.")
    @Persist(configKey = CFG_READ_LABELS)
    boolean readLabels = false;

    @Widget(title = TITLE_LABELS_PATH, description = "Used when a label stack is read: path of the label stack, in "
            + "any of the layouts above; it must have the image's shape. Key: <tt>labels_path</tt>.")
    @Persist(configKey = CFG_LABELS_PATH)
    String labelsPath = "";

    @Widget(title = TITLE_LABELS_DATASET, description = "Used when a label stack is read: dataset of the labels "
            + "inside an HDF5 file. Key: <tt>labels_dataset</tt>.")
    @Persist(configKey = CFG_LABELS_DATASET)
    String labelsDataset = "";

    @Widget(title = TITLE_LABELS_LEVEL, description = "Used when a label stack is read: scale level of an OME-Zarr "
            + "label stack (e.g. an NGFF label image <tt>image.zarr/labels/membranes</tt>); empty reads the full "
            + "resolution. Key: <tt>labels_zarr_level</tt>.")
    @Persist(configKey = CFG_LABELS_LEVEL)
    @Migrate(loadDefaultIfAbsent = true)
    String labelsLevel = "";

    @Widget(title = TITLE_NORMALIZATION, description = "How consumers map intensities: <tt>NONE</tt>, "
            + "<tt>MIN_MAX</tt> (volume range onto [0, 1]), <tt>PERCENTILE</tt> (low..high percentile onto [0, 1], "
            + "clipped; robust to outliers) or <tt>MEAN_STD</tt> (zero mean, unit variance). Key: "
            + "<tt>normalization</tt>.")
    @Persist(configKey = CFG_NORMALIZATION)
    NormalizationMethod normalization = NormalizationMethod.PERCENTILE;

    @Widget(title = TITLE_LOW_PERCENTILE, description = "Lower percentile for <tt>PERCENTILE</tt> normalization, 0 "
            + "to 100 (default 1); below the high percentile. Key: <tt>low_percentile</tt>.")
    @Persist(configKey = CFG_LOW_PERCENTILE)
    double lowPercentile = NormalizationSpec.DEFAULT_LOW_PERCENTILE;

    @Widget(title = TITLE_HIGH_PERCENTILE, description = "Upper percentile for <tt>PERCENTILE</tt> normalization, "
            + "0 to 100 (default 99.8). Key: <tt>high_percentile</tt>.")
    @Persist(configKey = CFG_HIGH_PERCENTILE)
    double highPercentile = NormalizationSpec.DEFAULT_HIGH_PERCENTILE;

    @Widget(title = TITLE_OVERRIDE_VOXEL_SIZE, description = "Use the voxel size given below instead of the one "
            + "stored in the file (PNG sections store none). Key: <tt>override_voxel_size</tt>.")
    @Persist(configKey = CFG_OVERRIDE_VOXEL_SIZE)
    boolean overrideVoxelSize = false;

    @Widget(title = TITLE_VOXEL_Z, description = "Used when the voxel size is overridden: section spacing in nm, "
            + "above 0. Key: <tt>voxel_size_z_nm</tt>.")
    @Persist(configKey = CFG_VOXEL_Z)
    double voxelZ = 50;

    @Widget(title = TITLE_VOXEL_Y, description = "Used when the voxel size is overridden: pixel height in nm, above "
            + "0. Key: <tt>voxel_size_y_nm</tt>.")
    @Persist(configKey = CFG_VOXEL_Y)
    double voxelY = 4;

    @Widget(title = TITLE_VOXEL_X, description = "Used when the voxel size is overridden: pixel width in nm, above "
            + "0. Key: <tt>voxel_size_x_nm</tt>.")
    @Persist(configKey = CFG_VOXEL_X)
    double voxelX = 4;

    @Override
    public void validate() throws InvalidSettingsException {
        check(TITLE_LOW_PERCENTILE, lowPercentile, 0, 100);
        check(TITLE_HIGH_PERCENTILE, highPercentile, 0, 100);
        check(TITLE_VOXEL_Z, voxelZ, 1e-6, 1e9);
        check(TITLE_VOXEL_Y, voxelY, 1e-6, 1e9);
        check(TITLE_VOXEL_X, voxelX, 1e-6, 1e9);
        normalizationSpec();
    }

    private static void check(String title, double value, double min, double max) throws InvalidSettingsException {
        if (!(value >= min && value <= max)) {
            throw new InvalidSettingsException(title + ": " + value + " is outside " + min + " to " + max);
        }
    }

    NormalizationSpec normalizationSpec() throws InvalidSettingsException {
        if (!(lowPercentile < highPercentile)) {
            throw new InvalidSettingsException(TITLE_PERCENTILES + ": low percentile (" + lowPercentile
                    + ") must be below high percentile (" + highPercentile + ")");
        }
        return new NormalizationSpec(normalization, lowPercentile, highPercentile);
    }

    /** The voxel size to use instead of the file's, or null to keep the file's. */
    VoxelSize voxelSizeOverride() {
        return overrideVoxelSize ? VoxelSize.nm(voxelZ, voxelY, voxelX) : null;
    }
}
