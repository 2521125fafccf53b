package org.emsym.engine.reproduce;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.TargetRegion;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.train.SegmentationTrainingConfig;

/**
 * Settings of a {@link Reproduction}: the pretrained encoder, the training budget shared by every variant,
 * the symmetrization strategies to compare and how attribution is measured. Build with {@link #builder}.
 *
 * <p>The defaults are the documented CPU budget (see the project README): k = 1, 40 epochs of 12 steps of
 * 4 patches of 256 x 256 (five times the earlier 8 epochs: over five seeds on ISBI each longer budget, 8 to 24 to
 * 40 epochs, raised Dice and cut the seed-to-seed spread of both strategies, the only change among those measured
 * that did, and a model still trains in 8 to 13 minutes on two CPU cores, inside the 15 minutes allowed; see
 * bench/README.md "Training stability"), learning rate 1e-3, seed 1, strategies {@code none} and {@code uniform}, saliency
 * and gradient x input on the whole tile, no z-flip augmentation (it would symmetrize every variant and hide
 * the effect of the initialization), attribution tracked every epoch, evaluation sections predicted with xy-flip
 * test-time augmentation (four passes per tile; over five seeds it raised the Dice of every model, by 0.003 to
 * 0.015, with the same networks scored both ways; see bench/README.md "Training stability").
 */
public final class ReproductionConfig {

    private final Path pretrainedModel;
    private final int context;
    private final SegmentationTrainingConfig training;
    private final List<SymmetrizationStrategy> strategies;
    private final List<AttributionMethod> methods;
    private final TargetRegion region;
    private final boolean trackEpochs;
    private final boolean attribution;
    private final TestTimeAugmentation evaluationAugmentation;

    private ReproductionConfig(Builder b) {
        pretrainedModel = b.pretrainedModel;
        context = b.context;
        training = b.training.build();
        strategies = b.strategies;
        methods = b.methods;
        region = b.region;
        trackEpochs = b.trackEpochs && b.attribution;
        attribution = b.attribution;
        evaluationAugmentation = b.evaluationAugmentation;
    }

    /** @param pretrainedModel the converted nsfwjs MobileNetV2 {@code model.json} (TF.js layers format) */
    public static Builder builder(Path pretrainedModel) {
        return new Builder(pretrainedModel);
    }

    public Path pretrainedModel() {
        return pretrainedModel;
    }

    /** Sections on each side of the centre: windows have 2k+1 channels. */
    public int context() {
        return context;
    }

    public int epochs() {
        return training.epochs();
    }

    public int stepsPerEpoch() {
        return training.stepsPerEpoch();
    }

    public int batchSize() {
        return training.batchSize();
    }

    /** Edge of the square training patches, evaluation tiles and attribution tiles (multiple of 32). */
    public int patchSize() {
        return training.patchHeight();
    }

    public double learningRate() {
        return training.learningRate();
    }

    public long seed() {
        return training.seed();
    }

    /**
     * The training every variant gets, validated on the sections {@code [start, end)} of the training stack (held
     * out from training and apart from the evaluation sections): the budget above on the CPU, no early stopping.
     */
    public SegmentationTrainingConfig training(int validationStart, int validationEnd) {
        return training.toBuilder().validationRange(validationStart, validationEnd).build();
    }

    /** Whether attribution is measured (off: only training and segmentation scores, e.g. to screen settings). */
    public boolean attribution() {
        return attribution;
    }

    public List<SymmetrizationStrategy> strategies() {
        return strategies;
    }

    public List<AttributionMethod> methods() {
        return methods;
    }

    public TargetRegion region() {
        return region;
    }

    public boolean zFlipAugmentation() {
        return training.augmentation().zFlip();
    }

    /** The test-time augmentation the evaluation sections are predicted with (attribution never uses it). */
    public TestTimeAugmentation evaluationAugmentation() {
        return evaluationAugmentation;
    }

    /** Whether the first attribution method is also logged after every epoch on one crop per section. */
    public boolean trackEpochs() {
        return trackEpochs;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "k=%d, %d epochs x %d steps x batch %d, patch %d, lr %.1e, seed %d,"
                + " strategies %s, attribution %s on %s, z-flip augmentation %s, pretrained %s", context, epochs(),
                stepsPerEpoch(), batchSize(), patchSize(), learningRate(), seed(),
                strategies.stream().map(SymmetrizationStrategy::id).toList(), methods, region,
                zFlipAugmentation() ? "on" : "off", pretrainedModel)
                + String.format(Locale.ROOT, "; warm-up %d steps, encoder rate x%s, gradient clip %s, best epoch by %s%s,"
                        + " foreground sampling %s, loss %s BCE + %s Dice, schedule %s; evaluation TTA %s", training.warmupSteps(),
                        training.encoderRateFactor(), training.gradientClipNorm() > 0 ? training.gradientClipNorm() : "off",
                        training.checkpointMetric(), training.restoreBestWeights() ? "" : " (last epoch kept)",
                        training.foregroundSampling(), training.loss().bceWeight(), training.loss().diceWeight(),
                        training.learningRateSchedule().type(), evaluationAugmentation);
    }

    /** Builds a {@link ReproductionConfig}; bad values fail in the setter or in {@link #build()}. */
    public static final class Builder {
        private final Path pretrainedModel;
        private int context = 1;
        private final SegmentationTrainingConfig.Builder training = SegmentationTrainingConfig.builder().epochs(40).stepsPerEpoch(12)
                .batchSize(4).patchSize(256).learningRate(1e-3).seed(1).zFlip(false).earlyStoppingPatience(0)
                .restoreBestWeights(false).device("cpu");
        private List<SymmetrizationStrategy> strategies = List.of(SymmetrizationStrategy.NONE,
                SymmetrizationStrategy.UNIFORM);
        private List<AttributionMethod> methods = List.of(AttributionMethod.SALIENCY,
                AttributionMethod.GRADIENT_X_INPUT);
        private TargetRegion region = TargetRegion.WHOLE_TILE;
        private boolean trackEpochs = true;
        private boolean attribution = true;
        private TestTimeAugmentation evaluationAugmentation = TestTimeAugmentation.XY_FLIPS;

        private Builder(Path pretrainedModel) {
            this.pretrainedModel = Objects.requireNonNull(pretrainedModel, "pretrainedModel");
        }

        public Builder context(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("context k must be >= 1, got " + k);
            }
            context = k;
            return this;
        }

        // the budget setters hand over to SegmentationTrainingConfig, whose build() checks the values

        public Builder epochs(int value) {
            training.epochs(value);
            return this;
        }

        public Builder stepsPerEpoch(int value) {
            training.stepsPerEpoch(value);
            return this;
        }

        public Builder batchSize(int value) {
            training.batchSize(value);
            return this;
        }

        public Builder patchSize(int value) {
            if (value < 32 || value % 32 != 0) {
                throw new IllegalArgumentException("patchSize must be a positive multiple of 32 (U-Net), got " + value);
            }
            training.patchSize(value);
            return this;
        }

        public Builder learningRate(double value) {
            training.learningRate(value);
            return this;
        }

        public Builder seed(long value) {
            training.seed(value);
            return this;
        }

        public Builder strategies(List<SymmetrizationStrategy> value) {
            if (value.isEmpty() || value.stream().distinct().count() != value.size()) {
                throw new IllegalArgumentException("strategies must be distinct and not empty, got " + value);
            }
            strategies = List.copyOf(value);
            return this;
        }

        public Builder methods(List<AttributionMethod> value) {
            if (value.isEmpty() || value.stream().distinct().count() != value.size()) {
                throw new IllegalArgumentException("attribution methods must be distinct and not empty, got " + value);
            }
            methods = List.copyOf(value);
            return this;
        }

        public Builder region(TargetRegion value) {
            region = Objects.requireNonNull(value, "region");
            return this;
        }

        public Builder zFlipAugmentation(boolean value) {
            training.zFlip(value);
            return this;
        }

        public Builder trackEpochs(boolean value) {
            trackEpochs = value;
            return this;
        }

        /** Measures attribution (default) or only trains and scores the segmentation. */
        public Builder attribution(boolean value) {
            attribution = value;
            return this;
        }

        /** Test-time augmentation of the evaluation predictions (default xy flips; scores only, never attribution). */
        public Builder evaluationAugmentation(TestTimeAugmentation value) {
            evaluationAugmentation = Objects.requireNonNull(value, "evaluationAugmentation");
            return this;
        }

        /** Any other training setting (warm-up, rates, clipping, checkpoint metric, sampling, loss weights). */
        public Builder training(java.util.function.Consumer<SegmentationTrainingConfig.Builder> change) {
            change.accept(training);
            return this;
        }

        public ReproductionConfig build() {
            return new ReproductionConfig(this);
        }
    }
}
