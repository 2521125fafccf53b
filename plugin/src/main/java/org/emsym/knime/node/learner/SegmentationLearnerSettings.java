package org.emsym.knime.node.learner;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.emsym.engine.model.DeviceSpec;
import org.emsym.engine.train.AugmentationConfig;
import org.emsym.engine.train.OptimizerType;
import org.emsym.engine.train.ScheduleType;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.SettingsGroup;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Settings of the Segmentation Learner, one settings model per key so that each can be set by a flow variable.
 * {@link #trainingConfig(Path)} turns them into the engine's {@link SegmentationTrainingConfig}; its validation errors come back
 * naming the setting's label.
 */
final class SegmentationLearnerSettings extends SettingsGroup {

    static final String CFG_EPOCHS = "epochs";
    static final String CFG_STEPS_PER_EPOCH = "steps_per_epoch";
    static final String CFG_BATCH_SIZE = "batch_size";
    static final String CFG_PATCH_SIZE = "patch_size";
    static final String CFG_LEARNING_RATE = "learning_rate";
    static final String CFG_WEIGHT_DECAY = "weight_decay";
    static final String CFG_OPTIMIZER = "optimizer";
    static final String CFG_SCHEDULE = "schedule";
    static final String CFG_BCE_WEIGHT = "loss_bce_weight";
    static final String CFG_DICE_WEIGHT = "loss_dice_weight";
    static final String CFG_AUGMENT_FLIPS = "augment_flips_rotations";
    static final String CFG_AUGMENT_INTENSITY = "augment_intensity";
    static final String CFG_AUGMENT_Z_FLIP = "augment_z_flip";
    static final String CFG_VALIDATION_START = "validation_start";
    static final String CFG_VALIDATION_END = "validation_end";
    static final String CFG_EARLY_STOPPING = "early_stopping_patience";
    static final String CFG_FREEZE_ENCODER = "freeze_encoder_epochs";
    static final String CFG_SEED = "seed";
    static final String CFG_DEVICE = "device";
    static final String CFG_POSITIVE_IS_ZERO = "positive_label_is_zero";
    /** Added after the first release: settings saved before lack it and load with the default (empty). */
    static final String CFG_CHECKPOINT_FOLDER = "checkpoint_folder";

    static final String LABEL_EPOCHS = "Epochs";
    static final String LABEL_STEPS = "Steps per epoch";
    static final String LABEL_BATCH = "Batch size";
    static final String LABEL_PATCH = "Patch size";
    static final String LABEL_LEARNING_RATE = "Learning rate";
    static final String LABEL_WEIGHT_DECAY = "Weight decay";
    static final String LABEL_OPTIMIZER = "Optimizer";
    static final String LABEL_SCHEDULE = "Learning-rate schedule";
    static final String LABEL_LOSS = "Loss weights (BCE / Dice)";
    static final String LABEL_AUGMENT_FLIPS = "Augment: xy flips and 90-degree rotations";
    static final String LABEL_AUGMENT_INTENSITY = "Augment: intensity jitter and small affine warps";
    static final String LABEL_AUGMENT_Z_FLIP = "Augment: z-flip (reverse the window)";
    static final String LABEL_VALIDATION = "Validation sections (first, end exclusive)";
    static final String LABEL_EARLY_STOPPING = "Early stopping patience (0 = off)";
    static final String LABEL_FREEZE = "Freeze encoder for first epochs";
    static final String LABEL_SEED = "Random seed";
    static final String LABEL_DEVICE = "Device (auto, cpu, gpu:N)";
    static final String LABEL_CHECKPOINT_FOLDER = "Checkpoint folder";
    static final String LABEL_POSITIVE_IS_ZERO = "Label 0 is the foreground class (e.g. ISBI membranes)";

    /** Value of the validation start that selects the last fifth of the stack. */
    static final int VALIDATION_AUTO = -1;

    final SettingsModelIntegerBounded epochs =
            new SettingsModelIntegerBounded(CFG_EPOCHS, SegmentationTrainingConfig.DEFAULT_EPOCHS, 1, 100_000);
    final SettingsModelIntegerBounded stepsPerEpoch =
            new SettingsModelIntegerBounded(CFG_STEPS_PER_EPOCH, SegmentationTrainingConfig.DEFAULT_STEPS_PER_EPOCH, 1, 1_000_000);
    final SettingsModelIntegerBounded batchSize = new SettingsModelIntegerBounded(CFG_BATCH_SIZE,
            SegmentationTrainingConfig.DEFAULT_BATCH_SIZE, 1, 4096);
    final SettingsModelIntegerBounded patchSize = new SettingsModelIntegerBounded(CFG_PATCH_SIZE,
            SegmentationTrainingConfig.DEFAULT_PATCH_SIZE, 8, 8192);
    final SettingsModelDoubleBounded learningRate =
            new SettingsModelDoubleBounded(CFG_LEARNING_RATE, SegmentationTrainingConfig.DEFAULT_LEARNING_RATE, 1e-12, 10);
    final SettingsModelDoubleBounded weightDecay = new SettingsModelDoubleBounded(CFG_WEIGHT_DECAY,
            SegmentationTrainingConfig.DEFAULT_WEIGHT_DECAY, 0, 0.999);
    final SettingsModelString optimizer = new SettingsModelString(CFG_OPTIMIZER,
            SegmentationTrainingConfig.DEFAULT_OPTIMIZER.name());
    final SettingsModelString schedule = new SettingsModelString(CFG_SCHEDULE,
            SegmentationTrainingConfig.DEFAULT_SCHEDULE.name());
    final SettingsModelDoubleBounded bceWeight = new SettingsModelDoubleBounded(CFG_BCE_WEIGHT,
            SegmentationTrainingConfig.DEFAULT_BCE_WEIGHT, 0, 1000);
    final SettingsModelDoubleBounded diceWeight = new SettingsModelDoubleBounded(CFG_DICE_WEIGHT,
            SegmentationTrainingConfig.DEFAULT_DICE_WEIGHT, 0, 1000);
    final SettingsModelBoolean augmentFlips = new SettingsModelBoolean(CFG_AUGMENT_FLIPS, true);
    final SettingsModelBoolean augmentIntensity = new SettingsModelBoolean(CFG_AUGMENT_INTENSITY, true);
    final SettingsModelBoolean augmentZFlip = new SettingsModelBoolean(CFG_AUGMENT_Z_FLIP,
            SegmentationTrainingConfig.DEFAULT_Z_FLIP);
    final SettingsModelIntegerBounded validationStart =
            new SettingsModelIntegerBounded(CFG_VALIDATION_START, VALIDATION_AUTO, VALIDATION_AUTO, 1_000_000);
    final SettingsModelIntegerBounded validationEnd =
            new SettingsModelIntegerBounded(CFG_VALIDATION_END, 0, 0, 1_000_000);
    final SettingsModelIntegerBounded earlyStopping = new SettingsModelIntegerBounded(CFG_EARLY_STOPPING,
            SegmentationTrainingConfig.DEFAULT_EARLY_STOPPING_PATIENCE, 0, 100_000);
    final SettingsModelIntegerBounded freezeEncoderEpochs =
            new SettingsModelIntegerBounded(CFG_FREEZE_ENCODER, SegmentationTrainingConfig.DEFAULT_FREEZE_ENCODER_EPOCHS, 0,
                    100_000);
    final SettingsModelIntegerBounded seed = new SettingsModelIntegerBounded(CFG_SEED,
            (int) SegmentationTrainingConfig.DEFAULT_SEED, 0, Integer.MAX_VALUE);
    final SettingsModelString device = new SettingsModelString(CFG_DEVICE, DeviceSpec.AUTO.text());
    final SettingsModelBoolean positiveIsZero = new SettingsModelBoolean(CFG_POSITIVE_IS_ZERO, false);
    /** Empty: checkpoints go to a temporary folder owned by the node, deleted after a successful run. */
    final SettingsModelString checkpointFolder = new SettingsModelString(CFG_CHECKPOINT_FOLDER, "");

    @Override
    protected SettingsModel[] all() {
        return new SettingsModel[] {epochs, stepsPerEpoch, batchSize, patchSize, learningRate, weightDecay, optimizer,
            schedule, bceWeight, diceWeight, augmentFlips, augmentIntensity, augmentZFlip, validationStart,
            validationEnd, earlyStopping, freezeEncoderEpochs, seed, device, positiveIsZero, checkpointFolder};
    }

    @Override
    protected Map<String, SettingsModel> addedLater() {
        return Map.of(CFG_CHECKPOINT_FOLDER, checkpointFolder);
    }

    @Override
    protected SettingsGroup newInstance() {
        return new SegmentationLearnerSettings();
    }

    @Override
    protected void check() throws InvalidSettingsException {
        trainingConfig(null);
        String folder = checkpointFolder.getStringValue();
        if (folder != null && !folder.isBlank() && !KnimePaths.isUrl(folder)) {
            // a knime: URL can only be resolved once the node runs in a workflow
            userCheckpointFolder();
        }
    }

    /**
     * The folder set by the user for checkpoints, or null when the setting is empty or missing (a temporary folder
     * owned by the node is used then).
     *
     * @throws InvalidSettingsException naming the setting if the value is not a valid path or local URL
     */
    Path userCheckpointFolder() throws InvalidSettingsException {
        String text = checkpointFolder.getStringValue();
        if (text == null || text.isBlank()) {
            return null;
        }
        return KnimePaths.resolve(text, LABEL_CHECKPOINT_FOLDER).toAbsolutePath().normalize();
    }

    DeviceSpec deviceSpec() throws InvalidSettingsException {
        try {
            return DeviceSpec.parse(device.getStringValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(LABEL_DEVICE + ": " + e.getMessage(), e);
        }
    }

    /** The explicit validation range {@code [start, end)}, or null for the engine's default (last fifth). */
    int[] validationRange() {
        int start = validationStart.getIntValue();
        return start == VALIDATION_AUTO ? null : new int[] {start, validationEnd.getIntValue()};
    }

    private AugmentationConfig augmentation() {
        boolean flips = augmentFlips.getBooleanValue();
        AugmentationConfig base = augmentIntensity.getBooleanValue() ? AugmentationConfig.DEFAULT : AugmentationConfig.NONE;
        return new AugmentationConfig(flips, flips, base.gain(), base.offset(), base.gamma(),
                base.affineProbability(), base.maxRotationDegrees(), base.maxScale(), base.maxShear(),
                augmentZFlip.getBooleanValue());
    }

    /**
     * The engine's training configuration.
     *
     * @param checkpointFolder where the trainer keeps its checkpoints; null for none (validation only)
     * @throws InvalidSettingsException naming the setting whose value the engine rejects
     */
    SegmentationTrainingConfig trainingConfig(Path checkpointFolder) throws InvalidSettingsException {
        OptimizerType opt = parse(OptimizerType.class, optimizer.getStringValue(), LABEL_OPTIMIZER);
        ScheduleType sched = parse(ScheduleType.class, schedule.getStringValue(), LABEL_SCHEDULE);
        SegmentationTrainingConfig.Builder b = SegmentationTrainingConfig.builder()
                .epochs(epochs.getIntValue())
                .stepsPerEpoch(stepsPerEpoch.getIntValue())
                .batchSize(batchSize.getIntValue())
                .patchSize(patchSize.getIntValue())
                .optimizer(opt)
                .schedule(sched)
                .augmentation(augmentation())
                .earlyStoppingPatience(earlyStopping.getIntValue())
                .seed(seed.getIntValue())
                .device(deviceSpec())
                .checkpointFolder(checkpointFolder);
        check(LABEL_LEARNING_RATE, () -> b.learningRate(learningRate.getDoubleValue()));
        check(LABEL_WEIGHT_DECAY, () -> b.weightDecay(weightDecay.getDoubleValue()));
        check(LABEL_LOSS, () -> b.lossWeights(bceWeight.getDoubleValue(), diceWeight.getDoubleValue()));
        check(LABEL_FREEZE, () -> b.freezeEncoderEpochs(freezeEncoderEpochs.getIntValue()));
        int[] range = validationRange();
        if (range != null) {
            if (range[1] <= range[0]) {
                throw new InvalidSettingsException(LABEL_VALIDATION + ": the range [" + range[0] + ", " + range[1]
                        + ") is empty; set the end above the first section, or the first section to "
                        + VALIDATION_AUTO + " for the last fifth of the stack");
            }
            b.validationRange(range[0], range[1]);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Training settings: " + e.getMessage(), e);
        }
    }

    private static void check(String label, Runnable setter) throws InvalidSettingsException {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(label + ": " + e.getMessage(), e);
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String label) throws InvalidSettingsException {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(label + ": unknown value '" + value + "'; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }
}
