package org.emsym.knime.node.learner;

import static org.emsym.knime.node.learner.TinyLearnerRuns.K;
import static org.emsym.knime.node.learner.TinyLearnerRuns.STEPS;
import static org.emsym.knime.node.learner.TinyLearnerRuns.cell;
import static org.emsym.knime.node.learner.TinyLearnerRuns.rows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.emsym.engine.train.Checkpoint;
import org.emsym.engine.train.TrainingState;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.testing.NodeTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;

/** The Segmentation Learner's optional checkpoint folder: resuming across node instances, and never losing data. */
class SegmentationLearnerCheckpointFolderTest {

    private static SegmentationModelPortObject model;
    private static VolumePortObject image;
    private static VolumePortObject labels;

    @TempDir
    Path dir;

    /** The user's checkpoint folder; missing at first, so the node must create it (and its parent). */
    private Path folder;

    private NodeTestHarness<NodeModel> node;

    @BeforeAll
    static void data() throws Exception {
        TinyLearnerRuns.Inputs inputs = TinyLearnerRuns.inputs();
        model = inputs.model();
        image = inputs.image();
        labels = inputs.labels();
    }

    /** The tiny budget with a user checkpoint folder. */
    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("runs").resolve("checkpoints");
        node = TinyLearnerRuns.node().set(SegmentationLearnerParameters.CFG_CHECKPOINT_FOLDER, folder.toString());
    }

    private static NodeTestHarness<NodeModel> newNode() {
        return NodeTestHarness.of(new SegmentationLearnerNodeFactory());
    }

    /** A new node instance with the settings of {@link #node}, as after a restart of KNIME. */
    private NodeTestHarness<NodeModel> sameSettingsNewInstance() throws Exception {
        return newNode().loadSettings(node.settings());
    }

    private static String sha(PortObject trained) {
        return ((SegmentationModelPortObject) trained).getMetadata().parametersSha256();
    }

    private static boolean anyMessageStartsWith(NodeTestHarness<?> harness, String prefix) {
        return harness.lastProgress().messages().stream().anyMatch(s -> s.startsWith(prefix));
    }

    /** Every file of the folder with its bytes and modification time, to show nothing changed. */
    private static Map<String, Object> snapshot(Path folder) throws Exception {
        Map<String, Object> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                FileTime modified = Files.getLastModifiedTime(p);
                files.put(p.getFileName().toString(), List.of(modified, new BytesOf(Files.readAllBytes(p))));
            }
        }
        return files;
    }

    /** Bytes with value equality. */
    private record BytesOf(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BytesOf other && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    @Test
    void aNewNodeInstanceResumesACanceledRunFromTheFolder() throws Exception {
        // cancel during the second epoch: after the first epoch's steps and one step of the second
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(STEPS + 1, model, image,
                labels));
        assertNull(TinyLearnerRuns.keptCheckpointFolder(node), "no temporary folder when a checkpoint folder is set");
        TrainingState state = Checkpoint.readState(folder.resolve(Checkpoint.LAST));
        assertEquals(1, state.history().size(), "the folder holds the finished first epoch");

        NodeTestHarness<NodeModel> restarted = sameSettingsNewInstance();
        PortObject[] resumed = restarted.execute(model, image, labels);
        assertTrue(anyMessageStartsWith(restarted, "Resuming"), restarted.lastProgress().messages().toString());
        assertFalse(anyMessageStartsWith(restarted, "epoch 1/2"), "epoch 1 is not trained again");
        List<DataRow> rows = rows(resumed[1]);
        assertEquals(2, rows.size());
        assertEquals(state.history().get(0).trainLoss(),
                cell(rows.get(0), resumed[1], SegmentationLearnerLogic.COL_TRAIN_LOSS), 0,
                "epoch 1 comes from the checkpoint");

        // the resumed run gives the weights of an uninterrupted run (training is seeded), here in a temporary folder
        NodeTestHarness<NodeModel> uninterrupted = sameSettingsNewInstance()
                .set(SegmentationLearnerParameters.CFG_CHECKPOINT_FOLDER, "");
        assertEquals(sha(uninterrupted.execute(model, image, labels)[0]), sha(resumed[0]));
    }

    @Test
    void successKeepsTheCheckpointsAndRerunningTheFinishedRunOutputsItsResult() throws Exception {
        PortObject[] first = node.execute(model, image, labels);
        assertNull(TinyLearnerRuns.keptCheckpointFolder(node));
        for (String file : List.of(Checkpoint.LAST, Checkpoint.BEST, "run.txt")) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file + " kept after success");
        }
        assertEquals(2, Checkpoint.readState(folder.resolve(Checkpoint.LAST)).nextEpoch());

        // the same run again (new instance): nothing is trained, the stored result comes out, with a warning
        Map<String, Object> before = snapshot(folder);
        NodeTestHarness<NodeModel> again = sameSettingsNewInstance();
        PortObject[] restored = again.execute(model, image, labels);
        assertFalse(anyMessageStartsWith(again, "epoch "), again.lastProgress().messages().toString());
        assertEquals(sha(first[0]), sha(restored[0]), "the best epoch's weights, as the first run output");
        assertEquals(2, ((SegmentationModelPortObject) restored[0]).getSpec().getTrainedEpochs());
        List<DataRow> firstRows = rows(first[1]);
        List<DataRow> restoredRows = rows(restored[1]);
        assertEquals(firstRows.size(), restoredRows.size());
        for (int e = 0; e < firstRows.size(); e++) {
            assertEquals(cell(firstRows.get(e), first[1], SegmentationLearnerLogic.COL_TRAIN_LOSS),
                    cell(restoredRows.get(e), restored[1], SegmentationLearnerLogic.COL_TRAIN_LOSS), 0);
            int share = ((BufferedDataTable) restored[1]).getDataTableSpec()
                    .findColumnIndex(SegmentationLearnerLogic.shareColumn(0, K));
            assertTrue(restoredRows.get(e).getCell(share).isMissing(), "no attribution without training");
        }
        String warning = again.warningMessage();
        assertTrue(warning != null && warning.contains(folder.toString()) && warning.contains("finished"),
                String.valueOf(warning));
        assertEquals(before, snapshot(folder), "restoring the finished run changes nothing on disk");

        // a higher epoch count continues the run: the epoch count is not part of the run key
        again.set(SegmentationLearnerParameters.CFG_EPOCHS, 3);
        List<DataRow> continued = rows(again.execute(model, image, labels)[1]);
        assertEquals(3, continued.size());
        assertTrue(anyMessageStartsWith(again, "epoch 3/3"), again.lastProgress().messages().toString());
        assertFalse(anyMessageStartsWith(again, "epoch 1/3"), "epochs 1 and 2 come from the checkpoint");
        assertEquals(3, Checkpoint.readState(folder.resolve(Checkpoint.LAST)).nextEpoch());
    }

    @Test
    void aFolderWithAnotherRunsCheckpointsFailsAndStaysUntouched() throws Exception {
        node.set(SegmentationLearnerParameters.CFG_EPOCHS, 1).execute(model, image, labels);
        Map<String, Object> before = snapshot(folder);
        assertTrue(before.containsKey(Checkpoint.LAST), before.keySet().toString());

        NodeTestHarness<NodeModel> other = sameSettingsNewInstance()
                .set(SegmentationLearnerParameters.CFG_SEED, 5);
        other.configure(model.getSpec(), image.getSpec(), labels.getSpec()); // the inputs are fine
        // found at execute (the folder is read only then): the node fails naming the setting
        KNIMEException e = assertThrows(KNIMEException.class, () -> other.execute(model, image, labels));
        assertTrue(e.getMessage().startsWith(SegmentationLearnerParameters.TITLE_CHECKPOINT_FOLDER)
                && e.getMessage().contains(folder.toString()) && e.getMessage().contains("another run"),
                e.getMessage());
        // the engine's CheckpointFolder names only what differs (one implementation for the CLI and the node)
        assertTrue(e.getMessage().contains("seed: checkpoint " + org.emsym.engine.train.SegmentationTrainingConfig.DEFAULT_SEED + ", requested 5")
                && !e.getMessage().contains("batchSize"), e.getMessage());
        assertEquals(before, snapshot(folder), "bytes and modification times unchanged");
    }

    @Test
    void aFileInsteadOfAFolderFailsAtConfigureNamingThePath() throws Exception {
        Path file = dir.resolve("not-a-folder.txt");
        Files.writeString(file, "x");
        node.set(SegmentationLearnerParameters.CFG_CHECKPOINT_FOLDER, file.toString());
        InvalidSettingsException isFile = assertThrows(InvalidSettingsException.class,
                () -> node.configure(model.getSpec(), image.getSpec(), labels.getSpec()));
        assertTrue(isFile.getMessage().startsWith(SegmentationLearnerParameters.TITLE_CHECKPOINT_FOLDER)
                && isFile.getMessage().contains(file.toString()), isFile.getMessage());

        Path below = file.resolve("checkpoints");
        node.set(SegmentationLearnerParameters.CFG_CHECKPOINT_FOLDER, below.toString());
        InvalidSettingsException underFile = assertThrows(InvalidSettingsException.class,
                () -> node.configure(model.getSpec(), image.getSpec(), labels.getSpec()));
        assertTrue(underFile.getMessage().contains(below.toString()), underFile.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void settingsSavedBeforeTheFolderExistedLoadWithAnEmptyFolder() throws Exception {
        node.set(SegmentationLearnerParameters.CFG_CHECKPOINT_FOLDER, "");
        var current = node.settings();
        Path xml = dir.resolve("settings.xml");
        node.saveNodeSettingsXml(xml, "Segmentation Learner");
        String text = Files.readString(xml, StandardCharsets.UTF_8);
        // settings.xml as the previous version wrote it: without the value and its _Internals config
        String old = text.replaceAll("(?s)<entry key=\"checkpoint_folder\"[^>]*/>\\s*", "")
                .replaceAll("(?s)<config key=\"checkpoint_folder_Internals\">.*?</config>\\s*", "");
        assertFalse(old.contains("checkpoint_folder"), old);
        Files.writeString(xml, old, StandardCharsets.UTF_8);

        NodeTestHarness<NodeModel> loaded = newNode()
                .set(SegmentationLearnerParameters.CFG_CHECKPOINT_FOLDER, folder.toString()) // not the default
                .loadNodeSettingsXml(xml);
        assertEquals(current, loaded.settings(), "every other value loads, the folder falls back to empty");
    }

    @Test
    void theFolderSurvivesTheDialog() throws Exception {
        var before = node.settings();
        // the dialog shows one widget per saved setting; applying what it shows keeps every value
        assertEquals(node.settingKeys().stream().sorted().toList(), node.widgetKeys());
        node.applyParameters(node.parameters());
        assertEquals(before, node.settings());
        assertEquals(folder.toString(), node.settings().getString(SegmentationLearnerParameters.CFG_CHECKPOINT_FOLDER));
    }

    @Test
    void configureDoesNotCreateTheFolder() throws Exception {
        node.configure(model.getSpec(), image.getSpec(), labels.getSpec());
        assertFalse(Files.exists(folder.getParent()), "only execute writes to disk");
        assertArrayEquals(new String[0], dir.toFile().list());
    }
}
