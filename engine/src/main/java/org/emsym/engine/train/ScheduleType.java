package org.emsym.engine.train;

/** Shape of the learning-rate curve over a training run; see {@link LearningRateSchedule}. */
public enum ScheduleType {
    /** Half a cosine from the base rate down to {@code minRateFraction * base} at the last step. */
    COSINE,
    /** The base rate multiplied by {@code decayFactor} every {@code decayEveryEpochs} epochs. */
    STEP,
    /** The base rate throughout. */
    CONSTANT
}
