package org.emsym.engine.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChannelSharesTest {

    @Test
    void sharesSumToOneAndGiveRatioAndIndex() {
        ChannelShares s = ChannelShares.fromTotals(new double[] {6, 3, 1});
        assertArrayEquals(new double[] {0.6, 0.3, 0.1}, s.shares(), 1e-12);
        assertEquals(1, s.context());
        assertEquals(0.3, s.centre(), 1e-12);
        assertEquals(6.0, s.ratio(1), 1e-12);
        // |0.6 - 0.1| / (0.6 + 0.1) = 5/7
        assertEquals(5.0 / 7.0, s.asymmetryIndex(1), 1e-12);
        assertArrayEquals(new double[] {0.1, 0.3, 0.6}, s.zFlip().shares(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> s.ratio(2));
    }

    @Test
    void zeroTotalsGiveEqualShares() {
        assertArrayEquals(new double[] {0.2, 0.2, 0.2, 0.2, 0.2},
                ChannelShares.fromTotals(new double[5]).shares(), 1e-12);
    }

    @Test
    void bootstrapIntervalIsReproducibleAndBracketsTheMean() {
        double[] v = new double[200];
        Random r = new Random(3);
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.4 + 0.05 * r.nextGaussian();
        }
        Interval a = Bootstrap.meanInterval95(v, 11);
        Interval b = Bootstrap.meanInterval95(v, 11);
        assertEquals(a, b);
        assertTrue(a.low() < a.mean() && a.mean() < a.high());
        // standard error 0.05 / sqrt(200) = 0.0035: the 95% interval is about +-0.007 wide
        assertEquals(0.0069, (a.high() - a.low()) / 2, 0.002);
    }

    @Test
    void summaryAggregatesWindows() {
        List<ChannelShares> windows = new ArrayList<>();
        windows.add(ChannelShares.fromTotals(new double[] {5, 3, 2}));
        windows.add(ChannelShares.fromTotals(new double[] {4, 4, 2}));
        AsymmetrySummary s = AsymmetrySummary.of(windows, 1);
        assertEquals(2, s.windows());
        assertEquals(0.45, s.channelShares().get(0).mean(), 1e-12);
        assertEquals(0.35, s.centreShare().mean(), 1e-12);
        // ratios 2.5 and 2.0
        assertEquals(2.25, s.ratios().get(0).mean(), 1e-12);
        assertTrue(s.toText().contains("z-1"));
        assertEquals("z+2", AsymmetrySummary.channelLabel(4, 2));
    }
}
