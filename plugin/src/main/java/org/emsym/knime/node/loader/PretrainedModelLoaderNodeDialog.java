package org.emsym.knime.node.loader;

import java.util.Arrays;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Pretrained Model Loader: one component per setting (each also settable by flow variable). */
final class PretrainedModelLoaderNodeDialog extends DefaultNodeSettingsPane {

    PretrainedModelLoaderNodeDialog() {
        PretrainedModelLoaderSettings s = new PretrainedModelLoaderSettings();
        addDialogComponent(new DialogComponentStringSelection(s.encoder, PretrainedModelLoaderSettings.LABEL_ENCODER,
                PretrainedModelLoaderSettings.ENCODERS));
        addDialogComponent(new DialogComponentFileChooser(s.weightFile, "emsym.loader.weights", JFileChooser.OPEN_DIALOG,
                false, ".json", ".h5|.hdf5", ".safetensors", ".npz"));
        addDialogComponent(new DialogComponentStringSelection(s.weightFormat,
                PretrainedModelLoaderSettings.LABEL_WEIGHT_FORMAT,
                Arrays.stream(WeightFormatChoice.values()).map(Enum::name).toArray(String[]::new)));
        addDialogComponent(new DialogComponentNumber(s.context, PretrainedModelLoaderSettings.LABEL_CONTEXT, 1));
        addDialogComponent(new DialogComponentNumber(s.classes, PretrainedModelLoaderSettings.LABEL_CLASSES, 1));
        addDialogComponent(new DialogComponentString(s.decoder, PretrainedModelLoaderSettings.LABEL_DECODER));
        addDialogComponent(new DialogComponentNumber(s.seed, PretrainedModelLoaderSettings.LABEL_SEED, 1));
    }
}
