package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.VolumeWriters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} warns on stderr, before training, about labels and images that train but not as meant. */
class TrainWarningsCliTest {

    @TempDir
    Path dir;

    private Volume image;
    private Volume labels;

    @BeforeEach
    void synth() throws Exception {
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "6x64x64", "--out", dir.resolve("image.tif").toString(),
                "--labels-out", dir.resolve("labels.tif").toString()).exitCode());
        image = VolumeReaders.open(dir.resolve("image.tif"), null);
        labels = VolumeReaders.open(dir.resolve("labels.tif"), null);
    }

    private CliRun train(Path image, Path labels, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--weights", NsfwjsTestModel.modelJson().toString(),
                "--image", image.toString(), "--labels", labels.toString(), "--steps", "1", "--patch", "64",
                "--epochs", "1", "--batch", "2", "--decoder", "16,16,16,8,8", "-o", dir.resolve("model").toString(),
                "--overwrite"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Writes {@code volume}'s sections mapped by {@code f} as {@code type} to {@code name}. */
    private Path write(String name, Volume volume, PixelType type, java.util.function.DoubleUnaryOperator f)
            throws Exception {
        float[][] s = volume.readSlab(0, volume.shape().depth());
        for (float[] section : s) {
            for (int i = 0; i < section.length; i++) {
                section[i] = (float) f.applyAsDouble(section[i]);
            }
        }
        Path file = dir.resolve(name);
        VolumeWriters.write(new ArrayVolume(volume.shape(), type, s), file);
        return file;
    }

    @Test
    void invertedLabelsAndTwelveBitDataAreWarnedWithTheOptionThatHelps() throws Exception {
        Path inverted = write("inverted.tif", labels, PixelType.UINT8, v -> v == 0 ? 255 : 0);
        Path twelveBit = write("12bit.tif", image, PixelType.UINT16, v -> v * 16); // 0..4080 of 0..65535
        CliRun run = train(twelveBit, inverted);
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        assertTrue(run.err().contains("warning: labels " + inverted) && run.err().contains("look inverted")
                && run.err().contains("add --positive-is-zero"), run::toString);
        assertTrue(run.err().contains("warning: image " + twelveBit) && run.err().contains("12-bit")
                && run.err().contains("add --normalization percentile"), run::toString);
        assertFalse(run.out().contains("warning"), "warnings go to stderr");

        // the options the warnings point at silence them, and the bundle records the normalization
        CliRun fixed = train(twelveBit, inverted, "--positive-is-zero", "--normalization", "percentile");
        assertEquals(EmsymCli.OK, fixed.exitCode(), fixed::toString);
        assertFalse(fixed.err().contains("warning"), fixed::toString);
        assertTrue(Files.readString(dir.resolve("model").resolve("model.json")).contains("PERCENTILE"));
    }

    @Test
    void allBackgroundLabelsAreWarned() throws Exception {
        Path zeros = write("zeros.tif", labels, PixelType.UINT8, v -> 0);
        CliRun run = train(dir.resolve("image.tif"), zeros);
        assertEquals(EmsymCli.OK, run.exitCode(), run::toString);
        assertTrue(run.err().contains("warning: labels " + zeros) && run.err().contains("no pixel of the positive"
                + " class") && run.err().contains("check --labels"), run::toString);
    }

    @Test
    void anUnknownNormalizationIsRefusedNamingTheOption() {
        CliRun run = train(dir.resolve("image.tif"), dir.resolve("labels.tif"), "--normalization", "zscore");
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--normalization") && run.err().contains("zscore"), run::toString);
    }

    @Test
    void thePipelineWarnsWithItsConfigKey() throws Exception {
        Path inverted = write("inverted.tif", labels, PixelType.UINT8, v -> v == 0 ? 255 : 0);
        // all sections as test sections: refused right after loading the data, so no training runs here
        CliRun run = CliRun.of("pipeline", "-i", dir.resolve("image.tif").toString(), "-l", inverted.toString(),
                "-w", NsfwjsTestModel.modelJson().toString(), "-o", dir.resolve("run").toString(), "--set",
                "testSections=6");
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains("warning: labels " + inverted) && run.err().contains("look inverted")
                && run.err().contains("\"positiveIsZero\": true"), run::toString);
    }
}
