package org.emsym.knime.node.modelwriter;

import java.util.function.Consumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.emsym.engine.model.ModelBundle;
import org.emsym.knime.util.IfExists;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Writes a Segmentation Model as a {@link ModelBundle} folder ({@code model.json}, {@code model.params} and, for a
 * model made from pretrained weights, the pretrained first-convolution kernel), which the Segmentation Model Reader
 * reads back. The bundle is assembled in a hidden temporary folder beside the output and moved into place only when
 * complete, so a failed run leaves no partial bundle.
 */
final class SegmentationModelWriterLogic implements NodeLogic<SegmentationModelWriterParameters> {

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, SegmentationModelWriterParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        if (!(inSpecs[0] instanceof SegmentationModelPortObjectSpec)) {
            throw new InvalidSettingsException("Input: expected a Segmentation Model, got "
                    + (inSpecs[0] == null ? "nothing" : inSpecs[0].getClass().getSimpleName()));
        }
        checkTarget(settings);
        return new PortObjectSpec[0];
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, SegmentationModelWriterParameters settings,
            Consumer<String> warning) throws Exception {
        SegmentationModelPortObject model = (SegmentationModelPortObject) inObjects[0];
        Path target = checkTarget(settings);
        exec.checkCanceled();
        exec.setMessage("Writing " + target.getFileName());
        model.writeBundle(target);
        exec.setProgress(1, "Wrote " + target);
        return new PortObject[0];
    }

    /** Checks the output folder setting against the file system; every message names the setting at fault. */
    private static Path checkTarget(SegmentationModelWriterParameters settings)
            throws InvalidSettingsException {
        String label = SegmentationModelWriterParameters.TITLE_OUTPUT_FOLDER;
        Path path = KnimePaths.resolve(settings.outputFolder, label).toAbsolutePath().normalize();
        if (path.getParent() == null || !Files.isDirectory(path.getParent())) {
            throw new InvalidSettingsException(label + ": folder '" + path.getParent() + "' does not exist.");
        }
        if (!Files.exists(path)) {
            return path;
        }
        if (settings.ifExists == IfExists.FAIL) {
            throw new InvalidSettingsException(label + ": '" + path + "' exists; set '"
                    + SegmentationModelWriterParameters.TITLE_IF_EXISTS + "' to OVERWRITE to replace it.");
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidSettingsException(label + ": '" + path + "' is a file, not a folder.");
        }
        // never delete a user's files: only an earlier model bundle or an empty folder is replaced
        if (!Files.isRegularFile(path.resolve(ModelBundle.METADATA_FILE)) && !isEmpty(path, label)) {
            throw new InvalidSettingsException(label + ": folder '" + path + "' is neither empty nor a model bundle"
                    + " (no " + ModelBundle.METADATA_FILE + "); choose a new or empty folder.");
        }
        return path;
    }

    private static boolean isEmpty(Path folder, String label) throws InvalidSettingsException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new InvalidSettingsException(label + ": cannot list '" + folder + "': " + e.getMessage(), e);
        }
    }
}
