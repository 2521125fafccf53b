package org.emsym.knime.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;

/**
 * A KNIME workflow folder as KNIME 5.x stores it: {@code workflow.knime} lists the nodes (id and settings file)
 * and the connections; each node's {@code settings.xml} holds its factory, name and {@code model} settings.
 * Port numbers are KNIME's: port 0 of a native node is its flow-variable port, data ports start at 1.
 *
 * @param folder the workflow folder
 * @param nodes nodes in the order of {@code workflow.knime}
 * @param connections connections in the order of {@code workflow.knime}
 */
public record KnimeWorkflow(Path folder, List<Node> nodes, List<Connection> connections) {

    public static final String WORKFLOW_FILE = "workflow.knime";

    /**
     * One native node.
     *
     * @param id the node's id in the workflow
     * @param settingsFile its {@code settings.xml}
     * @param factory fully qualified factory class name
     * @param name node name as stored ({@code node-name})
     * @param bundleSymbolicName {@code node-bundle-symbolic-name}
     * @param model the node model's settings ({@code model} config)
     */
    public record Node(int id, Path settingsFile, String factory, String name, String bundleSymbolicName,
            NodeSettingsRO model) {
    }

    /** A connection from a source node's output port to a destination node's input port (KNIME numbering). */
    public record Connection(int sourceId, int sourcePort, int destId, int destPort) {
    }

    /** Reads a workflow folder, failing with the file and key at fault. */
    public static KnimeWorkflow read(Path folder) throws IOException, InvalidSettingsException {
        NodeSettingsRO workflow = load(folder.resolve(WORKFLOW_FILE));
        List<Node> nodes = new ArrayList<>();
        NodeSettingsRO nodeList = workflow.getNodeSettings("nodes");
        for (String key : nodeList.keySet()) {
            NodeSettingsRO entry = nodeList.getNodeSettings(key);
            if (!"NativeNode".equals(entry.getString("node_type")) || entry.getBoolean("node_is_meta")) {
                throw new InvalidSettingsException(folder + ": node " + key + " is not a native node");
            }
            Path settingsFile = folder.resolve(entry.getString("node_settings_file"));
            NodeSettingsRO settings = load(settingsFile);
            nodes.add(new Node(entry.getInt("id"), settingsFile, settings.getString("factory"),
                    settings.getString("node-name"), settings.getString("node-bundle-symbolic-name"),
                    settings.getNodeSettings("model")));
        }
        List<Connection> connections = new ArrayList<>();
        NodeSettingsRO connectionList = workflow.getNodeSettings("connections");
        for (String key : connectionList.keySet()) {
            NodeSettingsRO c = connectionList.getNodeSettings(key);
            connections.add(new Connection(c.getInt("sourceID"), c.getInt("sourcePort"), c.getInt("destID"),
                    c.getInt("destPort")));
        }
        return new KnimeWorkflow(folder, List.copyOf(nodes), List.copyOf(connections));
    }

    private static NodeSettingsRO load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return NodeSettings.loadFromXML(in);
        }
    }

    public Node node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(folder + " has no node " + id));
    }

    public Optional<Node> nodeNamed(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).min(Comparator.comparingInt(Node::id));
    }

    /** The connection into data input {@code port} (0-based) of node {@code id}, if any. */
    public Optional<Connection> into(int id, int port) {
        return connections.stream().filter(c -> c.destId() == id && c.destPort() == port + 1).findFirst();
    }

    /** Nodes ordered so that every node comes after the nodes it reads from. */
    public List<Node> executionOrder() {
        List<Node> ordered = new ArrayList<>();
        List<Node> remaining = new ArrayList<>(nodes);
        while (!remaining.isEmpty()) {
            Node next = remaining.stream().filter(n -> connections.stream().filter(c -> c.destId() == n.id())
                    .allMatch(c -> ordered.stream().anyMatch(o -> o.id() == c.sourceId()))).findFirst()
                    .orElseThrow(() -> new IllegalStateException(folder + ": connections form a cycle"));
            ordered.add(next);
            remaining.remove(next);
        }
        return ordered;
    }
}
