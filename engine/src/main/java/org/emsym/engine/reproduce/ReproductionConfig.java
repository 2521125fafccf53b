package org.emsym.engine.reproduce;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.TargetRegion;
import org.emsym.engine.symmetry.SymmetrizationStrategy;

/**
 * Settings of a {@link Reproduction}: the pretrained encoder, the training budget shared by every variant,
 * the symmetrization strategies to compare and how attribution is measured. Build with {@link #builder}.
 *
 * <p>The defaults are the documented CPU budget (see the project README): k = 1, 8 epochs of 12 steps of
 * 4 patches of 256 x 256, learning rate 1e-3, seed 1, strategies {@code none} and {@code uniform}, saliency
 * and gradient x input on the whole tile, no z-flip augmentation (it would symmetrize every variant and hide
 * the effect of the initialization), attribution tracked every epoch.
 */
public final class ReproductionConfig {

    private final Path pretrainedModel;
    private final int context;
    private final int epochs;
    private final int stepsPerEpoch;
    private final int batchSize;
    private final int patchSize;
    private final double learningRate;
    private final long seed;
    private final List<SymmetrizationStrategy> strategies;
    private final List<AttributionMethod> methods;
    private final TargetRegion region;
    private final boolean zFlipAugmentation;
    private final boolean trackEpochs;

    private ReproductionConfig(Builder b) {
        pretrainedModel = b.pretrainedModel;
        context = b.context;
        epochs = b.epochs;
        stepsPerEpoch = b.stepsPerEpoch;
        batchSize = b.batchSize;
        patchSize = b.patchSize;
        learningRate = b.learningRate;
        seed = b.seed;
        strategies = b.strategies;
        methods = b.methods;
        region = b.region;
        zFlipAugmentation = b.zFlipAugmentation;
        trackEpochs = b.trackEpochs;
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
        return epochs;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Edge of the square training patches, evaluation tiles and attribution tiles (multiple of 32). */
    public int patchSize() {
        return patchSize;
    }

    public double learningRate() {
        return learningRate;
    }

    public long seed() {
        return seed;
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
        return zFlipAugmentation;
    }

    /** Whether the first attribution method is also logged after every epoch on one crop per section. */
    public boolean trackEpochs() {
        return trackEpochs;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "k=%d, %d epochs x %d steps x batch %d, patch %d, lr %.1e, seed %d,"
                + " strategies %s, attribution %s on %s, z-flip augmentation %s, pretrained %s", context, epochs,
                stepsPerEpoch, batchSize, patchSize, learningRate, seed,
                strategies.stream().map(SymmetrizationStrategy::id).toList(), methods, region,
                zFlipAugmentation ? "on" : "off", pretrainedModel);
    }

    /** Builds a {@link ReproductionConfig}; every setter checks its value. */
    public static final class Builder {
        private final Path pretrainedModel;
        private int context = 1;
        private int epochs = 8;
        private int stepsPerEpoch = 12;
        private int batchSize = 4;
        private int patchSize = 256;
        private double learningRate = 1e-3;
        private long seed = 1;
        private List<SymmetrizationStrategy> strategies = List.of(SymmetrizationStrategy.NONE,
                SymmetrizationStrategy.UNIFORM);
        private List<AttributionMethod> methods = List.of(AttributionMethod.SALIENCY,
                AttributionMethod.GRADIENT_X_INPUT);
        private TargetRegion region = TargetRegion.WHOLE_TILE;
        private boolean zFlipAugmentation;
        private boolean trackEpochs = true;

        private Builder(Path pretrainedModel) {
            this.pretrainedModel = Objects.requireNonNull(pretrainedModel, "pretrainedModel");
        }

        public Builder context(int k) {
            context = atLeast(k, 1, "context k");
            return this;
        }

        public Builder epochs(int value) {
            epochs = atLeast(value, 1, "epochs");
            return this;
        }

        public Builder stepsPerEpoch(int value) {
            stepsPerEpoch = atLeast(value, 1, "stepsPerEpoch");
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = atLeast(value, 1, "batchSize");
            return this;
        }

        public Builder patchSize(int value) {
            if (value < 32 || value % 32 != 0) {
                throw new IllegalArgumentException("patchSize must be a positive multiple of 32 (U-Net), got " + value);
            }
            patchSize = value;
            return this;
        }

        public Builder learningRate(double value) {
            if (!(value > 0)) {
                throw new IllegalArgumentException("learningRate must be > 0, got " + value);
            }
            learningRate = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
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
            zFlipAugmentation = value;
            return this;
        }

        public Builder trackEpochs(boolean value) {
            trackEpochs = value;
            return this;
        }

        public ReproductionConfig build() {
            return new ReproductionConfig(this);
        }

        private static int atLeast(int value, int min, String name) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
            }
            return value;
        }
    }
}
