package org.emsym.engine.reproduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.AuditResult;
import org.emsym.engine.attribution.Interval;
import org.emsym.engine.metrics.BinaryMetrics;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.report.Table;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made per-seed results with known Dice and ratios, so every summary figure can be computed by hand. */
class SeedSweepTest {

    private static final Path MODEL = Path.of("model.json");

    @Test
    void summarizesDiceAndRatiosAcrossSeeds() {
        // Dice = 2tp / (2tp + fp + fn) with fp + fn = 100 - 2tp ... chosen so Dice is tp / 50
        SeedSweep sweep = new SeedSweep(List.of(
                run(1, 30, 1.40, 35, 1.00),
                run(2, 20, 1.50, 30, 1.02),
                run(3, 25, 1.30, 20, 0.98)));
        Table t = sweep.table();
        assertEquals(List.of("none, trained", "uniform, trained"), t.rows().stream().map(r -> r.get(0)).toList());
        List<String> none = t.rows().get(0);
        assertEquals("3", none.get(1));
        assertEquals("0.5000", none.get(2), "mean of 0.6, 0.4, 0.5");
        assertEquals("0.1000", none.get(3), "sample sd of 0.6, 0.4, 0.5");
        assertEquals("0.4000", none.get(4));
        assertEquals("0.6000", none.get(5));
        assertEquals("1.4000", none.get(t.header().indexOf("A(z-1)/A(z+1) mean")));
        assertEquals("0.1000", none.get(t.header().indexOf("A(z-1)/A(z+1) sd")));
        assertEquals("0.3000", none.get(t.header().indexOf("share z-1")));

        double[] differences = sweep.pairedDiceDifferences().get(SymmetrizationStrategy.UNIFORM);
        assertArrayEquals(new double[] {0.1, 0.2, -0.1}, differences, 1e-12);
        String md = sweep.markdown();
        assertTrue(md.contains("+0.1000, +0.2000, -0.1000"), md);
        assertTrue(md.contains("2 of 3 seeds not worse"), md);
        assertEquals(6, sweep.perSeedTable().rows().size());

        // paired t interval: mean ± t(0.975, 2) · sd / √3 with t(0.975, 2) = 4.3027
        PairedDifference diceDiff = sweep.pairedDice().get(SymmetrizationStrategy.UNIFORM);
        assertEquals(0.1 / 1.5, diceDiff.mean(), 1e-12);
        assertEquals(0.1 / 1.5 - 4.302653 * Math.sqrt(0.07 / 3) / Math.sqrt(3), diceDiff.tInterval().low(), 1e-5);
        PairedDifference ratio = sweep.pairedRatios(1).get(SymmetrizationStrategy.UNIFORM);
        assertArrayEquals(new double[] {-0.40, -0.48, -0.32}, ratio.differences(), 1e-12);
        assertEquals(-0.40 + 4.302653 * 0.08 / Math.sqrt(3), ratio.tInterval().high(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> sweep.pairedRatios(2), "k = 1 has no d = 2");

        List<String> uniform = t.rows().get(1);
        assertEquals("0.0667", uniform.get(t.header().indexOf("Dice - none mean")));
        assertEquals("-0.3128", uniform.get(t.header().indexOf("Dice - none t low")));
        assertEquals("0.4461", uniform.get(t.header().indexOf("Dice - none t high")));
        assertEquals("-0.2013", uniform.get(t.header().indexOf("A(z-1)/A(z+1) - none t high")));
        assertEquals(diceDiff.bootstrapInterval().low(),
                Double.parseDouble(uniform.get(t.header().indexOf("Dice - none bootstrap low"))), 5e-5);
        assertEquals("", none.get(t.header().indexOf("Dice - none mean")), "none is the reference, no difference");

        Table paired = sweep.pairedTable();
        assertEquals(List.of("Dice", "Dice at validation threshold", "adapted Rand error", "A(z-1)/A(z+1)"),
                paired.rows().stream().map(r -> r.get(1)).toList());
        assertEquals(List.of("uniform − none", "Dice", "3", "+0.0667", "0.1528", "[-0.3128, +0.4461]"),
                paired.rows().get(0).subList(0, 6));
        assertEquals("0 of 3", paired.rows().get(3).get(7));
        assertTrue(md.contains("## Paired differences against none"), md);
        assertTrue(md.contains("[-0.5987, -0.2013]"), md);

        var dice = (org.jfree.data.category.CategoryDataset) sweep.diceChart().getCategoryPlot().getDataset();
        assertEquals(List.of("seed 1", "seed 2", "seed 3"), dice.getColumnKeys());
        assertEquals(List.of("none", "uniform"), dice.getRowKeys());
        assertEquals(0.4, dice.getValue("uniform", "seed 3").doubleValue(), 1e-12);
    }

    @Test
    void screeningRunsWithoutAttributionReportTunedDiceAndRandError() {
        // tuned Dice = tp' / 50 with tp' = tp + bonus; Rand error as given
        SeedSweep sweep = new SeedSweep(List.of(
                screening(1, 30, 0, 0.40, 35, 5, 0.30),
                screening(2, 20, 5, 0.50, 30, 0, 0.45),
                screening(3, 25, 0, 0.30, 20, 10, 0.20)));
        assertFalse(sweep.attributed());
        Table t = sweep.table();
        assertFalse(t.header().contains("share z-1"), "no attribution columns: " + t.header());
        assertFalse(t.header().contains("A(z-1)/A(z+1) mean"));
        List<String> none = t.rows().get(0);
        assertEquals("0.5333", none.get(t.header().indexOf("tuned Dice mean")), "(0.6 + 0.5 + 0.5) / 3");
        assertEquals("0.4000", none.get(t.header().indexOf("Rand error mean")));
        // tuned differences uniform - none: (0.8 - 0.6), (0.6 - 0.5), (0.6 - 0.5)
        assertArrayEquals(new double[] {0.2, 0.1, 0.1},
                sweep.pairedDifferences(v -> v.tuned().dice()).get(SymmetrizationStrategy.UNIFORM), 1e-12);
        assertEquals("0.1333", t.rows().get(1).get(t.header().indexOf("tuned Dice - none mean")));
        Table paired = sweep.pairedTable();
        assertEquals(List.of("Dice", "Dice at validation threshold", "adapted Rand error"),
                paired.rows().stream().map(r -> r.get(1)).toList());
        assertEquals("-0.0833", paired.rows().get(2).get(3), "Rand error: (-0.10 - 0.05 - 0.10) / 3");
        assertFalse(sweep.perSeedTable().header().contains("A(z-1)/A(z+1)"));
        String md = sweep.markdown();
        assertTrue(md.contains("attribution: not measured"), md);
        assertFalse(md.contains("saliency"), md);
    }

    private static ReproductionResult screening(long seed, int noneTp, int noneBonus, double noneRand, int uniformTp,
            int uniformBonus, double uniformRand) {
        return pair(ReproductionConfig.builder(MODEL).seed(seed).attribution(false)
                .evaluationAugmentation(TestTimeAugmentation.NONE), 0,
                scored(SymmetrizationStrategy.NONE, noneTp, noneBonus, noneRand),
                scored(SymmetrizationStrategy.UNIFORM, uniformTp, uniformBonus, uniformRand));
    }

    private static VariantResult scored(SymmetrizationStrategy strategy, int tp, int bonus, double rand) {
        BinaryMetrics half = new BinaryMetrics(tp, 100 - 2 * tp, 0, 1000);
        BinaryMetrics tuned = new BinaryMetrics(tp + bonus, 100 - 2 * (tp + bonus), 0, 1000);
        return new VariantResult(strategy, true, new EvaluationScores(half, 0.4, tuned, rand, 1.0), Map.of(),
                List.of(), 1);
    }

    @Test
    void testTimeAugmentationGainIsPairedOnTheSameNetworks() {
        // Dice with TTA tp/50, without tp0/50: none gains 0.04 and 0.00, uniform 0.02 and 0.06
        SeedSweep sweep = new SeedSweep(List.of(augmented(1, 30, 28, 35, 34), augmented(2, 20, 20, 30, 27)));
        assertTrue(sweep.augmented());
        Map<String, PairedDifference> gain = sweep.augmentationGain();
        assertEquals(List.of("none, trained", "uniform, trained"), List.copyOf(gain.keySet()));
        assertArrayEquals(new double[] {0.04, 0.0}, gain.get("none, trained").differences(), 1e-12);
        assertArrayEquals(new double[] {0.02, 0.06}, gain.get("uniform, trained").differences(), 1e-12);
        Table perSeed = sweep.perSeedTable();
        int without = perSeed.header().indexOf("Dice without TTA");
        assertEquals(List.of("0.5600", "0.6800", "0.4000", "0.5400"),
                perSeed.rows().stream().map(r -> r.get(without)).toList());
        List<List<String>> rows = sweep.pairedTable().rows();
        assertEquals("none, trained: TTA xy flips − without", rows.get(rows.size() - 2).get(0));
        assertEquals("+0.0400", rows.get(rows.size() - 1).get(3), "uniform: (0.02 + 0.06) / 2");

        SeedSweep plain = new SeedSweep(List.of(run(1, 30, 1.4, 35, 1.0)));
        assertFalse(plain.augmented());
        assertTrue(plain.augmentationGain().isEmpty());
        assertFalse(plain.perSeedTable().header().contains("Dice without TTA"));
    }

    private static ReproductionResult augmented(long seed, int noneTp, int noneTp0, int uniformTp, int uniformTp0) {
        return pair(ReproductionConfig.builder(MODEL).seed(seed).attribution(false)
                .evaluationAugmentation(new TestTimeAugmentation(true, false)), 0,
                withAndWithout(SymmetrizationStrategy.NONE, noneTp, noneTp0),
                withAndWithout(SymmetrizationStrategy.UNIFORM, uniformTp, uniformTp0));
    }

    private static VariantResult withAndWithout(SymmetrizationStrategy strategy, int tp, int tp0) {
        BinaryMetrics tta = new BinaryMetrics(tp, 100 - 2 * tp, 0, 1000);
        BinaryMetrics once = new BinaryMetrics(tp0, 100 - 2 * tp0, 0, 1000);
        return new VariantResult(strategy, true, new EvaluationScores(tta, 0.5, tta, 0.1, 1.0, List.of(), once),
                Map.of(), List.of(), 1);
    }

    @Test
    void writesItsTablesAndNoTempFile(@TempDir Path out) throws IOException {
        List<Path> files = new SeedSweep(List.of(run(1, 30, 1.4, 35, 1.0))).write(out);
        assertEquals(List.of(out.resolve(SeedSweep.CSV), out.resolve(SeedSweep.PER_SEED_CSV),
                out.resolve(SeedSweep.MARKDOWN), out.resolve(SeedSweep.DICE_CHART)), files);
        assertTrue(Files.readString(out.resolve(SeedSweep.CSV)).startsWith("network,seeds,Dice mean"));
        assertEquals(900, javax.imageio.ImageIO.read(out.resolve(SeedSweep.DICE_CHART).toFile()).getWidth());
        try (var listing = Files.list(out)) {
            assertEquals(4, listing.count());
        }
    }

    @Test
    void rejectsRunsWithDifferentStrategies() {
        ReproductionResult both = run(1, 30, 1.4, 35, 1.0);
        ReproductionConfig onlyNone = ReproductionConfig.builder(MODEL).seed(2)
                .strategies(List.of(SymmetrizationStrategy.NONE)).build();
        ReproductionResult other = new ReproductionResult("d", onlyNone, 1, both.variants().subList(0, 1), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SeedSweep(List.of(both, other)));
        assertTrue(e.getMessage().contains("seed 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SeedSweep(List.of()));
    }

    /** A run whose trained none/uniform networks have Dice tp/50 and the given saliency ratios d=1. */
    private static ReproductionResult run(long seed, int noneTp, double noneRatio, int uniformTp, double uniformRatio) {
        return pair(ReproductionConfig.builder(MODEL).seed(seed).evaluationAugmentation(TestTimeAugmentation.NONE), 4,
                variant(SymmetrizationStrategy.NONE, noneTp, noneRatio),
                variant(SymmetrizationStrategy.UNIFORM, uniformTp, uniformRatio));
    }

    /** The run of {@code config} with strategies none and uniform, and those two trained networks. */
    private static ReproductionResult pair(ReproductionConfig.Builder config, int tiles, VariantResult none,
            VariantResult uniform) {
        config.strategies(List.of(SymmetrizationStrategy.NONE, SymmetrizationStrategy.UNIFORM));
        return new ReproductionResult("hand-made", config.build(), tiles, List.of(none, uniform), 10);
    }

    private static VariantResult variant(SymmetrizationStrategy strategy, int tp, double ratio) {
        // fp + fn = 100 - 2 tp gives Dice = 2 tp / 100
        BinaryMetrics metrics = new BinaryMetrics(tp, 100 - 2 * tp, 0, 1000);
        AsymmetrySummary summary = new AsymmetrySummary(4,
                List.of(point(0.3), point(0.4), point(0.3)), List.of(point(ratio)), List.of(point(0)));
        Map<AttributionMethod, AuditResult> attribution = Map.of(
                AttributionMethod.SALIENCY, new AuditResult(List.of(), summary, 0),
                AttributionMethod.GRADIENT_X_INPUT, new AuditResult(List.of(), summary, 0));
        return new VariantResult(strategy, true, new EvaluationScores(metrics, 0.5, metrics, 0.1, 0.2), attribution,
                List.of(), 1);
    }

    private static Interval point(double v) {
        return new Interval(v, v, v);
    }
}
