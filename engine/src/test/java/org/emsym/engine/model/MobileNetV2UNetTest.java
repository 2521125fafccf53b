package org.emsym.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import org.emsym.engine.model.encoder.MobileNetV2Encoder;
import org.emsym.engine.model.io.TfjsLayersModelReader;
import org.emsym.engine.symmetry.FirstLayerSymmetrizer;
import org.emsym.engine.symmetry.KernelSymmetrizer;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.symmetry.SymmetryReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real pretrained MobileNetV2 (npm nsfwjs@4.4.0) as U-Net encoder; skips when the build could not fetch it. */
class MobileNetV2UNetTest {

    private static PretrainedWeights weights;

    @TempDir
    Path dir;

    @BeforeAll
    static void readModel() throws IOException {
        weights = TfjsLayersModelReader.read(NsfwjsTestModel.modelJson());
    }

    private static UNet pretrainedUNet(NDManager m, int channels, SymmetrizationStrategy s) {
        UNet net = UNet.builder().setEncoder(EncoderRegistry.defaultRegistry().create("mobilenet_v2", channels))
                .optDecoderChannels(32, 16, 16, 8, 8).build();
        net.initialize(m, DataType.FLOAT32, new Shape(1, channels, 64, 64));
        net.encoder().loadPretrained(weights);
        FirstLayerSymmetrizer.apply(net.encoder(), weights.get(MobileNetV2Encoder.FIRST_CONV_KERNEL), s);
        return net;
    }

    @Test
    void noneOnTheRealPretrainedKernelShowsItsAsymmetry() {
        NamedTensor rgb = weights.get(MobileNetV2Encoder.FIRST_CONV_KERNEL);
        assertArrayEquals(new long[] {32, 3, 3, 3}, rgb.shape());
        double error = KernelSymmetrizer.symmetryError(rgb);
        assertTrue(error > 0.05, "pretrained RGB kernel should be measurably asymmetric, got " + error);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet net = pretrainedUNet(m, 3, SymmetrizationStrategy.NONE);
            assertArrayEquals(rgb.values(), net.encoder().firstConvWeight().getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void pretrainedMobileNetUNetRunsForEveryStrategyAndWindowSize() throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (int k = 0; k <= 2; k++) {
                for (SymmetrizationStrategy s : SymmetrizationStrategy.values()) {
                    UNet net = pretrainedUNet(m, 2 * k + 1, s);
                    NDArray x = m.randomUniform(0, 1, new Shape(1, 2 * k + 1, 64, 64));
                    NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                    assertEquals(new Shape(1, 1, 64, 64), y.getShape());
                    if (s != SymmetrizationStrategy.NONE && k > 0) {
                        NDArray flipped = net.forward(new ParameterStore(m, false), new NDList(x.flip(1)), false).singletonOrThrow();
                        assertTrue(y.sub(flipped).abs().max().getFloat() <= 1e-5f * y.abs().max().getFloat(), s + " k=" + k);
                    }
                }
            }
            // a pretrained, symmetrized MobileNetV2 U-Net survives a bundle round trip
            UNet net = pretrainedUNet(m, 5, SymmetrizationStrategy.UNIFORM);
            ModelBundle.save(dir.resolve("mnv2"), net, ModelMetadata.describe(net).withSourceWeights(
                    new ModelMetadata.SourceWeights(weights.source(), weights.format(), weights.sha256())));
            NDArray x = m.randomUniform(0, 1, new Shape(1, 5, 64, 64));
            float[] expected = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
            try (NDManager m2 = NDManager.newBaseManager("PyTorch")) {
                ModelBundle b = ModelBundle.load(dir.resolve("mnv2"), m2);
                float[] actual = b.network().forward(new ParameterStore(m2, false), new NDList(m2.create(x.toFloatArray(), x.getShape())), false)
                        .singletonOrThrow().toFloatArray();
                assertArrayEquals(expected, actual, 0f);
                assertEquals(weights.sha256(), b.metadata().sourceWeights().sha256());
            }
        }
    }

    @Test
    void reportOnTheRealKernelListsThreeSourceAndFiveWindowChannels() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(new MobileNetV2Encoder(5)).optDecoderChannels(8, 8, 8, 8, 8).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 5, 32, 32));
            SymmetryReport r = FirstLayerSymmetrizer.apply(net.encoder(), weights.get(MobileNetV2Encoder.FIRST_CONV_KERNEL),
                    SymmetrizationStrategy.OUTER_AVERAGE);
            assertEquals(8, r.rows().size());
            assertTrue(r.symmetryErrorBefore() > 0.05);
            assertEquals(0.0, r.symmetryErrorAfter(), 1e-7);
            System.out.println(r.toText());
        }
    }
}
