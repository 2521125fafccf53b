package org.emsym.knime.node.attribution;

import java.util.Arrays;

import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.BaselineKind;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Attribution Scorer, saved under the keys the node has used since its first release (so saved
 * workflows and their flow variables still apply). The bounds are those of the node's first release.
 */
final class AttributionScorerParameters implements NodeParameters {

    static final String CFG_METHOD = "method";
    static final String CFG_STEPS = "steps";
    static final String CFG_BASELINE = "baseline";
    static final String CFG_CENTRES = "centres";
    static final String CFG_EVERY_NTH = "every_nth";
    static final String CFG_MAX_WINDOWS = "max_windows";
    static final String CFG_TILE_SIZE = "tile_size";
    static final String CFG_ATTRIBUTION_VOLUME = "output_attribution_volume";

    static final String TITLE_METHOD = "Attribution method";
    static final String TITLE_STEPS = "Integrated-gradients steps";
    static final String TITLE_BASELINE = "Integrated-gradients baseline";
    static final String TITLE_CENTRES = "Window centres";
    static final String TITLE_EVERY_NTH = "Every n-th section";
    static final String TITLE_MAX_WINDOWS = "Maximum number of windows";
    static final String TITLE_TILE_SIZE = "Tile size";
    static final String TITLE_ATTRIBUTION_VOLUME = "Output the attribution maps as a Volume";

    @Widget(title = TITLE_METHOD, description = "<tt>SALIENCY</tt> (|gradient|), <tt>GRADIENT_X_INPUT</tt> or "
            + "<tt>INTEGRATED_GRADIENTS</tt> (default). Key: <tt>method</tt>.")
    @Persist(configKey = CFG_METHOD)
    AttributionMethod method = AttributionMethod.INTEGRATED_GRADIENTS;

    @Widget(title = TITLE_STEPS, description = "Riemann steps from the baseline to the input, 1 to 4096. Key: "
            + "<tt>steps</tt>.")
    @Persist(configKey = CFG_STEPS)
    int steps = 32;

    @Widget(title = TITLE_BASELINE, description = "<tt>ZEROS</tt>, <tt>VOLUME_MEAN</tt> (the window's mean) or "
            + "<tt>BLURRED</tt> (the input blurred in xy). Key: <tt>baseline</tt>.")
    @Persist(configKey = CFG_BASELINE)
    BaselineKind baseline = BaselineKind.ZEROS;

    @Widget(title = TITLE_CENTRES, description = "Comma-separated 0-based section indices to score, e.g. "
            + "<tt>3,10,17</tt>; empty to use every n-th window centre. Key: <tt>centres</tt>.")
    @Persist(configKey = CFG_CENTRES)
    String centres = "";

    @Widget(title = TITLE_EVERY_NTH, description = "With no centres listed: every n-th window centre (with SKIP "
            + "boundary, the centres start at k); at least 1. Key: <tt>every_nth</tt>.")
    @Persist(configKey = CFG_EVERY_NTH)
    int everyNth = 1;

    @Widget(title = TITLE_MAX_WINDOWS, description = "When more windows are selected, this many are taken, evenly "
            + "spread over them; at least 1. Key: <tt>max_windows</tt>.")
    @Persist(configKey = CFG_MAX_WINDOWS)
    int maxWindows = 16;

    @Widget(title = TITLE_TILE_SIZE, description = "Side of the centred square crop of each window that is "
            + "attributed; at most the section size and a multiple of the network's size multiple (32). Key: "
            + "<tt>tile_size</tt>.")
    @Persist(configKey = CFG_TILE_SIZE)
    int tileSize = 256;

    @Widget(title = TITLE_ATTRIBUTION_VOLUME, description = "Activates the third output. Key: "
            + "<tt>output_attribution_volume</tt>.")
    @Persist(configKey = CFG_ATTRIBUTION_VOLUME)
    boolean attributionVolume = false;

    @Override
    public void validate() throws InvalidSettingsException {
        check(TITLE_STEPS, steps, 4096);
        check(TITLE_EVERY_NTH, everyNth, 1 << 20);
        check(TITLE_MAX_WINDOWS, maxWindows, 1 << 20);
        check(TITLE_TILE_SIZE, tileSize, 1 << 16);
        centreList();
    }

    private static void check(String title, int value, int max) throws InvalidSettingsException {
        if (value < 1 || value > max) {
            throw new InvalidSettingsException(title + ": " + value + " is outside 1 to " + max);
        }
    }

    /** The listed centres, or an empty array when every n-th section is to be used. */
    int[] centreList() throws InvalidSettingsException {
        String text = centres == null ? "" : centres.trim();
        if (text.isEmpty()) {
            return new int[0];
        }
        try {
            int[] z = Arrays.stream(text.split("\\s*,\\s*")).mapToInt(Integer::parseInt).toArray();
            if (Arrays.stream(z).anyMatch(v -> v < 0)) {
                throw new NumberFormatException("negative section");
            }
            return z;
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(TITLE_CENTRES + ": '" + text
                    + "' is not a comma-separated list of section indices (0-based)", e);
        }
    }
}
