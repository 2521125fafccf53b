package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.emsym.engine.model.NsfwjsTestModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messages of issue 16: each names what a user typed, in words a user knows. */
class MessagesCliTest {

    @TempDir
    static Path shared;

    private static Path bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void bundle() {
        bundle = shared.resolve("bundle");
        CliRun made = CliRun.of("symmetrize", "--weights", NsfwjsTestModel.modelJson().toString(), "--size", "64",
                "--decoder", "16,16,16,8,8", "--out", bundle.toString());
        assertEquals(EmsymCli.OK, made.exitCode(), made::toString);
    }

    private Path synth(String image, String labels, String shape) {
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", shape, "--out", dir.resolve(image).toString(),
                "--labels-out", dir.resolve(labels).toString()).exitCode());
        return dir.resolve(image);
    }

    @Test
    void trainSettingsAreNamedByTheirOption() {
        Path image = synth("image.tif", "labels.tif", "3x64x64");
        CliRun run = CliRun.of("train", "--weights", NsfwjsTestModel.modelJson().toString(), "-i", image.toString(),
                "-l", dir.resolve("labels.tif").toString(), "-o", dir.resolve("m").toString(), "--patch", "64",
                "--validation-fraction", "2");
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--validation-fraction must lie in (0, 1), got 2.0"), run::toString);
        assertFalse(run.err().contains("validationFraction"), run::toString);
        assertEquals("--steps must be > 0, got 0", TrainCommand.withOptionName("stepsPerEpoch must be > 0, got 0"));
        assertEquals("device 'x' is unknown", TrainCommand.withOptionName("device 'x' is unknown"));
    }

    @Test
    void aModelErrorNamesTheBundleOnce() {
        Path image = synth("image.tif", "labels.tif", "3x64x64");
        CliRun run = CliRun.of("predict", "-m", bundle.toString(), "-i", image.toString(), "-o",
                dir.resolve("p.tif").toString(), "--tile", "48");
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(bundle.toString()) && run.err().contains("48"), run::toString);
        assertFalse(run.err().contains("model model"), run::toString);
    }

    @Test
    void aMissingBundleFolderIsSaidToBeMissing() {
        Path image = synth("image.tif", "labels.tif", "3x64x64");
        Path missing = dir.resolve("no-such-bundle");
        CliRun run = CliRun.of("predict", "-m", missing.toString(), "-i", image.toString(), "-o",
                dir.resolve("p.tif").toString());
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("model bundle folder does not exist: " + missing), run::toString);
        assertFalse(run.err().contains("model.json"), run::toString);
    }

    @Test
    void aSetValueOfTheWrongTypeNamesTheKey() {
        CliRun run = CliRun.of("pipeline", "--set", "epochs=abc", "-o", dir.resolve("run").toString());
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--set epochs=abc: key 'epochs' takes a number, got \"abc\""), run::toString);
        assertFalse(run.err().contains("NumberFormatException"), run::toString);
        CliRun flag = CliRun.of("pipeline", "--set", "zFlip=maybe", "-o", dir.resolve("run").toString());
        assertTrue(flag.err().contains("'zFlip' takes true or false"), flag::toString);
    }

    @Test
    void predictedPngSectionsKeepTheInputsSectionNames() throws Exception {
        Path numbered = dir.resolve("numbered");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "3x64x64", "--out", numbered.toString(),
                "--labels-out", dir.resolve("labels.tif").toString()).exitCode());
        Path input = Files.createDirectories(dir.resolve("sections"));
        List<String> names = List.of("19.png", "20.png", "21.png");
        try (Stream<Path> files = Files.list(numbered).sorted()) {
            List<Path> sections = files.toList();
            assertEquals(3, sections.size(), sections::toString);
            for (int z = 0; z < 3; z++) {
                Files.copy(sections.get(z), input.resolve(names.get(z)));
            }
        }
        Path out = dir.resolve("masks");
        CliRun run = CliRun.of("predict", "-m", bundle.toString(), "-i", input.toString(), "--labels-out",
                out.toString(), "--tile", "64");
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(names, files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
