package org.emsym.knime.node.predictor;

import java.util.Arrays;

import org.emsym.engine.model.DeviceSpec;
import org.emsym.engine.predict.ComponentMode;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.window.BlendMode;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/** Settings of the Segmentation Predictor; one settings model per key, each settable by a flow variable. */
final class SegmentationPredictorSettings extends SettingsGroup {

    static final String CFG_TILE_SIZE = "tile_size";
    static final String CFG_OVERLAP = "overlap";
    static final String CFG_BLEND = "blending";
    static final String CFG_BATCH_SIZE = "batch_size";
    static final String CFG_TTA_XY = "tta_xy_flips";
    static final String CFG_TTA_Z = "tta_z_flip";
    static final String CFG_THRESHOLD = "threshold";
    static final String CFG_COMPONENTS = "connected_components";
    static final String CFG_COMPONENT_MODE = "component_connectivity";
    static final String CFG_DEVICE = "device";

    static final String LABEL_TILE_SIZE = "Tile size";
    static final String LABEL_OVERLAP = "Tile overlap";
    static final String LABEL_BLEND = "Blending";
    static final String LABEL_BATCH = "Tiles per batch";
    static final String LABEL_TTA_XY = "Test-time augmentation: xy flips";
    static final String LABEL_TTA_Z = "Test-time augmentation: symmetric z-flip";
    static final String LABEL_THRESHOLD = "Threshold";
    static final String LABEL_COMPONENTS = "Label connected components";
    static final String LABEL_COMPONENT_MODE = "Connectivity";
    static final String LABEL_DEVICE = "Device (auto, cpu, gpu:N)";

    final SettingsModelIntegerBounded tileSize = new SettingsModelIntegerBounded(CFG_TILE_SIZE, 256, 8, 8192);
    final SettingsModelIntegerBounded overlap = new SettingsModelIntegerBounded(CFG_OVERLAP, 32, 0, 4096);
    final SettingsModelString blend = new SettingsModelString(CFG_BLEND, BlendMode.GAUSSIAN.name());
    final SettingsModelIntegerBounded batchSize = new SettingsModelIntegerBounded(CFG_BATCH_SIZE, 4, 1, 4096);
    final SettingsModelBoolean ttaXy = new SettingsModelBoolean(CFG_TTA_XY, false);
    final SettingsModelBoolean ttaZ = new SettingsModelBoolean(CFG_TTA_Z, false);
    final SettingsModelDoubleBounded threshold = new SettingsModelDoubleBounded(CFG_THRESHOLD, 0.5, 0, 1);
    final SettingsModelBoolean components = new SettingsModelBoolean(CFG_COMPONENTS, false);
    final SettingsModelString componentMode =
            new SettingsModelString(CFG_COMPONENT_MODE, ComponentMode.SECTIONS_4.name());
    final SettingsModelString device = new SettingsModelString(CFG_DEVICE, DeviceSpec.AUTO.text());

    SegmentationPredictorSettings() {
        updateEnabled();
        components.addChangeListener(e -> updateEnabled());
    }

    /** The connectivity counts only when components are labelled; model and dialog share this rule. */
    void updateEnabled() {
        componentMode.setEnabled(components.getBooleanValue());
    }

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {tileSize, overlap, blend, batchSize, ttaXy, ttaZ, threshold, components,
            componentMode, device};
    }

    @Override
    protected SettingsGroup newInstance() {
        return new SegmentationPredictorSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkConsistent();
    }

    @Override
    protected void afterLoad() {
        updateEnabled();
    }

    /** Checks what single models cannot: enum names and the overlap against the tile. */
    void checkConsistent() throws InvalidSettingsException {
        blendMode();
        componentMode();
        deviceSpec();
        if (overlap.getIntValue() >= tileSize.getIntValue()) {
            throw new InvalidSettingsException(LABEL_OVERLAP + ": " + overlap.getIntValue()
                    + " must be smaller than the tile size " + tileSize.getIntValue());
        }
    }

    BlendMode blendMode() throws InvalidSettingsException {
        return parse(BlendMode.class, blend.getStringValue(), LABEL_BLEND);
    }

    ComponentMode componentMode() throws InvalidSettingsException {
        return parse(ComponentMode.class, componentMode.getStringValue(), LABEL_COMPONENT_MODE);
    }

    TestTimeAugmentation augmentation() {
        return new TestTimeAugmentation(ttaXy.getBooleanValue(), ttaZ.getBooleanValue());
    }

    DeviceSpec deviceSpec() throws InvalidSettingsException {
        try {
            return DeviceSpec.parse(device.getStringValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(LABEL_DEVICE + ": " + e.getMessage(), e);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String label)
            throws InvalidSettingsException {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(label + ": unknown value '" + value + "'; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}
