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
import org.emsym.knime.standin.StandIn;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.RecordingProgressMonitor;
import org.emsym.knime.testing.TestTables;
import org.emsym.knime.testing.TestVolumes;
import org.emsym.knime.util.Tables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.NodeParameters;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.ExecutionContext;
import org.knime.knip.base.data.img.ImgPlusCell;
import org.knime.knip.base.data.img.ImgPlusCellFactory;
import org.knime.knip.base.data.img.ImgPlusValue;

import net.imagej.ImgPlus;
import net.imagej.axis.Axes;
import net.imagej.axis.DefaultLinearAxis;
import net.imglib2.Cursor;
import net.imglib2.RandomAccess;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

/** Volume to Image and Image to Volume, alone and as a round trip. */
class KnipAdapterNodeTest {

    private static final VolumeShape SHAPE = new VolumeShape(4, 6, 5);

    private static final VoxelSize VOXEL_SIZE = VoxelSize.nm(40, 4, 4);

    @TempDir
    Path dir;

    private static VolumePortObject volume(PixelType type) {
        ArrayVolume v = TestVolumes.ramp(SHAPE, type, VOXEL_SIZE);
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
        NodeTestHarness<NodeModel> back = NodeTestHarness.of(new ImageToVolumeNodeFactory());
        VolumePortObject out = (VolumePortObject) back.execute(table)[0];
        Volume v = out.getVolume();
        assertEquals(SHAPE, v.shape());
        assertEquals(type, v.pixelType());
        assertEquals(VOXEL_SIZE, v.voxelSize());
        assertEquals(VOXEL_SIZE, out.getSpec().getVoxelSize());
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
        ImgPlus<?> image = value.getImgPlus();
        assertEquals(List.of("X", "Y", "Z"), List.of(image.axis(0).type().getLabel(),
                image.axis(1).type().getLabel(), image.axis(2).type().getLabel()));
        assertEquals(List.of(4.0, 4.0, 40.0), List.of(image.axis(0).averageScale(0, 1),
                image.axis(1).averageScale(0, 1), image.axis(2).averageScale(0, 1)));
        assertEquals("nm", image.axis(2).unit());
    }

    /** A table with one KNIP image column holding {@code image}. */
    private static BufferedDataTable imageTable(ImgPlus<FloatType> image) throws Exception {
        ExecutionContext exec = StandIn.newExecutionContext(new RecordingProgressMonitor(-1));
        BufferedDataContainer container = exec.createDataContainer(
                Tables.spec(Tables.column("Image", ImgPlusCell.TYPE)));
        container.addRowToTable(new DefaultRow("Row0", new ImgPlusCellFactory(exec).createCell(image)));
        container.close();
        return container.getTable();
    }

    @Test
    void imageToVolumeReadsAZyxImageWithItsCalibration() throws Exception {
        Img<FloatType> img = ArrayImgs.floats(3, 4, 5); // z, y, x
        Cursor<FloatType> c = img.localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            c.get().setReal(100 * c.getIntPosition(0) + 10 * c.getIntPosition(1) + c.getIntPosition(2));
        }
        ImgPlus<FloatType> image = new ImgPlus<>(img, "zyx", new DefaultLinearAxis(Axes.Z, "nm", 40),
                new DefaultLinearAxis(Axes.Y, "nm", 4), new DefaultLinearAxis(Axes.X, "nm", 4));
        VolumePortObject out = (VolumePortObject) NodeTestHarness.of(new ImageToVolumeNodeFactory())
                .execute(imageTable(image))[0];
        Volume v = out.getVolume();
        assertEquals(new VolumeShape(3, 4, 5), v.shape());
        assertEquals(VoxelSize.nm(40, 4, 4), out.getSpec().getVoxelSize());
        assertEquals(213, v.readSection(2)[1 * 5 + 3], 0f); // z=2, y=1, x=3
        assertEquals(34, v.readSection(0)[3 * 5 + 4], 0f); // z=0, y=3, x=4
    }

    @Test
    void imageToVolumeFailsOnThreeChannelsNamingTheAxis() throws Exception {
        ImgPlus<FloatType> rgb = new ImgPlus<>(ArrayImgs.floats(5, 4, 3), "rgb", new DefaultLinearAxis(Axes.X),
                new DefaultLinearAxis(Axes.Y), new DefaultLinearAxis(Axes.CHANNEL));
        BufferedDataTable table = imageTable(rgb);
        KNIMEException e = assertThrows(KNIMEException.class,
                () -> NodeTestHarness.of(new ImageToVolumeNodeFactory()).execute(table));
        assertTrue(e.getMessage().contains("Channel axis has size 3"), e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException, String.valueOf(e.getCause()));
    }

    @Test
    void imageToVolumeNamesTheSettingAtFault() throws Exception {
        NodeTestHarness<NodeModel> node = NodeTestHarness.of(new ImageToVolumeNodeFactory());
        DataTableSpec noImages = Tables.spec(Tables.column("Name", StringCell.TYPE));
        InvalidSettingsException none = assertThrows(InvalidSettingsException.class, () -> node.configure(noImages));
        assertTrue(none.getMessage().startsWith(ImageToVolumeParameters.TITLE_COLUMN) && none.getMessage().contains("Name"),
                none.getMessage());
        node.set(ImageToVolumeParameters.CFG_COLUMN, "Name");
        assertTrue(assertThrows(InvalidSettingsException.class, () -> node.configure(noImages)).getMessage()
                .contains("not images"));

        BufferedDataTable table = toImage(volume(PixelType.UINT8));
        node.set(ImageToVolumeParameters.CFG_COLUMN, "").set(ImageToVolumeParameters.CFG_ROW, 1);
        // found at execute (the row count is known only then): the node fails naming the setting
        KNIMEException row = assertThrows(KNIMEException.class, () -> node.execute(table));
        assertTrue(row.getMessage().startsWith(ImageToVolumeParameters.TITLE_ROW), row.getMessage());
        assertTrue(row.getCause() instanceof InvalidSettingsException, String.valueOf(row.getCause()));

        NodeSettings bad = node.settings();
        bad.addString(ImageToVolumeParameters.CFG_NORMALIZATION, "HISTOGRAM");
        // KNIME's enum persistence refuses an unknown method, naming it and the choices
        String unknown = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(bad)).getMessage();
        assertTrue(unknown.contains("'HISTOGRAM'") && unknown.contains("PERCENTILE"), unknown);
        NodeSettings negative = node.settings();
        negative.addInt(ImageToVolumeParameters.CFG_ROW, -1);
        assertTrue(assertThrows(InvalidSettingsException.class, () -> node.loadSettings(negative)).getMessage()
                .startsWith(ImageToVolumeParameters.TITLE_ROW));
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
        NodeTestHarness<NodeModel> toImage = NodeTestHarness.of(new VolumeToImageNodeFactory());
        toImage.set(VolumeToImageParameters.CFG_COLUMN, "EM");
        NodeSettings saved = toImage.settings();
        Path xml = dir.resolve("settings.xml");
        toImage.saveNodeSettingsXml(xml, "Volume to Image");
        assertEquals(saved, NodeTestHarness.of(new VolumeToImageNodeFactory()).loadNodeSettingsXml(xml).settings());
        assertEquals(toImage.settingKeys(), toImage.widgetKeys());
        assertEquals(saved, NodeTestHarness.of(new VolumeToImageNodeFactory()).applyParameters(toImage.parameters())
                .settings());

        NodeTestHarness<NodeModel> toVolume = NodeTestHarness.of(new ImageToVolumeNodeFactory());
        toVolume.set(ImageToVolumeParameters.CFG_ROW, 3).set(ImageToVolumeParameters.CFG_NORMALIZATION, "NONE");
        NodeSettings saved2 = toVolume.settings();
        // the dialog shows one widget per saved setting; applying what it shows reproduces the settings
        assertEquals(toVolume.settingKeys().stream().sorted().toList(), toVolume.widgetKeys());
        NodeParameters dialog2 = toVolume.parameters();
        assertEquals(saved2, NodeTestHarness.of(new ImageToVolumeNodeFactory()).applyParameters(dialog2).settings());
    }

    /** A model config as the nodes' SettingsModels saved it before NodeParameters: each value and its _Internals. */
    private static NodeSettings savedBySettingsModels(Object... keysAndValues) {
        NodeSettings model = new NodeSettings("model");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            Object value = keysAndValues[i + 1];
            org.knime.core.node.config.Config internals = model.addConfig(key + "_Internals");
            internals.addString("SettingsModelID", value instanceof Integer ? "SMID_integer" : "SMID_string");
            internals.addBoolean("EnabledStatus", true);
            if (value instanceof Integer n) {
                model.addInt(key, n);
            } else {
                model.addString(key, (String) value);
            }
        }
        return model;
    }

    /** Workflows saved before the nodes moved to NodeParameters load with their values. */
    @Test
    void settingsSavedBySettingsModelsStillLoad() throws Exception {
        NodeTestHarness<NodeModel> toImage = NodeTestHarness.of(new VolumeToImageNodeFactory())
                .loadSettings(savedBySettingsModels(VolumeToImageParameters.CFG_COLUMN, "EM stack"));
        assertEquals("EM stack", toImage.<VolumeToImageParameters>parameters().column);

        NodeTestHarness<NodeModel> toVolume = NodeTestHarness.of(new ImageToVolumeNodeFactory())
                .loadSettings(savedBySettingsModels(ImageToVolumeParameters.CFG_COLUMN, "Img",
                        ImageToVolumeParameters.CFG_ROW, 2, ImageToVolumeParameters.CFG_NORMALIZATION, "MIN_MAX"));
        ImageToVolumeParameters p = toVolume.parameters();
        assertEquals("Img", p.column);
        assertEquals(2, p.row);
        assertEquals(org.emsym.engine.volume.NormalizationMethod.MIN_MAX, p.normalization);
    }
}
