package org.knime.core.node.defaultnodesettings;

import java.util.List;

/** Test-only bridge: the settings models a default dialog edits, in order. */
public final class DialogBridge {

    private DialogBridge() {
    }

    public static List<SettingsModel> models(final DefaultNodeSettingsPane dialog) {
        return dialog.dialogComponents().stream().map(DialogComponent::getModel).toList();
    }

    public static String configName(final SettingsModel model) {
        return model.getConfigName();
    }
}
