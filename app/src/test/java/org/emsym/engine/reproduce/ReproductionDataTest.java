package org.emsym.engine.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emsym.engine.synth.SynthConfig;
import org.emsym.engine.volume.VolumeShape;
import org.junit.jupiter.api.Test;

class ReproductionDataTest {

    private static final SynthConfig SMALL = SynthConfig.builder().shape(new VolumeShape(8, 64, 64))
            .meanCellDiameter(24).warpAmplitude(2).seed(1).build();

    @Test
    void syntheticStackEvaluatesOnItsLastQuarter() {
        ReproductionData data = ReproductionData.synthetic(SMALL);
        assertEquals(6, data.evaluationStart());
        assertEquals(8, data.evaluationEnd());
        assertEquals(data.image().shape(), data.labels().shape());
        assertTrue(!data.positiveIsZero(), "synthetic membranes are labelled 1");
    }

    @Test
    void rejectsAnEvaluationRangeOutsideTheStack() {
        ReproductionData data = ReproductionData.synthetic(SMALL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReproductionData(data.image(), data.labels(), false, 3, 9, "bad"));
        assertTrue(e.getMessage().contains("[3, 9)"), e.getMessage());
    }

    @Test
    void rejectsAFolderWithoutIsbiLayout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReproductionData.isbi2012(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }
}
