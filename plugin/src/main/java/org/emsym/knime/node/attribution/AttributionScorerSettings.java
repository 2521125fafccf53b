package org.emsym.knime.node.attribution;

import java.util.Arrays;

import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.BaselineKind;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Attribution Scorer. */
final class AttributionScorerSettings extends SettingsGroup {

    static final String CFG_METHOD = "method";
    static final String CFG_STEPS = "steps";
    static final String CFG_BASELINE = "baseline";
    static final String CFG_CENTRES = "centres";
    static final String CFG_EVERY_NTH = "every_nth";
    static final String CFG_MAX_WINDOWS = "max_windows";
    static final String CFG_TILE_SIZE = "tile_size";
    static final String CFG_ATTRIBUTION_VOLUME = "output_attribution_volume";

    static final String LABEL_METHOD = "Attribution method";
    static final String LABEL_STEPS = "Integrated-gradients steps";
    static final String LABEL_BASELINE = "Integrated-gradients baseline";
    static final String LABEL_CENTRES = "Window centres (comma-separated z; empty: every n-th)";
    static final String LABEL_EVERY_NTH = "Every n-th section as centre";
    static final String LABEL_MAX_WINDOWS = "Maximum number of windows";
    static final String LABEL_TILE_SIZE = "Tile size (pixels, centred crop)";
    static final String LABEL_ATTRIBUTION_VOLUME = "Output the attribution maps as a Volume";

    final SettingsModelString method = new SettingsModelString(CFG_METHOD, AttributionMethod.INTEGRATED_GRADIENTS.name());
    final SettingsModelIntegerBounded steps = new SettingsModelIntegerBounded(CFG_STEPS, 32, 1, 4096);
    final SettingsModelString baseline = new SettingsModelString(CFG_BASELINE, BaselineKind.ZEROS.name());
    final SettingsModelString centres = new SettingsModelString(CFG_CENTRES, "");
    final SettingsModelIntegerBounded everyNth = new SettingsModelIntegerBounded(CFG_EVERY_NTH, 1, 1, 1 << 20);
    final SettingsModelIntegerBounded maxWindows = new SettingsModelIntegerBounded(CFG_MAX_WINDOWS, 16, 1, 1 << 20);
    final SettingsModelIntegerBounded tileSize = new SettingsModelIntegerBounded(CFG_TILE_SIZE, 256, 1, 1 << 16);
    final SettingsModelBoolean attributionVolume = new SettingsModelBoolean(CFG_ATTRIBUTION_VOLUME, false);

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {method, steps, baseline, centres, everyNth, maxWindows, tileSize, attributionVolume};
    }

    @Override
    protected SettingsGroup newInstance() {
        return new AttributionScorerSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        methodValue();
        baselineValue();
        centreList();
    }

    AttributionMethod methodValue() throws InvalidSettingsException {
        return enumValue(AttributionMethod.class, method.getStringValue(), LABEL_METHOD);
    }

    BaselineKind baselineValue() throws InvalidSettingsException {
        return enumValue(BaselineKind.class, baseline.getStringValue(), LABEL_BASELINE);
    }

    /** The listed centres, or an empty array when every n-th section is to be used. */
    int[] centreList() throws InvalidSettingsException {
        String text = centres.getStringValue() == null ? "" : centres.getStringValue().trim();
        if (text.isEmpty()) {
            return new int[0];
        }
        try {
            int[] z = Arrays.stream(text.split("\\s*,\\s*")).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(z).anyMatch(v -> v < 0)) {
                throw new NumberFormatException("negative section");
            }
            return z;
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(LABEL_CENTRES + ": '" + text
                    + "' is not a comma-separated list of section indices (0-based)", e);
        }
    }
}
