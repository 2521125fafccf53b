package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.NsfwjsTestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs that would destroy data already there (issue 16, items 1 and 2) are refused with exit 2. */
class OutputSafetyCliTest {

    @TempDir
    Path dir;

    private CliRun symmetrize(Path out, String... extra) throws Exception {
        String[] base = {"symmetrize", "--weights", NsfwjsTestModel.modelJson().toString(), "--size", "64", "--decoder",
                "16,16,16,8,8", "--out", out.toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void outFolderHoldingOtherFilesIsRefusedAndKept() throws Exception {
        Path target = dir.resolve("results");
        Files.createDirectories(target);
        Path precious = Files.writeString(target.resolve("notes.txt"), "keep me");
        CliRun run = symmetrize(target);
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(target.toString()), run::toString);
        assertEquals("keep me", Files.readString(precious));
        assertFalse(Files.exists(target.resolve(ModelBundle.METADATA_FILE)), run::toString);
    }

    @Test
    void outThatIsAFileIsRefusedAndKept() throws Exception {
        Path target = Files.writeString(dir.resolve("image.tif"), "not a bundle");
        CliRun run = symmetrize(target);
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(target.toString()), run::toString);
        assertEquals("not a bundle", Files.readString(target));
    }

    @Test
    void anExistingBundleIsReplacedOnlyWithOverwrite() throws Exception {
        Path bundle = dir.resolve("bundle");
        assertEquals(EmsymCli.OK, symmetrize(bundle).exitCode());
        byte[] params = Files.readAllBytes(bundle.resolve(ModelBundle.PARAMETERS_FILE));
        CliRun again = symmetrize(bundle, "--seed", "7");
        assertEquals(EmsymCli.BAD_INPUT, again.exitCode(), again::toString);
        assertTrue(again.err().contains("--overwrite"), again::toString);
        assertArrayEquals(params, Files.readAllBytes(bundle.resolve(ModelBundle.PARAMETERS_FILE)));
        CliRun replace = symmetrize(bundle, "--seed", "7", "--overwrite");
        assertEquals(EmsymCli.OK, replace.exitCode(), replace::toString);
        assertFalse(java.util.Arrays.equals(params, Files.readAllBytes(bundle.resolve(ModelBundle.PARAMETERS_FILE))));
        try (var entries = Files.list(dir)) {
            assertEquals(0, entries.filter(p -> p.getFileName().toString().startsWith(".bundle")).count(),
                    "no temp folders left beside the bundle");
        }
    }

    @Test
    void trainOutThatIsTheTrainingImageIsRefusedBeforeCompute() throws Exception {
        Path image = dir.resolve("image.tif");
        Path labels = dir.resolve("labels.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "8x64x64", "--out", image.toString(), "--labels-out",
                labels.toString()).exitCode());
        byte[] before = Files.readAllBytes(image);
        CliRun run = CliRun.of("train", "--weights", NsfwjsTestModel.modelJson().toString(), "--image", image.toString(),
                "--labels", labels.toString(), "--decoder", "16,16,16,8,8", "--epochs", "1", "--steps", "1", "--patch",
                "64", "--batch", "2", "-o", image.toString());
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(image.toString()) && run.err().contains("refusing to replace"), run::toString);
        assertArrayEquals(before, Files.readAllBytes(image));
    }

    @Test
    void predictOutputThatIsItsInputIsRefused() throws Exception {
        Path bundle = dir.resolve("bundle");
        assertEquals(EmsymCli.OK, symmetrize(bundle).exitCode());
        Path image = dir.resolve("image.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "2x64x64", "--out", image.toString(), "--labels-out",
                dir.resolve("labels.tif").toString()).exitCode());
        byte[] before = Files.readAllBytes(image);
        for (String option : new String[] {"--out", "--labels-out", "--components-out"}) {
            CliRun run = CliRun.of("predict", "--model", bundle.toString(), "--image", image.toString(), "--tile", "64",
                    option, dir.resolve(".").resolve("image.tif").toString());
            assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
            assertTrue(run.err().contains(option) && run.err().contains("image.tif"), run::toString);
            assertArrayEquals(before, Files.readAllBytes(image));
        }
    }

    @Test
    void aPatchAndBatchThatLeaveOneBottleneckValueAreRefused() throws Exception {
        Path image = dir.resolve("image.tif");
        Path labels = dir.resolve("labels.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "8x64x64", "--out", image.toString(), "--labels-out",
                labels.toString()).exitCode());
        CliRun run = CliRun.of("train", "--weights", NsfwjsTestModel.modelJson().toString(), "--image", image.toString(),
                "--labels", labels.toString(), "--decoder", "16,16,16,8,8", "--epochs", "1", "--steps", "1", "--patch",
                "32", "--batch", "1", "-o", dir.resolve("model").toString());
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--patch 32 with --batch 1") && run.err().contains("--batch 2"), run::toString);
        assertFalse(Files.exists(dir.resolve("model")), run::toString);
    }

    @Test
    void scoreRefusesNonBinaryGroundTruthAsTrainDoes() throws Exception {
        Path image = dir.resolve("image.tif");
        Path labels = dir.resolve("labels.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "2x64x64", "--out", image.toString(), "--labels-out",
                labels.toString()).exitCode());
        CliRun run = CliRun.of("score", "-p", labels.toString(), "-t", image.toString());
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("ground truth " + image) && run.err().contains("not binary"), run::toString);
        assertEquals(EmsymCli.OK, CliRun.of("score", "-p", image.toString(), "-t", labels.toString()).exitCode());
    }
}
