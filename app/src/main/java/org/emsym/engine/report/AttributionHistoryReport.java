package org.emsym.engine.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.EpochAttribution;
import org.emsym.engine.attribution.Interval;
import org.jfree.chart.JFreeChart;

/**
 * Tables and charts of an attribution history recorded by
 * {@link org.emsym.engine.attribution.AttributionTracker}: the tracker records numbers, this class draws them.
 */
public final class AttributionHistoryReport {

    private AttributionHistoryReport() {
    }

    /**
     * One row per recorded epoch: epoch (1-based, 0 = before training), validation Dice, windows, the mean
     * share of every channel with its 95% interval, and the asymmetry index for d = 1..k with its interval.
     */
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
    public static JFreeChart chart(List<EpochAttribution> history) {
        List<EpochAttribution> trained = history.stream().filter(e -> e.epoch() >= 0).toList();
        if (trained.isEmpty()) {
            throw new IllegalArgumentException("no training epoch recorded");
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

}
