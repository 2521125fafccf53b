package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.volume.VolumeShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code synth} refuses shapes it cannot generate in memory up front, naming the need, instead of an OutOfMemoryError. */
class SynthSizeCliTest {

    @TempDir
    Path dir;

    @Test
    void aShapeBeyondTheHeapExitsTwoBeforeAnyWorkNamingTheNeed() {
        Path image = dir.resolve("image.tif");
        for (String shape : new String[] {"100000x100000x100000", "1x50000x50000"}) {
            CliRun run = CliRun.of("synth", "--shape", shape, "--out", image.toString(), "--labels-out",
                    dir.resolve("labels.tif").toString());
            assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
            assertTrue(run.err().contains("--shape") && run.err().contains("GiB"), run::toString);
            assertFalse(Files.exists(image));
        }
    }

    @Test
    void theEstimateIsSixteenBytesAVoxel() {
        assertDoesNotThrow(() -> SynthCommand.requireFits(new VolumeShape(4, 64, 64), 4L * 64 * 64 * 16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SynthCommand.requireFits(new VolumeShape(4, 64, 64), 4L * 64 * 64 * 16 - 1));
        assertTrue(e.getMessage().contains("16 bytes per voxel"), e.getMessage());
    }
}
