package org.emsym.engine.train;

/** What makes an epoch's weights the "best" ones that training keeps and checkpoints as {@code best}. */
public enum CheckpointMetric {
    /** The lowest validation loss (the loss being trained). */
    VALIDATION_LOSS,
    /**
     * The highest validation Dice at the validation-optimal threshold: the figure a user reads, which
     * loss can disagree with when the prediction's calibration drifts between epochs.
     */
    VALIDATION_DICE;

    /** The epoch's figure as a score where lower is better. */
    double score(double validationLoss, double validationBestDice) {
        return this == VALIDATION_LOSS ? validationLoss : 1 - validationBestDice;
    }
}
