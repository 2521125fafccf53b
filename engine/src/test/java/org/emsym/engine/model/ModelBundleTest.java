package org.emsym.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.symmetry.FirstLayerSymmetrizer;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.emsym.engine.symmetry.SymmetryReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    @TempDir
    Path dir;

    private static float[] predict(NDManager m, UNet net, NDArray x) {
        return net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    /** Saves a 5-channel, 2-class ResNet-18 U-Net with uniform symmetrization and returns its output on {@code x}. */
    private static float[] saveExample(Path folder, float[] input) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(5)).optDecoderChannels(16, 16, 8, 8, 4)
                    .optUpsampling(Upsampling.NEAREST).optClasses(2).build();
            net.initialize(m, DataType.FLOAT32, new Shape(1, 5, 64, 64));
            SymmetryReport r = FirstLayerSymmetrizer.applyInPlace(net.encoder(), SymmetrizationStrategy.UNIFORM);
            // non-default batch-norm statistics, so that a bundle that lost them would be caught
            ResNetEncoder enc = (ResNetEncoder) net.encoder();
            enc.namedParameters().get("layer2.1.bn1.running_mean").getArray().set(m.randomNormal(new Shape(128)).toFloatArray());
            ModelMetadata meta = ModelMetadata.describe(net)
                    .withNormalization(new ModelMetadata.Normalization("percentile", Map.of("low", 1.0, "high", 99.0)))
                    .withSymmetrization(new ModelMetadata.Symmetrization(r.strategy().id(), r.layer(), r.symmetryErrorBefore(),
                            r.symmetryErrorAfter(), r.summary()))
                    .withSourceWeights(new ModelMetadata.SourceWeights("resnet18.safetensors", "safetensors", "ab12"))
                    .withEpoch(new ModelMetadata.TrainingEpoch(1, Map.of("loss", 0.7)))
                    .withEpoch(new ModelMetadata.TrainingEpoch(2, Map.of("loss", 0.5, "validationLoss", 0.6)));
            ModelBundle.save(folder, net, meta);
            return predict(m, net, m.create(input, new Shape(1, 5, 64, 64)));
        }
    }

    private static float[] input() {
        float[] x = new float[5 * 64 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37) + (i % 7) * 0.1f;
        }
        return x;
    }

    @Test
    void roundTripRebuildsTheNetworkWithIdenticalOutputAndMetadata() throws IOException {
        Path folder = dir.resolve("bundle");
        float[] expected = saveExample(folder, input());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ModelBundle b = ModelBundle.load(folder, m);
            assertArrayEquals(expected, predict(m, b.network(), m.create(input(), new Shape(1, 5, 64, 64))), 0f);
            ModelMetadata meta = b.metadata();
            assertEquals("resnet18", meta.encoder());
            assertEquals(2, meta.context());
            // the file format keeps its key: model.json says "k", as bundles of every earlier version do
            com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(java.nio.file.Files.readString(
                    folder.resolve(ModelBundle.METADATA_FILE))).getAsJsonObject();
            assertEquals(2, json.get("k").getAsInt());
            assertEquals(null, json.get("context"));
            assertEquals(2, meta.classes());
            assertEquals("uniform", meta.symmetrization().strategy());
            assertEquals(0.0, meta.symmetrization().symmetryErrorAfter(), 1e-7);
            assertEquals(List.of(1, 2), meta.history().stream().map(ModelMetadata.TrainingEpoch::epoch).toList());
            assertEquals(0.6, meta.history().get(1).metrics().get("validationLoss"), 0.0);
            assertEquals(99.0, meta.normalization().settings().get("high"), 0.0);
            assertEquals(b.network().getParameters().size(), meta.parameters().size());
        }
    }

    @Test
    void savingAgainReplacesTheBundleAndLeavesNoTemporaryFolders() throws IOException {
        Path folder = dir.resolve("bundle");
        saveExample(folder, input());
        float[] second = saveExample(folder, input());
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            assertArrayEquals(second, predict(m, ModelBundle.load(folder, m).network(), m.create(input(), new Shape(1, 5, 64, 64))), 0f);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(folder), files.toList());
        }
    }

    @Test
    void aCorruptedParameterFileFailsNamingTheBundle() throws IOException {
        Path folder = dir.resolve("bundle");
        saveExample(folder, input());
        Path params = folder.resolve(ModelBundle.PARAMETERS_FILE);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(params, bytes);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            IOException e = assertThrows(IOException.class, () -> ModelBundle.load(folder, m));
            assertTrue(e.getMessage().contains("corrupted") && e.getMessage().contains(folder.toString()), e.getMessage());
        }
    }

    @Test
    void metadataThatDoesNotMatchTheParametersFailsNamingTheParameter() throws IOException {
        Path folder = dir.resolve("bundle");
        saveExample(folder, input());
        Path json = folder.resolve(ModelBundle.METADATA_FILE);
        String edited = Files.readString(json, StandardCharsets.UTF_8).replace("\"classes\": 2", "\"classes\": 3");
        Files.writeString(json, edited, StandardCharsets.UTF_8);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            IOException e = assertThrows(IOException.class, () -> ModelBundle.load(folder, m));
            assertTrue(e.getMessage().contains("head_weight") && e.getMessage().contains(folder.toString()), e.getMessage());
        }
    }

    @Test
    void aFolderWithoutMetadataIsNotABundle() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            IOException e = assertThrows(IOException.class, () -> ModelBundle.load(empty, m));
            assertTrue(e.getMessage().contains(ModelBundle.METADATA_FILE), e.getMessage());
        }
    }
}
