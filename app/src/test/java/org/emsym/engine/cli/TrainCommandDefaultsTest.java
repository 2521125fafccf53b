package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code emsym train} without budget options resolves to {@link SegmentationTrainingConfig#defaults()}, the same reference the
 * Learner node's default settings are checked against (SegmentationLearnerDefaultsTest in the plugin), so the two
 * agree on every setting both expose.
 */
class TrainCommandDefaultsTest {

    private static CommandSpec parsedTrain(String... extra) {
        CommandLine cl = new CommandLine(new EmsymCli(System.out, System.err, ProgressSink.NONE, Cancellation.NEVER));
        String[] required = {"train", "--image", "img.tif", "--labels", "lab.tif", "--out", "model"};
        String[] args = new String[required.length + extra.length];
        System.arraycopy(required, 0, args, 0, required.length);
        System.arraycopy(extra, 0, args, required.length, extra.length);
        return cl.parseArgs(args).subcommand().commandSpec();
    }

    /** The configuration {@code TrainCommand.call()} builds from its options, without a checkpoint folder. */
    private static SegmentationTrainingConfig resolved(CommandSpec t) {
        return ((TrainCommand) t.userObject()).trainingSettings().build();
    }

    @Test
    void trainWithoutBudgetOptionsResolvesToTheTrainingConfigDefaults() {
        SegmentationTrainingConfig cli = resolved(parsedTrain());
        assertEquals(SegmentationTrainingConfig.defaults().toString(), cli.toString());
        assertEquals(SegmentationTrainingConfig.DEFAULT_EPOCHS, cli.epochs());
    }

    @Test
    void zFlipIsOnByDefaultAndCanBeSwitchedOff() {
        assertEquals(SegmentationTrainingConfig.DEFAULT_Z_FLIP, resolved(parsedTrain()).augmentation().zFlip());
        assertFalse(resolved(parsedTrain("--no-z-flip")).augmentation().zFlip());
        assertTrue(resolved(parsedTrain("--z-flip")).augmentation().zFlip());
    }
}
