package org.emsym.knime.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.UNet;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.port.PortObject;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

class SegmentationModelPortObjectTest {

    private static final Shape INPUT = new Shape(1, 3, 32, 32);

    /** Stands for the pretrained RGB kernel the first layer was adapted from. */
    private static final NamedTensor SOURCE_KERNEL = new NamedTensor("conv1.weight", new long[] {64, 3, 7, 7},
            TestModels.input(64 * 3 * 7 * 7));

    @TempDir
    Path dir;

    private static SegmentationModelPortObject trainedLooking(NDManager m, float[] input, float[][] output)
            throws IOException {
        UNet net = TestModels.resnet18(m, 1);
        ModelMetadata meta = ModelMetadata.describe(net)
                .withSymmetrization(new ModelMetadata.Symmetrization("uniform", "conv1", 0.3, 0.0, "uniform: err 0.3 -> 0"))
                .withSourceWeights(new ModelMetadata.SourceWeights("/w/resnet18.safetensors", "safetensors", "ab12"))
                .withEpoch(new ModelMetadata.TrainingEpoch(1, Map.of("loss", 0.7)))
                .withEpoch(new ModelMetadata.TrainingEpoch(2, Map.of("loss", 0.5, "validationLoss", 0.6)));
        output[0] = TestModels.forward(m, net, input, INPUT);
        return SegmentationModelPortObject.create(net, meta, SOURCE_KERNEL);
    }

    @Test
    void specDescribesTheModel() throws IOException {
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            SegmentationModelPortObjectSpec spec = trainedLooking(m, TestModels.input(3 * 32 * 32), new float[1][]).getSpec();
            assertEquals("unet", spec.getArchitecture());
            assertEquals("resnet18", spec.getEncoder());
            assertEquals(3, spec.getInChannels());
            assertEquals(1, spec.getContext());
            assertEquals(2, spec.getClasses());
            assertArrayEquals(TestModels.DECODER, spec.getDecoderChannels());
            assertEquals("uniform", spec.getSymmetrization());
            assertEquals("ab12", spec.getSourceSha256());
            assertEquals(2, spec.getTrainedEpochs());
            assertTrue(spec.getHistorySummary().startsWith("2 epochs; last (epoch 2): loss=0.5"), spec.getHistorySummary());
        }
    }

    @Test
    void saveAndLoadReproducesIdenticalNetworkOutput() throws Exception {
        float[] input = TestModels.input(3 * 32 * 32);
        float[][] expected = new float[1][];
        SegmentationModelPortObject port;
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            port = trainedLooking(m, input, expected);
        }
        PortObject loaded = NodeTestHarness.saveAndLoad(port, dir.resolve("saved"));
        SegmentationModelPortObject back = assertInstanceOf(SegmentationModelPortObject.class, loaded);
        assertEquals(port.getSpec(), back.getSpec());
        assertEquals(port.getMetadata().parametersSha256(), back.getMetadata().parametersSha256());
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            ModelBundle bundle = back.loadBundle(scope);
            assertArrayEquals(expected[0], TestModels.forward(m, bundle.network(), input, INPUT), 0f);
            assertEquals(0.6, bundle.metadata().history().get(1).metrics().get("validationLoss"), 0.0);
        }
        NamedTensor kernel = back.getSourceFirstConv().orElseThrow();
        assertEquals(SOURCE_KERNEL.name(), kernel.name());
        assertArrayEquals(SOURCE_KERNEL.shape(), kernel.shape());
        assertArrayEquals(SOURCE_KERNEL.values(), kernel.values(), 0f);
        assertTrue(TestModels.port(1).getSourceFirstConv().isEmpty(), "a model made without pretrained weights has none");
    }

    @Test
    void aDamagedStoredModelFailsOnLoad() throws Exception {
        SegmentationModelPortObject port = TestModels.port(1);
        Path saved = dir.resolve("saved");
        NodeTestHarness.saveAndLoad(port, saved);
        // flip a byte inside the stored parameters: the checksum recorded in model.json no longer matches
        Path zip = saved.resolve("portobject.zip");
        Path damaged = dir.resolve("damaged.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(damaged))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().endsWith(ModelBundle.PARAMETERS_FILE)) {
                    bytes[bytes.length / 2] ^= 0x55;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(damaged, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        SegmentationModelPortObject back = (SegmentationModelPortObject) reload(saved);
        try (ModelScope scope = ModelScope.cpu()) {
            IOException e = assertThrows(IOException.class, () -> back.loadBundle(scope));
            assertTrue(e.getMessage().contains("corrupted"), e.getMessage());
        }
    }

    private static PortObject reload(Path saved) throws Exception {
        return NodeTestHarness.load(saved, SegmentationModelPortObject.class, SegmentationModelPortObjectSpec.class);
    }
}
