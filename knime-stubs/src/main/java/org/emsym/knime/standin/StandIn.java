package org.emsym.knime.standin;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.knime.core.node.ExecutionContext;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.core.node.NodeProgressMonitor;
import org.knime.core.node.port.PortType;
import org.knime.core.util.FileUtil;
import org.knime.node.DefaultModel;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;
import org.knime.node.parameters.NodeParameters;

/**
 * The stand-in's own doors for test harnesses: what KNIME's framework does through members that are not KNIME
 * API (package-private in the stand-in, absent or different in KNIME). Kept out of KNIME's packages so that
 * every public and protected member there is KNIME's (checked by knime-api-check's fidelity test). Works by
 * reflection on the stand-in's classes, so no KNIME package of the stand-in depends on this one.
 */
public final class StandIn {

    private StandIn() {
    }

    /**
     * @param monitor where progress and cancellation go
     * @return an execution context as KNIME's framework hands to {@code NodeModel.execute}
     */
    public static ExecutionContext newExecutionContext(final NodeProgressMonitor monitor) {
        try {
            Constructor<ExecutionContext> c = ExecutionContext.class.getDeclaredConstructor(NodeProgressMonitor.class);
            c.setAccessible(true);
            return c.newInstance(monitor);
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the stand-in's ExecutionContext(NodeProgressMonitor) is missing", e);
        }
    }

    /**
     * Sets the folder of the running workflow, which KNIME's framework knows from the workflow context
     * ({@code knime://knime.workflow/} URLs resolve against it).
     *
     * @param folder the workflow folder, or null when no workflow runs
     */
    public static void setWorkflowFolder(final Path folder) {
        try {
            Field f = FileUtil.class.getDeclaredField("workflowFolder");
            f.setAccessible(true);
            f.set(null, folder == null ? null : folder.toAbsolutePath().normalize());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the stand-in's FileUtil.workflowFolder is missing", e);
        }
    }

    /** A port of a {@link DefaultNode}, as declared with {@code RequirePorts.PortsAdder}. */
    public record Port(String name, String description, PortType type) {
    }

    /**
     * What a {@link DefaultNode} declares, as KNIME's {@code DefaultNodeDescriptionUtil} reads it to build the node
     * description (KNIME keeps these in package-private fields).
     *
     * @param nodeType the declared type, or null for KNIME's default by ports
     * @param parametersClass the model's parameters class, or null without parameters
     */
    public record NodeDefinition(String name, String icon, String shortDescription, String fullDescription,
        List<Port> inPorts, List<Port> outPorts, NodeType nodeType, List<String> keywords,
        Class<? extends NodeParameters> parametersClass) {
    }

    /**
     * @param factory a node's factory
     * @return what its {@link DefaultNode} declares
     */
    @SuppressWarnings("unchecked")
    public static NodeDefinition definition(final DefaultNodeFactory factory) {
        try {
            Object node = field(DefaultNodeFactory.class, "m_node").get(factory);
            Object model = field(DefaultNode.class, "m_model").get(node);
            Method parameters = DefaultModel.class.getDeclaredMethod("getParametersClass");
            parameters.setAccessible(true);
            Optional<Class<? extends NodeParameters>> type =
                (Optional<Class<? extends NodeParameters>>) parameters.invoke(model);
            return new NodeDefinition((String) field(DefaultNode.class, "m_name").get(node),
                (String) field(DefaultNode.class, "m_icon").get(node),
                (String) field(DefaultNode.class, "m_shortDescription").get(node),
                (String) field(DefaultNode.class, "m_fullDescription").get(node),
                ports((List<?>) field(DefaultNode.class, "m_inPorts").get(node)),
                ports((List<?>) field(DefaultNode.class, "m_outPorts").get(node)),
                (NodeType) field(DefaultNode.class, "m_nodeType").get(node),
                List.copyOf((List<String>) field(DefaultNode.class, "m_keywords").get(node)), type.orElse(null));
        } catch (InvocationTargetException e) {
            throw rethrow(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the stand-in's DefaultNode fields are missing", e);
        }
    }

    private static Field field(final Class<?> type, final String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static List<Port> ports(final List<?> recorded) throws ReflectiveOperationException {
        List<Port> ports = new java.util.ArrayList<>();
        for (Object p : recorded) {
            Method name = p.getClass().getDeclaredMethod("name");
            Method description = p.getClass().getDeclaredMethod("description");
            Method type = p.getClass().getDeclaredMethod("type");
            name.setAccessible(true);
            description.setAccessible(true);
            type.setAccessible(true);
            ports.add(new Port((String) name.invoke(p), (String) description.invoke(p), (PortType) type.invoke(p)));
        }
        return List.copyOf(ports);
    }

    private static RuntimeException rethrow(final InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }
}
