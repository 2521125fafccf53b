package org.emsym.engine.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;

/**
 * Attributes a segmentation model's target score to the input sections of many windows and aggregates the
 * per-channel shares into an {@link AsymmetrySummary}: the measurement of how much a model looks at z-1
 * versus z+1.
 *
 * <p>Windows come from {@link #centralCrops} (one fixed crop per section) or {@link #tiles} (a grid of
 * non-overlapping tiles), so large sections are attributed piecewise at the size the model was trained on.
 * The target is summed over the whole tile or over the model's own predicted mask ({@link TargetRegion}).
 *
 * <p>The model is only read: every window runs in its own NDManager scope that temporarily owns the
 * parameters (so nothing computed from them outlives the window), and the parameter gradients the backward
 * passes accumulate are reset to zero afterwards, which is the state {@link org.emsym.engine.train.SegmentationTrainer}
 * keeps between steps. Not thread-safe.
 */
public final class AttributionAudit {

    private final Block model;
    private final AttributionConfig config;
    private final TargetRegion region;
    private final double maskThreshold;
    private final long bootstrapSeed;
    private final Cancellation cancellation;

    private AttributionAudit(Builder b) {
        model = b.model;
        config = b.config;
        region = b.region;
        maskThreshold = b.maskThreshold;
        bootstrapSeed = b.bootstrapSeed;
        cancellation = b.cancellation;
    }

    /** @param model an initialized block mapping (N, 2k+1, H, W) to (N, classes, H, W) */
    public static Builder builder(Block model) {
        return new Builder(model);
    }

    public AttributionConfig config() {
        return config;
    }

    public TargetRegion region() {
        return region;
    }

    /**
     * Attributes every window and summarizes the shares.
     *
     * @param manager a manager of the model's engine and device; nothing stays attached to it afterwards
     * @throws IllegalArgumentException if {@code windows} is empty, the windows differ in channel count, or
     *     every window was skipped for an empty predicted mask
     */
    public AuditResult audit(NDManager manager, List<Window> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no windows to attribute");
        }
        int channels = windows.get(0).channelCount();
        List<ChannelShares> shares = new ArrayList<>();
        int skipped = 0;
        for (Window w : windows) {
            cancellation.check();
            if (w.channelCount() != channels) {
                throw new IllegalArgumentException(w + " has " + w.channelCount() + " channels, the first window "
                        + channels);
            }
            Optional<ChannelShares> s = attribute(manager, w);
            if (s.isPresent()) {
                shares.add(s.get());
            } else {
                skipped++;
            }
        }
        if (shares.isEmpty()) {
            throw new IllegalArgumentException("the model predicts no target pixel (probability > " + maskThreshold
                    + ") in any of the " + windows.size() + " windows; use the whole-tile target region");
        }
        return new AuditResult(shares, AsymmetrySummary.of(shares, bootstrapSeed), skipped);
    }

    /**
     * The channel shares of one window, or empty when the target region is the predicted mask and the model
     * predicts no target pixel in this window.
     */
    public Optional<ChannelShares> attribute(NDManager manager, Window window) {
        try (NDManager scope = manager.newSubManager()) {
            List<Parameter> parameters = new ArrayList<>();
            for (Pair<String, Parameter> p : model.getParameters()) {
                if (!p.getValue().isInitialized()) {
                    throw new IllegalStateException("the model's parameter '" + p.getKey() + "' is not initialized");
                }
                parameters.add(p.getValue());
                scope.tempAttachAll(p.getValue().getArray());
            }
            try {
                float[] mask = null;
                if (region == TargetRegion.PREDICTED_MASK) {
                    mask = predictedMask(scope, window);
                    if (mask == null) {
                        return Optional.empty();
                    }
                }
                AttributionResult result = new GradientAttributor(model, config)
                        .attribute(scope, window.channels(), window.height(), window.width(), mask);
                return Optional.of(result.shares());
            } finally {
                for (Parameter p : parameters) {
                    NDArray array = p.getArray();
                    if (array.hasGradient()) {
                        NDArray gradient = array.getGradient();
                        gradient.subi(gradient);
                    }
                }
            }
        }
    }

    /** 1 where the model's target-class probability exceeds the threshold; null when no pixel does. */
    private float[] predictedMask(NDManager scope, Window window) {
        try (NDManager step = scope.newSubManager()) {
            NDArray input = step.create(window.toChw(), new Shape(1, window.channelCount(), window.height(),
                    window.width()));
            NDArray out = model.forward(new ParameterStore(step, false), new NDList(input), false).singletonOrThrow();
            int classes = (int) out.getShape().get(1);
            if (config.targetClass() >= classes) {
                throw new IllegalArgumentException("target class " + config.targetClass() + " but the model has "
                        + classes + " output classes");
            }
            NDArray p = classes == 1 ? Activation.sigmoid(out) : out.softmax(1);
            float[] probability = p.get(0, config.targetClass()).toFloatArray();
            float[] mask = new float[probability.length];
            boolean any = false;
            for (int i = 0; i < mask.length; i++) {
                if (probability[i] > maskThreshold) {
                    mask[i] = 1;
                    any = true;
                }
            }
            return any ? mask : null;
        }
    }

    /**
     * One {@code height x width} crop from the centre of each listed section's window.
     *
     * @throws IllegalArgumentException if the crop is larger than a section or a centre has no window
     */
    public static List<Window> centralCrops(StackWindower windower, int[] centres, int height, int width) {
        int sectionHeight = windower.volume().shape().height();
        int sectionWidth = windower.volume().shape().width();
        checkFits(windower, height, width);
        List<Window> out = new ArrayList<>();
        for (int z : centres) {
            out.add(windower.window(z, (sectionHeight - height) / 2, (sectionWidth - width) / 2, height, width));
        }
        return out;
    }

    /**
     * A centred grid of non-overlapping {@code height x width} tiles from each listed section's window (as many
     * as fit whole; the margin left over is split evenly on both sides).
     *
     * @throws IllegalArgumentException if a tile is larger than a section or a centre has no window
     */
    public static List<Window> tiles(StackWindower windower, int[] centres, int height, int width) {
        int sectionHeight = windower.volume().shape().height();
        int sectionWidth = windower.volume().shape().width();
        checkFits(windower, height, width);
        int rows = sectionHeight / height;
        int columns = sectionWidth / width;
        int y0 = (sectionHeight - rows * height) / 2;
        int x0 = (sectionWidth - columns * width) / 2;
        List<Window> out = new ArrayList<>();
        for (int z : centres) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    out.add(windower.window(z, y0 + r * height, x0 + c * width, height, width));
                }
            }
        }
        return out;
    }

    private static void checkFits(StackWindower windower, int height, int width) {
        int sectionHeight = windower.volume().shape().height();
        int sectionWidth = windower.volume().shape().width();
        if (height <= 0 || width <= 0 || height > sectionHeight || width > sectionWidth) {
            throw new IllegalArgumentException("attribution tiles of " + height + " x " + width + " do not fit the "
                    + sectionHeight + " x " + sectionWidth + " sections of " + windower.volume().source());
        }
    }

    /** Configures an {@link AttributionAudit}. */
    public static final class Builder {
        private final Block model;
        private AttributionConfig config = AttributionConfig.builder().build();
        private TargetRegion region = TargetRegion.WHOLE_TILE;
        private double maskThreshold = 0.5;
        private long bootstrapSeed = 42;
        private Cancellation cancellation = Cancellation.NEVER;

        private Builder(Block model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Method, score type and target class (default: saliency of the class-0 probability). */
        public Builder config(AttributionConfig value) {
            config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Default {@link TargetRegion#WHOLE_TILE}. */
        public Builder region(TargetRegion value) {
            region = Objects.requireNonNull(value, "region");
            return this;
        }

        /** Probability above which a pixel belongs to the predicted mask (default 0.5). */
        public Builder maskThreshold(double value) {
            if (!(value >= 0 && value < 1)) {
                throw new IllegalArgumentException("mask threshold must be in [0, 1), got " + value);
            }
            maskThreshold = value;
            return this;
        }

        /** Seed of the bootstrap intervals (default 42). */
        public Builder bootstrapSeed(long value) {
            bootstrapSeed = value;
            return this;
        }

        /** Checked before every window. */
        public Builder cancellation(Cancellation value) {
            cancellation = Objects.requireNonNull(value, "cancellation");
            return this;
        }

        public AttributionAudit build() {
            return new AttributionAudit(this);
        }
    }
}
