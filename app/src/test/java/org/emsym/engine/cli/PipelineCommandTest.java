package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.pipeline.RunResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a tiny synthetic stack with the real pretrained MobileNetV2. */
class PipelineCommandTest {

    @TempDir
    Path dir;

    @Test
    void tinyPipelineWritesReportCsvsAndBundles() throws Exception {
        Path weights = NsfwjsTestModel.modelJson();
        Path config = dir.resolve("tiny.json");
        Path out = dir.resolve("run");
        Files.writeString(config, """
                {"synthShape": [6, 64, 64], "testSections": 1, "epochs": 1, "stepsPerEpoch": 1, "batchSize": 1,
                 "patchSize": 64, "tileSize": 64, "attributionCrop": 64, "attributionMethod": "saliency",
                 "attributionWindowsPerSection": 2, "epochAttributionWindows": 1, "reportSections": 1,
                 "decoderChannels": [16, 16, 16, 8, 8]}
                """, StandardCharsets.UTF_8);
        CliRun run = CliRun.of("pipeline", "--config", config.toString(), "--weights", weights.toString(), "--out",
                out.toString());
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("uniform") && run.out().contains("none"), run::toString);

        for (String csv : List.of("history.csv", "epoch-shares.csv", "attribution.csv", "attribution-windows.csv",
                "asymmetry.csv", "scores.csv", "symmetry.csv")) {
            assertTrue(Files.readAllLines(out.resolve(csv)).size() > 1, csv + " has data rows");
        }
        List<String> windows = Files.readAllLines(out.resolve("attribution-windows.csv"));
        assertEquals(1 + 2 * 2, windows.size(), "2 variants x 1 test section x 2 crops");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,"), "images are embedded");
        assertTrue(html.contains("Attribution on the test windows") && html.contains("all membrane"));

        RunResults results = RunResults.read(out);
        assertEquals(List.of("uniform", "none"), results.variants().stream().map(RunResults.VariantResult::strategy).toList());
        for (RunResults.VariantResult v : results.variants()) {
            assertEquals(1, v.history().size());
            assertEquals(1, v.epochShares().size());
            double sum = 0;
            for (var share : v.attribution().channelShares()) {
                sum += share.mean();
            }
            assertEquals(1, sum, 1e-9, "channel shares sum to 1");
            assertTrue(v.scores().dice() >= 0 && v.scores().dice() <= 1);
            assertEquals(v.strategy(), ModelBundle.readMetadata(out.resolve(v.bundle())).symmetrization().strategy());
        }
        assertEquals(0, results.variants().get(0).symmetry().symmetryErrorAfter(), 1e-6, "uniform is symmetric");

        // the report command renders the same run again
        Files.delete(out.resolve("report.html"));
        CliRun report = CliRun.of("report", "--run", out.toString());
        assertEquals(EmsymCli.OK, report.exitCode(), report::toString);
        assertTrue(Files.readString(out.resolve("report.html")).contains("data:image/png;base64,"));
    }

    @Test
    void pipelineStopsOnTooFewSections() {
        Path weights = NsfwjsTestModel.modelJson();
        CliRun run = CliRun.of("pipeline", "--weights", weights.toString(), "--out", dir.resolve("r").toString(),
                "--set", "synthShape=[3,64,64]", "--set", "testSections=2", "--set", "patchSize=64",
                "--set", "attributionCrop=64");
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("testSections"), run::toString);
    }
}
