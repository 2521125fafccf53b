package org.emsym.engine.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.emsym.engine.progress.CanceledException;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.BlendMode;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TiledVolumePredictorTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private BlockTileModel model(PointwiseConv conv) {
        return BlockTileModel.builder(conv.block(manager)).manager(manager).source("pointwise conv").build();
    }

    @ParameterizedTest
    @EnumSource(BlendMode.class)
    void tiledPredictionReproducesTheWholeImageForward(BlendMode blend) {
        PointwiseConv conv = new PointwiseConv(new float[][] {{0.4f, -0.9f, 0.3f}}, new float[] {0.1f});
        ArrayVolume image = randomVolume(new VolumeShape(4, 37, 53), 11);
        WindowSpec spec = WindowSpec.of(1);
        try (BlockTileModel model = model(conv)) {
            TiledVolumePredictor predictor = TiledVolumePredictor.builder(model, spec).tileSize(16, 16).overlap(5)
                    .blend(blend).batchSize(3).build();
            float[][] tiled = predictor.probabilities(image).readSlab(0, 4);
            StackWindower windower = new StackWindower(image, spec);
            for (int z = 0; z < 4; z++) {
                float[] whole = model.predict(windower.window(z).toChw(), 1, 37, 53);
                assertArrayClose(whole, tiled[z], 1e-5, "section " + z);
                assertArrayClose(expected(conv, image, spec, z), tiled[z], 1e-5, "Java reference, section " + z);
            }
            // ceil((37-16)/11)+1 = 3 rows, ceil((53-16)/11)+1 = 5 columns of tiles per section
            assertEquals(4 * 3 * 5, predictor.counters().tiles());
            assertEquals(4 * 5, predictor.counters().batches());
        }
    }

    @Test
    void imageSmallerThanATileIsPaddedAndCroppedBack() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f, 2f, -1f, 0.5f, 0.2f}}, new float[] {-0.3f});
        ArrayVolume image = randomVolume(new VolumeShape(3, 10, 13), 5);
        WindowSpec spec = new WindowSpec(2, BoundaryMode.REPLICATE);
        try (BlockTileModel model = model(conv)) {
            float[][] tiled = TiledVolumePredictor.builder(model, spec).tileSize(32, 32).build()
                    .probabilities(image).readSlab(0, 3);
            for (int z = 0; z < 3; z++) {
                assertArrayClose(expected(conv, image, spec, z), tiled[z], 1e-5, "section " + z);
            }
        }
    }

    @Test
    void batchSizeDoesNotChangeTheResult() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{0.5f, 0.5f, -1f}}, new float[] {0f});
        ArrayVolume image = randomVolume(new VolumeShape(2, 40, 40), 3);
        try (BlockTileModel model = model(conv)) {
            float[][] one = TiledVolumePredictor.builder(model, WindowSpec.of(1)).tileSize(16, 16).batchSize(1)
                    .build().probabilities(image).readSlab(0, 2);
            float[][] seven = TiledVolumePredictor.builder(model, WindowSpec.of(1)).tileSize(16, 16).batchSize(7)
                    .build().probabilities(image).readSlab(0, 2);
            for (int z = 0; z < 2; z++) {
                assertArrayClose(one[z], seven[z], 1e-6, "section " + z);
            }
        }
    }

    @Test
    void zFlipAugmentationOfAZSymmetricModelEqualsNoAugmentation() {
        PointwiseConv symmetric = new PointwiseConv(new float[][] {{0.7f, -0.2f, 0.7f}}, new float[] {0.05f});
        ArrayVolume image = randomVolume(new VolumeShape(5, 24, 30), 17);
        try (BlockTileModel model = model(symmetric)) {
            float[][] plain = predictor(model, TestTimeAugmentation.NONE).probabilities(image).readSlab(0, 5);
            TiledVolumePredictor flipped = predictor(model, new TestTimeAugmentation(false, true));
            float[][] tta = flipped.probabilities(image).readSlab(0, 5);
            for (int z = 0; z < 5; z++) {
                assertArrayClose(plain[z], tta[z], 1e-6, "section " + z);
            }
            assertEquals(2L * 5 * tilesPerSection(24, 30), flipped.counters().tiles(), "two variants per tile");
        }
    }

    @Test
    void zFlipAugmentationAveragesTheWindowAndItsMirrorImage() {
        PointwiseConv asymmetric = new PointwiseConv(new float[][] {{1.5f, 0.2f, -0.8f}}, new float[] {0.1f});
        PointwiseConv mirrored = new PointwiseConv(new float[][] {{-0.8f, 0.2f, 1.5f}}, new float[] {0.1f});
        ArrayVolume image = randomVolume(new VolumeShape(4, 20, 20), 23);
        WindowSpec spec = WindowSpec.of(1);
        try (BlockTileModel model = model(asymmetric)) {
            float[][] tta = predictor(model, new TestTimeAugmentation(false, true)).probabilities(image).readSlab(0, 4);
            for (int z = 0; z < 4; z++) {
                float[] a = expected(asymmetric, image, spec, z);
                float[] b = expected(mirrored, image, spec, z);
                float[] mean = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    mean[i] = (a[i] + b[i]) / 2;
                }
                assertArrayClose(mean, tta[z], 1e-5, "section " + z);
            }
        }
    }

    /**
     * A linear 3x3 convolution (no activation) on one tile covering the image: the mean over the four
     * xy flips of flip(conv(flip(x))) is the convolution with the mean of the four flipped kernels, which
     * checks that each flip is undone on the output.
     */
    @Test
    void xyFlipAugmentationUndoesEachFlipOnTheOutput() {
        float[] kernel = {1f, 2f, 0f, -1f, 0.5f, 3f, 0.25f, -2f, 1f};
        Conv2d conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(1)
                .optBias(false).build();
        conv.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 8, 8));
        conv.getParameters().get("weight").getArray().set(kernel);
        ArrayVolume image = randomVolume(new VolumeShape(1, 9, 11), 31);
        try (BlockTileModel model = BlockTileModel.builder(conv).manager(manager).activation(OutputActivation.NONE)
                .classes(1).build()) {
            float[] tta = TiledVolumePredictor.builder(model, WindowSpec.of(0)).tileSize(9, 11).overlap(0)
                    .augmentation(new TestTimeAugmentation(true, false)).build().probabilities(image).readSection(0);
            float[] mean = new float[9];
            for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                    mean[ky * 3 + kx] = (kernel[ky * 3 + kx] + kernel[(2 - ky) * 3 + kx] + kernel[ky * 3 + 2 - kx]
                            + kernel[(2 - ky) * 3 + 2 - kx]) / 4;
                }
            }
            float[] x = image.section(0);
            for (int y = 0; y < 9; y++) {
                for (int c = 0; c < 11; c++) {
                    double sum = 0;
                    for (int ky = -1; ky <= 1; ky++) {
                        for (int kx = -1; kx <= 1; kx++) {
                            int sy = y + ky;
                            int sx = c + kx;
                            if (sy >= 0 && sy < 9 && sx >= 0 && sx < 11) {
                                sum += mean[(ky + 1) * 3 + kx + 1] * x[sy * 11 + sx];
                            }
                        }
                    }
                    assertEquals(sum, tta[y * 11 + c], 1e-4, "y=" + y + " x=" + c);
                }
            }
        }
    }

    @Test
    void perVolumeNormalizerIsAppliedToEverySectionBeforeWindowing() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{0.9f, -0.6f, 0.4f}}, new float[] {0.2f});
        ArrayVolume image = randomVolume(new VolumeShape(3, 12, 12), 6);
        Normalizer normalizer = Normalizer.of(NormalizationSpec.meanStd(), 0.5, 2.0);
        Volume normalized = normalizer.applyTo(image);
        ArrayVolume expectedInput = ArrayVolume.copyOf(normalized);
        try (BlockTileModel model = model(conv)) {
            float[][] out = TiledVolumePredictor.builder(model, WindowSpec.of(1)).tileSize(8, 8).overlap(2)
                    .normalizer(normalizer).build().probabilities(image).readSlab(0, 3);
            for (int z = 0; z < 3; z++) {
                assertArrayClose(expected(conv, expectedInput, WindowSpec.of(1), z), out[z], 1e-5, "section " + z);
            }
            assertTrue(Math.abs(expectedInput.get(0, 0, 0) - image.get(0, 0, 0)) > 1e-3, "normalization changes values");
        }
    }

    @Test
    void skippedSectionsAreNaNAndTheRestIsPredicted() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f, -1f, 1f}}, new float[] {0f});
        ArrayVolume image = randomVolume(new VolumeShape(4, 8, 8), 2);
        WindowSpec spec = new WindowSpec(1, BoundaryMode.SKIP);
        try (BlockTileModel model = model(conv)) {
            float[][] out = TiledVolumePredictor.builder(model, spec).tileSize(8, 8).build().probabilities(image)
                    .readSlab(0, 4);
            assertTrue(Float.isNaN(out[0][0]) && Float.isNaN(out[3][63]));
            assertArrayClose(expected(conv, image, spec, 1), out[1], 1e-5, "section 1");
            assertArrayClose(expected(conv, image, spec, 2), out[2], 1e-5, "section 2");
        }
    }

    @Test
    void streamingReadsOnlyTheSectionsOfTheRequestedSlab() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f, 1f, 1f, 1f, 1f}}, new float[] {0f});
        CountingVolume image = new CountingVolume(randomVolume(new VolumeShape(30, 12, 12), 4));
        try (BlockTileModel model = model(conv)) {
            PredictedVolume predicted = TiledVolumePredictor.builder(model, WindowSpec.of(2)).tileSize(12, 12)
                    .build().probabilities(image);
            for (int z = 0; z < 30; z++) {
                predicted.readSlab(z, z + 1);
            }
            assertEquals(5, image.maxSectionsPerRead, "one window: 2k+1 sections");
            assertEquals(30, image.reads, "one image read per one-section slab");
            image.reset();
            predicted.readSlab(10, 16);
            assertEquals(1, image.reads);
            assertEquals(6 + 4, image.maxSectionsPerRead, "a slab of 6 centres needs 6 + 2k sections");
        }
    }

    @Test
    void progressRisesToOneAndCancellationStopsBeforeTheNextBatch() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f, 1f, 1f}}, new float[] {0f});
        ArrayVolume image = randomVolume(new VolumeShape(3, 20, 20), 4);
        try (BlockTileModel model = model(conv)) {
            List<Double> fractions = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            TiledVolumePredictor p = TiledVolumePredictor.builder(model, WindowSpec.of(1)).tileSize(8, 8).batchSize(2)
                    .progress((f, m) -> {
                        fractions.add(f);
                        messages.add(m);
                    }).build();
            p.probabilities(image).readSlab(0, 3);
            for (int i = 1; i < fractions.size(); i++) {
                assertTrue(fractions.get(i) >= fractions.get(i - 1), "monotone: " + fractions);
            }
            assertEquals(1.0, fractions.get(fractions.size() - 1), 1e-12);
            assertEquals("section 3/3, tile 9/9", messages.get(messages.size() - 1));

            AtomicInteger checks = new AtomicInteger();
            TiledVolumePredictor canceled = TiledVolumePredictor.builder(model, WindowSpec.of(1)).tileSize(8, 8)
                    .batchSize(2).cancellation(() -> checks.incrementAndGet() > 3).build();
            assertThrows(CanceledException.class, () -> canceled.probabilities(image).readSlab(0, 3));
            assertEquals(3, canceled.counters().batches(), "three batches ran before the cancel");
        }
    }

    @Test
    void modelWithOtherInputChannelsIsRejectedBeforeAnyPrediction() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f, 1f, 1f}}, new float[] {0f});
        try (BlockTileModel model = model(conv)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TiledVolumePredictor.builder(model, WindowSpec.of(2)));
            assertTrue(e.getMessage().contains("pointwise conv") && e.getMessage().contains("k=2")
                    && e.getMessage().contains("k=1"), e.getMessage());
        }
    }

    @Test
    void skipWithTooLargeContextIsRejectedNamingKAndDepth() {
        PointwiseConv conv = new PointwiseConv(new float[][] {{1f, 1f, 1f, 1f, 1f}}, new float[] {0f});
        try (BlockTileModel model = model(conv)) {
            TiledVolumePredictor p = TiledVolumePredictor.builder(model, new WindowSpec(2, BoundaryMode.SKIP)).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> p.probabilities(randomVolume(new VolumeShape(4, 8, 8), 1)));
            assertTrue(e.getMessage().contains("k=2") && e.getMessage().contains("depth 4"), e.getMessage());
            assertEquals(0, p.counters().batches());
        }
    }

    private static TiledVolumePredictor predictor(TileModel model, TestTimeAugmentation tta) {
        return TiledVolumePredictor.builder(model, WindowSpec.of(1)).tileSize(16, 16).overlap(4).augmentation(tta)
                .build();
    }

    /** Tiles of 16 with overlap 4 (step 12) over an h x w section. */
    private static int tilesPerSection(int h, int w) {
        return ((h - 16 + 11) / 12 + 1) * ((w - 16 + 11) / 12 + 1);
    }

    /** The model's class-0 probability computed in Java from the window's source sections. */
    static float[] expected(PointwiseConv conv, ArrayVolume image, WindowSpec spec, int z) {
        int[] sources = new StackWindower(image, spec).sourceSections(z);
        int pixels = image.shape().sectionSize();
        float[] out = new float[pixels];
        float[] x = new float[sources.length];
        for (int i = 0; i < pixels; i++) {
            for (int c = 0; c < sources.length; c++) {
                x[c] = sources[c] < 0 ? 0 : image.section(sources[c])[i];
            }
            out[i] = (float) PointwiseConv.sigmoid(conv.logit(0, x));
        }
        return out;
    }

    static ArrayVolume randomVolume(VolumeShape shape, long seed) {
        float[][] sections = new float[shape.depth()][];
        for (int z = 0; z < shape.depth(); z++) {
            sections[z] = BlockTileModelTest.random(shape.sectionSize(), seed * 1000 + z);
        }
        return new ArrayVolume(shape, PixelType.FLOAT32, sections);
    }

    static void assertArrayClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > tolerance) {
                assertEquals(expected[i], actual[i], tolerance, what + ": value " + i);
            }
        }
    }

    /** Counts readSlab calls and the largest slab requested. */
    static final class CountingVolume implements Volume {
        private final Volume inner;
        int reads;
        int maxSectionsPerRead;

        CountingVolume(Volume inner) {
            this.inner = inner;
        }

        void reset() {
            reads = 0;
            maxSectionsPerRead = 0;
        }

        @Override
        public VolumeShape shape() {
            return inner.shape();
        }

        @Override
        public PixelType pixelType() {
            return inner.pixelType();
        }

        @Override
        public org.emsym.engine.volume.VoxelSize voxelSize() {
            return inner.voxelSize();
        }

        @Override
        public float[][] readSlab(int z0, int z1) {
            reads++;
            maxSectionsPerRead = Math.max(maxSectionsPerRead, z1 - z0);
            return inner.readSlab(z0, z1);
        }
    }
}
