package org.knime.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.knime.core.node.FluentNodeAPI;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.core.node.port.PortType;
import org.knime.node.DefaultModel.RequireModelParameters;

/**
 * Stand-in for KNIME's fluent definition of a node (since 5.6): name, icon, descriptions, the version it
 * appeared in, its ports and its {@link DefaultModel}; KNIME builds the node description from these and from
 * the {@code @Widget}s of the model's parameters class. Views are not modelled.
 */
public final class DefaultNode implements FluentNodeAPI {

    public static RequireName create() {
        return name -> icon -> shortDescription -> fullDescription -> (major, minor, revision) -> portsFct -> modelFct
            -> new DefaultNode(name, icon, shortDescription, fullDescription, new int[]{major, minor, revision},
                portsFct, modelFct.apply(DefaultModel.create()));
    }

    /** A fixed port as the stand-in records it. */
    record Port(String name, String description, PortType type) {
    }

    final String m_name;

    final String m_icon;

    final String m_shortDescription;

    final String m_fullDescription;

    final int[] m_sinceVersion;

    final List<Port> m_inPorts = new ArrayList<>();

    final List<Port> m_outPorts = new ArrayList<>();

    final DefaultModel m_model;

    final List<String[]> m_externalResources = new ArrayList<>();

    NodeType m_nodeType;

    final List<String> m_keywords = new ArrayList<>();

    private DefaultNode(final String name, final String icon, final String shortDescription,
        final String fullDescription, final int[] sinceVersion, final Consumer<RequirePorts.DynamicPortsAdder> ports,
        final DefaultModel model) {
        m_name = name;
        m_icon = icon;
        m_shortDescription = shortDescription;
        m_fullDescription = fullDescription;
        m_sinceVersion = sinceVersion;
        ports.accept(new PortList());
        m_model = model;
    }

    /** Records the ports the node declares. */
    private final class PortList implements RequirePorts.DynamicPortsAdder, RequirePorts.PortsAdder {

        @Override
        public RequirePorts.PortsAdder addInputPort(final String name, final String description,
            final PortType portType) {
            m_inPorts.add(new Port(name, description, Objects.requireNonNull(portType, "portType")));
            return this;
        }

        @Override
        public RequirePorts.PortsAdder addOutputPort(final String name, final String description,
            final PortType portType) {
            m_outPorts.add(new Port(name, description, Objects.requireNonNull(portType, "portType")));
            return this;
        }
    }

    public interface RequireName {
        RequireIcon name(final String name);
    }

    public interface RequireIcon { // NOSONAR
        RequireShortDescription icon(final String icon);
    }

    public interface RequireShortDescription { // NOSONAR
        RequireFullDescription shortDescription(final String shortDescription);
    }

    public interface RequireFullDescription { // NOSONAR
        RequireSinceVersion fullDescription(final String fullDescription);
    }

    public interface RequireSinceVersion { // NOSONAR
        RequirePorts sinceVersion(final int major, final int minor, final int revision);
    }

    public interface RequireModel { // NOSONAR
        DefaultNode model(Function<RequireModelParameters, DefaultModel> model);
    }

    public DefaultNode nodeType(final NodeType nodeType) {
        if (m_nodeType != null) {
            throw new IllegalStateException("nodeType() has already been called; a node can only have one node type.");
        }
        m_nodeType = nodeType;
        return this;
    }

    public DefaultNode keywords(final String... keywords) {
        if (!m_keywords.isEmpty()) {
            throw new IllegalStateException("keywords() has already been called.");
        }
        m_keywords.addAll(Arrays.asList(keywords));
        return this;
    }

    public DefaultNode addExternalResource(final String href, final String description) {
        m_externalResources.add(new String[]{Objects.requireNonNull(href), Objects.requireNonNull(description)});
        return this;
    }
}
