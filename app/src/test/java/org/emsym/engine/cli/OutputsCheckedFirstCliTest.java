package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.progress.Cancellation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command checks its outputs before any compute starts (issue 16 item 8): an output under a regular file
 * (which stands for any folder that cannot be written, also when tests run as root), a section folder that is not
 * empty, a report or CSV that cannot be written. Each is refused with exit 2 naming the option and the path, and
 * no progress was reported, so nothing was computed.
 */
class OutputsCheckedFirstCliTest {

    @TempDir
    static Path shared;

    private static Path image;
    private static Path labels;
    private static Path bundle;

    @TempDir
    Path dir;

    /** A regular file: nothing can be created below it. */
    private Path blocker;

    @BeforeAll
    static void inputs() throws Exception {
        image = shared.resolve("image.tif");
        labels = shared.resolve("labels.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "4x64x64", "--out", image.toString(), "--labels-out",
                labels.toString()).exitCode());
        bundle = shared.resolve("bundle");
        CliRun made = CliRun.of("symmetrize", "--weights", NsfwjsTestModel.modelJson().toString(), "--size", "64",
                "--decoder", "16,16,16,8,8", "--out", bundle.toString());
        assertEquals(EmsymCli.OK, made.exitCode(), made::toString);
    }

    private Path blocker() throws Exception {
        if (blocker == null) {
            blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        }
        return blocker;
    }

    /** A section folder that already holds a file. */
    private Path nonEmptyFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("sections"));
        Files.writeString(folder.resolve("0000.png"), "earlier output");
        return folder;
    }

    /** Runs {@code args}, expects exit 2 naming {@code option} and {@code path}, and no progress at all. */
    private static void refused(String option, Path path, String... args) {
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        CliRun run = CliRun.of((fraction, message) -> progress.add(message), Cancellation.NEVER, args);
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(option) && run.err().contains(path.toString()), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
        assertEquals(List.of(), progress, "nothing was computed: " + run);
    }

    private static String weights() {
        return NsfwjsTestModel.modelJson().toString();
    }

    @Test
    void train() throws Exception {
        Path checkpoints = blocker().resolve("checkpoints");
        refused("--checkpoints", checkpoints, "train", "--weights", weights(), "-i", image.toString(), "-l",
                labels.toString(), "--decoder", "16,16,16,8,8", "--epochs", "1", "--steps", "1", "--patch", "64",
                "--batch", "2", "-o", dir.resolve("model").toString(), "--checkpoints", checkpoints.toString());
        Path out = blocker().resolve("model");
        refused(out.toString(), out, "train", "--weights", weights(), "-i", image.toString(), "-l",
                labels.toString(), "--decoder", "16,16,16,8,8", "--epochs", "1", "--steps", "1", "--patch", "64",
                "--batch", "2", "-o", out.toString());
    }

    @Test
    void predict() throws Exception {
        Path folder = nonEmptyFolder();
        refused("--labels-out", folder, "predict", "-m", bundle.toString(), "-i", image.toString(), "--labels-out",
                folder.toString());
        Path out = blocker().resolve("p.tif");
        refused("--out", out, "predict", "-m", bundle.toString(), "-i", image.toString(), "-o", out.toString());
        Path components = blocker().resolve("c.tif");
        refused("--components-out", components, "predict", "-m", bundle.toString(), "-i", image.toString(),
                "-o", dir.resolve("p.tif").toString(), "--components-out", components.toString());
        assertFalse(Files.exists(dir.resolve("p.tif")), "no output written when another output is refused");
    }

    @Test
    void attribute() throws Exception {
        Path csv = blocker().resolve("shares.csv");
        refused("--csv", csv, "attribute", "-m", bundle.toString(), "-i", image.toString(), "--crop", "64",
                "--steps", "2", "--csv", csv.toString());
    }

    @Test
    void score() throws Exception {
        Path csv = blocker().resolve("scores.csv");
        refused("--csv", csv, "score", "-p", labels.toString(), "-t", labels.toString(), "--csv", csv.toString());
    }

    @Test
    void symmetrize() throws Exception {
        Path csv = blocker().resolve("norms.csv");
        refused("--csv", csv, "symmetrize", "--weights", weights(), "--size", "64", "--decoder", "16,16,16,8,8",
                "--csv", csv.toString());
        Path png = blocker().resolve("kernels.png");
        refused("--kernels-png", blocker(), "symmetrize", "--weights", weights(), "--size", "64", "--decoder",
                "16,16,16,8,8", "--kernels-png", png.toString());
    }

    @Test
    void synth() throws Exception {
        Path out = blocker().resolve("image.tif");
        refused("--out", out, "synth", "--shape", "2x32x32", "--out", out.toString(), "--labels-out",
                dir.resolve("labels.tif").toString());
        Path folder = nonEmptyFolder();
        refused("--labels-out", folder, "synth", "--shape", "2x32x32", "--out", dir.resolve("image.tif").toString(),
                "--labels-out", folder.toString());
        assertFalse(Files.exists(dir.resolve("image.tif")), "no output written when another output is refused");
    }

    @Test
    void pipeline() throws Exception {
        Path out = blocker().resolve("run");
        refused("'out'", out, "pipeline", "-o", out.toString(), "--epochs", "1", "--steps", "1", "-w", weights());
        // a variant's bundle folder holding other files is found before training, not when the bundle is saved
        Path run = dir.resolve("run");
        Path variant = Files.createDirectories(run.resolve("models").resolve("uniform"));
        Files.writeString(variant.resolve("notes.txt"), "keep me");
        refused("notes.txt", variant, "pipeline", "-o", run.toString(), "--epochs", "1", "--steps", "1", "-w",
                weights(), "--strategies", "uniform");
        assertFalse(Files.exists(run.resolve("config.json")), "nothing written");
    }
}
