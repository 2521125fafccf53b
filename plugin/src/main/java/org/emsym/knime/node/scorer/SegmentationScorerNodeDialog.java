package org.emsym.knime.node.scorer;

import org.emsym.engine.metrics.ConnectedComponents.Connectivity2D;
import org.emsym.knime.node.scorer.SegmentationScorerSettings.Foreground;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Segmentation Scorer: one component per setting (each also settable by flow variable). */
final class SegmentationScorerNodeDialog extends DefaultNodeSettingsPane {

    SegmentationScorerNodeDialog() {
        SegmentationScorerSettings s = new SegmentationScorerSettings();
        addDialogComponent(new DialogComponentNumber(s.predictionThreshold,
                SegmentationScorerSettings.LABEL_PREDICTION_THRESHOLD, 0.05));
        addDialogComponent(new DialogComponentStringSelection(s.predictionForeground,
                SegmentationScorerSettings.LABEL_PREDICTION_FOREGROUND, Foreground.ABOVE.name(), Foreground.BELOW.name()));
        addDialogComponent(new DialogComponentNumber(s.truthThreshold, SegmentationScorerSettings.LABEL_TRUTH_THRESHOLD,
                0.05));
        addDialogComponent(new DialogComponentStringSelection(s.truthForeground,
                SegmentationScorerSettings.LABEL_TRUTH_FOREGROUND, Foreground.ABOVE.name(), Foreground.BELOW.name()));
        addDialogComponent(new DialogComponentStringSelection(s.connectivity,
                SegmentationScorerSettings.LABEL_CONNECTIVITY, Connectivity2D.FOUR.name(), Connectivity2D.EIGHT.name()));
    }
}
