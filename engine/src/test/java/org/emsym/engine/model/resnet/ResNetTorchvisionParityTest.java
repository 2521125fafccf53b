package org.emsym.engine.model.resnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emsym.engine.model.EncoderRegistry;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.io.NpzReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opt-in numerical parity with torchvision: the fixtures (a full torchvision state dict and its feature maps, made
 * by engine/src/build/torchvision_resnet_parity.py) are too large to commit, so this test runs only when
 * {@code -Demsym.parity.dir=...} points at them and skips otherwise.
 */
class ResNetTorchvisionParityTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet34", "resnet50"})
    void featuresMatchTorchvision(String arch) throws IOException {
        String dir = System.getProperty("emsym.parity.dir");
        assumeTrue(dir != null, "set -Demsym.parity.dir (see torchvision_resnet_parity.py) to run the torchvision parity test");
        Path stateDict = Path.of(dir, arch + "_state_dict.npz");
        assumeTrue(Files.isRegularFile(stateDict), "no " + stateDict);
        PretrainedWeights weights = NpzReader.read(stateDict);
        PretrainedWeights ref = NpzReader.read(Path.of(dir, arch + "_features.npz"));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder e = (ResNetEncoder) EncoderRegistry.defaultRegistry().create(arch, 3);
            e.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            e.loadPretrained(weights);
            NDList out = e.block().forward(new ParameterStore(m, false), new NDList(m.create(ref.get("x").values(), new Shape(1, 3, 64, 64))), false);
            for (int i = 0; i < 5; i++) {
                NamedTensor expected = ref.get("f" + i);
                float[] actual = out.get(i).toFloatArray();
                assertArrayEquals(expected.shape(), out.get(i).getShape().getShape());
                double maxAbs = 0;
                double maxDiff = 0;
                for (int j = 0; j < actual.length; j++) {
                    maxAbs = Math.max(maxAbs, Math.abs(expected.values()[j]));
                    maxDiff = Math.max(maxDiff, Math.abs(expected.values()[j] - actual[j]));
                }
                System.out.printf("%s feature %d: max |torchvision - DJL| = %.3g (max |value| %.3g)%n", arch, i, maxDiff, maxAbs);
                assertTrue(maxDiff <= 1e-4 * Math.max(1, maxAbs), arch + " feature " + i + " differs by " + maxDiff);
            }
        }
    }
}
