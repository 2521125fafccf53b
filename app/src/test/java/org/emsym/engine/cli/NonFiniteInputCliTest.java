package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.VolumeWriters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN/Inf in a FLOAT32 input is refused with exit 2 naming file, section and count (issue 16 item 4). */
class NonFiniteInputCliTest {

    @TempDir
    Path dir;

    /** The synthetic image as FLOAT32 with a 4x4 patch of NaN in section 5. */
    private Path nanImage(Path labels) throws Exception {
        Path image = dir.resolve("image.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "8x64x64", "--out", image.toString(), "--labels-out",
                labels.toString()).exitCode());
        Volume v = VolumeReaders.open(image);
        float[][] sections = v.readSlab(0, 8);
        for (int y = 10; y < 14; y++) {
            for (int x = 20; x < 24; x++) {
                sections[5][y * 64 + x] = Float.NaN;
            }
        }
        Path nan = dir.resolve("nan.tif");
        VolumeWriters.write(new ArrayVolume(new VolumeShape(8, 64, 64), PixelType.FLOAT32, sections), nan);
        return nan;
    }

    private static void assertRefused(CliRun run, Path file) {
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(file.toString()) && run.err().contains("section 5 holds 16 non-finite values"),
                run::toString);
    }

    @Test
    void trainPredictAndScoreRefuseNaN() throws Exception {
        Path labels = dir.resolve("labels.tif");
        Path nan = nanImage(labels);
        String weights = NsfwjsTestModel.modelJson().toString();
        CliRun train = CliRun.of("train", "--weights", weights, "--image", nan.toString(), "--labels", labels.toString(),
                "--decoder", "16,16,16,8,8", "--epochs", "1", "--steps", "1", "--patch", "64", "--batch", "2", "-o",
                dir.resolve("trained").toString());
        assertRefused(train, nan);
        assertFalse(Files.exists(dir.resolve("trained")), train::toString);

        Path bundle = dir.resolve("bundle");
        assertEquals(EmsymCli.OK, CliRun.of("symmetrize", "--weights", weights, "--size", "64", "--decoder",
                "16,16,16,8,8", "--out", bundle.toString()).exitCode());
        Path out = dir.resolve("p.tif");
        CliRun predict = CliRun.of("predict", "--model", bundle.toString(), "--image", nan.toString(), "--tile", "64",
                "--out", out.toString());
        assertRefused(predict, nan);
        assertFalse(Files.exists(out), predict::toString);

        CliRun score = CliRun.of("score", "-p", nan.toString(), "-t", labels.toString());
        assertRefused(score, nan);
    }

    /**
     * A prediction with the SKIP boundary writes its first and last k sections as NaN on purpose: score skips
     * them, says so on stderr and scores the rest (before, the non-finite check refused the whole file).
     */
    @Test
    void scoreSkipsTheSectionsASkipPredictionLeavesWithoutAWindow() throws Exception {
        Path image = dir.resolve("image.tif");
        Path labels = dir.resolve("labels.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "5x64x64", "--out", image.toString(), "--labels-out",
                labels.toString()).exitCode());
        Path bundle = dir.resolve("bundle");
        assertEquals(EmsymCli.OK, CliRun.of("symmetrize", "--weights", NsfwjsTestModel.modelJson().toString(),
                "--size", "64", "--decoder", "16,16,16,8,8", "--out", bundle.toString()).exitCode());
        Path out = dir.resolve("p.tif");
        CliRun predict = CliRun.of("predict", "--model", bundle.toString(), "--image", image.toString(), "--tile",
                "64", "--boundary", "SKIP", "--out", out.toString(), "--labels-out", dir.resolve("mask.tif").toString());
        // the mask is thresholded from the probabilities read back as stored, NaN sections included
        assertEquals(EmsymCli.OK, predict.exitCode(), predict::toString);

        CliRun score = CliRun.of("score", "-p", out.toString(), "-t", labels.toString());
        assertEquals(EmsymCli.OK, score.exitCode(), score::toString);
        assertTrue(score.err().contains("2 sections of " + out) && score.err().contains("not scored: [0, 4]"),
                score::toString);
        assertTrue(score.out().contains("dice"), score::toString);
    }
}
