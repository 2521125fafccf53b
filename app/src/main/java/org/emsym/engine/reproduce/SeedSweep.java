package org.emsym.engine.reproduce;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.Interval;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.report.Charts;
import org.emsym.engine.report.Table;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.util.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The same reproduction repeated with several seeds (seed decides the decoder's initialization, the patches and
 * the augmentation). One seed at a CPU budget is one draw of a noisy Dice; the claim "uniform holds or improves
 * Dice" is about the spread over seeds, so this summarizes, per network, Dice and the attribution figures of
 * the first configured method across seeds, and the paired Dice difference of every trained strategy against
 * {@code none} with the same seed.
 *
 * @param runs one reproduction per seed, all with the same strategies, methods and context
 */
public record SeedSweep(List<ReproductionResult> runs) {

    public static final String CSV = "seeds.csv";
    public static final String PER_SEED_CSV = "seeds-per-run.csv";
    public static final String MARKDOWN = "seeds.md";
    public static final String DICE_CHART = "seeds-dice.png";

    public SeedSweep {
        runs = List.copyOf(Objects.requireNonNull(runs, "runs"));
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a seed sweep needs at least one reproduction");
        }
        ReproductionConfig first = runs.get(0).config();
        for (ReproductionResult r : runs) {
            ReproductionConfig c = r.config();
            if (!c.strategies().equals(first.strategies()) || !c.methods().equals(first.methods())
                    || c.context() != first.context()) {
                throw new IllegalArgumentException("every run of a seed sweep needs the same strategies, methods and"
                        + " context: seed " + c.seed() + " has " + c.strategies() + ", " + c.methods() + ", k="
                        + c.context() + " but seed " + first.seed() + " has " + first.strategies() + ", "
                        + first.methods() + ", k=" + first.context());
            }
        }
    }

    /** The attribution method the summary reports (the first configured one). */
    public AttributionMethod method() {
        return runs.get(0).config().methods().get(0);
    }

    /** Whether the evaluation sections were predicted with test-time augmentation (then also without, for its gain). */
    public boolean augmented() {
        return !runs.get(0).config().evaluationAugmentation().equals(TestTimeAugmentation.NONE);
    }

    /** Whether the runs measured attribution (false for screening runs that only train and score). */
    public boolean attributed() {
        return runs.get(0).config().attribution();
    }

    /**
     * One row per network: number of seeds, Dice mean, sample standard deviation, min and max, IoU mean, Dice at
     * the validation-chosen threshold, adapted Rand error and VOI means; with attribution also the mean share of
     * every section and the mean of A(z-1)/A(z+1) with its standard deviation across seeds; then the paired
     * differences against {@code none} (mean, 95% t and bootstrap bounds) of Dice, tuned Dice and, with
     * attribution, A(z-1)/A(z+1).
     */
    public Table table() {
        int k = runs.get(0).config().context();
        boolean attributed = attributed();
        List<String> header = new ArrayList<>(List.of("network", "seeds", "Dice mean", "Dice sd", "Dice min",
                "Dice max", "IoU mean", "tuned Dice mean", "tuned Dice sd", "Rand error mean", "VOI mean"));
        if (attributed) {
            for (int c = 0; c < 2 * k + 1; c++) {
                header.add("share " + AsymmetrySummary.channelLabel(c, k));
            }
            header.addAll(List.of("A(z-1)/A(z+1) mean", "A(z-1)/A(z+1) sd"));
        }
        Map<String, Map<SymmetrizationStrategy, PairedDifference>> pairs = new LinkedHashMap<>();
        pairs.put("Dice", pairedDice());
        pairs.put("tuned Dice", paired(v -> v.tuned().dice()));
        if (attributed) {
            pairs.put("A(z-1)/A(z+1)", pairedRatios(1));
        }
        for (String measure : pairs.keySet()) {
            String m = measure + " - none";
            header.addAll(List.of(m + " mean", m + " t low", m + " t high", m + " bootstrap low",
                    m + " bootstrap high"));
        }
        Table t = new Table(header);
        for (Map.Entry<String, List<VariantResult>> network : byNetwork().entrySet()) {
            List<VariantResult> vs = network.getValue();
            double[] dice = vs.stream().mapToDouble(v -> v.evaluation().dice()).toArray();
            double[] tuned = vs.stream().mapToDouble(v -> v.tuned().dice()).toArray();
            List<Object> row = new ArrayList<>(List.of(network.getKey(), vs.size(), f(mean(dice)), f(sd(dice)),
                    f(min(dice)), f(max(dice)), f(mean(vs.stream().mapToDouble(v -> v.evaluation().iou()).toArray())),
                    f(mean(tuned)), f(sd(tuned)), f(mean(vs.stream().mapToDouble(v -> v.scores().randError()).toArray())),
                    f(mean(vs.stream().mapToDouble(v -> v.scores().voi()).toArray()))));
            if (attributed) {
                for (int c = 0; c < 2 * k + 1; c++) {
                    int channel = c;
                    row.add(f(mean(vs.stream().mapToDouble(v -> summary(v).channelShares().get(channel).mean())
                            .toArray())));
                }
                double[] ratio = vs.stream().mapToDouble(v -> summary(v).ratios().get(0).mean()).toArray();
                row.add(f(mean(ratio)));
                row.add(f(sd(ratio)));
            }
            VariantResult first = vs.get(0);
            for (Map<SymmetrizationStrategy, PairedDifference> measure : pairs.values()) {
                PairedDifference p = first.trained() ? measure.get(first.strategy()) : null;
                if (p == null) {
                    row.addAll(List.of("", "", "", "", ""));
                } else {
                    Interval ti = p.tInterval();
                    Interval bi = p.bootstrapInterval();
                    row.addAll(List.of(f(p.mean()), f(ti.low()), f(ti.high()), f(bi.low()), f(bi.high())));
                }
            }
            t.add(row.toArray());
        }
        return t;
    }

    /**
     * One row per seed and network: Dice and IoU at 0.5, the validation-chosen threshold and the Dice there,
     * adapted Rand error, VOI and the Dice of every evaluation section; with test-time augmentation also the Dice of
     * the same network without it; with attribution also A(z-1)/A(z+1) with its bootstrap interval.
     */
    public Table perSeedTable() {
        boolean attributed = attributed();
        List<String> header = new ArrayList<>(List.of("seed", "network", "Dice", "IoU", "threshold", "tuned Dice",
                "Rand error", "VOI", "Dice per section"));
        if (augmented()) {
            header.add("Dice without TTA");
        }
        if (attributed) {
            header.addAll(List.of("A(z-1)/A(z+1)", "low", "high"));
        }
        Table t = new Table(header);
        for (ReproductionResult r : runs) {
            for (VariantResult v : r.variants()) {
                List<Object> row = new ArrayList<>(List.of(r.config().seed(), v.label(), f(v.evaluation().dice()),
                        f(v.evaluation().iou()), String.format(Locale.ROOT, "%.2f", v.scores().threshold()),
                        f(v.tuned().dice()), f(v.scores().randError()), f(v.scores().voi()),
                        v.scores().sectionSummary()));
                if (augmented()) {
                    row.add(f(v.scores().unaugmented().dice()));
                }
                if (attributed) {
                    var ratio = summary(v).ratios().get(0);
                    row.addAll(List.of(f(ratio.mean()), f(ratio.low()), f(ratio.high())));
                }
                t.add(row.toArray());
            }
        }
        return t;
    }

    /**
     * Per network (e.g. {@code "none, trained"}): its Dice with the configured test-time augmentation minus its Dice
     * without, one value per seed; empty when the runs used none.
     */
    public Map<String, PairedDifference> augmentationGain() {
        Map<String, PairedDifference> out = new LinkedHashMap<>();
        if (augmented()) {
            byNetwork().forEach((network, vs) -> out.put(network, new PairedDifference(vs.stream()
                    .mapToDouble(v -> v.evaluation().dice() - v.scores().unaugmented().dice()).toArray())));
        }
        return out;
    }

    /**
     * Per trained strategy other than {@code none}: its Dice minus the trained {@code none} Dice of the same
     * seed, one value per seed in run order (empty when {@code none} was not run).
     */
    public Map<SymmetrizationStrategy, double[]> pairedDiceDifferences() {
        return pairedDifferences(v -> v.evaluation().dice());
    }

    /**
     * Per trained strategy other than {@code none}: {@code measure} of its network minus that of the trained
     * {@code none} network of the same seed, one value per seed in run order (empty when {@code none} was not run).
     */
    public Map<SymmetrizationStrategy, double[]> pairedDifferences(ToDoubleFunction<VariantResult> measure) {
        Map<SymmetrizationStrategy, double[]> out = new LinkedHashMap<>();
        List<SymmetrizationStrategy> strategies = runs.get(0).config().strategies();
        if (!strategies.contains(SymmetrizationStrategy.NONE)) {
            return out;
        }
        for (SymmetrizationStrategy s : strategies) {
            if (s != SymmetrizationStrategy.NONE) {
                out.put(s, runs.stream().mapToDouble(r -> measure.applyAsDouble(trained(r, s))
                        - measure.applyAsDouble(trained(r, SymmetrizationStrategy.NONE))).toArray());
            }
        }
        return out;
    }

    /** {@link #pairedDifferences} of {@code measure} with their mean, sd and 95% t and bootstrap intervals. */
    public Map<SymmetrizationStrategy, PairedDifference> paired(ToDoubleFunction<VariantResult> measure) {
        Map<SymmetrizationStrategy, PairedDifference> out = new LinkedHashMap<>();
        pairedDifferences(measure).forEach((s, d) -> out.put(s, new PairedDifference(d)));
        return out;
    }

    /** {@link #pairedDiceDifferences()} with their mean, sd and 95% t and bootstrap intervals. */
    public Map<SymmetrizationStrategy, PairedDifference> pairedDice() {
        return paired(v -> v.evaluation().dice());
    }

    /**
     * Per trained strategy other than {@code none}: its attribution ratio A(z-d)/A(z+d) (first configured
     * method) minus that of the trained {@code none} network of the same seed, over the seeds (empty when
     * {@code none} was not run).
     *
     * @param distance d, from 1 to the context k
     */
    public Map<SymmetrizationStrategy, PairedDifference> pairedRatios(int distance) {
        int k = runs.get(0).config().context();
        if (distance < 1 || distance > k) {
            throw new IllegalArgumentException("ratio distance must lie in [1, " + k + "], got " + distance);
        }
        Map<SymmetrizationStrategy, PairedDifference> out = new LinkedHashMap<>();
        List<SymmetrizationStrategy> strategies = runs.get(0).config().strategies();
        if (!strategies.contains(SymmetrizationStrategy.NONE)) {
            return out;
        }
        for (SymmetrizationStrategy s : strategies) {
            if (s != SymmetrizationStrategy.NONE) {
                out.put(s, new PairedDifference(runs.stream().mapToDouble(r -> ratio(trained(r, s), distance)
                        - ratio(trained(r, SymmetrizationStrategy.NONE), distance)).toArray()));
            }
        }
        return out;
    }

    /**
     * One row per trained strategy, measure (Dice; A(z-d)/A(z+d) for every d up to k) and comparison against
     * {@code none} with the same seed: seeds, mean difference, sd, 95% paired t and bootstrap intervals, seeds
     * not worse (difference >= 0).
     */
    public Table pairedTable() {
        Table t = new Table("comparison", "measure", "seeds", "mean difference", "sd", "95% t interval",
                "95% bootstrap interval", "seeds >= 0");
        int k = runs.get(0).config().context();
        pairedDice().forEach((s, p) -> t.add(pairedRow(s, "Dice", p)));
        paired(v -> v.tuned().dice()).forEach((s, p) -> t.add(pairedRow(s, "Dice at validation threshold", p)));
        paired(v -> v.scores().randError()).forEach((s, p) -> t.add(pairedRow(s, "adapted Rand error", p)));
        String tta = runs.get(0).config().evaluationAugmentation().toString();
        augmentationGain().forEach((network, p) -> t.add(pairedRow(network + ": TTA " + tta + " − without",
                "Dice", p)));
        for (int d = 1; attributed() && d <= k; d++) {
            String measure = "A(z-" + d + ")/A(z+" + d + ")";
            pairedRatios(d).forEach((s, p) -> t.add(pairedRow(s, measure, p)));
        }
        return t;
    }

    private static Object[] pairedRow(SymmetrizationStrategy s, String measure, PairedDifference p) {
        return pairedRow(s.id() + " − none", measure, p);
    }

    private static Object[] pairedRow(String comparison, String measure, PairedDifference p) {
        return new Object[] {comparison, measure, p.seeds(), String.format(Locale.ROOT, "%+.4f", p.mean()),
            f(p.sd()), interval(p.tInterval()), interval(p.bootstrapInterval()), p.notNegative() + " of " + p.seeds()};
    }

    private static String interval(Interval i) {
        return Double.isNaN(i.low()) ? "" : String.format(Locale.ROOT, "[%+.4f, %+.4f]", i.low(), i.high());
    }

    private double ratio(VariantResult v, int distance) {
        return summary(v).ratios().get(distance - 1).mean();
    }

    /** Settings, the summary table, the paired differences and the per-seed table. */
    public String markdown() {
        ReproductionResult first = runs.get(0);
        StringBuilder sb = new StringBuilder("# EMSym reproduction over seeds\n\n");
        sb.append("- data: ").append(first.data()).append('\n');
        sb.append("- settings (seed varies): ").append(first.config()).append('\n');
        sb.append("- seeds: ").append(runs.stream().map(r -> String.valueOf(r.config().seed())).toList()).append('\n');
        double seconds = runs.stream().mapToDouble(ReproductionResult::seconds).sum();
        if (attributed()) {
            sb.append(String.format(Locale.ROOT, "- attribution: %s over %d tiles per network; run time %.0f s%n%n",
                    method().name().toLowerCase(Locale.ROOT), first.tiles(), seconds));
        } else {
            sb.append(String.format(Locale.ROOT, "- attribution: not measured (training and scores only); run time"
                    + " %.0f s%n%n", seconds));
        }
        sb.append(table().toMarkdown()).append('\n');
        for (Map.Entry<SymmetrizationStrategy, double[]> e : pairedDiceDifferences().entrySet()) {
            double[] d = e.getValue();
            long notWorse = Arrays.stream(d).filter(x -> x >= 0).count();
            sb.append(String.format(Locale.ROOT, "Dice %s − none, same seed: %s; mean %+.4f, sd %.4f; %d of %d seeds"
                    + " not worse.%n", e.getKey().id(), signed(d), mean(d), sd(d), notWorse, d.length));
        }
        sb.append("\n## Paired differences against none (same seed; ")
                .append(attributed() ? method().name().toLowerCase(Locale.ROOT) + " attribution; " : "")
                .append("bootstrap: ").append(PairedDifference.BOOTSTRAP_SAMPLES)
                .append(" resamples of the seeds, seed ").append(PairedDifference.BOOTSTRAP_SEED).append(")\n\n")
                .append(pairedTable().toMarkdown());
        sb.append("\n## Every run\n\n").append(perSeedTable().toMarkdown());
        return sb.toString();
    }

    /** Bars of the trained networks' Dice, grouped by seed: whether one strategy wins every seed or only some. */
    public JFreeChart diceChart() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ReproductionResult r : runs) {
            for (VariantResult v : r.variants()) {
                if (v.trained()) {
                    data.addValue(v.evaluation().dice(), v.strategy().id(), "seed " + r.config().seed());
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Dice of the trained networks per seed (threshold 0.5)",
                "seed", "Dice", data, PlotOrientation.VERTICAL, true, false, false);
        ((BarRenderer) chart.getCategoryPlot().getRenderer()).setDrawBarOutline(false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getPlot().setBackgroundPaint(new Color(248, 248, 248));
        return chart;
    }

    /**
     * Writes {@value #CSV}, {@value #PER_SEED_CSV}, {@value #MARKDOWN} and {@value #DICE_CHART}, each to a temp
     * file first; returns them.
     */
    public List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        written.add(text(folder.resolve(CSV), table().toCsv()));
        written.add(text(folder.resolve(PER_SEED_CSV), perSeedTable().toCsv()));
        written.add(text(folder.resolve(MARKDOWN), markdown()));
        Path png = folder.resolve(DICE_CHART);
        AtomicFiles.write(png, out -> ImageIO.write(Charts.render(diceChart(), 900, 520), "png", out));
        written.add(png);
        return written;
    }

    private Map<String, List<VariantResult>> byNetwork() {
        Map<String, List<VariantResult>> out = new LinkedHashMap<>();
        for (ReproductionResult r : runs) {
            for (VariantResult v : r.variants()) {
                out.computeIfAbsent(v.label(), l -> new ArrayList<>()).add(v);
            }
        }
        return out;
    }

    private AsymmetrySummary summary(VariantResult v) {
        return v.attribution().get(method()).summary();
    }

    private static VariantResult trained(ReproductionResult r, SymmetrizationStrategy s) {
        return r.variants().stream().filter(v -> v.trained() && v.strategy() == s).findFirst()
                .orElseThrow(() -> new IllegalStateException("seed " + r.config().seed() + " has no trained " + s.id()));
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation; NaN for a single value. */
    static double sd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static String signed(double[] v) {
        return String.join(", ", Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%+.4f", x))
                .toList());
    }

    private static Path text(Path file, String content) throws IOException {
        AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
