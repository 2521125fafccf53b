package org.emsym.knime.node.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.encoder.MobileNetV2Encoder;
import org.emsym.engine.model.io.SafetensorsWriter;
import org.emsym.engine.model.io.TfjsLayersModelReader;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.symmetry.KernelSymmetrizer;
import org.emsym.engine.train.SegmentationTrainingConfig;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.testing.NodeTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knime.node.parameters.NodeParameters;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

class PretrainedModelLoaderNodeTest {

    @TempDir
    Path dir;

    private NodeTestHarness<NodeModel> node;

    @BeforeEach
    void setUp() {
        node = NodeTestHarness.of(new PretrainedModelLoaderNodeFactory());
    }

    private static Path nsfwjsModelJson() {
        Path json = Path.of(System.getProperty("emsym.nsfwjs.dir", "../engine/target/nsfwjs"), "model.json");
        assumeTrue(Files.isRegularFile(json), "nsfwjs MobileNetV2 not found at " + json.toAbsolutePath()
                + " (built by the engine module)");
        return json;
    }

    /** A torchvision-named ResNet-18 encoder with random weights, written as safetensors; returns its tensors. */
    private static Map<String, NamedTensor> writeResNet18(Path file) throws IOException {
        try (ModelScope scope = ModelScope.cpu()) {
            NDManager m = scope.manager();
            ResNetEncoder enc = ResNetEncoder.resnet18(3);
            enc.block().initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            // non-trivial batch-norm statistics, so that a loader which skipped them would be caught
            enc.namedParameters().get("layer3.1.bn2.running_var").getArray()
                    .set(m.randomUniform(0.5f, 2f, new Shape(256)).toFloatArray());
            Map<String, NamedTensor> tensors = enc.namedParameters().toTensors();
            SafetensorsWriter.write(file, tensors.values(), Map.of());
            return tensors;
        }
    }

    private static float[] encoderParameter(ModelBundle bundle, String name) {
        return ((ResNetEncoder) bundle.network().encoder()).namedParameters().get(name).getArray().toFloatArray();
    }

    @Test
    void loadsTheRealNsfwjsMobileNetV2() throws Exception {
        Path json = nsfwjsModelJson();
        node.set(PretrainedModelLoaderParameters.CFG_WEIGHT_FILE, json.toString())
                .set(PretrainedModelLoaderParameters.CFG_CONTEXT, 2)
                .set(PretrainedModelLoaderParameters.CFG_DECODER, "16,16,8,8,8");
        SegmentationModelPortObjectSpec configured = (SegmentationModelPortObjectSpec) node.configure()[0];
        SegmentationModelPortObject port = (SegmentationModelPortObject) node.execute()[0];

        SegmentationModelPortObjectSpec spec = port.getSpec();
        assertEquals("mobilenet_v2", spec.getEncoder());
        assertEquals(5, spec.getInChannels());
        assertEquals(2, spec.getContext());
        assertEquals(TfjsLayersModelReader.FORMAT, spec.getSourceFormat());
        assertEquals(json.toAbsolutePath().toString(), spec.getSourceFile());
        assertTrue(spec.getSourceSha256().matches("[0-9a-f]{64}"), spec.getSourceSha256());
        assertEquals(SegmentationModelPortObjectSpec.NOT_SYMMETRIZED, spec.getSymmetrization());
        assertEquals(configured.getEncoder(), spec.getEncoder());
        assertArrayEquals(configured.getDecoderChannels(), spec.getDecoderChannels());

        PretrainedWeights weights = TfjsLayersModelReader.read(json);
        NamedTensor rgb = weights.get(MobileNetV2Encoder.FIRST_CONV_KERNEL);
        assertArrayEquals(rgb.values(), port.getSourceFirstConv().orElseThrow().values(), 0f);
        try (ModelScope scope = ModelScope.cpu()) {
            ModelBundle bundle = port.loadBundle(scope);
            float[] firstConv = bundle.network().encoder().firstConvWeight().getArray().toFloatArray();
            assertArrayEquals(KernelSymmetrizer.spread(rgb, 5).values(), firstConv, 1e-7f,
                    "the RGB kernel spread over 5 channels, not symmetrized");
            assertTrue(KernelSymmetrizer.symmetryError(new NamedTensor("w", new long[] {32, 5, 3, 3}, firstConv)) > 0.01);
        }
        assertEquals(1.0, node.lastProgress().progressValues().get(node.lastProgress().progressValues().size() - 1), 1e-9);
    }

    private static java.util.List<float[]> values(org.emsym.engine.model.UNet net) {
        java.util.List<float[]> out = new java.util.ArrayList<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : net.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void theSameSeedGivesTheWeightsTheEngineAndTheCommandLineBuild() throws Exception {
        Path json = nsfwjsModelJson();
        int[] decoder = {16, 16, 8, 8, 8};
        node.set(PretrainedModelLoaderParameters.CFG_WEIGHT_FILE, json.toString())
                .set(PretrainedModelLoaderParameters.CFG_DECODER, "16,16,8,8,8")
                .set(PretrainedModelLoaderParameters.CFG_SEED, 7);
        SegmentationModelPortObject seven = (SegmentationModelPortObject) node.execute()[0];
        node.set(PretrainedModelLoaderParameters.CFG_SEED, 8);
        SegmentationModelPortObject eight = (SegmentationModelPortObject) node.execute()[0];
        PretrainedWeights weights = TfjsLayersModelReader.read(json);
        try (ModelScope scope = ModelScope.cpu()) {
            java.util.List<float[]> engine = values(org.emsym.engine.pretrained.PretrainedModels.build(scope.manager(),
                    "mobilenet_v2", 1, decoder, weights, org.emsym.engine.symmetry.SymmetrizationStrategy.NONE, 7)
                    .network());
            java.util.List<float[]> node7 = values(seven.loadBundle(scope).network());
            java.util.List<float[]> node8 = values(eight.loadBundle(scope).network());
            assertEquals(engine.size(), node7.size());
            boolean differs = false;
            for (int i = 0; i < engine.size(); i++) {
                assertArrayEquals(engine.get(i), node7.get(i), 0f, "parameter " + i);
                differs |= !java.util.Arrays.equals(node7.get(i), node8.get(i));
            }
            assertTrue(differs, "another seed gives another decoder");
        }
    }

    @Test
    void loadsTorchvisionNamedSafetensorsIntoAResNet18() throws Exception {
        Path file = dir.resolve("resnet18.safetensors");
        Map<String, NamedTensor> written = writeResNet18(file);
        // given as a file: URL, as workflows may write it
        node.set(PretrainedModelLoaderParameters.CFG_ENCODER, "resnet18")
                .set(PretrainedModelLoaderParameters.CFG_WEIGHT_FILE, file.toUri().toString())
                .set(PretrainedModelLoaderParameters.CFG_DECODER, "16,16,8,8,4")
                .set(PretrainedModelLoaderParameters.CFG_CLASSES, 2);
        SegmentationModelPortObject port = (SegmentationModelPortObject) node.execute()[0];
        assertEquals(3, port.getSpec().getInChannels());
        assertEquals(2, port.getSpec().getClasses());
        try (ModelScope scope = ModelScope.cpu()) {
            ModelBundle bundle = port.loadBundle(scope);
            for (String name : new String[] {"layer1.0.conv1.weight", "layer3.1.bn2.running_var", "layer4.1.bn2.bias"}) {
                assertArrayEquals(written.get(name).values(), encoderParameter(bundle, name), 0f, name);
            }
            // k = 1: spreading 3 source channels over 3 is the identity
            assertArrayEquals(written.get(ResNetEncoder.FIRST_CONV).values(),
                    bundle.network().encoder().firstConvWeight().getArray().toFloatArray(), 0f);
        }
    }

    @Test
    void weightsOfAnotherArchitectureFailNamingTheFile() throws Exception {
        Path file = dir.resolve("resnet18.safetensors");
        writeResNet18(file);
        node.set(PretrainedModelLoaderParameters.CFG_WEIGHT_FILE, file.toString())
                .set(PretrainedModelLoaderParameters.CFG_DECODER, "16,16,8,8,8");
        // the node fails with the loader's message (a KNIMEException, as KNIME shows it), the IOException as cause
        KNIMEException e = assertThrows(KNIMEException.class, () -> node.execute());
        assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(MobileNetV2Encoder.FIRST_CONV_KERNEL),
                e.getMessage());
        node.set(PretrainedModelLoaderParameters.CFG_ENCODER, "resnet34").set(PretrainedModelLoaderParameters.CFG_DECODER,
                "16,16,8,8,4");
        KNIMEException depth = assertThrows(KNIMEException.class, () -> node.execute());
        assertTrue(depth.getMessage().contains("resnet34") && depth.getMessage().contains(file.toString()),
                depth.getMessage());
    }

    @Test
    void configureNamesTheSettingAtFault() throws Exception {
        InvalidSettingsException none = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(none.getMessage().startsWith(PretrainedModelLoaderParameters.TITLE_WEIGHT_FILE), none.getMessage());

        node.set(PretrainedModelLoaderParameters.CFG_WEIGHT_FILE, dir.resolve("missing.safetensors").toString());
        InvalidSettingsException missing = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(missing.getMessage().contains("missing.safetensors"), missing.getMessage());

        Path unknown = Files.writeString(dir.resolve("weights.bin"), "x");
        node.set(PretrainedModelLoaderParameters.CFG_WEIGHT_FILE, unknown.toString());
        InvalidSettingsException format = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(format.getMessage().startsWith(PretrainedModelLoaderParameters.TITLE_WEIGHT_FORMAT), format.getMessage());

        node.set(PretrainedModelLoaderParameters.CFG_WEIGHT_FORMAT, "SAFETENSORS")
                .set(PretrainedModelLoaderParameters.CFG_DECODER, "16,16");
        InvalidSettingsException decoder = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(decoder.getMessage().startsWith(PretrainedModelLoaderParameters.TITLE_DECODER), decoder.getMessage());

        NodeSettings badWidths = node.settings();
        badWidths.addString(PretrainedModelLoaderParameters.CFG_DECODER, "16,x");
        assertTrue(assertThrows(InvalidSettingsException.class, () -> node.loadSettings(badWidths)).getMessage()
                .startsWith(PretrainedModelLoaderParameters.TITLE_DECODER));
        NodeSettings badEncoder = node.settings();
        badEncoder.addString(PretrainedModelLoaderParameters.CFG_ENCODER, "vgg16");
        assertTrue(assertThrows(InvalidSettingsException.class, () -> node.loadSettings(badEncoder)).getMessage()
                .startsWith(PretrainedModelLoaderParameters.TITLE_ENCODER));
    }

    @Test
    void cancelGivesNoOutput() throws Exception {
        Path file = dir.resolve("resnet18.safetensors");
        writeResNet18(file);
        node.set(PretrainedModelLoaderParameters.CFG_ENCODER, "resnet18")
                .set(PretrainedModelLoaderParameters.CFG_WEIGHT_FILE, file.toString());
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(0));
        assertThrows(CanceledExecutionException.class, () -> node.executeCancelingAfter(1));
    }

    @Test
    void settingsRoundTripAndDialogCoversEverySetting() throws Exception {
        node.set(PretrainedModelLoaderParameters.CFG_ENCODER, "resnet50")
                .set(PretrainedModelLoaderParameters.CFG_WEIGHT_FILE, "/models/r50.npz")
                .set(PretrainedModelLoaderParameters.CFG_CONTEXT, 3);
        NodeSettings saved = node.settings();
        Path xml = dir.resolve("settings.xml");
        node.saveNodeSettingsXml(xml, "Pretrained Model Loader");
        assertEquals(saved, NodeTestHarness.of(new PretrainedModelLoaderNodeFactory()).loadNodeSettingsXml(xml).settings());
        // the dialog shows one widget per saved setting; applying what it shows reproduces the settings
        assertEquals(node.settingKeys().stream().sorted().toList(), node.widgetKeys());
        NodeParameters dialog = node.parameters();
        assertEquals(saved, NodeTestHarness.of(new PretrainedModelLoaderNodeFactory()).applyParameters(dialog).settings());
    }

    /** Workflows saved before the seed existed (and by the SettingsModel node) load with the default seed. */
    @Test
    void settingsSavedBeforeTheSeedLoadWithTheDefaultSeed() throws Exception {
        NodeSettings old = new NodeSettings("model");
        node.settings().copyTo(old);
        NodeSettings withoutSeed = new NodeSettings("model");
        for (String key : old.keySet()) {
            if (!key.equals(PretrainedModelLoaderParameters.CFG_SEED)) {
                if (key.equals(PretrainedModelLoaderParameters.CFG_CONTEXT)
                        || key.equals(PretrainedModelLoaderParameters.CFG_CLASSES)) {
                    withoutSeed.addInt(key, old.getInt(key));
                } else {
                    withoutSeed.addString(key, old.getString(key));
                }
                withoutSeed.addConfig(key + "_Internals").addBoolean("EnabledStatus", true);
            }
        }
        node.set(PretrainedModelLoaderParameters.CFG_SEED, 9).loadSettings(withoutSeed);
        assertEquals((int) SegmentationTrainingConfig.DEFAULT_SEED,
                node.settings().getInt(PretrainedModelLoaderParameters.CFG_SEED));
    }
}
