package org.emsym.engine.attribution;

/** The reference input integrated gradients starts from. */
public enum BaselineKind {
    /** All zeros (after normalization: the normalized zero level). */
    ZEROS,
    /** A constant: the volume mean when the caller gives it, else the window's own mean. */
    VOLUME_MEAN,
    /** The input blurred in xy per channel (Gaussian), which keeps coarse intensity but removes structure. */
    BLURRED
}
