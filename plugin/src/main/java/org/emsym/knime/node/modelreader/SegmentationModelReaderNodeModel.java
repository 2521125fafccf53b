package org.emsym.knime.node.modelreader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emsym.engine.model.ModelBundle;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.SettingsNodeModel;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Reads a Segmentation Model from a {@link ModelBundle} folder written by the Segmentation Model Writer.
 * {@code configure} reads only the bundle's {@code model.json}, so downstream nodes see the model's spec before
 * execution; {@code execute} copies the bundle and rebuilds the network once to verify the parameter file.
 */
public final class SegmentationModelReaderNodeModel extends SettingsNodeModel<SegmentationModelReaderSettings> {

    SegmentationModelReaderNodeModel() {
        super(new PortType[0], new PortType[] {SegmentationModelPortObject.TYPE}, new SegmentationModelReaderSettings());
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        Path folder = checkFolder();
        try {
            return new PortObjectSpec[] {SegmentationModelPortObjectSpec.of(ModelBundle.readMetadata(folder))};
        } catch (IOException e) {
            throw new InvalidSettingsException(SegmentationModelReaderSettings.LABEL_MODEL_FOLDER + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        Path folder = checkFolder();
        exec.checkCanceled();
        exec.setMessage("Reading " + folder.getFileName());
        SegmentationModelPortObject model;
        try {
            model = SegmentationModelPortObject.read(folder);
        } catch (IOException e) {
            throw new IOException(SegmentationModelReaderSettings.LABEL_MODEL_FOLDER + ": " + e.getMessage(), e);
        }
        exec.setProgress(1, "Read " + folder);
        return new PortObject[] {model};
    }

    private Path checkFolder() throws InvalidSettingsException {
        String label = SegmentationModelReaderSettings.LABEL_MODEL_FOLDER;
        Path folder = KnimePaths.resolve(settings.modelFolder.getStringValue(), label).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new InvalidSettingsException(label + ": '" + folder + "' is not an existing folder.");
        }
        return folder;
    }
}
