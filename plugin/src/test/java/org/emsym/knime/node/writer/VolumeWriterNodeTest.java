package org.emsym.knime.node.writer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.OlderSettings;
import org.emsym.knime.testing.TestVolumes;
import org.emsym.knime.util.ZarrOutputParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.NodeParameters;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeModel;
import org.emsym.knime.util.IfExists;

class VolumeWriterNodeTest {

    private static final VolumeShape SHAPE = new VolumeShape(5, 7, 6);

    @TempDir
    Path dir;

    private NodeTestHarness<NodeModel> node;

    @BeforeEach
    void setUp() {
        node = NodeTestHarness.of(new VolumeWriterNodeFactory());
    }

    private static VolumePortObject port(PixelType type) {
        ArrayVolume v = TestVolumes.ramp(SHAPE, type, VoxelSize.nm(50, 4, 4));
        return new VolumePortObject(new VolumePortObjectSpec(v.shape(), v.pixelType(), v.voxelSize(),
                NormalizationSpec.none(), List.of("test")), v);
    }

    private InvalidSettingsException configureFails(VolumePortObject in) {
        return assertThrows(InvalidSettingsException.class, () -> node.configure(in.getSpec()));
    }

    private static void assertVoxelsEqual(Volume expected, Volume actual) {
        assertEquals(expected.shape(), actual.shape());
        for (int z = 0; z < expected.shape().depth(); z++) {
            assertArrayEquals(expected.readSection(z), actual.readSection(z), 0f, "section " + z);
        }
    }

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void configureNamesTheSettingAtFault() throws Exception {
        VolumePortObject in = port(PixelType.UINT8);
        String output = VolumeWriterParameters.TITLE_OUTPUT_PATH;

        assertTrue(configureFails(in).getMessage().startsWith(output));

        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, dir.resolve("missing-folder/out.tif").toString());
        InvalidSettingsException noFolder = configureFails(in);
        assertTrue(noFolder.getMessage().contains("missing-folder"), noFolder.getMessage());

        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, dir.resolve("out.xyz").toString());
        InvalidSettingsException unknown = configureFails(in);
        assertTrue(unknown.getMessage().startsWith(output) && unknown.getMessage().contains("xyz"),
                unknown.getMessage());

        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, dir.resolve("out.h5").toString())
                .set(VolumeWriterParameters.CFG_DATASET, " ");
        InvalidSettingsException noDataset = configureFails(in);
        assertTrue(noDataset.getMessage().startsWith(VolumeWriterParameters.TITLE_DATASET), noDataset.getMessage());

        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, dir.resolve("pngs").toString());
        InvalidSettingsException floatPng = configureFails(port(PixelType.FLOAT32));
        assertTrue(floatPng.getMessage().contains("FLOAT32"), floatPng.getMessage());

        // an unknown policy (a flow variable's typo) is refused by KNIME's enum persistence, naming the choices
        NodeSettings bad = node.settings();
        bad.addString(VolumeWriterParameters.CFG_IF_EXISTS, "APPEND");
        InvalidSettingsException policy = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(bad));
        assertTrue(policy.getMessage().contains("'APPEND'") && policy.getMessage().contains("FAIL, OVERWRITE"),
                policy.getMessage());
    }

    @Test
    void writesTiffThatReadsBackEqual() throws Exception {
        VolumePortObject in = port(PixelType.UINT16);
        Path target = dir.resolve("out.tif");
        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, target.toString());
        assertEquals(0, node.execute(in).length);
        assertVoxelsEqual(in.getVolume(), VolumeReaders.open(target));
        assertEquals(List.of("out.tif"), filesIn(dir), "no temporary left beside the output");
        List<Double> progress = node.lastProgress().progressValues();
        assertTrue(progress.size() >= 2, "progress while writing and at the end: " + progress);
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
    }

    @Test
    void writesHdf5AndPngFolder() throws Exception {
        VolumePortObject floats = port(PixelType.FLOAT32);
        Path h5 = dir.resolve("out.h5");
        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, h5.toString())
                .set(VolumeWriterParameters.CFG_DATASET, "/volumes/prediction");
        node.execute(floats);
        assertVoxelsEqual(floats.getVolume(), VolumeReaders.open(h5, "/volumes/prediction"));

        VolumePortObject bytes = port(PixelType.UINT8);
        Path folder = dir.resolve("sections");
        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, folder.toString());
        node.execute(bytes);
        assertVoxelsEqual(bytes.getVolume(), VolumeReaders.open(folder));
        assertEquals(SHAPE.depth(), filesIn(folder).size());
    }

    @Test
    void existingOutputFailsOrIsReplacedAsConfigured() throws Exception {
        Path target = dir.resolve("out.tif");
        Files.writeString(target, "precious");
        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, target.toString());
        VolumePortObject in = port(PixelType.UINT8);

        InvalidSettingsException exists = configureFails(in);
        assertTrue(exists.getMessage().contains(VolumeWriterParameters.TITLE_IF_EXISTS), exists.getMessage());
        assertThrows(InvalidSettingsException.class, () -> node.execute(in));
        assertEquals("precious", Files.readString(target), "FAIL never touches the existing output");

        node.set(VolumeWriterParameters.CFG_IF_EXISTS, "OVERWRITE");
        node.execute(in);
        assertVoxelsEqual(in.getVolume(), VolumeReaders.open(target));

        Path folder = Files.createDirectory(dir.resolve("sections"));
        Files.writeString(folder.resolve("notes.txt"), "keep me");
        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, folder.toString());
        InvalidSettingsException notEmpty = configureFails(in);
        assertTrue(notEmpty.getMessage().contains("not empty"), notEmpty.getMessage());
    }

    @Test
    void writesOmeZarrWithTheChosenChunksCompressorFormatAndLevelsAndLabelImagesBesideIt() throws Exception {
        VolumePortObject in = port(PixelType.UINT16);
        Path target = dir.resolve("out.zarr");
        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, target.toString())
                .set(ZarrOutputParameters.CFG_CHUNK_Z, 2).set(ZarrOutputParameters.CFG_CHUNK_Y, 4)
                .set(ZarrOutputParameters.CFG_CHUNK_X, 4).set(ZarrOutputParameters.CFG_COMPRESSOR, "zstd")
                .set(ZarrOutputParameters.CFG_FORMAT, "3").set(ZarrOutputParameters.CFG_LEVELS, 2);
        node.execute(in);
        assertVoxelsEqual(in.getVolume(), VolumeReaders.open(target));
        assertEquals(VoxelSize.nm(50, 4, 4), VolumeReaders.open(target).voxelSize());
        assertEquals(new VolumeShape(5, 4, 3), VolumeReaders.open(target, "1").shape());
        assertFalse(Files.exists(target.resolve("2")), "two levels as set");
        assertTrue(Files.isRegularFile(target.resolve("0/c/2/1/1")), "Zarr v3 keys, chunks 2 x 4 x 4");
        assertTrue(Files.readString(target.resolve("0/zarr.json")).contains("\"zstd\""));
        assertEquals(List.of("out.zarr"), filesIn(dir), "no temporary left beside the output");
        List<Double> progress = node.lastProgress().progressValues();
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);

        Path labels = target.resolve("labels").resolve("mask");
        VolumePortObject mask = port(PixelType.UINT8);
        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, labels.toString());
        node.execute(mask);
        assertVoxelsEqual(mask.getVolume(), VolumeReaders.open(labels));
        assertTrue(Files.readString(target.resolve("labels/zarr.json")).contains("mask"));
        InvalidSettingsException floats = configureFails(port(PixelType.FLOAT32));
        assertTrue(floats.getMessage().contains("FLOAT32") && floats.getMessage().contains("label image"),
                floats.getMessage());

        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, target.toString());
        InvalidSettingsException exists = configureFails(in);
        assertTrue(exists.getMessage().contains(VolumeWriterParameters.TITLE_IF_EXISTS), exists.getMessage());
        node.set(VolumeWriterParameters.CFG_IF_EXISTS, "OVERWRITE");
        InvalidSettingsException notEmpty = configureFails(in);
        assertTrue(notEmpty.getMessage().contains("not empty") && notEmpty.getMessage().contains("OME-Zarr"),
                notEmpty.getMessage());

        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, dir.resolve("other.zarr").toString());
        // an unknown compressor (a flow variable's value) is refused when the settings load, naming the setting
        InvalidSettingsException blosc = assertThrows(InvalidSettingsException.class,
                () -> node.set(ZarrOutputParameters.CFG_COMPRESSOR, "blosc"));
        assertTrue(blosc.getMessage().startsWith(ZarrOutputParameters.TITLE_COMPRESSOR)
                && blosc.getMessage().contains("blosc"), blosc.getMessage());
        node.set(ZarrOutputParameters.CFG_COMPRESSOR, "zlib");
        InvalidSettingsException zlib3 = configureFails(in);
        assertTrue(zlib3.getMessage().contains("zlib is not a Zarr v3 codec"), zlib3.getMessage());
    }

    @Test
    void cancelLeavesNothingBehind() throws Exception {
        Path target = dir.resolve("out.tif");
        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, target.toString());
        VolumePortObject in = port(PixelType.UINT8);
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(0, in));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), filesIn(dir), "no output and no temporary");

        // replacing an existing file: a canceled run keeps the old file
        Files.writeString(target, "old");
        node.set(VolumeWriterParameters.CFG_IF_EXISTS, "OVERWRITE");
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(0, in));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.tif"), filesIn(dir));
    }

    @Test
    void settingsRoundTripAndDialogCoversEverySetting() throws Exception {
        node.set(VolumeWriterParameters.CFG_OUTPUT_PATH, dir.resolve("x.h5").toString())
                .set(VolumeWriterParameters.CFG_DATASET, "/labels")
                .set(VolumeWriterParameters.CFG_IF_EXISTS, "OVERWRITE");
        NodeSettings saved = node.settings();
        Path xml = dir.resolve("settings.xml");
        node.saveNodeSettingsXml(xml, "Volume Writer");
        NodeTestHarness<NodeModel> fresh = NodeTestHarness.of(new VolumeWriterNodeFactory());
        assertEquals(saved, fresh.loadNodeSettingsXml(xml).settings());

        // the dialog shows one widget per saved setting, and applying what it shows reproduces the settings
        assertEquals(node.settingKeys().stream().sorted().toList(), node.widgetKeys());
        VolumeWriterParameters shown = node.parameters();
        assertEquals(IfExists.OVERWRITE, shown.ifExists);
        assertEquals("/labels", shown.dataset);
        NodeTestHarness<NodeModel> viaDialog = NodeTestHarness.of(new VolumeWriterNodeFactory());
        assertEquals(saved, viaDialog.applyParameters(shown).settings());
    }

    /**
     * The example workflow's Volume Writer was saved before the node moved to NodeParameters (SettingsModels, with
     * their {@code _Internals} entries): it loads unchanged, with the values it was saved with, and a flow variable
     * on one of its keys still applies.
     */
    @Test
    void settingsSavedBeforeNodeParametersStillLoad() throws Exception {
        Path saved = Path.of("..", "workflows", "02-predict-volume", "Volume Writer (#5)", "settings.xml");
        assertTrue(Files.isRegularFile(saved), saved + " (committed example workflow) missing");
        assertTrue(Files.readString(saved).contains("output_path_Internals"), "saved by the SettingsModel node");
        node.loadNodeSettingsXml(saved);
        VolumeWriterParameters loaded = node.parameters();
        assertEquals("knime://knime.workflow/../output/02-labels.tif", loaded.outputPath);
        assertEquals("/raw", loaded.dataset);
        assertEquals(IfExists.OVERWRITE, loaded.ifExists);
        node.set(VolumeWriterParameters.CFG_IF_EXISTS, "FAIL");
        assertEquals(IfExists.FAIL, node.<VolumeWriterParameters>parameters().ifExists);
    }

    /** Workflows saved before OME-Zarr support lack the zarr_* settings and load with their defaults. */
    @Test
    void settingsSavedBeforeOmeZarrLoadWithTheDefaults() throws Exception {
        Path saved = Path.of("..", "workflows", "02-predict-volume", "Volume Writer (#5)", "settings.xml");
        Path older = OlderSettings.without(saved, dir.resolve("older.xml"), "zarr_");
        NodeTestHarness<NodeModel> defaults = NodeTestHarness.of(new VolumeWriterNodeFactory());
        node.set(ZarrOutputParameters.CFG_LEVELS, 5).loadNodeSettingsXml(older);
        assertEquals(defaults.settings().getInt(ZarrOutputParameters.CFG_LEVELS),
                node.settings().getInt(ZarrOutputParameters.CFG_LEVELS));
        assertEquals("zlib", node.settings().getString(ZarrOutputParameters.CFG_COMPRESSOR));
        assertEquals(IfExists.OVERWRITE, node.<VolumeWriterParameters>parameters().ifExists, "the rest loads");
    }
}
