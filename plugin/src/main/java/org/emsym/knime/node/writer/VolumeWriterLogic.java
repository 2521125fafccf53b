package org.emsym.knime.node.writer;

import java.util.function.Consumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.io.VolumeFormat;
import org.emsym.engine.volume.io.VolumeFormatException;
import org.emsym.engine.volume.io.VolumeWriters;
import org.emsym.engine.volume.io.ZarrWriter;
import org.emsym.knime.util.IfExists;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.KnimeProgress;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Writes a Volume to a multi-page TIFF, an HDF5 dataset, an OME-Zarr image (or an NGFF label image
 * {@code <image>.zarr/labels/<name>} of an existing one) or a folder of PNG sections (chosen by the output's
 * extension). The engine writes to a temporary beside the output and moves it into place only when complete,
 * so a failed or canceled run leaves nothing behind. Every message names the setting at fault by its dialog title.
 */
final class VolumeWriterLogic implements NodeLogic<VolumeWriterParameters> {

    /**
     * The checked output: where, in which format, the HDF5 dataset (null for other formats), and for a label image
     * the OME-Zarr image it belongs to (else null).
     */
    private record Target(Path path, VolumeFormat format, String dataset, Path labelsOf) {
    }

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, VolumeWriterParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        if (!(inSpecs[0] instanceof VolumePortObjectSpec spec)) {
            throw new InvalidSettingsException("Input: expected a Volume, got "
                    + (inSpecs[0] == null ? "nothing" : inSpecs[0].getClass().getSimpleName()));
        }
        checkTarget(spec.getPixelType(), settings);
        return new PortObjectSpec[0];
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, VolumeWriterParameters settings,
            Consumer<String> warning) throws Exception {
        VolumePortObject input = (VolumePortObject) inObjects[0];
        Target target = checkTarget(input.getSpec().getPixelType(), settings);
        exec.setMessage("Writing " + target.path().getFileName());
        if (target.format() == VolumeFormat.ZARR) {
            ZarrWriter writer = settings.zarr.writer(KnimeProgress.sink(exec), KnimeProgress.cancellation(exec));
            KnimeProgress.run(() -> {
                if (target.labelsOf() != null) {
                    writer.writeLabels(input.getVolume(), target.labelsOf(), target.path().getFileName().toString());
                } else {
                    writer.write(input.getVolume(), target.path());
                }
                return null;
            });
        } else {
            KnimeProgress.run(() -> {
                VolumeWriters.write(input.getVolume(), target.path(), target.dataset(), KnimeProgress.sink(exec),
                        KnimeProgress.cancellation(exec));
                return null;
            });
        }
        exec.setProgress(1, "Wrote " + target.path());
        return new PortObject[0];
    }

    /** Checks the output settings against the file system; every message names the setting at fault. */
    private static Target checkTarget(PixelType pixelType, VolumeWriterParameters settings)
            throws InvalidSettingsException {
        String text = settings.outputPath;
        String label = VolumeWriterParameters.TITLE_OUTPUT_PATH;
        if (text == null || text.isBlank()) {
            throw new InvalidSettingsException(label + ": no output set.");
        }
        Path path = KnimePaths.resolve(text, label).toAbsolutePath();
        Path labelsOf = ZarrWriter.labelImageOf(path);
        if (labelsOf == null && (path.getParent() == null || !Files.isDirectory(path.getParent()))) {
            throw new InvalidSettingsException(label + ": folder '" + path.getParent() + "' does not exist.");
        }
        VolumeFormat format;
        try {
            format = VolumeFormat.detect(path);
        } catch (VolumeFormatException e) {
            throw new InvalidSettingsException(label + ": " + e.getMessage(), e);
        }
        if (format == VolumeFormat.SECTION_FOLDER && pixelType == PixelType.FLOAT32) {
            throw new InvalidSettingsException(label + ": PNG sections cannot hold FLOAT32 voxels; "
                    + "write a .tif or .h5 file instead.");
        }
        if (format == VolumeFormat.ZARR) {
            settings.zarr.writer(org.emsym.engine.progress.ProgressSink.NONE,
                    org.emsym.engine.progress.Cancellation.NEVER); // names a bad OME-Zarr setting in configure
            if (labelsOf != null && pixelType == PixelType.FLOAT32) {
                throw new InvalidSettingsException(label + ": '" + path + "' is a label image of " + labelsOf
                        + "; NGFF label images hold integer labels, not FLOAT32. Write to a .zarr of its own.");
            }
        }
        String dataset = null;
        if (format == VolumeFormat.HDF5) {
            dataset = settings.dataset;
            if (dataset == null || dataset.isBlank()) {
                throw new InvalidSettingsException(VolumeWriterParameters.TITLE_DATASET + ": required for HDF5 output '"
                        + path + "'.");
            }
            dataset = dataset.trim();
        }
        checkExisting(path, format, labelsOf != null, settings.ifExists);
        return new Target(path, format, dataset, labelsOf);
    }

    private static void checkExisting(Path path, VolumeFormat format, boolean labelImage, IfExists policy)
            throws InvalidSettingsException {
        if (!Files.exists(path)) {
            return;
        }
        String label = VolumeWriterParameters.TITLE_OUTPUT_PATH;
        if (policy == IfExists.FAIL) {
            throw new InvalidSettingsException(label + ": '" + path + "' exists; set '"
                    + VolumeWriterParameters.TITLE_IF_EXISTS + "' to OVERWRITE to replace it.");
        }
        if (labelImage) {
            return; // OVERWRITE replaces the label image of that name (only it) inside the OME-Zarr image
        }
        if (format == VolumeFormat.SECTION_FOLDER || format == VolumeFormat.ZARR) {
            // never delete a user's files: a folder is replaced only when it is empty
            boolean empty;
            try (Stream<Path> entries = Files.list(path)) {
                empty = entries.findAny().isEmpty();
            } catch (IOException e) {
                throw new InvalidSettingsException(label + ": cannot list '" + path + "': " + e.getMessage(), e);
            }
            if (!empty) {
                throw new InvalidSettingsException(label + ": folder '" + path + "' is not empty; "
                        + (format == VolumeFormat.ZARR ? "an OME-Zarr image is" : "PNG sections are")
                        + " only written to a new or empty folder.");
            }
        } else if (Files.isDirectory(path)) {
            throw new InvalidSettingsException(label + ": '" + path + "' is a folder, not a file.");
        }
    }
}
