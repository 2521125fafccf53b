package org.emsym.engine.volume;

/** How voxel intensities are mapped before they reach a network. Statistics are always per volume. */
public enum NormalizationMethod {
    /** Values pass unchanged. */
    NONE,
    /** (v - min) / (max - min): maps the volume's range onto [0, 1]. */
    MIN_MAX,
    /** (v - p_low) / (p_high - p_low), clipped to [0, 1]: robust to outliers. */
    PERCENTILE,
    /** (v - mean) / std: zero mean, unit variance. */
    MEAN_STD
}
