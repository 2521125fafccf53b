package org.emsym.engine.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.util.FileChecksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    /** A ResNet-18 encoder with random weights and random, non-default batch-norm statistics. */
    static ResNetEncoder randomResNet18(NDManager m, int channels) {
        ResNetEncoder e = ResNetEncoder.resnet18(channels);
        e.block().initialize(m, DataType.FLOAT32, new Shape(1, channels, 64, 64));
        for (Map.Entry<String, NamedTensor> t : e.namedParameters().toTensors().entrySet()) {
            Parameter p = e.namedParameters().get(t.getKey());
            if (t.getKey().endsWith("running_var")) {
                p.getArray().set(m.randomUniform(0.5f, 2f, p.getArray().getShape()).toFloatArray());
            } else if (!t.getKey().endsWith("weight") || t.getKey().contains("bn")) {
                p.getArray().set(m.randomNormal(0, 0.1f, p.getArray().getShape(), DataType.FLOAT32).toFloatArray());
            }
        }
        return e;
    }

    static float[] output(NDManager m, ResNetEncoder e, NDArray x) {
        NDList f = e.block().forward(new ParameterStore(m, false), new NDList(x), false);
        return f.get(f.size() - 1).toFloatArray();
    }

    @Test
    void resnet18StateDictRoundTripsWithTorchvisionNames() throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder a = randomResNet18(m, 3);
            Path file = dir.resolve("resnet18.safetensors");
            SafetensorsWriter.write(file, a.namedParameters().toTensors().values(), Map.of("arch", "resnet18"));
            PretrainedWeights w = SafetensorsReader.read(file);
            assertEquals("safetensors", w.format());
            assertEquals(FileChecksums.sha256(file), w.sha256());
            assertEquals(a.namedParameters().names(), w.names());
            assertTrue(w.contains("layer2.0.downsample.1.running_var"));
            assertArrayEquals(new long[] {64, 3, 7, 7}, w.get("conv1.weight").shape());

            ResNetEncoder b = randomResNet18(m, 3);
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 64));
            assertTrue(maxDiff(output(m, a, x), output(m, b, x)) > 1e-3, "two random inits should differ");
            b.loadPretrained(w);
            assertArrayEquals(output(m, a, x), output(m, b, x), 0f);
        }
    }

    @Test
    void aWeightFileThatDoesNotFitNamesTheTensorAndChangesNothing() throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder a = randomResNet18(m, 3);
            List<NamedTensor> tensors = new ArrayList<>(a.namedParameters().toTensors().values());
            tensors.removeIf(t -> t.name().equals("layer3.1.bn2.running_mean"));
            tensors.replaceAll(t -> t.name().equals("layer4.0.conv1.weight") ? new NamedTensor(t.name(), new long[] {512, 256, 1, 9}, t.values()) : t);
            Path file = dir.resolve("bad.safetensors");
            SafetensorsWriter.write(file, tensors, Map.of());
            ResNetEncoder b = randomResNet18(m, 3);
            float[] before = b.namedParameters().get("layer1.0.conv1.weight").getArray().toFloatArray();
            PretrainedWeights w = SafetensorsReader.read(file);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.loadPretrained(w));
            assertTrue(e.getMessage().contains("layer3.1.bn2.running_mean") && e.getMessage().contains("layer4.0.conv1.weight")
                    && e.getMessage().contains(file.toString()), e.getMessage());
            assertArrayEquals(before, b.namedParameters().get("layer1.0.conv1.weight").getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void aThreeChannelFirstConvIsLeftToTheCallerForAFiveChannelEncoder() throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder rgb = randomResNet18(m, 3);
            Path file = dir.resolve("rgb.safetensors");
            SafetensorsWriter.write(file, rgb.namedParameters().toTensors().values(), Map.of());
            ResNetEncoder five = randomResNet18(m, 5);
            float[] firstBefore = five.firstConvWeight().getArray().toFloatArray();
            five.loadPretrained(SafetensorsReader.read(file));
            assertArrayEquals(firstBefore, five.firstConvWeight().getArray().toFloatArray(), 0f);
            assertArrayEquals(rgb.namedParameters().get("layer4.1.bn2.weight").getArray().toFloatArray(),
                    five.namedParameters().get("layer4.1.bn2.weight").getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void readsHalfPrecisionAndDoublePrecisionTensors() throws IOException {
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[6,22]},\"__metadata__\":{\"format\":\"pt\"}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 22).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        b.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x3800); // 1, -2, 0.5 in IEEE half
        b.putDouble(0.1).putDouble(-1e3);
        Path file = dir.resolve("mixed.safetensors");
        Files.write(file, b.array());
        PretrainedWeights w = SafetensorsReader.read(file);
        assertArrayEquals(new float[] {1f, -2f, 0.5f}, w.get("h").values(), 0f);
        assertArrayEquals(new float[] {0.1f, -1000f}, w.get("d").values(), 0f);
        assertArrayEquals(new long[] {1, 2}, w.get("d").shape());
    }

    @Test
    void malformedFilesFailNamingTheFile() throws IOException {
        Path junk = dir.resolve("junk.safetensors");
        Files.write(junk, "this is not a safetensors file".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> SafetensorsReader.read(junk));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());

        Path good = dir.resolve("t.safetensors");
        SafetensorsWriter.write(good, List.of(new NamedTensor("w", new long[] {4}, new float[] {1, 2, 3, 4})), Map.of());
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        IOException t = assertThrows(IOException.class, () -> SafetensorsReader.read(truncated));
        assertTrue(t.getMessage().contains("'w'") && t.getMessage().contains(truncated.toString()), t.getMessage());
    }

    static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
