package org.emsym.knime.node.attribution;

import java.util.Arrays;

import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.BaselineKind;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Attribution Scorer: one component per setting (each also settable by flow variable). */
final class AttributionScorerNodeDialog extends DefaultNodeSettingsPane {

    AttributionScorerNodeDialog() {
        AttributionScorerSettings s = new AttributionScorerSettings();
        addDialogComponent(new DialogComponentStringSelection(s.method, AttributionScorerSettings.LABEL_METHOD,
                names(AttributionMethod.values())));
        addDialogComponent(new DialogComponentNumber(s.steps, AttributionScorerSettings.LABEL_STEPS, 8));
        addDialogComponent(new DialogComponentStringSelection(s.baseline, AttributionScorerSettings.LABEL_BASELINE,
                names(BaselineKind.values())));
        addDialogComponent(new DialogComponentString(s.centres, AttributionScorerSettings.LABEL_CENTRES));
        addDialogComponent(new DialogComponentNumber(s.everyNth, AttributionScorerSettings.LABEL_EVERY_NTH, 1));
        addDialogComponent(new DialogComponentNumber(s.maxWindows, AttributionScorerSettings.LABEL_MAX_WINDOWS, 1));
        addDialogComponent(new DialogComponentNumber(s.tileSize, AttributionScorerSettings.LABEL_TILE_SIZE, 32));
        addDialogComponent(new DialogComponentBoolean(s.attributionVolume,
                AttributionScorerSettings.LABEL_ATTRIBUTION_VOLUME));
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
