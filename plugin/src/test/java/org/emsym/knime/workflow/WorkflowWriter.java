package org.emsym.knime.workflow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.emsym.knime.testing.NodeTestHarness;
import org.knime.core.node.FrameworkBridge;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

/**
 * Writes a workflow folder in KNIME 5.x's on-disk format, entry for entry as KNIME writes a saved, configured
 * workflow (see the reference workflow in {@code shared/knime}): {@code workflow.knime} with nodes, connections
 * and editor settings, one {@code "Name (#id)/settings.xml"} per node with its factory, node and bundle names and
 * {@code model} settings, plus {@code workflowset.meta} and {@code workflow-metadata.xml} with a description.
 * Timestamps are fixed so that regenerating gives identical files.
 */
public final class WorkflowWriter {

    static final String CREATED_BY = "5.3.0.v202406031423";
    static final String FORMAT_VERSION = "5.1.0";
    static final String AUTHOR = "EMSym";
    static final String WHEN = "2026-11-25 12:00:00 +0000";
    static final String BUNDLE_NAME = "EMSym - EM Segmentation nodes";
    static final String BUNDLE_SYMBOLIC_NAME = "org.emsym.knime";
    static final String BUNDLE_VENDOR = "EMSym";
    static final String BUNDLE_VERSION = "0.1.0.qualifier";
    static final String FEATURE_NAME = "EMSym - EM Segmentation for KNIME";
    static final String FEATURE_SYMBOLIC_NAME = "org.emsym.knime.feature.feature.group";
    static final String FEATURE_VERSION = "0.1.0.qualifier";

    private record NodeEntry(int id, String name, String factory, NodeSettings model, int outPorts, int x, int y) {
        String folder() {
            return name + " (#" + id + ")";
        }
    }

    private record ConnectionEntry(int source, int sourcePort, int dest, int destPort) {
    }

    private final String description;
    private final List<NodeEntry> nodes = new ArrayList<>();
    private final List<ConnectionEntry> connections = new ArrayList<>();

    public WorkflowWriter(String description) {
        this.description = description;
    }

    /**
     * Adds a node with its default settings changed as {@code configure} does, and returns its id.
     *
     * @param configure sets settings through the harness (as a user would in the dialog)
     */
    public <M extends NodeModel> int node(String name, NodeFactory<M> factory, int x, int y,
            SettingsEditor<M> configure) throws Exception {
        NodeTestHarness<M> harness = NodeTestHarness.of(factory);
        configure.edit(harness);
        int id = nodes.size() + 1;
        nodes.add(new NodeEntry(id, name, factory.getClass().getName(), harness.settings(),
                FrameworkBridge.nrOutPorts(harness.model()), x, y));
        return id;
    }

    /** Connects data output {@code sourcePort} (0-based) of {@code source} to input {@code destPort} of {@code dest}. */
    public WorkflowWriter connect(int source, int sourcePort, int dest, int destPort) {
        connections.add(new ConnectionEntry(source, sourcePort + 1, dest, destPort + 1));
        return this;
    }

    /** Changes a node's settings before it is added. */
    @FunctionalInterface
    public interface SettingsEditor<M extends NodeModel> {
        void edit(NodeTestHarness<M> harness) throws Exception;
    }

    /** Writes the workflow into {@code folder} (created; existing node folders are replaced). */
    public void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        deleteStaleNodeFolders(folder);
        for (NodeEntry n : nodes) {
            Path nodeFolder = Files.createDirectories(folder.resolve(n.folder()));
            save(nodeSettings(n), nodeFolder.resolve("settings.xml"));
        }
        save(workflow(), folder.resolve(KnimeWorkflow.WORKFLOW_FILE));
        Files.writeString(folder.resolve("workflowset.meta"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!--This file is auto-generated and is overwritten each time the workflow is saved.
                    The metadata have moved to the `workflow-metadata.xml` file.-->
                <KNIMEMetaInfo nrOfElements="2" xmlns="http://www.knime.org/2.9/metainfo">
                    <element form="multiline" name="Comments" read-only="false"/>
                    <element form="text" name="Last Edited" read-only="true">%s</element>
                </KNIMEMetaInfo>""".formatted(WHEN));
        Files.writeString(folder.resolve("workflow-metadata.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <workflow-metadata content-type="text/plain" xmlns="http://www.knime.org/core/node/workflow/metadata/v1.0">
                    <last-modified>2026-11-25T12:00:00.000Z</last-modified>
                    <description>%s</description>
                </workflow-metadata>
                """.formatted(escape(description)));
    }

    /**
     * Deletes node folders ({@code "Name (#id)/settings.xml"}) of nodes this workflow no longer has, so that a
     * regenerated workflow holds no leftovers of replaced nodes. Only such folders, and only their settings file,
     * are touched.
     */
    private void deleteStaleNodeFolders(Path folder) throws IOException {
        List<String> current = nodes.stream().map(NodeEntry::folder).toList();
        List<Path> stale;
        try (Stream<Path> entries = Files.list(folder)) {
            stale = entries.filter(p -> p.getFileName().toString().matches(".* \\(#\\d+\\)"))
                    .filter(p -> !current.contains(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p.resolve("settings.xml"))).toList();
        }
        for (Path p : stale) {
            Files.delete(p.resolve("settings.xml"));
            Files.delete(p); // fails if the folder holds anything else, rather than deleting it
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void save(NodeSettings settings, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            settings.saveToXML(out);
        }
    }

    private static NodeSettings nodeSettings(NodeEntry n) {
        NodeSettings root = new NodeSettings("settings.xml");
        root.addString("node_file", "settings.xml");
        root.addNodeSettings("flow_stack");
        root.addNodeSettings("internal_node_subsettings").addString("memory_policy", "CacheSmallInMemory");
        copy(n.model(), root.addNodeSettings("model"));
        root.addNodeSettings("variables");
        root.addString("customDescription", null);
        root.addString("state", "CONFIGURED");
        root.addString("factory", n.factory());
        root.addString("node-name", n.name());
        root.addString("node-bundle-name", BUNDLE_NAME);
        root.addString("node-bundle-symbolic-name", BUNDLE_SYMBOLIC_NAME);
        root.addString("node-bundle-vendor", BUNDLE_VENDOR);
        root.addString("node-bundle-version", BUNDLE_VERSION);
        root.addString("node-feature-name", FEATURE_NAME);
        root.addString("node-feature-symbolic-name", FEATURE_SYMBOLIC_NAME);
        root.addString("node-feature-vendor", BUNDLE_VENDOR);
        root.addString("node-feature-version", FEATURE_VERSION);
        root.addNodeSettings("factory_settings");
        root.addString("name", n.name());
        root.addBoolean("hasContent", false);
        root.addBoolean("isInactive", false);
        NodeSettingsWO ports = root.addNodeSettings("ports");
        for (int p = 1; p <= n.outPorts(); p++) {
            NodeSettingsWO port = ports.addNodeSettings("port_" + p);
            port.addInt("index", p);
            port.addString("port_dir_location", null);
        }
        NodeSettingsWO filestores = root.addNodeSettings("filestores");
        filestores.addString("file_store_location", null);
        filestores.addString("file_store_id", null);
        return root;
    }

    private static void copy(NodeSettingsRO from, NodeSettingsWO to) {
        ((NodeSettings) from).copyTo(to);
    }

    private NodeSettings workflow() {
        NodeSettings root = new NodeSettings("workflow.knime");
        root.addString("created_by", CREATED_BY);
        root.addBoolean("created_by_nightly", false);
        root.addString("version", FORMAT_VERSION);
        root.addString("name", null);
        NodeSettingsWO author = root.addNodeSettings("authorInformation");
        author.addString("authored-by", AUTHOR);
        author.addString("authored-when", WHEN);
        author.addString("lastEdited-by", AUTHOR);
        author.addString("lastEdited-when", WHEN);
        root.addString("customDescription", null);
        root.addString("state", "IDLE");
        root.addNodeSettings("workflow_credentials");
        NodeSettingsWO nodeList = root.addNodeSettings("nodes");
        for (NodeEntry n : nodes) {
            NodeSettingsWO e = nodeList.addNodeSettings("node_" + n.id());
            e.addInt("id", n.id());
            e.addString("node_settings_file", n.folder() + "/settings.xml");
            e.addBoolean("node_is_meta", false);
            e.addString("node_type", "NativeNode");
            e.addString("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
            NodeSettingsWO bounds = e.addNodeSettings("ui_settings").addNodeSettings("extrainfo.node.bounds");
            bounds.addInt("array-size", 4);
            bounds.addInt("0", n.x());
            bounds.addInt("1", n.y());
            bounds.addInt("2", 120);
            bounds.addInt("3", 79);
        }
        NodeSettingsWO connectionList = root.addNodeSettings("connections");
        for (int i = 0; i < connections.size(); i++) {
            ConnectionEntry c = connections.get(i);
            NodeSettingsWO e = connectionList.addNodeSettings("connection_" + i);
            e.addInt("sourceID", c.source());
            e.addInt("destID", c.dest());
            e.addInt("sourcePort", c.sourcePort());
            e.addInt("destPort", c.destPort());
            e.addString("ui_classname", "org.knime.core.node.workflow.ConnectionUIInformation");
            e.addNodeSettings("ui_settings").addInt("extrainfo.conn.bendpoints_size", 0);
        }
        NodeSettingsWO editor = root.addNodeSettings("workflow_editor_settings");
        editor.addBoolean("workflow.editor.snapToGrid", true);
        editor.addBoolean("workflow.editor.ShowGrid", false);
        editor.addInt("workflow.editor.gridX", 20);
        editor.addInt("workflow.editor.gridY", 20);
        editor.addDouble("workflow.editor.zoomLevel", 1.0);
        editor.addBoolean("workflow.editor.curvedConnections", true);
        editor.addInt("workflow.editor.connectionWidth", 2);
        return root;
    }
}
