package org.emsym.engine.attribution;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile bootstrap of a mean, seeded so reports are reproducible. */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * The mean of {@code values} with a percentile bootstrap interval at level {@code 1 - alpha}.
     *
     * @param samples number of bootstrap resamples, e.g. 2000
     */
    public static Interval meanInterval(double[] values, int samples, double alpha, long seed) {
        if (values.length == 0) {
            throw new IllegalArgumentException("bootstrap needs at least one value");
        }
        if (samples < 1 || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("bootstrap samples must be >= 1 and alpha in (0, 1), got "
                    + samples + " and " + alpha);
        }
        double mean = mean(values);
        if (values.length == 1) {
            return new Interval(mean, mean, mean);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[samples];
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[random.nextInt(values.length)];
            }
            means[s] = sum / values.length;
        }
        Arrays.sort(means);
        return new Interval(mean, quantile(means, alpha / 2), quantile(means, 1 - alpha / 2));
    }

    /** The 95% interval with 2000 resamples. */
    public static Interval meanInterval95(double[] values, long seed) {
        return meanInterval(values, 2000, 0.05, seed);
    }

    static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
