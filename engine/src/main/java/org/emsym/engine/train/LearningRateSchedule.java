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
 * @param warmupSteps steps of linear warm-up before the curve: step {@code s < warmupSteps} runs at
 *     {@code baseRate * (s + 1) / (warmupSteps + 1)}; the cosine then spans the remaining steps (0 = none)
 */
public record LearningRateSchedule(ScheduleType type, double baseRate, int stepsPerEpoch, int epochs,
        int decayEveryEpochs, double decayFactor, double minRateFraction, int warmupSteps) {

    public LearningRateSchedule {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        }
    }

    /** Without warm-up. */
    public LearningRateSchedule(ScheduleType type, double baseRate, int stepsPerEpoch, int epochs,
            int decayEveryEpochs, double decayFactor, double minRateFraction) {
        this(type, baseRate, stepsPerEpoch, epochs, decayEveryEpochs, decayFactor, minRateFraction, 0);
    }

    /** Rate for the optimizer step with the given 0-based global index. */
    public double rate(long globalStep) {
        if (globalStep < warmupSteps) {
            return baseRate * (globalStep + 1.0) / (warmupSteps + 1.0);
        }
        return switch (type) {
            case CONSTANT -> baseRate;
            case STEP -> baseRate * Math.pow(decayFactor, (globalStep / stepsPerEpoch) / decayEveryEpochs);
            case COSINE -> {
                long total = Math.max(1L, (long) stepsPerEpoch * epochs - 1 - warmupSteps);
                double t = Math.min(1.0, (double) (globalStep - warmupSteps) / total);
                double min = baseRate * minRateFraction;
                yield min + (baseRate - min) * 0.5 * (1 + Math.cos(Math.PI * t));
            }
        };
    }
}
