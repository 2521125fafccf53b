package org.emsym.knime.node.windowing;

import java.util.Arrays;

import org.emsym.engine.window.BoundaryMode;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Stack Windowing node: one component per setting (each also settable by flow variable). */
final class StackWindowingNodeDialog extends DefaultNodeSettingsPane {

    StackWindowingNodeDialog() {
        StackWindowingSettings s = new StackWindowingSettings();
        addDialogComponent(new DialogComponentNumber(s.context, StackWindowingSettings.LABEL_CONTEXT, 1));
        addDialogComponent(new DialogComponentStringSelection(s.boundary, StackWindowingSettings.LABEL_BOUNDARY,
                Arrays.stream(BoundaryMode.values()).map(Enum::name).toArray(String[]::new)));
        addDialogComponent(new DialogComponentNumber(s.patchSize, StackWindowingSettings.LABEL_PATCH_SIZE, 32));
        addDialogComponent(new DialogComponentNumber(s.tileSize, StackWindowingSettings.LABEL_TILE_SIZE, 32));
        addDialogComponent(new DialogComponentNumber(s.tileOverlap, StackWindowingSettings.LABEL_TILE_OVERLAP, 8));
    }
}
