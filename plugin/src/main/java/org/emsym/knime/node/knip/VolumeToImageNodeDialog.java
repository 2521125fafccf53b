package org.emsym.knime.node.knip;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

/** Dialog of the Volume to Image node (the setting can also be set by flow variable). */
final class VolumeToImageNodeDialog extends DefaultNodeSettingsPane {

    VolumeToImageNodeDialog() {
        VolumeToImageSettings s = new VolumeToImageSettings();
        addDialogComponent(new DialogComponentString(s.column, VolumeToImageSettings.LABEL_COLUMN));
    }
}
