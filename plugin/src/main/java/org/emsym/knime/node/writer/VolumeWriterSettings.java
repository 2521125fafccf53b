package org.emsym.knime.node.writer;

import org.emsym.knime.util.IfExists;
import org.emsym.knime.util.SettingsGroup;
import org.emsym.knime.util.ZarrOutputSettings;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Volume Writer; each value under its own key, so each can be set by a flow variable. */
final class VolumeWriterSettings extends SettingsGroup {

    static final String CFG_OUTPUT_PATH = "output_path";
    static final String CFG_DATASET = "hdf5_dataset";
    static final String CFG_IF_EXISTS = "if_exists";

    static final String LABEL_OUTPUT_PATH = "Output (.tif/.tiff file, .h5/.hdf5 file, .zarr OME-Zarr, or folder for PNG"
            + " sections)";
    static final String LABEL_DATASET = "HDF5 dataset";
    static final String LABEL_IF_EXISTS = "If output exists";

    final SettingsModelString outputPath = new SettingsModelString(CFG_OUTPUT_PATH, "");
    final SettingsModelString dataset = new SettingsModelString(CFG_DATASET, "/raw");
    /** {@link IfExists}; OVERWRITE replaces an existing file atomically, a section folder only when empty. */
    final SettingsModelString ifExists = new SettingsModelString(CFG_IF_EXISTS, IfExists.FAIL.name());

    /** Chunks, compressor, format and levels of an OME-Zarr output. */
    final ZarrOutputSettings zarr = new ZarrOutputSettings();

    @Override
    protected SettingsModel[] all() {
        SettingsModel[] z = zarr.models();
        SettingsModel[] all = java.util.Arrays.copyOf(new SettingsModel[] {outputPath, dataset, ifExists}, 3 + z.length);
        System.arraycopy(z, 0, all, 3, z.length);
        return all;
    }

    @Override
    protected java.util.Map<String, SettingsModel> addedLater() {
        return zarr.addedLater();
    }

    @Override
    protected SettingsGroup newInstance() {
        return new VolumeWriterSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        ifExistsPolicy();
    }

    IfExists ifExistsPolicy() throws InvalidSettingsException {
        return IfExists.of(ifExists, LABEL_IF_EXISTS);
    }
}
