package org.emsym.knime.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.testing.NodeTestHarness;
import org.emsym.knime.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.FrameworkBridge;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;

/**
 * The example workflows in {@code workflows/}: they are what {@link ExampleWorkflows} writes, they are in KNIME's
 * on-disk format (same entries as the KNIME-written reference workflow), every node's factory, settings keys and
 * port connections agree with the plugin, and each workflow runs end to end on {@code test-data/} through the
 * {@link WorkflowRunner}, with a small training and attribution budget set as flow variables would set it.
 */
class ExampleWorkflowsTest {

    private static final Path WORKFLOWS = Path.of("..", "workflows");

    @TempDir
    Path dir;

    private static KnimeWorkflow read(String name) throws Exception {
        return KnimeWorkflow.read(WORKFLOWS.resolve(name));
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    /**
     * Run with {@code -Demsym.regenerateWorkflows=true} to rewrite {@code workflows/} from {@link ExampleWorkflows}
     * instead of comparing.
     */
    @Test
    void committedWorkflowsAreWhatTheGeneratorWrites() throws Exception {
        if (Boolean.getBoolean("emsym.regenerateWorkflows")) {
            ExampleWorkflows.writeAll(WORKFLOWS);
        }
        Path generated = dir.resolve("workflows");
        ExampleWorkflows.writeAll(generated);
        for (String name : ExampleWorkflows.ALL) {
            List<Path> expected = files(generated.resolve(name));
            assertEquals(expected, files(WORKFLOWS.resolve(name)), name + ": files");
            for (Path f : expected) {
                String message = name + "/" + f + " is stale: rerun ExampleWorkflows.main";
                if (f.getFileName().toString().equals("settings.xml")) {
                    assertEquals(withoutSettingsModelInternals(generated.resolve(name).resolve(f)),
                            withoutSettingsModelInternals(WORKFLOWS.resolve(name).resolve(f)), message);
                } else {
                    assertEquals(Files.readString(generated.resolve(name).resolve(f)),
                            Files.readString(WORKFLOWS.resolve(name).resolve(f)), message);
                }
            }
        }
    }

    /**
     * A node's settings.xml without the {@code <key>_Internals} entries of its model settings. Nodes of KNIME's
     * Swing era save those beside each value (a SettingsModel's id and enabled state); nodes built on
     * NodeParameters neither write nor read them. The committed workflows are kept as written before the nodes
     * moved to NodeParameters, so this compares what both generations mean: the same keys and values.
     */
    private static String withoutSettingsModelInternals(Path settingsXml) throws Exception {
        return SETTINGS_MODEL_INTERNALS.matcher(Files.readString(settingsXml)).replaceAll("");
    }

    /** A SettingsModel's {@code <key>_Internals} config (flat: an id and the enabled state). */
    private static final Pattern SETTINGS_MODEL_INTERNALS =
            Pattern.compile("\\s*<config key=\"[^\"]*_Internals\">.*?</config>", Pattern.DOTALL);

    /** The top-level entries of our files are exactly those KNIME 5.x writes (reference workflow in shared/). */
    @Test
    void filesHaveTheEntriesKnimeWrites() throws Exception {
        Path reference = SharedData.resolve("knime/reference-workflow").orElse(null);
        Assumptions.assumeTrue(reference != null, "reference workflow (shared/knime) not available");
        Set<String> workflowKeys = keys(reference.resolve("workflow.knime"));
        Set<String> nodeKeys = keys(reference.resolve("Row Filter (#3)/settings.xml"));
        for (String name : ExampleWorkflows.ALL) {
            KnimeWorkflow workflow = read(name);
            assertEquals(workflowKeys, keys(workflow.folder().resolve("workflow.knime")), name);
            for (KnimeWorkflow.Node node : workflow.nodes()) {
                assertEquals(nodeKeys, keys(node.settingsFile()), node.settingsFile().toString());
                assertEquals(node.name() + " (#" + node.id() + ")", node.settingsFile().getParent().getFileName()
                        .toString());
            }
        }
    }

    private static Set<String> keys(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new TreeSet<>(NodeSettings.loadFromXML(in).keySet());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ExampleWorkflows.TRAIN, ExampleWorkflows.PREDICT, ExampleWorkflows.AUDIT})
    void nodesSettingsAndConnectionsMatchThePlugin(String name) throws Exception {
        KnimeWorkflow workflow = read(name);
        Set<String> factories = pluginFactories();
        WorkflowRunner runner = new WorkflowRunner(workflow);
        for (KnimeWorkflow.Node node : workflow.nodes()) {
            assertTrue(factories.contains(node.factory()), node.factory() + " is not in plugin.xml");
            assertEquals("org.emsym.knime", node.bundleSymbolicName());
            NodeTestHarness<?> defaults = NodeTestHarness.of(WorkflowRunner.factory(node.factory()));
            // values only: SettingsModel-era nodes also stored <key>_Internals, NodeParameters nodes ignore them
            assertEquals(valueKeys(defaults.settings().keySet()), valueKeys(node.model().keySet()),
                    name + ": settings keys of " + node.name() + " (#" + node.id() + ")");
            NodeModel model = runner.harness(node).model(); // the stored values validate and load
            for (int port = 0; port < FrameworkBridge.nrInPorts(model); port++) {
                final int p = port;
                KnimeWorkflow.Connection c = workflow.into(node.id(), port).orElseThrow(() -> new AssertionError(
                        name + ": input " + p + " of " + node.name() + " is not connected"));
                NodeModel source = NodeTestHarness.of(WorkflowRunner.factory(workflow.node(c.sourceId()).factory()))
                        .model();
                assertTrue(c.sourcePort() >= 1 && c.sourcePort() <= FrameworkBridge.nrOutPorts(source), "source port " + c);
                PortType out = WorkflowRunner.outType(source, c.sourcePort() - 1);
                PortType in = WorkflowRunner.inType(model, port);
                assertTrue(in.acceptsPortObjectClass(out.getPortObjectClass()), name + ": " + c + " connects "
                        + out + " to " + in);
            }
            assertEquals(FrameworkBridge.nrInPorts(model), workflow.connections().stream().filter(c -> c.destId() == node.id())
                    .count(), name + ": every input of " + node.name() + " has exactly one connection");
        }
    }

    private static Set<String> valueKeys(Set<String> keys) {
        Set<String> values = new TreeSet<>(keys);
        values.removeIf(k -> k.endsWith("_Internals"));
        return values;
    }

    private static Set<String> pluginFactories() throws Exception {
        String xml = Files.readString(Path.of("plugin.xml"));
        Set<String> factories = new TreeSet<>();
        Matcher m = Pattern.compile("factory-class=\"([^\"]+)\"").matcher(xml);
        while (m.find()) {
            factories.add(m.group(1));
        }
        return factories;
    }

    private static void assumeWeights() {
        Assumptions.assumeTrue(Files.isRegularFile(Path.of("..", "engine", "target", "nsfwjs", "model.json")),
                "the build fetches the nsfwjs weights into engine/target/nsfwjs");
    }

    private static List<Object> rows(BufferedDataTable table) {
        List<Object> rows = new ArrayList<>();
        table.iterator().forEachRemaining(rows::add);
        return rows;
    }

    /**
     * 02 starts from the model that 01 writes, so one test runs both in that order, with the model bundle and the
     * label volume written to a temporary folder instead of {@code workflows/output/}.
     */
    @Test
    void trainWorkflowWritesTheModelThatThePredictWorkflowReads() throws Exception {
        assumeWeights();
        Path bundle = dir.resolve("model");
        KnimeWorkflow train = read(ExampleWorkflows.TRAIN);
        int learner = train.nodeNamed("Segmentation Learner").orElseThrow().id();
        int modelWriter = train.nodeNamed("Segmentation Model Writer").orElseThrow().id();
        Map<Integer, PortObject[]> trained = new WorkflowRunner(train).override(learner, "epochs", 1)
                .override(learner, "steps_per_epoch", 2).override(learner, "batch_size", 2)
                .override(learner, "patch_size", 64).override(learner, "freeze_encoder_epochs", 0)
                .override(learner, "device", "cpu").override(modelWriter, "output_folder", bundle.toString()).run();
        SegmentationModelPortObject model = (SegmentationModelPortObject) trained.get(learner)[0];
        assertEquals(1, model.getSpec().getTrainedEpochs());
        assertEquals("uniform", model.getSpec().getSymmetrization());
        assertEquals(1, rows((BufferedDataTable) trained.get(learner)[1]).size());

        KnimeWorkflow predict = read(ExampleWorkflows.PREDICT);
        int modelReader = predict.nodeNamed("Segmentation Model Reader").orElseThrow().id();
        int predictor = predict.nodeNamed("Segmentation Predictor").orElseThrow().id();
        int scorer = predict.nodeNamed("Segmentation Scorer").orElseThrow().id();
        int writer = predict.nodeNamed("Volume Writer").orElseThrow().id();
        Path labels = dir.resolve("labels.tif");
        Map<Integer, PortObject[]> out = new WorkflowRunner(predict)
                .override(modelReader, "model_folder", bundle.toString()).override(predictor, "tta_z_flip", false)
                .override(predictor, "device", "cpu").override(writer, "output_path", labels.toString()).run();
        assertEquals(model.getSpec(), ((SegmentationModelPortObject) out.get(modelReader)[0]).getSpec(),
                "02 predicts with the model 01 trained");
        VolumePortObject predicted = (VolumePortObject) out.get(predictor)[1];
        assertEquals(predicted.getSpec().getShape(), VolumeReaders.open(labels).shape());
        assertFalse(rows((BufferedDataTable) out.get(scorer)[0]).isEmpty(), "scores");
    }

    @Test
    void auditWorkflowScoresBothModelsOnTheSameWindows() throws Exception {
        assumeWeights();
        KnimeWorkflow workflow = read(ExampleWorkflows.AUDIT);
        WorkflowRunner runner = new WorkflowRunner(workflow);
        List<Integer> scorers = workflow.nodes().stream().filter(n -> n.name().equals("Attribution Scorer"))
                .map(KnimeWorkflow.Node::id).toList();
        assertEquals(2, scorers.size());
        for (int id : scorers) {
            runner.override(id, "steps", 2).override(id, "max_windows", 2);
        }
        Map<Integer, PortObject[]> out = runner.run();
        List<Object> none = rows((BufferedDataTable) out.get(scorers.get(0))[0]);
        List<Object> uniform = rows((BufferedDataTable) out.get(scorers.get(1))[0]);
        assertFalse(none.isEmpty());
        assertEquals(none.size(), uniform.size(), "per-slice share rows for the same windows");
    }

    /** Unused keys are an error: a misspelt override must not pass silently. */
    @Test
    void overridesMustNameExistingSettings() throws Exception {
        KnimeWorkflow workflow = read(ExampleWorkflows.TRAIN);
        KnimeWorkflow.Node reader = workflow.nodeNamed("EM Stack Reader").orElseThrow();
        NodeSettingsRO model = reader.model();
        assertTrue(model.containsKey("image_path"));
        WorkflowRunner runner = new WorkflowRunner(workflow).override(reader.id(), "image_pth", "x");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> runner.harness(reader));
    }
}
