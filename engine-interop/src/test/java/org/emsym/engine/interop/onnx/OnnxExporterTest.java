package org.emsym.engine.interop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.emsym.engine.interop.ImportedModel;
import org.emsym.engine.model.EncoderRegistry;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.Upsampling;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.OutputActivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parity of {@link OnnxExporter}: ONNX Runtime on the exported file against the DJL (PyTorch) U-Net in inference
 * mode on the same random input, for random weights and random batch-norm statistics (so the folding is tested).
 */
class OnnxExporterTest {

    private static final double TOLERANCE = 1e-4;
    private static final int N = 2;
    private static final int SIZE = 64;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} k={1} {2}")
    @CsvSource({
        "resnet18, 1, BILINEAR", "resnet18, 2, NEAREST",
        "mobilenet_v2, 1, BILINEAR", "mobilenet_v2, 2, NEAREST",
        "resnet34, 1, BILINEAR", "resnet50, 2, BILINEAR",
    })
    void exportedUNetMatchesTheDjlForwardPassInOnnxRuntime(String architecture, int k, Upsampling upsampling)
            throws IOException {
        assertParity(architecture, k, upsampling, 1);
    }

    @Test
    void aThreeClassExportEndsInTheSoftmaxTheBundlePredictorApplies() throws IOException {
        assertParity("resnet18", 1, Upsampling.BILINEAR, 3);
    }

    private void assertParity(String architecture, int k, Upsampling upsampling, int classes) throws IOException {
        int channels = 2 * k + 1;
        long seed = architecture.hashCode() * 31L + k * 7L + classes;
        Engine.getEngine("PyTorch").setRandomSeed((int) seed); // DJL's initial weights: reproducible figures
        SplittableRandom random = new SplittableRandom(seed);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(EncoderRegistry.defaultRegistry().create(architecture, channels))
                    .optDecoderChannels(16, 16, 8, 8, 8).optUpsampling(upsampling).optClasses(classes).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, channels, SIZE, SIZE));
            randomizeBatchNormsAndBiases(net, random);
            Path logitFile = OnnxExporter.builder().optOutput(OnnxExporter.Output.LOGITS).build()
                    .write(net, dir.resolve(architecture + "-logits.onnx"));
            Path probabilityFile = OnnxExporter.builder().build().write(net, dir.resolve(architecture + ".onnx"));
            // the export's N, H and W are symbolic: one file serves both batch shapes
            for (int[] nhw : new int[][] {{N, SIZE, SIZE}, {1, 32, 96}}) {
                int n = nhw[0];
                int h = nhw[1];
                int w = nhw[2];
                float[] x = new float[n * channels * h * w];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextDouble();
                }
                NDArray input = m.create(x, new Shape(n, channels, h, w));
                float[] logits = net.forward(new ParameterStore(m, false), new NDList(input), false).singletonOrThrow()
                        .toFloatArray();
                float[] probabilities;
                try (BlockTileModel bundlePredictor = BlockTileModel.builder(net).manager(m).build()) {
                    assertEquals(OutputActivation.forLogits(classes), bundlePredictor.activation());
                    probabilities = bundlePredictor.predict(x, n, h, w);
                }
                double logitDiff = maxDiffInOnnxRuntime(logitFile, channels, classes, x, n, h, w, logits);
                double probabilityDiff = maxDiffInOnnxRuntime(probabilityFile, channels, classes, x, n, h, w, probabilities);
                double range = 0;
                for (float v : logits) {
                    range = Math.max(range, Math.abs(v));
                }
                String what = String.format(Locale.ROOT, "%s k=%d %s classes=%d on %dx%dx%dx%d", architecture, k, upsampling,
                        classes, n, channels, h, w);
                System.out.printf(Locale.ROOT, "ONNX parity %s: max |logit| %.3f, max abs diff logits %.3g,"
                        + " probabilities %.3g%n", what, range, logitDiff, probabilityDiff);
                assertTrue(range > 0.1, what + ": the logits are not all near zero (max " + range + ")");
                assertTrue(logitDiff <= TOLERANCE, what + ": max abs diff of logits " + logitDiff);
                assertTrue(probabilityDiff <= TOLERANCE, what + ": max abs diff of probabilities " + probabilityDiff);
            }
        }
    }

    @Test
    void anUninitializedNetworkIsRefusedNamingIt() {
        UNet net = UNet.builder().setEncoder(EncoderRegistry.defaultRegistry().create("resnet18", 3)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OnnxExporter.builder().build().toGraph(net));
        assertTrue(e.getMessage().contains("resnet18") && e.getMessage().contains("initialize"), e.getMessage());
    }

    private static double maxDiffInOnnxRuntime(Path file, int channels, int classes, float[] x, int n, int h, int w,
            float[] expected) throws IOException {
        try (BlockTileModel onnx = ImportedModel.onnx(file).load()) {
            assertEquals(channels, onnx.inputChannels());
            assertEquals(classes, onnx.classes());
            float[] y = onnx.predict(x, n, h, w);
            assertEquals(expected.length, y.length);
            double max = 0;
            for (int i = 0; i < y.length; i++) {
                max = Math.max(max, Math.abs(y[i] - expected[i]));
            }
            return max;
        }
    }

    /**
     * Gives every batch norm random gamma, beta, running mean and running variance, and every bias a random
     * value: with DJL's initial ones and zeros the folding would be an identity.
     */
    private static void randomizeBatchNormsAndBiases(UNet net, SplittableRandom random) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            Parameter parameter = p.getValue();
            double lo;
            double hi;
            switch (parameter.getType()) {
                case GAMMA -> { lo = 0.5; hi = 1.2; }
                case BETA, BIAS -> { lo = -0.2; hi = 0.2; }
                case RUNNING_MEAN -> { lo = -0.3; hi = 0.3; }
                case RUNNING_VAR -> { lo = 0.3; hi = 2.0; }
                default -> { continue; }
            }
            NDArray a = parameter.getArray();
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (lo + (hi - lo) * random.nextDouble());
            }
            boolean grad = a.hasGradient();
            if (grad) {
                a.setRequiresGradient(false);
            }
            a.set(v);
            if (grad) {
                a.setRequiresGradient(true);
            }
        }
    }
}
