package org.emsym.engine.reproduce;

import java.util.Arrays;
import org.emsym.engine.attribution.Bootstrap;
import org.emsym.engine.attribution.Interval;

/**
 * Paired differences of one measure between two strategies over the same seeds (e.g. Dice of {@code uniform}
 * minus Dice of {@code none} with the same seed), with two 95% intervals of their mean: the paired t interval
 * {@code mean ± t(0.975, n-1) · sd / √n} and the percentile bootstrap over seeds (the pairs are resampled
 * together, {@value #BOOTSTRAP_SAMPLES} resamples, fixed seed {@value #BOOTSTRAP_SEED}, so reports repeat).
 * With fewer than two seeds both intervals are undefined (NaN bounds).
 *
 * @param differences one difference per seed, in run order
 */
public record PairedDifference(double[] differences) {

    public static final double LEVEL = 0.95;
    public static final int BOOTSTRAP_SAMPLES = 2000;
    public static final long BOOTSTRAP_SEED = 20120;

    public PairedDifference {
        differences = differences.clone();
        if (differences.length == 0) {
            throw new IllegalArgumentException("a paired difference needs at least one seed");
        }
        for (double d : differences) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("paired differences must be finite, got "
                        + Arrays.toString(differences));
            }
        }
    }

    @Override
    public double[] differences() {
        return differences.clone();
    }

    public int seeds() {
        return differences.length;
    }

    public double mean() {
        return SeedSweep.mean(differences);
    }

    /** Sample standard deviation of the differences; NaN for one seed. */
    public double sd() {
        return SeedSweep.sd(differences);
    }

    /** {@code mean ± t(0.975, n-1) · sd / √n}. */
    public Interval tInterval() {
        int n = differences.length;
        double mean = mean();
        if (n < 2) {
            return new Interval(mean, Double.NaN, Double.NaN);
        }
        double half = StudentT.quantile(1 - (1 - LEVEL) / 2, n - 1) * sd() / Math.sqrt(n);
        return new Interval(mean, mean - half, mean + half);
    }

    /** Percentile bootstrap interval of the mean difference over seeds. */
    public Interval bootstrapInterval() {
        if (differences.length < 2) {
            return new Interval(mean(), Double.NaN, Double.NaN);
        }
        return Bootstrap.meanInterval(differences, BOOTSTRAP_SAMPLES, 1 - LEVEL, BOOTSTRAP_SEED);
    }

    /** Number of seeds whose difference is {@code >= 0}. */
    public long notNegative() {
        return Arrays.stream(differences).filter(x -> x >= 0).count();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairedDifference p && Arrays.equals(differences, p.differences);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(differences);
    }

    @Override
    public String toString() {
        return "PairedDifference" + Arrays.toString(differences);
    }
}
