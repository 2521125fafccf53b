package org.emsym.knime.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.emsym.knime.standin.StandIn;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.FrameworkBridge;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.config.Config;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortStreamBridge;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.core.node.port.inactive.InactiveBranchPortObject;
import org.knime.core.node.port.inactive.InactiveBranchPortObjectSpec;
import org.knime.core.webui.node.dialog.defaultdialog.NodeParametersUtil;
import org.knime.node.DefaultNodeFactory;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.persistence.Persistor;

/**
 * Runs one node the way KNIME does, on the KNIME API stand-in: the factory creates the model; settings go through
 * {@link NodeSettings} (saved, validated, then loaded; also as the dialog applies the node's parameters, or from
 * KNIME's settings.xml format);
 * {@code configure} gets the input specs; {@code execute} is preceded by {@code configure} and gets an execution
 * context whose progress is recorded and which can be canceled; outputs are checked against the node's port types
 * and can be saved and loaded through the serializers registered in plugin.xml.
 */
public final class NodeTestHarness<M extends NodeModel> {

    private final NodeFactory<M> factory;
    private final M model;
    private RecordingProgressMonitor lastMonitor;

    @SuppressWarnings("unchecked")
    private NodeTestHarness(NodeFactory<M> factory) {
        this.factory = factory;
        // KNIME creates the model of a DefaultNodeFactory through its creation configuration
        this.model = factory instanceof DefaultNodeFactory d ? (M) FrameworkBridge.createNodeModel(d)
                : factory.createNodeModel();
    }

    public static <M extends NodeModel> NodeTestHarness<M> of(NodeFactory<M> factory) {
        return new NodeTestHarness<>(factory);
    }

    public M model() {
        return model;
    }

    /** The factory the node was made by (a node's factory may hold node state, as KNIME makes one per node). */
    public NodeFactory<M> factory() {
        return factory;
    }

    // ---- settings -------------------------------------------------------------------------------------------

    /** The model's current settings as KNIME would save them. */
    public NodeSettings settings() {
        NodeSettings s = new NodeSettings("model");
        FrameworkBridge.saveSettingsTo(model, s);
        return s;
    }

    /** Validates, then loads, as KNIME does when settings are applied; nothing is loaded if validation fails. */
    public NodeTestHarness<M> loadSettings(NodeSettingsRO settings) throws InvalidSettingsException {
        FrameworkBridge.validateSettings(model, settings);
        FrameworkBridge.loadValidatedSettingsFrom(model, settings);
        FrameworkBridge.reset(model);
        return this;
    }

    /**
     * Overrides one setting, as a flow variable does in KNIME (it replaces the value under its key before the
     * settings are validated and loaded).
     */
    public NodeTestHarness<M> set(String key, String value) throws InvalidSettingsException {
        NodeSettings s = settings();
        requireKey(s, key);
        s.addString(key, value);
        return loadSettings(s);
    }

    public NodeTestHarness<M> set(String key, boolean value) throws InvalidSettingsException {
        NodeSettings s = settings();
        requireKey(s, key);
        s.addBoolean(key, value);
        return loadSettings(s);
    }

    public NodeTestHarness<M> set(String key, double value) throws InvalidSettingsException {
        NodeSettings s = settings();
        requireKey(s, key);
        s.addDouble(key, value);
        return loadSettings(s);
    }

    public NodeTestHarness<M> set(String key, int value) throws InvalidSettingsException {
        NodeSettings s = settings();
        requireKey(s, key);
        s.addInt(key, value);
        return loadSettings(s);
    }

    private static void requireKey(Config settings, String key) {
        if (!settings.containsKey(key)) {
            throw new IllegalArgumentException("node has no setting '" + key + "'; keys: " + settings.keySet());
        }
    }

    /**
     * The node's current parameters, as the dialog of a {@link DefaultNodeFactory} node shows them: loaded from the
     * saved settings into a fresh instance of its parameters class.
     */
    public <P extends NodeParameters> P parameters() throws InvalidSettingsException {
        @SuppressWarnings("unchecked")
        Class<P> type = (Class<P>) NodeDescriptions.parametersClass(defaultFactory())
                .orElseThrow(() -> new IllegalStateException(factory.getClass().getSimpleName() + " has no parameters"));
        return NodeParametersUtil.loadSettings(settings(), type);
    }

    /**
     * Applies edited parameters as the dialog's OK does: they are saved to settings, which are validated (including
     * {@link NodeParameters#validate()}) and then loaded into the model.
     */
    public NodeTestHarness<M> applyParameters(NodeParameters parameters) throws InvalidSettingsException {
        NodeSettings s = new NodeSettings("model");
        NodeParametersUtil.saveSettings(parameters.getClass(), parameters, s);
        return loadSettings(s);
    }

    /**
     * The keys the dialog's widgets edit, sorted: for each field of the parameters class that the dialog shows (a
     * {@code @Widget} field, or a widget group) its {@code @Persistor}'s config paths, or its {@code @Persist} key,
     * or its name. A field the dialog does not show contributes no key.
     */
    public List<String> widgetKeys() {
        Class<?> type = NodeDescriptions.parametersClass(defaultFactory()).orElseThrow();
        List<String> keys = new ArrayList<>();
        for (java.lang.reflect.Field f : type.getDeclaredFields()) {
            boolean shown = f.isAnnotationPresent(Widget.class)
                    || (WidgetGroup.class.isAssignableFrom(f.getType())
                            && !NodeDescriptions.widgetFields(f.getType()).isEmpty());
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || !shown) {
                continue;
            }
            Persistor custom = f.getAnnotation(Persistor.class);
            Persist p = f.getAnnotation(Persist.class);
            if (custom != null) {
                try {
                    var constructor = custom.value().getDeclaredConstructor();
                    constructor.setAccessible(true);
                    for (String[] path : constructor.newInstance().getConfigPaths()) {
                        keys.add(String.join("/", path));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                keys.add(p == null || p.configKey().isEmpty() ? f.getName() : p.configKey());
            }
        }
        return keys.stream().sorted().toList();
    }

    private DefaultNodeFactory defaultFactory() {
        if (!(factory instanceof DefaultNodeFactory d)) {
            throw new IllegalStateException(factory.getClass().getSimpleName() + " is not a DefaultNodeFactory");
        }
        return d;
    }

    // ---- configure / execute --------------------------------------------------------------------------------

    public PortObjectSpec[] configure(PortObjectSpec... inSpecs) throws InvalidSettingsException {
        if (inSpecs.length != FrameworkBridge.nrInPorts(model)) {
            throw new IllegalArgumentException("node has " + FrameworkBridge.nrInPorts(model) + " inputs, got " + inSpecs.length);
        }
        PortObjectSpec[] out = FrameworkBridge.configure(model, inSpecs.clone());
        if (out == null || out.length != FrameworkBridge.nrOutPorts(model)) {
            throw new AssertionError("configure returned " + (out == null ? "null" : out.length + " specs")
                    + " for " + FrameworkBridge.nrOutPorts(model) + " output ports");
        }
        return out;
    }

    /** Configures with the inputs' specs, then executes; progress is recorded in {@link #lastProgress()}. */
    public PortObject[] execute(PortObject... inObjects) throws Exception {
        return execute(new RecordingProgressMonitor(-1), inObjects);
    }

    /**
     * Executes and has the user press cancel after {@code progressReports} progress reports (0: before the
     * start). Returns what execute returned, if it did return; callers expect a {@link CanceledExecutionException}.
     */
    public PortObject[] executeCancelingAfter(int progressReports, PortObject... inObjects) throws Exception {
        return execute(new RecordingProgressMonitor(progressReports), inObjects);
    }

    private PortObject[] execute(RecordingProgressMonitor monitor, PortObject... inObjects) throws Exception {
        PortObjectSpec[] inSpecs = new PortObjectSpec[inObjects.length];
        for (int i = 0; i < inObjects.length; i++) {
            inSpecs[i] = inObjects[i].getSpec();
        }
        PortObjectSpec[] configured = configure(inSpecs);
        lastMonitor = monitor;
        PortObject[] out = FrameworkBridge.execute(model, inObjects.clone(),
                StandIn.newExecutionContext(monitor));
        checkOutputs(configured, out);
        return out;
    }

    private void checkOutputs(PortObjectSpec[] configured, PortObject[] out) {
        if (out == null || out.length != FrameworkBridge.nrOutPorts(model)) {
            throw new AssertionError("execute returned " + (out == null ? "null" : out.length + " objects")
                    + " for " + FrameworkBridge.nrOutPorts(model) + " output ports");
        }
        for (int i = 0; i < out.length; i++) {
            PortType type = FrameworkBridge.outPortType(model, i);
            boolean inactive = out[i] == InactiveBranchPortObject.INSTANCE;
            if (inactive != (configured[i] == InactiveBranchPortObjectSpec.INSTANCE)) {
                throw new AssertionError("output " + i + ": configure and execute disagree on whether it is active");
            }
            if (!inactive && (out[i] == null || !type.acceptsPortObjectClass(out[i].getClass()))) {
                throw new AssertionError("output " + i + " of type " + type + " got " + out[i]);
            }
        }
    }

    /** Progress recorded during the last execute. */
    public RecordingProgressMonitor lastProgress() {
        return lastMonitor;
    }

    public String warningMessage() {
        return FrameworkBridge.warningMessage(model);
    }

    // ---- persistence ----------------------------------------------------------------------------------------

    /**
     * Saves a port object the way KNIME does when a workflow is saved - its spec through the registered spec
     * serializer into {@code dir/spec.zip}, the object through the registered object serializer into
     * {@code dir/portobject.zip} - and loads both back.
     */
    public static PortObject saveAndLoad(PortObject object, Path dir) throws IOException, CanceledExecutionException {
        save(object, dir);
        return load(dir, object.getClass(), object.getSpec().getClass());
    }

    /** Saves a port object as {@link #saveAndLoad} does, without loading it back. */
    public static void save(PortObject object, Path dir) throws IOException, CanceledExecutionException {
        Objects.requireNonNull(object, "object");
        Files.createDirectories(dir);
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(dir.resolve("spec.zip")));
                PortObjectSpecZipOutputStream out = PortStreamBridge.specOut(raw)) {
            specSerializer(object.getSpec().getClass()).savePortObjectSpec(object.getSpec(), out);
        }
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(dir.resolve("portobject.zip")));
                PortObjectZipOutputStream out = PortStreamBridge.objectOut(raw)) {
            objectSerializer(object.getClass()).savePortObject(object, out, new ExecutionMonitor());
        }
    }

    /** Loads a port object saved by {@link #save} through the serializers registered for the given classes. */
    public static PortObject load(Path dir, Class<? extends PortObject> objectClass,
            Class<? extends PortObjectSpec> specClass) throws IOException, CanceledExecutionException {
        PortObjectSpec spec;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(dir.resolve("spec.zip")));
                PortObjectSpecZipInputStream in = PortStreamBridge.specIn(raw)) {
            spec = specSerializer(specClass).loadPortObjectSpec(in);
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(dir.resolve("portobject.zip")));
                PortObjectZipInputStream in = PortStreamBridge.objectIn(raw)) {
            return objectSerializer(objectClass).loadPortObject(in, spec, new ExecutionMonitor());
        }
    }

    private static PortObjectSpecSerializer<PortObjectSpec> specSerializer(Class<? extends PortObjectSpec> specClass) {
        return PortTypeRegistry.getInstance().getSpecSerializer(specClass).orElseThrow(() -> new AssertionError(
                "no spec serializer registered in plugin.xml for " + specClass.getName()));
    }

    private static PortObjectSerializer<PortObject> objectSerializer(Class<? extends PortObject> objectClass) {
        return PortTypeRegistry.getInstance().getObjectSerializer(objectClass).orElseThrow(() -> new AssertionError(
                "no object serializer registered in plugin.xml for " + objectClass.getName()));
    }

    /**
     * Writes the model's settings as a workflow node's {@code settings.xml} (the {@code model} config plus the
     * node's factory and name, as in KNIME's on-disk format).
     */
    public void saveNodeSettingsXml(Path file, String nodeName) throws IOException {
        NodeSettings root = new NodeSettings("settings.xml");
        root.addString("node_file", "settings.xml");
        root.addNodeSettings("flow_stack");
        FrameworkBridge.saveSettingsTo(model, root.addNodeSettings("model"));
        root.addNodeSettings("variables");
        root.addString("customDescription", null);
        root.addString("state", "CONFIGURED");
        root.addString("factory", factory.getClass().getName());
        root.addString("node-name", nodeName);
        root.addString("node-bundle-name", "EMSym - EM Segmentation nodes");
        root.addString("node-bundle-symbolic-name", "org.emsym.knime");
        root.addString("name", nodeName);
        root.addBoolean("hasContent", false);
        root.addBoolean("isInactive", false);
        try (OutputStream out = Files.newOutputStream(file)) {
            root.saveToXML(out);
        }
    }

    /** Loads the {@code model} settings of a workflow node's {@code settings.xml} into the model. */
    public NodeTestHarness<M> loadNodeSettingsXml(Path file) throws IOException, InvalidSettingsException {
        NodeSettingsRO root;
        try (InputStream in = Files.newInputStream(file)) {
            root = NodeSettings.loadFromXML(in);
        }
        String savedFactory = root.getString("factory", null);
        if (!factory.getClass().getName().equals(savedFactory)) {
            throw new InvalidSettingsException(file + " belongs to factory " + savedFactory + ", not "
                    + factory.getClass().getName());
        }
        return loadSettings(root.getNodeSettings("model"));
    }

    /** Keys of the model settings (values only, without the settings models' {@code _Internals}). */
    public List<String> settingKeys() {
        List<String> keys = new ArrayList<>();
        for (String key : settings().keySet()) {
            if (!key.endsWith("_Internals")) {
                keys.add(key);
            }
        }
        return keys;
    }
}
