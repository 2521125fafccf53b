package org.emsym.engine.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.model.PretrainedWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsLayersModelReaderTest {

    @TempDir
    Path dir;

    @Test
    void realNsfwjsModelMatchesManifestAndTfjsChecksums() throws IOException {
        Path modelJson = NsfwjsTestModel.modelJson();
        PretrainedWeights weights = TfjsLayersModelReader.read(modelJson);
        JsonArray specs = JsonParser.parseString(Files.readString(modelJson)).getAsJsonObject()
                .getAsJsonArray("weightsManifest").get(0).getAsJsonObject().getAsJsonArray("weights");
        assertEquals(266, weights.size());
        assertEquals(specs.size(), weights.size());

        // independent of the reader: dequantize the raw uint8 bytes straight from the manifest
        byte[] raw = Files.readAllBytes(modelJson.resolveSibling("group1-shard1of1.bin"));
        int offset = 0;
        for (JsonElement e : specs) {
            JsonObject spec = e.getAsJsonObject();
            JsonObject q = spec.getAsJsonObject("quantization");
            assertEquals("uint8", q.get("dtype").getAsString());
            int n = 1;
            for (JsonElement d : spec.getAsJsonArray("shape")) {
                n *= d.getAsInt();
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (float) ((raw[offset + i] & 0xff) * q.get("scale").getAsDouble() + q.get("min").getAsDouble());
            }
            offset += n;
            NamedTensor t = weights.get(spec.get("name").getAsString());
            assertEquals(sum, t.sum(), 1e-9 * Math.max(1, Math.abs(sum)), t.name());
            assertEquals(n, t.values().length, t.name());
        }
        assertEquals(raw.length, offset);

        // against the sums TF.js itself decoded (golden file written by make-mobilenetv2-golden.cjs)
        JsonObject tfjsSums = golden().getAsJsonObject("weightSums");
        assertEquals(weights.size(), tfjsSums.size());
        for (Map.Entry<String, JsonElement> e : tfjsSums.entrySet()) {
            NamedTensor t = weights.get(e.getKey());
            double tfjsSum = e.getValue().getAsJsonObject().get("sum").getAsDouble();
            assertEquals(tfjsSum, t.sum(), 1e-6 * Math.max(1, Math.abs(tfjsSum)), t.name());
        }
        // layout conversion: HWIO (3,3,3,32) -> OIHW, depthwise (3,3,32,1) -> (32,1,3,3), dense (in,out) -> (out,in)
        assertArrayEquals(new long[] {32, 3, 3, 3}, weights.get("Conv1/kernel").shape());
        assertArrayEquals(new long[] {32, 1, 3, 3}, weights.get("expanded_conv_depthwise/depthwise_kernel").shape());
        assertArrayEquals(new long[] {256, 1280}, weights.get("dense_1/kernel").shape());
        assertArrayEquals(new long[] {1280}, weights.get("Conv_1_bn/moving_variance").shape());
        assertEquals(64, weights.sha256().length());
    }

    @Test
    void decodesFloat32Float16AndUint16WithLayoutConversion() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * 3 * 4 + 2 * 2 + 2 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            b.putFloat(i); // dense kernel (in=2, out=3): k[i][o] = 3*i + o
        }
        b.putShort((short) 0x3c00).putShort((short) 0xc500); // float16 1.0, -5.0
        b.putShort((short) 0).putShort((short) 65535);       // uint16 0 and max
        Files.write(dir.resolve("w.bin"), b.array());
        write("""
                {"weightsManifest": [{"paths": ["w.bin"], "weights": [
                  {"name": "d/kernel", "shape": [2, 3], "dtype": "float32"},
                  {"name": "d/bias", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16"}},
                  {"name": "e/bias", "shape": [2], "dtype": "float32",
                   "quantization": {"dtype": "uint16", "scale": 0.5, "min": -1.0}}]}]}""");
        PretrainedWeights w = TfjsLayersModelReader.read(dir.resolve("model.json"));
        assertArrayEquals(new long[] {3, 2}, w.get("d/kernel").shape());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, w.get("d/kernel").values());
        assertArrayEquals(new float[] {1f, -5f}, w.get("d/bias").values());
        assertArrayEquals(new float[] {-1f, 65535 * 0.5f - 1f}, w.get("e/bias").values());
    }

    @Test
    void convAndDepthwiseKernelsBecomeOihw() throws IOException {
        // HWIO kernel (1,2,2,3): value = 100*w + 10*i + o; depthwise (1,2,3,1): value = 10*w + c
        ByteBuffer b = ByteBuffer.allocate((12 + 6) * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < 2; i++) {
                for (int o = 0; o < 3; o++) {
                    b.putFloat(100 * w + 10 * i + o);
                }
            }
        }
        for (int w = 0; w < 2; w++) {
            for (int c = 0; c < 3; c++) {
                b.putFloat(10 * w + c);
            }
        }
        Files.write(dir.resolve("w.bin"), b.array());
        write("""
                {"weightsManifest": [{"paths": ["w.bin"], "weights": [
                  {"name": "c/kernel", "shape": [1, 2, 2, 3], "dtype": "float32"},
                  {"name": "c/depthwise_kernel", "shape": [1, 2, 3, 1], "dtype": "float32"}]}]}""");
        PretrainedWeights w = TfjsLayersModelReader.read(dir.resolve("model.json"));
        NamedTensor conv = w.get("c/kernel");
        assertArrayEquals(new long[] {3, 2, 1, 2}, conv.shape());
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 2; i++) {
                for (int x = 0; x < 2; x++) {
                    assertEquals(100 * x + 10 * i + o, conv.values()[(o * 2 + i) * 2 + x]);
                }
            }
        }
        NamedTensor dw = w.get("c/depthwise_kernel");
        assertArrayEquals(new long[] {3, 1, 1, 2}, dw.shape());
        assertArrayEquals(new float[] {0, 10, 1, 11, 2, 12}, dw.values());
    }

    @Test
    void badFilesFailNamingFileAndTensor() throws IOException {
        write("this is not json {");
        Path modelJson = dir.resolve("model.json");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> TfjsLayersModelReader.read(modelJson)), "model.json");

        write("{\"modelTopology\": {}}");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> TfjsLayersModelReader.read(modelJson)), "weightsManifest");

        write("""
                {"weightsManifest": [{"paths": ["missing.bin"], "weights": [
                  {"name": "a/kernel", "shape": [2], "dtype": "float32"}]}]}""");
        assertMessage(assertThrows(IOException.class, () -> TfjsLayersModelReader.read(modelJson)), "missing.bin");

        Files.write(dir.resolve("w4.bin"), new byte[4]);
        write("""
                {"weightsManifest": [{"paths": ["w4.bin"], "weights": [
                  {"name": "q/bias", "shape": [4], "dtype": "float32", "quantization": {"dtype": "uint8"}}]}]}""");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> TfjsLayersModelReader.read(modelJson)), "q/bias");
        write("""
                {"weightsManifest": [{"paths": ["w4.bin"], "weights": [{"name": "s/bias", "shape": ["x"], "dtype": "float32"}]}]}""");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> TfjsLayersModelReader.read(modelJson)), "model.json");
        write("""
                {"weightsManifest": [{"paths": ["w4.bin"], "weights": [{"name": "t/bias", "shape": [1]}]}]}""");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> TfjsLayersModelReader.read(modelJson)), "dtype");
        assertThrows(NoSuchFileException.class, () -> TfjsLayersModelReader.read(dir.resolve("absent/model.json")));

        Files.write(dir.resolve("short.bin"), new byte[9]); // 4 + 3 bytes fit, the last 3 floats do not
        write("""
                {"weightsManifest": [{"paths": ["short.bin"], "weights": [
                  {"name": "a/bias", "shape": [1], "dtype": "float32"},
                  {"name": "b/bias", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 1, "min": 0}},
                  {"name": "c/kernel", "shape": [3], "dtype": "float32"}]}]}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfjsLayersModelReader.read(modelJson));
        assertMessage(e, "c/kernel");
        assertMessage(e, "model.json");
    }

    private static void assertMessage(Exception e, String part) {
        assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' should name " + part);
    }

    private void write(String json) throws IOException {
        Files.writeString(dir.resolve("model.json"), json);
    }

    static JsonObject golden() throws IOException {
        try (var in = TfjsLayersModelReaderTest.class.getResourceAsStream("/golden/mobilenetv2-nsfwjs-golden.json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
