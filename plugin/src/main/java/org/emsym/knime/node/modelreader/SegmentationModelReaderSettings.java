package org.emsym.knime.node.modelreader;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Segmentation Model Reader: the bundle folder, under its own key for flow variables. */
final class SegmentationModelReaderSettings {

    static final String CFG_MODEL_FOLDER = "model_folder";
    static final String LABEL_MODEL_FOLDER = "Model folder (model bundle)";

    final SettingsModelString modelFolder = new SettingsModelString(CFG_MODEL_FOLDER, "");

    void saveSettingsTo(NodeSettingsWO settings) {
        modelFolder.saveSettingsTo(settings);
    }

    void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException {
        modelFolder.validateSettings(settings);
    }

    void loadSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException {
        modelFolder.loadSettingsFrom(settings);
    }
}
