package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmsymCliTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"synth", "window", "load-model", "symmetrize", "train", "predict", "convert", "attribute", "score",
        "report", "pipeline"})
    void everySubcommandExplainsItsOptions(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Usage: emsym " + command), run::toString);
        assertTrue(run.out().contains("--help"), run::toString);
    }

    @Test
    void helpShowsDefaults() {
        assertTrue(CliRun.of("synth", "--help").out().contains("Default: 24x256x256"));
        assertTrue(CliRun.of("train", "--help").out().contains("Default: uniform"));
        assertTrue(CliRun.of("--help").out().contains("pipeline"));
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("missing subcommand"), run::toString);
    }

    @Test
    void badArgumentsExitTwoNamingTheProblem() {
        CliRun shape = CliRun.of("synth", "--shape", "3x4");
        assertEquals(EmsymCli.BAD_INPUT, shape.exitCode(), shape::toString);
        assertTrue(shape.err().contains("--shape") && shape.err().contains("3x4"), shape::toString);

        Path missing = dir.resolve("nothing.tif");
        CliRun file = CliRun.of("window", "--image", missing.toString());
        assertEquals(EmsymCli.BAD_INPUT, file.exitCode(), file::toString);
        assertTrue(file.err().contains(missing.toString()), file::toString);

        CliRun required = CliRun.of("train", "--out", dir.resolve("m").toString());
        assertEquals(EmsymCli.BAD_INPUT, required.exitCode(), required::toString);
        assertTrue(required.err().contains("--image"), required::toString);

        CliRun key = CliRun.of("pipeline", "--set", "epocs=3", "--print-config");
        assertEquals(EmsymCli.BAD_INPUT, key.exitCode(), key::toString);
        assertTrue(key.err().contains("'epocs'"), key::toString);

        CliRun value = CliRun.of("pipeline", "--set", "patchSize=100", "--print-config");
        assertEquals(EmsymCli.BAD_INPUT, value.exitCode(), value::toString);
        assertTrue(value.err().contains("'patchSize'") && value.err().contains("100"), value::toString);

        CliRun weights = CliRun.of("symmetrize", "--weights", dir.resolve("w.bin").toString());
        assertEquals(EmsymCli.BAD_INPUT, weights.exitCode(), weights::toString);
        assertTrue(weights.err().contains("w.bin"), weights::toString);
    }

    @Test
    void pipelineConfigLayersAndDescription() {
        CliRun described = CliRun.of("pipeline", "--describe-config");
        assertEquals(EmsymCli.OK, described.exitCode(), described::toString);
        for (String key : org.emsym.engine.pipeline.PipelineConfig.KEYS.keySet()) {
            assertTrue(described.out().contains(key), key);
        }
        CliRun printed = CliRun.of("pipeline", "--epochs", "7", "--set", "strategies=[\"outer-average\"]",
                "--print-config");
        assertEquals(EmsymCli.OK, printed.exitCode(), printed::toString);
        assertTrue(printed.out().contains("\"epochs\": 7"), printed::toString);
        assertTrue(printed.out().contains("\"outer-average\""), printed::toString);
    }

    @Test
    void synthThenWindowOnATinyVolume() throws Exception {
        Path image = dir.resolve("image.tif");
        Path labels = dir.resolve("labels.tif");
        CliRun synth = CliRun.of("synth", "--shape", "5x64x48", "--seed", "3", "--out", image.toString(), "--labels-out",
                labels.toString());
        assertEquals(EmsymCli.OK, synth.exitCode(), synth::toString);
        Volume img = VolumeReaders.open(image);
        Volume lab = VolumeReaders.open(labels);
        assertEquals(new VolumeShape(5, 64, 48), img.shape());
        assertEquals(PixelType.UINT8, img.pixelType());
        float[][] l = lab.readSlab(0, 5);
        long membrane = 0;
        for (float[] s : l) {
            for (float v : s) {
                assertTrue(v == 0 || v == 255, "label value " + v);
                membrane += v == 255 ? 1 : 0;
            }
        }
        assertTrue(membrane > 0 && membrane < 5L * 64 * 48, "labels hold membrane and cell pixels");

        Path window = dir.resolve("window.tif");
        CliRun w = CliRun.of("window", "--image", image.toString(), "-k", "1", "--centre", "0", "--out", window.toString());
        assertEquals(EmsymCli.OK, w.exitCode(), w::toString);
        assertTrue(w.out().contains("k=1"), w::toString);
        Volume win = VolumeReaders.open(window);
        assertEquals(new VolumeShape(3, 64, 48), win.shape());
        float[][] sections = img.readSlab(0, 2);
        float[][] channels = win.readSlab(0, 3);
        // centre 0 with REFLECT: z-1 is section 1, then sections 0 and 1
        assertArrayEquals(sections[1], channels[0]);
        assertArrayEquals(sections[0], channels[1]);
        assertArrayEquals(sections[1], channels[2]);

        CliRun bad = CliRun.of("window", "--image", image.toString(), "-k", "1", "--boundary", "SKIP", "--centre", "0",
                "--out", dir.resolve("w2.tif").toString());
        assertEquals(EmsymCli.BAD_INPUT, bad.exitCode(), bad::toString);
        assertTrue(bad.err().contains("--centre 0"), bad::toString);
    }

    @Test
    void scoreComparesAStackWithItselfAndItsInverse() throws Exception {
        Path image = dir.resolve("i.tif");
        Path labels = dir.resolve("l.tif");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "2x32x32", "--out", image.toString(), "--labels-out",
                labels.toString()).exitCode());
        CliRun same = CliRun.of("score", "--prediction", labels.toString(), "--truth", labels.toString(), "--threshold",
                "127", "--csv", dir.resolve("s.csv").toString());
        assertEquals(EmsymCli.OK, same.exitCode(), same::toString);
        assertTrue(same.out().contains("| 1.0000 | 1.0000 | 0.0000 |"), same::toString);
        assertTrue(same.out().contains("rand_error | voi_split | voi_merge"), same::toString);
        // identical objects: no Rand error, no split or merge information
        assertTrue(same.out().contains("| 0.0000 | 0.0000 | 0.0000 |\n"), same::toString);
        CliRun inverse = CliRun.of("score", "--prediction", labels.toString(), "--truth", labels.toString(),
                "--threshold", "127", "--positive-is-zero");
        assertEquals(EmsymCli.OK, inverse.exitCode(), inverse::toString);
        assertTrue(inverse.out().contains("| 0.0000 | 0.0000 | 1.0000 |"), inverse::toString);
        // inverted: the proposal's objects are the truth's background, so every truth object is merged or lost
        String[] row = inverse.out().strip().lines().reduce((a, b) -> b).orElseThrow().split("\\|");
        double randError = Double.parseDouble(row[row.length - 3].strip());
        assertTrue(randError > 0.5, inverse::toString);
        assertEquals(2, java.nio.file.Files.readAllLines(dir.resolve("s.csv")).size());
    }
}
