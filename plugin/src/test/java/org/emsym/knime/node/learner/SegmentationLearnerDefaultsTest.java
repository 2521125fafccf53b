package org.emsym.knime.node.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emsym.engine.train.SegmentationTrainingConfig;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;

/**
 * The Learner node's default settings resolve to {@link SegmentationTrainingConfig#defaults()}, the same reference
 * {@code emsym train} without budget options is checked against (TrainCommandDefaultsTest), so the node and the CLI
 * agree on every setting both expose.
 */
class SegmentationLearnerDefaultsTest {

    @Test
    void defaultSettingsResolveToTheTrainingConfigDefaults() throws InvalidSettingsException {
        SegmentationTrainingConfig learner = new SegmentationLearnerParameters().trainingConfig(null);
        assertEquals(SegmentationTrainingConfig.defaults().toString(), learner.toString());
        assertEquals(SegmentationTrainingConfig.DEFAULT_EPOCHS, learner.epochs());
    }
}
