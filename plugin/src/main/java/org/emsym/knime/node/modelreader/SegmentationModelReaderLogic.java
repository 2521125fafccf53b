package org.emsym.knime.node.modelreader;

import java.util.function.Consumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emsym.engine.model.ModelBundle;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Reads a Segmentation Model from a {@link ModelBundle} folder written by the Segmentation Model Writer.
 * {@code configure} reads only the bundle's {@code model.json}, so downstream nodes see the model's spec before
 * execution; {@code execute} copies the bundle and rebuilds the network once to verify the parameter file.
 */
final class SegmentationModelReaderLogic implements NodeLogic<SegmentationModelReaderParameters> {

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, SegmentationModelReaderParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        Path folder = checkFolder(settings);
        try {
            return new PortObjectSpec[] {SegmentationModelPortObjectSpec.of(ModelBundle.readMetadata(folder))};
        } catch (IOException e) {
            throw new InvalidSettingsException(SegmentationModelReaderParameters.TITLE_MODEL_FOLDER + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, SegmentationModelReaderParameters settings,
            Consumer<String> warning) throws Exception {
        Path folder = checkFolder(settings);
        exec.checkCanceled();
        exec.setMessage("Reading " + folder.getFileName());
        SegmentationModelPortObject model;
        try {
            model = SegmentationModelPortObject.read(folder);
        } catch (IOException e) {
            throw new IOException(SegmentationModelReaderParameters.TITLE_MODEL_FOLDER + ": " + e.getMessage(), e);
        }
        exec.setProgress(1, "Read " + folder);
        return new PortObject[] {model};
    }

    private static Path checkFolder(SegmentationModelReaderParameters settings)
            throws InvalidSettingsException {
        String label = SegmentationModelReaderParameters.TITLE_MODEL_FOLDER;
        Path folder = KnimePaths.resolve(settings.modelFolder, label).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new InvalidSettingsException(label + ": '" + folder + "' is not an existing folder.");
        }
        return folder;
    }
}
