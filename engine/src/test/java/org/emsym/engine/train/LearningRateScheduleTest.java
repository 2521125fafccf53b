package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmUpRisesLinearlyThenTheCosineSpansTheRest() {
        LearningRateSchedule s = new LearningRateSchedule(ScheduleType.COSINE, 1e-3, 10, 4, 10, 0.1, 0.01, 9);
        assertEquals(1e-4, s.rate(0), 1e-15);
        assertEquals(5e-4, s.rate(4), 1e-15);
        assertEquals(9e-4, s.rate(8), 1e-15);
        assertEquals(1e-3, s.rate(9), 1e-15);
        assertEquals(1e-5, s.rate(39), 1e-15);
        for (int step = 10; step < 40; step++) {
            assertTrue(s.rate(step) < s.rate(step - 1), "cosine part falls at step " + step);
        }
    }

    @Test
    void withoutWarmUpTheCurveIsUnchanged() {
        LearningRateSchedule none = new LearningRateSchedule(ScheduleType.COSINE, 1e-3, 10, 4, 10, 0.1, 0.01);
        assertEquals(1e-3, none.rate(0), 1e-15);
        assertEquals(1e-5, none.rate(39), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(ScheduleType.CONSTANT, 1e-3, 10, 4, 10, 0.1, 0.01, -1));
    }

    @Test
    void theConfigurationPassesItsWarmUpOnAndChecksTheNewSettings() {
        SegmentationTrainingConfig c = SegmentationTrainingConfig.builder().epochs(2).stepsPerEpoch(5).warmupSteps(3)
                .build();
        assertEquals(0.25e-3, c.learningRateSchedule().rate(0), 1e-15);
        assertTrue(c.resumeFingerprint().contains("warmupSteps=3"));
        assertThrows(IllegalArgumentException.class, () -> SegmentationTrainingConfig.builder().warmupSteps(-1).build());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                () -> SegmentationTrainingConfig.builder().encoderRateFactor(0).build());
        assertTrue(rate.getMessage().contains("encoderRateFactor"), rate.getMessage());
        IllegalArgumentException clip = assertThrows(IllegalArgumentException.class,
                () -> SegmentationTrainingConfig.builder().gradientClipNorm(-1).build());
        assertTrue(clip.getMessage().contains("gradientClipNorm"), clip.getMessage());
        assertEquals(1 - 0.8, CheckpointMetric.VALIDATION_DICE.score(0.3, 0.8), 1e-12);
        assertEquals(0.3, CheckpointMetric.VALIDATION_LOSS.score(0.3, 0.8), 1e-12);
    }
}
