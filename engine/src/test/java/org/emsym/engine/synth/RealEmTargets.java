package org.emsym.engine.synth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calibration targets for 8-bit ssTEM (ISBI 2012, issue 2) and the tolerances the tests allow. The
 * same check is applied to the real sections (to show the targets and {@link EmImageStats} agree with
 * real data) and to the synthetic default stack (to show the generator matches).
 */
final class RealEmTargets {

    static final double MEMBRANE_FRACTION_MIN = 0.17;
    static final double MEMBRANE_FRACTION_MAX = 0.27;
    static final double MEMBRANE_MEAN = 85;
    static final double CYTOPLASM_MEAN = 138;
    static final double MEAN_TOLERANCE = 15;
    static final double NEIGHBOUR_CORRELATION = 0.9;
    static final double NEIGHBOUR_TOLERANCE = 0.07;
    static final double NOISE_SD = 9;
    static final double NOISE_TOLERANCE = 3;
    static final double ADJACENT_MIN = 0.1;
    static final double ADJACENT_MAX = 0.5;

    private RealEmTargets() {
    }

    /** Asserts that {@code s} lies within tolerance of every ssTEM target. */
    static void assertMatchesSsTem(EmImageStats s) {
        assertAll(s.toString(),
                () -> assertTrue(s.membraneFraction() >= MEMBRANE_FRACTION_MIN
                        && s.membraneFraction() <= MEMBRANE_FRACTION_MAX, "membrane fraction " + s.membraneFraction()),
                () -> assertEquals(MEMBRANE_MEAN, s.membraneMean(), MEAN_TOLERANCE, "membrane mean"),
                () -> assertEquals(CYTOPLASM_MEAN, s.cytoplasmMean(), MEAN_TOLERANCE, "cytoplasm mean"),
                () -> assertEquals(NEIGHBOUR_CORRELATION, s.neighbourCorrelation(), NEIGHBOUR_TOLERANCE,
                        "neighbour correlation"),
                () -> assertEquals(NOISE_SD, s.noiseSd(), NOISE_TOLERANCE, "noise sd"),
                () -> assertTrue(s.adjacentSectionCorrelation() >= ADJACENT_MIN
                        && s.adjacentSectionCorrelation() <= ADJACENT_MAX,
                        "adjacent-section correlation " + s.adjacentSectionCorrelation()));
    }
}
