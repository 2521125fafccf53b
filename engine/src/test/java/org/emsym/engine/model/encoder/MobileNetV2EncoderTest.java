package org.emsym.engine.model.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.io.TfjsLayersModelReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MobileNetV2EncoderTest {

    @ParameterizedTest
    @CsvSource({"5, 64, 64", "3, 65, 47", "1, 32, 96"})
    void featureMapsHaveDeclaredChannelsAndStrides(int channels, int height, int width) {
        MobileNetV2Encoder encoder = new MobileNetV2Encoder(channels);
        assertArrayEquals(new int[] {96, 144, 192, 576, 1280}, encoder.featureChannels());
        assertArrayEquals(new int[] {2, 4, 8, 16, 32}, encoder.featureStrides());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Shape input = new Shape(2, channels, height, width);
            encoder.block().initialize(manager, DataType.FLOAT32, input);
            assertEquals(new Shape(32, channels, 3, 3), encoder.firstConvWeight().getArray().getShape());
            NDList features = encoder.block().forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0, 1, input)), false);
            Shape[] declared = encoder.block().getOutputShapes(new Shape[] {input});
            assertEquals(5, features.size());
            for (int i = 0; i < features.size(); i++) {
                int stride = encoder.featureStrides()[i];
                // TF 'same' with stride 2 rounds up at every level
                Shape expected = new Shape(2, encoder.featureChannels()[i], ceilDiv(height, stride), ceilDiv(width, stride));
                assertEquals(expected, features.get(i).getShape(), "feature " + i);
                assertEquals(expected, declared[i], "declared feature " + i);
            }
        }
    }

    @Test
    void widthMultiplierFollowsKerasMakeDivisible() {
        MobileNetV2Encoder half = new MobileNetV2Encoder(3, 0.5f);
        assertArrayEquals(new int[] {48, 96, 96, 288, 1280}, half.featureChannels());
        MobileNetV2Encoder wide = new MobileNetV2Encoder(3, 1.4f);
        assertArrayEquals(new int[] {144, 192, 288, 816, 1792}, wide.featureChannels());
    }

    @Test
    void batchNormRunningStatisticsFollowTrainingBatchesAtPyTorchRate() {
        MobileNetV2Block block = (MobileNetV2Block) new MobileNetV2Encoder(3).block();
        BatchNorm bn = (BatchNorm) block.kerasLayers().get("bn_Conv1");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Shape input = new Shape(4, 32, 5, 5);
            bn.initialize(manager, DataType.FLOAT32, input);
            NDArray runningMean = bn.getParameters().get("runningMean").getArray();
            runningMean.set(manager.full(new Shape(32), 2f).toFloatArray());
            NDArray x = manager.randomNormal(3, 1, input, DataType.FLOAT32);
            float[] batchMean = x.transpose(1, 0, 2, 3).reshape(32, -1).mean(new int[] {1}).toFloatArray();
            bn.forward(new ParameterStore(manager, false), new NDList(x), true);
            float[] after = runningMean.toFloatArray();
            for (int c = 0; c < 32; c++) {
                // Keras' 0.999 would give 2.001 here: ImageNet statistics that a short fine-tuning never leaves
                assertEquals(0.9f * 2f + 0.1f * batchMean[c], after[c], 1e-5, "channel " + c);
            }
        }
    }

    @Test
    void keepsKerasLayerNames() {
        MobileNetV2Block block = (MobileNetV2Block) new MobileNetV2Encoder(3).block();
        Map<String, ai.djl.nn.Block> layers = block.kerasLayers();
        // 52 convolutions and 52 batch norms: Conv1, 17 blocks (block 0 without expansion), Conv_1
        assertEquals(104, layers.size());
        assertTrue(layers.get("Conv1") instanceof Conv2d);
        assertTrue(layers.get("bn_Conv1") instanceof BatchNorm);
        assertTrue(layers.get("expanded_conv_depthwise") instanceof Conv2d);
        assertTrue(layers.get("block_16_project_BN") instanceof BatchNorm);
        assertTrue(layers.get("Conv_1_bn") instanceof BatchNorm);
    }

    @Test
    void loadPretrainedCopiesEveryBackboneTensor() throws IOException {
        PretrainedWeights weights = TfjsLayersModelReader.read(NsfwjsTestModel.modelJson());
        MobileNetV2Encoder encoder = new MobileNetV2Encoder(3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            encoder.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            encoder.loadPretrained(weights);
            int compared = 0;
            for (Map.Entry<String, Parameter> p : parametersByKerasName(encoder).entrySet()) {
                NamedTensor expected = weights.get(p.getKey());
                assertArrayEquals(expected.values(), p.getValue().getArray().toFloatArray(), p.getKey());
                compared++;
            }
            // every tensor of the file except the 6 of the nsfwjs classifier head (dense_1..3)
            assertEquals(weights.size() - 6, compared);
        }
    }

    @Test
    void firstConvWithOtherChannelCountIsLeftToTheCaller() throws IOException {
        PretrainedWeights weights = TfjsLayersModelReader.read(NsfwjsTestModel.modelJson());
        MobileNetV2Encoder encoder = new MobileNetV2Encoder(5);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            encoder.block().initialize(manager, DataType.FLOAT32, new Shape(1, 5, 32, 32));
            float[] before = encoder.firstConvWeight().getArray().toFloatArray();
            encoder.loadPretrained(weights);
            assertArrayEquals(before, encoder.firstConvWeight().getArray().toFloatArray());
            Map<String, Parameter> params = parametersByKerasName(encoder);
            assertArrayEquals(weights.get("bn_Conv1/gamma").values(), params.get("bn_Conv1/gamma").getArray().toFloatArray());
            NamedTensor rgb = weights.get(MobileNetV2Encoder.FIRST_CONV_KERNEL);
            assertArrayEquals(new long[] {32, 3, 3, 3}, rgb.shape());
        }
    }

    @Test
    void badWeightsChangeNothing() throws IOException {
        PretrainedWeights weights = TfjsLayersModelReader.read(NsfwjsTestModel.modelJson());
        Map<String, NamedTensor> withoutLast = new LinkedHashMap<>(weights.asMap());
        withoutLast.remove("Conv_1_bn/moving_variance");
        PretrainedWeights incomplete = new PretrainedWeights("test", "incomplete", "0", withoutLast);

        MobileNetV2Encoder encoder = new MobileNetV2Encoder(3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            assertThrows(IllegalStateException.class, () -> encoder.loadPretrained(weights));
            encoder.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            float[] before = encoder.firstConvWeight().getArray().toFloatArray();

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> encoder.loadPretrained(incomplete));
            assertTrue(e.getMessage().contains("Conv_1_bn/moving_variance"), e.getMessage());
            assertArrayEquals(before, encoder.firstConvWeight().getArray().toFloatArray(), "nothing copied");

            MobileNetV2Encoder narrow = new MobileNetV2Encoder(3, 0.5f);
            narrow.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            float[] narrowBefore = narrow.firstConvWeight().getArray().toFloatArray();
            e = assertThrows(IllegalArgumentException.class, () -> narrow.loadPretrained(weights));
            assertTrue(e.getMessage().contains("'Conv1'") && e.getMessage().contains(weights.source()), e.getMessage());
            assertArrayEquals(narrowBefore, narrow.firstConvWeight().getArray().toFloatArray(), "nothing copied");
            assertNotEquals(0, narrowBefore.length);
        }
    }

    @Test
    void pretrainedEncoderIsTrainable() throws IOException {
        PretrainedWeights weights = TfjsLayersModelReader.read(NsfwjsTestModel.modelJson());
        MobileNetV2Encoder encoder = new MobileNetV2Encoder(3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Shape input = new Shape(2, 3, 32, 32);
            encoder.block().initialize(manager, DataType.FLOAT32, input);
            encoder.loadPretrained(weights);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDList features = encoder.block().forward(new ParameterStore(manager, false),
                        new NDList(manager.randomUniform(0, 1, input)), true);
                collector.backward(features.get(0).mean().add(features.get(4).mean()));
            }
            NDArray gradient = encoder.firstConvWeight().getArray().getGradient();
            assertEquals(new Shape(32, 3, 3, 3), gradient.getShape());
            assertTrue(gradient.abs().sum().getFloat() > 0, "first conv receives a gradient");
        }
    }

    @Test
    void parametersRoundTripThroughDjlSerialization() throws Exception {
        PretrainedWeights weights = TfjsLayersModelReader.read(NsfwjsTestModel.modelJson());
        Shape input = new Shape(1, 3, 32, 32);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            MobileNetV2Encoder saved = new MobileNetV2Encoder(3);
            saved.block().initialize(manager, DataType.FLOAT32, input);
            saved.loadPretrained(weights);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            saved.block().saveParameters(new DataOutputStream(bytes));

            MobileNetV2Encoder loaded = new MobileNetV2Encoder(3);
            loaded.block().loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            NDArray x = manager.randomUniform(0, 1, input);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray expected = saved.block().forward(ps, new NDList(x), false).get(4);
            NDArray actual = loaded.block().forward(ps, new NDList(x), false).get(4);
            assertTrue(expected.allClose(actual, 0, 0, false), "identical output after reload");
        }
    }

    /** The encoder's parameters under the Keras tensor names the loader maps them from. */
    private static Map<String, Parameter> parametersByKerasName(MobileNetV2Encoder encoder) {
        Map<String, Parameter> result = new LinkedHashMap<>();
        for (Map.Entry<String, ai.djl.nn.Block> layer : ((MobileNetV2Block) encoder.block()).kerasLayers().entrySet()) {
            String name = layer.getKey();
            if (layer.getValue() instanceof Conv2d conv) {
                result.put(name + (name.endsWith("_depthwise") ? "/depthwise_kernel" : "/kernel"), conv.getParameters().get("weight"));
            } else {
                var p = layer.getValue().getParameters();
                result.put(name + "/gamma", p.get("gamma"));
                result.put(name + "/beta", p.get("beta"));
                result.put(name + "/moving_mean", p.get("runningMean"));
                result.put(name + "/moving_variance", p.get("runningVar"));
            }
        }
        return result;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
