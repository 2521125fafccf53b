package org.emsym.engine.symmetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What symmetrization did to one layer: per-input-channel L1/L2 norms of the kernel before (the source,
 * e.g. the 3 RGB channels) and after (the 2k+1 window channels), and the symmetry error
 * ||W - flip_in(W)|| / ||W|| before and after.
 */
public record SymmetryReport(String layer, SymmetrizationStrategy strategy, double[] l1Before, double[] l2Before,
        double[] l1After, double[] l2After, double symmetryErrorBefore, double symmetryErrorAfter) {

    public SymmetryReport {
        l1Before = l1Before.clone();
        l2Before = l2Before.clone();
        l1After = l1After.clone();
        l2After = l2After.clone();
    }

    /** One table row per channel: layer, strategy, stage ("before"/"after"), channel, L1, L2. */
    public record Row(String layer, String strategy, String stage, int channel, double l1, double l2) {
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < l1Before.length; i++) {
            rows.add(new Row(layer, strategy.id(), "before", i, l1Before[i], l2Before[i]));
        }
        for (int i = 0; i < l1After.length; i++) {
            rows.add(new Row(layer, strategy.id(), "after", i, l1After[i], l2After[i]));
        }
        return rows;
    }

    /** One line for logs and metadata. */
    public String summary() {
        return String.format(Locale.ROOT, "%s on %s: %d -> %d channels, symmetry error %.6g -> %.6g", strategy.id(), layer,
                l1Before.length, l1After.length, symmetryErrorBefore, symmetryErrorAfter);
    }

    /** A plain-text table for the command line. */
    public String toText() {
        StringBuilder sb = new StringBuilder(summary()).append('\n');
        sb.append(String.format(Locale.ROOT, "%-7s %7s %14s %14s%n", "stage", "channel", "L1", "L2"));
        for (Row r : rows()) {
            sb.append(String.format(Locale.ROOT, "%-7s %7d %14.6f %14.6f%n", r.stage(), r.channel(), r.l1(), r.l2()));
        }
        return sb.toString();
    }
}
