package org.emsym.engine.attribution;

/**
 * The attribution shares a model had after one training epoch, on the tracker's fixed validation windows.
 *
 * @param epoch 0-based epoch index, or -1 for the model before training
 * @param validationDice the epoch's validation Dice (NaN for the model before training)
 * @param audit per-window shares and their summary
 */
public record EpochAttribution(int epoch, double validationDice, AuditResult audit) {

    public AsymmetrySummary summary() {
        return audit.summary();
    }
}
