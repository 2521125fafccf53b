package org.emsym.engine.train;

/**
 * Learning rate as a pure function of the global step, so a resumed run gets exactly the rates of an
 * uninterrupted one.
 *
 * @param type curve shape
 * @param baseRate rate at step 0
 * @param stepsPerEpoch optimizer steps in one epoch
 * @param epochs epochs of the whole run (the cosine reaches its end at {@code epochs * stepsPerEpoch})
 * @param decayEveryEpochs epochs between two decays of {@link ScheduleType#STEP}
 * @param decayFactor factor of each {@link ScheduleType#STEP} decay
 * @param minRateFraction end of the {@link ScheduleType#COSINE} curve as a fraction of the base rate
 */
public record LearningRateSchedule(ScheduleType type, double baseRate, int stepsPerEpoch, int epochs,
        int decayEveryEpochs, double decayFactor, double minRateFraction) {

    /** Rate for the optimizer step with the given 0-based global index. */
    public double rate(long globalStep) {
        return switch (type) {
            case CONSTANT -> baseRate;
            case STEP -> baseRate * Math.pow(decayFactor, (globalStep / stepsPerEpoch) / decayEveryEpochs);
            case COSINE -> {
                long total = Math.max(1L, (long) stepsPerEpoch * epochs - 1);
                double t = Math.min(1.0, (double) globalStep / total);
                double min = baseRate * minRateFraction;
                yield min + (baseRate - min) * 0.5 * (1 + Math.cos(Math.PI * t));
            }
        };
    }
}
