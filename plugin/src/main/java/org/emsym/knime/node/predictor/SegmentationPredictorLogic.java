package org.emsym.knime.node.predictor;

import java.util.function.Consumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emsym.engine.interop.bioimageio.ModelPackage;
import org.emsym.engine.interop.bioimageio.PackageModel;
import org.emsym.engine.metrics.ComponentLabels;
import org.emsym.engine.metrics.ConnectedComponents;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.BlockwisePredictor;
import org.emsym.engine.predict.ComponentMode;
import org.emsym.engine.predict.PredictedVolume;
import org.emsym.engine.predict.ThresholdedVolume;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.ZarrWriter;
import org.emsym.knime.port.ModelWindow;
import org.emsym.knime.port.RawVolume;
import org.emsym.knime.port.RawVolumeStore;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.KnimeProgress;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Predicts a whole image Volume with a Segmentation Model, tile by tile with overlap and blending (and optional
 * test-time augmentation), through the engine's {@link TiledVolumePredictor}. Outputs the foreground probability
 * Volume (FLOAT32) and a label Volume: the thresholded mask (UINT8, 0/1) or, with connected components, instance
 * labels 1..n (UINT16). Both are streamed into storage owned by the output ports; a failed or canceled run deletes
 * what it wrote.
 *
 * <p>With the OME-Zarr option the probabilities are instead predicted block by block into an OME-Zarr image
 * ({@link BlockwisePredictor#predictImage}: chunk-aligned blocks, each with its halo, never the whole volume in
 * memory), and the probability port reads that image lazily instead of copying it. A failed or canceled run keeps
 * the blocks it finished, so that a run with "resume" computes only the missing ones.
 *
 * <p>A bioimage.io package (a package-kind model from the Segmentation Model Reader) runs through its
 * {@link PackageModel#predictor}: the package's declared preprocessing (fitted over the whole image), tile size
 * from its tile constraint, an overlap of at least twice its halo, and its postprocessing; the node's blending,
 * batch size, test-time augmentation, progress and cancellation apply as for bundles, while its tile size,
 * overlap and device settings do not (the package's weights run on DJL's default device).
 */
final class SegmentationPredictorLogic implements NodeLogic<SegmentationPredictorParameters> {

    static final int MODEL_PORT = 0;
    static final int IMAGE_PORT = 1;

    /** Share of the progress bar for the network; thresholding and labelling take the rest. */
    private static final double PREDICTION_SHARE = 0.85;

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, SegmentationPredictorParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        SegmentationModelPortObjectSpec model = (SegmentationModelPortObjectSpec) inSpecs[MODEL_PORT];
        VolumePortObjectSpec image = (VolumePortObjectSpec) inSpecs[IMAGE_PORT];
        if (model == null || image == null) {
            throw new InvalidSettingsException("Connect a Segmentation Model and an image Volume.");
        }
        ModelWindow.of(image, model.getContext());
        int tile = settings.tileSize;
        if (model.isPackage()) {
            warning.accept("Segmentation Model '" + model.getEncoder() + "' is a bioimage.io package: its own tile"
                    + " sizes, halo and preprocessing apply; " + SegmentationPredictorParameters.TITLE_TILE_SIZE
                    + ", overlap and device settings are not used.");
        } else if (tile % 32 != 0) {
            throw new InvalidSettingsException(SegmentationPredictorParameters.TITLE_TILE_SIZE + ": " + tile
                    + " is not a multiple of 32, the stride of the U-Net's encoders");
        }
        if (settings.zarrOutput) {
            zarrTarget(settings);
        }
        return new PortObjectSpec[] {probabilitySpec(image, model, settings), labelSpec(image, model, settings)};
    }

    /**
     * The OME-Zarr probabilities folder: its parent must exist; an existing non-empty folder only with resume (the
     * engine then checks that it is an earlier run's output of the same shape and chunks).
     */
    private static Path zarrTarget(SegmentationPredictorParameters settings) throws InvalidSettingsException {
        String label = SegmentationPredictorParameters.TITLE_ZARR_PATH;
        Path path = KnimePaths.resolve(settings.zarrPath, label).toAbsolutePath();
        if (path.getParent() == null || !Files.isDirectory(path.getParent())) {
            throw new InvalidSettingsException(label + ": folder '" + path.getParent() + "' does not exist.");
        }
        if (Files.isRegularFile(path)) {
            throw new InvalidSettingsException(label + ": '" + path + "' is a file; an OME-Zarr image is a folder.");
        }
        if (Files.isDirectory(path) && !settings.zarrResume) {
            boolean empty;
            try (var entries = Files.list(path)) {
                empty = entries.findAny().isEmpty();
            } catch (IOException e) {
                throw new InvalidSettingsException(label + ": cannot list '" + path + "': " + e.getMessage(), e);
            }
            if (!empty) {
                throw new InvalidSettingsException(label + ": '" + path + "' exists and is not empty; choose a new"
                        + " folder, or enable '" + SegmentationPredictorParameters.TITLE_ZARR_RESUME
                        + "' to finish an interrupted run of the same prediction.");
            }
        }
        return path;
    }

    private static VolumePortObjectSpec probabilitySpec(VolumePortObjectSpec image, SegmentationModelPortObjectSpec model,
            SegmentationPredictorParameters settings) {
        return new VolumePortObjectSpec(image.getShape(), PixelType.FLOAT32, image.getVoxelSize(),
                NormalizationSpec.none(), provenance(image, model, "foreground probabilities", settings));
    }

    private static VolumePortObjectSpec labelSpec(VolumePortObjectSpec image, SegmentationModelPortObjectSpec model,
            SegmentationPredictorParameters settings) {
        boolean instances = settings.components;
        return new VolumePortObjectSpec(image.getShape(), instances ? PixelType.UINT16 : PixelType.UINT8,
                image.getVoxelSize(), NormalizationSpec.none(), provenance(image, model, instances
                        ? "connected components of probability >= " + settings.threshold
                        : "mask of probability >= " + settings.threshold, settings));
    }

    private static List<String> provenance(VolumePortObjectSpec image, SegmentationModelPortObjectSpec model,
            String what, SegmentationPredictorParameters settings) {
        List<String> steps = new ArrayList<>(image.getProvenance());
        if (model.isPackage()) {
            steps.add("Segmentation Predictor: " + what + " of bioimage.io package '" + model.getEncoder() + "' (k="
                    + model.getContext() + ", halo " + model.getHalo() + ", TTA " + settings.augmentation() + ")");
        } else {
            steps.add("Segmentation Predictor: " + what + " of a " + model.getEncoder() + " U-Net (k="
                    + model.getContext() + ", symmetrization " + model.getSymmetrization() + ", tile "
                    + settings.tileSize + ", overlap " + settings.overlap + ", TTA "
                    + settings.augmentation() + ")");
        }
        return steps;
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, SegmentationPredictorParameters settings,
            Consumer<String> warning) throws Exception {
        SegmentationModelPortObject model = (SegmentationModelPortObject) inObjects[MODEL_PORT];
        VolumePortObject image = (VolumePortObject) inObjects[IMAGE_PORT];
        VolumePortObjectSpec probSpec = probabilitySpec(image.getSpec(), model.getSpec(), settings);
        VolumePortObjectSpec labelSpec = labelSpec(image.getSpec(), model.getSpec(), settings);
        List<RawVolume> written = new ArrayList<>();
        try {
            exec.setMessage("Loading the model");
            Volume probabilities;
            if (model.isPackage()) {
                try (ModelPackage pkg = model.openPackage();
                        PackageModel tileModel = pkg.load(SegmentationModelPortObject.runnableFormat(pkg))) {
                    probabilities = probabilities(packagePredictor(tileModel, image, exec, settings), image, exec,
                            settings, written);
                }
            } else {
                try (ModelScope scope = openScope(settings)) {
                    ModelBundle bundle = model.loadBundle(scope);
                    try (BlockTileModel tileModel = BlockTileModel.builder(bundle.network()).manager(scope.manager())
                            .source("Segmentation Model (" + bundle.metadata().encoder() + ")").build()) {
                        probabilities = probabilities(predictor(tileModel, bundle.metadata(), image, exec, settings),
                                image, exec, settings, written);
                    }
                }
            }
            exec.setMessage("Thresholding");
            Volume mask = new ThresholdedVolume(probabilities, settings.threshold, 1);
            Volume labels = settings.components ? components(mask, image.getVolume(), settings) : mask;
            ExecutionMonitor rest = exec.createSubProgress(1 - PREDICTION_SHARE);
            RawVolume labelCopy = KnimeProgress.run(() -> RawVolumeStore.copyOf(labels, KnimeProgress.sink(rest),
                    KnimeProgress.cancellation(exec)));
            written.add(labelCopy);
            return new PortObject[] {new VolumePortObject(probSpec, probabilities),
                new VolumePortObject(labelSpec, labelCopy)};
        } catch (Exception e) {
            for (RawVolume v : written) {
                Files.deleteIfExists(v.file()); // no partial output
            }
            throw e;
        }
    }

    /**
     * The probabilities of {@code predictor} over the image: copied into port storage (added to {@code written}),
     * or predicted block by block into the OME-Zarr folder and read from there.
     */
    private static Volume probabilities(TiledVolumePredictor predictor, VolumePortObject image, ExecutionContext exec,
            SegmentationPredictorParameters settings, List<RawVolume> written) throws Exception {
        if (settings.zarrOutput) {
            Path group = zarrTarget(settings);
            ZarrWriter writer = settings.zarr.writer(ProgressSink.NONE, KnimeProgress.cancellation(exec));
            exec.setMessage("Predicting block by block into " + group.getFileName());
            BlockwisePredictor blockwise = new BlockwisePredictor(predictor, 1, 4, 4);
            KnimeProgress.run(() -> blockwise.predictImage(image.getVolume(), group, writer));
            return KnimeProgress.run(() -> VolumeReaders.openAsStored(group, null));
        }
        PredictedVolume predicted = predictor.probabilities(image.getVolume());
        exec.setMessage("Predicting");
        RawVolume copy = KnimeProgress.run(() -> RawVolumeStore.copyOf(predicted, ProgressSink.NONE,
                KnimeProgress.cancellation(exec)));
        written.add(copy);
        return copy;
    }

    /** The predictor of a bioimage.io package: its preprocessing, tile size and halo, the node's other settings. */
    private static TiledVolumePredictor packagePredictor(PackageModel tileModel, VolumePortObject image,
            ExecutionContext exec, SegmentationPredictorParameters settings) throws InvalidSettingsException {
        try {
            return tileModel.predictor(image.getVolume(), ModelWindow.of(image.getSpec(), tileModel.context()).boundary())
                    .blend(settings.blend)
                    .batchSize(settings.batchSize)
                    .augmentation(settings.augmentation())
                    .progress(KnimeProgress.sink(exec).sub(0, PREDICTION_SHARE))
                    .cancellation(KnimeProgress.cancellation(exec))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Segmentation Model: " + e.getMessage(), e);
        }
    }

    /** The predictor, normalizing input by the rule the model was trained with (its bundle records it). */
    private static TiledVolumePredictor predictor(BlockTileModel tileModel, ModelMetadata model,
            VolumePortObject image, ExecutionContext exec, SegmentationPredictorParameters settings) throws InvalidSettingsException {
        int k = model.context();
        NormalizationSpec normalization = model.inputNormalization();
        try {
            return TiledVolumePredictor.builder(tileModel, ModelWindow.of(image.getSpec(), k))
                    .tileSize(settings.tileSize, settings.tileSize)
                    .overlap(settings.overlap)
                    .blend(settings.blend)
                    .batchSize(settings.batchSize)
                    .augmentation(settings.augmentation())
                    .sectionTransform(Normalizer.fit(image.getVolume(), normalization).sectionTransform())
                    .progress(KnimeProgress.sink(exec).sub(0, PREDICTION_SHARE))
                    .cancellation(KnimeProgress.cancellation(exec))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(SegmentationPredictorParameters.TITLE_TILE_SIZE + ": " + e.getMessage(), e);
        }
    }

    /** Instance labels of the mask; UINT16, so more than 65535 components are an error naming the setting. */
    private static Volume components(Volume mask, Volume image, SegmentationPredictorParameters settings)
            throws InvalidSettingsException {
        ComponentMode mode = settings.componentMode;
        ComponentLabels found = switch (mode) {
            case SECTIONS_4 -> ConnectedComponents.labelSections(mask, 0, ConnectedComponents.Connectivity2D.FOUR);
            case SECTIONS_8 -> ConnectedComponents.labelSections(mask, 0, ConnectedComponents.Connectivity2D.EIGHT);
            case VOLUME_6 -> ConnectedComponents.label3d(mask, 0);
        };
        if (found.count() > PixelType.UINT16.maxValue()) {
            throw new InvalidSettingsException(SegmentationPredictorParameters.TITLE_COMPONENTS + ": "
                    + found.count() + " components exceed the 65535 labels of a UINT16 volume; raise the "
                    + SegmentationPredictorParameters.TITLE_THRESHOLD + " or label the mask downstream");
        }
        VolumeShape shape = image.shape();
        float[][] sections = new float[shape.depth()][];
        for (int z = 0; z < sections.length; z++) {
            int[] ids = found.section(z);
            float[] values = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                values[i] = ids[i];
            }
            sections[z] = values;
        }
        return new ArrayVolume(shape, PixelType.UINT16, image.voxelSize(), sections,
                found.count() + " components (" + mode + ")");
    }

    private static ModelScope openScope(SegmentationPredictorParameters settings) throws InvalidSettingsException {
        try {
            return ModelScope.open(settings.deviceSpec());
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(SegmentationPredictorParameters.TITLE_DEVICE + ": " + e.getMessage(), e);
        }
    }
}
