package org.emsym.engine.volume;

import java.util.Objects;

/**
 * A normalization method with its percentiles (used only by {@link NormalizationMethod#PERCENTILE}).
 *
 * @param lowPercentile  lower percentile in [0, 100)
 * @param highPercentile upper percentile in (low, 100]
 */
public record NormalizationSpec(NormalizationMethod method, double lowPercentile, double highPercentile) {

    public static final double DEFAULT_LOW_PERCENTILE = 1.0;
    public static final double DEFAULT_HIGH_PERCENTILE = 99.8;

    public NormalizationSpec {
        Objects.requireNonNull(method, "method");
        if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= low < high <= 100, got low="
                    + lowPercentile + " high=" + highPercentile);
        }
    }

    public static NormalizationSpec percentile(double low, double high) {
        return new NormalizationSpec(NormalizationMethod.PERCENTILE, low, high);
    }

    /** Percentile normalization with the default 1 .. 99.8 range. */
    public static NormalizationSpec percentile() {
        return percentile(DEFAULT_LOW_PERCENTILE, DEFAULT_HIGH_PERCENTILE);
    }

    public static NormalizationSpec minMax() {
        return new NormalizationSpec(NormalizationMethod.MIN_MAX, DEFAULT_LOW_PERCENTILE, DEFAULT_HIGH_PERCENTILE);
    }

    public static NormalizationSpec meanStd() {
        return new NormalizationSpec(NormalizationMethod.MEAN_STD, DEFAULT_LOW_PERCENTILE, DEFAULT_HIGH_PERCENTILE);
    }

    /** Division by the pixel type's maximum (FLOAT32 unchanged): the default input rule of every network. */
    public static NormalizationSpec typeMax() {
        return new NormalizationSpec(NormalizationMethod.TYPE_MAX, DEFAULT_LOW_PERCENTILE, DEFAULT_HIGH_PERCENTILE);
    }

    /**
     * The rule a network gets for a volume that declares {@code declared}: the declaration itself, or
     * {@link #typeMax()} when it declares none ({@code null} or {@link NormalizationMethod#NONE}), so raw 0..255
     * values never reach a network pretrained on 0..1.
     */
    public static NormalizationSpec forNetwork(NormalizationSpec declared) {
        return declared == null || declared.method() == NormalizationMethod.NONE ? typeMax() : declared;
    }

    public static NormalizationSpec none() {
        return new NormalizationSpec(NormalizationMethod.NONE, DEFAULT_LOW_PERCENTILE, DEFAULT_HIGH_PERCENTILE);
    }

    @Override
    public String toString() {
        return method == NormalizationMethod.PERCENTILE
                ? "PERCENTILE(" + lowPercentile + ".." + highPercentile + ")"
                : method.name();
    }
}
