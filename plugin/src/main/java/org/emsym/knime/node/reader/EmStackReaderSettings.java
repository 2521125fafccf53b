package org.emsym.knime.node.reader;

import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Settings of the EM Stack Reader. Each value is a KNIME settings model under its own key, so each can be
 * overwritten by a flow variable. The node model and the dialog each hold their own instance.
 */
final class EmStackReaderSettings extends SettingsGroup {

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
    static final String CFG_IMAGE_LEVEL = "image_zarr_level";
    static final String CFG_LABELS_LEVEL = "labels_zarr_level";

    /** Labels shown in the dialog and used in error messages, so users find the setting at fault. */
    static final String LABEL_IMAGE_PATH = "Image stack (TIFF file, section folder, HDF5 file or OME-Zarr)";
    static final String LABEL_IMAGE_DATASET = "Image HDF5 dataset";
    static final String LABEL_IMAGE_LEVEL = "Image OME-Zarr scale level";
    static final String LABEL_LABELS_LEVEL = "Label OME-Zarr scale level";
    static final String LABEL_LABELS_PATH = "Label stack";
    static final String LABEL_LABELS_DATASET = "Label HDF5 dataset";
    static final String LABEL_NORMALIZATION = "Normalization";
    static final String LABEL_PERCENTILES = "Low/high percentile";

    final SettingsModelString imagePath = new SettingsModelString(CFG_IMAGE_PATH, "");
    final SettingsModelString imageDataset = new SettingsModelString(CFG_IMAGE_DATASET, "");
    /** Scale level (dataset path or index) of an OME-Zarr image; empty means full resolution. */
    final SettingsModelString imageLevel = new SettingsModelString(CFG_IMAGE_LEVEL, "");
    final SettingsModelString labelsLevel = new SettingsModelString(CFG_LABELS_LEVEL, "");
    final SettingsModelBoolean readLabels = new SettingsModelBoolean(CFG_READ_LABELS, false);
    final SettingsModelString labelsPath = new SettingsModelString(CFG_LABELS_PATH, "");
    final SettingsModelString labelsDataset = new SettingsModelString(CFG_LABELS_DATASET, "");
    final SettingsModelString normalization =
            new SettingsModelString(CFG_NORMALIZATION, NormalizationMethod.PERCENTILE.name());
    final SettingsModelDoubleBounded lowPercentile = new SettingsModelDoubleBounded(CFG_LOW_PERCENTILE,
            NormalizationSpec.DEFAULT_LOW_PERCENTILE, 0, 100);
    final SettingsModelDoubleBounded highPercentile = new SettingsModelDoubleBounded(CFG_HIGH_PERCENTILE,
            NormalizationSpec.DEFAULT_HIGH_PERCENTILE, 0, 100);
    final SettingsModelBoolean overrideVoxelSize = new SettingsModelBoolean(CFG_OVERRIDE_VOXEL_SIZE, false);
    final SettingsModelDoubleBounded voxelZ = new SettingsModelDoubleBounded(CFG_VOXEL_Z, 50, 1e-6, 1e9);
    final SettingsModelDoubleBounded voxelY = new SettingsModelDoubleBounded(CFG_VOXEL_Y, 4, 1e-6, 1e9);
    final SettingsModelDoubleBounded voxelX = new SettingsModelDoubleBounded(CFG_VOXEL_X, 4, 1e-6, 1e9);

    EmStackReaderSettings() {
        updateEnabled();
        readLabels.addChangeListener(e -> updateEnabled());
        overrideVoxelSize.addChangeListener(e -> updateEnabled());
    }

    /**
     * Label paths count only when labels are read, voxel sizes only when overridden. Model and dialog share this
     * rule, so both save the same enabled status next to each value.
     */
    void updateEnabled() {
        labelsPath.setEnabled(readLabels.getBooleanValue());
        labelsDataset.setEnabled(readLabels.getBooleanValue());
        labelsLevel.setEnabled(readLabels.getBooleanValue());
        voxelZ.setEnabled(overrideVoxelSize.getBooleanValue());
        voxelY.setEnabled(overrideVoxelSize.getBooleanValue());
        voxelX.setEnabled(overrideVoxelSize.getBooleanValue());
    }

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {imagePath, imageDataset, imageLevel, readLabels, labelsPath, labelsDataset,
            labelsLevel, normalization, lowPercentile, highPercentile, overrideVoxelSize, voxelZ, voxelY, voxelX};
    }

    /** The OME-Zarr levels came with OME-Zarr support; workflows saved before read full resolution. */
    @Override
    protected java.util.Map<String, SettingsModel> addedLater() {
        return java.util.Map.of(CFG_IMAGE_LEVEL, imageLevel, CFG_LABELS_LEVEL, labelsLevel);
    }

    @Override
    protected SettingsGroup newInstance() {
        return new EmStackReaderSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkConsistent();
    }

    @Override
    protected void afterLoad() {
        updateEnabled();
    }

    /** Checks what single models cannot: the method name and the percentile order. */
    void checkConsistent() throws InvalidSettingsException {
        normalizationSpec();
    }

    NormalizationSpec normalizationSpec() throws InvalidSettingsException {
        NormalizationMethod method;
        try {
            method = NormalizationMethod.valueOf(normalization.getStringValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(LABEL_NORMALIZATION + ": unknown method '"
                    + normalization.getStringValue() + "'; expected one of "
                    + java.util.Arrays.toString(NormalizationMethod.values()));
        }
        double low = lowPercentile.getDoubleValue();
        double high = highPercentile.getDoubleValue();
        if (!(low < high)) {
            throw new InvalidSettingsException(LABEL_PERCENTILES + ": low percentile (" + low
                    + ") must be below high percentile (" + high + ")");
        }
        return new NormalizationSpec(method, low, high);
    }

    /** The voxel size to use instead of the file's, or null to keep the file's. */
    VoxelSize voxelSizeOverride() {
        return overrideVoxelSize.getBooleanValue()
                ? VoxelSize.nm(voxelZ.getDoubleValue(), voxelY.getDoubleValue(), voxelX.getDoubleValue())
                : null;
    }
}
