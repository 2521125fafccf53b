package org.emsym.engine.model.resnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.emsym.engine.model.Encoder;
import org.emsym.engine.model.EncoderRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResNetEncoderTest {

    /** "name shape" lines for one architecture from the list generated with torchvision itself. */
    private static List<String> torchvisionKeys(String arch) throws IOException {
        try (InputStream in = ResNetEncoderTest.class.getResourceAsStream("/weights/torchvision_resnet_keys.txt")) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(arch + " ")) {
                    out.add(line.substring(arch.length() + 1).trim());
                }
            }
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet34", "resnet50"})
    void parameterNamesAndShapesMatchTorchvisionStateDict(String arch) throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ResNetEncoder e = (ResNetEncoder) EncoderRegistry.defaultRegistry().create(arch, 3);
            e.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            List<String> ours = new ArrayList<>();
            for (String name : e.namedParameters().names()) {
                long[] s = e.namedParameters().get(name).getArray().getShape().getShape();
                StringBuilder dims = new StringBuilder();
                for (long d : s) {
                    dims.append(dims.length() == 0 ? "" : "x").append(d);
                }
                ours.add(name + " " + dims);
            }
            List<String> expected = torchvisionKeys(arch);
            assertTrue(expected.size() > 90, "key list missing for " + arch);
            assertEquals(expected, ours);
        }
    }

    @Test
    void featureMapsHaveTheDeclaredChannelsAndStrides() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (Encoder e : List.of(ResNetEncoder.resnet18(5), ResNetEncoder.resnet50(1))) {
                Shape in = new Shape(2, e.inChannels(), 64, 96);
                e.block().initialize(m, DataType.FLOAT32, in);
                NDList f = e.block().forward(new ParameterStore(m, false), new NDList(m.randomNormal(in)), false);
                assertEquals(5, f.size());
                Shape[] declared = e.block().getOutputShapes(new Shape[] {in});
                for (int i = 0; i < 5; i++) {
                    Shape expected = new Shape(2, e.featureChannels()[i], 64 / e.featureStrides()[i], 96 / e.featureStrides()[i]);
                    assertEquals(expected, f.get(i).getShape(), e.architecture() + " feature " + i);
                    assertEquals(expected, declared[i]);
                }
                assertEquals(new Shape(64, e.inChannels(), 7, 7), e.firstConvWeight().getArray().getShape());
            }
        }
    }

    @Test
    void registryRejectsUnknownArchitecturesListingKnownOnes() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> EncoderRegistry.defaultRegistry().create("vgg16", 3));
        assertTrue(ex.getMessage().contains("vgg16") && ex.getMessage().contains("resnet34"), ex.getMessage());
    }
}
