package org.emsym.knime.node.predictor;

import java.util.Arrays;

import javax.swing.JFileChooser;

import org.emsym.knime.util.ZarrOutputSettings;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;

import org.emsym.engine.predict.ComponentMode;
import org.emsym.engine.window.BlendMode;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Segmentation Predictor: one component per setting. */
final class SegmentationPredictorNodeDialog extends DefaultNodeSettingsPane {

    SegmentationPredictorNodeDialog() {
        SegmentationPredictorSettings s = new SegmentationPredictorSettings();
        createNewGroup("Tiling");
        addDialogComponent(new DialogComponentNumber(s.tileSize, SegmentationPredictorSettings.LABEL_TILE_SIZE, 32));
        addDialogComponent(new DialogComponentNumber(s.overlap, SegmentationPredictorSettings.LABEL_OVERLAP, 8));
        addDialogComponent(new DialogComponentStringSelection(s.blend, SegmentationPredictorSettings.LABEL_BLEND,
                names(BlendMode.values())));
        addDialogComponent(new DialogComponentNumber(s.batchSize, SegmentationPredictorSettings.LABEL_BATCH, 1));
        addDialogComponent(new DialogComponentString(s.device, SegmentationPredictorSettings.LABEL_DEVICE));
        closeCurrentGroup();
        createNewGroup("Test-time augmentation");
        addDialogComponent(new DialogComponentBoolean(s.ttaXy, SegmentationPredictorSettings.LABEL_TTA_XY));
        addDialogComponent(new DialogComponentBoolean(s.ttaZ, SegmentationPredictorSettings.LABEL_TTA_Z));
        closeCurrentGroup();
        createNewGroup("Labels");
        addDialogComponent(new DialogComponentNumber(s.threshold, SegmentationPredictorSettings.LABEL_THRESHOLD, 0.05));
        addDialogComponent(new DialogComponentBoolean(s.components, SegmentationPredictorSettings.LABEL_COMPONENTS));
        addDialogComponent(new DialogComponentStringSelection(s.componentMode,
                SegmentationPredictorSettings.LABEL_COMPONENT_MODE, names(ComponentMode.values())));
        closeCurrentGroup();
        createNewGroup("OME-Zarr output (large volumes)");
        addDialogComponent(new DialogComponentBoolean(s.zarrOutput, SegmentationPredictorSettings.LABEL_ZARR_OUTPUT));
        addDialogComponent(new DialogComponentFileChooser(s.zarrPath, "emsym.predictor.zarr",
                JFileChooser.SAVE_DIALOG, true));
        addDialogComponent(new DialogComponentBoolean(s.zarrResume, SegmentationPredictorSettings.LABEL_ZARR_RESUME));
        setHorizontalPlacement(true);
        addDialogComponent(new DialogComponentNumber(s.zarr.chunkZ, "Chunk z", 1));
        addDialogComponent(new DialogComponentNumber(s.zarr.chunkY, "y", 16));
        addDialogComponent(new DialogComponentNumber(s.zarr.chunkX, "x", 16));
        setHorizontalPlacement(false);
        addDialogComponent(new DialogComponentStringSelection(s.zarr.compressor, ZarrOutputSettings.LABEL_COMPRESSOR,
                ZarrOutputSettings.COMPRESSORS));
        addDialogComponent(new DialogComponentStringSelection(s.zarr.format, ZarrOutputSettings.LABEL_FORMAT,
                ZarrOutputSettings.FORMATS));
        addDialogComponent(new DialogComponentNumber(s.zarr.levels, ZarrOutputSettings.LABEL_LEVELS, 1));
        closeCurrentGroup();
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
