package org.emsym.engine.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.ChannelShares;
import org.emsym.engine.metrics.BinaryMetrics;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.synth.SynthConfig;
import org.emsym.engine.volume.VolumeShape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole reproduction on a tiny synthetic stack with the real pretrained MobileNetV2 and a budget of
 * one training step per strategy, and checks that its outputs exist and agree with each other and with what
 * the first layer implies for the pretrained-only networks.
 */
class ReproductionTest {

    private static ReproductionResult result;
    private static List<Path> files;

    @TempDir
    static Path out;

    @BeforeAll
    static void runTinyReproduction() throws IOException {
        ReproductionConfig config = ReproductionConfig.builder(NsfwjsTestModel.modelJson())
                .epochs(1).stepsPerEpoch(1).batchSize(1).patchSize(64).seed(5)
                .strategies(List.of(SymmetrizationStrategy.NONE, SymmetrizationStrategy.UNIFORM,
                        SymmetrizationStrategy.OUTER_AVERAGE))
                .build();
        ReproductionData data = ReproductionData.synthetic(SynthConfig.builder()
                .shape(new VolumeShape(8, 64, 64)).meanCellDiameter(24).warpAmplitude(2).seed(9).build());
        result = new Reproduction(config, ProgressSink.NONE, Cancellation.NEVER).run(data);
        files = result.write(out);
    }

    @Test
    void writesTablesChartsAndTracking() throws IOException {
        for (String name : List.of("results.csv", "results.md", "shares-saliency.png",
                "shares-gradient-x-input.png", "tracking-none.csv", "tracking-uniform.csv",
                "tracking-outer-average.csv")) {
            Path f = out.resolve(name);
            assertTrue(files.contains(f) && Files.size(f) > 0, name);
        }
        try (var listing = Files.list(out)) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("| uniform, trained |"), markdown);
    }

    @Test
    void csvHoldsOneConsistentRowPerNetworkAndMethod() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(1 + 6 * 2, lines.size(), "3 strategies x (pretrained only, trained) x 2 methods");
        int z0 = header.indexOf("share z-1");
        int dice = header.indexOf("Dice");
        int iou = header.indexOf("IoU");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            double sum = Double.parseDouble(cells[z0]) + Double.parseDouble(cells[z0 + 3])
                    + Double.parseDouble(cells[z0 + 6]);
            assertEquals(1, sum, 3e-4, "shares of " + line);
            double d = Double.parseDouble(cells[dice]);
            assertTrue(d >= 0 && d <= 1, line);
            // IoU = Dice / (2 - Dice) for the same pixel counts
            assertEquals(d / (2 - d), Double.parseDouble(cells[iou]), 2e-4, line);
            assertEquals("2", cells[header.indexOf("windows")], "two evaluation sections of one 64 x 64 tile");
        }
        assertEquals(6, result.variants().size());
    }

    /**
     * The uniform first layer gives every section the same kernel, so the network sees only their sum and the
     * saliency of every section is the same map: equal shares on every window, whatever the input. With
     * outer-average only z-1 and z+1 share a kernel, so only their saliency is equal. The unmodified RGB
     * kernel differs per channel, and so do the shares.
     */
    @Test
    void pretrainedOnlySaliencyFollowsTheFirstLayer() {
        Map<SymmetrizationStrategy, VariantResult> untrained = result.variants().stream()
                .filter(v -> !v.trained()).collect(Collectors.toMap(VariantResult::strategy, v -> v));
        for (ChannelShares s : untrained.get(SymmetrizationStrategy.UNIFORM).attribution()
                .get(AttributionMethod.SALIENCY).perWindow()) {
            assertEquals(s.share(0), s.share(1), 1e-4, s.toString());
            assertEquals(s.share(2), s.share(1), 1e-4, s.toString());
        }
        for (ChannelShares s : untrained.get(SymmetrizationStrategy.OUTER_AVERAGE).attribution()
                .get(AttributionMethod.SALIENCY).perWindow()) {
            assertEquals(0, s.asymmetryIndex(1), 1e-4, s.toString());
        }
        for (ChannelShares s : untrained.get(SymmetrizationStrategy.NONE).attribution()
                .get(AttributionMethod.SALIENCY).perWindow()) {
            assertTrue(s.asymmetryIndex(1) > 0.01, "the pretrained RGB kernel is not z-symmetric: " + s);
        }
    }

    @Test
    void trainedVariantsCarryTheirTrainingHistoryOfShares() {
        for (VariantResult v : result.variants()) {
            if (v.trained()) {
                assertEquals(List.of(-1, 0), v.tracking().stream().map(e -> e.epoch()).toList(), v.label());
                assertTrue(v.trainingSeconds() > 0);
            } else {
                assertTrue(v.tracking().isEmpty());
            }
        }
    }

    @Test
    void evaluationIsPredictedWithXyFlipsAndScoredWithoutThemToo() {
        assertEquals(new TestTimeAugmentation(true, false), result.config().evaluationAugmentation());
        assertTrue(result.config().toString().endsWith("evaluation TTA xy flips"), result.config().toString());
        for (VariantResult v : result.variants()) {
            BinaryMetrics with = v.scores().atHalf();
            BinaryMetrics without = v.scores().unaugmented();
            assertEquals(with.truePositives() + with.falseNegatives(), without.truePositives() + without.falseNegatives(),
                    "both score the same membrane pixels");
            assertEquals(with.truePositives() + with.falsePositives() + with.falseNegatives() + with.trueNegatives(),
                    without.truePositives() + without.falsePositives() + without.falseNegatives()
                            + without.trueNegatives());
        }
        ReproductionConfig once = ReproductionConfig.builder(NsfwjsTestModel.modelJson())
                .evaluationAugmentation(TestTimeAugmentation.NONE).build();
        assertEquals(1, once.evaluationAugmentation().transforms().size());
        assertTrue(once.toString().endsWith("evaluation TTA none"), once.toString());
    }
}
