package org.emsym.engine.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Outcome of {@link SegmentationTrainer#fit} or {@link SegmentationTrainer#resume}.
 *
 * @param history one record per epoch, including epochs before a resume
 * @param bestEpoch 0-based best epoch by {@link SegmentationTrainingConfig#checkpointMetric()}
 * @param bestValidationLoss the validation loss of that epoch
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 * @param lastCheckpoint checkpoint of the last epoch, if a checkpoint folder was set
 * @param bestCheckpoint checkpoint of the best epoch, if a checkpoint folder was set
 * @param threshold the probability threshold with the highest Dice on the validation sections in the best epoch
 *     (0.5 when no epoch ran)
 */
public record SegmentationTrainingResult(List<EpochRecord> history, int bestEpoch, double bestValidationLoss,
        boolean stoppedEarly, Optional<Path> lastCheckpoint, Optional<Path> bestCheckpoint, double threshold) {

    public SegmentationTrainingResult {
        history = List.copyOf(history);
    }
}
