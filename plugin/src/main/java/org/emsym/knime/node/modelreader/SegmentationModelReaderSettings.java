package org.emsym.knime.node.modelreader;

import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Segmentation Model Reader: the bundle folder, under its own key for flow variables. */
final class SegmentationModelReaderSettings extends SettingsGroup {

    static final String CFG_MODEL_FOLDER = "model_folder";
    static final String LABEL_MODEL_FOLDER = "Model folder (model bundle)";

    final SettingsModelString modelFolder = new SettingsModelString(CFG_MODEL_FOLDER, "");

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {modelFolder};
    }

    @Override
    protected SettingsGroup newInstance() {
        return new SegmentationModelReaderSettings();
    }
}
