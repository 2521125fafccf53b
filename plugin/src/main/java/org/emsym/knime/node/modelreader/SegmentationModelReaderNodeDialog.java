package org.emsym.knime.node.modelreader;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;

/** Dialog of the Segmentation Model Reader: the bundle folder (also settable by flow variable). */
final class SegmentationModelReaderNodeDialog extends DefaultNodeSettingsPane {

    SegmentationModelReaderNodeDialog() {
        SegmentationModelReaderSettings s = new SegmentationModelReaderSettings();
        addDialogComponent(new DialogComponentFileChooser(s.modelFolder, "emsym.modelreader.folder",
                JFileChooser.OPEN_DIALOG, true));
    }
}
