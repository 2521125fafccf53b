package org.emsym.knime.node.writer;

import javax.swing.JFileChooser;

import org.emsym.knime.util.IfExists;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Volume Writer: one component per setting (each also settable by flow variable). */
final class VolumeWriterNodeDialog extends DefaultNodeSettingsPane {

    VolumeWriterNodeDialog() {
        VolumeWriterSettings s = new VolumeWriterSettings();
        addDialogComponent(new DialogComponentFileChooser(s.outputPath, "emsym.writer.output",
                JFileChooser.SAVE_DIALOG, false, ".tif|.tiff", ".h5|.hdf5"));
        addDialogComponent(new DialogComponentString(s.dataset, VolumeWriterSettings.LABEL_DATASET));
        addDialogComponent(new DialogComponentStringSelection(s.ifExists, VolumeWriterSettings.LABEL_IF_EXISTS,
                IfExists.names()));
    }
}
