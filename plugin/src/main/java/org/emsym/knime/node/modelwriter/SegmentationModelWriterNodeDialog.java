package org.emsym.knime.node.modelwriter;

import javax.swing.JFileChooser;

import org.emsym.knime.util.IfExists;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Segmentation Model Writer: one component per setting (each also settable by flow variable). */
final class SegmentationModelWriterNodeDialog extends DefaultNodeSettingsPane {

    SegmentationModelWriterNodeDialog() {
        SegmentationModelWriterSettings s = new SegmentationModelWriterSettings();
        addDialogComponent(new DialogComponentFileChooser(s.outputFolder, "emsym.modelwriter.output",
                JFileChooser.SAVE_DIALOG, true));
        addDialogComponent(new DialogComponentStringSelection(s.ifExists,
                SegmentationModelWriterSettings.LABEL_IF_EXISTS, IfExists.names()));
    }
}
