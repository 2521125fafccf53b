package org.emsym.knime.node.windowing;

import org.emsym.engine.window.BoundaryMode;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Stack Windowing node, saved under the keys the node has used since its first release (so
 * saved workflows and their flow variables still apply). The bounds are those of the node's first release.
 */
final class StackWindowingParameters implements NodeParameters {

    static final String CFG_CONTEXT = "context_k";
    static final String CFG_BOUNDARY = "boundary_mode";
    static final String CFG_PATCH_SIZE = "patch_size";
    static final String CFG_TILE_SIZE = "tile_size";
    static final String CFG_TILE_OVERLAP = "tile_overlap";

    static final String TITLE_CONTEXT = "Context k";
    static final String TITLE_BOUNDARY = "Boundary mode";
    static final String TITLE_PATCH_SIZE = "Training patch size";
    static final String TITLE_TILE_SIZE = "Inference tile size";
    static final String TITLE_TILE_OVERLAP = "Inference tile overlap";

    static final int MAX_CONTEXT = 64;
    static final int MAX_SIDE = 1 << 16;

    @Widget(title = TITLE_CONTEXT, description = "Sections on each side of the centre, 0 to 64; the window has "
            + "2k+1 channels (k = 1 gives the usual pseudo-RGB input). Key: <tt>context_k</tt>.")
    @Persist(configKey = CFG_CONTEXT)
    int context = 1;

    @Widget(title = TITLE_BOUNDARY, description = "What fills the channels of a window that reaches past the stack: "
            + "<tt>REFLECT</tt> (default) mirrors about the edge section without repeating it, <tt>REPLICATE</tt> "
            + "repeats the edge section, <tt>ZERO</tt> uses a zero-filled channel, <tt>SKIP</tt> makes no window for "
            + "those centres and needs at least 2k+1 sections. Key: <tt>boundary_mode</tt>.")
    @Persist(configKey = CFG_BOUNDARY)
    BoundaryMode boundary = BoundaryMode.DEFAULT;

    @Widget(title = TITLE_PATCH_SIZE, description = "Side in pixels of the square patches sampled for training; at "
            + "least 1 and at most the section's height and width. Key: <tt>patch_size</tt>.")
    @Persist(configKey = CFG_PATCH_SIZE)
    int patchSize = 256;

    @Widget(title = TITLE_TILE_SIZE, description = "Side in pixels of the square tiles the Predictor runs the "
            + "network on, 1 to 65536; sections are padded to whole tiles. Key: <tt>tile_size</tt>.")
    @Persist(configKey = CFG_TILE_SIZE)
    int tileSize = 512;

    @Widget(title = TITLE_TILE_OVERLAP, description = "Pixels shared by neighbouring tiles, blended when "
            + "predicting; at least 0 and smaller than the tile size. Key: <tt>tile_overlap</tt>.")
    @Persist(configKey = CFG_TILE_OVERLAP)
    int tileOverlap = 64;

    @Override
    public void validate() throws InvalidSettingsException {
        check(TITLE_CONTEXT, context, 0, MAX_CONTEXT);
        check(TITLE_PATCH_SIZE, patchSize, 1, MAX_SIDE);
        check(TITLE_TILE_SIZE, tileSize, 1, MAX_SIDE);
        check(TITLE_TILE_OVERLAP, tileOverlap, 0, MAX_SIDE);
        if (tileOverlap >= tileSize) {
            throw new InvalidSettingsException(TITLE_TILE_OVERLAP + ": " + tileOverlap
                    + " must be smaller than the tile size " + tileSize);
        }
    }

    private static void check(String title, int value, int min, int max) throws InvalidSettingsException {
        if (value < min || value > max) {
            throw new InvalidSettingsException(title + ": " + value + " is outside " + min + " to " + max);
        }
    }
}
