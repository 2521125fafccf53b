package org.emsym.knime.node.modelwriter;

import org.emsym.knime.util.IfExists;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Segmentation Model Writer; each value under its own key, so each can be set by a flow variable. */
final class SegmentationModelWriterSettings extends SettingsGroup {

    static final String CFG_OUTPUT_FOLDER = "output_folder";
    static final String CFG_IF_EXISTS = "if_exists";

    static final String LABEL_OUTPUT_FOLDER = "Output folder (model bundle)";
    static final String LABEL_IF_EXISTS = "If output exists";

    final SettingsModelString outputFolder = new SettingsModelString(CFG_OUTPUT_FOLDER, "");
    /** {@link IfExists}; OVERWRITE replaces an existing model bundle (or empty folder) atomically. */
    final SettingsModelString ifExists = new SettingsModelString(CFG_IF_EXISTS, IfExists.FAIL.name());

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {outputFolder, ifExists};
    }

    @Override
    protected SettingsGroup newInstance() {
        return new SegmentationModelWriterSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        ifExistsPolicy();
    }

    IfExists ifExistsPolicy() throws InvalidSettingsException {
        return IfExists.of(ifExists, LABEL_IF_EXISTS);
    }
}
