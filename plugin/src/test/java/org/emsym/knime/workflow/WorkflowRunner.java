package org.emsym.knime.workflow;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.emsym.knime.standin.StandIn;
import org.emsym.knime.testing.NodeTestHarness;
import org.knime.core.node.FrameworkBridge;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.inactive.InactiveBranchPortObject;

/**
 * A tiny workflow executor on the KNIME API stand-in: it creates each node from the factory named in its
 * {@code settings.xml}, loads the stored model settings (with optional overrides, as flow variables would set
 * them), and executes the nodes in dependency order, feeding each input from the output its connection names.
 * While it runs, {@code knime://knime.workflow/} URLs resolve against the workflow folder, as in KNIME. A node
 * with an inactive input is skipped and its outputs are inactive, as in KNIME.
 */
public final class WorkflowRunner {

    private final KnimeWorkflow workflow;
    private final Map<Integer, Map<String, Object>> overrides = new HashMap<>();

    public WorkflowRunner(KnimeWorkflow workflow) {
        this.workflow = workflow;
    }

    /** Replaces one stored setting of node {@code id} before it is loaded (a flow variable in KNIME). */
    public WorkflowRunner override(int id, String key, Object value) {
        overrides.computeIfAbsent(id, i -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** Executes every node; returns each node's outputs (0-based data ports) by node id. */
    public Map<Integer, PortObject[]> run() throws Exception {
        Map<Integer, PortObject[]> outputs = new LinkedHashMap<>();
        StandIn.setWorkflowFolder(workflow.folder());
        try {
            for (KnimeWorkflow.Node node : workflow.executionOrder()) {
                NodeTestHarness<?> harness = harness(node);
                int inputs = FrameworkBridge.nrInPorts(harness.model());
                PortObject[] in = new PortObject[inputs];
                boolean inactive = false;
                for (int port = 0; port < inputs; port++) {
                    final int p = port;
                    KnimeWorkflow.Connection c = workflow.into(node.id(), port).orElseThrow(() ->
                            new IllegalStateException(node.name() + " (#" + node.id() + "): input " + p
                                    + " is not connected"));
                    in[port] = outputs.get(c.sourceId())[c.sourcePort() - 1];
                    inactive |= in[port] == InactiveBranchPortObject.INSTANCE;
                }
                PortObject[] out;
                if (inactive) {
                    out = new PortObject[FrameworkBridge.nrOutPorts(harness.model())];
                    java.util.Arrays.fill(out, InactiveBranchPortObject.INSTANCE);
                } else {
                    try {
                        out = harness.execute(in);
                    } catch (Exception e) {
                        throw new AssertionError(workflow.folder().getFileName() + ": " + node.name() + " (#"
                                + node.id() + ") failed: " + e.getMessage(), e);
                    }
                }
                outputs.put(node.id(), out);
            }
        } finally {
            StandIn.setWorkflowFolder(null);
        }
        return outputs;
    }

    /** The node's model with its stored settings (and overrides) loaded, as KNIME loads a workflow. */
    public NodeTestHarness<?> harness(KnimeWorkflow.Node node) throws Exception {
        NodeFactory<? extends NodeModel> factory = factory(node.factory());
        NodeTestHarness<?> harness = NodeTestHarness.of(factory);
        NodeSettings settings = new NodeSettings("model");
        ((NodeSettings) node.model()).copyTo(settings);
        for (Map.Entry<String, Object> e : overrides.getOrDefault(node.id(), Map.of()).entrySet()) {
            Object v = e.getValue();
            if (!settings.containsKey(e.getKey())) {
                throw new IllegalArgumentException(node.name() + " has no setting " + e.getKey());
            }
            if (v instanceof Integer i) {
                settings.addInt(e.getKey(), i);
            } else if (v instanceof Double d) {
                settings.addDouble(e.getKey(), d);
            } else if (v instanceof Boolean b) {
                settings.addBoolean(e.getKey(), b);
            } else {
                settings.addString(e.getKey(), String.valueOf(v));
            }
        }
        harness.loadSettings(settings);
        return harness;
    }

    @SuppressWarnings("unchecked")
    static NodeFactory<? extends NodeModel> factory(String className) throws ReflectiveOperationException {
        return (NodeFactory<? extends NodeModel>) Class.forName(className).getDeclaredConstructor().newInstance();
    }

    /** The model of a node, through KNIME's package (for port type checks). */
    static org.knime.core.node.port.PortType outType(NodeModel model, int port) {
        return FrameworkBridge.outPortType(model, port);
    }

    static org.knime.core.node.port.PortType inType(NodeModel model, int port) {
        return FrameworkBridge.inPortType(model, port);
    }
}
