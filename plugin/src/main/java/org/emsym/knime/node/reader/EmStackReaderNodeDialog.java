package org.emsym.knime.node.reader;

import javax.swing.JFileChooser;

import org.emsym.engine.volume.NormalizationMethod;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the EM Stack Reader: one component per setting (each also settable by flow variable). */
final class EmStackReaderNodeDialog extends DefaultNodeSettingsPane {

    private static final String[] STACK_EXTENSIONS = {".tif|.tiff", ".h5|.hdf5|.hdf", ".zarr", ".png"};

    EmStackReaderNodeDialog() {
        EmStackReaderSettings s = new EmStackReaderSettings();

        createNewGroup("Image");
        addDialogComponent(new DialogComponentFileChooser(s.imagePath, "emsym.reader.image",
                JFileChooser.OPEN_DIALOG, false, STACK_EXTENSIONS));
        addDialogComponent(new DialogComponentString(s.imageDataset, EmStackReaderSettings.LABEL_IMAGE_DATASET));
        addDialogComponent(new DialogComponentString(s.imageLevel, EmStackReaderSettings.LABEL_IMAGE_LEVEL));
        closeCurrentGroup();

        createNewGroup("Labels (optional)");
        addDialogComponent(new DialogComponentBoolean(s.readLabels, "Read a label stack"));
        addDialogComponent(new DialogComponentFileChooser(s.labelsPath, "emsym.reader.labels",
                JFileChooser.OPEN_DIALOG, false, STACK_EXTENSIONS));
        addDialogComponent(new DialogComponentString(s.labelsDataset, EmStackReaderSettings.LABEL_LABELS_DATASET));
        addDialogComponent(new DialogComponentString(s.labelsLevel, EmStackReaderSettings.LABEL_LABELS_LEVEL));
        closeCurrentGroup();

        createNewGroup("Intensities");
        String[] methods = java.util.Arrays.stream(NormalizationMethod.values()).map(Enum::name)
                .toArray(String[]::new);
        addDialogComponent(new DialogComponentStringSelection(s.normalization,
                EmStackReaderSettings.LABEL_NORMALIZATION, methods));
        addDialogComponent(new DialogComponentNumber(s.lowPercentile, "Low percentile", 0.1));
        addDialogComponent(new DialogComponentNumber(s.highPercentile, "High percentile", 0.1));
        closeCurrentGroup();

        createNewGroup("Voxel size");
        addDialogComponent(new DialogComponentBoolean(s.overrideVoxelSize, "Override voxel size (nm)"));
        addDialogComponent(new DialogComponentNumber(s.voxelZ, "z (section thickness)", 1));
        addDialogComponent(new DialogComponentNumber(s.voxelY, "y", 0.1));
        addDialogComponent(new DialogComponentNumber(s.voxelX, "x", 0.1));
        closeCurrentGroup();
    }
}
