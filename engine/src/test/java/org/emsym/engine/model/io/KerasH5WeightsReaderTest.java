package org.emsym.engine.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.model.PretrainedWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KerasH5WeightsReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsKerasLayoutWrittenByJhdf() throws IOException {
        Path h5 = dir.resolve("weights.h5");
        try (WritableHdfFile hdf = HdfFile.write(h5)) {
            hdf.putAttribute("layer_names", new String[] {"conv", "bn"});
            WritableGroup conv = hdf.putGroup("conv");
            conv.putAttribute("weight_names", new String[] {"conv/kernel:0"});
            // HWIO (1, 2, 1, 2): value = 10*w + o
            conv.putGroup("conv").putDataset("kernel:0", new float[][][][] {{{{0, 1}}, {{10, 11}}}});
            WritableGroup bn = hdf.putGroup("bn");
            bn.putAttribute("weight_names", new String[] {"bn/gamma:0", "bn/moving_mean:0"});
            WritableGroup bnWeights = bn.putGroup("bn");
            bnWeights.putDataset("gamma:0", new float[] {1.5f, 2.5f});
            bnWeights.putDataset("moving_mean:0", new double[] {0.25, -0.75});
        }
        PretrainedWeights w = KerasH5WeightsReader.read(h5);
        assertEquals(List.of("conv/kernel", "bn/gamma", "bn/moving_mean"), new ArrayList<>(w.names()));
        assertArrayEquals(new long[] {2, 1, 1, 2}, w.get("conv/kernel").shape());
        assertArrayEquals(new float[] {0, 10, 1, 11}, w.get("conv/kernel").values());
        assertArrayEquals(new float[] {1.5f, 2.5f}, w.get("bn/gamma").values());
        assertArrayEquals(new float[] {0.25f, -0.75f}, w.get("bn/moving_mean").values());
        assertEquals(KerasH5WeightsReader.FORMAT, w.format());
    }

    /**
     * Files written by h5py exactly as Keras 2 lays them out (engine/src/build/h5/make-keras-h5-fixtures.py):
     * byte-string attributes, weightless layers with an empty float64 weight_names, save_weights and
     * model.save ({@code model_weights} group) variants.
     */
    @ParameterizedTest
    @ValueSource(strings = {"weights.h5", "model.h5"})
    void readsFilesWrittenByH5pyInKerasLayout(String file) throws Exception {
        PretrainedWeights w = KerasH5WeightsReader.read(Path.of(getClass().getResource("/keras-h5/" + file).toURI()));
        assertEquals(List.of("Conv1/kernel", "bn_Conv1/gamma", "bn_Conv1/beta", "bn_Conv1/moving_mean",
                "bn_Conv1/moving_variance", "expanded_conv_depthwise/depthwise_kernel", "dense_1/kernel", "dense_1/bias"),
                new ArrayList<>(w.names()));
        // v[i] = 0.001 (i+1) (-1)^i + 0.1 t over the Keras (HWIO) flat index i, t the tensor's position
        NamedTensor conv = w.get("Conv1/kernel");
        assertArrayEquals(new long[] {4, 3, 3, 3}, conv.shape());
        for (int h = 0; h < 3; h++) {
            for (int x = 0; x < 3; x++) {
                for (int i = 0; i < 3; i++) {
                    for (int o = 0; o < 4; o++) {
                        assertEquals(fixtureValue(((h * 3 + x) * 3 + i) * 4 + o, 0), conv.values()[((o * 3 + i) * 3 + h) * 3 + x], 1e-7);
                    }
                }
            }
        }
        NamedTensor depthwise = w.get("expanded_conv_depthwise/depthwise_kernel");
        assertArrayEquals(new long[] {4, 1, 3, 3}, depthwise.shape());
        assertEquals(fixtureValue((1 * 3 + 2) * 4 + 3, 5), depthwise.values()[(3 * 3 + 1) * 3 + 2], 1e-7);
        NamedTensor dense = w.get("dense_1/kernel");
        assertArrayEquals(new long[] {2, 4}, dense.shape());
        assertEquals(fixtureValue(2 * 2 + 1, 6), dense.values()[1 * 4 + 2], 1e-7);
        assertEquals(fixtureValue(3, 3), w.get("bn_Conv1/moving_mean").values()[3], 1e-7);
    }

    private static float fixtureValue(int i, int t) {
        return (float) (0.001 * (i + 1) * (i % 2 == 0 ? 1 : -1) + 0.1 * t);
    }

    /** The real MobileNetV2 written in the Keras H5 layout reads back to exactly the TF.js tensors. */
    @Test
    void realMobileNetV2RoundTripsThroughKerasH5() throws IOException {
        PretrainedWeights tfjs = TfjsLayersModelReader.read(NsfwjsTestModel.modelJson());
        Map<String, List<NamedTensor>> byLayer = new LinkedHashMap<>();
        for (NamedTensor t : tfjs.asMap().values()) {
            byLayer.computeIfAbsent(t.name().substring(0, t.name().indexOf('/')), k -> new ArrayList<>()).add(t);
        }
        Path h5 = dir.resolve("mobilenet_v2.h5");
        try (WritableHdfFile hdf = HdfFile.write(h5)) {
            hdf.putAttribute("layer_names", byLayer.keySet().toArray(String[]::new));
            for (Map.Entry<String, List<NamedTensor>> layer : byLayer.entrySet()) {
                WritableGroup group = hdf.putGroup(layer.getKey());
                group.putAttribute("weight_names", layer.getValue().stream().map(t -> t.name() + ":0").toArray(String[]::new));
                WritableGroup inner = group.putGroup(layer.getKey());
                for (NamedTensor t : layer.getValue()) {
                    inner.putDataset(t.name().substring(t.name().indexOf('/') + 1) + ":0", toKerasLayout(t));
                }
            }
        }
        PretrainedWeights keras = KerasH5WeightsReader.read(h5);
        assertEquals(tfjs.size(), keras.size());
        for (NamedTensor expected : tfjs.asMap().values()) {
            NamedTensor actual = keras.get(expected.name());
            assertArrayEquals(expected.shape(), actual.shape(), expected.name());
            assertArrayEquals(expected.values(), actual.values(), expected.name());
        }
    }

    @Test
    void badFilesFailNamingFileAndTensor() throws IOException {
        Path missing = dir.resolve("absent.h5");
        assertThrows(NoSuchFileException.class, () -> KerasH5WeightsReader.read(missing));

        Path notHdf = dir.resolve("text.h5");
        Files.writeString(notHdf, "not an HDF5 file at all, just text that is long enough to be scanned");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KerasH5WeightsReader.read(notHdf));
        assertTrue(e.getMessage().contains("text.h5"), e.getMessage());

        Path noLayers = dir.resolve("nolayers.h5");
        try (WritableHdfFile hdf = HdfFile.write(noLayers)) {
            hdf.putGroup("conv").putDataset("kernel:0", new float[] {1});
        }
        e = assertThrows(IllegalArgumentException.class, () -> KerasH5WeightsReader.read(noLayers));
        assertTrue(e.getMessage().contains("layer_names") && e.getMessage().contains("nolayers.h5"), e.getMessage());

        Path missingTensor = dir.resolve("missingtensor.h5");
        try (WritableHdfFile hdf = HdfFile.write(missingTensor)) {
            hdf.putAttribute("layer_names", new String[] {"conv"});
            WritableGroup conv = hdf.putGroup("conv");
            conv.putAttribute("weight_names", new String[] {"conv/kernel:0", "conv/bias:0"});
            conv.putGroup("conv").putDataset("kernel:0", new float[][] {{1, 2}});
        }
        e = assertThrows(IllegalArgumentException.class, () -> KerasH5WeightsReader.read(missingTensor));
        assertTrue(e.getMessage().contains("conv/bias:0") && e.getMessage().contains("missingtensor.h5"), e.getMessage());
    }

    /** Engine layout back to the nested Keras array jhdf writes: OIHW to HWIO, (C,1,H,W) to (H,W,C,1), (out,in) to (in,out). */
    private static Object toKerasLayout(NamedTensor t) {
        long[] s = t.shape();
        float[] v = t.values();
        if (s.length == 4) {
            boolean depthwise = t.name().endsWith("depthwise_kernel");
            int o = (int) s[0], i = (int) s[1], kh = (int) s[2], kw = (int) s[3];
            float[][][][] r = depthwise ? new float[kh][kw][o][1] : new float[kh][kw][i][o];
            for (int a = 0; a < o; a++) {
                for (int b = 0; b < i; b++) {
                    for (int h = 0; h < kh; h++) {
                        for (int w = 0; w < kw; w++) {
                            float value = v[((a * i + b) * kh + h) * kw + w];
                            if (depthwise) {
                                r[h][w][a][b] = value;
                            } else {
                                r[h][w][b][a] = value;
                            }
                        }
                    }
                }
            }
            return r;
        }
        if (s.length == 2) {
            float[][] r = new float[(int) s[1]][(int) s[0]];
            for (int a = 0; a < s[0]; a++) {
                for (int b = 0; b < s[1]; b++) {
                    r[b][a] = v[(int) (a * s[1] + b)];
                }
            }
            return r;
        }
        return v.clone();
    }
}
