package org.emsym.engine.volume;

/**
 * How voxel intensities are mapped before they reach a network. Statistics are always per volume.
 *
 * <p>{@link #TYPE_MAX} is the rule a network gets when nothing else is asked for: integer sections are divided by
 * their pixel type's maximum (8-bit 0..255 becomes 0..1, the range the pretrained encoders expect), float sections
 * pass unchanged. A model bundle records the method it was trained with, and every consumer (CLI, pipeline,
 * reproduction, KNIME Learner, Predictor and Attribution Scorer) applies the recorded one; see
 * {@code org.emsym.engine.model.ModelMetadata.Normalization#spec()}.
 */
public enum NormalizationMethod {
    /** Values pass unchanged. */
    NONE,
    /** v / (the pixel type's maximum): 0..255 becomes 0..1 for 8-bit; FLOAT32 passes unchanged. */
    TYPE_MAX,
    /** (v - min) / (max - min): maps the volume's range onto [0, 1]. */
    MIN_MAX,
    /** (v - p_low) / (p_high - p_low), clipped to [0, 1]: robust to outliers. */
    PERCENTILE,
    /** (v - mean) / std: zero mean, unit variance. */
    MEAN_STD
}
