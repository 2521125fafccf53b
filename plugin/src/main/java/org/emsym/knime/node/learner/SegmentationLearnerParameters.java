package org.emsym.knime.node.learner;

import java.nio.file.Path;

import org.emsym.engine.train.AugmentationConfig;
import org.emsym.engine.model.DeviceSpec;
import org.emsym.engine.train.OptimizerType;
import org.emsym.engine.train.ScheduleType;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.knime.util.KnimePaths;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Segmentation Learner, saved under the keys the node has used since its first release (so
 * saved workflows and their flow variables still apply). The bounds are those of the node's first release; the
 * checkpoint folder came later, and settings saved before it load with the folder empty.
 */
final class SegmentationLearnerParameters implements NodeParameters {

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

    static final String TITLE_EPOCHS = "Epochs";
    static final String TITLE_STEPS = "Steps per epoch";
    static final String TITLE_BATCH = "Batch size";
    static final String TITLE_PATCH = "Patch size";
    static final String TITLE_LEARNING_RATE = "Learning rate";
    static final String TITLE_WEIGHT_DECAY = "Weight decay";
    static final String TITLE_OPTIMIZER = "Optimizer";
    static final String TITLE_SCHEDULE = "Learning-rate schedule";
    static final String TITLE_BCE_WEIGHT = "Loss weight: BCE";
    static final String TITLE_DICE_WEIGHT = "Loss weight: Dice";
    /** Named in messages about both loss weights together. */
    static final String TITLE_LOSS = "Loss weights (BCE / Dice)";
    static final String TITLE_AUGMENT_FLIPS = "Augment: xy flips and 90-degree rotations";
    static final String TITLE_AUGMENT_INTENSITY = "Augment: intensity jitter and small affine warps";
    static final String TITLE_AUGMENT_Z_FLIP = "Augment: z-flip";
    static final String TITLE_VALIDATION_START = "Validation sections: first";
    static final String TITLE_VALIDATION_END = "Validation sections: end";
    /** Named in messages about the validation range as a whole. */
    static final String TITLE_VALIDATION = "Validation sections (first, end exclusive)";
    static final String TITLE_EARLY_STOPPING = "Early stopping patience";
    static final String TITLE_FREEZE = "Freeze encoder for first epochs";
    static final String TITLE_SEED = "Random seed";
    static final String TITLE_DEVICE = "Device";
    static final String TITLE_CHECKPOINT_FOLDER = "Checkpoint folder";
    static final String TITLE_POSITIVE_IS_ZERO = "Label 0 is the foreground class";

    /** Value of the validation start that selects the last fifth of the stack. */
    static final int VALIDATION_AUTO = -1;

    @Widget(title = TITLE_EPOCHS, description = "Number of epochs, 1 to 100000. Key: <tt>epochs</tt>.")
    @Persist(configKey = CFG_EPOCHS)
    int epochs = SegmentationTrainingConfig.DEFAULT_EPOCHS;

    @Widget(title = TITLE_STEPS, description = "Optimizer steps per epoch, 1 to 1000000. Key: "
            + "<tt>steps_per_epoch</tt>.")
    @Persist(configKey = CFG_STEPS_PER_EPOCH)
    int stepsPerEpoch = SegmentationTrainingConfig.DEFAULT_STEPS_PER_EPOCH;

    @Widget(title = TITLE_BATCH, description = "Patches per step, 1 to 4096. Key: <tt>batch_size</tt>.")
    @Persist(configKey = CFG_BATCH_SIZE)
    int batchSize = SegmentationTrainingConfig.DEFAULT_BATCH_SIZE;

    @Widget(title = TITLE_PATCH, description = "Side of the square training patches in pixels, 8 to 8192; a "
            + "multiple of the encoder's stride (32) and at most the section size. Key: <tt>patch_size</tt>.")
    @Persist(configKey = CFG_PATCH_SIZE)
    int patchSize = SegmentationTrainingConfig.DEFAULT_PATCH_SIZE;

    @Widget(title = TITLE_LEARNING_RATE, description = "Base learning rate, above 0 and at most 10. Key: "
            + "<tt>learning_rate</tt>.")
    @Persist(configKey = CFG_LEARNING_RATE)
    double learningRate = SegmentationTrainingConfig.DEFAULT_LEARNING_RATE;

    @Widget(title = TITLE_WEIGHT_DECAY, description = "Weight decay in [0, 1). Key: <tt>weight_decay</tt>.")
    @Persist(configKey = CFG_WEIGHT_DECAY)
    double weightDecay = SegmentationTrainingConfig.DEFAULT_WEIGHT_DECAY;

    @Widget(title = TITLE_OPTIMIZER, description = "<tt>ADAMW</tt> (decoupled weight decay) or <tt>ADAM</tt> (L2 "
            + "penalty). Key: <tt>optimizer</tt>.")
    @Persist(configKey = CFG_OPTIMIZER)
    OptimizerType optimizer = SegmentationTrainingConfig.DEFAULT_OPTIMIZER;

    @Widget(title = TITLE_SCHEDULE, description = "<tt>COSINE</tt> (down to 1% of the base rate), <tt>STEP</tt> "
            + "(x0.1 every 10 epochs) or <tt>CONSTANT</tt>. Key: <tt>schedule</tt>.")
    @Persist(configKey = CFG_SCHEDULE)
    ScheduleType schedule = SegmentationTrainingConfig.DEFAULT_SCHEDULE;

    @Widget(title = TITLE_BCE_WEIGHT, description = "Weight of the binary cross-entropy term of the loss, 0 to "
            + "1000. Key: <tt>loss_bce_weight</tt>.")
    @Persist(configKey = CFG_BCE_WEIGHT)
    double bceWeight = SegmentationTrainingConfig.DEFAULT_BCE_WEIGHT;

    @Widget(title = TITLE_DICE_WEIGHT, description = "Weight of the Dice term of the loss, 0 to 1000. Key: "
            + "<tt>loss_dice_weight</tt>.")
    @Persist(configKey = CFG_DICE_WEIGHT)
    double diceWeight = SegmentationTrainingConfig.DEFAULT_DICE_WEIGHT;

    @Widget(title = TITLE_AUGMENT_FLIPS, description = "Random flips along y and x and rotations by multiples of 90 "
            + "degrees. Key: <tt>augment_flips_rotations</tt>.")
    @Persist(configKey = CFG_AUGMENT_FLIPS)
    boolean augmentFlips = true;

    @Widget(title = TITLE_AUGMENT_INTENSITY, description = "Random gain, offset and gamma, and small rotations, "
            + "scalings and shears. Key: <tt>augment_intensity</tt>.")
    @Persist(configKey = CFG_AUGMENT_INTENSITY)
    boolean augmentIntensity = true;

    @Widget(title = TITLE_AUGMENT_Z_FLIP, description = "Reverses the order of the window's sections with "
            + "probability 1/2, which teaches the network that z and -z look alike. Key: <tt>augment_z_flip</tt>.")
    @Persist(configKey = CFG_AUGMENT_Z_FLIP)
    boolean augmentZFlip = SegmentationTrainingConfig.DEFAULT_Z_FLIP;

    @Widget(title = TITLE_VALIDATION_START, description = "First centre section used for validation; -1 (the "
            + "default) uses the last fifth of the stack. Key: <tt>validation_start</tt>.")
    @Persist(configKey = CFG_VALIDATION_START)
    int validationStart = VALIDATION_AUTO;

    @Widget(title = TITLE_VALIDATION_END, description = "End (exclusive) of the validation sections; ignored when "
            + "the first is -1. Key: <tt>validation_end</tt>.")
    @Persist(configKey = CFG_VALIDATION_END)
    int validationEnd = 0;

    @Widget(title = TITLE_EARLY_STOPPING, description = "Training stops when the validation loss has not improved "
            + "for this many epochs; 0 disables early stopping. Key: <tt>early_stopping_patience</tt>.")
    @Persist(configKey = CFG_EARLY_STOPPING)
    int earlyStopping = SegmentationTrainingConfig.DEFAULT_EARLY_STOPPING_PATIENCE;

    @Widget(title = TITLE_FREEZE, description = "The encoder's weights (and batch-norm statistics) stay fixed for "
            + "this many epochs, so the decoder adapts first. Key: <tt>freeze_encoder_epochs</tt>.")
    @Persist(configKey = CFG_FREEZE_ENCODER)
    int freezeEncoderEpochs = SegmentationTrainingConfig.DEFAULT_FREEZE_ENCODER_EPOCHS;

    @Widget(title = TITLE_SEED, description = "Seeds initialization, patch sampling and augmentation; 0 or more. "
            + "Key: <tt>seed</tt>.")
    @Persist(configKey = CFG_SEED)
    int seed = (int) SegmentationTrainingConfig.DEFAULT_SEED;

    @Widget(title = TITLE_DEVICE, description = "Where training runs: <tt>auto</tt> (first GPU if one is "
            + "available, else the CPU), <tt>cpu</tt>, or <tt>gpu:N</tt>. Key: <tt>device</tt>.")
    @Persist(configKey = CFG_DEVICE)
    String device = DeviceSpec.AUTO.text();

    @Widget(title = TITLE_POSITIVE_IS_ZERO, description = "By default every non-zero label is foreground. Enable "
            + "for labels where 0 marks the structure to segment, e.g. ISBI 2012 membranes. Key: "
            + "<tt>positive_label_is_zero</tt>.")
    @Persist(configKey = CFG_POSITIVE_IS_ZERO)
    boolean positiveIsZero = false;

    @Widget(title = TITLE_CHECKPOINT_FOLDER, description = "Optional folder for the per-epoch checkpoints "
            + "(<tt>last.ckpt</tt>, <tt>best.ckpt</tt>) and the run key (<tt>run.txt</tt>, naming the settings and "
            + "inputs of the run); created if missing. Empty (the default) uses a temporary folder that is deleted "
            + "after a successful run and does not survive a restart of KNIME. A set folder survives restarts: "
            + "executing the node again with the same settings and inputs, also after a restart or in a batch job, "
            + "resumes from the last finished epoch there, and the checkpoints stay after success. A folder holding "
            + "checkpoints of another run makes the node fail without touching them: choose an empty folder or "
            + "delete them. When the folder holds this run already finished, the node trains nothing, outputs the "
            + "stored result (attribution shares missing) and warns; raising the epoch count continues that run. "
            + "Key: <tt>checkpoint_folder</tt>.")
    @Persist(configKey = CFG_CHECKPOINT_FOLDER)
    @Migrate(loadDefaultIfAbsent = true)
    String checkpointFolder = "";

    @Override
    public void validate() throws InvalidSettingsException {
        check(TITLE_EPOCHS, epochs, 1, 100_000);
        check(TITLE_STEPS, stepsPerEpoch, 1, 1_000_000);
        check(TITLE_BATCH, batchSize, 1, 4096);
        check(TITLE_PATCH, patchSize, 8, 8192);
        check(TITLE_LEARNING_RATE, learningRate, 1e-12, 10);
        check(TITLE_WEIGHT_DECAY, weightDecay, 0, 0.999);
        check(TITLE_BCE_WEIGHT, bceWeight, 0, 1000);
        check(TITLE_DICE_WEIGHT, diceWeight, 0, 1000);
        check(TITLE_VALIDATION_START, validationStart, VALIDATION_AUTO, 1_000_000);
        check(TITLE_VALIDATION_END, validationEnd, 0, 1_000_000);
        check(TITLE_EARLY_STOPPING, earlyStopping, 0, 100_000);
        check(TITLE_FREEZE, freezeEncoderEpochs, 0, 100_000);
        check(TITLE_SEED, seed, 0, Integer.MAX_VALUE);
        trainingConfig(null);
        if (checkpointFolder != null && !checkpointFolder.isBlank() && !KnimePaths.isUrl(checkpointFolder)) {
            // a knime: URL can only be resolved once the node runs in a workflow
            userCheckpointFolder();
        }
    }

    private static void check(String title, int value, int min, int max) throws InvalidSettingsException {
        if (value < min || value > max) {
            throw new InvalidSettingsException(title + ": " + value + " is outside " + min + " to " + max);
        }
    }

    private static void check(String title, double value, double min, double max) throws InvalidSettingsException {
        if (!(value >= min && value <= max)) {
            throw new InvalidSettingsException(title + ": " + value + " is outside " + min + " to " + max);
        }
    }

    /**
     * The folder set by the user for checkpoints, or null when the setting is empty (a temporary folder owned by
     * the node is used then).
     *
     * @throws InvalidSettingsException naming the setting if the value is not a valid path or local URL
     */
    Path userCheckpointFolder() throws InvalidSettingsException {
        if (checkpointFolder == null || checkpointFolder.isBlank()) {
            return null;
        }
        return KnimePaths.resolve(checkpointFolder, TITLE_CHECKPOINT_FOLDER).toAbsolutePath().normalize();
    }

    DeviceSpec deviceSpec() throws InvalidSettingsException {
        try {
            return DeviceSpec.parse(device);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(TITLE_DEVICE + ": " + e.getMessage(), e);
        }
    }

    /** The explicit validation range {@code [start, end)}, or null for the engine's default (last fifth). */
    int[] validationRange() {
        return validationStart == VALIDATION_AUTO ? null : new int[] {validationStart, validationEnd};
    }

    private AugmentationConfig augmentation() {
        AugmentationConfig base = augmentIntensity ? AugmentationConfig.DEFAULT : AugmentationConfig.NONE;
        return new AugmentationConfig(augmentFlips, augmentFlips, base.gain(), base.offset(), base.gamma(),
                base.affineProbability(), base.maxRotationDegrees(), base.maxScale(), base.maxShear(), augmentZFlip);
    }

    /**
     * The engine's training configuration.
     *
     * @param folder where the trainer keeps its checkpoints; null for none (validation only)
     * @throws InvalidSettingsException naming the setting whose value the engine rejects
     */
    SegmentationTrainingConfig trainingConfig(Path folder) throws InvalidSettingsException {
        SegmentationTrainingConfig.Builder b = SegmentationTrainingConfig.builder()
                .epochs(epochs)
                .stepsPerEpoch(stepsPerEpoch)
                .batchSize(batchSize)
                .patchSize(patchSize)
                .optimizer(optimizer)
                .schedule(schedule)
                .augmentation(augmentation())
                .earlyStoppingPatience(earlyStopping)
                .seed(seed)
                .device(deviceSpec())
                .checkpointFolder(folder);
        engineCheck(TITLE_LEARNING_RATE, () -> b.learningRate(learningRate));
        engineCheck(TITLE_WEIGHT_DECAY, () -> b.weightDecay(weightDecay));
        engineCheck(TITLE_LOSS, () -> b.lossWeights(bceWeight, diceWeight));
        engineCheck(TITLE_FREEZE, () -> b.freezeEncoderEpochs(freezeEncoderEpochs));
        int[] range = validationRange();
        if (range != null) {
            if (range[1] <= range[0]) {
                throw new InvalidSettingsException(TITLE_VALIDATION + ": the range [" + range[0] + ", " + range[1]
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

    private static void engineCheck(String title, Runnable setter) throws InvalidSettingsException {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(title + ": " + e.getMessage(), e);
        }
    }
}
