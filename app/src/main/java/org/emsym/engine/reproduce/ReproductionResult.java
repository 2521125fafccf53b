package org.emsym.engine.reproduce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.AuditResult;
import org.emsym.engine.attribution.Interval;
import org.emsym.engine.report.AttributionHistoryReport;
import org.emsym.engine.report.Charts;
import org.emsym.engine.report.Table;
import org.emsym.engine.util.AtomicFiles;
import org.jfree.chart.JFreeChart;

/**
 * The figures of a {@link Reproduction}: one {@link VariantResult} per strategy and training state, as tables
 * and charts.
 *
 * @param data description of the stack
 * @param config the settings used
 * @param tiles attribution tiles per network
 * @param variants pretrained-only and trained result of every strategy, in run order
 * @param seconds wall-clock time of the whole run
 */
public record ReproductionResult(String data, ReproductionConfig config, int tiles, List<VariantResult> variants,
        double seconds) {

    /** File names written by {@link #write}. */
    public static final String CSV = "results.csv";
    public static final String MARKDOWN = "results.md";

    public ReproductionResult {
        variants = List.copyOf(variants);
    }

    /**
     * One row per network and attribution method: Dice, IoU, then for every channel the mean share with its
     * 95% interval, then for every distance d the ratio A(z-d)/A(z+d) and the asymmetry index, each with its
     * interval; numbers in separate columns (for CSV).
     */
    public Table table() {
        int channels = 2 * config.context() + 1;
        int k = config.context();
        List<String> header = new ArrayList<>(List.of("strategy", "trained", "Dice", "IoU", "method", "windows"));
        for (int c = 0; c < channels; c++) {
            String l = AsymmetrySummary.channelLabel(c, k);
            header.addAll(List.of("share " + l, "share " + l + " low", "share " + l + " high"));
        }
        for (int d = 1; d <= k; d++) {
            header.addAll(List.of("ratio d=" + d, "ratio d=" + d + " low", "ratio d=" + d + " high"));
            header.addAll(List.of("asymmetry d=" + d, "asymmetry d=" + d + " low", "asymmetry d=" + d + " high"));
        }
        Table t = new Table(header);
        for (VariantResult v : variants) {
            for (AttributionMethod m : config.methods()) {
                AsymmetrySummary s = v.attribution().get(m).summary();
                List<Object> row = new ArrayList<>(List.of(v.strategy().id(), v.trained(), f(v.evaluation().dice()),
                        f(v.evaluation().iou()), m.name().toLowerCase(Locale.ROOT), s.windows()));
                s.channelShares().forEach(i -> row.addAll(List.of(f(i.mean()), f(i.low()), f(i.high()))));
                for (int d = 0; d < k; d++) {
                    Interval r = s.ratios().get(d);
                    Interval a = s.asymmetryIndices().get(d);
                    row.addAll(List.of(f(r.mean()), f(r.low()), f(r.high()), f(a.mean()), f(a.low()), f(a.high())));
                }
                t.add(row.toArray());
            }
        }
        return t;
    }

    /** The same rows with "mean [low, high]" cells, compact enough to read (for Markdown). */
    public Table compactTable() {
        int channels = 2 * config.context() + 1;
        int k = config.context();
        List<String> header = new ArrayList<>(List.of("network", "Dice", "IoU", "method"));
        for (int c = 0; c < channels; c++) {
            header.add("share " + AsymmetrySummary.channelLabel(c, k));
        }
        for (int d = 1; d <= k; d++) {
            header.add("A(z-" + d + ")/A(z+" + d + ")");
            header.add("asymmetry d=" + d);
        }
        Table t = new Table(header);
        for (VariantResult v : variants) {
            for (AttributionMethod m : config.methods()) {
                AsymmetrySummary s = v.attribution().get(m).summary();
                List<Object> row = new ArrayList<>(List.of(v.label(), f(v.evaluation().dice()),
                        f(v.evaluation().iou()), m.name().toLowerCase(Locale.ROOT)));
                s.channelShares().forEach(row::add);
                for (int d = 0; d < k; d++) {
                    row.add(s.ratios().get(d));
                    row.add(s.asymmetryIndices().get(d));
                }
                t.add(row.toArray());
            }
        }
        return t;
    }

    /**
     * One row per network: segmentation scores on the evaluation sections at 0.5 and at the threshold chosen on
     * the validation sections (Dice, IoU), the ISBI 2012 measures at that threshold, and the training time.
     */
    public Table scoresTable() {
        Table t = new Table("seed", "network", "Dice 0.5", "IoU 0.5", "threshold", "Dice at threshold",
                "IoU at threshold", "adapted Rand error", "VOI", "training s", "Dice 0.5 per section");
        for (VariantResult v : variants) {
            EvaluationScores e = v.scores();
            t.add(config.seed(), v.label(), f(e.atHalf().dice()), f(e.atHalf().iou()), String.format(Locale.ROOT,
                    "%.2f", e.threshold()), f(e.atThreshold().dice()), f(e.atThreshold().iou()), f(e.randError()),
                    f(e.voi()), String.format(Locale.ROOT, "%.0f", v.trainingSeconds()), e.sectionSummary());
        }
        return t;
    }

    /** Grouped bars of the shares of every network for one method. */
    public JFreeChart shareChart(AttributionMethod method) {
        Map<String, AsymmetrySummary> series = new LinkedHashMap<>();
        for (VariantResult v : variants) {
            AuditResult a = v.attribution().get(method);
            if (a == null) {
                throw new IllegalArgumentException("no " + method + " attribution was measured; configured: "
                        + config.methods());
            }
            series.put(v.label(), a.summary());
        }
        return Charts.shareBars("Attribution shares per input section (" + method.name().toLowerCase(Locale.ROOT)
                + ", " + tiles + " tiles, 95% CI)", series);
    }

    /**
     * Writes {@value #CSV}, {@value #MARKDOWN}, {@code shares-<method>.png} per method and, for trained
     * variants with tracking, {@code tracking-<strategy>.csv}; every file is written to a temp file first
     * and moved into place.
     *
     * @return the files written
     */
    public List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        written.add(text(folder.resolve(CSV), table().toCsv()));
        written.add(text(folder.resolve(MARKDOWN), markdown()));
        for (AttributionMethod m : config.methods()) {
            Path png = folder.resolve("shares-" + m.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".png");
            AtomicFiles.write(png, out -> ImageIO.write(Charts.render(shareChart(m), 900, 520), "png", out));
            written.add(png);
        }
        for (VariantResult v : variants) {
            if (v.trained() && !v.tracking().isEmpty()) {
                written.add(text(folder.resolve("tracking-" + v.strategy().id() + ".csv"),
                        AttributionHistoryReport.table(v.tracking()).toCsv()));
            }
        }
        return written;
    }

    /** The report's Markdown: data, settings, run time and the compact table. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# EMSym reproduction: first-layer symmetrization vs attribution\n\n");
        sb.append("- data: ").append(data).append('\n');
        sb.append("- settings: ").append(config).append('\n');
        sb.append(String.format(Locale.ROOT, "- attribution tiles per network: %d; run time %.0f s%n", tiles, seconds));
        for (VariantResult v : variants) {
            if (v.trained()) {
                sb.append(String.format(Locale.ROOT, "- %s: training %.0f s%n", v.label(), v.trainingSeconds()));
            }
        }
        sb.append('\n').append(compactTable().toMarkdown());
        for (VariantResult v : variants) {
            if (v.trained() && !v.tracking().isEmpty()) {
                sb.append("\n## Shares during training: ").append(v.strategy().id()).append(" (")
                        .append(config.methods().get(0).name().toLowerCase(Locale.ROOT))
                        .append(", central crops; epoch 0 = before training)\n\n")
                        .append(AttributionHistoryReport.table(v.tracking()).toMarkdown());
            }
        }
        return sb.toString();
    }

    private static Path text(Path file, String content) throws IOException {
        AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
