package org.emsym.knime.node.symmetrizer;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Weight Symmetrizer (the setting can also be set by flow variable). */
final class WeightSymmetrizerNodeDialog extends DefaultNodeSettingsPane {

    WeightSymmetrizerNodeDialog() {
        WeightSymmetrizerSettings s = new WeightSymmetrizerSettings();
        addDialogComponent(new DialogComponentStringSelection(s.strategy, WeightSymmetrizerSettings.LABEL_STRATEGY,
                WeightSymmetrizerSettings.STRATEGIES));
    }
}
