package org.emsym.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emsym.engine.metrics.InstanceMetrics.RandScores;
import org.emsym.engine.metrics.InstanceMetrics.ThresholdedRand;
import org.emsym.engine.metrics.InstanceMetrics.VariationOfInformation;
import org.junit.jupiter.api.Test;

class InstanceMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void identicalSegmentationsScorePerfectlyWhateverTheLabelValues() {
        int[] truth = {1, 1, 2, 2, 0, 3};
        int[] proposal = {7, 7, 4, 4, 9, 5}; // same partition, other ids; the truth-0 voxel is ignored
        RandScores rand = InstanceMetrics.adaptedRand(proposal, truth);
        assertEquals(0.0, rand.error(), EPS);
        VariationOfInformation voi = InstanceMetrics.variationOfInformation(proposal, truth);
        assertEquals(0.0, voi.split(), EPS);
        assertEquals(0.0, voi.merge(), EPS);
    }

    @Test
    void splittingOneObjectLowersTheSplitScoreOnly() {
        // truth    1 1 1 1 2 2 2 2
        // proposal 1 1 2 2 3 3 3 3   (true object 1 cut in two)
        // table: (1,1)=2 (1,2)=2 (2,3)=4; Σc² = 4+4+16 = 24; truth sizes 4,4 -> Σa² = 32;
        // proposal sizes 2,2,4 -> Σb² = 24. split = 24/32 = 0.75, merge = 24/24 = 1,
        // F = 2*0.75*1/1.75 = 6/7, error = 1/7.
        int[] truth = {1, 1, 1, 1, 2, 2, 2, 2};
        int[] proposal = {1, 1, 2, 2, 3, 3, 3, 3};
        RandScores rand = InstanceMetrics.adaptedRand(proposal, truth);
        assertEquals(0.75, rand.split(), EPS);
        assertEquals(1.0, rand.merge(), EPS);
        assertEquals(6.0 / 7, rand.fScore(), EPS);
        assertEquals(1.0 / 7, rand.error(), EPS);
        // H(truth) = 1 bit; H(proposal) = 2*(1/4*2) + 1/2*1 = 1.5 bits; H(joint) = H(proposal) = 1.5
        // split = H(P|T) = 1.5 - 1 = 0.5 bits; merge = H(T|P) = 1.5 - 1.5 = 0
        VariationOfInformation voi = InstanceMetrics.variationOfInformation(proposal, truth);
        assertEquals(0.5, voi.split(), EPS);
        assertEquals(0.0, voi.merge(), EPS);
        assertEquals(0.5, voi.total(), EPS);
    }

    @Test
    void mergingTwoObjectsLowersTheMergeScoreOnly() {
        // truth 1 1 2 2, proposal 5 5 5 5: Σc² = 4+4 = 8, Σa² = 8, Σb² = 16
        // split = 1, merge = 0.5, F = 2*0.5/1.5 = 2/3, error = 1/3; VI split 0, merge H(T|P) = 1 bit
        int[] truth = {1, 1, 2, 2};
        int[] proposal = {5, 5, 5, 5};
        RandScores rand = InstanceMetrics.adaptedRand(proposal, truth);
        assertEquals(1.0, rand.split(), EPS);
        assertEquals(0.5, rand.merge(), EPS);
        assertEquals(1.0 / 3, rand.error(), EPS);
        VariationOfInformation voi = InstanceMetrics.variationOfInformation(proposal, truth);
        assertEquals(0.0, voi.split(), EPS);
        assertEquals(1.0, voi.merge(), EPS);
    }

    @Test
    void truthBackgroundIsIgnoredAndProposalBackgroundIsSingletons() {
        // truth    0 0 1 1 1 1 ; proposal 7 7 0 0 3 3
        // truth-0 voxels dropped -> 4 voxels: truth 1 1 1 1, proposal 0 0 3 3 -> two singletons + (1,3)=2
        // Σc² = 2² + 1 + 1 = 6; Σa² = 4² = 16; Σb² = 2² + 1 + 1 = 6
        // split = 6/16 = 0.375, merge = 1, F = 0.75/1.375 = 6/11, error = 5/11
        int[] truth = {0, 0, 1, 1, 1, 1};
        int[] proposal = {7, 7, 0, 0, 3, 3};
        RandScores rand = InstanceMetrics.adaptedRand(proposal, truth);
        assertEquals(0.375, rand.split(), EPS);
        assertEquals(1.0, rand.merge(), EPS);
        assertEquals(5.0 / 11, rand.error(), EPS);
        // H(T) = 0; proposal segment sizes 1,1,2 of 4: H(P) = 1/4*2 + 1/4*2 + 1/2*1 = 1.5 bits = H(joint)
        VariationOfInformation voi = InstanceMetrics.variationOfInformation(proposal, truth);
        assertEquals(1.5, voi.split(), EPS);
        assertEquals(0.0, voi.merge(), EPS);
    }

    @Test
    void groundTruthWithoutForegroundScoresPerfectly() {
        RandScores rand = InstanceMetrics.adaptedRand(new int[] {1, 2}, new int[] {0, 0});
        assertEquals(1.0, rand.fScore());
        assertEquals(0.0, InstanceMetrics.variationOfInformation(new int[] {1, 2}, new int[] {0, 0}).total());
    }

    @Test
    void bestThresholdSeparatesCellsThroughALeakyMembrane() {
        // one row of 5 pixels: cell | membrane | cell; the membrane pixel has cell probability 0.6
        // t=0.5: the leak joins both cells -> merge; t=0.7: two cells -> perfect; t=0.95: no cells -> all singletons
        float[] probability = {0.9f, 0.9f, 0.6f, 0.9f, 0.9f};
        int[] truth = {1, 1, 0, 2, 2};
        ThresholdedRand best = InstanceMetrics.bestAdaptedRand(probability, 1, 5, truth, 0.5, 0.7, 0.95);
        assertEquals(0.7, best.threshold());
        assertEquals(0.0, best.scores().error(), EPS);

        // at 0.5 alone: proposal 1 1 1 1 1 on truth voxels {0,1,3,4}: Σc² = 8, Σa² = 8, Σb² = 16 -> error 1/3
        assertEquals(1.0 / 3, InstanceMetrics.bestAdaptedRand(probability, 1, 5, truth, 0.5).scores().error(), EPS);
        // at 0.95: four singletons: Σc² = 4, Σa² = 8, Σb² = 4 -> split 0.5, merge 1, error 1 - 2/3 = 1/3
        assertEquals(1.0 / 3, InstanceMetrics.bestAdaptedRand(probability, 1, 5, truth, 0.95).scores().error(), EPS);
    }
}
