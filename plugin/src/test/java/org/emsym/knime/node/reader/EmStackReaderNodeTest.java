package org.emsym.knime.node.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationMethod;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.engine.volume.io.VolumeWriters;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.OlderSettings;
import org.emsym.knime.testing.SharedData;
import org.emsym.knime.testing.TestVolumes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.inactive.InactiveBranchPortObject;
import org.knime.core.node.port.inactive.InactiveBranchPortObjectSpec;

class EmStackReaderNodeTest {

    private static final VolumeShape SHAPE = new VolumeShape(4, 6, 5);

    @TempDir
    Path dir;

    private NodeTestHarness<NodeModel> node;
    private ArrayVolume image;

    @BeforeEach
    void setUp() throws IOException {
        node = NodeTestHarness.of(new EmStackReaderNodeFactory());
        image = TestVolumes.ramp(SHAPE, PixelType.UINT8, VoxelSize.UNKNOWN);
    }

    private Path write(Volume v, String name, String dataset) throws IOException {
        Path target = dir.resolve(name);
        VolumeWriters.write(v, target, dataset);
        return target;
    }

    private static InvalidSettingsException configureFails(NodeTestHarness<?> node) {
        return assertThrows(InvalidSettingsException.class, node::configure);
    }

    private static void assertVoxelsEqual(Volume expected, Volume actual) {
        assertEquals(expected.shape(), actual.shape());
        for (int z = 0; z < expected.shape().depth(); z++) {
            assertArrayEquals(expected.readSection(z), actual.readSection(z), 0f, "section " + z);
        }
    }

    // ---- configure ------------------------------------------------------------------------------------------

    @Test
    void configureNamesTheSettingAtFault() throws Exception {
        InvalidSettingsException noPath = configureFails(node);
        assertTrue(noPath.getMessage().startsWith(EmStackReaderParameters.TITLE_IMAGE_PATH), noPath.getMessage());

        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, dir.resolve("absent.tif").toString());
        InvalidSettingsException missing = configureFails(node);
        assertTrue(missing.getMessage().contains("absent.tif") && missing.getMessage().contains("does not exist"),
                missing.getMessage());

        Path h5 = write(image, "stack.h5", "/raw");
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, h5.toString());
        InvalidSettingsException noDataset = configureFails(node);
        assertTrue(noDataset.getMessage().startsWith(EmStackReaderParameters.TITLE_IMAGE_DATASET),
                noDataset.getMessage());

        node.set(EmStackReaderParameters.CFG_IMAGE_DATASET, "/nothing-here");
        InvalidSettingsException wrongDataset = configureFails(node);
        assertTrue(wrongDataset.getMessage().contains("nothing-here"), wrongDataset.getMessage());

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a stack");
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, text.toString());
        InvalidSettingsException unknown = configureFails(node);
        assertTrue(unknown.getMessage().contains("notes.txt"), unknown.getMessage());
    }

    @Test
    void labelsOfAnotherShapeAreRejectedNamingBothShapes() throws Exception {
        Path tif = write(image, "image.tif", null);
        Path labels = write(TestVolumes.labels(new VolumeShape(3, 6, 5)), "labels.tif", null);
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, tif.toString())
                .set(EmStackReaderParameters.CFG_READ_LABELS, true)
                .set(EmStackReaderParameters.CFG_LABELS_PATH, labels.toString());
        InvalidSettingsException e = configureFails(node);
        assertTrue(e.getMessage().startsWith(EmStackReaderParameters.TITLE_LABELS_PATH), e.getMessage());
        assertTrue(e.getMessage().contains("(z=3, y=6, x=5)") && e.getMessage().contains("(z=4, y=6, x=5)"),
                e.getMessage());
    }

    @Test
    void invalidSettingsAreRejectedBeforeLoading() throws Exception {
        NodeSettings s = node.settings();
        s.addDouble(EmStackReaderParameters.CFG_LOW_PERCENTILE, 99.9);
        InvalidSettingsException order = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(s));
        assertTrue(order.getMessage().startsWith(EmStackReaderParameters.TITLE_PERCENTILES), order.getMessage());

        NodeSettings s2 = node.settings();
        s2.addDouble(EmStackReaderParameters.CFG_HIGH_PERCENTILE, 120);
        InvalidSettingsException range = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(s2));
        assertTrue(range.getMessage().startsWith(EmStackReaderParameters.TITLE_HIGH_PERCENTILE)
                && range.getMessage().contains("120"), range.getMessage());

        NodeSettings s3 = node.settings();
        s3.addString(EmStackReaderParameters.CFG_NORMALIZATION, "ZSCORE");
        InvalidSettingsException method = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(s3));
        // KNIME's enum persistence refuses an unknown method, naming it and the choices
        assertTrue(method.getMessage().contains("'ZSCORE'") && method.getMessage().contains("MEAN_STD"),
                method.getMessage());

        // nothing of the rejected settings was loaded
        assertEquals(NormalizationSpec.DEFAULT_LOW_PERCENTILE,
                node.settings().getDouble(EmStackReaderParameters.CFG_LOW_PERCENTILE));
    }

    // ---- execute --------------------------------------------------------------------------------------------

    @Test
    void readsTiffStackWithoutLabels() throws Exception {
        Path tif = write(image, "stack.tif", null);
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, tif.toString());

        PortObjectSpec[] specs = node.configure();
        VolumePortObjectSpec spec = assertInstanceOf(VolumePortObjectSpec.class, specs[0]);
        assertEquals(SHAPE, spec.getShape());
        assertEquals(PixelType.UINT8, spec.getPixelType());
        assertEquals(NormalizationMethod.PERCENTILE, spec.getNormalization().method());
        assertTrue(spec.getProvenance().get(0).contains("stack.tif"), spec.getProvenance().toString());
        assertSame(InactiveBranchPortObjectSpec.INSTANCE, specs[1]);

        PortObject[] out = node.execute();
        VolumePortObject volume = assertInstanceOf(VolumePortObject.class, out[0]);
        assertEquals(spec, volume.getSpec(), "configure and execute agree on the spec");
        assertVoxelsEqual(image, volume.getVolume());
        assertSame(InactiveBranchPortObject.INSTANCE, out[1]);

        List<Double> progress = node.lastProgress().progressValues();
        assertEquals(SHAPE.depth(), progress.size(), "one progress report per section: " + progress);
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
        assertTrue(node.lastProgress().cancelChecks() > 0, "execute checks for cancellation");
        assertTrue(node.warningMessage().contains("voxel size"), "unknown voxel size is flagged");
    }

    @Test
    void executedOutputDoesNotChangeWhenTheSourceFileChanges() throws Exception {
        Path tif = write(image, "stack.tif", null);
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, tif.toString());
        VolumePortObject volume = (VolumePortObject) node.execute()[0];
        Files.delete(tif);
        assertVoxelsEqual(image, volume.getVolume());
    }

    @Test
    void readsSectionFolderWithLabelsAndVoxelSizeOverride() throws Exception {
        Path folder = write(image, "sections", null);
        ArrayVolume labels = TestVolumes.labels(SHAPE);
        Path labelFolder = write(labels, "labels", null);
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, folder.toString())
                .set(EmStackReaderParameters.CFG_READ_LABELS, true)
                .set(EmStackReaderParameters.CFG_LABELS_PATH, labelFolder.toString())
                .set(EmStackReaderParameters.CFG_OVERRIDE_VOXEL_SIZE, true)
                .set(EmStackReaderParameters.CFG_VOXEL_Z, 40.0)
                .set(EmStackReaderParameters.CFG_NORMALIZATION, "MIN_MAX");

        PortObject[] out = node.execute();
        VolumePortObject img = (VolumePortObject) out[0];
        VolumePortObject lab = assertInstanceOf(VolumePortObject.class, out[1]);
        assertVoxelsEqual(image, img.getVolume());
        assertVoxelsEqual(labels, lab.getVolume());
        assertEquals(VoxelSize.nm(40, 4, 4), img.getSpec().getVoxelSize());
        assertEquals(VoxelSize.nm(40, 4, 4), lab.getSpec().getVoxelSize(), "labels share the image's voxel size");
        assertEquals(NormalizationMethod.MIN_MAX, img.getSpec().getNormalization().method());
        assertEquals(NormalizationMethod.NONE, lab.getSpec().getNormalization().method());
        assertNull(node.warningMessage());
    }

    @Test
    void readsHdf5DatasetAndRoundTripsThroughPortStorage() throws Exception {
        ArrayVolume floats = TestVolumes.ramp(SHAPE, PixelType.FLOAT32, VoxelSize.UNKNOWN);
        Path h5 = write(floats, "stack.h5", "/volumes/raw");
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, h5.toString())
                .set(EmStackReaderParameters.CFG_IMAGE_DATASET, "/volumes/raw");
        VolumePortObject out = (VolumePortObject) node.execute()[0];
        assertEquals(PixelType.FLOAT32, out.getSpec().getPixelType());
        assertVoxelsEqual(floats, out.getVolume());

        VolumePortObject loaded = (VolumePortObject) NodeTestHarness.saveAndLoad(out, dir.resolve("port"));
        assertEquals(out.getSpec(), loaded.getSpec());
        assertVoxelsEqual(floats, loaded.getVolume());
    }

    @Test
    void readsAnyScaleLevelOfAnOmeZarrImageAndItsLabelImage() throws Exception {
        VolumeShape shape = new VolumeShape(3, 20, 18);
        ArrayVolume raw = TestVolumes.ramp(shape, PixelType.UINT16, VoxelSize.nm(40, 5, 5));
        Path zarr = write(raw, "image.zarr", null);
        write(TestVolumes.labels(shape), "image.zarr/labels/cells", null);

        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, zarr.toString());
        PortObject[] full = node.execute();
        assertVoxelsEqual(raw, ((VolumePortObject) full[0]).getVolume());
        assertEquals(VoxelSize.nm(40, 5, 5), ((VolumePortObject) full[0]).getSpec().getVoxelSize());

        node.set(EmStackReaderParameters.CFG_IMAGE_LEVEL, "1").set(EmStackReaderParameters.CFG_READ_LABELS, true)
                .set(EmStackReaderParameters.CFG_LABELS_PATH, zarr.resolve("labels/cells").toString())
                .set(EmStackReaderParameters.CFG_LABELS_LEVEL, "1");
        PortObject[] half = node.execute();
        VolumePortObjectSpec spec = ((VolumePortObject) half[0]).getSpec();
        assertEquals(new VolumeShape(3, 10, 9), spec.getShape());
        assertEquals(VoxelSize.nm(40, 10, 10), spec.getVoxelSize(), "the level's own voxel size");
        assertTrue(spec.getProvenance().get(0).contains("level 1"), spec.getProvenance().toString());
        Volume labels = ((VolumePortObject) half[1]).getVolume();
        assertEquals(new VolumeShape(3, 10, 9), labels.shape());
        assertEquals(TestVolumes.labels(shape).readSection(1)[2 * 18 + 2], labels.readSection(1)[9 + 1], 0f,
                "label levels keep label values (nearest)");

        node.set(EmStackReaderParameters.CFG_IMAGE_LEVEL, "7");
        InvalidSettingsException level = configureFails(node);
        assertTrue(level.getMessage().startsWith(EmStackReaderParameters.TITLE_IMAGE_LEVEL)
                && level.getMessage().contains("'7'"), level.getMessage());

        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, write(raw, "image.tif", null).toString())
                .set(EmStackReaderParameters.CFG_IMAGE_LEVEL, "1");
        InvalidSettingsException notZarr = configureFails(node);
        assertTrue(notZarr.getMessage().startsWith(EmStackReaderParameters.TITLE_IMAGE_LEVEL)
                && notZarr.getMessage().contains("OME-Zarr"), notZarr.getMessage());
    }

    @Test
    void badOmeZarrInputNamesTheSettingAndTheChunk() throws Exception {
        Path zarr = write(image, "bad.zarr", null);
        Files.writeString(zarr.resolve("0/.zarray"), Files.readString(zarr.resolve("0/.zarray"))
                .replace("\"zlib\"", "\"blosc\""));
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, zarr.toString());
        InvalidSettingsException e = configureFails(node);
        assertTrue(e.getMessage().startsWith(EmStackReaderParameters.TITLE_IMAGE_PATH) && e.getMessage().contains("blosc")
                && e.getMessage().contains(zarr.resolve("0/.zarray").toString()), e.getMessage());
    }

    @Test
    void cancelDuringExecuteLeavesNoOutputAndNoFiles() throws Exception {
        Path tif = write(image, "stack.tif", null);
        Path labels = write(TestVolumes.labels(SHAPE), "labels.tif", null);
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, tif.toString())
                .set(EmStackReaderParameters.CFG_READ_LABELS, true)
                .set(EmStackReaderParameters.CFG_LABELS_PATH, labels.toString());
        long before = rawFiles();
        // image has 4 sections: cancel during the labels, after the image copy finished
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(SHAPE.depth() + 1));
        assertEquals(before, rawFiles(), "the finished image copy was removed as well");
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(0));
        assertEquals(before, rawFiles());
    }

    private static long rawFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("emsym-volume-")).count();
        }
    }

    // ---- settings -------------------------------------------------------------------------------------------

    @Test
    void settingsRoundTripThroughXmlAndDialog() throws Exception {
        Path tif = write(image, "stack.tif", null);
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, tif.toString())
                .set(EmStackReaderParameters.CFG_HIGH_PERCENTILE, 99.5)
                .set(EmStackReaderParameters.CFG_OVERRIDE_VOXEL_SIZE, true);
        NodeSettings saved = node.settings();

        Path xml = dir.resolve("settings.xml");
        node.saveNodeSettingsXml(xml, "EM Stack Reader");
        NodeTestHarness<NodeModel> fresh = NodeTestHarness.of(new EmStackReaderNodeFactory());
        fresh.loadNodeSettingsXml(xml);
        assertEquals(saved, fresh.settings(), "settings.xml round trip");

        EmStackReaderParameters shown = node.parameters();
        assertTrue(shown.overrideVoxelSize);
        NodeTestHarness<NodeModel> viaDialog = NodeTestHarness.of(new EmStackReaderNodeFactory());
        viaDialog.applyParameters(shown);
        assertEquals(saved, viaDialog.settings(), "dialog shows and saves back the model's settings");
    }

    @Test
    void everySettingHasItsOwnKeyAndADialogComponent() throws Exception {
        List<String> keys = node.settingKeys();
        assertEquals(14, keys.size(), keys.toString());
        List<String> dialogKeys = node.widgetKeys();
        assertEquals(keys.stream().sorted().toList(), dialogKeys.stream().sorted().toList(),
                "each setting (and so each flow variable key) is editable in the dialog");
        assertFalse(keys.stream().anyMatch(k -> k.contains(" ")), "flow-variable friendly keys");
    }

    // ---- real data ------------------------------------------------------------------------------------------

    @Test
    void readsTheIsbiSectionsWithLabels() throws Exception {
        Optional<Path> images = SharedData.resolve("data/isbi2012/image");
        Optional<Path> labels = SharedData.resolve("data/isbi2012/label");
        Assumptions.assumeTrue(images.isPresent() && labels.isPresent(), "ISBI 2012 data (shared/) not available");
        node.set(EmStackReaderParameters.CFG_IMAGE_PATH, images.get().toString())
                .set(EmStackReaderParameters.CFG_READ_LABELS, true)
                .set(EmStackReaderParameters.CFG_LABELS_PATH, labels.get().toString());
        PortObject[] out = node.execute();
        VolumePortObject img = (VolumePortObject) out[0];
        VolumePortObject lab = (VolumePortObject) out[1];
        assertEquals(new VolumeShape(20, 512, 512), img.getSpec().getShape());
        assertEquals(PixelType.UINT8, img.getSpec().getPixelType());
        assertEquals(img.getSpec().getShape(), lab.getSpec().getShape());
        float[] section = lab.getVolume().readSection(10);
        for (float v : section) {
            assertTrue(v == 0 || v == 255, "labels are 0 (membrane) or 255 (cell), got " + v);
        }
    }

    /** Workflows saved before OME-Zarr support lack the scale levels and read the full resolution. */
    @Test
    void settingsSavedBeforeOmeZarrLoadWithTheFullResolution() throws Exception {
        Path saved = Path.of("..", "workflows", "02-predict-volume", "EM Stack Reader (#1)", "settings.xml");
        Path older = OlderSettings.without(saved, dir.resolve("older.xml"), "image_zarr_level", "labels_zarr_level");
        node.set(EmStackReaderParameters.CFG_IMAGE_LEVEL, "2").loadNodeSettingsXml(older);
        EmStackReaderParameters loaded = node.parameters();
        assertEquals("", loaded.imageLevel);
        assertEquals("", loaded.labelsLevel);
        assertFalse(loaded.imagePath.isEmpty(), "the rest loads");
    }
}
