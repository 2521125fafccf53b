package org.emsym.engine.synth;

/**
 * Starting points for {@link SynthConfig}: each preset sets every knob to values that mimic one kind
 * of volume EM. Individual knobs can still be overridden on the builder.
 */
public enum SynthPreset {
    /**
     * Serial-section TEM as in ISBI 2012: 4 nm pixels, 50 nm sections (z step 12.5 px), so cells change
     * markedly from one section to the next; sections carry their own gain/offset and small xy shifts.
     * Calibrated on the real ISBI 2012 sections (see {@link EmImageStats}).
     */
    SSTEM_ANISOTROPIC,

    /**
     * Near-isotropic FIB-SEM: z step equal to the pixel size, so sections are strongly continuous;
     * milled sections are well aligned and evenly exposed.
     */
    FIBSEM_ISOTROPIC
}
