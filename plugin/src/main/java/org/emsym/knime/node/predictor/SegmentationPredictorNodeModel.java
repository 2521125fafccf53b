package org.emsym.knime.node.predictor;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.emsym.engine.metrics.ComponentLabels;
import org.emsym.engine.metrics.ConnectedComponents;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.predict.BlockTileModel;
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
import org.emsym.knime.port.ModelWindow;
import org.emsym.knime.port.RawVolume;
import org.emsym.knime.port.RawVolumeStore;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.knime.util.KnimeProgress;
import org.emsym.knime.util.SettingsNodeModel;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Predicts a whole image Volume with a Segmentation Model, tile by tile with overlap and blending (and optional
 * test-time augmentation), through the engine's {@link TiledVolumePredictor}. Outputs the foreground probability
 * Volume (FLOAT32) and a label Volume: the thresholded mask (UINT8, 0/1) or, with connected components, instance
 * labels 1..n (UINT16). Both are streamed into storage owned by the output ports; a failed or canceled run deletes
 * what it wrote.
 */
public final class SegmentationPredictorNodeModel extends SettingsNodeModel<SegmentationPredictorSettings> {

    static final int MODEL_PORT = 0;
    static final int IMAGE_PORT = 1;

    /** Share of the progress bar for the network; thresholding and labelling take the rest. */
    private static final double PREDICTION_SHARE = 0.85;

    SegmentationPredictorNodeModel() {
        super(new PortType[] {SegmentationModelPortObject.TYPE, VolumePortObject.TYPE},
                new PortType[] {VolumePortObject.TYPE, VolumePortObject.TYPE}, new SegmentationPredictorSettings());
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        SegmentationModelPortObjectSpec model = (SegmentationModelPortObjectSpec) inSpecs[MODEL_PORT];
        VolumePortObjectSpec image = (VolumePortObjectSpec) inSpecs[IMAGE_PORT];
        if (model == null || image == null) {
            throw new InvalidSettingsException("Connect a Segmentation Model and an image Volume.");
        }
        ModelWindow.of(image, model.getContext());
        int tile = settings.tileSize.getIntValue();
        if (tile % 32 != 0) {
            throw new InvalidSettingsException(SegmentationPredictorSettings.LABEL_TILE_SIZE + ": " + tile
                    + " is not a multiple of 32, the stride of the U-Net's encoders");
        }
        return new PortObjectSpec[] {probabilitySpec(image, model), labelSpec(image, model)};
    }

    private VolumePortObjectSpec probabilitySpec(VolumePortObjectSpec image, SegmentationModelPortObjectSpec model) {
        return new VolumePortObjectSpec(image.getShape(), PixelType.FLOAT32, image.getVoxelSize(),
                NormalizationSpec.none(), provenance(image, model, "foreground probabilities"));
    }

    private VolumePortObjectSpec labelSpec(VolumePortObjectSpec image, SegmentationModelPortObjectSpec model) {
        boolean instances = settings.components.getBooleanValue();
        return new VolumePortObjectSpec(image.getShape(), instances ? PixelType.UINT16 : PixelType.UINT8,
                image.getVoxelSize(), NormalizationSpec.none(), provenance(image, model, instances
                        ? "connected components of probability >= " + settings.threshold.getDoubleValue()
                        : "mask of probability >= " + settings.threshold.getDoubleValue()));
    }

    private List<String> provenance(VolumePortObjectSpec image, SegmentationModelPortObjectSpec model, String what) {
        List<String> steps = new ArrayList<>(image.getProvenance());
        steps.add("Segmentation Predictor: " + what + " of a " + model.getEncoder() + " U-Net (k="
                + model.getContext() + ", symmetrization " + model.getSymmetrization() + ", tile "
                + settings.tileSize.getIntValue() + ", overlap " + settings.overlap.getIntValue() + ", TTA "
                + settings.augmentation() + ")");
        return steps;
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        SegmentationModelPortObject model = (SegmentationModelPortObject) inObjects[MODEL_PORT];
        VolumePortObject image = (VolumePortObject) inObjects[IMAGE_PORT];
        VolumePortObjectSpec probSpec = probabilitySpec(image.getSpec(), model.getSpec());
        VolumePortObjectSpec labelSpec = labelSpec(image.getSpec(), model.getSpec());
        List<RawVolume> written = new ArrayList<>();
        try (ModelScope scope = openScope()) {
            exec.setMessage("Loading the model");
            ModelBundle bundle = model.loadBundle(scope);
            RawVolume probabilities;
            try (BlockTileModel tileModel = BlockTileModel.builder(bundle.network()).manager(scope.manager())
                    .source("Segmentation Model (" + bundle.metadata().encoder() + ")").build()) {
                PredictedVolume predicted = predictor(tileModel, bundle.metadata(), image, exec)
                        .probabilities(image.getVolume());
                exec.setMessage("Predicting");
                probabilities = KnimeProgress.run(() -> RawVolumeStore.copyOf(predicted, ProgressSink.NONE,
                        KnimeProgress.cancellation(exec)));
                written.add(probabilities);
            }
            exec.setMessage("Thresholding");
            Volume mask = new ThresholdedVolume(probabilities, settings.threshold.getDoubleValue(), 1);
            Volume labels = settings.components.getBooleanValue() ? components(mask, image.getVolume()) : mask;
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

    /** The predictor, normalizing input by the rule the model was trained with (its bundle records it). */
    private TiledVolumePredictor predictor(BlockTileModel tileModel, ModelMetadata model, VolumePortObject image,
            ExecutionContext exec) throws InvalidSettingsException {
        int k = model.context();
        NormalizationSpec normalization = model.inputNormalization();
        try {
            return TiledVolumePredictor.builder(tileModel, ModelWindow.of(image.getSpec(), k))
                    .tileSize(settings.tileSize.getIntValue(), settings.tileSize.getIntValue())
                    .overlap(settings.overlap.getIntValue())
                    .blend(settings.blendMode())
                    .batchSize(settings.batchSize.getIntValue())
                    .augmentation(settings.augmentation())
                    .sectionTransform(Normalizer.fit(image.getVolume(), normalization).sectionTransform())
                    .progress(KnimeProgress.sink(exec).sub(0, PREDICTION_SHARE))
                    .cancellation(KnimeProgress.cancellation(exec))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(SegmentationPredictorSettings.LABEL_TILE_SIZE + ": " + e.getMessage(), e);
        }
    }

    /** Instance labels of the mask; UINT16, so more than 65535 components are an error naming the setting. */
    private Volume components(Volume mask, Volume image) throws InvalidSettingsException {
        ComponentMode mode = settings.componentMode();
        ComponentLabels found = switch (mode) {
            case SECTIONS_4 -> ConnectedComponents.labelSections(mask, 0, ConnectedComponents.Connectivity2D.FOUR);
            case SECTIONS_8 -> ConnectedComponents.labelSections(mask, 0, ConnectedComponents.Connectivity2D.EIGHT);
            case VOLUME_6 -> ConnectedComponents.label3d(mask, 0);
        };
        if (found.count() > PixelType.UINT16.maxValue()) {
            throw new InvalidSettingsException(SegmentationPredictorSettings.LABEL_COMPONENTS + ": "
                    + found.count() + " components exceed the 65535 labels of a UINT16 volume; raise the "
                    + SegmentationPredictorSettings.LABEL_THRESHOLD + " or label the mask downstream");
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

    private ModelScope openScope() throws InvalidSettingsException {
        try {
            return ModelScope.open(settings.deviceSpec());
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(SegmentationPredictorSettings.LABEL_DEVICE + ": " + e.getMessage(), e);
        }
    }
}
