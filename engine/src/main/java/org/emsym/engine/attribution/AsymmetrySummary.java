package org.emsym.engine.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Channel shares aggregated over many windows: the mean share of every channel, and for each distance
 * d = 1..k the ratio A(z-d)/A(z+d) and the asymmetry index |A(z-d) - A(z+d)| / (A(z-d) + A(z+d)), each
 * with a 95% percentile-bootstrap interval over windows.
 */
public record AsymmetrySummary(int windows, List<Interval> channelShares, List<Interval> ratios,
        List<Interval> asymmetryIndices) {

    public AsymmetrySummary {
        channelShares = List.copyOf(channelShares);
        ratios = List.copyOf(ratios);
        asymmetryIndices = List.copyOf(asymmetryIndices);
    }

    /** Aggregates per-window shares; all windows must have the same channel count. */
    public static AsymmetrySummary of(List<ChannelShares> perWindow, long seed) {
        if (perWindow.isEmpty()) {
            throw new IllegalArgumentException("no windows to summarize");
        }
        int channels = perWindow.get(0).shares().length;
        int n = perWindow.size();
        List<Interval> shares = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                ChannelShares s = perWindow.get(i);
                if (s.shares().length != channels) {
                    throw new IllegalArgumentException("window " + i + " has " + s.shares().length
                            + " channels, expected " + channels);
                }
                v[i] = s.share(c);
            }
            shares.add(Bootstrap.meanInterval95(v, seed + c));
        }
        int k = channels / 2;
        List<Interval> ratios = new ArrayList<>();
        List<Interval> indices = new ArrayList<>();
        for (int d = 1; d <= k; d++) {
            double[] r = new double[n];
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = perWindow.get(i).ratio(d);
                a[i] = perWindow.get(i).asymmetryIndex(d);
            }
            ratios.add(Bootstrap.meanInterval95(r, seed + 100 + d));
            indices.add(Bootstrap.meanInterval95(a, seed + 200 + d));
        }
        return new AsymmetrySummary(n, shares, ratios, indices);
    }

    public int context() {
        return channelShares.size() / 2;
    }

    public Interval centreShare() {
        return channelShares.get(context());
    }

    /** Channel label relative to the centre: "z-1", "z", "z+1", ... */
    public static String channelLabel(int channel, int context) {
        int offset = channel - context;
        return offset == 0 ? "z" : offset < 0 ? "z" + offset : "z+" + offset;
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "attribution shares over %d windows (mean [95%% CI])%n", windows));
        for (int c = 0; c < channelShares.size(); c++) {
            sb.append(String.format(Locale.ROOT, "  %-5s %s%n", channelLabel(c, context()), channelShares.get(c)));
        }
        for (int d = 1; d <= context(); d++) {
            sb.append(String.format(Locale.ROOT, "  d=%d  ratio A(z-%d)/A(z+%d) %s  asymmetry index %s%n",
                    d, d, d, ratios.get(d - 1), asymmetryIndices.get(d - 1)));
        }
        return sb.toString();
    }
}
