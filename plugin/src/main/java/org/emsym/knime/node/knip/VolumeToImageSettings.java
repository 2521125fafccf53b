package org.emsym.knime.node.knip;

import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Volume to Image node. */
final class VolumeToImageSettings extends SettingsGroup {

    static final String CFG_COLUMN = "column_name";
    static final String LABEL_COLUMN = "Image column name";

    final SettingsModelString column = new SettingsModelString(CFG_COLUMN, "Image");

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {column};
    }

    @Override
    protected SettingsGroup newInstance() {
        return new VolumeToImageSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        if (column.getStringValue() == null || column.getStringValue().isBlank()) {
            throw new InvalidSettingsException(LABEL_COLUMN + ": must not be empty");
        }
    }
}
