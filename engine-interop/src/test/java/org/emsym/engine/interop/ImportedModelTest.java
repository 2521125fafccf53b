package org.emsym.engine.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.OutputActivation;
import org.emsym.engine.predict.TensorLayout;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportedModelTest {

    private static final float[][] WEIGHTS = {{0.8f, -1.1f, 0.45f}};
    private static final float[] BIAS = {0.15f};
    private static final WindowSpec SPEC = WindowSpec.of(1);

    @TempDir
    Path dir;

    @Test
    void tensorFlowSavedModelPredictsTheJavaComputedProbabilities() throws IOException {
        Path saved = TinySavedModel.write(dir.resolve("saved"), WEIGHTS, BIAS);
        try (BlockTileModel model = ImportedModel.tensorFlow(saved).load()) {
            assertEquals(3, model.inputChannels());
            assertEquals(1, model.classes());
            assertEquals(TensorLayout.NHWC, model.layout());
            checkBatch(model);
            checkTiledVolume(model);
        }
    }

    @Test
    void onnxModelPredictsTheJavaComputedProbabilities() throws IOException {
        Path file = TinyOnnxModel.write(dir.resolve("pointwise.onnx"), WEIGHTS, BIAS, true);
        try (BlockTileModel model = ImportedModel.onnx(file).load()) {
            assertEquals(3, model.inputChannels());
            assertEquals(1, model.classes());
            checkBatch(model);
            checkTiledVolume(model);
        }
    }

    @Test
    void onnxModelWithLogitsOutGetsTheRequestedActivation() throws IOException {
        Path file = TinyOnnxModel.write(dir.resolve("logits.onnx"), WEIGHTS, BIAS, false);
        try (BlockTileModel model = ImportedModel.onnx(file).activation(OutputActivation.SIGMOID).load()) {
            checkBatch(model);
        }
    }

    @Test
    void importedModelWithAnotherChannelCountIsRejectedNamingTheFile() throws IOException {
        Path file = TinyOnnxModel.write(dir.resolve("five.onnx"), new float[][] {{1, 1, 1, 1, 1}}, new float[] {0},
                true);
        try (BlockTileModel model = ImportedModel.onnx(file).load()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TiledVolumePredictor.builder(model, SPEC));
            assertTrue(e.getMessage().contains("five.onnx") && e.getMessage().contains("takes 5 input channels")
                    && e.getMessage().contains("k=1"), e.getMessage());
        }
        IOException stated = assertThrows(IOException.class, () -> ImportedModel.onnx(file).inputChannels(3).load());
        assertTrue(stated.getMessage().contains("five.onnx") && stated.getMessage().contains("5 channels"),
                stated.getMessage());
    }

    @Test
    void unreadableModelsFailNamingThePath() throws IOException {
        Path garbage = Files.write(dir.resolve("broken.onnx"), new byte[] {1, 2, 3, 4, 5});
        IOException onnx = assertThrows(IOException.class, () -> ImportedModel.onnx(garbage).load());
        assertTrue(onnx.getMessage().contains("broken.onnx"), onnx.getMessage());
        Path empty = Files.createDirectory(dir.resolve("not-a-savedmodel"));
        IOException tf = assertThrows(IOException.class, () -> ImportedModel.tensorFlow(empty).load());
        assertTrue(tf.getMessage().contains("not-a-savedmodel") && tf.getMessage().contains("saved_model.pb"),
                tf.getMessage());
        assertThrows(java.io.FileNotFoundException.class, () -> ImportedModel.onnx(dir.resolve("absent.onnx")).load());
    }

    @Test
    void tensorFlowOnnxRuntimeAndPyTorchEnginesWorkInOneJvm() throws IOException {
        Path saved = TinySavedModel.write(dir.resolve("saved"), WEIGHTS, BIAS);
        Path file = TinyOnnxModel.write(dir.resolve("pointwise.onnx"), WEIGHTS, BIAS, true);
        try (BlockTileModel tf = ImportedModel.tensorFlow(saved).load();
                BlockTileModel ort = ImportedModel.onnx(file).load();
                NDManager pytorch = NDManager.newBaseManager("PyTorch")) {
            float[] tiles = random(2 * 3 * 5 * 7, 3);
            float[] a = tf.predict(tiles, 2, 5, 7);
            float[] b = ort.predict(tiles, 2, 5, 7);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-6);
            }
            assertEquals(6f, pytorch.create(new float[] {1, 2, 3}).sum().getFloat(), 0);
            assertEquals("PyTorch", pytorch.getEngine().getEngineName());
        }
        assertEquals("PyTorch", Engine.getDefaultEngineName(),
                "code that names no engine keeps getting PyTorch (lowest DJL rank)");
        assertTrue(Engine.getAllEngines().containsAll(java.util.List.of("PyTorch", "TensorFlow", "OnnxRuntime")));
    }

    /** A random batch of 3 tiles against sigmoid(w . x + b) per pixel. */
    private static void checkBatch(BlockTileModel model) {
        int n = 3, h = 6, w = 9, pixels = h * w;
        float[] tiles = random(n * 3 * pixels, 42);
        float[] out = model.predict(tiles, n, h, w);
        assertEquals(n * pixels, out.length);
        for (int b = 0; b < n; b++) {
            for (int p = 0; p < pixels; p++) {
                float[] x = new float[3];
                for (int c = 0; c < 3; c++) {
                    x[c] = tiles[(b * 3 + c) * pixels + p];
                }
                assertEquals(expected(x), out[b * pixels + p], 1e-6, "tile " + b + " pixel " + p);
            }
        }
    }

    /** The imported model drives the tiled predictor (with z-flip TTA) over a small volume. */
    private static void checkTiledVolume(BlockTileModel model) {
        VolumeShape shape = new VolumeShape(4, 20, 28);
        float[][] sections = new float[shape.depth()][];
        for (int z = 0; z < shape.depth(); z++) {
            sections[z] = random(shape.sectionSize(), 100 + z);
        }
        ArrayVolume image = new ArrayVolume(shape, PixelType.FLOAT32, sections);
        float[][] predicted = TiledVolumePredictor.builder(model, SPEC).tileSize(16, 16).overlap(4).batchSize(3)
                .augmentation(new TestTimeAugmentation(true, true)).build().probabilities(image).readSlab(0, 4);
        StackWindower windower = new StackWindower(image, SPEC);
        for (int z = 0; z < shape.depth(); z++) {
            int[] src = windower.sourceSections(z);
            for (int i = 0; i < shape.sectionSize(); i++) {
                float[] x = {sections[src[0]][i], sections[src[1]][i], sections[src[2]][i]};
                float[] flipped = {x[2], x[1], x[0]};
                double want = (expected(x) + expected(flipped)) / 2; // symmetric z-flip TTA
                assertEquals(want, predicted[z][i], 1e-5, "section " + z + " pixel " + i);
            }
        }
    }

    private static double expected(float[] x) {
        double logit = BIAS[0];
        for (int c = 0; c < x.length; c++) {
            logit += WEIGHTS[0][c] * x[c];
        }
        return 1 / (1 + Math.exp(-logit));
    }

    private static float[] random(int length, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) r.nextDouble(-2, 2);
        }
        return v;
    }
}
