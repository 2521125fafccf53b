package org.emsym.engine.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emsym.engine.attribution.Interval;
import org.junit.jupiter.api.Test;

class PairedDifferenceTest {

    @Test
    void tIntervalOfOneTwoThreeFour() {
        PairedDifference p = new PairedDifference(new double[] {1, 2, 3, 4});
        assertEquals(2.5, p.mean(), 1e-12);
        assertEquals(Math.sqrt(5.0 / 3), p.sd(), 1e-12, "sample sd 1.291");
        Interval t = p.tInterval();
        double half = 3.182446 * Math.sqrt(5.0 / 3) / 2; // t(0.975, 3) · sd / √n = 2.054
        assertEquals(2.5, t.mean(), 1e-12);
        assertEquals(2.5 - half, t.low(), 1e-5);
        assertEquals(2.5 + half, t.high(), 1e-5);
        assertEquals(4, p.notNegative());
    }

    @Test
    void bootstrapIntervalIsFixedBySeedAndLiesInTheRangeOfTheData() {
        double[] d = {-0.051, -0.013, 0.223, -0.196};
        Interval a = new PairedDifference(d).bootstrapInterval();
        Interval b = new PairedDifference(d.clone()).bootstrapInterval();
        assertEquals(a, b, "fixed seed: the same interval every time");
        assertEquals(-0.00925, a.mean(), 1e-12);
        assertTrue(a.low() >= -0.196 && a.low() < a.mean() && a.mean() < a.high() && a.high() <= 0.223, a::toString);
        // resampling 4 values: the 2.5% quantile of the resampled means is near the low end, well below the mean
        assertTrue(a.low() < -0.1 && a.high() > 0.08, a::toString);
    }

    @Test
    void equalDifferencesGiveAZeroWidthInterval() {
        PairedDifference p = new PairedDifference(new double[] {0.02, 0.02, 0.02});
        assertEquals(0.02, p.tInterval().low(), 1e-15);
        assertEquals(0.02, p.bootstrapInterval().high(), 1e-15);
    }

    @Test
    void oneSeedHasNoInterval() {
        PairedDifference p = new PairedDifference(new double[] {0.1});
        assertTrue(Double.isNaN(p.tInterval().low()) && Double.isNaN(p.bootstrapInterval().high()));
        assertThrows(IllegalArgumentException.class, () -> new PairedDifference(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new PairedDifference(new double[] {Double.NaN}));
    }
}
