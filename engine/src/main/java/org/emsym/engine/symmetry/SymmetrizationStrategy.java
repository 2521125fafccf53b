package org.emsym.engine.symmetry;

import java.util.Locale;

/** How the first convolution's pretrained kernel is adapted to a 2k+1 channel window. */
public enum SymmetrizationStrategy {
    /**
     * The pretrained kernel unchanged (3 channels) or spread over 2k+1 channels by linear interpolation of the
     * source channels (see {@link KernelSymmetrizer#spread}); keeps the pretrained asymmetry. The paper's baseline.
     */
    NONE,
    /** The paper's uniform channel initialization: every channel gets the mean source kernel, scaled by 3/(2k+1). */
    UNIFORM,
    /** {@link #NONE}, then channels at equal distance from the centre get their average: exactly z-flip symmetric. */
    OUTER_AVERAGE;

    /** The id used in metadata and on the command line: {@code none}, {@code uniform}, {@code outer-average}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses an {@link #id()} (case-insensitive, '_' or '-'). */
    public static SymmetrizationStrategy fromId(String id) {
        for (SymmetrizationStrategy s : values()) {
            if (s.id().equalsIgnoreCase(id.replace('_', '-'))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown symmetrization strategy '" + id + "'; use none, uniform or outer-average");
    }
}
