package org.emsym.engine.pipeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.Interval;
import org.emsym.engine.symmetry.SymmetryReport;
import org.emsym.engine.report.Charts;
import org.emsym.engine.report.HtmlReport;
import org.emsym.engine.report.Table;
import org.emsym.engine.train.EpochRecord;
import org.emsym.engine.util.AtomicFiles;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;

/**
 * The HTML report of a pipeline run and the CSVs behind it, rendered from {@link RunResults} and the figure PNGs
 * in the run folder: training curves, attribution shares (per epoch and on the test windows, with 95% intervals),
 * scores against trivial predictions, first-layer kernels before and after symmetrization, and test sections with
 * prediction overlays and attribution maps.
 */
public final class PipelineReport {

    /** File name of the report in the run folder. */
    public static final String FILE = "report.html";

    private static final int CHART_WIDTH = 760;
    /** Colour-blind-safe, dark enough on white (Okabe-Ito). */
    private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(86, 180, 233), new Color(230, 159, 0), Color.BLACK};
    private static final int CHART_HEIGHT = 380;

    private PipelineReport() {
    }

    /** Renders {@code report.html} into {@code runFolder} (also saving each chart as {@code figures/chart-*.png}). */
    public static void write(RunResults results, Path runFolder) throws IOException {
        HtmlReport html = new HtmlReport(results.title());
        html.paragraph(String.format(Locale.ROOT, "Data: %s, shape %s (depth, height, width); window context k=%d; "
                + "test sections %s (membrane fraction %.3f). Run time %.0f s.", results.data(),
                Arrays.toString(results.shape()), results.context(), Arrays.toString(results.testSections()),
                results.membraneFraction(), results.seconds()));

        html.heading("Scores on the test sections");
        html.table(scoreTable(results));

        html.heading("Training");
        int variants = results.variants().size();
        chart(html, runFolder, "chart-loss.png", readable(Charts.curves("Loss per epoch", "loss", lossSeries(results)),
                variants), "training loss (solid, mean over the epoch's steps) and validation loss (dashed) per model"
                + " variant");
        chart(html, runFolder, "chart-dice.png", readable(Charts.curves("Validation Dice per epoch", "Dice (membrane)",
                series(results, "", EpochRecord::validationDice)), variants),
                "hard Dice of the membrane class on the validation tiles");
        for (RunResults.VariantResult v : results.variants()) {
            if (!v.epochShares().isEmpty()) {
                chart(html, runFolder, "chart-epoch-shares-" + v.strategy() + ".png",
                        readable(Charts.curves("Attribution shares per epoch: " + v.strategy(), "saliency share",
                                epochShareSeries(v, results.context())), 2 * results.context() + 1),
                        "saliency share of each window section on fixed validation crops after every epoch ("
                                + v.strategy() + ")");
            }
        }

        html.heading("Attribution on the test windows");
        Map<String, AsymmetrySummary> summaries = new LinkedHashMap<>();
        for (RunResults.VariantResult v : results.variants()) {
            summaries.put(v.strategy(), v.attribution());
        }
        JFreeChart bars = Charts.shareBars("Attribution share per window section", summaries);
        BarRenderer barRenderer = (BarRenderer) bars.getCategoryPlot().getRenderer();
        for (int i = 0; i < summaries.size(); i++) {
            barRenderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        chart(html, runFolder, "chart-shares.png", bars,
                "mean share of absolute attribution per input section, error bars: 95% bootstrap interval over windows");
        html.table(asymmetryTable(results));

        html.heading("First-layer kernels before and after symmetrization");
        for (RunResults.VariantResult v : results.variants()) {
            html.paragraph(v.symmetry().summary());
            figures(html, runFolder, v, "kernels", -1);
        }

        html.heading("Test sections: prediction and attribution");
        List<Integer> sections = new ArrayList<>();
        for (RunResults.VariantResult v : results.variants()) {
            for (RunResults.Figure f : v.figures()) {
                if (f.section() >= 0 && !sections.contains(f.section())) {
                    sections.add(f.section());
                }
            }
        }
        for (int z : sections) {
            for (RunResults.VariantResult v : results.variants()) {
                html.paragraph("section " + z + ", model '" + v.strategy() + "'");
                figures(html, runFolder, v, "overlay", z);
                figures(html, runFolder, v, "attribution", z);
            }
        }
        html.paragraph("Files: results.json, config.json, history.csv, epoch-shares.csv, attribution.csv, "
                + "attribution-windows.csv, asymmetry.csv, scores.csv, symmetry.csv, models/, predictions/, figures/.");
        html.write(runFolder.resolve(FILE));
    }

    /** Writes the CSVs behind the report into {@code runFolder}. */
    public static void writeCsvs(RunResults results, Path runFolder) throws IOException {
        int channels = 2 * results.context() + 1;
        List<String> header = new ArrayList<>(List.of("variant", "epoch", "train_loss", "validation_loss",
                "validation_dice", "learning_rate", "encoder_frozen", "seconds"));
        Table history = new Table(header);
        List<String> shareHeader = new ArrayList<>(List.of("variant", "epoch"));
        for (int c = 0; c < channels; c++) {
            shareHeader.add("share_" + AsymmetrySummary.channelLabel(c, results.context()));
        }
        Table epochShares = new Table(shareHeader);
        Table attribution = new Table("variant", "section", "mean", "low95", "high95");
        List<String> windowHeader = new ArrayList<>(List.of("variant", "z", "y", "x"));
        windowHeader.addAll(shareHeader.subList(2, shareHeader.size()));
        Table windows = new Table(windowHeader);
        Table symmetry = new Table("variant", "layer", "stage", "channel", "l1", "l2", "symmetry_error");
        for (RunResults.VariantResult v : results.variants()) {
            for (EpochRecord r : v.history()) {
                history.add(v.strategy(), r.epoch() + 1, num(r.trainLoss()), num(r.validationLoss()),
                        num(r.validationDice()), num(r.learningRate()), r.encoderFrozen(), num(r.seconds()));
            }
            for (int e = 0; e < v.epochShares().size(); e++) {
                List<Object> row = new ArrayList<>(List.of(v.strategy(), e + 1));
                for (double s : v.epochShares().get(e)) {
                    row.add(num(s));
                }
                epochShares.add(row.toArray());
            }
            List<Interval> shares = v.attribution().channelShares();
            for (int c = 0; c < shares.size(); c++) {
                Interval i = shares.get(c);
                attribution.add(v.strategy(), AsymmetrySummary.channelLabel(c, results.context()), num(i.mean()), num(i.low()),
                        num(i.high()));
            }
            for (RunResults.WindowShares w : v.windows()) {
                List<Object> row = new ArrayList<>(List.of(v.strategy(), w.z(), w.y(), w.x()));
                for (double s : w.shares()) {
                    row.add(num(s));
                }
                windows.add(row.toArray());
            }
            SymmetryReport s = v.symmetry();
            for (SymmetryReport.Row r : s.rows()) {
                symmetry.add(v.strategy(), r.layer(), r.stage(), r.channel(), num(r.l1()), num(r.l2()),
                        num(r.stage().equals("before") ? s.symmetryErrorBefore() : s.symmetryErrorAfter()));
            }
        }
        csv(runFolder, "history.csv", history);
        csv(runFolder, "epoch-shares.csv", epochShares);
        csv(runFolder, "attribution.csv", attribution);
        csv(runFolder, "attribution-windows.csv", windows);
        csv(runFolder, "asymmetry.csv", asymmetryTable(results));
        csv(runFolder, "scores.csv", scoreTable(results));
        csv(runFolder, "symmetry.csv", symmetry);
    }

    private static Table scoreTable(RunResults results) {
        Table t = new Table("prediction", "dice", "iou", "pixel_error", "precision", "recall", "train_s", "predict_s",
                "attribution_s");
        for (RunResults.VariantResult v : results.variants()) {
            RunResults.Scores s = v.scores();
            t.add("U-Net, " + v.strategy(), num(s.dice()), num(s.iou()), num(s.pixelError()), num(s.precision()),
                    num(s.recall()), num(v.trainSeconds()), num(v.predictSeconds()), num(v.attributionSeconds()));
        }
        for (RunResults.Baseline b : results.trivial()) {
            t.add(b.name(), num(b.dice()), "", "", "", "", "", "", "");
        }
        return t;
    }

    private static Table asymmetryTable(RunResults results) {
        Table t = new Table("variant", "windows", "distance", "ratio A(z-d)/A(z+d)", "ratio_low95", "ratio_high95",
                "asymmetry_index", "index_low95", "index_high95");
        for (RunResults.VariantResult v : results.variants()) {
            AsymmetrySummary a = v.attribution();
            for (int d = 1; d <= a.context(); d++) {
                Interval r = a.ratios().get(d - 1);
                Interval i = a.asymmetryIndices().get(d - 1);
                t.add(v.strategy(), a.windows(), d, num(r.mean()), num(r.low()), num(r.high()), num(i.mean()),
                        num(i.low()), num(i.high()));
            }
        }
        return t;
    }

    private static Map<String, double[]> lossSeries(RunResults results) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.putAll(series(results, " train", EpochRecord::trainLoss));
        m.putAll(series(results, " validation", EpochRecord::validationLoss));
        return m;
    }

    private static Map<String, double[]> series(RunResults results, String suffix,
            java.util.function.ToDoubleFunction<EpochRecord> value) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (RunResults.VariantResult v : results.variants()) {
            m.put(v.strategy() + suffix, v.history().stream().mapToDouble(value).toArray());
        }
        return m;
    }

    private static Map<String, double[]> epochShareSeries(RunResults.VariantResult v, int k) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int c = 0; c < 2 * k + 1; c++) {
            int channel = c;
            m.put(AsymmetrySummary.channelLabel(c, k), v.epochShares().stream().mapToDouble(s -> s[channel]).toArray());
        }
        return m;
    }

    /** Distinct dark colours per series; series after the first {@code colours} repeat them dashed. */
    private static JFreeChart readable(JFreeChart chart, int colours) {
        XYItemRenderer renderer = chart.getXYPlot().getRenderer();
        int n = chart.getXYPlot().getDataset().getSeriesCount();
        for (int i = 0; i < n; i++) {
            renderer.setSeriesPaint(i, PALETTE[i % colours % PALETTE.length]);
            if (i >= colours) {
                renderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                        new float[] {6f, 4f}, 0f));
            }
        }
        return chart;
    }

    private static void chart(HtmlReport html, Path runFolder, String file, JFreeChart chart, String caption)
            throws IOException {
        BufferedImage image = Charts.render(chart, CHART_WIDTH, CHART_HEIGHT);
        Path target = runFolder.resolve("figures").resolve(file);
        AtomicFiles.write(target, out -> ImageIO.write(image, "png", out));
        html.image(image, caption);
    }

    private static void figures(HtmlReport html, Path runFolder, RunResults.VariantResult v, String kind, int section)
            throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (RunResults.Figure f : v.figures()) {
            if (f.kind().equals(kind) && f.section() == section) {
                Path file = runFolder.resolve(f.file());
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString(), null, "figure of the run is missing");
                }
                images.add(ImageIO.read(file.toFile()));
                captions.add(f.caption());
            }
        }
        if (!images.isEmpty()) {
            html.imageRow(images, captions);
        }
    }

    private static void csv(Path runFolder, String name, Table table) throws IOException {
        AtomicFiles.write(runFolder.resolve(name), table.toCsv().getBytes(StandardCharsets.UTF_8));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }
}
