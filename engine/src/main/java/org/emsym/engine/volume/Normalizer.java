package org.emsym.engine.volume;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An affine intensity map {@code (v - offset) / scale} whose statistics were computed once over a whole
 * volume, so every tile of that volume is mapped the same way and tiles agree at their seams.
 *
 * <p>Statistics are gathered slab by slab ({@link Volumes#forEachSection}); the volume is never held whole.
 * Percentiles of {@link PixelType#UINT8}/{@link PixelType#UINT16} volumes are exact (a histogram over all
 * integer values); for {@link PixelType#FLOAT32} a second pass fills a histogram of 2^20 bins between the
 * minimum and maximum, so percentiles are accurate to {@code (max - min) / 2^20}. NaN voxels are left out of
 * every statistic and stay NaN. A constant volume (zero spread) gets {@code scale = 1}, never a division by 0.
 */
public final class Normalizer {

    private static final int FLOAT_BINS = 1 << 20;

    private final NormalizationSpec spec;
    private final double offset;
    private final double scale;
    private final boolean clip;

    private Normalizer(NormalizationSpec spec, double offset, double spread) {
        this.spec = spec;
        this.offset = offset;
        this.scale = spread > 0 && Double.isFinite(spread) ? spread : 1.0;
        this.clip = spec.method() == NormalizationMethod.PERCENTILE;
    }

    /** Computes the statistics {@code spec} needs over all of {@code volume}. */
    public static Normalizer fit(Volume volume, NormalizationSpec spec) {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(spec, "spec");
        return switch (spec.method()) {
            case NONE -> new Normalizer(spec, 0, 1);
            case TYPE_MAX -> new Normalizer(spec, 0,
                    volume.pixelType() == PixelType.FLOAT32 ? 1 : volume.pixelType().maxValue());
            case MIN_MAX -> {
                double[] range = range(volume);
                yield new Normalizer(spec, range[0], range[1] - range[0]);
            }
            case MEAN_STD -> {
                double[] meanStd = meanStd(volume);
                yield new Normalizer(spec, meanStd[0], meanStd[1]);
            }
            case PERCENTILE -> {
                double[] p = percentiles(volume, spec.lowPercentile(), spec.highPercentile());
                yield new Normalizer(spec, p[0], p[1] - p[0]);
            }
        };
    }

    /** A normalizer with given statistics, e.g. restored from a saved model. */
    public static Normalizer of(NormalizationSpec spec, double offset, double scale) {
        return new Normalizer(Objects.requireNonNull(spec, "spec"), offset, scale);
    }

    /** Maps {@code values} in place; percentile normalization also clips to [0, 1]. */
    public void applyInPlace(float[] values) {
        float off = (float) offset;
        float inv = (float) (1.0 / scale);
        for (int i = 0; i < values.length; i++) {
            float v = (values[i] - off) * inv;
            if (clip) {
                v = v < 0f ? 0f : (v > 1f ? 1f : v);
            }
            values[i] = v;
        }
    }

    /** This map as a section transform (windowers, predictors, training data): maps in place and returns it. */
    public UnaryOperator<float[]> sectionTransform() {
        return section -> {
            applyInPlace(section);
            return section;
        };
    }

    /** A lazy {@link PixelType#FLOAT32} view of {@code volume} with this map applied to every slab read. */
    public Volume applyTo(Volume volume) {
        return new NormalizedVolume(volume, this);
    }

    public double offset() {
        return offset;
    }

    public double scale() {
        return scale;
    }

    public NormalizationSpec spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "Normalizer[" + spec + ", offset=" + offset + ", scale=" + scale + "]";
    }

    /** {min, max} over non-NaN voxels; {0, 0} when there are none. */
    private static double[] range(Volume volume) {
        double[] minMax = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        Volumes.forEachSection(volume, (z, section) -> {
            for (float v : section) {
                if (v < minMax[0]) {
                    minMax[0] = v;
                }
                if (v > minMax[1]) {
                    minMax[1] = v;
                }
            }
        });
        return minMax[0] <= minMax[1] ? minMax : new double[] {0, 0};
    }

    /** {mean, population standard deviation} by Welford's update, stable for large volumes. */
    private static double[] meanStd(Volume volume) {
        double[] state = new double[3]; // count, mean, sum of squared deviations
        Volumes.forEachSection(volume, (z, section) -> {
            for (float v : section) {
                if (Float.isNaN(v)) {
                    continue;
                }
                state[0]++;
                double delta = v - state[1];
                state[1] += delta / state[0];
                state[2] += delta * (v - state[1]);
            }
        });
        return state[0] == 0 ? new double[] {0, 0} : new double[] {state[1], Math.sqrt(state[2] / state[0])};
    }

    /** Nearest-rank percentiles {low, high}: the smallest value with at least p% of voxels at or below it. */
    static double[] percentiles(Volume volume, double low, double high) {
        if (volume.pixelType() == PixelType.FLOAT32) {
            return floatPercentiles(volume, low, high);
        }
        int levels = (int) volume.pixelType().maxValue() + 1;
        long[] histogram = new long[levels];
        Volumes.forEachSection(volume, (z, section) -> {
            for (float v : section) {
                if (!Float.isNaN(v)) {
                    histogram[(int) Math.max(0, Math.min(levels - 1, Math.round(v)))]++;
                }
            }
        });
        return new double[] {rankBin(histogram, low), rankBin(histogram, high)};
    }

    private static double[] floatPercentiles(Volume volume, double low, double high) {
        double[] range = range(volume);
        double min = range[0];
        double width = (range[1] - range[0]) / FLOAT_BINS;
        if (!(width > 0)) {
            return new double[] {min, min};
        }
        long[] histogram = new long[FLOAT_BINS];
        Volumes.forEachSection(volume, (z, section) -> {
            for (float v : section) {
                if (!Float.isNaN(v)) {
                    histogram[(int) Math.min(FLOAT_BINS - 1, (v - min) / width)]++;
                }
            }
        });
        return new double[] {binValue(histogram, low, min, width, range[1]),
                binValue(histogram, high, min, width, range[1])};
    }

    private static double binValue(long[] histogram, double percentile, double min, double width, double max) {
        if (percentile <= 0) {
            return min;
        }
        if (percentile >= 100) {
            return max;
        }
        return Math.min(max, min + (rankBin(histogram, percentile) + 0.5) * width);
    }

    /** Index of the bin holding the nearest-rank p-th percentile; 0 for an empty histogram. */
    private static int rankBin(long[] histogram, double percentile) {
        long total = 0;
        for (long count : histogram) {
            total += count;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long cumulative = 0;
        for (int bin = 0; bin < histogram.length; bin++) {
            cumulative += histogram[bin];
            if (cumulative >= rank) {
                return bin;
            }
        }
        return 0;
    }

    /** A normalized view; reads go through the source volume slab by slab. */
    private static final class NormalizedVolume extends ForwardingVolume {
        private final Normalizer normalizer;

        NormalizedVolume(Volume raw, Normalizer normalizer) {
            super(raw);
            this.normalizer = normalizer;
        }

        @Override
        public PixelType pixelType() {
            return PixelType.FLOAT32;
        }

        @Override
        public String source() {
            return delegate().source() + " normalized " + normalizer.spec();
        }

        @Override
        public float[][] readSlab(int z0, int z1) {
            float[][] slab = delegate().readSlab(z0, z1);
            for (float[] section : slab) {
                normalizer.applyInPlace(section);
            }
            return slab;
        }
    }
}
