package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.train.Checkpoint;
import org.emsym.engine.train.TrainingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Subcommands on the real pretrained nsfwjs MobileNetV2 (skipped when the build could not fetch it). */
class EmsymCliModelTest {

    @TempDir
    Path dir;

    @Test
    void symmetrizeReportsAndSavesABundleThatLoadModelReads() throws Exception {
        Path weights = NsfwjsTestModel.modelJson();
        Path bundle = dir.resolve("bundle");
        Path csv = dir.resolve("sym.csv");
        CliRun sym = CliRun.of("symmetrize", "--weights", weights.toString(), "--strategy", "uniform", "-k", "2",
                "--size", "64", "--decoder", "16,16,16,8,8", "--csv", csv.toString(), "--kernels-png",
                dir.resolve("k.png").toString(), "--out", bundle.toString());
        assertEquals(EmsymCli.OK, sym.exitCode(), sym::toString);
        assertTrue(sym.out().contains("uniform on Conv1/kernel: 3 -> 5 channels"), sym::toString);
        assertTrue(sym.out().contains("input (1, 5, 64, 64) -> output (1, 1, 64, 64)"), sym::toString);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(1 + 3 + 5, rows.size(), "header, 3 RGB channels before, 5 window channels after");
        assertTrue(Files.size(dir.resolve("k-before.png")) > 0 && Files.size(dir.resolve("k-after.png")) > 0);

        ModelMetadata meta = ModelBundle.readMetadata(bundle);
        assertEquals("uniform", meta.symmetrization().strategy());
        assertEquals(0, meta.symmetrization().symmetryErrorAfter(), 1e-6);
        assertTrue(meta.symmetrization().symmetryErrorBefore() > 0.1, "the RGB kernel is asymmetric");

        CliRun load = CliRun.of("load-model", "--bundle", bundle.toString(), "--size", "64");
        assertEquals(EmsymCli.OK, load.exitCode(), load::toString);
        assertTrue(load.out().contains("5 input channels (k=2)"), load::toString);
        assertTrue(load.out().contains("-> output (1, 1, 64, 64)"), load::toString);

        CliRun pretrained = CliRun.of("load-model", "--weights", weights.toString(), "--size", "32");
        assertEquals(EmsymCli.OK, pretrained.exitCode(), pretrained::toString);
        assertTrue(pretrained.out().contains("first convolution 'Conv1/kernel' [32, 3, 3, 3]"), pretrained::toString);
    }

    @Test
    void predictAndAttributeWithABundle() throws Exception {
        Path weights = NsfwjsTestModel.modelJson();
        Path bundle = dir.resolve("bundle");
        assertEquals(EmsymCli.OK, CliRun.of("symmetrize", "--weights", weights.toString(), "--size", "64", "--decoder",
                "16,16,16,8,8", "--out", bundle.toString()).exitCode());
        Path image = dir.resolve("image.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "3x64x96", "--out", image.toString(), "--labels-out",
                dir.resolve("labels.tif").toString()).exitCode());
        Path probabilities = dir.resolve("pred/p.tif");
        Path mask = dir.resolve("pred/mask.tif");
        CliRun predict = CliRun.of("predict", "--model", bundle.toString(), "--image", image.toString(), "--tile", "64",
                "--out", probabilities.toString(), "--labels-out", mask.toString());
        assertEquals(EmsymCli.OK, predict.exitCode(), predict::toString);
        org.emsym.engine.volume.Volume p = org.emsym.engine.volume.io.VolumeReaders.open(probabilities);
        assertEquals(new org.emsym.engine.volume.VolumeShape(3, 64, 96), p.shape());
        for (float v : p.readSlab(0, 3)[1]) {
            assertTrue(v >= 0 && v <= 1, "probability " + v);
        }
        assertEquals(new org.emsym.engine.volume.VolumeShape(3, 64, 96),
                org.emsym.engine.volume.io.VolumeReaders.open(mask).shape());

        Path csv = dir.resolve("shares.csv");
        CliRun attribute = CliRun.of("attribute", "--model", bundle.toString(), "--image", image.toString(), "--crop",
                "64", "--crops-per-section", "2", "--method", "SALIENCY", "--sections", "0,2", "--csv", csv.toString());
        assertEquals(EmsymCli.OK, attribute.exitCode(), attribute::toString);
        assertTrue(attribute.out().contains("attribution shares over 4 windows"), attribute::toString);
        List<String> rows = Files.readAllLines(csv);
        assertEquals(5, rows.size());
        String[] f = rows.get(1).split(",");
        double sum = Double.parseDouble(f[3]) + Double.parseDouble(f[4]) + Double.parseDouble(f[5]);
        assertEquals(1, sum, 1e-9, "shares of one window sum to 1");

        CliRun badSection = CliRun.of("attribute", "--model", bundle.toString(), "--image", image.toString(), "--crop",
                "64", "--sections", "5");
        assertEquals(EmsymCli.BAD_INPUT, badSection.exitCode(), badSection::toString);
        assertTrue(badSection.err().contains("section 5"), badSection::toString);
    }

    @Test
    void symmetrizeRejectsAnUnknownStrategyAndABadSize() {
        Path weights = NsfwjsTestModel.modelJson();
        CliRun strategy = CliRun.of("symmetrize", "--weights", weights.toString(), "--strategy", "mirror");
        assertEquals(EmsymCli.BAD_INPUT, strategy.exitCode(), strategy::toString);
        assertTrue(strategy.err().contains("'mirror'"), strategy::toString);
        CliRun size = CliRun.of("symmetrize", "--weights", weights.toString(), "--size", "50",
                "--decoder", "16,16,16,8,8");
        assertEquals(EmsymCli.BAD_INPUT, size.exitCode(), size::toString);
        assertTrue(size.err().contains("multiples of 32"), size::toString);
    }

    @Test
    void ctrlCDuringTrainingExits130AndKeepsTheLastCheckpoint() throws Exception {
        Path weights = NsfwjsTestModel.modelJson();
        Path image = dir.resolve("image.tif");
        Path labels = dir.resolve("labels.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "6x64x64", "--out", image.toString(), "--labels-out",
                labels.toString()).exitCode());
        InterruptCancellation ctrlC = new InterruptCancellation();
        Path bundle = dir.resolve("model");
        Path checkpoints = dir.resolve("ckpt");
        // what the SIGINT handler does, requested as soon as the second epoch has started
        CliRun run = CliRun.of((fraction, message) -> {
            if (message.startsWith("epoch 2/")) {
                ctrlC.request();
            }
        }, ctrlC, "train", "--weights", weights.toString(), "--image", image.toString(), "--labels", labels.toString(),
                "--epochs", "3", "--steps", "2", "--batch", "1", "--patch", "64", "--decoder", "16,16,16,8,8",
                "--device", "cpu", "--checkpoints", checkpoints.toString(), "--out", bundle.toString());
        assertEquals(EmsymCli.CANCELED, run.exitCode(), run::toString);
        assertTrue(run.err().contains("canceled"), run::toString);
        TrainingState state = Checkpoint.readState(checkpoints.resolve(Checkpoint.LAST));
        assertEquals(1, state.nextEpoch(), "the checkpoint holds the finished first epoch");
        assertEquals(1, state.history().size());
        assertFalse(Files.exists(bundle), "no bundle from a canceled run");
    }
}
