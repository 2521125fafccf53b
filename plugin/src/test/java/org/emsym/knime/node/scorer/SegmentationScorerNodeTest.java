package org.emsym.knime.node.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.TestTables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.NodeParameters;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;

class SegmentationScorerNodeTest {

    private static final int H = 8;
    private static final int W = 8;

    @TempDir
    Path dir;

    private NodeTestHarness<NodeModel> node;

    @BeforeEach
    void setUp() {
        node = NodeTestHarness.of(new SegmentationScorerNodeFactory());
    }

    /** Two 2x2 cells in rows 1-2 (columns 1-2 and 5-6); {@code bridge} also fills row 1, columns 3-4. */
    private static float[] cells(float cell, float membrane, boolean bridge) {
        float[] s = new float[H * W];
        java.util.Arrays.fill(s, membrane);
        for (int y = 1; y <= 2; y++) {
            for (int x : new int[] {1, 2, 5, 6}) {
                s[y * W + x] = cell;
            }
        }
        if (bridge) {
            s[W + 3] = cell;
            s[W + 4] = cell;
        }
        return s;
    }

    private static VolumePortObject volume(PixelType type, float[]... sections) {
        ArrayVolume v = new ArrayVolume(new VolumeShape(sections.length, H, W), type, VoxelSize.nm(50, 4, 4),
                sections, "test");
        return new VolumePortObject(new VolumePortObjectSpec(v.shape(), v.pixelType(), v.voxelSize(),
                NormalizationSpec.none(), List.of("test")), v);
    }

    @Test
    void scoresEachSectionAndOverall() throws Exception {
        // truth as ISBI labels (255 = cell); prediction as membrane probabilities, merging the cells in section 1
        VolumePortObject truth = volume(PixelType.UINT8, cells(255, 0, false), cells(255, 0, false));
        VolumePortObject membrane = volume(PixelType.FLOAT32, cells(0.1f, 0.9f, false), cells(0.1f, 0.9f, true));
        node.set(SegmentationScorerParameters.CFG_PREDICTION_FOREGROUND, "BELOW")
                .set(SegmentationScorerParameters.CFG_TRUTH_THRESHOLD, 127.5);
        BufferedDataTable t = (BufferedDataTable) node.execute(membrane, truth)[0];

        assertEquals(List.of("0", "1", SegmentationScorerLogic.OVERALL),
                TestTables.strings(t, SegmentationScorerLogic.COL_SECTION));
        List<DataRow> rows = TestTables.rows(t);
        DataRow exact = rows.get(0);
        assertEquals(1.0, TestTables.doubleAt(t, exact, SegmentationScorerLogic.COL_DICE), 1e-12);
        assertEquals(0.0, TestTables.doubleAt(t, exact, SegmentationScorerLogic.COL_RAND_ERROR), 1e-12);
        assertEquals(0.0, TestTables.doubleAt(t, exact, SegmentationScorerLogic.COL_VOI_MERGE), 1e-12);

        // section 1: 8 true positives, 2 false positives (the bridge), no false negatives
        DataRow merged = rows.get(1);
        assertEquals(16.0 / 18, TestTables.doubleAt(t, merged, SegmentationScorerLogic.COL_DICE), 1e-12);
        assertEquals(8.0 / 10, TestTables.doubleAt(t, merged, SegmentationScorerLogic.COL_IOU), 1e-12);
        assertEquals(2.0 / 64, TestTables.doubleAt(t, merged, SegmentationScorerLogic.COL_PIXEL_ERROR), 1e-12);
        assertEquals(0.8, TestTables.doubleAt(t, merged, SegmentationScorerLogic.COL_PRECISION), 1e-12);
        assertEquals(1.0, TestTables.doubleAt(t, merged, SegmentationScorerLogic.COL_RECALL), 1e-12);
        // one predicted segment covers two true cells: a merge, no split
        assertEquals(1.0, TestTables.doubleAt(t, merged, SegmentationScorerLogic.COL_VOI_MERGE), 1e-9, "one bit");
        assertEquals(0.0, TestTables.doubleAt(t, merged, SegmentationScorerLogic.COL_VOI_SPLIT), 1e-12);
        assertTrue(TestTables.doubleAt(t, merged, SegmentationScorerLogic.COL_RAND_ERROR) > 0.1);

        DataRow overall = rows.get(2);
        assertEquals(32.0 / 34, TestTables.doubleAt(t, overall, SegmentationScorerLogic.COL_DICE), 1e-12);
        assertEquals(2.0 / 128, TestTables.doubleAt(t, overall, SegmentationScorerLogic.COL_PIXEL_ERROR), 1e-12);
        double voiMerge = TestTables.doubleAt(t, overall, SegmentationScorerLogic.COL_VOI_MERGE);
        assertTrue(voiMerge > 0 && voiMerge < 1, "half the cells merged: " + voiMerge);
        assertEquals(1.0, node.lastProgress().progressValues().get(node.lastProgress().progressValues().size() - 1), 1e-9);
    }

    @Test
    void theSameDataWithForegroundAboveGivesTheSameScores() throws Exception {
        VolumePortObject truth = volume(PixelType.UINT8, cells(1, 0, false));
        VolumePortObject cellProbability = volume(PixelType.FLOAT32, cells(0.9f, 0.1f, true));
        BufferedDataTable above = (BufferedDataTable) node.execute(cellProbability, truth)[0];
        node.set(SegmentationScorerParameters.CFG_PREDICTION_FOREGROUND, "BELOW")
                .set(SegmentationScorerParameters.CFG_PREDICTION_THRESHOLD, 0.5);
        VolumePortObject membrane = volume(PixelType.FLOAT32, cells(0.1f, 0.9f, true));
        BufferedDataTable below = (BufferedDataTable) node.execute(membrane, truth)[0];
        for (String column : List.of(SegmentationScorerLogic.COL_DICE, SegmentationScorerLogic.COL_RAND_ERROR,
                SegmentationScorerLogic.COL_VOI_MERGE)) {
            assertEquals(TestTables.doubles(above, column), TestTables.doubles(below, column), column);
        }
    }

    @Test
    void configureRejectsDifferentShapesAndBadSettings() throws Exception {
        VolumePortObject a = volume(PixelType.UINT8, cells(1, 0, false));
        VolumePortObject b = volume(PixelType.UINT8, cells(1, 0, false), cells(1, 0, false));
        InvalidSettingsException shapes = assertThrows(InvalidSettingsException.class,
                () -> node.configure(a.getSpec(), b.getSpec()));
        assertTrue(shapes.getMessage().contains("prediction") && shapes.getMessage().contains("ground truth"),
                shapes.getMessage());

        NodeSettings bad = node.settings();
        bad.addString(SegmentationScorerParameters.CFG_CONNECTIVITY, "SIX");
        InvalidSettingsException c = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(bad));
        // KNIME's enum persistence refuses an unknown constant (a flow variable's typo), naming the choices
        assertTrue(c.getMessage().contains("'SIX'") && c.getMessage().contains("FOUR, EIGHT"), c.getMessage());
        NodeSettings nan = node.settings();
        nan.addDouble(SegmentationScorerParameters.CFG_TRUTH_THRESHOLD, Double.NaN);
        InvalidSettingsException n = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(nan));
        assertTrue(n.getMessage().startsWith(SegmentationScorerParameters.TITLE_TRUTH_THRESHOLD), n.getMessage());
    }

    @Test
    void cancelGivesNoOutput() {
        VolumePortObject a = volume(PixelType.UINT8, cells(1, 0, false));
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(0, a, a));
    }

    @Test
    void settingsRoundTripAndDialogCoversEverySetting() throws Exception {
        node.set(SegmentationScorerParameters.CFG_PREDICTION_THRESHOLD, 0.3)
                .set(SegmentationScorerParameters.CFG_CONNECTIVITY, "EIGHT");
        NodeSettings saved = node.settings();
        Path xml = dir.resolve("settings.xml");
        node.saveNodeSettingsXml(xml, "Segmentation Scorer");
        assertEquals(saved, NodeTestHarness.of(new SegmentationScorerNodeFactory()).loadNodeSettingsXml(xml).settings());
        VolumePortObject a = volume(PixelType.UINT8, cells(1, 0, false));
        // the dialog shows one widget per saved setting; applying what it shows reproduces the settings
        assertEquals(node.settingKeys().stream().sorted().toList(), node.widgetKeys());
        NodeParameters dialog = node.parameters();
        assertEquals(saved, NodeTestHarness.of(new SegmentationScorerNodeFactory()).applyParameters(dialog).settings());
    }

    private static float[] nan() {
        float[] s = new float[H * W];
        java.util.Arrays.fill(s, Float.NaN);
        return s;
    }

    /**
     * Issue 16 item 4: sections a SKIP-boundary prediction leaves NaN everywhere are not scored (and said so);
     * before, they were scored as background. A section with only some NaN fails naming section and count.
     */
    @Test
    void sectionsWithoutAPredictionAreSkippedAndPartialNaNFails() throws Exception {
        VolumePortObject truth = volume(PixelType.UINT8, cells(255, 0, false), cells(255, 0, false),
                cells(255, 0, false));
        VolumePortObject skip = volume(PixelType.FLOAT32, nan(), cells(0.9f, 0.1f, false), nan());
        BufferedDataTable t = (BufferedDataTable) node.execute(skip, truth)[0];
        assertEquals(List.of("1", SegmentationScorerLogic.OVERALL),
                TestTables.strings(t, SegmentationScorerLogic.COL_SECTION));
        DataRow overall = TestTables.rows(t).get(1);
        assertEquals(1.0, TestTables.doubleAt(t, overall, SegmentationScorerLogic.COL_DICE), 1e-12);
        assertTrue(node.warningMessage() != null && node.warningMessage().contains("[0, 2]"),
                String.valueOf(node.warningMessage()));

        float[] patch = cells(0.9f, 0.1f, false);
        patch[5] = Float.NaN;
        patch[6] = Float.NaN;
        VolumePortObject partial = volume(PixelType.FLOAT32, cells(0.9f, 0.1f, false), patch,
                cells(0.9f, 0.1f, false));
        Exception e = assertThrows(Exception.class, () -> node.execute(partial, truth));
        assertTrue(e.getMessage().contains("section 1 holds 2 non-finite values"), e::toString);
    }
}
