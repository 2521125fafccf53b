package org.emsym.knime.node.learner;

import java.util.Arrays;

import javax.swing.JFileChooser;

import org.emsym.engine.train.OptimizerType;
import org.emsym.engine.train.ScheduleType;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Segmentation Learner: one component per setting, grouped by tab. */
final class SegmentationLearnerNodeDialog extends DefaultNodeSettingsPane {

    SegmentationLearnerNodeDialog() {
        SegmentationLearnerSettings s = new SegmentationLearnerSettings();
        createNewGroup("Run");
        addDialogComponent(new DialogComponentNumber(s.epochs, SegmentationLearnerSettings.LABEL_EPOCHS, 1));
        addDialogComponent(new DialogComponentNumber(s.stepsPerEpoch, SegmentationLearnerSettings.LABEL_STEPS, 10));
        addDialogComponent(new DialogComponentNumber(s.batchSize, SegmentationLearnerSettings.LABEL_BATCH, 1));
        addDialogComponent(new DialogComponentNumber(s.patchSize, SegmentationLearnerSettings.LABEL_PATCH, 32));
        addDialogComponent(new DialogComponentNumber(s.seed, SegmentationLearnerSettings.LABEL_SEED, 1));
        addDialogComponent(new DialogComponentString(s.device, SegmentationLearnerSettings.LABEL_DEVICE));
        closeCurrentGroup();
        createNewGroup(SegmentationLearnerSettings.LABEL_CHECKPOINT_FOLDER
                + " (empty: a temporary folder, deleted after a successful run)");
        addDialogComponent(new DialogComponentFileChooser(s.checkpointFolder, "emsym.learner.checkpoints",
                JFileChooser.SAVE_DIALOG, true));
        closeCurrentGroup();
        createNewGroup("Optimization");
        addDialogComponent(new DialogComponentNumber(s.learningRate, SegmentationLearnerSettings.LABEL_LEARNING_RATE,
                1e-4));
        addDialogComponent(new DialogComponentNumber(s.weightDecay, SegmentationLearnerSettings.LABEL_WEIGHT_DECAY,
                1e-4));
        addDialogComponent(new DialogComponentStringSelection(s.optimizer, SegmentationLearnerSettings.LABEL_OPTIMIZER,
                names(OptimizerType.values())));
        addDialogComponent(new DialogComponentStringSelection(s.schedule, SegmentationLearnerSettings.LABEL_SCHEDULE,
                names(ScheduleType.values())));
        addDialogComponent(new DialogComponentNumber(s.bceWeight, "BCE loss weight", 0.1));
        addDialogComponent(new DialogComponentNumber(s.diceWeight, "Dice loss weight", 0.1));
        addDialogComponent(new DialogComponentNumber(s.freezeEncoderEpochs, SegmentationLearnerSettings.LABEL_FREEZE,
                1));
        addDialogComponent(new DialogComponentNumber(s.earlyStopping, SegmentationLearnerSettings.LABEL_EARLY_STOPPING,
                1));
        closeCurrentGroup();
        createNewTab("Data");
        addDialogComponent(new DialogComponentBoolean(s.augmentFlips, SegmentationLearnerSettings.LABEL_AUGMENT_FLIPS));
        addDialogComponent(new DialogComponentBoolean(s.augmentIntensity,
                SegmentationLearnerSettings.LABEL_AUGMENT_INTENSITY));
        addDialogComponent(new DialogComponentBoolean(s.augmentZFlip, SegmentationLearnerSettings.LABEL_AUGMENT_Z_FLIP));
        addDialogComponent(new DialogComponentNumber(s.validationStart,
                "Validation: first section (-1 = last fifth of the stack)", 1));
        addDialogComponent(new DialogComponentNumber(s.validationEnd, "Validation: end section (exclusive)", 1));
        addDialogComponent(new DialogComponentBoolean(s.positiveIsZero,
                SegmentationLearnerSettings.LABEL_POSITIVE_IS_ZERO));
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
