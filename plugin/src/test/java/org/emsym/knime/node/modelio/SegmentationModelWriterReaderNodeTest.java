package org.emsym.knime.node.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.UNet;
import org.emsym.knime.node.modelreader.SegmentationModelReaderNodeFactory;
import org.emsym.knime.node.modelwriter.SegmentationModelWriterNodeFactory;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.FrameworkBridge;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Segmentation Model Writer and Reader: settings, configure errors, overwrite policy and the write/read round trip. */
class SegmentationModelWriterReaderNodeTest {

    private static final Shape INPUT = new Shape(1, 3, 32, 32);
    private static final NamedTensor SOURCE_KERNEL = new NamedTensor("conv1.weight", new long[] {64, 3, 7, 7},
            TestModels.input(64 * 3 * 7 * 7));

    // setting keys and labels as the node descriptions and workflows use them
    private static final String OUTPUT_FOLDER = "output_folder";
    private static final String IF_EXISTS = "if_exists";
    private static final String MODEL_FOLDER = "model_folder";
    private static final String OUTPUT_LABEL = "Output folder";
    private static final String MODEL_LABEL = "Model folder";

    @TempDir
    Path dir;

    private NodeTestHarness<?> writer;
    private NodeTestHarness<?> reader;
    private SegmentationModelPortObject model;
    private float[] expectedOutput;

    @BeforeEach
    void setUp() throws IOException {
        writer = NodeTestHarness.of(new SegmentationModelWriterNodeFactory());
        reader = NodeTestHarness.of(new SegmentationModelReaderNodeFactory());
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            UNet net = TestModels.resnet18(m, 1);
            ModelMetadata meta = ModelMetadata.describe(net)
                    .withNormalization(new ModelMetadata.Normalization("percentile", Map.of("low", 1.0, "high", 99.0)))
                    .withSymmetrization(new ModelMetadata.Symmetrization("uniform", "conv1", 0.3, 0.0, "uniform"))
                    .withEpoch(new ModelMetadata.TrainingEpoch(1, Map.of("loss", 0.7)));
            expectedOutput = TestModels.forward(m, net, TestModels.input(3 * 32 * 32), INPUT);
            model = SegmentationModelPortObject.create(net, meta, SOURCE_KERNEL);
        }
    }

    private static float[] outputOf(SegmentationModelPortObject port) throws IOException {
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            return TestModels.forward(m, port.loadBundle(scope).network(), TestModels.input(3 * 32 * 32), INPUT);
        }
    }

    private static long entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    @Test
    void roundTripGivesIdenticalNetworkOutputSpecAndSourceKernel() throws Exception {
        Path bundle = dir.resolve("model");
        writer.set(OUTPUT_FOLDER, bundle.toString());
        assertEquals(0, writer.execute(model).length);
        assertEquals(1, entries(dir), "only the bundle, no temporary beside it");
        assertTrue(Files.isRegularFile(bundle.resolve(ModelBundle.METADATA_FILE)));

        reader.set(MODEL_FOLDER, bundle.toString());
        PortObjectSpec configured = reader.configure()[0];
        assertEquals(model.getSpec(), configured, "configure reads the spec from model.json");
        SegmentationModelPortObject read = (SegmentationModelPortObject) reader.execute()[0];
        assertEquals(model.getSpec(), read.getSpec());
        assertEquals("uniform", read.getSpec().getSymmetrization());
        assertEquals(1, read.getSpec().getTrainedEpochs());
        assertArrayEquals(expectedOutput, outputOf(read), 0f);
        NamedTensor kernel = read.getSourceFirstConv().orElseThrow();
        assertArrayEquals(SOURCE_KERNEL.shape(), kernel.shape());
        assertArrayEquals(SOURCE_KERNEL.values(), kernel.values(), 0f);
    }

    @Test
    void aModelWithoutSourceKernelReadsBackWithoutOne() throws Exception {
        SegmentationModelPortObject plain = TestModels.port(1);
        Path bundle = dir.resolve("plain");
        writer.set(OUTPUT_FOLDER, bundle.toString()).execute(plain);
        SegmentationModelPortObject read = (SegmentationModelPortObject) reader.set(MODEL_FOLDER, bundle.toString())
                .execute()[0];
        assertTrue(read.getSourceFirstConv().isEmpty());
        assertEquals(plain.getSpec(), read.getSpec());
    }

    @Test
    void writerConfigureNamesTheSettingAtFault() throws Exception {
        SegmentationModelPortObjectSpec spec = model.getSpec();
        InvalidSettingsException empty = assertThrows(InvalidSettingsException.class, () -> writer.configure(spec));
        assertTrue(empty.getMessage().startsWith(OUTPUT_LABEL), empty.getMessage());

        writer.set(OUTPUT_FOLDER, dir.resolve("missing/model").toString());
        InvalidSettingsException noParent = assertThrows(InvalidSettingsException.class, () -> writer.configure(spec));
        assertTrue(noParent.getMessage().startsWith(OUTPUT_LABEL) && noParent.getMessage().contains("missing"),
                noParent.getMessage());

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        writer.set(OUTPUT_FOLDER, file.toString()).set(IF_EXISTS, "OVERWRITE");
        InvalidSettingsException notFolder = assertThrows(InvalidSettingsException.class, () -> writer.configure(spec));
        assertTrue(notFolder.getMessage().contains("not a folder"), notFolder.getMessage());

        NodeSettings bad = writer.settings();
        bad.addString(IF_EXISTS, "APPEND");
        InvalidSettingsException policy = assertThrows(InvalidSettingsException.class, () -> writer.loadSettings(bad));
        // KNIME's enum persistence refuses an unknown policy, naming it and the choices
        assertTrue(policy.getMessage().contains("'APPEND'") && policy.getMessage().contains("FAIL, OVERWRITE"),
                policy.getMessage());
    }

    @Test
    void overwritePolicyReplacesOnlyBundlesAndEmptyFolders() throws Exception {
        Path bundle = dir.resolve("model");
        writer.set(OUTPUT_FOLDER, bundle.toString()).execute(TestModels.port(1));
        byte[] first = Files.readAllBytes(bundle.resolve(ModelBundle.PARAMETERS_FILE));

        InvalidSettingsException fail = assertThrows(InvalidSettingsException.class, () -> writer.execute(model));
        assertTrue(fail.getMessage().contains("exists") && fail.getMessage().contains("OVERWRITE"), fail.getMessage());
        assertArrayEquals(first, Files.readAllBytes(bundle.resolve(ModelBundle.PARAMETERS_FILE)), "left untouched");

        writer.set(IF_EXISTS, "OVERWRITE").execute(model);
        assertFalse(java.util.Arrays.equals(first, Files.readAllBytes(bundle.resolve(ModelBundle.PARAMETERS_FILE))));
        assertArrayEquals(expectedOutput, outputOf(SegmentationModelPortObject.read(bundle)), 0f);
        assertEquals(1, entries(dir), "no temporary or moved-aside bundle left");

        Path userFolder = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(userFolder.resolve("keep.txt"), "mine");
        writer.set(OUTPUT_FOLDER, userFolder.toString());
        InvalidSettingsException foreign = assertThrows(InvalidSettingsException.class,
                () -> writer.configure(model.getSpec()));
        assertTrue(foreign.getMessage().contains("neither empty nor a model bundle"), foreign.getMessage());
        assertTrue(Files.isRegularFile(userFolder.resolve("keep.txt")));

        Path emptyFolder = Files.createDirectories(dir.resolve("empty"));
        writer.set(OUTPUT_FOLDER, emptyFolder.toString()).execute(model);
        assertTrue(Files.isRegularFile(emptyFolder.resolve(ModelBundle.METADATA_FILE)));
    }

    @Test
    void readerErrorsNameTheFolderAndTheSetting() throws Exception {
        InvalidSettingsException empty = assertThrows(InvalidSettingsException.class, () -> reader.configure());
        assertTrue(empty.getMessage().startsWith(MODEL_LABEL), empty.getMessage());

        Path missing = dir.resolve("nowhere");
        reader.set(MODEL_FOLDER, missing.toString());
        InvalidSettingsException absent = assertThrows(InvalidSettingsException.class, () -> reader.configure());
        assertTrue(absent.getMessage().startsWith(MODEL_LABEL) && absent.getMessage().contains("nowhere"),
                absent.getMessage());

        Path notBundle = Files.createDirectories(dir.resolve("not-a-bundle"));
        reader.set(MODEL_FOLDER, notBundle.toString());
        InvalidSettingsException noJson = assertThrows(InvalidSettingsException.class, () -> reader.configure());
        assertTrue(noJson.getMessage().startsWith(MODEL_LABEL) && noJson.getMessage().contains("model.json")
                && noJson.getMessage().contains("not-a-bundle"), noJson.getMessage());

        Path bundle = dir.resolve("model");
        writer.set(OUTPUT_FOLDER, bundle.toString()).execute(model);
        Path params = bundle.resolve(ModelBundle.PARAMETERS_FILE);
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(params, bytes);
        reader.set(MODEL_FOLDER, bundle.toString());
        reader.configure(); // only model.json is read in configure
        // the node fails with the reader's message (a KNIMEException, as KNIME shows it), the IOException as cause
        KNIMEException corrupted = assertThrows(KNIMEException.class, () -> reader.execute());
        assertTrue(corrupted.getCause() instanceof IOException, String.valueOf(corrupted.getCause()));
        assertTrue(corrupted.getMessage().startsWith(MODEL_LABEL) && corrupted.getMessage().contains("corrupted")
                && corrupted.getMessage().contains(bundle.toString()), corrupted.getMessage());
    }

    @Test
    void settingsRoundTrip() throws Exception {
        writer.set(OUTPUT_FOLDER, "knime://knime.workflow/../output/model").set(IF_EXISTS, "OVERWRITE");
        NodeTestHarness<?> writerCopy = NodeTestHarness.of(new SegmentationModelWriterNodeFactory())
                .loadSettings(writer.settings());
        assertEquals(writer.settings(), writerCopy.settings());
        assertEquals(java.util.List.of("format", IF_EXISTS, OUTPUT_FOLDER, "package_authors", "package_cite_doi",
                "package_cite_text", "package_description", "package_license", "package_name", "package_training_data"),
                writerCopy.settingKeys().stream().sorted().toList());

        reader.set(MODEL_FOLDER, "knime://knime.workflow/../output/model");
        NodeTestHarness<?> readerCopy = NodeTestHarness.of(new SegmentationModelReaderNodeFactory())
                .loadSettings(reader.settings());
        assertEquals("knime://knime.workflow/../output/model", readerCopy.settings().getString(MODEL_FOLDER));
        assertEquals(java.util.List.of(MODEL_FOLDER), readerCopy.settingKeys());
        NodeModel unused = readerCopy.model();
        assertEquals(0, FrameworkBridge.nrInPorts(unused));
    }
}
