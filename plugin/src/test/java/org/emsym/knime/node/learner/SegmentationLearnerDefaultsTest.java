package org.emsym.knime.node.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emsym.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;

/**
 * The Learner node's default settings resolve to {@link TrainingConfig#defaults()}, the same reference
 * {@code emsym train} without budget options is checked against (TrainCommandDefaultsTest), so the node and the CLI
 * agree on every setting both expose.
 */
class SegmentationLearnerDefaultsTest {

    @Test
    void defaultSettingsResolveToTheTrainingConfigDefaults() throws InvalidSettingsException {
        TrainingConfig learner = new SegmentationLearnerParameters().trainingConfig(null);
        assertEquals(TrainingConfig.defaults().toString(), learner.toString());
        assertEquals(TrainingConfig.DEFAULT_EPOCHS, learner.epochs());
    }
}
