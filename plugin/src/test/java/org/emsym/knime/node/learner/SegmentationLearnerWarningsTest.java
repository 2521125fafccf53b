package org.emsym.knime.node.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.Volume;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.testing.NodeTestHarness;
import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeModel;

/** The Learner warns, through the engine's TrainingWarnings, about labels that train but not as meant. */
class SegmentationLearnerWarningsTest {

    /** {@code in} with every label inverted (0 becomes the positive value, non-zero becomes 0). */
    private static VolumePortObject inverted(VolumePortObject in) {
        Volume v = in.getVolume();
        float[][] sections = v.readSlab(0, v.shape().depth());
        for (float[] s : sections) {
            for (int i = 0; i < s.length; i++) {
                s[i] = s[i] == 0 ? 255 : 0;
            }
        }
        return new VolumePortObject(in.getSpec().withStep("inverted"),
                new ArrayVolume(v.shape(), v.pixelType(), v.voxelSize(), sections, v.source() + " inverted"));
    }

    @Test
    void invertedLabelsAreWarnedNamingTheSetting() throws Exception {
        TinyLearnerRuns.Inputs inputs = TinyLearnerRuns.inputs();
        NodeTestHarness<NodeModel> node = TinyLearnerRuns.node()
                .set(SegmentationLearnerParameters.CFG_EPOCHS, 1);
        VolumePortObject labels = inverted(inputs.labels());
        assertEquals(2, node.execute(inputs.model(), inputs.image(), labels).length);
        String warning = node.warningMessage();
        assertTrue(warning != null && warning.contains("look inverted")
                && warning.contains(SegmentationLearnerParameters.TITLE_POSITIVE_IS_ZERO), String.valueOf(warning));

        // with label 0 as the positive class the same labels are as meant: no warning
        NodeTestHarness<NodeModel> isbi = TinyLearnerRuns.node()
                .set(SegmentationLearnerParameters.CFG_EPOCHS, 1)
                .set(SegmentationLearnerParameters.CFG_POSITIVE_IS_ZERO, true);
        isbi.execute(inputs.model(), inputs.image(), labels);
        assertTrue(isbi.warningMessage() == null || !isbi.warningMessage().contains("inverted"),
                String.valueOf(isbi.warningMessage()));
    }
}
