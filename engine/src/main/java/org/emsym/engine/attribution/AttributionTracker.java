package org.emsym.engine.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.emsym.engine.report.Charts;
import org.emsym.engine.report.Table;
import org.emsym.engine.train.EpochListener;
import org.emsym.engine.train.EpochRecord;
import org.emsym.engine.window.Window;
import org.jfree.chart.JFreeChart;

/**
 * Logs the per-channel attribution shares of the model on a fixed set of validation windows after every
 * training epoch, so one sees asymmetry between z-k and z+k appear or vanish while training. Register it with
 * {@link org.emsym.engine.train.Trainer.Builder#epochListener}; call {@link #recordInitial} before training to
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

    /**
     * One row per recorded epoch: epoch (1-based, 0 = before training), validation Dice, windows, the mean
     * share of every channel with its 95% interval, and the asymmetry index for d = 1..k with its interval.
     */
    public Table table() {
        if (history.isEmpty()) {
            throw new IllegalStateException("no epoch recorded yet");
        }
        return table(history);
    }

    /** The {@link #table()} of any recorded history (e.g. one kept in a result). */
    public static Table table(List<EpochAttribution> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no epoch recorded");
        }
        int channels = history.get(0).summary().channelShares().size();
        int k = channels / 2;
        List<String> header = new ArrayList<>(List.of("epoch", "validation Dice", "windows"));
        for (int c = 0; c < channels; c++) {
            String label = AsymmetrySummary.channelLabel(c, k);
            header.addAll(List.of("share " + label, label + " low", label + " high"));
        }
        for (int d = 1; d <= k; d++) {
            header.addAll(List.of("asymmetry d=" + d, "asymmetry d=" + d + " low", "asymmetry d=" + d + " high"));
        }
        Table table = new Table(header);
        for (EpochAttribution e : history) {
            List<Object> row = new ArrayList<>(List.of(e.epoch() + 1, format(e.validationDice()), e.summary().windows()));
            for (Interval i : e.summary().channelShares()) {
                row.addAll(List.of(format(i.mean()), format(i.low()), format(i.high())));
            }
            for (Interval i : e.summary().asymmetryIndices()) {
                row.addAll(List.of(format(i.mean()), format(i.low()), format(i.high())));
            }
            table.add(row.toArray());
        }
        return table;
    }

    /**
     * Mean share of every channel over the trained epochs (x = epoch 1..n; the initial record is left out
     * because the chart's x axis counts epochs from 1).
     */
    public JFreeChart chart() {
        List<EpochAttribution> trained = history.stream().filter(e -> e.epoch() >= 0).toList();
        if (trained.isEmpty()) {
            throw new IllegalStateException("no training epoch recorded yet");
        }
        int channels = trained.get(0).summary().channelShares().size();
        Map<String, double[]> series = new LinkedHashMap<>();
        for (int c = 0; c < channels; c++) {
            double[] v = new double[trained.get(trained.size() - 1).epoch() + 1];
            Arrays.fill(v, Double.NaN);
            for (EpochAttribution e : trained) {
                v[e.epoch()] = e.summary().channelShares().get(c).mean();
            }
            series.put(AsymmetrySummary.channelLabel(c, channels / 2), v);
        }
        return Charts.curves("Attribution share per input section during training", "attribution share", series);
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
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
