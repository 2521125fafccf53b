package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThresholdHistogramTest {

    @Test
    void findsTheThresholdThatSeparatesAShiftedPrediction() {
        // positives predicted at 0.3, negatives at 0.1: 0.5 finds nothing, any threshold in (0.1, 0.3] is perfect
        float[] p = {0.3f, 0.3f, 0.3f, 0.1f, 0.1f, 0.1f, 0.1f};
        float[] t = {1, 1, 1, 0, 0, 0, 0};
        ThresholdHistogram h = new ThresholdHistogram();
        h.add(p, t);
        ThresholdHistogram.Best best = h.best();
        assertEquals(1.0, best.dice(), 1e-12);
        assertEquals(0.3, best.threshold(), 1e-9);
    }

    @Test
    void diceAtTheBestThresholdIsTheHardDiceThere() {
        float[] p = {0.95f, 0.7f, 0.6f, 0.4f, 0.65f, 0.2f, 0.05f, 0.55f};
        float[] t = {1, 1, 1, 1, 0, 0, 0, 0};
        ThresholdHistogram h = new ThresholdHistogram();
        h.add(p, t);
        ThresholdHistogram.Best best = h.best();
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < p.length; i++) {
            boolean pos = p[i] >= best.threshold();
            tp += pos && t[i] > 0.5f ? 1 : 0;
            fp += pos && t[i] <= 0.5f ? 1 : 0;
            fn += !pos && t[i] > 0.5f ? 1 : 0;
        }
        assertEquals(2.0 * tp / (2.0 * tp + fp + fn), best.dice(), 1e-12);
        // exhaustive check over the candidate thresholds: none is better
        for (int bin = 1; bin < ThresholdHistogram.BINS; bin++) {
            double th = (double) bin / ThresholdHistogram.BINS;
            long a = 0;
            long b = 0;
            long c = 0;
            for (int i = 0; i < p.length; i++) {
                boolean pos = p[i] >= th;
                a += pos && t[i] > 0.5f ? 1 : 0;
                b += pos && t[i] <= 0.5f ? 1 : 0;
                c += !pos && t[i] > 0.5f ? 1 : 0;
            }
            assertTrue(2.0 * a / (2.0 * a + b + c) <= best.dice() + 1e-12, "threshold " + th);
        }
    }
}
