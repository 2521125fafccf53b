package org.emsym.engine.model.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.model.io.TfjsLayersModelReader;
import org.junit.jupiter.api.Test;

/**
 * The DJL MobileNetV2 with the real nsfwjs weights against TF.js's own forward pass of the same model
 * (engine/src/test/resources/golden/mobilenetv2-nsfwjs-golden.json, written by
 * engine/src/build/golden/make-mobilenetv2-golden.cjs). Tolerances: every sampled value within
 * {@value #SAMPLE_TOLERANCE} absolute (activations lie in [0, 6]); each feature map's sum and L2 norm
 * within {@value #AGGREGATE_TOLERANCE} relative.
 */
class MobileNetV2EncoderGoldenTest {

    static final double SAMPLE_TOLERANCE = 1e-4;
    static final double AGGREGATE_TOLERANCE = 1e-4;
    private static final int SIZE = 224;

    /** The input formula of the golden file, NHWC there, NCHW here. */
    static float inputValue(int h, int w, int c) {
        return (float) (0.5 + 0.5 * Math.sin(0.031 * h + 0.017 * w * (c + 1) + 0.9 * c) * Math.cos(0.023 * w - 0.011 * h));
    }

    @Test
    void featureMapsMatchTfjs() throws IOException {
        JsonObject golden = golden();
        MobileNetV2Encoder encoder = new MobileNetV2Encoder(3);
        float[] input = new float[3 * SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
            for (int h = 0; h < SIZE; h++) {
                for (int w = 0; w < SIZE; w++) {
                    input[(c * SIZE + h) * SIZE + w] = inputValue(h, w, c);
                }
            }
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            encoder.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, SIZE, SIZE));
            encoder.loadPretrained(TfjsLayersModelReader.read(NsfwjsTestModel.modelJson()));
            NDList features = encoder.block().forward(new ParameterStore(manager, false),
                    new NDList(manager.create(input, new Shape(1, 3, SIZE, SIZE))), false);
            JsonArray layers = golden.getAsJsonArray("layers");
            assertEquals(MobileNetV2Encoder.FEATURE_LAYERS.size(), layers.size());
            assertEquals(layers.size(), features.size());
            for (int i = 0; i < layers.size(); i++) {
                JsonObject ref = layers.get(i).getAsJsonObject();
                String name = ref.get("name").getAsString();
                assertEquals(MobileNetV2Encoder.FEATURE_LAYERS.get(i), name);
                NDArray feature = features.get(i);
                long[] shape = new long[4];
                for (int d = 0; d < 4; d++) {
                    shape[d] = ref.getAsJsonArray("shape").get(d).getAsLong();
                }
                assertArrayEquals(shape, feature.getShape().getShape(), name);
                float[] values = feature.toFloatArray();
                double maxError = 0;
                for (JsonElement s : ref.getAsJsonArray("samples")) {
                    int index = s.getAsJsonArray().get(0).getAsInt();
                    double expected = s.getAsJsonArray().get(1).getAsDouble();
                    maxError = Math.max(maxError, Math.abs(values[index] - expected));
                }
                double sum = 0;
                double squares = 0;
                for (float v : values) {
                    sum += v;
                    squares += (double) v * v;
                }
                double refSum = ref.get("sum").getAsDouble();
                double refL2 = ref.get("l2").getAsDouble();
                System.out.printf("%s: max sample error %.3g, sum %.6f (TF.js %.6f), L2 %.6f (TF.js %.6f)%n",
                        name, maxError, sum, refSum, Math.sqrt(squares), refL2);
                assertTrue(maxError <= SAMPLE_TOLERANCE, name + ": max sample error " + maxError);
                assertEquals(refSum, sum, AGGREGATE_TOLERANCE * Math.abs(refSum), name + " sum");
                assertEquals(refL2, Math.sqrt(squares), AGGREGATE_TOLERANCE * refL2, name + " L2");
            }
        }
    }

    static JsonObject golden() throws IOException {
        try (var in = MobileNetV2EncoderGoldenTest.class.getResourceAsStream("/golden/mobilenetv2-nsfwjs-golden.json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
