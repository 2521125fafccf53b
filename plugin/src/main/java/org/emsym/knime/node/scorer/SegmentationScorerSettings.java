package org.emsym.knime.node.scorer;

import org.emsym.engine.metrics.ConnectedComponents.Connectivity2D;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelDouble;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Segmentation Scorer. */
final class SegmentationScorerSettings extends SettingsGroup {

    /** Which side of a threshold is foreground (cell). */
    enum Foreground {
        /** Values strictly above the threshold, e.g. cell probabilities or ISBI labels (255 = cell). */
        ABOVE,
        /** Values strictly below the threshold, e.g. membrane probabilities. */
        BELOW
    }

    static final String CFG_PREDICTION_THRESHOLD = "prediction_threshold";
    static final String CFG_PREDICTION_FOREGROUND = "prediction_foreground";
    static final String CFG_TRUTH_THRESHOLD = "truth_threshold";
    static final String CFG_TRUTH_FOREGROUND = "truth_foreground";
    static final String CFG_CONNECTIVITY = "connectivity";

    static final String LABEL_PREDICTION_THRESHOLD = "Prediction threshold";
    static final String LABEL_PREDICTION_FOREGROUND = "Prediction foreground";
    static final String LABEL_TRUTH_THRESHOLD = "Ground-truth threshold";
    static final String LABEL_TRUTH_FOREGROUND = "Ground-truth foreground";
    static final String LABEL_CONNECTIVITY = "Instance connectivity (per section)";

    final SettingsModelDouble predictionThreshold = new SettingsModelDouble(CFG_PREDICTION_THRESHOLD, 0.5);
    final SettingsModelString predictionForeground = new SettingsModelString(CFG_PREDICTION_FOREGROUND,
            Foreground.ABOVE.name());
    final SettingsModelDouble truthThreshold = new SettingsModelDouble(CFG_TRUTH_THRESHOLD, 0.5);
    final SettingsModelString truthForeground = new SettingsModelString(CFG_TRUTH_FOREGROUND, Foreground.ABOVE.name());
    final SettingsModelString connectivity = new SettingsModelString(CFG_CONNECTIVITY, Connectivity2D.FOUR.name());

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {predictionThreshold, predictionForeground, truthThreshold, truthForeground,
            connectivity};
    }

    @Override
    protected SettingsGroup newInstance() {
        return new SegmentationScorerSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        predictionSide();
        truthSide();
        connectivityValue();
        if (!Double.isFinite(predictionThreshold.getDoubleValue())) {
            throw new InvalidSettingsException(LABEL_PREDICTION_THRESHOLD + ": must be a finite number");
        }
        if (!Double.isFinite(truthThreshold.getDoubleValue())) {
            throw new InvalidSettingsException(LABEL_TRUTH_THRESHOLD + ": must be a finite number");
        }
    }

    Foreground predictionSide() throws InvalidSettingsException {
        return enumValue(Foreground.class, predictionForeground.getStringValue(), LABEL_PREDICTION_FOREGROUND);
    }

    Foreground truthSide() throws InvalidSettingsException {
        return enumValue(Foreground.class, truthForeground.getStringValue(), LABEL_TRUTH_FOREGROUND);
    }

    Connectivity2D connectivityValue() throws InvalidSettingsException {
        return enumValue(Connectivity2D.class, connectivity.getStringValue(), LABEL_CONNECTIVITY);
    }
}
