package org.emsym.engine.attribution;

import java.util.Objects;

/** Settings of one attribution run; build with {@link #builder()}. Immutable. */
public final class AttributionConfig {

    private final AttributionMethod method;
    private final int steps;
    private final BaselineKind baseline;
    private final double baselineValue;
    private final double blurSigma;
    private final int smoothGradSamples;
    private final double smoothGradSigma;
    private final int batchSize;
    private final int targetClass;
    private final ScoreType scoreType;
    private final long seed;

    private AttributionConfig(Builder b) {
        this.method = b.method;
        this.steps = b.steps;
        this.baseline = b.baseline;
        this.baselineValue = b.baselineValue;
        this.blurSigma = b.blurSigma;
        this.smoothGradSamples = b.smoothGradSamples;
        this.smoothGradSigma = b.smoothGradSigma;
        this.batchSize = b.batchSize;
        this.targetClass = b.targetClass;
        this.scoreType = b.scoreType;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public AttributionMethod method() {
        return method;
    }

    /** Integration steps of integrated gradients. */
    public int steps() {
        return steps;
    }

    public BaselineKind baseline() {
        return baseline;
    }

    /** Constant of the {@link BaselineKind#VOLUME_MEAN} baseline; NaN means "the window's own mean". */
    public double baselineValue() {
        return baselineValue;
    }

    public double blurSigma() {
        return blurSigma;
    }

    /** SmoothGrad noise samples per input; 0 disables SmoothGrad. */
    public int smoothGradSamples() {
        return smoothGradSamples;
    }

    /** SmoothGrad noise standard deviation, in input units. */
    public double smoothGradSigma() {
        return smoothGradSigma;
    }

    /** Inputs per forward/backward pass (IG steps and SmoothGrad samples are batched). */
    public int batchSize() {
        return batchSize;
    }

    public int targetClass() {
        return targetClass;
    }

    public ScoreType scoreType() {
        return scoreType;
    }

    public long seed() {
        return seed;
    }

    /** Builder with defaults: saliency, 32 IG steps, zero baseline, batch 8, class 0, probability target. */
    public static final class Builder {
        private AttributionMethod method = AttributionMethod.SALIENCY;
        private int steps = 32;
        private BaselineKind baseline = BaselineKind.ZEROS;
        private double baselineValue = Double.NaN;
        private double blurSigma = 4;
        private int smoothGradSamples;
        private double smoothGradSigma = 0.1;
        private int batchSize = 8;
        private int targetClass;
        private ScoreType scoreType = ScoreType.PROBABILITY;
        private long seed = 42;

        public Builder method(AttributionMethod m) {
            this.method = Objects.requireNonNull(m, "method");
            return this;
        }

        public Builder steps(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("integrated-gradients steps must be >= 1, got " + n);
            }
            this.steps = n;
            return this;
        }

        public Builder baseline(BaselineKind kind) {
            this.baseline = Objects.requireNonNull(kind, "baseline");
            return this;
        }

        public Builder baselineValue(double value) {
            this.baselineValue = value;
            return this;
        }

        public Builder blurSigma(double sigma) {
            if (!(sigma > 0)) {
                throw new IllegalArgumentException("blur sigma must be > 0, got " + sigma);
            }
            this.blurSigma = sigma;
            return this;
        }

        public Builder smoothGrad(int samples, double sigma) {
            if (samples < 0 || !(sigma >= 0)) {
                throw new IllegalArgumentException("SmoothGrad samples must be >= 0 and sigma >= 0, got "
                        + samples + " and " + sigma);
            }
            this.smoothGradSamples = samples;
            this.smoothGradSigma = sigma;
            return this;
        }

        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("attribution batch size must be >= 1, got " + n);
            }
            this.batchSize = n;
            return this;
        }

        public Builder targetClass(int c) {
            if (c < 0) {
                throw new IllegalArgumentException("target class must be >= 0, got " + c);
            }
            this.targetClass = c;
            return this;
        }

        public Builder scoreType(ScoreType type) {
            this.scoreType = Objects.requireNonNull(type, "scoreType");
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public AttributionConfig build() {
            return new AttributionConfig(this);
        }
    }
}
