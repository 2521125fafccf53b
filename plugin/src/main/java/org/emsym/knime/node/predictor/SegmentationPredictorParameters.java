package org.emsym.knime.node.predictor;

import org.emsym.engine.predict.ComponentMode;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.model.DeviceSpec;
import org.emsym.engine.window.BlendMode;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.emsym.knime.util.ZarrOutputParameters;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.persistence.Persistor;

/**
 * Parameters of the Segmentation Predictor, saved under the keys the node has used since its first release (so
 * saved workflows and their flow variables still apply). The bounds are those of the node's first release; the
 * OME-Zarr output came later, and settings saved before it load with port storage.
 */
final class SegmentationPredictorParameters implements NodeParameters {

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
    /** Added with OME-Zarr support: settings saved before lack them and keep port storage. */
    static final String CFG_ZARR_OUTPUT = "zarr_output";
    static final String CFG_ZARR_PATH = "zarr_output_path";
    static final String CFG_ZARR_RESUME = "zarr_resume";

    static final String TITLE_TILE_SIZE = "Tile size";
    static final String TITLE_OVERLAP = "Tile overlap";
    static final String TITLE_BLEND = "Blending";
    static final String TITLE_BATCH = "Tiles per batch";
    static final String TITLE_TTA_XY = "Test-time augmentation: xy flips";
    static final String TITLE_TTA_Z = "Test-time augmentation: symmetric z-flip";
    static final String TITLE_THRESHOLD = "Threshold";
    static final String TITLE_COMPONENTS = "Label connected components";
    static final String TITLE_COMPONENT_MODE = "Connectivity";
    static final String TITLE_DEVICE = "Device";
    static final String TITLE_ZARR_OUTPUT = "Write probabilities block by block into an OME-Zarr image";
    static final String TITLE_ZARR_PATH = "OME-Zarr probabilities";
    static final String TITLE_ZARR_RESUME = "Resume an interrupted OME-Zarr prediction";

    @Widget(title = TITLE_TILE_SIZE, description = "Side of the square tiles fed to the network, 8 to 8192; a "
            + "multiple of 32. Key: <tt>tile_size</tt>.")
    @Persist(configKey = CFG_TILE_SIZE)
    int tileSize = 256;

    @Widget(title = TITLE_OVERLAP, description = "Pixels shared by neighbouring tiles, 0 to 4096; smaller than the "
            + "tile. Key: <tt>overlap</tt>.")
    @Persist(configKey = CFG_OVERLAP)
    int overlap = 32;

    @Widget(title = TITLE_BLEND, description = "Weights of overlapping tiles: <tt>GAUSSIAN</tt>, <tt>COSINE</tt> or "
            + "<tt>UNIFORM</tt>. Key: <tt>blending</tt>.")
    @Persist(configKey = CFG_BLEND)
    BlendMode blend = BlendMode.GAUSSIAN;

    @Widget(title = TITLE_BATCH, description = "Tiles per forward pass, 1 to 4096 (augmentation variants count as "
            + "tiles). Key: <tt>batch_size</tt>.")
    @Persist(configKey = CFG_BATCH_SIZE)
    int batchSize = 4;

    @Widget(title = TITLE_TTA_XY, description = "Also predict every tile flipped in y, in x and in both (4 "
            + "variants). Key: <tt>tta_xy_flips</tt>.")
    @Persist(configKey = CFG_TTA_XY)
    boolean ttaXy = false;

    @Widget(title = TITLE_TTA_Z, description = "Also predict every variant with the window reversed in z (2 "
            + "variants). Key: <tt>tta_z_flip</tt>.")
    @Persist(configKey = CFG_TTA_Z)
    boolean ttaZ = false;

    @Widget(title = TITLE_THRESHOLD, description = "Voxels with probability at or above the threshold, 0 to 1, are "
            + "foreground. Key: <tt>threshold</tt>.")
    @Persist(configKey = CFG_THRESHOLD)
    double threshold = 0.5;

    @Widget(title = TITLE_COMPONENTS, description = "Output instance labels 1..n (UINT16, 0 = background) of the "
            + "thresholded mask instead of the 0/1 mask. Key: <tt>connected_components</tt>.")
    @Persist(configKey = CFG_COMPONENTS)
    boolean components = false;

    @Widget(title = TITLE_COMPONENT_MODE, description = "Used when connected components are labelled: "
            + "<tt>SECTIONS_4</tt> or <tt>SECTIONS_8</tt>: 2-D components per section (labels unique across "
            + "sections); <tt>VOLUME_6</tt>: 3-D components. Key: <tt>component_connectivity</tt>.")
    @Persist(configKey = CFG_COMPONENT_MODE)
    ComponentMode componentMode = ComponentMode.SECTIONS_4;

    @Widget(title = TITLE_DEVICE, description = "<tt>auto</tt>, <tt>cpu</tt> or <tt>gpu:N</tt>. Key: "
            + "<tt>device</tt>.")
    @Persist(configKey = CFG_DEVICE)
    String device = DeviceSpec.AUTO.text();

    @Widget(title = TITLE_ZARR_OUTPUT, description = "Predict block by block into the OME-Zarr folder below instead "
            + "of port storage. Key: <tt>zarr_output</tt>.")
    @Persist(configKey = CFG_ZARR_OUTPUT)
    @Migrate(loadDefaultIfAbsent = true)
    boolean zarrOutput = false;

    @Widget(title = TITLE_ZARR_PATH, description = "Used when writing into OME-Zarr: the <tt>.zarr</tt> folder to "
            + "write; its parent must exist and it must be new or empty (unless resuming). Key: "
            + "<tt>zarr_output_path</tt>.")
    @Persist(configKey = CFG_ZARR_PATH)
    @Migrate(loadDefaultIfAbsent = true)
    String zarrPath = "";

    @Widget(title = TITLE_ZARR_RESUME, description = "Used when writing into OME-Zarr: accept an existing folder "
            + "written by an interrupted run of the same prediction (same shape and chunks) and compute only the "
            + "blocks whose chunks are missing. Only resume with unchanged model and settings: finished blocks are "
            + "not recomputed. Key: <tt>zarr_resume</tt>.")
    @Persist(configKey = CFG_ZARR_RESUME)
    @Migrate(loadDefaultIfAbsent = true)
    boolean zarrResume = false;

    /** Chunks, compressor, format and levels of the OME-Zarr output (used when writing into OME-Zarr). */
    @Persistor(ZarrOutputParameters.Persistor.class)
    @Migrate(loadDefaultIfAbsent = true)
    ZarrOutputParameters zarr = new ZarrOutputParameters();

    @Override
    public void validate() throws InvalidSettingsException {
        check(TITLE_TILE_SIZE, tileSize, 8, 8192);
        check(TITLE_OVERLAP, overlap, 0, 4096);
        check(TITLE_BATCH, batchSize, 1, 4096);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new InvalidSettingsException(TITLE_THRESHOLD + ": " + threshold + " is outside 0 to 1");
        }
        if (overlap >= tileSize) {
            throw new InvalidSettingsException(TITLE_OVERLAP + ": " + overlap + " must be smaller than the tile size "
                    + tileSize);
        }
        deviceSpec();
        zarr.validate();
        if (zarrOutput && (zarrPath == null || zarrPath.isBlank())) {
            throw new InvalidSettingsException(TITLE_ZARR_PATH + ": no output set.");
        }
    }

    private static void check(String title, int value, int min, int max) throws InvalidSettingsException {
        if (value < min || value > max) {
            throw new InvalidSettingsException(title + ": " + value + " is outside " + min + " to " + max);
        }
    }

    TestTimeAugmentation augmentation() {
        return new TestTimeAugmentation(ttaXy, ttaZ);
    }

    DeviceSpec deviceSpec() throws InvalidSettingsException {
        try {
            return DeviceSpec.parse(device);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(TITLE_DEVICE + ": " + e.getMessage(), e);
        }
    }
}
