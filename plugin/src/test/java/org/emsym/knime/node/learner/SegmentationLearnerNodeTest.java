package org.emsym.knime.node.learner;

import static org.emsym.knime.node.learner.TinyLearnerRuns.K;
import static org.emsym.knime.node.learner.TinyLearnerRuns.SIZE;
import static org.emsym.knime.node.learner.TinyLearnerRuns.STEPS;
import static org.emsym.knime.node.learner.TinyLearnerRuns.cell;
import static org.emsym.knime.node.learner.TinyLearnerRuns.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emsym.engine.train.Checkpoint;
import org.emsym.engine.train.TrainingState;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

class SegmentationLearnerNodeTest {

    private static SegmentationModelPortObject model;
    private static VolumePortObject image;
    private static VolumePortObject labels;

    @TempDir
    Path dir;

    private NodeTestHarness<NodeModel> node;

    @BeforeAll
    static void data() throws Exception {
        TinyLearnerRuns.Inputs inputs = TinyLearnerRuns.inputs();
        model = inputs.model();
        image = inputs.image();
        labels = inputs.labels();
    }

    @BeforeEach
    void setUp() throws Exception {
        node = TinyLearnerRuns.node();
    }

    private InvalidSettingsException configureFails(PortObjectSpec... specs) {
        return assertThrows(InvalidSettingsException.class, () -> node.configure(specs));
    }

    @Test
    void configureNamesTheSettingOrInputAtFault() throws Exception {
        PortObjectSpec m = model.getSpec();
        VolumePortObjectSpec other = new VolumePortObjectSpec(new VolumeShape(6, SIZE, 16), PixelType.UINT8,
                VoxelSize.UNKNOWN, NormalizationSpec.none(), List.of("other"));
        assertTrue(configureFails(m, image.getSpec(), other).getMessage().startsWith("Label volume"));

        node.set(SegmentationLearnerParameters.CFG_PATCH_SIZE, 64);
        InvalidSettingsException patch = configureFails(m, image.getSpec(), labels.getSpec());
        assertTrue(patch.getMessage().startsWith(SegmentationLearnerParameters.TITLE_PATCH)
                && patch.getMessage().contains("32 x 32"), patch.getMessage());

        node.set(SegmentationLearnerParameters.CFG_PATCH_SIZE, SIZE).set(SegmentationLearnerParameters.CFG_VALIDATION_END, 9);
        InvalidSettingsException range = configureFails(m, image.getSpec(), labels.getSpec());
        assertTrue(range.getMessage().startsWith(SegmentationLearnerParameters.TITLE_VALIDATION), range.getMessage());

        InvalidSettingsException classes = configureFails(TestModels.port(K).getSpec(), image.getSpec(),
                labels.getSpec());
        assertTrue(classes.getMessage().contains("one output class"), classes.getMessage());

        var bad = node.settings();
        bad.addString(SegmentationLearnerParameters.CFG_OPTIMIZER, "SGD");
        InvalidSettingsException optimizer = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(bad));
        // KNIME's enum persistence refuses an unknown constant, naming it and the choices
        assertTrue(optimizer.getMessage().contains("'SGD'") && optimizer.getMessage().contains("ADAMW"),
                optimizer.getMessage());

        var device = node.settings();
        device.addString(SegmentationLearnerParameters.CFG_DEVICE, "tpu");
        InvalidSettingsException dev = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(device));
        assertTrue(dev.getMessage().startsWith(SegmentationLearnerParameters.TITLE_DEVICE), dev.getMessage());
    }

    @Test
    void trainsAndReportsOneRowPerEpoch() throws Exception {
        PortObject[] out = node.execute(model, image, labels);
        SegmentationModelPortObject trained = (SegmentationModelPortObject) out[0];
        BufferedDataTable history = (BufferedDataTable) out[1];

        assertEquals(SegmentationLearnerLogic.historySpec(1), history.getDataTableSpec());
        List<DataRow> rows = rows(history);
        assertEquals(2, rows.size());
        for (int e = 0; e < rows.size(); e++) {
            DataRow row = rows.get(e);
            assertEquals(e + 1, ((IntValue) row.getCell(0)).getIntValue());
            double trainLoss = cell(row, history, SegmentationLearnerLogic.COL_TRAIN_LOSS);
            double dice = cell(row, history, SegmentationLearnerLogic.COL_VAL_DICE);
            assertTrue(Double.isFinite(trainLoss) && trainLoss > 0, "train loss " + trainLoss);
            assertTrue(dice >= 0 && dice <= 1, "dice " + dice);
            double shares = 0;
            for (int c = 0; c < 3; c++) {
                double share = cell(row, history, SegmentationLearnerLogic.shareColumn(c, 1));
                assertTrue(share > 0 && share < 1, "share of channel " + c + ": " + share);
                shares += share;
            }
            assertEquals(1, shares, 1e-9, "per-section shares of an epoch sum to 1");
            double asymmetry = cell(row, history, SegmentationLearnerLogic.asymmetryColumn(1));
            assertTrue(asymmetry >= 0 && asymmetry <= 1, "asymmetry index " + asymmetry);
        }
        assertEquals(2, trained.getSpec().getTrainedEpochs());
        assertEquals(2, trained.getMetadata().history().size());
        assertNotEquals(model.getMetadata().parametersSha256(), trained.getMetadata().parametersSha256(),
                "training changed the weights");
        List<String> messages = node.lastProgress().messages();
        assertTrue(messages.stream().anyMatch(s -> s.startsWith("epoch 2/2, step " + STEPS + "/" + STEPS)), messages
                .toString());
        assertNull(TinyLearnerRuns.keptCheckpointFolder(node), "a finished run deletes its checkpoints");
    }

    @Test
    void cancelKeepsTheCheckpointAndTheNextRunResumesFromIt() throws Exception {
        // cancel during the second epoch: after the first epoch's steps and one step of the second
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(STEPS + 1, model, image,
                labels));
        Path kept = TinyLearnerRuns.keptCheckpointFolder(node);
        assertTrue(kept != null && Files.isRegularFile(kept.resolve(Checkpoint.LAST)), "checkpoint kept: " + kept);
        TrainingState state = Checkpoint.readState(kept.resolve(Checkpoint.LAST));
        assertEquals(1, state.history().size(), "the last good checkpoint holds the finished first epoch");

        PortObject[] resumed = node.execute(model, image, labels);
        List<DataRow> rows = rows(resumed[1]);
        assertEquals(2, rows.size());
        assertEquals(state.history().get(0).trainLoss(),
                cell(rows.get(0), resumed[1], SegmentationLearnerLogic.COL_TRAIN_LOSS), 0,
                "epoch 1 comes from the checkpoint");
        assertFalse(Files.exists(kept), "checkpoints are deleted once the run finished");

        // the resumed run gives the weights of an uninterrupted run (training is seeded)
        NodeTestHarness<NodeModel> fresh = NodeTestHarness.of(new SegmentationLearnerNodeFactory());
        fresh.loadSettings(node.settings());
        PortObject[] uninterrupted = fresh.execute(model, image, labels);
        assertEquals(((SegmentationModelPortObject) uninterrupted[0]).getMetadata().parametersSha256(),
                ((SegmentationModelPortObject) resumed[0]).getMetadata().parametersSha256());
    }

    @Test
    void changedSettingsStartAFreshRunInsteadOfResuming() throws Exception {
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(STEPS + 1, model, image,
                labels));
        Path kept = TinyLearnerRuns.keptCheckpointFolder(node);
        node.set(SegmentationLearnerParameters.CFG_SEED, 5).set(SegmentationLearnerParameters.CFG_EPOCHS, 1);
        node.execute(model, image, labels);
        assertFalse(Files.exists(kept), "the stale checkpoint of the other run is discarded");
        List<String> messages = node.lastProgress().messages();
        assertFalse(messages.stream().anyMatch(s -> s.startsWith("Resuming")), messages.toString());
    }

    @Test
    void settingsSurviveDialogAndSettingsXml() throws Exception {
        node.set(SegmentationLearnerParameters.CFG_OPTIMIZER, "ADAM").set(SegmentationLearnerParameters.CFG_SCHEDULE, "STEP")
                .set(SegmentationLearnerParameters.CFG_AUGMENT_Z_FLIP, false)
                .set(SegmentationLearnerParameters.CFG_LEARNING_RATE, 3e-4);
        var before = node.settings();
        // the dialog shows one widget per saved setting; applying what it shows keeps every value
        assertEquals(node.settingKeys().stream().sorted().toList(), node.widgetKeys());
        node.applyParameters(node.parameters());
        assertEquals(before, node.settings(), "dialog OK keeps every value");

        Path xml = dir.resolve("settings.xml");
        node.saveNodeSettingsXml(xml, "Segmentation Learner");
        NodeTestHarness<NodeModel> other = NodeTestHarness.of(new SegmentationLearnerNodeFactory());
        other.loadNodeSettingsXml(xml);
        assertEquals(before, other.settings());
    }

    @Test
    void nonBinaryLabelsFailNamingTheLabels() throws Exception {
        float[][] sections = new float[6][SIZE * SIZE];
        sections[2][10] = 7;
        ArrayVolume bad = new ArrayVolume(new VolumeShape(6, SIZE, SIZE), PixelType.UINT8, VoxelSize.UNKNOWN, sections,
                "bad labels");
        VolumePortObject badLabels = new VolumePortObject(new VolumePortObjectSpec(bad.shape(), bad.pixelType(),
                bad.voxelSize(), NormalizationSpec.none(), List.of("bad")), bad);
        // found at execute (the labels' values are read only then): the node fails naming the labels
        KNIMEException e = assertThrows(KNIMEException.class, () -> node.execute(model, image, badLabels));
        assertTrue(e.getMessage().contains("bad labels"), e.getMessage());
        assertNull(TinyLearnerRuns.keptCheckpointFolder(node));
    }

    /** Issue 16 item 4: a float image with a NaN patch fails the node naming source, section and count. */
    @Test
    void anImageWithNaNFailsNamingTheSectionAndCount() {
        VolumePortObject nan = org.emsym.knime.testing.BinaryModels.withNaN(image, 1, 5, "nan-image.tif");
        Exception e = assertThrows(Exception.class, () -> node.execute(model, nan, labels));
        org.emsym.knime.testing.BinaryModels.assertNonFiniteRefused(e, "nan-image.tif", 1, 5);
    }
}
