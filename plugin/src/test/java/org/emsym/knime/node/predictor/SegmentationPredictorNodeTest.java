package org.emsym.knime.node.predictor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.window.BlendMode;
import org.emsym.engine.window.WindowSpec;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.testing.BinaryModels;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.OlderSettings;
import org.emsym.knime.util.ZarrOutputParameters;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

import ai.djl.ndarray.NDManager;

class SegmentationPredictorNodeTest {

    private static final int K = 1;

    private static SegmentationModelPortObject model;
    private static VolumePortObject image;

    @TempDir
    Path dir;

    private NodeTestHarness<NodeModel> node;

    @BeforeAll
    static void data() throws Exception {
        model = BinaryModels.port(K);
        image = BinaryModels.synthetic("image.tif", 4, 96);
    }

    @BeforeEach
    void setUp() throws Exception {
        node = NodeTestHarness.of(new SegmentationPredictorNodeFactory());
        node.set(SegmentationPredictorParameters.CFG_TILE_SIZE, 64).set(SegmentationPredictorParameters.CFG_OVERLAP, 16)
                .set(SegmentationPredictorParameters.CFG_DEVICE, "cpu");
    }

    private InvalidSettingsException configureFails() {
        return assertThrows(InvalidSettingsException.class, () -> node.configure(model.getSpec(), image.getSpec()));
    }

    @Test
    void configureNamesTheSettingAtFault() throws Exception {
        node.set(SegmentationPredictorParameters.CFG_TILE_SIZE, 80);
        InvalidSettingsException tile = configureFails();
        assertTrue(tile.getMessage().startsWith(SegmentationPredictorParameters.TITLE_TILE_SIZE), tile.getMessage());

        var overlap = node.settings();
        overlap.addInt(SegmentationPredictorParameters.CFG_OVERLAP, 80);
        InvalidSettingsException o = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(overlap));
        assertTrue(o.getMessage().startsWith(SegmentationPredictorParameters.TITLE_OVERLAP), o.getMessage());

        var blend = node.settings();
        blend.addString(SegmentationPredictorParameters.CFG_BLEND, "MAX");
        InvalidSettingsException b = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(blend));
        // KNIME's enum persistence refuses an unknown constant, naming it and the choices
        assertTrue(b.getMessage().contains("'MAX'") && b.getMessage().contains("GAUSSIAN"), b.getMessage());
        var device = node.settings();
        device.addString(SegmentationPredictorParameters.CFG_DEVICE, "tpu");
        InvalidSettingsException d = assertThrows(InvalidSettingsException.class, () -> node.loadSettings(device));
        assertTrue(d.getMessage().startsWith(SegmentationPredictorParameters.TITLE_DEVICE), d.getMessage());

        node.set(SegmentationPredictorParameters.CFG_TILE_SIZE, 64);
        PortObjectSpec[] specs = node.configure(model.getSpec(), image.getSpec());
        assertEquals(PixelType.FLOAT32, ((VolumePortObjectSpec) specs[0]).getPixelType());
        assertEquals(PixelType.UINT8, ((VolumePortObjectSpec) specs[1]).getPixelType());
        assertEquals(image.getSpec().getShape(), ((VolumePortObjectSpec) specs[1]).getShape());
    }

    /** The node's probabilities are the engine's, and its labels are exactly the thresholded probabilities. */
    @Test
    void predictsWhatTheEngineWouldAndThresholdsIt() throws Exception {
        node.set(SegmentationPredictorParameters.CFG_THRESHOLD, 0.45);
        PortObject[] out = node.execute(model, image);
        Volume probabilities = ((VolumePortObject) out[0]).getVolume();
        Volume labels = ((VolumePortObject) out[1]).getVolume();
        assertEquals(PixelType.FLOAT32, probabilities.pixelType());
        assertEquals(PixelType.UINT8, labels.pixelType());

        int z = 2;
        float[] expected;
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            ModelBundle bundle = model.loadBundle(scope);
            try (BlockTileModel tiles = BlockTileModel.builder(bundle.network()).manager(m).build()) {
                TiledVolumePredictor engine = TiledVolumePredictor.builder(tiles, WindowSpec.of(K)).tileSize(64, 64)
                        .overlap(16).blend(BlendMode.GAUSSIAN)
                        .sectionTransform(Normalizer.fit(image.getVolume(), NormalizationSpec.typeMax()).sectionTransform()).build();
                expected = engine.predictSection(image.getVolume(), z)[0];
            }
        }
        assertArrayEquals(expected, probabilities.readSection(z), 1e-5f);
        for (int s = 0; s < image.getVolume().shape().depth(); s++) {
            float[] p = probabilities.readSection(s);
            float[] l = labels.readSection(s);
            for (int i = 0; i < p.length; i++) {
                assertTrue(p[i] >= 0 && p[i] <= 1, "probability " + p[i]);
                assertEquals(p[i] >= 0.45f ? 1f : 0f, l[i], "voxel " + i + " of section " + s);
            }
        }
        List<Double> progress = node.lastProgress().progressValues();
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
    }

    /** The OME-Zarr option: block-wise probabilities equal the port-storage ones, and a resume finishes the rest. */
    @Test
    void writesProbabilitiesBlockByBlockIntoOmeZarrAndResumes() throws Exception {
        PortObject[] reference = node.execute(model, image);
        Volume expected = ((VolumePortObject) reference[0]).getVolume();

        Path zarr = dir.resolve("probabilities.zarr");
        node.set(SegmentationPredictorParameters.CFG_ZARR_PATH, zarr.toString())
                .set(SegmentationPredictorParameters.CFG_ZARR_OUTPUT, true)
                .set(ZarrOutputParameters.CFG_CHUNK_Z, 2).set(ZarrOutputParameters.CFG_CHUNK_Y, 16)
                .set(ZarrOutputParameters.CFG_CHUNK_X, 16).set(ZarrOutputParameters.CFG_COMPRESSOR, "zstd");
        PortObject[] out = node.execute(model, image);
        Volume probabilities = ((VolumePortObject) out[0]).getVolume();
        assertTrue(probabilities.source().contains("probabilities.zarr"), "the port reads the OME-Zarr image: "
                + probabilities.source());
        assertClose(expected, probabilities);
        assertClose(expected, org.emsym.engine.volume.io.VolumeReaders.open(zarr));
        assertClose(((VolumePortObject) reference[1]).getVolume(), ((VolumePortObject) out[1]).getVolume());
        assertTrue(java.nio.file.Files.isRegularFile(zarr.resolve(".zattrs")), "NGFF metadata written");
        assertTrue(java.nio.file.Files.isRegularFile(zarr.resolve("1/.zarray")), "with a pyramid level");

        InvalidSettingsException exists = assertThrows(InvalidSettingsException.class,
                () -> node.configure(model.getSpec(), image.getSpec()));
        assertTrue(exists.getMessage().startsWith(SegmentationPredictorParameters.TITLE_ZARR_PATH)
                && exists.getMessage().contains("not empty"), exists.getMessage());

        Path lost = zarr.resolve("0/1/2/3");
        java.nio.file.Files.delete(lost);
        node.set(SegmentationPredictorParameters.CFG_ZARR_RESUME, true);
        out = node.execute(model, image);
        assertTrue(java.nio.file.Files.isRegularFile(lost), "the missing block is computed again");
        assertClose(expected, ((VolumePortObject) out[0]).getVolume());

        InvalidSettingsException none = assertThrows(InvalidSettingsException.class,
                () -> node.set(SegmentationPredictorParameters.CFG_ZARR_PATH, " "));
        assertTrue(none.getMessage().startsWith(SegmentationPredictorParameters.TITLE_ZARR_PATH), none.getMessage());
    }

    private static void assertClose(Volume expected, Volume actual) {
        assertEquals(expected.shape(), actual.shape());
        for (int z = 0; z < expected.shape().depth(); z++) {
            assertArrayEquals(expected.readSection(z), actual.readSection(z), 1e-5f, "section " + z);
        }
    }

    @Test
    void connectedComponentsGiveInstanceLabels() throws Exception {
        node.set(SegmentationPredictorParameters.CFG_COMPONENTS, true).set(SegmentationPredictorParameters.CFG_THRESHOLD,
                0.5);
        PortObject[] out = node.execute(model, image);
        Volume probabilities = ((VolumePortObject) out[0]).getVolume();
        Volume labels = ((VolumePortObject) out[1]).getVolume();
        assertEquals(PixelType.UINT16, labels.pixelType());
        Set<Float> ids = new HashSet<>();
        for (int s = 0; s < labels.shape().depth(); s++) {
            float[] p = probabilities.readSection(s);
            float[] l = labels.readSection(s);
            for (int i = 0; i < p.length; i++) {
                assertEquals(p[i] >= 0.5f, l[i] > 0, "foreground voxels carry a component id");
                if (l[i] > 0) {
                    ids.add(l[i]);
                }
            }
        }
        float max = ids.stream().max(Float::compare).orElse(0f);
        assertEquals(ids.size(), (int) max, "ids are 1..n without gaps");
    }

    @Test
    void symmetricZFlipTtaIsInvariantToReversingTheStack() throws Exception {
        node.set(SegmentationPredictorParameters.CFG_TTA_Z, true);
        Volume forward = ((VolumePortObject) node.execute(model, image)[0]).getVolume();
        VolumePortObject reversed = BinaryModels.reversed(image);
        Volume backward = ((VolumePortObject) node.execute(model, reversed)[0]).getVolume();
        int depth = forward.shape().depth();
        for (int z = 1; z < depth - 1; z++) {
            assertArrayEquals(forward.readSection(z), backward.readSection(depth - 1 - z), 1e-4f, "section " + z);
        }
    }

    @Test
    void cancelFailsWithoutOutput() {
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(1, model, image));
    }

    @Test
    void settingsSurviveDialogAndSettingsXml() throws Exception {
        node.set(SegmentationPredictorParameters.CFG_BLEND, "COSINE").set(SegmentationPredictorParameters.CFG_TTA_XY, true)
                .set(SegmentationPredictorParameters.CFG_COMPONENTS, true)
                .set(SegmentationPredictorParameters.CFG_COMPONENT_MODE, "VOLUME_6");
        var before = node.settings();
        // the dialog shows one widget per saved setting; applying what it shows reproduces the settings
        assertEquals(node.settingKeys().stream().sorted().toList(), node.widgetKeys());
        node.applyParameters(node.parameters());
        assertEquals(before, node.settings());
        Path xml = dir.resolve("settings.xml");
        node.saveNodeSettingsXml(xml, "Segmentation Predictor");
        NodeTestHarness<NodeModel> other =
                NodeTestHarness.of(new SegmentationPredictorNodeFactory());
        other.loadNodeSettingsXml(xml);
        assertEquals(before, other.settings());
    }

    /** Workflows saved before OME-Zarr support lack the zarr_* settings and keep port storage. */
    @Test
    void settingsSavedBeforeOmeZarrLoadWithPortStorage() throws Exception {
        Path saved = Path.of("..", "workflows", "02-predict-volume", "Segmentation Predictor (#3)", "settings.xml");
        Path older = OlderSettings.without(saved, dir.resolve("older.xml"), "zarr_");
        node.set(SegmentationPredictorParameters.CFG_ZARR_PATH, dir.resolve("p.zarr").toString())
                .set(SegmentationPredictorParameters.CFG_ZARR_OUTPUT, true).loadNodeSettingsXml(older);
        SegmentationPredictorParameters loaded = node.parameters();
        assertFalse(loaded.zarrOutput);
        assertEquals("", loaded.zarrPath);
        assertEquals(3, node.settings().getInt(ZarrOutputParameters.CFG_LEVELS));
    }

    /** Issue 16 item 4: a float image with a NaN patch fails the node naming source, section and count. */
    @Test
    void anImageWithNaNFailsNamingTheSectionAndCount() {
        VolumePortObject nan = BinaryModels.withNaN(image, 2, 3, "nan-image.tif");
        Exception e = assertThrows(Exception.class, () -> node.execute(model, nan));
        BinaryModels.assertNonFiniteRefused(e, "nan-image.tif", 2, 3);
    }
}
