package org.emsym.knime.node.writer;

import javax.swing.JFileChooser;

import org.emsym.knime.util.IfExists;
import org.emsym.knime.util.ZarrOutputSettings;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Volume Writer: one component per setting (each also settable by flow variable). */
final class VolumeWriterNodeDialog extends DefaultNodeSettingsPane {

    VolumeWriterNodeDialog() {
        VolumeWriterSettings s = new VolumeWriterSettings();
        addDialogComponent(new DialogComponentFileChooser(s.outputPath, "emsym.writer.output",
                JFileChooser.SAVE_DIALOG, false, ".tif|.tiff", ".h5|.hdf5", ".zarr"));
        addDialogComponent(new DialogComponentString(s.dataset, VolumeWriterSettings.LABEL_DATASET));
        addDialogComponent(new DialogComponentStringSelection(s.ifExists, VolumeWriterSettings.LABEL_IF_EXISTS,
                IfExists.names()));
        createNewGroup("OME-Zarr output");
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
}
