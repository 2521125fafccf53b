package org.emsym.engine.train;

import java.util.List;

/**
 * The counters a checkpoint stores besides weights and optimizer moments. Sampling and augmentation draw
 * their randomness from the seed and the global step, so these counters are the whole random state.
 *
 * @param nextEpoch 0-based epoch a resumed run starts with
 * @param globalStep optimizer steps done so far
 * @param history one record per finished epoch
 * @param bestValidationLoss lowest validation loss so far (infinite before the first epoch)
 * @param bestEpoch 0-based epoch of that loss, -1 before the first epoch
 * @param epochsWithoutImprovement epochs since the best one, for early stopping
 * @param stoppedEarly whether early stopping ended the run
 * @param fingerprint {@link SegmentationTrainingConfig#resumeFingerprint()} of the run
 * @param model the network and starting weights the run trains ({@link SegmentationTrainingConfig#model()}); null when not
 *     known, and in checkpoints written before it was recorded, which then resume without that check
 */
public record TrainingState(int nextEpoch, long globalStep, List<EpochRecord> history, double bestValidationLoss,
        int bestEpoch, int epochsWithoutImprovement, boolean stoppedEarly, String fingerprint, ModelIdentity model) {

    public TrainingState {
        history = List.copyOf(history);
    }

    /** A state without a recorded network. */
    public TrainingState(int nextEpoch, long globalStep, List<EpochRecord> history, double bestValidationLoss,
            int bestEpoch, int epochsWithoutImprovement, boolean stoppedEarly, String fingerprint) {
        this(nextEpoch, globalStep, history, bestValidationLoss, bestEpoch, epochsWithoutImprovement, stoppedEarly,
                fingerprint, null);
    }

    /** The state before the first step of a run. */
    public static TrainingState initial(String fingerprint) {
        return initial(fingerprint, null);
    }

    /** The state before the first step of a run of the network {@code model} (may be null). */
    public static TrainingState initial(String fingerprint, ModelIdentity model) {
        return new TrainingState(0, 0, List.of(), Double.POSITIVE_INFINITY, -1, 0, false, fingerprint, model);
    }
}
