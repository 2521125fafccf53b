package org.emsym.knime.node.windowing;

import org.emsym.engine.window.BoundaryMode;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Stack Windowing node. */
final class StackWindowingSettings extends SettingsGroup {

    static final String CFG_CONTEXT = "context_k";
    static final String CFG_BOUNDARY = "boundary_mode";
    static final String CFG_PATCH_SIZE = "patch_size";
    static final String CFG_TILE_SIZE = "tile_size";
    static final String CFG_TILE_OVERLAP = "tile_overlap";

    static final String LABEL_CONTEXT = "Context k (sections on each side)";
    static final String LABEL_BOUNDARY = "Boundary mode";
    static final String LABEL_PATCH_SIZE = "Training patch size (pixels)";
    static final String LABEL_TILE_SIZE = "Inference tile size (pixels)";
    static final String LABEL_TILE_OVERLAP = "Inference tile overlap (pixels)";

    final SettingsModelIntegerBounded context = new SettingsModelIntegerBounded(CFG_CONTEXT, 1, 0, 64);
    final SettingsModelString boundary = new SettingsModelString(CFG_BOUNDARY, BoundaryMode.DEFAULT.name());
    final SettingsModelIntegerBounded patchSize = new SettingsModelIntegerBounded(CFG_PATCH_SIZE, 256, 1, 1 << 16);
    final SettingsModelIntegerBounded tileSize = new SettingsModelIntegerBounded(CFG_TILE_SIZE, 512, 1, 1 << 16);
    final SettingsModelIntegerBounded tileOverlap = new SettingsModelIntegerBounded(CFG_TILE_OVERLAP, 64, 0, 1 << 16);

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {context, boundary, patchSize, tileSize, tileOverlap};
    }

    @Override
    protected SettingsGroup newInstance() {
        return new StackWindowingSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        boundaryMode();
        if (tileOverlap.getIntValue() >= tileSize.getIntValue()) {
            throw new InvalidSettingsException(LABEL_TILE_OVERLAP + ": " + tileOverlap.getIntValue()
                    + " must be smaller than the tile size " + tileSize.getIntValue());
        }
    }

    BoundaryMode boundaryMode() throws InvalidSettingsException {
        return enumValue(BoundaryMode.class, boundary.getStringValue(), LABEL_BOUNDARY);
    }
}
