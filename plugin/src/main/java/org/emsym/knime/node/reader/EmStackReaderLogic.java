package org.emsym.knime.node.reader;

import java.util.function.Consumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.Volumes;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.engine.volume.io.VolumeFormat;
import org.emsym.engine.volume.io.VolumeFormatException;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.knime.port.RawVolume;
import org.emsym.knime.port.RawVolumeStore;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.KnimeProgress;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.inactive.InactiveBranchPortObject;
import org.knime.core.node.port.inactive.InactiveBranchPortObjectSpec;

/**
 * Reads an EM image stack (multi-page TIFF, folder of PNG/TIFF sections, HDF5 dataset, or one scale level of an
 * OME-Zarr image or Zarr array, v2/NGFF 0.4 or v3/NGFF 0.5) and optionally its label
 * stack. Configure opens the files' headers to report shape and pixel type; execute copies the voxels into storage
 * owned by the output port, so later changes to the source files do not change executed outputs. Without labels
 * the second port is inactive.
 */
final class EmStackReaderLogic implements NodeLogic<EmStackReaderParameters> {

    static final int IMAGE_PORT = 0;
    static final int LABELS_PORT = 1;

    /** A source stack named by the settings: its path, format, dataset and the opened (lazy) volume. */
    private record Source(Path path, VolumeFormat format, String dataset, Volume volume) {
        String describe() {
            String part = format == VolumeFormat.ZARR ? ", level " : ", dataset ";
            return path + " (" + format + (dataset == null ? "" : part + dataset) + ")";
        }
    }

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, EmStackReaderParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        Source image = openImage(settings);
        VolumePortObjectSpec imageSpec = imageSpec(image, settings, warning);
        if (!settings.readLabels) {
            return new PortObjectSpec[] {imageSpec, InactiveBranchPortObjectSpec.INSTANCE};
        }
        return new PortObjectSpec[] {imageSpec, labelsSpec(openLabels(image, settings), imageSpec)};
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, EmStackReaderParameters settings,
            Consumer<String> warning) throws Exception {
        Source image = openImage(settings);
        Source labels = settings.readLabels ? openLabels(image, settings) : null;
        VolumePortObjectSpec imageSpec = imageSpec(image, settings, warning);
        double imageShare = labels == null ? 1 : 0.5;

        exec.setMessage("Reading image stack");
        RawVolume imageCopy = copy(image, imageSpec, exec.createSubExecutionContext(imageShare));
        if (labels == null) {
            return new PortObject[] {new VolumePortObject(imageSpec, imageCopy), InactiveBranchPortObject.INSTANCE};
        }
        try {
            exec.setMessage("Reading label stack");
            VolumePortObjectSpec labelsSpec = labelsSpec(labels, imageSpec);
            RawVolume labelsCopy = copy(labels, labelsSpec, exec.createSubExecutionContext(1 - imageShare));
            return new PortObject[] {new VolumePortObject(imageSpec, imageCopy),
                new VolumePortObject(labelsSpec, labelsCopy)};
        } catch (Exception e) {
            Files.deleteIfExists(imageCopy.file()); // no partial output
            throw e;
        }
    }

    private static RawVolume copy(Source source, VolumePortObjectSpec spec, ExecutionMonitor exec)
            throws Exception {
        Volume withVoxelSize = new VoxelSizeView(source.volume(), spec.getVoxelSize());
        return KnimeProgress.run(() -> RawVolumeStore.copyOf(withVoxelSize, KnimeProgress.sink(exec),
                KnimeProgress.cancellation(exec)));
    }

    private static VolumePortObjectSpec imageSpec(Source image, EmStackReaderParameters settings, Consumer<String> warning)
            throws InvalidSettingsException {
        VoxelSize override = settings.voxelSizeOverride();
        VoxelSize voxelSize = override != null ? override : image.volume().voxelSize();
        if (override == null && VoxelSize.UNKNOWN.equals(voxelSize)) {
            warning.accept("The image stack stores no voxel size; enable 'Override voxel size' to set it.");
        } else {
            warning.accept(null);
        }
        NormalizationSpec normalization = settings.normalizationSpec();
        return new VolumePortObjectSpec(image.volume().shape(), image.volume().pixelType(), voxelSize,
                normalization, List.of("EM Stack Reader: image " + image.describe()));
    }

    private static VolumePortObjectSpec labelsSpec(Source labels, VolumePortObjectSpec imageSpec) {
        return new VolumePortObjectSpec(labels.volume().shape(), labels.volume().pixelType(),
                imageSpec.getVoxelSize(), NormalizationSpec.none(),
                List.of("EM Stack Reader: labels " + labels.describe()));
    }

    private static Source openImage(EmStackReaderParameters settings) throws InvalidSettingsException {
        return open(settings.imagePath, EmStackReaderParameters.TITLE_IMAGE_PATH,
                settings.imageDataset, EmStackReaderParameters.TITLE_IMAGE_DATASET,
                settings.imageLevel, EmStackReaderParameters.TITLE_IMAGE_LEVEL);
    }

    private static Source openLabels(Source image, EmStackReaderParameters settings)
            throws InvalidSettingsException {
        Source labels = open(settings.labelsPath, EmStackReaderParameters.TITLE_LABELS_PATH,
                settings.labelsDataset, EmStackReaderParameters.TITLE_LABELS_DATASET,
                settings.labelsLevel, EmStackReaderParameters.TITLE_LABELS_LEVEL);
        try {
            Volumes.requireSameShape(image.volume(), labels.volume());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(EmStackReaderParameters.TITLE_LABELS_PATH + ": " + e.getMessage(), e);
        }
        return labels;
    }

    /** Opens a stack, turning every problem into a message that names the setting at fault. */
    private static Source open(String pathText, String pathLabel, String datasetText, String datasetLabel,
                               String levelText, String levelLabel) throws InvalidSettingsException {
        Path path = KnimePaths.resolve(pathText, pathLabel);
        if (!Files.exists(path)) {
            throw new InvalidSettingsException(pathLabel + ": '" + path + "' does not exist.");
        }
        try {
            VolumeFormat format = VolumeFormat.detect(path);
            String dataset = null;
            if (format == VolumeFormat.HDF5) {
                if (datasetText == null || datasetText.isBlank()) {
                    throw new InvalidSettingsException(datasetLabel + ": required for HDF5 file '" + path
                            + "' (e.g. /raw).");
                }
                dataset = datasetText.trim();
            }
            boolean level = levelText != null && !levelText.isBlank();
            if (format == VolumeFormat.ZARR) {
                dataset = level ? levelText.trim() : null;
            } else if (level) {
                throw new InvalidSettingsException(levelLabel + ": '" + levelText.trim() + "' applies to an OME-Zarr"
                        + " stack only; '" + path + "' is " + format);
            }
            try {
                return new Source(path, format, dataset, VolumeReaders.open(path, dataset));
            } catch (VolumeFormatException e) {
                if (level && e.getMessage().contains("scale level")) {
                    throw new InvalidSettingsException(levelLabel + ": " + e.getMessage(), e);
                }
                throw e;
            }
        } catch (VolumeFormatException e) {
            throw new InvalidSettingsException(pathLabel + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidSettingsException(pathLabel + ": cannot read '" + path + "': " + e.getMessage(), e);
        }
    }
}
