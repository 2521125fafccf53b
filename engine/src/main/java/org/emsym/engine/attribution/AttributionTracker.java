package org.emsym.engine.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emsym.engine.train.EpochListener;
import org.emsym.engine.train.EpochRecord;
import org.emsym.engine.window.Window;

/**
 * Logs the per-channel attribution shares of the model on a fixed set of validation windows after every
 * training epoch, so one sees asymmetry between z-k and z+k appear or vanish while training. Register it with
 * {@link org.emsym.engine.train.SegmentationTrainer.Builder#epochListener}; call {@link #recordInitial} before training to
 * add the pretrained-only starting point.
 *
 * <p>Each epoch costs one {@link AttributionAudit} over the windows (one backward pass per window for
 * saliency), run in a manager of its own on the model's device; the weights are not changed.
 */
public final class AttributionTracker implements EpochListener {

    private static final System.Logger LOG = System.getLogger(AttributionTracker.class.getName());

    private final List<Window> windows;
    private final AttributionConfig config;
    private final TargetRegion region;
    private final long bootstrapSeed;
    private final List<EpochAttribution> history = new ArrayList<>();

    private AttributionTracker(Builder b) {
        windows = b.windows;
        config = b.config;
        region = b.region;
        bootstrapSeed = b.bootstrapSeed;
    }

    /** @param windows the fixed validation windows, all with the same channel count */
    public static Builder builder(List<Window> windows) {
        return new Builder(windows);
    }

    public List<Window> windows() {
        return windows;
    }

    /** Attributes the model before training; recorded as epoch -1. */
    public EpochAttribution recordInitial(Block model) {
        return record(model, -1, Double.NaN);
    }

    @Override
    public void epochFinished(Block model, int epoch, EpochRecord record) {
        record(model, epoch, record.validationDice());
    }

    private EpochAttribution record(Block model, int epoch, double dice) {
        AttributionAudit audit = AttributionAudit.builder(model).config(config).region(region)
                .bootstrapSeed(bootstrapSeed).build();
        NDArray any = firstParameter(model);
        try (NDManager manager = NDManager.newBaseManager(any.getDevice(), any.getManager().getEngine().getEngineName())) {
            EpochAttribution e = new EpochAttribution(epoch, dice, audit.audit(manager, windows));
            history.add(e);
            LOG.log(System.Logger.Level.INFO, () -> (epoch < 0 ? "before training" : "epoch " + (epoch + 1))
                    + ": " + e.summary().toText().strip());
            return e;
        }
    }

    private static NDArray firstParameter(Block model) {
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (p.getValue().isInitialized()) {
                return p.getValue().getArray();
            }
        }
        throw new IllegalStateException("the model has no initialized parameter to attribute with");
    }

    /** The recorded epochs in order (the initial record first, when there is one). */
    public List<EpochAttribution> history() {
        return List.copyOf(history);
    }

    /** Configures an {@link AttributionTracker}. */
    public static final class Builder {
        private final List<Window> windows;
        private AttributionConfig config = AttributionConfig.builder().build();
        private TargetRegion region = TargetRegion.WHOLE_TILE;
        private long bootstrapSeed = 42;

        private Builder(List<Window> windows) {
            Objects.requireNonNull(windows, "windows");
            if (windows.isEmpty()) {
                throw new IllegalArgumentException("the attribution tracker needs at least one validation window");
            }
            this.windows = List.copyOf(windows);
        }

        /** Attribution method and target (default: saliency of the class-0 probability). */
        public Builder config(AttributionConfig value) {
            config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Default {@link TargetRegion#WHOLE_TILE}. */
        public Builder region(TargetRegion value) {
            region = Objects.requireNonNull(value, "region");
            return this;
        }

        public Builder bootstrapSeed(long value) {
            bootstrapSeed = value;
            return this;
        }

        public AttributionTracker build() {
            return new AttributionTracker(this);
        }
    }
}
