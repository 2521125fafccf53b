package org.emsym.knime.node.windowing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.port.VolumeWindowing;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.TestTables;
import org.emsym.knime.testing.TestVolumes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.NodeParameters;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.BooleanValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;

class StackWindowingNodeTest {

    @TempDir
    Path dir;

    private NodeTestHarness<NodeModel> node;

    @BeforeEach
    void setUp() {
        node = NodeTestHarness.of(new StackWindowingNodeFactory());
    }

    private static VolumePortObject volume(int depth) {
        ArrayVolume v = TestVolumes.ramp(new VolumeShape(depth, 40, 48), PixelType.UINT8, VoxelSize.nm(50, 4, 4));
        return new VolumePortObject(new VolumePortObjectSpec(v.shape(), v.pixelType(), v.voxelSize(),
                NormalizationSpec.none(), List.of("test")), v);
    }

    private InvalidSettingsException configureFails(VolumePortObject in) {
        return assertThrows(InvalidSettingsException.class, () -> node.configure(in.getSpec()));
    }

    @Test
    void recordsWindowingAndListsEveryWindow() throws Exception {
        node.set(StackWindowingParameters.CFG_CONTEXT, 2).set(StackWindowingParameters.CFG_PATCH_SIZE, 32)
                .set(StackWindowingParameters.CFG_TILE_OVERLAP, 16).set(StackWindowingParameters.CFG_TILE_SIZE, 64);
        VolumePortObject in = volume(6);
        PortObject[] out = node.execute(in);

        VolumePortObject windowed = (VolumePortObject) out[0];
        assertSame(in.getVolume(), windowed.getVolume(), "voxels pass through without a copy");
        VolumeWindowing w = windowed.getSpec().getWindowing().orElseThrow();
        assertEquals(2, w.context());
        assertEquals(BoundaryMode.REFLECT, w.boundary());
        assertEquals(32, w.patchSize());
        assertEquals(64, w.tileSize());
        assertEquals(16, w.tileOverlap());
        assertTrue(windowed.getSpec().getProvenance().get(1).startsWith("Stack Windowing"));
        assertEquals(node.configure(in.getSpec())[0], windowed.getSpec(), "configure predicts the output spec");

        BufferedDataTable table = (BufferedDataTable) out[1];
        assertEquals(6, table.size());
        // reflect at the start: centre 0 with k=2 reads sections 2,1,0,1,2; centre 3 is interior
        assertEquals(List.of("2,1,0,1,2", "1,0,1,2,3", "0,1,2,3,4", "1,2,3,4,5", "2,3,4,5,4", "3,4,5,4,3"),
                TestTables.strings(table, StackWindowingLogic.COL_SOURCES));
        List<Boolean> padded = TestTables.rows(table).stream()
                .map(r -> ((BooleanValue) TestTables.cell(table, r, StackWindowingLogic.COL_PADDED)).getBooleanValue())
                .toList();
        assertEquals(List.of(true, true, false, false, true, true), padded);
        assertEquals(1.0, node.lastProgress().progressValues().get(node.lastProgress().progressValues().size() - 1), 1e-9);

        // the windowing survives saving the workflow
        VolumePortObject reloaded = (VolumePortObject) NodeTestHarness.saveAndLoad(windowed, dir.resolve("saved"));
        assertEquals(windowed.getSpec(), reloaded.getSpec());
        assertEquals(w, reloaded.getSpec().getWindowing().orElseThrow());
    }

    @Test
    void skipAndZeroModes() throws Exception {
        node.set(StackWindowingParameters.CFG_CONTEXT, 1).set(StackWindowingParameters.CFG_PATCH_SIZE, 16)
                .set(StackWindowingParameters.CFG_BOUNDARY, "SKIP");
        BufferedDataTable skipped = (BufferedDataTable) node.execute(volume(5))[1];
        assertEquals(List.of(1.0, 2.0, 3.0), TestTables.doubles(skipped, StackWindowingLogic.COL_CENTRE));

        node.set(StackWindowingParameters.CFG_BOUNDARY, "ZERO");
        BufferedDataTable zero = (BufferedDataTable) node.execute(volume(3))[1];
        assertEquals(List.of("zero,0,1", "0,1,2", "1,2,zero"), TestTables.strings(zero, StackWindowingLogic.COL_SOURCES));
    }

    @Test
    void configureNamesTheSettingAtFault() throws Exception {
        node.set(StackWindowingParameters.CFG_CONTEXT, 3).set(StackWindowingParameters.CFG_BOUNDARY, "SKIP")
                .set(StackWindowingParameters.CFG_PATCH_SIZE, 16);
        assertTrue(configureFails(volume(5)).getMessage().startsWith(StackWindowingParameters.TITLE_BOUNDARY));

        node.set(StackWindowingParameters.CFG_BOUNDARY, "REFLECT").set(StackWindowingParameters.CFG_PATCH_SIZE, 41);
        InvalidSettingsException patch = configureFails(volume(5));
        assertTrue(patch.getMessage().startsWith(StackWindowingParameters.TITLE_PATCH_SIZE) && patch.getMessage().contains("40 x 48"),
                patch.getMessage());

        NodeSettings overlap = node.settings();
        overlap.addInt(StackWindowingParameters.CFG_TILE_OVERLAP, 600);
        InvalidSettingsException o = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(overlap));
        assertTrue(o.getMessage().startsWith(StackWindowingParameters.TITLE_TILE_OVERLAP), o.getMessage());

        NodeSettings mode = node.settings();
        mode.addString(StackWindowingParameters.CFG_BOUNDARY, "WRAP");
        InvalidSettingsException m = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(mode));
        // KNIME's enum persistence refuses an unknown constant, naming it and the choices
        assertTrue(m.getMessage().contains("'WRAP'") && m.getMessage().contains("REFLECT, REPLICATE, ZERO, SKIP"),
                m.getMessage());

        NodeSettings context = node.settings();
        context.addInt(StackWindowingParameters.CFG_CONTEXT, 65);
        InvalidSettingsException k = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(context));
        assertTrue(k.getMessage().startsWith(StackWindowingParameters.TITLE_CONTEXT) && k.getMessage().contains("65"),
                k.getMessage());
    }

    @Test
    void cancelGivesNoOutput() throws Exception {
        node.set(StackWindowingParameters.CFG_PATCH_SIZE, 16);
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(0, volume(4)));
    }

    @Test
    void settingsRoundTripAndDialogCoversEverySetting() throws Exception {
        node.set(StackWindowingParameters.CFG_CONTEXT, 4).set(StackWindowingParameters.CFG_BOUNDARY, "REPLICATE")
                .set(StackWindowingParameters.CFG_TILE_SIZE, 128);
        NodeSettings saved = node.settings();
        Path xml = dir.resolve("settings.xml");
        node.saveNodeSettingsXml(xml, "Stack Windowing");
        assertEquals(saved, NodeTestHarness.of(new StackWindowingNodeFactory()).loadNodeSettingsXml(xml).settings());

        // the dialog shows one widget per saved setting; applying what it shows reproduces the settings
        assertEquals(node.settingKeys().stream().sorted().toList(), node.widgetKeys());
        NodeParameters dialog = node.parameters();
        assertEquals(saved, NodeTestHarness.of(new StackWindowingNodeFactory()).applyParameters(dialog).settings());
    }
}
