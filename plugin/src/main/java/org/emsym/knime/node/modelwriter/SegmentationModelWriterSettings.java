package org.emsym.knime.node.modelwriter;

import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Segmentation Model Writer; each value under its own key, so each can be set by a flow variable. */
final class SegmentationModelWriterSettings extends SettingsGroup {

    /** What to do when the output folder already exists. */
    enum IfExists {
        /** Fail in configure and execute; never touch the existing folder. */
        FAIL,
        /** Replace an existing model bundle (or empty folder) atomically. */
        OVERWRITE
    }

    static final String CFG_OUTPUT_FOLDER = "output_folder";
    static final String CFG_IF_EXISTS = "if_exists";

    static final String LABEL_OUTPUT_FOLDER = "Output folder (model bundle)";
    static final String LABEL_IF_EXISTS = "If output exists";

    final SettingsModelString outputFolder = new SettingsModelString(CFG_OUTPUT_FOLDER, "");
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
        try {
            return IfExists.valueOf(ifExists.getStringValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(LABEL_IF_EXISTS + ": unknown policy '" + ifExists.getStringValue()
                    + "'; expected FAIL or OVERWRITE");
        }
    }
}
