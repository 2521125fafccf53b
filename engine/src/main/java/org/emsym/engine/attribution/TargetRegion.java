package org.emsym.engine.attribution;

/** Which pixels of a window's output the attributed target score is summed over. */
public enum TargetRegion {
    /** Every pixel of the window. */
    WHOLE_TILE,
    /**
     * Only the pixels the model itself predicts as the target class (probability above the threshold, e.g. the
     * predicted membranes); windows with no such pixel are skipped.
     */
    PREDICTED_MASK
}
