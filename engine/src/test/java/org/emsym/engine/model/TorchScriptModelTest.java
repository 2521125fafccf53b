package org.emsym.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.symmetry.FirstLayerSymmetrizer;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tiny_seg.pt and its reference output were written by PyTorch 1.13 (engine/src/build/make_torchscript_fixture.py);
 * here DJL's PyTorch engine (libtorch 2.7.1) loads, runs, symmetrizes and fine-tunes it.
 */
class TorchScriptModelTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(TorchScriptModelTest.class.getResource("/torchscript/" + name).toURI());
    }

    private static NDArray formulaInput(NDManager m) {
        float[] x = new float[3 * 32 * 32];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (Math.sin(i * 0.37) + (i % 7) * 0.1);
        }
        return m.create(x, new Shape(1, 3, 32, 32));
    }

    @Test
    void outputMatchesPyTorchsOwnReference() throws Exception {
        JsonObject ref = JsonParser.parseString(Files.readString(resource("tiny_seg_reference.json"))).getAsJsonObject();
        try (TorchScriptModel ts = TorchScriptModel.load(resource("tiny_seg.pt"), false); NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray y = ts.forward(formulaInput(m));
            assertEquals(new Shape(1, 2, 32, 32), y.getShape());
            float[] v = y.toFloatArray();
            double sum = 0;
            double l2 = 0;
            for (float f : v) {
                sum += f;
                l2 += f * (double) f;
            }
            assertEquals(ref.get("sum").getAsDouble(), sum, 1e-3);
            assertEquals(ref.get("l2").getAsDouble(), Math.sqrt(l2), 1e-4);
            JsonArray sample = ref.getAsJsonArray("every97th");
            for (int i = 0; i < sample.size(); i++) {
                assertEquals(sample.get(i).getAsDouble(), v[97 * i], 1e-4, "value " + 97 * i);
            }
        }
    }

    @Test
    void firstConvolutionIsFoundAndUniformSymmetrizationMakesTheModelPermutationInvariant() throws Exception {
        try (TorchScriptModel ts = TorchScriptModel.load(resource("tiny_seg.pt"), false); NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertEquals("enc1.0.weight", ts.firstConvName());
            assertEquals(3, ts.inChannels());
            NDArray x = formulaInput(m);
            NDArray permuted = NDArrays.concat(new NDList(x.get(new NDIndex(":, 2:3")), x.get(new NDIndex(":, 0:1")),
                    x.get(new NDIndex(":, 1:2"))), 1);
            float[] before = ts.forward(x).toFloatArray();
            assertTrue(maxDiff(before, ts.forward(permuted).toFloatArray()) > 1e-3, "the exported model is channel-order sensitive");

            FirstLayerSymmetrizer.apply(ts.firstConvWeight(), ts.firstConvName(),
                    NamedParameters.read(ts.firstConvName(), ts.firstConvWeight()), SymmetrizationStrategy.UNIFORM);
            float[] after = ts.forward(x).toFloatArray();
            assertTrue(maxDiff(before, after) > 1e-3, "the edit must reach the TorchScript module");
            assertTrue(maxDiff(after, ts.forward(permuted).toFloatArray()) < 1e-5, "uniform first layer must ignore channel order");
        }
    }

    @Test
    void isFineTunableWithADjlTrainer() throws Exception {
        try (TorchScriptModel ts = TorchScriptModel.load(resource("tiny_seg.pt"), true)) {
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer trainer = ts.model().newTrainer(config)) {
                NDManager m = trainer.getManager();
                // symmetrize the trainable (gradient-requiring) first layer, then fine-tune it
                FirstLayerSymmetrizer.apply(ts.firstConvWeight(), ts.firstConvName(),
                        NamedParameters.read(ts.firstConvName(), ts.firstConvWeight()), SymmetrizationStrategy.OUTER_AVERAGE);
                float[] w0 = ts.firstConvWeight().getArray().toFloatArray();
                NDArray x = formulaInput(m);
                NDArray target = m.zeros(new Shape(1, 2, 32, 32));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray y = trainer.forward(new NDList(x)).singletonOrThrow();
                    gc.backward(trainer.getLoss().evaluate(new NDList(target), new NDList(y)));
                }
                trainer.step();
                float[] w1 = ts.firstConvWeight().getArray().toFloatArray();
                assertTrue(maxDiff(w0, w1) > 0, "one SGD step must change the first convolution");
                assertTrue(ts.firstConvWeight().getArray().hasGradient(), "the edited layer must stay trainable");
            }
        }
    }

    @Test
    void aFileThatIsNotTorchScriptFailsNamingIt() throws IOException {
        Path junk = dir.resolve("junk.pt");
        Files.writeString(junk, "not a model");
        IOException e = assertThrows(IOException.class, () -> TorchScriptModel.load(junk, false));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
        assertThrows(IOException.class, () -> TorchScriptModel.load(dir.resolve("absent.pt"), false));
    }

    private static double maxDiff(float[] a, float[] b) {
        assertArrayEquals(new int[] {a.length}, new int[] {b.length});
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
