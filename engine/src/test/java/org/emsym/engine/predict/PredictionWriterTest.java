package org.emsym.engine.predict;

import static org.emsym.engine.predict.TiledVolumePredictorTest.assertArrayClose;
import static org.emsym.engine.predict.TiledVolumePredictorTest.expected;
import static org.emsym.engine.predict.TiledVolumePredictorTest.randomVolume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.emsym.engine.progress.CanceledException;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeFormatException;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.ZarrArray;
import org.emsym.engine.volume.io.ZarrFormat;
import org.emsym.engine.volume.io.ZarrWriter;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionWriterTest {

    private static final PointwiseConv CONV = new PointwiseConv(new float[][] {{1.2f, -0.4f, 0.9f}}, new float[] {-0.2f});
    private static final WindowSpec SPEC = WindowSpec.of(1);

    @TempDir
    Path dir;
    private NDManager manager;
    private BlockTileModel model;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
        model = BlockTileModel.builder(CONV.block(manager)).manager(manager).source("pointwise conv").build();
    }

    @AfterEach
    void close() {
        model.close();
        manager.close();
    }

    private TiledVolumePredictor predictor() {
        return TiledVolumePredictor.builder(model, SPEC).tileSize(16, 16).overlap(4).build();
    }

    @Test
    void writesProbabilitiesAndLabelsThresholdedFromThemWithOneForwardPassPerTile() throws IOException {
        ArrayVolume image = randomVolume(new VolumeShape(6, 20, 24), 8);
        TiledVolumePredictor predictor = predictor();
        Path probabilities = dir.resolve("probabilities.tif");
        Path labels = dir.resolve("labels.tif");
        PredictionSummary summary = PredictionWriter.builder(predictor).probabilities(OutputTarget.of(probabilities))
                .labels(OutputTarget.of(labels)).threshold(0.6).build().write(image);

        Volume p = VolumeReaders.open(probabilities, null);
        Volume l = VolumeReaders.open(labels, null);
        assertEquals(PixelType.FLOAT32, p.pixelType());
        assertEquals(PixelType.UINT8, l.pixelType());
        assertEquals(image.shape(), l.shape());
        int foreground = 0;
        for (int z = 0; z < 6; z++) {
            float[] want = expected(CONV, image, SPEC, z);
            assertArrayClose(want, p.readSection(z), 1e-5, "probabilities, section " + z);
            float[] mask = l.readSection(z);
            for (int i = 0; i < want.length; i++) {
                if (Math.abs(want[i] - 0.6) > 1e-5) { // clear of the threshold's rounding band
                    assertEquals(want[i] >= 0.6 ? 255 : 0, mask[i], 0, "label at section " + z + " pixel " + i);
                }
                foreground += mask[i] > 0 ? 1 : 0;
            }
        }
        assertTrue(foreground > 0 && foreground < 6 * 20 * 24, "the mask is neither empty nor full");
        int tilesPerSection = 2 * 2; // 20 and 24 pixels in tiles of 16 with step 12: 2 x 2
        assertEquals(6L * tilesPerSection, summary.tiles(), "labels come from the written file: no second pass");
        assertEquals(List.of(probabilities, labels), summary.written());
        assertTrue(summary.toText().contains("6 sections"), summary.toText());
    }

    @Test
    void omeZarrProbabilitiesArePredictedBlockByBlockAndLabelsGoBesideTheRawData() throws IOException {
        ArrayVolume image = randomVolume(new VolumeShape(5, 40, 36), 11);
        Path raw = dir.resolve("raw.zarr");
        org.emsym.engine.volume.io.VolumeWriters.write(image, raw);
        Volume stored = VolumeReaders.open(raw);
        Path probabilities = dir.resolve("probabilities.zarr");
        Path labels = raw.resolve("labels").resolve("membranes");
        ZarrWriter zarr = ZarrWriter.builder().setChunks(2, 16, 16).optCompressor(ZarrArray.Codec.ZSTD)
                .optFormat(ZarrFormat.V3).optLevels(2).build();
        TiledVolumePredictor predictor = predictor();
        PredictionSummary summary = PredictionWriter.builder(predictor).probabilities(OutputTarget.of(probabilities))
                .labels(OutputTarget.of(labels)).zarr(zarr).zarrBlock(1, 1, 2).build().write(stored);
        assertEquals(List.of(probabilities, labels), summary.written());
        assertTrue(Files.isRegularFile(probabilities.resolve("0/zarr.json")), "Zarr v3 as configured");
        assertTrue(Files.isRegularFile(probabilities.resolve("1/zarr.json")), "with a pyramid level");
        assertTrue(Files.isRegularFile(probabilities.resolve("0/c/2/2/1")), "in 2 x 16 x 16 chunks");
        Volume p = VolumeReaders.open(probabilities);
        Volume l = VolumeReaders.open(labels);
        assertEquals(PixelType.FLOAT32, p.pixelType());
        assertEquals(PixelType.UINT8, l.pixelType());
        for (int z = 0; z < 5; z++) {
            float[] want = expected(CONV, image, SPEC, z);
            assertArrayClose(want, p.readSection(z), 1e-5, "block-wise probabilities, section " + z);
            float[] mask = l.readSection(z);
            for (int i = 0; i < want.length; i++) {
                if (Math.abs(want[i] - 0.5) > 1e-5) {
                    assertEquals(want[i] >= 0.5 ? 255 : 0, mask[i], 0, "label at section " + z + " pixel " + i);
                }
            }
        }
        assertTrue(Files.readString(raw.resolve("labels/.zattrs")).contains("membranes"));

        // a rerun after a lost chunk computes only that block
        Files.delete(probabilities.resolve("0/c/1/0/0"));
        BlockwisePredictor again = new BlockwisePredictor(predictor(), 1, 1, 2);
        assertEquals(1, again.predictImage(stored, probabilities, zarr));
        assertArrayClose(expected(CONV, image, SPEC, 2), VolumeReaders.open(probabilities).readSection(2), 1e-5,
                "rerun section 2");

        Files.createDirectories(dir.resolve("busy.zarr"));
        Files.writeString(dir.resolve("busy.zarr/notes.txt"), "mine");
        VolumeFormatException e = assertThrows(VolumeFormatException.class,
                () -> again.predictImage(stored, dir.resolve("busy.zarr"), zarr));
        assertTrue(e.getMessage().contains("busy.zarr") && e.getMessage().contains("neither empty"), e.getMessage());
        e = assertThrows(VolumeFormatException.class, () -> PredictionWriter.builder(predictor())
                .probabilities(OutputTarget.of(raw.resolve("labels").resolve("p"))).build());
        assertTrue(e.getMessage().contains("label image") && e.getMessage().contains("FLOAT32"), e.getMessage());
    }

    @Test
    void labelsAloneAreThresholdedAsThePredictionStreamsIntoHdf5() throws IOException {
        ArrayVolume image = randomVolume(new VolumeShape(3, 16, 16), 9);
        TiledVolumePredictor predictor = predictor();
        Path labels = dir.resolve("out.h5");
        PredictionWriter.builder(predictor).labels(new OutputTarget(labels, "/seg/labels")).foregroundLabel(1).build()
                .write(image);
        Volume l = VolumeReaders.open(labels, "/seg/labels");
        for (int z = 0; z < 3; z++) {
            float[] want = expected(CONV, image, SPEC, z);
            float[] mask = l.readSection(z);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i] >= 0.5 ? 1 : 0, mask[i], 0, "section " + z + " pixel " + i);
            }
        }
        assertEquals(3, predictor.counters().tiles(), "one tile per section, predicted once");
    }

    @Test
    void componentsOfTheMaskAreNumberedPerSectionOrAcrossSections() throws IOException {
        // Only the centre channel counts (weight 10), so the mask is "centre section > 0": section 0 holds
        // blobs A (rows 1-2, cols 1-2) and B (rows 5-6, cols 5-6), section 1 blob C (rows 1-3, cols 1-2) under A.
        float[][] sections = new float[2][64];
        java.util.Arrays.fill(sections[0], -1);
        java.util.Arrays.fill(sections[1], -1);
        for (int y = 1; y <= 3; y++) {
            for (int x = 1; x <= 2; x++) {
                if (y <= 2) {
                    sections[0][y * 8 + x] = 1;
                    sections[0][(y + 4) * 8 + x + 4] = 1;
                }
                sections[1][y * 8 + x] = 1;
            }
        }
        ArrayVolume image = new ArrayVolume(new VolumeShape(2, 8, 8), PixelType.FLOAT32, sections);
        PointwiseConv centre = new PointwiseConv(new float[][] {{0f, 10f, 0f}}, new float[] {0f});
        try (BlockTileModel m = BlockTileModel.builder(centre.block(manager)).manager(manager).build()) {
            TiledVolumePredictor predictor = TiledVolumePredictor.builder(m, SPEC).tileSize(8, 8).build();
            Path perSection = dir.resolve("per-section.tif");
            PredictionSummary flat = PredictionWriter.builder(predictor)
                    .components(OutputTarget.of(perSection), ComponentMode.SECTIONS_4).build().write(image);
            assertEquals(3, flat.components());
            Volume labels = VolumeReaders.open(perSection, null);
            assertEquals(PixelType.UINT16, labels.pixelType());
            float a = labels.readSection(0)[9];
            float b = labels.readSection(0)[45];
            float c = labels.readSection(1)[9];
            assertEquals(3, java.util.Set.of(a, b, c).size(), "three distinct labels");
            assertEquals(0, labels.readSection(0)[0], 0, "background");

            Path volume = dir.resolve("volume.h5");
            PredictionSummary deep = PredictionWriter.builder(predictor).labels(OutputTarget.of(dir.resolve("m.tif")))
                    .components(new OutputTarget(volume, "/instances"), ComponentMode.VOLUME_6).build().write(image);
            assertEquals(2, deep.components(), "A and C touch across sections");
            Volume joined = VolumeReaders.open(volume, "/instances");
            assertEquals(joined.readSection(0)[9], joined.readSection(1)[25], 0, "A and C share a label");
            assertTrue(joined.readSection(0)[45] != joined.readSection(0)[9]);
            assertEquals(2 * 2, predictor.counters().tiles(), "one tile per section per run: the mask is reused");
        }
    }

    @Test
    void failureDuringPredictionLeavesNothingBehind() throws IOException {
        ArrayVolume image = randomVolume(new VolumeShape(8, 16, 16), 10);
        TileModel failing = new TileModel() {
            private int calls;

            @Override
            public int inputChannels() {
                return 3;
            }

            @Override
            public int classes() {
                return 1;
            }

            @Override
            public String source() {
                return "failing model";
            }

            @Override
            public float[] predict(float[] tiles, int batchSize, int height, int width) {
                if (++calls == 5) {
                    throw new IllegalStateException("out of memory in batch 5");
                }
                return model.predict(tiles, batchSize, height, width);
            }
        };
        TiledVolumePredictor predictor = TiledVolumePredictor.builder(failing, SPEC).tileSize(16, 16).build();
        PredictionWriter writer = PredictionWriter.builder(predictor).probabilities(OutputTarget.of(dir.resolve("p.tif")))
                .labels(OutputTarget.of(dir.resolve("l.tif"))).build();
        assertThrows(IllegalStateException.class, () -> writer.write(image));
        assertEquals(List.of(), listing(), "no output and no temporary file");
    }

    @Test
    void cancelDuringPredictionLeavesNothingBehind() throws IOException {
        ArrayVolume image = randomVolume(new VolumeShape(8, 16, 16), 10);
        int[] checks = {0};
        TiledVolumePredictor predictor = TiledVolumePredictor.builder(model, SPEC).tileSize(16, 16)
                .cancellation(() -> ++checks[0] > 4).build();
        PredictionWriter writer = PredictionWriter.builder(predictor).labels(OutputTarget.of(dir.resolve("l.tif")))
                .build();
        assertThrows(CanceledException.class, () -> writer.write(image));
        assertEquals(List.of(), listing());
    }

    @Test
    void unusableTargetsAreRejectedBeforeAnythingIsPredicted() throws IOException {
        TiledVolumePredictor predictor = predictor();
        assertRejected(predictor, PredictionWriter.builder(predictor).probabilities(OutputTarget.of(dir.resolve("pngs"))),
                "pngs", "FLOAT32");
        assertRejected(predictor, PredictionWriter.builder(predictor).labels(OutputTarget.of(dir.resolve("l.h5"))),
                "l.h5", "dataset");
        assertRejected(predictor, PredictionWriter.builder(predictor).labels(OutputTarget.of(dir.resolve("l.jpg"))),
                "l.jpg", "unknown volume format");
        assertRejected(predictor, PredictionWriter.builder(predictor)
                .labels(OutputTarget.of(dir.resolve("missing").resolve("l.tif"))), "missing", "does not exist");
        assertRejected(predictor, PredictionWriter.builder(predictor).probabilities(OutputTarget.of(dir.resolve("a.tif")))
                .labels(OutputTarget.of(dir.resolve("a.tif"))), "a.tif", "two prediction outputs");
        assertRejected(predictor, PredictionWriter.builder(predictor), "", "at least one output");
        assertEquals(0, predictor.counters().batches());
        assertEquals(List.of(), listing());
    }

    @Test
    void windowThatDoesNotFitTheImageWritesNothing() throws IOException {
        PointwiseConv five = new PointwiseConv(new float[][] {{1f, 1f, 1f, 1f, 1f}}, new float[] {0f});
        try (BlockTileModel m = BlockTileModel.builder(five.block(manager)).manager(manager).build()) {
            TiledVolumePredictor predictor = TiledVolumePredictor.builder(m,
                    new WindowSpec(2, org.emsym.engine.window.BoundaryMode.SKIP)).tileSize(8, 8).build();
            PredictionWriter writer = PredictionWriter.builder(predictor).labels(OutputTarget.of(dir.resolve("l.tif")))
                    .build();
            assertThrows(IllegalArgumentException.class, () -> writer.write(randomVolume(new VolumeShape(3, 8, 8), 1)));
            assertEquals(List.of(), listing());
        }
    }

    private static void assertRejected(TiledVolumePredictor p, PredictionWriter.Builder builder, String path,
            String problem) {
        VolumeFormatException e = assertThrows(VolumeFormatException.class, builder::build);
        assertTrue(e.getMessage().contains(path) && e.getMessage().contains(problem), e.getMessage());
        assertFalse(p.counters().batches() > 0);
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
