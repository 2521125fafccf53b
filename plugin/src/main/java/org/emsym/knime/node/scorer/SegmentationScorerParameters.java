package org.emsym.knime.node.scorer;

import org.emsym.engine.metrics.ConnectedComponents.Connectivity2D;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Segmentation Scorer, saved under the keys the node has used since its first release (so
 * saved workflows and their flow variables still apply).
 */
final class SegmentationScorerParameters implements NodeParameters {

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

    static final String TITLE_PREDICTION_THRESHOLD = "Prediction threshold";
    static final String TITLE_PREDICTION_FOREGROUND = "Prediction foreground";
    static final String TITLE_TRUTH_THRESHOLD = "Ground-truth threshold";
    static final String TITLE_TRUTH_FOREGROUND = "Ground-truth foreground";
    static final String TITLE_CONNECTIVITY = "Instance connectivity";

    @Widget(title = TITLE_PREDICTION_THRESHOLD, description = "Threshold of the prediction; a finite number. Key: "
            + "<tt>prediction_threshold</tt>.")
    @Persist(configKey = CFG_PREDICTION_THRESHOLD)
    double predictionThreshold = 0.5;

    @Widget(title = TITLE_PREDICTION_FOREGROUND, description = "<tt>ABOVE</tt>: values above the threshold are "
            + "foreground (cell probabilities); <tt>BELOW</tt>: values below it are (membrane probabilities). Key: "
            + "<tt>prediction_foreground</tt>.")
    @Persist(configKey = CFG_PREDICTION_FOREGROUND)
    Foreground predictionForeground = Foreground.ABOVE;

    @Widget(title = TITLE_TRUTH_THRESHOLD, description = "Threshold of the ground truth, e.g. 0.5 for 0/1 masks or "
            + "127.5 for 0/255 labels; a finite number. Key: <tt>truth_threshold</tt>.")
    @Persist(configKey = CFG_TRUTH_THRESHOLD)
    double truthThreshold = 0.5;

    @Widget(title = TITLE_TRUTH_FOREGROUND, description = "<tt>ABOVE</tt> or <tt>BELOW</tt>, as for the "
            + "prediction. Key: <tt>truth_foreground</tt>.")
    @Persist(configKey = CFG_TRUTH_FOREGROUND)
    Foreground truthForeground = Foreground.ABOVE;

    @Widget(title = TITLE_CONNECTIVITY, description = "<tt>FOUR</tt> (edge neighbours, as the ISBI protocol) or "
            + "<tt>EIGHT</tt> (edge and corner neighbours) for the components of each section. Key: "
            + "<tt>connectivity</tt>.")
    @Persist(configKey = CFG_CONNECTIVITY)
    Connectivity2D connectivity = Connectivity2D.FOUR;

    @Override
    public void validate() throws InvalidSettingsException {
        if (!Double.isFinite(predictionThreshold)) {
            throw new InvalidSettingsException(TITLE_PREDICTION_THRESHOLD + ": must be a finite number, not "
                    + predictionThreshold);
        }
        if (!Double.isFinite(truthThreshold)) {
            throw new InvalidSettingsException(TITLE_TRUTH_THRESHOLD + ": must be a finite number, not "
                    + truthThreshold);
        }
    }
}
