package org.emsym.engine.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.emsym.engine.model.DeviceSpec;

/**
 * Logging of the command line: one line per record ({@code LEVEL: message}); the engine's INFO records (such as
 * the device choice) except the epoch records, which the commands print themselves; from Deep Java Library
 * only warnings; from jhdf (HDF5) only warnings, without the two it gives on every file the project writes. DJL logs through SLF4J, which the
 * distribution binds to java.util.logging ({@code slf4j-jdk14}), so both end up here.
 */
final class CliLogging {

    // java.util.logging keeps loggers weakly: hold the configured ones so their levels stay
    private static final Logger DJL = Logger.getLogger("ai.djl");
    private static final Logger DJL_CUDA = Logger.getLogger("ai.djl.util.cuda");
    private static final Logger TRAINER = Logger.getLogger("org.emsym.engine.train.SegmentationTrainer");
    private static final Logger JHDF = Logger.getLogger("io.jhdf");
    private static final Logger JHDF_MESSAGE = Logger.getLogger("io.jhdf.object.message.Message");
    private static final Logger JHDF_WRITER = Logger.getLogger("io.jhdf.WritableHdfFile");

    private CliLogging() {
    }

    /** Call first thing in {@code main}, before anything logs. */
    static void configure() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        DJL.setLevel(Level.WARNING);
        // probing for a GPU on a machine without one warns about the CUDA driver; the device choice is
        // reported by DeviceSpec in plain words instead
        DJL_CUDA.setLevel(Level.SEVERE);
        // train and pipeline print every epoch record themselves; the log would say it twice
        TRAINER.setLevel(Level.WARNING);
        // jhdf (through SLF4J) reports every file it opens, writes and closes at INFO; on the project's own files
        // it also warns that writing "is in alpha" and that an attribute message's "buffer still has 3 bytes
        // remaining" (reading an attribute it wrote itself; the values read back as written): neither helps a user
        JHDF.setLevel(Level.WARNING);
        JHDF_MESSAGE.setLevel(Level.SEVERE);
        JHDF_WRITER.setLevel(Level.SEVERE);
    }
}
