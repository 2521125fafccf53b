package org.emsym.knime.node.learner;

import java.util.function.Consumer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.AttributionAudit;
import org.emsym.engine.attribution.AttributionTracker;
import org.emsym.engine.attribution.EpochAttribution;
import org.emsym.engine.attribution.Interval;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.model.UNet;
import org.emsym.engine.train.Checkpoint;
import org.emsym.engine.train.CheckpointFolder;
import org.emsym.engine.train.EpochRecord;
import org.emsym.engine.train.ModelIdentity;
import org.emsym.engine.train.SegmentationTrainer;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.engine.train.TrainingData;
import org.emsym.engine.train.SegmentationTrainingResult;
import org.emsym.engine.train.TrainingState;
import org.emsym.engine.train.TrainingWarnings;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;
import org.emsym.engine.window.WindowSpec;
import org.emsym.knime.port.ModelWindow;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.knime.util.KnimeProgress;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Trains a Segmentation Model on an image Volume and its binary label Volume with the engine's {@link SegmentationTrainer}
 * and outputs the trained model plus a table with one row per epoch.
 *
 * <p>The trainer writes a checkpoint after every epoch ({@link Checkpoint#LAST}, {@link Checkpoint#BEST}) into a
 * checkpoint folder. The checkpoints record the settings that shape the result and the network with its starting
 * weights (the input model's); a run file ({@code run.txt}) next to them records the inputs' specs. The engine's
 * {@link CheckpointFolder} owns these rules (as for the CLI's {@code train}): executing the node with the settings,
 * model and inputs the folder holds resumes from its last finished epoch instead of starting over. Which folder depends on the
 * "Checkpoint folder" setting:
 * <ul>
 * <li>Empty (the default): a temporary folder owned by this node instance. On success or failure it is deleted.
 * On cancel it is kept, the node fails as canceled without output, and executing it again with the same settings
 * and inputs resumes; any other change starts a fresh run. The folder does not survive a restart of KNIME.</li>
 * <li>Set: that folder, created if missing. It survives restarts, so a new node instance or a batch job resumes
 * from it. Nothing in it is ever deleted: after success the checkpoints and run file stay. A folder holding
 * checkpoints of another run fails the execution, naming the fields that differ, without touching them. A folder whose {@code last.ckpt}
 * holds this run already finished (all epochs, or stopped early) trains nothing: the node outputs the stored
 * result (the best epoch's weights and the stored history, with missing attribution shares) and warns. Raising
 * the epoch count continues such a run, as the epoch count is not compared.</li>
 * </ul>
 */
final class SegmentationLearnerLogic implements NodeLogic<SegmentationLearnerParameters> {

    static final int MODEL_PORT = 0;
    static final int IMAGE_PORT = 1;
    static final int LABELS_PORT = 2;

    static final String COL_EPOCH = "epoch";
    static final String COL_TRAIN_LOSS = "train_loss";
    static final String COL_VAL_LOSS = "validation_loss";
    static final String COL_VAL_DICE = "validation_dice";
    static final String COL_LEARNING_RATE = "learning_rate";
    static final String COL_ENCODER_FROZEN = "encoder_frozen";
    static final String COL_SECONDS = "seconds";

    /**
     * The temporary checkpoint folder owned by this node (used while the checkpoint folder setting is empty),
     * kept after a cancel for resuming; null when there is none. State of one node: each factory (KNIME creates
     * one per node) has its own logic.
     */
    private Path checkpointFolder;

    /** Validation windows whose attribution shares are logged after every epoch. */
    static final int TRACKED_WINDOWS = 4;

    /**
     * One row per epoch: losses, Dice, learning rate, and the saliency share of every input section (z-k .. z+k)
     * on {@value #TRACKED_WINDOWS} fixed validation windows, so users see channel asymmetry appear or vanish.
     */
    static DataTableSpec historySpec(int context) {
        List<DataColumnSpec> columns = new ArrayList<>(List.of(
                new DataColumnSpecCreator(COL_EPOCH, IntCell.TYPE).createSpec(),
                new DataColumnSpecCreator(COL_TRAIN_LOSS, DoubleCell.TYPE).createSpec(),
                new DataColumnSpecCreator(COL_VAL_LOSS, DoubleCell.TYPE).createSpec(),
                new DataColumnSpecCreator(COL_VAL_DICE, DoubleCell.TYPE).createSpec(),
                new DataColumnSpecCreator(COL_LEARNING_RATE, DoubleCell.TYPE).createSpec(),
                new DataColumnSpecCreator(COL_ENCODER_FROZEN, BooleanCell.TYPE).createSpec(),
                new DataColumnSpecCreator(COL_SECONDS, DoubleCell.TYPE).createSpec()));
        for (int c = 0; c < 2 * context + 1; c++) {
            columns.add(new DataColumnSpecCreator(shareColumn(c, context), DoubleCell.TYPE).createSpec());
        }
        for (int d = 1; d <= context; d++) {
            columns.add(new DataColumnSpecCreator(asymmetryColumn(d), DoubleCell.TYPE).createSpec());
        }
        return new DataTableSpec(columns.toArray(new DataColumnSpec[0]));
    }

    /** Column of the mean saliency share of input channel {@code c}, e.g. "share z-1". */
    static String shareColumn(int channel, int context) {
        return "share " + AsymmetrySummary.channelLabel(channel, context);
    }

    /** Column of the asymmetry index |A(z-d) - A(z+d)| / (A(z-d) + A(z+d)). */
    static String asymmetryColumn(int d) {
        return "asymmetry d=" + d;
    }

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, SegmentationLearnerParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        SegmentationModelPortObjectSpec model = (SegmentationModelPortObjectSpec) inSpecs[MODEL_PORT];
        VolumePortObjectSpec image = (VolumePortObjectSpec) inSpecs[IMAGE_PORT];
        VolumePortObjectSpec labels = (VolumePortObjectSpec) inSpecs[LABELS_PORT];
        SegmentationTrainingConfig config = settings.trainingConfig(null);
        if (model == null || image == null || labels == null) {
            throw new InvalidSettingsException("Connect a Segmentation Model, an image Volume and a label Volume.");
        }
        model.requireEmsymModel("Segmentation Model");
        checkInputs(config, model, image, labels, settings, warning);
        Path userFolder = settings.userCheckpointFolder();
        if (userFolder != null) {
            checkUserFolder(userFolder);
        }
        return new PortObjectSpec[] {model, historySpec(model.getContext())};
    }

    /** Checks what can be checked before training; every message names the setting or input at fault. */
    private static void checkInputs(SegmentationTrainingConfig config, SegmentationModelPortObjectSpec model,
            VolumePortObjectSpec image, VolumePortObjectSpec labels, SegmentationLearnerParameters settings, Consumer<String> warning)
            throws InvalidSettingsException {
        ModelWindow.of(image, model.getContext());
        VolumeShape shape = image.getShape();
        if (!shape.equals(labels.getShape())) {
            throw new InvalidSettingsException("Label volume: its shape " + labels.getShape()
                    + " differs from the image volume's " + shape);
        }
        if (model.getClasses() != 1) {
            throw new InvalidSettingsException("Segmentation Model: binary training needs a model with one output"
                    + " class, this one has " + model.getClasses());
        }
        int patch = config.patchHeight();
        if (patch > shape.height() || patch > shape.width()) {
            throw new InvalidSettingsException(SegmentationLearnerParameters.TITLE_PATCH + ": " + patch
                    + " exceeds the image's sections of " + shape.height() + " x " + shape.width());
        }
        int[] range = settings.validationRange();
        if (range != null && range[1] > shape.depth()) {
            throw new InvalidSettingsException(SegmentationLearnerParameters.TITLE_VALIDATION + ": end " + range[1]
                    + " exceeds the image's " + shape.depth() + " sections");
        }
        if (range != null && range[0] == 0 && range[1] >= shape.depth()) {
            throw new InvalidSettingsException(SegmentationLearnerParameters.TITLE_VALIDATION + ": ["
                    + range[0] + ", " + range[1] + ") leaves no section of the " + shape.depth() + " for training");
        }
        if (config.freezeEncoderEpochs() >= config.epochs()) {
            warning.accept(SegmentationLearnerParameters.TITLE_FREEZE + " (" + config.freezeEncoderEpochs()
                    + ") covers all " + config.epochs() + " epochs: only the decoder is trained.");
        } else {
            warning.accept(null);
        }
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, SegmentationLearnerParameters settings,
            Consumer<String> warning) throws Exception {
        SegmentationModelPortObject modelIn = (SegmentationModelPortObject) inObjects[MODEL_PORT];
        VolumePortObject image = (VolumePortObject) inObjects[IMAGE_PORT];
        VolumePortObject labels = (VolumePortObject) inObjects[LABELS_PORT];
        ModelIdentity identity = identity(modelIn);
        String inputs = inputs(image, labels, settings.positiveIsZero);
        SegmentationTrainingConfig requested = settings.trainingConfig(null).toBuilder().model(identity).build();
        Path userFolder = settings.userCheckpointFolder();
        Path folder;
        boolean resume;
        if (userFolder != null) {
            discardCheckpoints(); // a temporary folder of an earlier canceled run is stale now
            resume = claim(userFolder, requested, identity, inputs);
            folder = userFolder;
        } else {
            resume = checkpointFolder != null
                    && CheckpointFolder.holdsResumable(checkpointFolder, requested, identity, inputs);
            if (!resume) {
                discardCheckpoints();
                checkpointFolder = Files.createTempDirectory("emsym-learner-checkpoints");
                claim(checkpointFolder, requested, identity, inputs);
            }
            folder = checkpointFolder;
        }
        SegmentationTrainingConfig config = settings.trainingConfig(folder).toBuilder().model(identity).build();
        TrainingState stored = resume ? Checkpoint.readState(folder.resolve(Checkpoint.LAST)) : null;
        boolean finished = stored != null && (stored.stoppedEarly() || stored.nextEpoch() >= config.epochs());
        try (ModelScope scope = openScope(config)) {
            exec.setMessage("Loading the model");
            ModelBundle bundle = modelIn.loadBundle(scope);
            UNet network = bundle.network();
            int multiple = network.sizeMultiple();
            if (config.patchHeight() % multiple != 0) {
                throw new InvalidSettingsException(SegmentationLearnerParameters.TITLE_PATCH + ": "
                        + config.patchHeight() + " is not a multiple of " + multiple + ", which the "
                        + bundle.metadata().encoder() + " encoder needs");
            }
            NormalizationSpec normalization = NormalizationSpec.forNetwork(image.getSpec().getNormalization());
            TrainingData data = trainingData(image, labels,
                    ModelWindow.of(image.getSpec(), bundle.metadata().context()), normalization, settings.positiveIsZero);
            AttributionTracker tracker = AttributionTracker.builder(trackedWindows(image, config,
                    bundle.metadata().context(), normalization)).build();
            List<String> warnings = new ArrayList<>();
            if (!finished) {
                warnings.addAll(dataWarnings(image, labels, normalization, settings.positiveIsZero));
            }
            SegmentationTrainer trainer = SegmentationTrainer.builder(config).progress(KnimeProgress.sink(exec))
                    .cancellation(KnimeProgress.cancellation(exec)).epochListener(tracker).build();
            if (finished) {
                // SegmentationTrainer.resume runs no epoch then and restores the best epoch's weights from best.ckpt
                warnings.add(SegmentationLearnerParameters.TITLE_CHECKPOINT_FOLDER + ": '" + folder
                        + "' holds this run already finished after " + stored.nextEpoch() + " epochs; no epoch was"
                        + " trained, the output is the stored result. Raise the epoch count to continue it, or"
                        + " delete the checkpoints to train anew.");
            }
            if (!warnings.isEmpty()) {
                warning.accept(String.join("\n", warnings));
            }
            exec.setMessage(finished ? "Restoring the finished run from its checkpoints"
                    : resume ? "Resuming training from the last checkpoint" : "Training");
            SegmentationTrainingResult result;
            try {
                result = KnimeProgress.run(() -> resume ? trainer.resume(scope.manager(), network, data)
                        : trainer.fit(scope.manager(), network, data));
            } catch (CanceledExecutionException e) {
                throw new CanceledExecutionException("Training canceled; the checkpoint of the last finished epoch"
                        + " is kept and training resumes from it when the node runs again with the same settings"
                        + " and inputs (" + folder + ")");
            } catch (IllegalArgumentException e) {
                // the engine names the input at fault: labels that are not binary, a model that does not fit
                throw new InvalidSettingsException("Cannot train on these inputs: " + e.getMessage(), e);
            }
            ModelMetadata metadata = trainedMetadata(bundle.metadata(), result.history(), normalization);
            SegmentationModelPortObject modelOut = SegmentationModelPortObject.create(network, metadata);
            BufferedDataTable history = historyTable(result.history(), tracker.history(), bundle.metadata().context(), exec);
            discardCheckpoints(); // only the node's temporary folder: a user's folder keeps its checkpoints
            return new PortObject[] {modelOut, history};
        } catch (CanceledExecutionException e) {
            throw e; // checkpoints stay for the next run
        } catch (Exception e) {
            discardCheckpoints(); // only the node's temporary folder
            throw e;
        }
    }

    private static ModelScope openScope(SegmentationTrainingConfig config) throws InvalidSettingsException {
        try {
            return ModelScope.open(config.device());
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(SegmentationLearnerParameters.TITLE_DEVICE + ": " + e.getMessage(), e);
        }
    }

    private static TrainingData trainingData(VolumePortObject image, VolumePortObject labels, WindowSpec window,
            NormalizationSpec normalization, boolean positiveIsZero) throws InvalidSettingsException {
        TrainingData.Builder b = TrainingData.builder(image.getVolume(), labels.getVolume(), window)
                .positiveIsZero(positiveIsZero)
                .sectionTransform(Normalizer.fit(image.getVolume(), normalization).sectionTransform());
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Label volume: " + e.getMessage(), e);
        }
    }

    /**
     * The engine's {@link TrainingWarnings} on the inputs (labels all background, all foreground or looking
     * inverted; integer images using a small part of their range), each with the setting that changes it.
     */
    private static List<String> dataWarnings(VolumePortObject image, VolumePortObject labels,
            NormalizationSpec normalization, boolean positiveIsZero) throws InvalidSettingsException {
        String option = "'" + SegmentationLearnerParameters.TITLE_POSITIVE_IS_ZERO + "'";
        List<TrainingWarnings.Warning> found;
        try {
            found = TrainingWarnings.of(image.getVolume(), labels.getVolume(), positiveIsZero, normalization);
        } catch (IllegalArgumentException e) {
            // labels that are not binary, an input with NaN: refused as training refuses them
            throw new InvalidSettingsException("Cannot train on these inputs: " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        for (TrainingWarnings.Warning w : found) {
            out.add(w.message() + switch (w.kind()) {
                case MOSTLY_FOREGROUND -> positiveIsZero ? "; if they mark membrane with non-zero values, clear "
                        + option : "; if they mark membrane with 0, set " + option;
                case NO_FOREGROUND, NO_BACKGROUND -> "; check the label volume and " + option;
                case SMALL_VALUE_RANGE -> ": choose the PERCENTILE normalization in the node that reads the image";
            });
        }
        return out;
    }

    /** The input model's metadata with the input normalization and one history entry per trained epoch added. */
    private static ModelMetadata trainedMetadata(ModelMetadata in, List<EpochRecord> history,
            NormalizationSpec normalization) {
        return EpochRecord.appendTo(in.withNormalization(normalization), history);
    }

    private static BufferedDataTable historyTable(List<EpochRecord> history, List<EpochAttribution> shares,
            int context, ExecutionContext exec) {
        BufferedDataContainer container = exec.createDataContainer(historySpec(context));
        for (EpochRecord r : history) {
            List<DataCell> cells = new ArrayList<>(List.of(
                new IntCell(r.epoch() + 1), new DoubleCell(r.trainLoss()), new DoubleCell(r.validationLoss()),
                new DoubleCell(r.validationDice()), new DoubleCell(r.learningRate()),
                r.encoderFrozen() ? BooleanCell.TRUE : BooleanCell.FALSE, new DoubleCell(r.seconds())));
            // epochs trained before a resume were not tracked in this run: their shares are missing
            AsymmetrySummary summary = shares.stream().filter(a -> a.epoch() == r.epoch()).findFirst()
                    .map(EpochAttribution::summary).orElse(null);
            for (int c = 0; c < 2 * context + 1; c++) {
                cells.add(summary == null ? DataType.getMissingCell() : mean(summary.channelShares().get(c)));
            }
            for (int d = 1; d <= context; d++) {
                cells.add(summary == null ? DataType.getMissingCell() : mean(summary.asymmetryIndices().get(d - 1)));
            }
            container.addRowToTable(new DefaultRow(RowKey.createRowKey((long) r.epoch()),
                    cells.toArray(new DataCell[0])));
        }
        container.close();
        return container.getTable();
    }

    private static DataCell mean(Interval interval) {
        return new DoubleCell(interval.mean());
    }

    /**
     * Central crops (patch size, at most the section) of up to {@value #TRACKED_WINDOWS} validation centres, in
     * the same input scale the model is trained with.
     */
    private static List<Window> trackedWindows(VolumePortObject image, SegmentationTrainingConfig config, int k,
            NormalizationSpec normalization) throws InvalidSettingsException {
        StackWindower windower = new StackWindower(image.getVolume(), ModelWindow.of(image.getSpec(), k),
                Normalizer.fit(image.getVolume(), normalization).sectionTransform());
        int patch = config.patchHeight();
        int[] validation = config.validationSplit(windower).validationCentres();
        int count = Math.min(TRACKED_WINDOWS, validation.length);
        int[] centres = new int[count];
        for (int i = 0; i < count; i++) {
            centres[i] = validation[(int) ((long) i * validation.length / count)];
        }
        return AttributionAudit.centralCrops(windower, centres, patch, patch);
    }

    /**
     * The network a run trains, as its checkpoints record it: the input model's structure and, as starting
     * weights, the input model's parameters.
     */
    private static ModelIdentity identity(SegmentationModelPortObject model) {
        ModelMetadata m = model.getMetadata();
        return new ModelIdentity(m.encoder(), m.context(), ModelIdentity.decoderText(m.decoderChannels()),
                m.symmetrization() == null ? "none" : m.symmetrization().strategy(),
                String.valueOf(m.parametersSha256()));
    }

    /** The run's data, as {@link CheckpointFolder#RUN_FILE} records it: the label rule and the inputs' specs. */
    private static String inputs(VolumePortObject image, VolumePortObject labels, boolean positiveIsZero) {
        return "positiveIsZero: " + positiveIsZero + "\nimage: " + image.getSpec()
                + "\nlabels: " + labels.getSpec() + "\n";
    }

    /**
     * Checks a user's checkpoint folder against the file system (the engine's {@link CheckpointFolder} rules):
     * it must be a writable folder, or creatable in a writable folder. Every message names the setting and the
     * path.
     */
    private static void checkUserFolder(Path folder) throws InvalidSettingsException {
        try {
            CheckpointFolder.requireUsable(folder);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(SegmentationLearnerParameters.TITLE_CHECKPOINT_FOLDER + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Readies a checkpoint folder for this run with {@link CheckpointFolder#claim}: refuses, changing nothing, a
     * folder with checkpoints of another run, naming the setting, the folder and the fields that differ.
     *
     * @return whether the folder holds a last checkpoint of this run to resume from
     */
    private static boolean claim(Path folder, SegmentationTrainingConfig config, ModelIdentity model, String inputs)
            throws InvalidSettingsException {
        try {
            return CheckpointFolder.claim(folder, config, model, inputs);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidSettingsException(SegmentationLearnerParameters.TITLE_CHECKPOINT_FOLDER + ": "
                    + e.getMessage(), e);
        }
    }

    private void discardCheckpoints() throws IOException {
        if (checkpointFolder != null) {
            try (var files = Files.list(checkpointFolder)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(checkpointFolder);
            checkpointFolder = null;
        }
    }

    /** The node's temporary folder holding the checkpoints of a canceled run, if one is kept (for tests). */
    Path keptCheckpointFolder() {
        return checkpointFolder;
    }
}
