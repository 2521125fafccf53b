package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SegmentationTrainingConfigTest {

    private static void rejects(String setting, Consumer<SegmentationTrainingConfig.Builder> change) {
        SegmentationTrainingConfig.Builder b = SegmentationTrainingConfig.builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            change.accept(b);
            b.build();
        });
        assertTrue(e.getMessage().contains(setting), "message should name " + setting + ": " + e.getMessage());
    }

    @Test
    void defaultsAreValid() {
        SegmentationTrainingConfig c = SegmentationTrainingConfig.builder().build();
        assertEquals(OptimizerType.ADAMW, c.optimizer());
        assertEquals(ScheduleType.COSINE, c.schedule());
        assertEquals(0.2, c.validationFraction());
        assertTrue(c.augmentation().zFlip());
        assertEquals("auto", c.device().text());
    }

    @Test
    void invalidSettingsAreNamed() {
        rejects("epochs", b -> b.epochs(0));
        rejects("stepsPerEpoch", b -> b.stepsPerEpoch(-1));
        rejects("batchSize", b -> b.batchSize(0));
        rejects("patchHeight", b -> b.patchSize(0, 8));
        rejects("learningRate", b -> b.learningRate(Double.NaN));
        rejects("weightDecay", b -> b.weightDecay(-0.1));
        rejects("loss weights", b -> b.lossWeights(0, 0));
        rejects("validationFraction", b -> b.validationFraction(1.5));
        rejects("validationRange", b -> b.validationRange(5, 5));
        rejects("earlyStoppingPatience", b -> b.earlyStoppingPatience(-1));
        rejects("freezeEncoderEpochs", b -> b.freezeEncoderEpochs(-2));
        rejects("foregroundSampling", b -> b.foregroundSampling(2));
        rejects("decayFactor", b -> b.stepDecay(2, 0));
        rejects("device", b -> b.device("gpu:x"));
        rejects("gamma", b -> b.augmentation(new AugmentationConfig(true, true, 0, 0, -1, 0, 0, 0, 0, true)));
    }

    @Test
    void zFlipToggleKeepsOtherAugmentation() {
        SegmentationTrainingConfig c = SegmentationTrainingConfig.builder().zFlip(false).build();
        assertEquals(AugmentationConfig.DEFAULT.withZFlip(false), c.augmentation());
    }

    @Test
    void schedulesFollowTheirFormulas() {
        LearningRateSchedule cosine = new LearningRateSchedule(ScheduleType.COSINE, 1.0, 10, 2, 1, 0.1, 0.0);
        assertEquals(1.0, cosine.rate(0), 1e-12);
        assertEquals(0.0, cosine.rate(19), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 5 / 19)), cosine.rate(5), 1e-12);
        LearningRateSchedule step = new LearningRateSchedule(ScheduleType.STEP, 1.0, 10, 6, 2, 0.1, 0.0);
        assertEquals(1.0, step.rate(19), 1e-12);
        assertEquals(0.1, step.rate(20), 1e-12);
        assertEquals(0.01, step.rate(45), 1e-12);
        assertEquals(0.3, new LearningRateSchedule(ScheduleType.CONSTANT, 0.3, 10, 6, 2, 0.1, 0.0).rate(55));
    }
}
