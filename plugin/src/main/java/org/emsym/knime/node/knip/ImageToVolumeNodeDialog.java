package org.emsym.knime.node.knip;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Image to Volume node: one component per setting (each also settable by flow variable). */
final class ImageToVolumeNodeDialog extends DefaultNodeSettingsPane {

    ImageToVolumeNodeDialog() {
        ImageToVolumeSettings s = new ImageToVolumeSettings();
        addDialogComponent(new DialogComponentString(s.column, ImageToVolumeSettings.LABEL_COLUMN));
        addDialogComponent(new DialogComponentNumber(s.row, ImageToVolumeSettings.LABEL_ROW, 1));
        addDialogComponent(new DialogComponentStringSelection(s.normalization, ImageToVolumeSettings.LABEL_NORMALIZATION,
                ImageToVolumeSettings.NORMALIZATIONS));
    }
}
