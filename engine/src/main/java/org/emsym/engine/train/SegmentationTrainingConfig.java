package org.emsym.engine.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.emsym.engine.model.DeviceSpec;
import org.emsym.engine.window.StackWindower;

/**
 * Immutable settings of a training run; build with {@link #builder()}. Every setting has a default that
 * suits a short CPU run; {@link Builder#build()} checks all of them and names the one at fault.
 */
public final class SegmentationTrainingConfig {

    // The defaults, in one place: the builder, `emsym train` (picocli needs constants) and the Learner node use them.
    /**
     * 40 epochs of 50 steps of 4 patches of 128 x 128: 131 M training pixels, the budget `bench/reproduce` trains
     * with by default (40 x 12 x 4 at 256 x 256 = 126 M). On ISBI 2012 over five seeds the longer budget was the one
     * change that raised Dice and narrowed the seed-to-seed spread of both first-layer strategies (8 to 24 to 40
     * epochs; bench/README.md, "Training stability"); the earlier default of 20 epochs matched the 24-epoch budget.
     */
    public static final int DEFAULT_EPOCHS = 40;
    public static final int DEFAULT_STEPS_PER_EPOCH = 50;
    public static final int DEFAULT_BATCH_SIZE = 4;
    /** Edge of the square default patch in pixels. */
    public static final int DEFAULT_PATCH_SIZE = 128;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final double DEFAULT_WEIGHT_DECAY = 1e-4;
    public static final OptimizerType DEFAULT_OPTIMIZER = OptimizerType.ADAMW;
    public static final ScheduleType DEFAULT_SCHEDULE = ScheduleType.COSINE;
    public static final double DEFAULT_BCE_WEIGHT = 0.5;
    public static final double DEFAULT_DICE_WEIGHT = 0.5;
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;
    public static final int DEFAULT_EARLY_STOPPING_PATIENCE = 10;
    public static final int DEFAULT_FREEZE_ENCODER_EPOCHS = 0;
    public static final long DEFAULT_SEED = 42;
    /** Whether the default augmentation ({@link AugmentationConfig#DEFAULT}) includes the z-flip. */
    public static final boolean DEFAULT_Z_FLIP = AugmentationConfig.DEFAULT_Z_FLIP;
    public static final int DEFAULT_WARMUP_STEPS = 0;
    public static final double DEFAULT_ENCODER_RATE_FACTOR = 1.0;
    public static final double DEFAULT_GRADIENT_CLIP_NORM = 0;
    public static final CheckpointMetric DEFAULT_CHECKPOINT_METRIC = CheckpointMetric.VALIDATION_LOSS;

    private final int epochs;
    private final int stepsPerEpoch;
    private final int batchSize;
    private final int patchHeight;
    private final int patchWidth;
    private final double learningRate;
    private final double weightDecay;
    private final OptimizerType optimizer;
    private final ScheduleType schedule;
    private final int decayEveryEpochs;
    private final double decayFactor;
    private final double minRateFraction;
    private final double bceWeight;
    private final double diceWeight;
    private final AugmentationConfig augmentation;
    private final double validationFraction;
    private final int validationStart;
    private final int validationEnd;
    private final int earlyStoppingPatience;
    private final int freezeEncoderEpochs;
    private final long seed;
    private final DeviceSpec device;
    private final Path checkpointFolder;
    private final ModelIdentity model;
    private final boolean restoreBestWeights;
    private final double foregroundSampling;
    private final int warmupSteps;
    private final double encoderRateFactor;
    private final double gradientClipNorm;
    private final CheckpointMetric checkpointMetric;

    private SegmentationTrainingConfig(Builder b) {
        epochs = b.epochs;
        stepsPerEpoch = b.stepsPerEpoch;
        batchSize = b.batchSize;
        patchHeight = b.patchHeight;
        patchWidth = b.patchWidth;
        learningRate = b.learningRate;
        weightDecay = b.weightDecay;
        optimizer = b.optimizer;
        schedule = b.schedule;
        decayEveryEpochs = b.decayEveryEpochs;
        decayFactor = b.decayFactor;
        minRateFraction = b.minRateFraction;
        bceWeight = b.bceWeight;
        diceWeight = b.diceWeight;
        augmentation = b.augmentation;
        validationFraction = b.validationFraction;
        validationStart = b.validationStart;
        validationEnd = b.validationEnd;
        earlyStoppingPatience = b.earlyStoppingPatience;
        freezeEncoderEpochs = b.freezeEncoderEpochs;
        seed = b.seed;
        device = b.device;
        checkpointFolder = b.checkpointFolder;
        model = b.model;
        restoreBestWeights = b.restoreBestWeights;
        foregroundSampling = b.foregroundSampling;
        warmupSteps = b.warmupSteps;
        encoderRateFactor = b.encoderRateFactor;
        gradientClipNorm = b.gradientClipNorm;
        checkpointMetric = b.checkpointMetric;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration with every default (no checkpoint folder). */
    public static SegmentationTrainingConfig defaults() {
        return builder().build();
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.stepsPerEpoch = stepsPerEpoch;
        b.batchSize = batchSize;
        b.patchHeight = patchHeight;
        b.patchWidth = patchWidth;
        b.learningRate = learningRate;
        b.weightDecay = weightDecay;
        b.optimizer = optimizer;
        b.schedule = schedule;
        b.decayEveryEpochs = decayEveryEpochs;
        b.decayFactor = decayFactor;
        b.minRateFraction = minRateFraction;
        b.bceWeight = bceWeight;
        b.diceWeight = diceWeight;
        b.augmentation = augmentation;
        b.validationFraction = validationFraction;
        b.validationStart = validationStart;
        b.validationEnd = validationEnd;
        b.earlyStoppingPatience = earlyStoppingPatience;
        b.freezeEncoderEpochs = freezeEncoderEpochs;
        b.seed = seed;
        b.device = device;
        b.checkpointFolder = checkpointFolder;
        b.model = model;
        b.restoreBestWeights = restoreBestWeights;
        b.foregroundSampling = foregroundSampling;
        b.warmupSteps = warmupSteps;
        b.encoderRateFactor = encoderRateFactor;
        b.gradientClipNorm = gradientClipNorm;
        b.checkpointMetric = checkpointMetric;
        return b;
    }

    public int epochs() {
        return epochs;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public int batchSize() {
        return batchSize;
    }

    public int patchHeight() {
        return patchHeight;
    }

    public int patchWidth() {
        return patchWidth;
    }

    public double learningRate() {
        return learningRate;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public OptimizerType optimizer() {
        return optimizer;
    }

    public ScheduleType schedule() {
        return schedule;
    }

    /** The learning rate per global step that these settings define. */
    public LearningRateSchedule learningRateSchedule() {
        return new LearningRateSchedule(schedule, learningRate, stepsPerEpoch, epochs, decayEveryEpochs, decayFactor,
                minRateFraction, warmupSteps);
    }

    /** Steps of linear learning-rate warm-up at the start of the run (0 = none). */
    public int warmupSteps() {
        return warmupSteps;
    }

    /**
     * Factor on the learning rate of the encoder's parameters (1 = the decoder's rate): a pretrained encoder
     * usually wants a smaller rate than a freshly initialized decoder ("discriminative" rates).
     */
    public double encoderRateFactor() {
        return encoderRateFactor;
    }

    /** Largest global L2 norm of all gradients of a step; larger gradients are scaled down to it (0 = off). */
    public double gradientClipNorm() {
        return gradientClipNorm;
    }

    /** What selects the best epoch (and, with {@link #restoreBestWeights()}, the weights training ends with). */
    public CheckpointMetric checkpointMetric() {
        return checkpointMetric;
    }

    public SegmentationLoss loss() {
        return new SegmentationLoss(bceWeight, diceWeight);
    }

    public AugmentationConfig augmentation() {
        return augmentation;
    }

    /** Fraction of the sections at the end of the stack used for validation when no range is given. */
    public double validationFraction() {
        return validationFraction;
    }

    /** The training/validation split this configuration makes of a stack's windows. */
    public ValidationSplit validationSplit(StackWindower windower) {
        return validationRange().map(r -> ValidationSplit.of(windower, r[0], r[1]))
                .orElseGet(() -> ValidationSplit.lastFraction(windower, validationFraction()));
    }

    /** The explicit validation range {@code [start, end)} of centre sections, if one was set. */
    public Optional<int[]> validationRange() {
        return validationStart < 0 ? Optional.empty() : Optional.of(new int[] {validationStart, validationEnd});
    }

    /** Epochs without a lower validation loss before training stops; 0 disables early stopping. */
    public int earlyStoppingPatience() {
        return earlyStoppingPatience;
    }

    /** Number of first epochs in which encoder parameters are not updated. */
    public int freezeEncoderEpochs() {
        return freezeEncoderEpochs;
    }

    public long seed() {
        return seed;
    }

    public DeviceSpec device() {
        return device;
    }

    /** Folder for {@code last} and {@code best} checkpoints; empty when the run keeps none. */
    public Optional<Path> checkpointFolder() {
        return Optional.ofNullable(checkpointFolder);
    }

    /**
     * The network and starting weights being trained, recorded in checkpoints and compared on resume; empty
     * when not given (then a resume checks only {@link #resumeFingerprint()}).
     */
    public Optional<ModelIdentity> model() {
        return Optional.ofNullable(model);
    }

    /** Whether the model holds the best (lowest validation loss) weights when training ends. */
    public boolean restoreBestWeights() {
        return restoreBestWeights;
    }

    /** Probability that a training patch is centred on a positive pixel; 0 samples uniformly. */
    public double foregroundSampling() {
        return foregroundSampling;
    }

    /**
     * The settings that must not change between a run and its resumption (all but the epoch count,
     * early-stopping patience, device and checkpoint folder), as text stored in checkpoints.
     */
    public String resumeFingerprint() {
        return "stepsPerEpoch=" + stepsPerEpoch + ", batchSize=" + batchSize + ", patch=" + patchHeight + "x"
                + patchWidth + ", learningRate=" + learningRate + ", weightDecay=" + weightDecay + ", optimizer="
                + optimizer + ", schedule=" + schedule + "(" + decayEveryEpochs + ", " + decayFactor + ", "
                + minRateFraction + "), loss=(" + bceWeight + ", " + diceWeight + "), augmentation=" + augmentation
                + ", validation=" + validationRange().map(r -> r[0] + ".." + r[1]).orElse("last " + validationFraction)
                + ", freezeEncoderEpochs=" + freezeEncoderEpochs + ", foregroundSampling=" + foregroundSampling
                + ", warmupSteps=" + warmupSteps + ", encoderRateFactor=" + encoderRateFactor + ", gradientClipNorm="
                + gradientClipNorm + ", checkpointMetric=" + checkpointMetric + ", seed=" + seed;
    }

    @Override
    public String toString() {
        return "SegmentationTrainingConfig[epochs=" + epochs + ", " + resumeFingerprint() + ", earlyStoppingPatience="
                + earlyStoppingPatience + ", device=" + device + ", checkpointFolder=" + checkpointFolder
                + ", restoreBestWeights=" + restoreBestWeights + "]";
    }

    /** Builder with defaults suited to a short CPU run. */
    public static final class Builder {
        private int epochs = DEFAULT_EPOCHS;
        private int stepsPerEpoch = DEFAULT_STEPS_PER_EPOCH;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int patchHeight = DEFAULT_PATCH_SIZE;
        private int patchWidth = DEFAULT_PATCH_SIZE;
        private double learningRate = DEFAULT_LEARNING_RATE;
        private double weightDecay = DEFAULT_WEIGHT_DECAY;
        private OptimizerType optimizer = DEFAULT_OPTIMIZER;
        private ScheduleType schedule = DEFAULT_SCHEDULE;
        private int decayEveryEpochs = 10;
        private double decayFactor = 0.1;
        private double minRateFraction = 0.01;
        private double bceWeight = DEFAULT_BCE_WEIGHT;
        private double diceWeight = DEFAULT_DICE_WEIGHT;
        private AugmentationConfig augmentation = AugmentationConfig.DEFAULT;
        private double validationFraction = DEFAULT_VALIDATION_FRACTION;
        private int validationStart = -1;
        private int validationEnd = -1;
        private int earlyStoppingPatience = DEFAULT_EARLY_STOPPING_PATIENCE;
        private int freezeEncoderEpochs = DEFAULT_FREEZE_ENCODER_EPOCHS;
        private long seed = DEFAULT_SEED;
        private DeviceSpec device = DeviceSpec.AUTO;
        private Path checkpointFolder;
        private ModelIdentity model;
        private boolean restoreBestWeights = true;
        private double foregroundSampling;
        private int warmupSteps = DEFAULT_WARMUP_STEPS;
        private double encoderRateFactor = DEFAULT_ENCODER_RATE_FACTOR;
        private double gradientClipNorm = DEFAULT_GRADIENT_CLIP_NORM;
        private CheckpointMetric checkpointMetric = DEFAULT_CHECKPOINT_METRIC;

        private Builder() {
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder stepsPerEpoch(int value) {
            stepsPerEpoch = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** Square patches of {@code size x size}. */
        public Builder patchSize(int size) {
            return patchSize(size, size);
        }

        public Builder patchSize(int height, int width) {
            patchHeight = height;
            patchWidth = width;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        public Builder optimizer(OptimizerType value) {
            optimizer = Objects.requireNonNull(value, "optimizer");
            return this;
        }

        public Builder schedule(ScheduleType value) {
            schedule = Objects.requireNonNull(value, "schedule");
            return this;
        }

        /** Parameters of {@link ScheduleType#STEP}: multiply by {@code factor} every {@code everyEpochs}. */
        public Builder stepDecay(int everyEpochs, double factor) {
            decayEveryEpochs = everyEpochs;
            decayFactor = factor;
            return this;
        }

        /** End of the {@link ScheduleType#COSINE} curve as a fraction of the base rate. */
        public Builder minRateFraction(double value) {
            minRateFraction = value;
            return this;
        }

        public Builder lossWeights(double bce, double dice) {
            bceWeight = bce;
            diceWeight = dice;
            return this;
        }

        public Builder augmentation(AugmentationConfig value) {
            augmentation = Objects.requireNonNull(value, "augmentation");
            return this;
        }

        /** Toggles the z-flip (channel reversal) augmentation, keeping the other augmentation settings. */
        public Builder zFlip(boolean enabled) {
            augmentation = augmentation.withZFlip(enabled);
            return this;
        }

        /** Validation on the last {@code fraction} of the sections (default 0.2). */
        public Builder validationFraction(double fraction) {
            validationFraction = fraction;
            validationStart = -1;
            validationEnd = -1;
            return this;
        }

        /** Validation on the window centres {@code [start, end)}. */
        public Builder validationRange(int start, int end) {
            if (start < 0) {
                throw new IllegalArgumentException("validationRange start must be >= 0, got " + start);
            }
            validationStart = start;
            validationEnd = end;
            return this;
        }

        public Builder earlyStoppingPatience(int epochsWithoutImprovement) {
            earlyStoppingPatience = epochsWithoutImprovement;
            return this;
        }

        public Builder freezeEncoderEpochs(int value) {
            freezeEncoderEpochs = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder device(String value) {
            device = DeviceSpec.parse(value);
            return this;
        }

        public Builder device(DeviceSpec value) {
            device = Objects.requireNonNull(value, "device");
            return this;
        }

        /** Where {@code last} and {@code best} checkpoints go; {@code null} keeps none. */
        public Builder checkpointFolder(Path value) {
            checkpointFolder = value;
            return this;
        }

        /** The network and starting weights being trained ({@link SegmentationTrainingConfig#model()}); {@code null} for none. */
        public Builder model(ModelIdentity value) {
            model = value;
            return this;
        }

        public Builder restoreBestWeights(boolean value) {
            restoreBestWeights = value;
            return this;
        }

        /** Probability that a training patch is centred on a positive pixel (default 0: uniform sampling). */
        public Builder foregroundSampling(double probability) {
            foregroundSampling = probability;
            return this;
        }

        /** Steps of linear learning-rate warm-up (0 = none). */
        public Builder warmupSteps(int value) {
            warmupSteps = value;
            return this;
        }

        /** Factor on the encoder's learning rate (usually in (0, 1]); 1 trains encoder and decoder alike. */
        public Builder encoderRateFactor(double value) {
            encoderRateFactor = value;
            return this;
        }

        /** Largest global gradient L2 norm (0 = no clipping). */
        public Builder gradientClipNorm(double value) {
            gradientClipNorm = value;
            return this;
        }

        public Builder checkpointMetric(CheckpointMetric value) {
            checkpointMetric = Objects.requireNonNull(value, "checkpointMetric");
            return this;
        }

        public SegmentationTrainingConfig build() {
            positive("epochs", epochs);
            positive("stepsPerEpoch", stepsPerEpoch);
            positive("batchSize", batchSize);
            positive("patchHeight", patchHeight);
            positive("patchWidth", patchWidth);
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
            }
            if (!(weightDecay >= 0 && weightDecay < 1)) {
                throw new IllegalArgumentException("weightDecay must lie in [0, 1), got " + weightDecay);
            }
            positive("decayEveryEpochs", decayEveryEpochs);
            if (!(decayFactor > 0 && decayFactor <= 1)) {
                throw new IllegalArgumentException("decayFactor must lie in (0, 1], got " + decayFactor);
            }
            if (!(minRateFraction >= 0 && minRateFraction <= 1)) {
                throw new IllegalArgumentException("minRateFraction must lie in [0, 1], got " + minRateFraction);
            }
            new SegmentationLoss(bceWeight, diceWeight);
            if (validationStart < 0 && !(validationFraction > 0 && validationFraction < 1)) {
                throw new IllegalArgumentException("validationFraction must lie in (0, 1), got " + validationFraction);
            }
            if (validationStart >= 0 && validationEnd <= validationStart) {
                throw new IllegalArgumentException("validationRange [" + validationStart + ", " + validationEnd
                        + ") is empty");
            }
            if (earlyStoppingPatience < 0) {
                throw new IllegalArgumentException("earlyStoppingPatience must be >= 0 (0 = off), got "
                        + earlyStoppingPatience);
            }
            if (freezeEncoderEpochs < 0) {
                throw new IllegalArgumentException("freezeEncoderEpochs must be >= 0, got " + freezeEncoderEpochs);
            }
            if (!(foregroundSampling >= 0 && foregroundSampling <= 1)) {
                throw new IllegalArgumentException("foregroundSampling must lie in [0, 1], got " + foregroundSampling);
            }
            if (warmupSteps < 0) {
                throw new IllegalArgumentException("warmupSteps must be >= 0 (0 = none), got " + warmupSteps);
            }
            if (!(encoderRateFactor > 0) || Double.isInfinite(encoderRateFactor)) {
                throw new IllegalArgumentException("encoderRateFactor must be a positive number, got "
                        + encoderRateFactor);
            }
            if (!(gradientClipNorm >= 0) || Double.isInfinite(gradientClipNorm)) {
                throw new IllegalArgumentException("gradientClipNorm must be >= 0 (0 = off), got " + gradientClipNorm);
            }
            return new SegmentationTrainingConfig(this);
        }

        private static void positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
        }
    }
}
