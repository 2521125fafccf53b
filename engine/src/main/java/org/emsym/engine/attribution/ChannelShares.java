package org.emsym.engine.attribution;

import java.util.Arrays;

/**
 * Per-channel (per-section) attribution of one 2.5D window: the sum of absolute attribution over each
 * channel, as shares that sum to 1. Channel 0 is z-k, channel k the centre, channel 2k is z+k; for k=1
 * that is the z-1 / z / z+1 (R/G/B) split the paper reports.
 */
public record ChannelShares(double[] shares) {

    public ChannelShares {
        if (shares.length % 2 != 1) {
            throw new IllegalArgumentException("a window has 2k+1 channels, got " + shares.length + " shares");
        }
        shares = shares.clone();
    }

    /** Shares from per-channel totals of absolute attribution; all-zero totals give equal shares. */
    public static ChannelShares fromTotals(double[] totals) {
        double sum = 0;
        for (double t : totals) {
            if (t < 0 || Double.isNaN(t)) {
                throw new IllegalArgumentException("channel totals must be non-negative, got " + Arrays.toString(totals));
            }
            sum += t;
        }
        double[] s = new double[totals.length];
        for (int c = 0; c < s.length; c++) {
            s[c] = sum > 0 ? totals[c] / sum : 1.0 / totals.length;
        }
        return new ChannelShares(s);
    }

    @Override
    public double[] shares() {
        return shares.clone();
    }

    public double share(int channel) {
        return shares[channel];
    }

    /** The context k of the window (channels = 2k+1). */
    public int context() {
        return shares.length / 2;
    }

    public double centre() {
        return shares[context()];
    }

    /** A(z-d) / A(z+d) for distance d in 1..k; infinite when z+d got no attribution. */
    public double ratio(int d) {
        checkDistance(d);
        double below = shares[context() - d];
        double above = shares[context() + d];
        return above == 0 ? (below == 0 ? 1 : Double.POSITIVE_INFINITY) : below / above;
    }

    /** |A(z-d) - A(z+d)| / (A(z-d) + A(z+d)) for distance d in 1..k: 0 is symmetric, 1 one-sided. */
    public double asymmetryIndex(int d) {
        checkDistance(d);
        double below = shares[context() - d];
        double above = shares[context() + d];
        double sum = below + above;
        return sum == 0 ? 0 : Math.abs(below - above) / sum;
    }

    /** The shares of the z-flipped window: the same numbers in reversed channel order. */
    public ChannelShares zFlip() {
        double[] r = new double[shares.length];
        for (int c = 0; c < r.length; c++) {
            r[c] = shares[r.length - 1 - c];
        }
        return new ChannelShares(r);
    }

    private void checkDistance(int d) {
        if (d < 1 || d > context()) {
            throw new IllegalArgumentException("distance d must be in 1.." + context() + ", got " + d);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelShares other && Arrays.equals(shares, other.shares);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shares);
    }

    @Override
    public String toString() {
        return "ChannelShares" + Arrays.toString(shares);
    }
}
