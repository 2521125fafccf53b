package org.emsym.engine.attribution;

/**
 * Attribution of one window: one map per input channel (row-major height x width), the target score of
 * the input and, for integrated gradients, of the baseline (NaN otherwise).
 */
public record AttributionResult(AttributionMethod method, int height, int width, float[][] maps,
        double target, double baselineTarget) {

    public int channels() {
        return maps.length;
    }

    /** Sum of absolute attribution per channel. */
    public double[] channelTotals() {
        double[] totals = new double[maps.length];
        for (int c = 0; c < maps.length; c++) {
            double s = 0;
            for (float v : maps[c]) {
                s += Math.abs(v);
            }
            totals[c] = s;
        }
        return totals;
    }

    /** Signed sum of all attribution; for integrated gradients it approximates target - baselineTarget. */
    public double signedSum() {
        double s = 0;
        for (float[] map : maps) {
            for (float v : map) {
                s += v;
            }
        }
        return s;
    }

    public ChannelShares shares() {
        return ChannelShares.fromTotals(channelTotals());
    }
}
