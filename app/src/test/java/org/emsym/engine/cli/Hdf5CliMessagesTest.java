package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 on the command line (issue 16 messages): {@code --dataset} may be left out when the file holds exactly one
 * dataset (used, and said so at INFO, which the CLI prints on stderr), and jhdf's INFO/WARNING noise on the
 * project's own files is silenced by the CLI's logging setup.
 */
class Hdf5CliMessagesTest {

    @TempDir
    Path dir;

    /** Collects the records published to a logger (and, through it, its children). */
    private static final class Records extends Handler implements AutoCloseable {
        final List<LogRecord> records = new ArrayList<>();
        private final Logger logger;

        Records(String name) {
            logger = Logger.getLogger(name);
            setLevel(Level.ALL);
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(LogRecord r) {
            if (logger.isLoggable(r.getLevel())) {
                records.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }

        List<String> messages() {
            return records.stream().map(r -> r.getLevel() + ": " + r.getMessage()).toList();
        }
    }

    @Test
    void theOnlyDatasetIsUsedWithoutDatasetAndSaidSo() throws Exception {
        Path labels = dir.resolve("labels.h5");
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "2x32x32", "--out", dir.resolve("image.h5").toString(),
                "--labels-out", labels.toString()).exitCode());
        try (Records info = new Records("org.emsym.engine.volume.io")) {
            CliRun score = CliRun.of("score", "-p", labels.toString(), "-t", labels.toString());
            assertEquals(EmsymCli.OK, score.exitCode(), score::toString);
            assertTrue(info.messages().stream().anyMatch(m -> m.startsWith("INFO: " + labels)
                    && m.contains("its only dataset /data")), info.messages()::toString);
        }
    }

    @Test
    void jhdfNoiseOnTheProjectsOwnFilesIsSilenced() throws Exception {
        CliLogging.configure();
        try (Records jhdf = new Records("io.jhdf")) {
            Path image = dir.resolve("image.h5");
            assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "2x32x32", "--out", image.toString(),
                    "--labels-out", dir.resolve("labels.h5").toString()).exitCode());
            CliRun window = CliRun.of("score", "-p", dir.resolve("labels.h5").toString(), "--prediction-dataset",
                    "/data", "-t", dir.resolve("labels.h5").toString(), "--truth-dataset", "/data");
            assertEquals(EmsymCli.OK, window.exitCode(), window::toString);
            assertEquals(List.of(), jhdf.messages(), "nothing from jhdf reaches stderr");
        }
        assertTrue(Logger.getLogger("io.jhdf.HdfFile").isLoggable(Level.WARNING), "other jhdf warnings still shown");
    }
}
