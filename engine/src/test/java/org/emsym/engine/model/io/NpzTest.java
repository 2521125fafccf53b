package org.emsym.engine.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path dir;

    /** numpy_fixture.npz was written by numpy.savez (engine/src/build/make_npz_fixture.py); values follow its formulas. */
    @Test
    void readsAnArchiveWrittenByNumpy() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("/weights/numpy_fixture.npz").toURI());
        PretrainedWeights w = NpzReader.read(file);
        assertEquals("npz", w.format());
        assertEquals(List.of("layer1.0.conv1.weight", "b", "c", "d", "bn1.num_batches_tracked"), List.copyOf(w.names()));

        NamedTensor a = w.get("layer1.0.conv1.weight");
        assertArrayEquals(new long[] {2, 3, 2, 2}, a.shape());
        for (int i = 0; i < 24; i++) {
            assertEquals(i * 0.5f - 3, a.values()[i], 0f);
        }
        NamedTensor b = w.get("b"); // float16
        for (int i = 0; i < 6; i++) {
            assertEquals(i / 8f, b.values()[i], 0f);
        }
        NamedTensor c = w.get("c"); // float64, Fortran order: must come back row-major
        assertArrayEquals(new long[] {3, 4}, c.shape());
        for (int i = 0; i < 12; i++) {
            assertEquals(i * 0.25f, c.values()[i], 0f);
        }
        assertArrayEquals(new float[] {-2, -1, 0, 1, 2}, w.get("d").values(), 0f); // big-endian float32
        assertArrayEquals(new long[0], w.get("bn1.num_batches_tracked").shape()); // int64 scalar
        assertArrayEquals(new float[] {5}, w.get("bn1.num_batches_tracked").values(), 0f);
    }

    @Test
    void resnetStateDictRoundTripsThroughNpz() throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder a = SafetensorsTest.randomResNet18(m, 3);
            Path file = dir.resolve("sub/resnet18.npz");
            NpzWriter.write(file, a.namedParameters().toTensors().values());
            PretrainedWeights w = NpzReader.read(file);
            assertEquals(a.namedParameters().names(), w.names());
            ResNetEncoder b = SafetensorsTest.randomResNet18(m, 3);
            b.loadPretrained(w);
            NDArray x = m.randomNormal(new Shape(1, 3, 64, 64));
            assertArrayEquals(SafetensorsTest.output(m, a, x), SafetensorsTest.output(m, b, x), 0f);
            try (var files = Files.list(file.getParent())) {
                assertEquals(1, files.count(), "no temp file may remain");
            }
        }
    }

    @Test
    void writesScalarsAndVectorsNumpyCanParse() throws IOException {
        Path file = dir.resolve("small.npz");
        NpzWriter.write(file, List.of(new NamedTensor("s", new long[0], new float[] {7}),
                new NamedTensor("v", new long[] {3}, new float[] {1, 2, 3})));
        PretrainedWeights w = NpzReader.read(file);
        assertArrayEquals(new long[0], w.get("s").shape());
        assertArrayEquals(new float[] {7}, w.get("s").values(), 0f);
        assertArrayEquals(new long[] {3}, w.get("v").shape());
    }

    @Test
    void notAZipFailsNamingTheFile() throws IOException {
        Path junk = dir.resolve("junk.npz");
        Files.writeString(junk, "nope");
        IOException e = assertThrows(IOException.class, () -> NpzReader.read(junk));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
    }
}
