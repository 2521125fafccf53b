package org.emsym.knime.node.modelreader;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emsym.engine.model.ModelBundle;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.util.KnimePaths;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Reads a Segmentation Model from a {@link ModelBundle} folder written by the Segmentation Model Writer.
 * {@code configure} reads only the bundle's {@code model.json}, so downstream nodes see the model's spec before
 * execution; {@code execute} copies the bundle and rebuilds the network once to verify the parameter file.
 */
public final class SegmentationModelReaderNodeModel extends NodeModel {

    private final SegmentationModelReaderSettings settings = new SegmentationModelReaderSettings();

    SegmentationModelReaderNodeModel() {
        super(new PortType[0], new PortType[] {SegmentationModelPortObject.TYPE});
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

    @Override
    protected void saveSettingsTo(NodeSettingsWO s) {
        settings.saveSettingsTo(s);
    }

    @Override
    protected void validateSettings(NodeSettingsRO s) throws InvalidSettingsException {
        settings.validateSettings(s);
    }

    @Override
    protected void loadValidatedSettingsFrom(NodeSettingsRO s) throws InvalidSettingsException {
        settings.loadSettingsFrom(s);
    }

    @Override
    protected void reset() {
        // nothing cached
    }

    @Override
    protected void loadInternals(File nodeInternDir, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        // no internals
    }

    @Override
    protected void saveInternals(File nodeInternDir, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        // no internals
    }
}
