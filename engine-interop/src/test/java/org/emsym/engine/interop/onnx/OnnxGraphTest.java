package org.emsym.engine.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.emsym.engine.interop.ImportedModel;
import org.emsym.engine.interop.onnx.OnnxGraph.Attribute;
import org.emsym.engine.predict.BlockTileModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph written by {@link OnnxGraph} runs in ONNX Runtime and gives what Java computes for it. */
class OnnxGraphTest {

    @TempDir
    Path dir;

    @Test
    void convClipSubSigmoidGraphMatchesTheJavaReferenceInOnnxRuntime() throws IOException {
        SplittableRandom random = new SplittableRandom(15);
        int c = 3;
        float[] w = new float[c * 9];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextDouble() * 2 - 1);
        }
        float bias = 0.2f;
        Path file = new OnnxGraph("conv-clip")
                .input("x", c)
                .initializer("W", new long[] {1, c, 3, 3}, w)
                .initializer("B", new long[] {1}, new float[] {bias})
                .initializer("lo", new long[] {}, new float[] {0})
                .initializer("hi", new long[] {}, new float[] {6})
                .node("Conv", List.of("x", "W", "B"), "conv", Attribute.ints("kernel_shape", 3, 3),
                        Attribute.ints("pads", 1, 1, 1, 1), Attribute.ints("strides", 1, 1))
                .node("Clip", List.of("conv", "lo", "hi"), "relu6")
                .node("Sub", List.of("relu6", "conv"), "diff")
                .node("Sigmoid", List.of("diff"), "y")
                .output("y", 1)
                .write(dir.resolve("conv-clip.onnx"));

        int n = 2;
        int h = 5;
        int wd = 7;
        float[] x = new float[n * c * h * wd];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 12 - 6);
        }
        double maxDiff = 0;
        int clippedHigh = 0;
        int clippedLow = 0;
        try (BlockTileModel model = ImportedModel.onnx(file).load()) {
            assertEquals(c, model.inputChannels());
            float[] y = model.predict(x, n, h, wd);
            assertEquals(n * h * wd, y.length);
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < wd; j++) {
                        double s = bias;
                        for (int ch = 0; ch < c; ch++) {
                            for (int di = -1; di <= 1; di++) {
                                for (int dj = -1; dj <= 1; dj++) {
                                    int ii = i + di;
                                    int jj = j + dj;
                                    if (ii >= 0 && ii < h && jj >= 0 && jj < wd) {
                                        s += w[ch * 9 + (di + 1) * 3 + dj + 1]
                                                * x[((b * c + ch) * h + ii) * wd + jj];
                                    }
                                }
                            }
                        }
                        clippedHigh += s > 6 ? 1 : 0;
                        clippedLow += s < 0 ? 1 : 0;
                        double sum = Math.min(Math.max(s, 0), 6) - s;
                        double expected = 1 / (1 + Math.exp(-sum));
                        maxDiff = Math.max(maxDiff, Math.abs(expected - y[(b * h + i) * wd + j]));
                    }
                }
            }
        }
        assertTrue(clippedHigh > 0 && clippedLow > 0, "the input reaches both ends of the clip: " + clippedHigh
                + " above 6, " + clippedLow + " below 0");
        assertTrue(maxDiff <= 1e-5, "max abs diff ONNX Runtime vs Java " + maxDiff);
    }

    @Test
    void undefinedInputsAndWrongInitializerSizesAreRejectedNamingTheValue() {
        OnnxGraph g = new OnnxGraph("bad").input("x", 1);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> g.node("Relu", List.of("nope"), "y"));
        assertTrue(missing.getMessage().contains("'nope'"), missing.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> g.initializer("W", new long[] {2, 2}, new float[3]));
        assertTrue(size.getMessage().contains("'W'") && size.getMessage().contains("holds 4"), size.getMessage());
        IllegalArgumentException output = assertThrows(IllegalArgumentException.class, () -> g.output("z", 1));
        assertTrue(output.getMessage().contains("'z'"), output.getMessage());
    }
}
