package org.emsym.knime.node.knip;

import java.util.Arrays;

import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Image to Volume node. */
final class ImageToVolumeSettings extends SettingsGroup {

    static final String CFG_COLUMN = "image_column";
    static final String CFG_ROW = "row_index";
    static final String CFG_NORMALIZATION = "normalization";

    static final String LABEL_COLUMN = "Image column (empty: the first image column)";
    static final String LABEL_ROW = "Row index (0-based)";
    static final String LABEL_NORMALIZATION = "Normalization for consumers";

    static final String[] NORMALIZATIONS = Arrays.stream(NormalizationMethod.values()).map(Enum::name)
            .toArray(String[]::new);

    final SettingsModelString column = new SettingsModelString(CFG_COLUMN, "");
    final SettingsModelIntegerBounded row = new SettingsModelIntegerBounded(CFG_ROW, 0, 0, Integer.MAX_VALUE);
    final SettingsModelString normalization = new SettingsModelString(CFG_NORMALIZATION,
            NormalizationMethod.PERCENTILE.name());

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {column, row, normalization};
    }

    @Override
    protected SettingsGroup newInstance() {
        return new ImageToVolumeSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        normalizationMethod();
    }

    NormalizationMethod normalizationMethod() throws InvalidSettingsException {
        return enumValue(NormalizationMethod.class, normalization.getStringValue(), LABEL_NORMALIZATION);
    }
}
