package org.emsym.knime.node.modelreader;

import java.util.function.Consumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.emsym.engine.interop.bioimageio.ModelPackage;
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
 * Reads a Segmentation Model from a {@link ModelBundle} folder written by the Segmentation Model Writer, or from a
 * bioimage.io model package (a folder with {@code rdf.yaml}/{@code bioimageio.yaml}, a {@code .zip}, or the
 * description file itself). {@code configure} reads only the bundle's {@code model.json} or the package's
 * description, so downstream nodes see the model's spec before execution; {@code execute} copies the bundle and
 * rebuilds the network once to verify the parameter file, or copies the package and verifies its weights' checksum.
 */
final class SegmentationModelReaderLogic implements NodeLogic<SegmentationModelReaderParameters> {

    private static final String LABEL = SegmentationModelReaderParameters.TITLE_MODEL_FOLDER;

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, SegmentationModelReaderParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        Path path = checkPath(settings);
        try {
            if (ModelPackage.isPackage(path)) {
                try (ModelPackage pkg = ModelPackage.open(path)) {
                    return new PortObjectSpec[] {SegmentationModelPortObject.specOf(pkg)};
                }
            }
            return new PortObjectSpec[] {SegmentationModelPortObjectSpec.of(ModelBundle.readMetadata(path))};
        } catch (IOException e) {
            throw new InvalidSettingsException(LABEL + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, SegmentationModelReaderParameters settings,
            Consumer<String> warning) throws Exception {
        Path path = checkPath(settings);
        exec.checkCanceled();
        exec.setMessage("Reading " + path.getFileName());
        SegmentationModelPortObject model;
        try {
            model = ModelPackage.isPackage(path) ? SegmentationModelPortObject.readPackage(path)
                    : SegmentationModelPortObject.read(path);
        } catch (IOException e) {
            throw new IOException(LABEL + ": " + e.getMessage(), e);
        }
        exec.setProgress(1, "Read " + path);
        return new PortObject[] {model};
    }

    /** A model bundle folder, or a package's folder, zip or description file. */
    private static Path checkPath(SegmentationModelReaderParameters settings) throws InvalidSettingsException {
        Path path = KnimePaths.resolve(settings.modelFolder, LABEL).toAbsolutePath().normalize();
        if (Files.isDirectory(path) || (Files.isRegularFile(path) && ModelPackage.isPackage(path))) {
            return path;
        }
        if (Files.isRegularFile(path)) {
            throw new InvalidSettingsException(LABEL + ": '" + path + "' is a file but neither a bioimage.io package"
                    + " (.zip) nor its description (rdf.yaml, bioimageio.yaml); give a model bundle folder or a"
                    + " package.");
        }
        throw new InvalidSettingsException(LABEL + ": '" + path + "' is not an existing folder or file.");
    }
}
