package org.emsym.knime.node.knip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.TestTables;
import org.emsym.knime.testing.TestVolumes;
import org.emsym.knime.util.Tables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogBridge;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

/** Volume to Image and Image to Volume, alone and as a round trip. */
class KnipAdapterNodeTest {

    private static final VolumeShape SHAPE = new VolumeShape(4, 6, 5);

    @TempDir
    Path dir;

    private static VolumePortObject volume(PixelType type) {
        ArrayVolume v = TestVolumes.ramp(SHAPE, type, VoxelSize.nm(50, 4, 4));
        return new VolumePortObject(new VolumePortObjectSpec(v.shape(), v.pixelType(), v.voxelSize(),
                NormalizationSpec.none(), List.of("test")), v);
    }

    private static BufferedDataTable toImage(VolumePortObject in) throws Exception {
        return (BufferedDataTable) NodeTestHarness.of(new VolumeToImageNodeFactory()).execute(in)[0];
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void roundTripKeepsVoxelsAndPixelType(PixelType type) throws Exception {
        VolumePortObject in = volume(type);
        BufferedDataTable table = toImage(in);
        NodeTestHarness<ImageToVolumeNodeModel> back = NodeTestHarness.of(new ImageToVolumeNodeFactory());
        VolumePortObject out = (VolumePortObject) back.execute(table)[0];
        Volume v = out.getVolume();
        assertEquals(SHAPE, v.shape());
        assertEquals(type, v.pixelType());
        for (int z = 0; z < SHAPE.depth(); z++) {
            assertArrayEquals(in.getVolume().readSection(z), v.readSection(z), 0f, "section " + z);
        }
        assertEquals(NormalizationMethod.PERCENTILE, out.getSpec().getNormalization().method());
        assertTrue(out.getSpec().getProvenance().get(0).startsWith("Image to Volume"));
    }

    @Test
    void theImageHasKnipAxisOrderXyz() throws Exception {
        VolumePortObject in = volume(PixelType.UINT16);
        BufferedDataTable table = toImage(in);
        assertEquals(1, table.size());
        assertEquals("Image", table.getDataTableSpec().getColumnSpec(0).getName());
        ImgPlusValue<?> value = assertInstanceOf(ImgPlusValue.class, TestTables.rows(table).get(0).getCell(0));
        assertArrayEquals(new long[] {5, 6, 4}, value.getDimensions());
        @SuppressWarnings("unchecked")
        Img<? extends RealType<?>> img = (Img<? extends RealType<?>>) (Img<?>) value.getImgPlus().getImg();
        assertInstanceOf(UnsignedShortType.class, img.firstElement());
        RandomAccess<? extends RealType<?>> ra = img.randomAccess();
        ra.setPosition(new long[] {3, 2, 1}); // x=3, y=2, z=1
        assertEquals(in.getVolume().readSection(1)[2 * 5 + 3], ra.get().getRealFloat(), 0f);
    }

    @Test
    void imageToVolumeNamesTheSettingAtFault() throws Exception {
        NodeTestHarness<ImageToVolumeNodeModel> node = NodeTestHarness.of(new ImageToVolumeNodeFactory());
        DataTableSpec noImages = Tables.spec(Tables.column("Name", StringCell.TYPE));
        InvalidSettingsException none = assertThrows(InvalidSettingsException.class, () -> node.configure(noImages));
        assertTrue(none.getMessage().startsWith(ImageToVolumeSettings.LABEL_COLUMN) && none.getMessage().contains("Name"),
                none.getMessage());
        node.set(ImageToVolumeSettings.CFG_COLUMN, "Name");
        assertTrue(assertThrows(InvalidSettingsException.class, () -> node.configure(noImages)).getMessage()
                .contains("not images"));

        BufferedDataTable table = toImage(volume(PixelType.UINT8));
        node.set(ImageToVolumeSettings.CFG_COLUMN, "").set(ImageToVolumeSettings.CFG_ROW, 1);
        InvalidSettingsException row = assertThrows(InvalidSettingsException.class, () -> node.execute(table));
        assertTrue(row.getMessage().startsWith(ImageToVolumeSettings.LABEL_ROW), row.getMessage());

        NodeSettings bad = node.settings();
        bad.addString(ImageToVolumeSettings.CFG_NORMALIZATION, "HISTOGRAM");
        assertTrue(assertThrows(InvalidSettingsException.class, () -> node.loadSettings(bad)).getMessage()
                .startsWith(ImageToVolumeSettings.LABEL_NORMALIZATION));
    }

    @Test
    void cancelGivesNoOutput() throws Exception {
        assertThrows(CanceledExecutionException.class,
                () -> NodeTestHarness.of(new VolumeToImageNodeFactory()).executeCancelingAfter(0, volume(PixelType.UINT8)));
        BufferedDataTable table = toImage(volume(PixelType.UINT8));
        assertThrows(CanceledExecutionException.class,
                () -> NodeTestHarness.of(new ImageToVolumeNodeFactory()).executeCancelingAfter(0, table));
    }

    @Test
    void settingsRoundTripAndDialogsCoverEverySetting() throws Exception {
        NodeTestHarness<VolumeToImageNodeModel> toImage = NodeTestHarness.of(new VolumeToImageNodeFactory());
        toImage.set(VolumeToImageSettings.CFG_COLUMN, "EM");
        NodeSettings saved = toImage.settings();
        Path xml = dir.resolve("settings.xml");
        toImage.saveNodeSettingsXml(xml, "Volume to Image");
        assertEquals(saved, NodeTestHarness.of(new VolumeToImageNodeFactory()).loadNodeSettingsXml(xml).settings());
        DefaultNodeSettingsPane dialog = (DefaultNodeSettingsPane) toImage.openDialog(volume(PixelType.UINT8).getSpec());
        assertEquals(toImage.settingKeys(), DialogBridge.models(dialog).stream().map(DialogBridge::configName).toList());

        NodeTestHarness<ImageToVolumeNodeModel> toVolume = NodeTestHarness.of(new ImageToVolumeNodeFactory());
        toVolume.set(ImageToVolumeSettings.CFG_ROW, 3).set(ImageToVolumeSettings.CFG_NORMALIZATION, "NONE");
        NodeSettings saved2 = toVolume.settings();
        DefaultNodeSettingsPane dialog2 = (DefaultNodeSettingsPane) toVolume.openDialog(
                toImage(volume(PixelType.UINT8)).getDataTableSpec());
        assertEquals(toVolume.settingKeys().stream().sorted().toList(),
                DialogBridge.models(dialog2).stream().map(DialogBridge::configName).sorted().toList());
        assertEquals(saved2, NodeTestHarness.of(new ImageToVolumeNodeFactory()).applyDialog(dialog2).settings());
    }
}
